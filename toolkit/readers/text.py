"""Plain text: hard-wrapped text extracted from PDF, or one paragraph per line.

Page furniture (mastheads, running heads, job numbers, page numbers) is dropped,
lines are joined into paragraphs, words hyphenated across lines are rejoined,
and the footnotes below the footer are collected.
"""

from __future__ import annotations

import re

from toolkit import patterns
from toolkit.dates import DATE
from toolkit.readers.furniture import is_furniture
from toolkit.readers.metadata import masthead_end
from toolkit.readers.pages import split_pages
from toolkit.vocabulary import ORGAN_LINE
from toolkit.readers.layout import (
    LONG_OP_LABEL,
    OCR_OP_LABEL,
    OP_LABEL,
    PART_HEADING,
    Block,
    Layout,
    Line,
    RawFootnote,
    directives_in,
    ends_paragraph,
    is_directive_line,
    join_lines,
    split_lines,
    starts_paragraph,
    vocabulary_of,
)

# "* On behalf of the States Members ...": the note of a sponsors line (drafts).
_STAR_NOTE = patterns.compile(r"^\s*(?P<stars>\*{1,3})\s*(?P<text>\S.*)$")
_NOTE_START = patterns.compile(r"^\s*(?P<number>\d{1,3})(?:(?P<slash>/)|\.)?\s+(?P<text>\S.*)$")
# "Adopted at the 2nd meeting.", "Adopted unanimously at the" (wrapped), "110th plenary meeting".
_FOOTER_LINE = patterns.compile(
    r"^\s*(?:Adopted\b|ADOPTED\b|\d+(?:st|nd|rd|th|d)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\b"
    r"|(?:[A-Za-z]+[ -])*[A-Za-z]*(?:first|second|third|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting\.?\s*$)"
)
# The last paragraph's full stop, perhaps followed by its last footnote marker.
_ENDS_TEXT = patterns.compile(r"[.][\"\u201d\u2019')\]]*(?:\s\d{1,3}/?|\s?\d{1,3}/)?$|[a-z)][.]\d{1,3}$")
_ENDS_SENTENCE = patterns.compile(r"[.;:][\"\u201d\u2019')\]]*(?:\s\d{1,3}/?|\s?\d{1,3}/)?$|[a-z)][.;:]\d{1,3}$")
# "13 votes to none, with 2 abstentions": a footer's vote count, never a note.
_VOTES = patterns.compile(r"^\s*\d+\s+(?:votes?|abstentions?|in favour|against)\b", re.I)
_LONE_MARKER = patterns.compile(r"\d{1,3}/?")
_LINE_END_HYPHEN = patterns.compile(r"[A-Za-z]-[ \t]*\n")
_DATE_LINE = patterns.compile(r"^\s*" + DATE.pattern + r"\.?\s*$")


def read(source: str, lines: list[Line] | None = None, *, one_line_paragraphs: bool = False) -> Layout:
    """Lay out plain resolution text (or the given lines of it) as blocks and footnotes."""
    if lines is None:
        lines = split_lines(source)
    directives = tuple(d for line in lines if is_directive_line(line) for d in directives_in(line))
    if directives:
        lines = [Line(l.number, l.start, "") if is_directive_line(l) else l for l in lines]
    body_start = _body_start(lines)
    pages = split_pages(lines, body_start) if not one_line_paragraphs else None
    if pages and pages.furniture:
        # Published PDF text: notes at each page's foot, running heads between pages.
        in_notes = {l.number for l in pages.notes}
        body = [l for l in lines if l.number not in in_notes]
        star_lines = [l for l in pages.notes if _STAR_NOTE.match(l.text)]
        notes = list(pages.notes)
        rest, trailing = split_footnotes(body)
        if trailing and not notes:
            body, notes = rest, trailing
    else:
        body, notes = split_footnotes(lines)
        star_lines = []
    # The vocabulary only serves to rejoin words hyphenated at a line end.
    words = vocabulary_of(source) if _LINE_END_HYPHEN.search(source) else set()
    furniture = pages.furniture if pages else frozenset()
    return Layout(
        blocks=tuple(group(body, source, words, one_line_paragraphs, furniture)),
        footnotes=tuple(notes_of(notes, source, words)),
        markers="glued" if one_line_paragraphs else "loose",
        directives=directives,
        notes_unnumbered=tuple(star_notes(notes, source, words)) if star_lines else (),
        masthead="\n".join(l.text for l in lines[:body_start]) if not one_line_paragraphs else "",
    )


