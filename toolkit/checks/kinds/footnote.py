"""``footnote``: markers and notes correspond (DOMAIN.md §4).

Options: ``check`` — ``marker-without-note``, ``note-without-marker``,
``marker-order`` (markers first appear in increasing order), ``ibid`` ("Ibid."
repeats the note just before it, so it is never the first note), or
``repeated-marker`` (a marker number used again for a repeated source: the
practice of older texts only; from ``since`` on, a repeated source takes a new
note with identical text, which is correct and never reported);
``since`` (the first year of the current practice, 2000 by default);
``undated`` (``check`` or ``skip`` texts with no adoption date: drafts are
undated and follow the current practice); ``pdf_text`` (the severity of
``note-without-marker`` for text extracted from a PDF: a marker may stand in
the footer, "Adopted at the 2nd meeting. 22", which the model does not keep,
so ``off`` by default; drafts and ODS exports are always checked).
"""

from __future__ import annotations

import re
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document, FootnoteMarker, Paragraph, Subparagraph

NAME = "footnote"
OPTIONS = {
    "check": Option(
        str,
        choices=("marker-without-note", "note-without-marker", "marker-order", "ibid", "repeated-marker"),
        doc="what to check",
    ),
    "since": Option(int, default=2000, doc="first year in which a repeated source takes a new note"),
    "undated": Option(str, default="check", choices=("check", "skip"), doc="texts without an adoption date"),
    "pdf_text": Option(str, default="off", choices=("off", "info", "warning", "error"), doc="severity of a note without marker in text from a PDF"),
}

_IBID = patterns.compile(r"^\s*Ibid\b", re.IGNORECASE)

Element = Paragraph | Subparagraph


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    what = rule.options["check"]
    markers = _markers(doc)
    if what == "marker-without-note":
        numbers = {n.number for n in doc.footnotes}
        for element, marker in markers:
            if marker.number not in numbers:
                yield _at_marker(rule, doc, element, marker, number=marker.number)
        if doc.source.format != "draft":
            yield from _unrecognised(rule, doc, markers, numbers)
    elif what == "note-without-marker":
        yield from _unmarked(rule, doc, markers)
    elif what == "marker-order":
        highest = 0
        seen: set[int] = set()
        for element, marker in markers:
            if marker.number in seen:
                continue
            seen.add(marker.number)
            if marker.number < highest:
                yield _at_marker(rule, doc, element, marker, number=marker.number, previous=highest)
            highest = max(highest, marker.number)
    elif what == "ibid":
        yield from _ibid(rule, doc)
    else:
        yield from _repeated(rule, doc, markers)


def _markers(doc: Document) -> list[tuple[Element, FootnoteMarker]]:
    """Every marker in reading order, with the paragraph or subparagraph it stands in."""
    return [(e, m) for e in doc.walk_all() for m in sorted(e.markers, key=lambda m: m.offset)]


def _at_marker(rule: Rule, doc: Document, element: Element, marker: FootnoteMarker, **values) -> Finding:
    # The marker was lifted out of the clean text: point at the word it follows.
    start = max(marker.offset - 1, 0)
    return rule.at(doc, element, start, marker.offset, **values)


def _unrecognised(rule: Rule, doc: Document, markers, numbers: set[int]) -> Iterator[Finding]:
    """Digits shaped like a marker ("Strategy3", "Extremism,10") whose note is missing.

    In ODS and PDF text the reader keeps such digits as text, since it takes them
    for markers only where the note exists; they are reported when their number
    fits the sequence of the markers around them, so that a number in the text is
    not taken for a marker.
    """
    from toolkit.markers import Strength, find_candidates

    if not numbers:
        return  # a text without notes has no markers to lose
    ceiling = max(numbers) + 2
    order = [(e.id, m.offset, m.number) for e, m in markers]
    position = {e.id: i for i, e in enumerate(doc.walk_all())}
    for element in doc.walk_all():
        for cand in find_candidates(0, element.text):
            if cand.strength < Strength.GLUED or cand.number in numbers or cand.number > ceiling:
                continue
            if _lone_letter_before(element.text, cand.start):
                continue  # "integrity o1": a misread letter, not a word with its marker
            here = (position[element.id], cand.start)
            before = [n for eid, off, n in order if (position[eid], off) <= here]
            after = [n for eid, off, n in order if (position[eid], off) > here]
            if (before and cand.number <= before[-1]) or (after and cand.number >= after[0]) or (not before and cand.number != 1):
                continue
            yield rule.at(doc, element, cand.start, cand.end, number=cand.number)


_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _lone_letter_before(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends in a letter standing alone (``(?:^|[^A-Za-z])[A-Za-z]$``,
    a final line feed allowed as ``$`` allows it), from its last characters only: the
    pattern searched over the whole text before each candidate was quadratic."""
    ends = (end, end - 1) if end and text[end - 1] == "\n" else (end,)
    return any(
        e >= 1 and text[e - 1] in _LETTERS and (e == 1 or text[e - 2] not in _LETTERS) for e in ends
    )


def _unmarked(rule: Rule, doc: Document, markers) -> Iterator[Finding]:
    marked = {m.number for _, m in markers}
    explicit = doc.source.format in ("draft", "ods")
    severity = None if explicit else rule.options["pdf_text"]
    if severity == "off":
        return
    outside = " ".join(
        [a.text for a in doc.annexes] + [a.title or "" for a in doc.annexes]
        + [doc.metadata.title or "", doc.organ_line or "", doc.metadata.committee_line or "", doc.metadata.meeting or ""]
    )
    for note in doc.footnotes:
        if note.number in marked:
            continue
        # A marker outside the paragraphs (title, annex) that the model keeps as text.
        shape = rf"\[\^{note.number}\]" if explicit else rf"(?<![\d/.]){note.number}(?![\d/.])"
        if re.search(shape, outside):
            continue
        yield rule.at(doc, note, 0, _head(note.text), severity=severity, number=note.number)


def _ibid(rule: Rule, doc: Document) -> Iterator[Finding]:
    numbers = {n.number for n in doc.footnotes}
    # Only a draft's notes are known to be all there: text extracted from ODS or a
    # PDF may come from a volume that numbers notes across its texts, where
    # "Ibid." repeats a note of the text before.
    complete = doc.source.format == "draft"
    for note in doc.footnotes:
        m = _IBID.match(note.text)
        if not m:
            continue
        if note.number == 1:
            yield rule.at(doc, note, m.start(), m.end(), number=note.number, reason="footnote 1 has no note before it to repeat")
        elif complete and note.number - 1 not in numbers:
            yield rule.at(doc, note, m.start(), m.end(), number=note.number, reason=f"there is no footnote {note.number - 1} for it to repeat")


def _repeated(rule: Rule, doc: Document, markers) -> Iterator[Finding]:
    adopted = doc.metadata.adoption_date
    if adopted is None and rule.options["undated"] == "skip":
        return
    since = rule.options["since"]
    if adopted is not None and adopted.year < since:
        return  # older texts repeated the marker of a repeated source
    seen: set[int] = set()
    for element, marker in markers:
        if marker.number in seen:
            yield _at_marker(rule, doc, element, marker, number=marker.number, since=since)
        seen.add(marker.number)


def _head(text: str) -> int:
    m = re.match(r"\s*\S+", text)
    return m.end() if m else 0
