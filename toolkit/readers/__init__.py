"""Readers: each turns one input format into the document model.

``read_document(path)`` sniffs the format from the content; ``input_format``
overrides it. Text formats: ``ods`` (the UN document system's text export),
``text`` (hard-wrapped text from PDF, or one paragraph per line) and ``draft``
(the Markdown form for drafts kept in git). Containers: ``docx`` (Word) and
``pdf``, recognised by their first bytes; their readers import python-docx and
pypdfium2 only when such a file is read.
"""

from __future__ import annotations

from toolkit.errors import InputError
from toolkit.model import Diagnostic, Document, Source
from toolkit.source import RawSource, line_starts, load

TEXT_FORMATS = ("ods", "text", "draft")
CONTAINER_FORMATS = ("docx", "pdf")
FORMATS = TEXT_FORMATS + CONTAINER_FORMATS
#: How tracked changes in a .docx are read: as if all accepted, or all rejected (or, by
#: ``author=NAME[,NAME…]``, those of some authors accepted).
REVISIONS = ("accept", "reject")


def sniff(text: str) -> str:
    """The text format a resolution is written in."""
    from toolkit.readers import draft, ods

    if ods.sniff(text):
        return "ods"
    if draft.sniff(text):
        return "draft"
    return "text"


def read_document(path: str, input_format: str | None = None, revisions: str = "accept") -> Document:
    """Read a resolution file into the document model.

    ``revisions`` says how a Word document's tracked changes are read:
    ``accept`` (the text as it would be with every change accepted),
    ``reject`` (the text before the changes), or ``author=NAME[,NAME…]``
    (the changes of those authors accepted, the others rejected).
    """
    return read_with_source(path, input_format, revisions)[0]


def read_with_source(path: str, input_format: str | None = None, revisions: str = "accept") -> tuple[Document, str]:
    """``read_document``, with the text its source offsets point into (the decoded file,
    or the text a Word or PDF reader made of the container)."""
    try:
        raw = load(path)
    except InputError:
        _refuse_ole(path)
        raise
    if raw.kind in CONTAINER_FORMATS:
        if input_format is not None and input_format != raw.kind:
            raise InputError(path, f"this is a {raw.kind.upper()} file; it cannot be read as {input_format}")
        return read_container(raw, revisions)
    if input_format in CONTAINER_FORMATS:
        raise InputError(path, f"this is not a {input_format.upper()} file")
    return parse_text(raw.text, path=path, input_format=input_format, raw=raw), raw.text


def _refuse_ole(path: str) -> None:
    """A clearer reason for an OLE compound file: an encrypted .docx or an old .doc."""
    from toolkit.readers.docx_package import OLE_MAGIC

    try:
        with open(path, "rb") as handle:
            head = handle.read(len(OLE_MAGIC))
    except OSError:
        return
    if head == OLE_MAGIC:
        raise InputError(
            path,
            "an encrypted (password-protected) Word document or an old binary .doc; "
            "untk reads .docx saved without a password",
        )


def read_container(raw: RawSource, revisions: str) -> tuple[Document, str]:
    """A Word or PDF file's document and the text it was read from, from bytes already
    loaded (``raw``): what the workbench's uploads and the readers of paths share."""
    from toolkit import structure

    if raw.kind == "docx":
        from toolkit.readers import docx

        content = docx.read(raw.path, raw.data, revisions)
        text, layout = content.source, content.layout
    else:
        from toolkit.readers import pdf

        text, layout = pdf.read(raw.path, raw.data)
    source = Source(path=raw.path, format=raw.kind, encoding=raw.encoding, sha256=raw.sha256, line_starts=line_starts(text))
    doc = structure.build(layout, source)
    _require_resolution(doc, raw.path)
    return doc, text


def _require_resolution(doc: Document, path: str) -> None:
    if (
        not doc.operative
        and not doc.preamble
        and doc.organ_line is None
        and not doc.metadata.resolution_number
        and not doc.instructions
    ):
        raise InputError(
            path, "does not look like a resolution: no organ line, no paragraphs, no resolution number, no amendment"
        )


def parse_text(text: str, path: str = "<text>", input_format: str | None = None, raw: RawSource | None = None) -> Document:
    """Read resolution text (already decoded) into the document model."""
    from toolkit import structure
    from toolkit.readers import draft, ods
    from toolkit.readers import text as plain

    fmt = input_format or sniff(text)
    if fmt == "text" and input_format is None and path.lower().endswith((".md", ".markdown")):
        fmt = "draft"  # a Markdown draft without front matter or heading is still Markdown
    if fmt not in TEXT_FORMATS:
        raise InputError(path, f"unknown input format {fmt!r}; choose from {', '.join(TEXT_FORMATS)}")
    from toolkit import limits

    limits.check_text(path, text)
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
    limits.check_paragraphs(path, len(layout.blocks) + len(layout.footnotes))
    doc = structure.build(layout, source)
    _require_resolution(doc, path)
    if raw and raw.notes:
        doc = _with_notes(doc, raw.notes)
    return doc


def _with_notes(doc: Document, notes: tuple[str, ...]) -> Document:
    from dataclasses import replace

    return replace(doc, diagnostics=tuple(Diagnostic(n) for n in notes) + doc.diagnostics)
