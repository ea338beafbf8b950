"""A document as a Markdown draft (the format ``toolkit.readers.draft`` reads).

``untk show RESOLUTION --format draft`` turns an official text into a draft to
keep in git; reading the draft back gives the same paragraphs, subparagraphs,
footnotes and metadata.
"""

from __future__ import annotations

import re

from toolkit.model import Document, FootnoteMarker, Metadata, Paragraph, Subparagraph

_ESCAPE_INLINE = re.compile(r"([\\*_]|\[(?=\^))")
_ESCAPE_START = re.compile(r"^(?=[#(]|\d{1,3}\s*(?:bis|ter|quater|quinquies)?\s*[.,]|---|\[\^|<!--|[a-z]\.\s|[ivx]{1,5}\.\s)")


def render(doc: Document) -> str:
    out: list[str] = ["---"]
    m = doc.metadata
    heading = m.resolution_number and m.title
    for key, value in _front_matter(m, bool(heading)):
        out.append(f"{key}: {value}")
    out.append("---")
    out.append("")
    if heading:
        out += [f"# {m.resolution_number}. {_escape(m.title or '')}", ""]
    if doc.organ_line:
        out += [_escape(doc.organ_line), ""]
    for para in doc.preamble:
        out += _element(para.text, para.markers, "", "") + [""]
        out += _subparagraphs(para, 1)
    quoted = {a.quoted_in: a for a in doc.annexes if a.quoted_in}
    for para in doc.operative:
        label = f"{para.number}. " if para.number else ""
        out += _element(para.text, para.markers, label, "") + [""]
        out += _subparagraphs(para, 1)
        if para.id in quoted:
            out += _quotation(quoted[para.id])
    for annex in doc.annexes:
        if annex.quoted_in:
            continue
        out += [f"## {annex.heading}", ""]
        if annex.title:
            out += [_escape(annex.title), ""]
        if annex.paragraphs:
            out += _instrument(annex.paragraphs, "", "")
            continue
        for block in annex.text.split("\n"):
            if block:
                out += [_escape(block), ""]
    for note in doc.footnotes:
        out.append(f"[^{note.number}]: " + _ESCAPE_INLINE.sub(r"\\\1", note.text))
    return "\n".join(out).rstrip("\n") + "\n"


def _front_matter(m: Metadata, heading: bool) -> list[tuple[str, str]]:
    rows = [
        ("organ", m.organ),
        ("symbol", m.symbol),
        ("session", m.session),
        ("agenda", ", ".join(m.agenda_items) if m.agenda_items else None),
        ("adopted", m.adoption_date.isoformat() if m.adoption_date else None),
        ("draft", m.draft_symbol),
        ("committee", m.committee_line),
        ("number", None if heading else m.resolution_number),
        ("title", None if heading else m.title),
        ("meeting", m.meeting),
        ("distributed", m.distribution_date.isoformat() if m.distribution_date else None),
        ("job", m.job_number),
    ]
    return [(k, v) for k, v in rows if v]


def _subparagraphs(element: Paragraph | Subparagraph, depth: int, lead: str = "") -> list[str]:
    out: list[str] = []
    indent = lead + "   " * depth
    for sub in element.subparagraphs:
        out += _element(sub.text, sub.markers, f"{sub.label} ", indent, escape_label=bool(lead)) + [""]
        out += _subparagraphs(sub, depth + 1, lead)
    return out


def _instrument(paragraphs: tuple[Paragraph, ...], lead: str, escape: str) -> list[str]:
    """An instrument's paragraphs, each with its number and subparagraphs."""
    out: list[str] = []
    for para in paragraphs:
        label = f"{para.number}. " if para.number else ""
        if para.heading:
            out += [lead + escape + _ESCAPE_INLINE.sub(r"\\\1", para.heading), ""]
        out += _element(para.text, para.markers, label, lead, escape_label=bool(escape)) + [""]
        out += _subparagraphs(para, 1, lead)
    return out


def _quotation(quote) -> list[str]:
    """An instrument the paragraph above quotes, as indented blocks that continue it; each
    starts with a backslash, so that its numbers are never read as the resolution's."""
    out: list[str] = []
    for title in (quote.title or "").split(" \u2014 "):
        if title:
            out += ["    \\" + _ESCAPE_INLINE.sub(r"\\\1", title), ""]
    return out + _instrument(quote.paragraphs, "    ", "\\")


def _element(
    text: str, markers: tuple[FootnoteMarker, ...], label: str, indent: str, escape_label: bool = False
) -> list[str]:
    """Lines for one paragraph: its first block with the label, continuation blocks indented."""
    blocks = _insert_markers(text, markers).split("\n")
    first = blocks[0] if label else _guard_start(blocks[0])
    if escape_label:  # a quoted instrument's own label
        first = "\\" + label + (blocks[0] if not first.startswith("\\") else first[1:])
        label = ""
    lines = [indent + label + first]
    for block in blocks[1:]:
        lines += ["", indent + "    " + _guard_start(block)]
    return lines


def _insert_markers(text: str, markers: tuple[FootnoteMarker, ...]) -> str:
    """Escape the text and put ``[^n]`` at each marker's offset."""
    pieces = []
    pos = 0
    for m in sorted(markers, key=lambda m: m.offset):
        pieces.append(_ESCAPE_INLINE.sub(r"\\\1", text[pos : m.offset]))
        pieces.append(f"[^{m.number}]")
        pos = m.offset
    pieces.append(_ESCAPE_INLINE.sub(r"\\\1", text[pos:]))
    return "".join(pieces)


def _guard_start(text: str) -> str:
    """A backslash before a start that would read as a label, heading or note."""
    return "\\" + text if _ESCAPE_START.match(text) else text


def _escape(text: str) -> str:
    return _guard_start(_ESCAPE_INLINE.sub(r"\\\1", text))
