"""A readable outline of a document: metadata, each paragraph id with its opening words, footnotes."""

from __future__ import annotations

from toolkit.dates import format_date
from toolkit.model import Document, Paragraph, Subparagraph

WIDTH = 72


def render(doc: Document) -> str:
    m = doc.metadata
    lines: list[str] = []
    heading = " ".join(x for x in (m.symbol or m.resolution_number, m.title) if x)
    lines.append(heading or doc.source.path)
    fields = [
        ("organ", m.organ),
        ("session", f"{m.session} ({m.session_number})" if m.session and m.session_number else m.session),
        ("agenda item", ", ".join(m.agenda_items) if m.agenda_items else None),
        ("adopted", format_date(m.adoption_date) if m.adoption_date else None),
        ("meeting", m.meeting),
        ("basis", m.committee_line),
        ("draft", m.draft_symbol),
        ("resolution", m.resolution_number),
        ("distributed", format_date(m.distribution_date) if m.distribution_date else None),
        ("job", m.job_number),
        ("read as", f"{doc.source.format} ({doc.source.encoding})"),
    ]
    for name, value in fields:
        if value:
            lines.append(f"  {name:<12} {value}")
    lines.append("")
    if doc.organ_line:
        lines.append(doc.organ_line)
    for para in doc.paragraphs:
        _outline(para, 0, lines)
    if doc.footnotes:
        lines.append("")
        where = {m.number: el.id for el in doc.walk() for m in el.markers}
        for note in doc.footnotes:
            mark = f"  [{where[note.number]}]" if note.number in where else "  [no marker]"
            lines.append(_row(note.id, note.text, 0) + mark)
    for annex in doc.annexes:
        lines.append("")
        lines.append(_row(annex.id, " ".join(x for x in (annex.heading, annex.title) if x), 0))
    lines.append("")
    lines.append(
        f"{len(doc.preamble)} preambular, {len(doc.operative)} operative paragraphs, "
        f"{sum(1 for _ in doc.walk()) - len(doc.paragraphs)} subparagraphs, {len(doc.footnotes)} footnotes"
        + (f", {len(doc.annexes)} annexes" if doc.annexes else "")
    )
    for diag in doc.diagnostics:
        place = f":{diag.location.line}:{diag.location.column}" if diag.location else ""
        lines.append(f"warning: {doc.source.path}{place}: {diag.message}")
    return "\n".join(lines) + "\n"


def _outline(element: Paragraph | Subparagraph, depth: int, lines: list[str]) -> None:
    lines.append(_row(element.id, element.text, depth))
    for sub in element.subparagraphs:
        _outline(sub, depth + 1, lines)


def _row(ident: str, text: str, depth: int) -> str:
    indent = "  " * depth
    head = f"{indent}{ident:<{max(8, len(ident) + 1)}}"
    room = max(20, WIDTH - len(head))
    flat = " ".join(text.split())
    if len(flat) > room:
        flat = flat[: room - 1].rsplit(" ", 1)[0] + "\u2026"
    return head + flat
