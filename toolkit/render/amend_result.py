"""What ``untk amend`` did, for people (text) and programs (JSON, ``amend.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from toolkit import __version__
from toolkit.amend import Amended, Amendment, Result
from toolkit.comparison import compare
from toolkit.model import Document
from toolkit.render import diff_text
from toolkit.render.json_model import to_dict as document_dict
from toolkit.render.safe import visible

SCHEMA_VERSION = 1


def _name(doc: Document) -> str:
    return (doc.draft.symbol if doc.draft and doc.draft.symbol else None) or doc.metadata.symbol or doc.source.path


def text(draft: Document, amendments: list[Amendment], result: Result, color: bool = False) -> str:
    """A line per operation applied and per problem, then the redline of the draft against the result."""
    names = ", ".join(a.name for a in amendments)
    lines = [
        visible(f"{_name(draft)} amended by {names}: {len(result.applied)} "
                f"{'change' if len(result.applied) == 1 else 'changes'} applied, {len(result.problems)} "
                f"{'problem' if len(result.problems) == 1 else 'problems'}"),
        "",
    ]
    for a in result.applied:
        lines.append(visible(f"{a.amendment} {a.instruction}: {a.detail}"))
    for p in result.problems:
        lines.append(visible(f"{p.amendment} {p.instruction}: not applied: {p.reason}: {p.text}"))
    lines.append("")
    lines.append(diff_text.render(compare(draft, result.document), color=color))
    return "\n".join(lines).rstrip("\n") + "\n"


def to_dict(draft: Document, amendments: list[Amendment], result: Result) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "untk_version": __version__,
        "draft": {"path": draft.source.path, "symbol": _name(draft)},
        "amendments": [
            {"name": a.name, "sponsors": list(a.sponsors), "instructions": [{"id": i, "text": t} for i, t in a.instructions]}
            for a in amendments
        ],
        "applied": [
            {"amendment": a.amendment, "instruction": a.instruction, "action": a.action, "target": a.target or None, "detail": a.detail}
            for a in result.applied
        ],
        "problems": [
            {"amendment": p.amendment, "instruction": p.instruction, "text": p.text, "reason": p.reason} for p in result.problems
        ],
        "document": document_dict(result.document),
    }


def json_text(draft: Document, amendments: list[Amendment], result: Result) -> str:
    return json.dumps(to_dict(draft, amendments, result), ensure_ascii=False, indent=2) + "\n"


# The formats of ``untk amend`` (``toolkit.render.AMEND_FORMATS``), each of one ``Amended``.


def render_text(amended: Amended, color: bool = False) -> str:
    return text(amended.draft, list(amended.amendments), amended.result, color=color)


def render_json(amended: Amended) -> str:
    return json_text(amended.draft, list(amended.amendments), amended.result)


def render_docx(amended: Amended) -> bytes:
    """The redline as Word tracked changes, each change by the amendment that made it."""
    from toolkit.render.diff_docx import render as redline_docx

    result = amended.result
    return redline_docx(compare(amended.draft, result.document), authors=lambda pair: result.author_of(pair.old, pair.new))


def render_draft(amended: Amended) -> str:
    """The amended text in the Markdown draft form."""
    return amended.result.text
