"""Formatters: each turns a result (a document, a comparison, findings) into text.

Formatters share nothing with the logic that made the result; they are looked
up by name so that the command line never chooses among them itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from toolkit.render.options import RenderOptions

#: Document formatters for ``untk show``: name -> "module:function".
DOCUMENT_FORMATS = {
    "outline": "toolkit.render.outline:render",
    "json": "toolkit.render.json_model:render",
    "draft": "toolkit.render.draft:render",
}


#: Comparison formatters for ``untk diff``.
DIFF_FORMATS = {
    "text": "toolkit.render.diff_text:render",
    "json": "toolkit.render.diff_json:render",
    "markdown": "toolkit.render.diff_markdown:render",
    "html": "toolkit.render.diff_html:render",
    "docx": "toolkit.render.diff_docx:render",
    "amendments": "toolkit.render.amendments:render",
}


#: History formatters for ``untk history``.
HISTORY_FORMATS = {
    "text": "toolkit.render.history_text:render",
    "json": "toolkit.render.history_json:render",
}


#: Findings formatters for ``untk check``.
FINDINGS_FORMATS = {
    "text": "toolkit.render.findings_text:render",
    "json": "toolkit.render.findings_json:render",
    "sarif": "toolkit.render.findings_sarif:render",
    "github": "toolkit.render.findings_github:render",
}


#: What ``untk amend`` did.
AMEND_FORMATS = {
    "text": "toolkit.render.amend_result:render_text",
    "json": "toolkit.render.amend_result:render_json",
    "docx": "toolkit.render.amend_result:render_docx",
    "draft": "toolkit.render.amend_result:render_draft",
}


#: Agreed-language hits for ``untk search``.
SEARCH_FORMATS = {
    "text": "toolkit.render.search:text",
    "json": "toolkit.render.search:json_text",
}


#: A draft's provenance for ``untk provenance``.
PROVENANCE_FORMATS = {
    "text": "toolkit.render.provenance:text",
    "json": "toolkit.render.provenance:json_text",
}


#: The citation network for ``untk graph``.
GRAPH_FORMATS = {
    "graphml": "toolkit.render.graph:graphml",
    "json": "toolkit.render.graph:json_text",
}


#: What the registry knows of a resolution, for ``untk registry show``.
REGISTRY_RECORD_FORMATS = {
    "text": "toolkit.render.registry:record_text",
    "json": "toolkit.render.registry:record_json",
}


#: What a registry holds, for ``untk registry stats``.
REGISTRY_STATS_FORMATS = {
    "text": "toolkit.render.registry:summary_text",
    "json": "toolkit.render.registry:summary_json",
}


#: The bundled rules, for ``untk rules list``.
RULE_LIST_FORMATS = {
    "text": "toolkit.render.rules:list_text",
    "json": "toolkit.render.rules:list_json",
}


#: One rule, for ``untk rules show``.
RULE_FORMATS = {
    "text": "toolkit.render.rules:rule_text",
    "json": "toolkit.render.rules:rule_json",
}


#: The rules' own examples run, for ``untk rules test``.
RULE_TEST_FORMATS = {
    "text": "toolkit.render.rules:examples_text",
    "json": "toolkit.render.rules:examples_json",
}


def formatter(table: dict[str, str], name: str) -> Callable[..., Any]:
    """The formatter registered under ``name`` in ``table``."""
    module, _, function = table[name].partition(":")
    return getattr(importlib.import_module(module), function)


def render(table: dict[str, str], name: str, result: Any, options: RenderOptions | None = None) -> str | bytes:
    """``result`` in the format ``name``, given the options that formatter takes."""
    function = formatter(table, name)
    return function(result, **options.for_formatter(function)) if options else function(result)


def formats_taking(table: dict[str, str], option: str) -> list[str]:
    """The formats in ``table`` whose formatter has a use for ``option``."""
    from toolkit.render.options import accepts

    return [name for name in table if accepts(formatter(table, name), option)]