def _body_start(lines: list[Line]) -> int:
    """Index of the organ line: the masthead and title block stand above it. An
    amendment has none: its instructions follow the title after the sponsors line."""
    for i, line in enumerate(lines[:200]):
        if ORGAN_LINE.match(line.stripped):
            return i
    return masthead_end([l.text for l in lines[:120]]) or 0


def split_footnotes(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Body lines and the trailing footnote lines below the footer or the last paragraph."""
    start = _notes_start(lines)
    if start is None:
        return lines, []
    return lines[:start], lines[start:]


def _notes_start(lines: list[Line]) -> int | None:
    """Index of the first footnote line, or None when the text has no footnotes at its end."""
    # What the lines below each one hold, found in one pass from the end: whether a
    # paragraph label follows, and whether a note number greater than 0 does.
    label_below = [False] * (len(lines) + 1)
    note_below = [False] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        label_below[i] = label_below[i + 1] or _PARAGRAPH_LABEL.match(text) is not None
        m = _NOTE_START.match(text)
        note_below[i] = note_below[i + 1] or bool(m and int(m["number"]) > 0 and not _DATE_LINE.match(text))
    for i, line in enumerate(lines):
        m = _NOTE_START.match(line.text)
        if not m or _DATE_LINE.match(line.text) or _VOTES.match(line.text) or is_furniture(line.stripped):
            continue
        prev = _previous_content(lines, i)
        if prev is None:
            continue
        last = lines[prev].text.strip()
        if _LONE_MARKER.fullmatch(last) and (before := _previous_content(lines, prev)) is not None:
            last = lines[before].text.strip() + " " + last  # a marker wrapped onto a line of its own
        after_footer = _FOOTER_LINE.match(last) or _DATE_LINE.match(last) or _in_footer(lines, prev)
        after_body = prev < i - 1 and _ENDS_TEXT.search(last)
        # A plain "1 Text" start is a note only when no paragraph label follows it.
        if not (after_footer or (after_body and (m["slash"] or not label_below[i]))):
            continue
        if note_below[i]:
            return i
    return None


def _previous_content(lines: list[Line], i: int) -> int | None:
    j = i - 1
    while j >= 0 and (not lines[j].stripped or is_furniture(lines[j].stripped)):
        j -= 1
    return j if j >= 0 else None


def _in_footer(lines: list[Line], j: int) -> bool:
    """Whether line j continues an "Adopted at the ... meeting" footer begun on earlier lines."""
    k = j
    while k >= max(0, j - 3) and lines[k].stripped:  # a footer runs to three lines at most
        if _FOOTER_LINE.match(lines[k].text):
            return True
        k -= 1
    return False


_PARAGRAPH_LABEL = patterns.compile(r"^\s*\d{1,3}\.\s")


def notes_of(lines: list[Line], source: str, words: set[str]) -> list[RawFootnote]:
    """Footnotes from their lines: a new note at each number greater than the last."""
    notes: list[tuple[int, int, list[Line]]] = []
    last = 0
    in_star = False
    after_gap, ended = True, True
    for line in lines:
        if not line.stripped or is_furniture(line.stripped):
            after_gap = True
            continue
        m = _NOTE_START.match(line.text)
        # A note's text may wrap onto a line that starts with a number ("28 and 29 June
        # 2012, …" after "…, 8 September 2010,"): a number far ahead of the sequence opens
        # a note only after a gap or after a line that ends the note before.
        follows = m is not None and (int(m["number"]) <= last + 3 or after_gap or ended)
        after_gap = False
        ended = line.text.rstrip().endswith((".", ")", "\u201d", '"'))
        if m and follows and int(m["number"]) > last and not _DATE_LINE.match(line.text) and not _VOTES.match(line.text):
            last = int(m["number"])
            lead = m.start("text")
            notes.append((last, line.start + m.start("number"), [Line(line.number, line.start + lead, line.text[lead:])]))
            in_star = False
        elif _STAR_NOTE.match(line.text):
            in_star = True  # a sponsors-line note, kept apart
        elif notes and not in_star:
            notes[-1][2].append(line)
    return [RawFootnote(n, join_lines(source, ls, words), start) for n, start, ls in notes]


def star_notes(lines: list[Line], source: str, words: set[str]) -> list[RawFootnote]:
    """The notes called by asterisks ("Mauritania:*"), numbered 0 (their marker is "*")."""
    found: list[tuple[int, list[Line]]] = []
    taking = False
    for line in lines:
        if not line.stripped:
            continue
        if m := _STAR_NOTE.match(line.text):
            lead = m.start("text")
            found.append((line.start + m.start("stars"), [Line(line.number, line.start + lead, line.text[lead:])]))
            taking = True
        elif _NOTE_START.match(line.text):
            taking = False
        elif taking:
            found[-1][1].append(line)
    return [RawFootnote(0, join_lines(source, ls, words), start) for start, ls in found]


def _heading_like(lines: list[Line]) -> bool:
    """One or two short lines, capitalised, without closing punctuation: a heading's shape."""
    text = " ".join(l.stripped for l in lines)
    return (
        len(lines) <= 2
        and text[:1].isupper()
        and len(text.split()) <= 12
        and not re.search(r"[,;:.]\W*$", text)
        and OP_LABEL.match(text) is None
    )



def _op_label(line: str, last_op: int | None) -> re.Match[str] | None:
    """An operative label opening ``line``: "14." always, "1000." only when it comes next."""
    label = OP_LABEL.match(line)
    if label is None and last_op is not None and (label := LONG_OP_LABEL.match(line)) and int(label[1]) != last_op + 1:
        return None
    return label

def group(
    lines: list[Line], source: str, words: set[str], one_line_paragraphs: bool, furniture: frozenset[int] = frozenset()
) -> list[Block]:
    """Lines into paragraph blocks.

    Without a gap, a line that opens a paragraph after one that could end it
    starts a new block. After a blank line a new block starts unless the text
    goes on in lower case from an unfinished line. After a page break (page
    furniture between two lines) an unfinished sentence goes on unless the next
    line opens a paragraph.
    """
    groups: list[list[Line]] = []
    current: list[Line] = []
    gap: str | None = None  # None, "blank" or "page"
    last_op: int | None = None  # the last operative number that opened a block
    for line in lines:
        stripped = line.stripped
        if not stripped or stripped == "[Start1]":
            gap = gap or "blank"
            continue
        if is_furniture(stripped) or line.number in furniture:
            gap = "page"
            continue
        if current:
            prev = current[-1].text
            if one_line_paragraphs:
                new = True
            elif gap is None:
                label = _op_label(stripped, last_op)
                due = label is not None and int(label[1]) in ((1,) if last_op is None else (last_op + 1, 1))
                new = (
                    (
                        (starts_paragraph(stripped) or PART_HEADING.match(stripped) or _FOOTER_LINE.match(stripped))
                        and ends_paragraph(prev)
                    )
                    # "3." alone on its line, the number that comes next: extracted PDF text
                    # sets paragraphs without a blank line between them.
                    or (due and (OP_LABEL.fullmatch(stripped) or LONG_OP_LABEL.fullmatch(stripped)) is not None)
                    # the paragraph after a heading ("II. Implementation of …", "Partnerships
                    # and support mechanisms"), set on the lines just above it
                    or (due and (PART_HEADING.match(current[0].stripped) is not None or _heading_like(current)))
                )
            elif re.fullmatch(r"\d{1,3}/", stripped):
                new = False  # a "2/" marker stranded on a line of its own belongs to the text before
            elif stripped[:1].islower() and not OCR_OP_LABEL.match(stripped):
                new = False  # no paragraph opens in lower case (but "ll." is a misread "11.")
            elif gap == "blank":
                new = True
            else:  # a page break: "," often falls at the foot of a page mid-sentence
                new = bool(_ENDS_SENTENCE.search(prev) or _FOOTER_LINE.match(stripped))
                if not new and starts_paragraph(stripped):
                    # "agenda item / 118." across a page: a number that is not due is no label.
                    label = _op_label(stripped, last_op)
                    new = not label or last_op is None or int(label[1]) in (last_op, last_op + 1)
            if new:
                groups.append(current)
                current = []
        if not current and (label := _op_label(stripped, last_op)):
            last_op = int(label[1])
        current.append(line)
        gap = None
    if current:
        groups.append(current)
    return [Block(join_lines(source, g, words), g[0].number) for g in groups]
