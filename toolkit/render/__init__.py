"""Formatters: each turns a result (a document, a comparison, findings) into text.

Formatters share nothing with the logic that made the result; they are looked
up by name so that the command line never chooses among them itself.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

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


def formatter(table: dict[str, str], name: str) -> Callable[..., Any]:
    """The formatter registered under ``name`` in ``table``."""
    module, _, function = table[name].partition(":")
    return getattr(importlib.import_module(module), function)
