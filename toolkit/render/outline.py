"""A readable outline of a document: metadata, each paragraph id with its opening words, footnotes."""

from __future__ import annotations

from toolkit.dates import format_date
from toolkit.model import Document, Paragraph, Subparagraph
from toolkit.render.safe import visible, visible_name

WIDTH = 72


def render(doc: Document) -> str:
    m = doc.metadata
    lines: list[str] = []
    heading = " ".join(x for x in (m.symbol or m.resolution_number, m.title) if x)
    lines.append(heading or visible_name(doc.source.path))
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
        ("agenda title", m.agenda_title),
    ]
    if (d := doc.draft) is not None:
        fields += [
            ("document", d.document_type),
            ("committee", d.committee),
            ("distr.", " ".join(x for x in (d.distribution, format_date(d.date) if d.date else None) if x)),
            ("original", d.original),
            ("revision", f"Rev.{d.revision}" if d.revision else None),
            ("amends", d.amends),
            ("sponsors", f"{len(d.sponsors)}: {', '.join(d.sponsors)}" if d.sponsors else d.sponsor_line),
            ("note *", d.sponsor_note),
        ]
    fields.append(("read as", f"{doc.source.format} ({doc.source.encoding})"))
    for name, value in fields:
        if value:
            lines.append(_field(name, value))
    lines.append("")
    if doc.organ_line:
        lines.append(doc.organ_line)
    for para in doc.paragraphs:
        _outline(para, 0, lines)
    for instruction in doc.instructions:
        lines.append(_row(instruction.id, instruction.text, 0))
    if doc.footnotes:
        lines.append("")
        where = {m.number: el.id for el in doc.walk_all() for m in el.markers}
        for note in doc.footnotes:
            mark = f"  [{where[note.number]}]" if note.number in where else "  [no marker]"
            lines.append(_row(note.id, note.text, 0) + mark)
    for annex in doc.annexes:
        lines.append("")
        where = f"(quoted in {annex.quoted_in})" if annex.quoted_in else ""
        lines.append(_row(annex.id, " ".join(x for x in (annex.heading, where, annex.title) if x), 0))
        for para in annex.paragraphs:
            _outline(para, 1, lines)
    lines.append("")
    lines.append(
        f"{len(doc.preamble)} preambular, {len(doc.operative)} operative paragraphs, "
        f"{sum(1 for _ in doc.walk()) - len(doc.paragraphs)} subparagraphs, {len(doc.footnotes)} footnotes"
        + (f", {annexed} annexes" if (annexed := sum(1 for a in doc.annexes if not a.quoted_in)) else "")
        + (f", {quoted} quoted instruments" if (quoted := sum(1 for a in doc.annexes if a.quoted_in)) else "")
        + (f", {len(doc.instructions)} instructions" if doc.instructions else "")
    )
    for diag in doc.diagnostics:
        place = f":{diag.location.line}:{diag.location.column}" if diag.location else ""
        lines.append(f"warning: {visible_name(doc.source.path)}{place}: {visible_name(diag.message)}")
    # Every line is text of the document: none may reach the terminal as a control.
    return visible("\n".join(lines)) + "\n"


def _field(name: str, value: str) -> str:
    head = f"  {name:<12} "
    flat = " ".join(str(value).split())
    room = max(20, WIDTH * 2 - len(head))
    if len(flat) > room:
        flat = flat[: room - 1].rsplit(" ", 1)[0] + "\u2026"
    return head + flat


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
