"""The document model as JSON (documented by ``toolkit/schemas/document.schema.json``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from toolkit import __version__
from toolkit.model import Document, Draft, Footnote, FootnoteMarker, Location, Metadata, Paragraph, Span, Subparagraph

SCHEMA_VERSION = 1


def render(doc: Document) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=2) + "\n"


def to_dict(doc: Document) -> dict[str, Any]:
    """A JSON-ready dict of the whole document model."""
    return {
        "schema_version": SCHEMA_VERSION,
        "untk_version": __version__,
        "source": {
            "path": doc.source.path,
            "format": doc.source.format,
            "encoding": doc.source.encoding,
            "sha256": doc.source.sha256,
        },
        "metadata": metadata_dict(doc.metadata),
        "organ_line": doc.organ_line,
        "preamble": [_paragraph(p) for p in doc.preamble],
        "operative": [_paragraph(p) for p in doc.operative],
        "footnotes": [_footnote(n) for n in doc.footnotes],
        "annexes": [
            {
                "id": a.id,
                "heading": a.heading,
                "title": a.title,
                "text": a.text,
                "span": _span(a.span),
                "paragraphs": [_paragraph(p) for p in a.paragraphs],
                "quoted_in": a.quoted_in,
            }
            for a in doc.annexes
        ],
        "kind": doc.kind.value,
        "draft": _draft(doc.draft) if doc.draft else None,
        "instructions": [
            {"id": i.id, "number": i.number, "text": i.text, "span": _span(i.span)} for i in doc.instructions
        ],
        "diagnostics": [
            {
                "message": d.message,
                "line": d.location.line if d.location else None,
                "column": d.location.column if d.location else None,
            }
            for d in doc.diagnostics
        ],
    }


def _draft(draft: Draft) -> dict[str, Any]:
    return _fields(draft)


def metadata_dict(meta: Metadata) -> dict[str, Any]:
    return _fields(meta)


def _fields(record: Metadata | Draft) -> dict[str, Any]:
    """A flat record as JSON values: dates as YYYY-MM-DD, tuples as lists."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def _location(loc: Location) -> dict[str, int]:
    return {"line": loc.line, "column": loc.column, "offset": loc.offset}


def _span(span: Span) -> dict[str, Any]:
    return {"start": _location(span.start), "end": _location(span.end)}


def _markers(markers: tuple[FootnoteMarker, ...]) -> list[dict[str, int]]:
    return [
        {"number": m.number, "offset": m.offset, "line": m.location.line, "column": m.location.column}
        for m in markers
    ]


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {
        "id": p.id,
        "kind": p.kind.value,
        "number": p.number,
        "text": p.text,
        "span": _span(p.span),
        "markers": _markers(p.markers),
        "subparagraphs": [_subparagraph(s) for s in p.subparagraphs],
        "italic_opening": p.italic_opening,
        "heading": p.heading,
    }


def _subparagraph(s: Subparagraph) -> dict[str, Any]:
    return {
        "id": s.id,
        "label": s.label,
        "text": s.text,
        "span": _span(s.span),
        "markers": _markers(s.markers),
        "subparagraphs": [_subparagraph(c) for c in s.subparagraphs],
    }


def _footnote(n: Footnote) -> dict[str, Any]:
    return {"id": n.id, "number": n.number, "text": n.text, "span": _span(n.span)}
