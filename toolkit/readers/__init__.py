"""Readers: each turns one input format into the document model.

``read_document(path)`` sniffs the format from the content; ``input_format``
overrides it. Text formats: ``ods`` (the UN document system's text export),
``text`` (hard-wrapped text from PDF, or one paragraph per line) and ``draft``
(the Markdown form for drafts kept in git).
"""

from __future__ import annotations

from toolkit.errors import InputError
from toolkit.model import Diagnostic, Document, Source
from toolkit.source import RawSource, line_starts, load

TEXT_FORMATS = ("ods", "text", "draft")
FORMATS = TEXT_FORMATS


def sniff(text: str) -> str:
    """The text format a resolution is written in."""
    from toolkit.readers import draft, ods

    if ods.sniff(text):
        return "ods"
    if draft.sniff(text):
        return "draft"
    return "text"


def read_document(path: str, input_format: str | None = None) -> Document:
    """Read a resolution file into the document model."""
    raw = load(path)
    if raw.kind != "text":
        raise InputError(path, f"this is a {raw.kind.upper()} file; untk reads resolutions as text ({', '.join(TEXT_FORMATS)})")
    return parse_text(raw.text, path=path, input_format=input_format, raw=raw)


def parse_text(text: str, path: str = "<text>", input_format: str | None = None, raw: RawSource | None = None) -> Document:
    """Read resolution text (already decoded) into the document model."""
    from toolkit import structure
    from toolkit.readers import draft, ods
    from toolkit.readers import text as plain

    fmt = input_format or sniff(text)
    if fmt not in TEXT_FORMATS:
        raise InputError(path, f"unknown input format {fmt!r}; choose from {', '.join(TEXT_FORMATS)}")
    if fmt == "ods":
        layout = ods.read(text)
    elif fmt == "draft":
        layout = draft.read(text, path)
    else:
        layout = plain.read(text)
    import hashlib

    source = Source(
        path=path,
        format=fmt,
        encoding=raw.encoding if raw else "utf-8",
        sha256=raw.sha256 if raw else hashlib.sha256(text.encode("utf-8")).hexdigest(),
        line_starts=line_starts(text),
    )
    doc = structure.build(layout, source)
    if not doc.operative and not doc.preamble and doc.organ_line is None and not doc.metadata.resolution_number:
        raise InputError(path, "does not look like a resolution: no organ line, no paragraphs, no resolution number")
    if raw and raw.notes:
        doc = _with_notes(doc, raw.notes)
    return doc


def _with_notes(doc: Document, notes: tuple[str, ...]) -> Document:
    from dataclasses import replace

    return replace(doc, diagnostics=tuple(Diagnostic(n) for n in notes) + doc.diagnostics)
