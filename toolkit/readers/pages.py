"""Pages of text extracted from a published PDF: running heads and page-foot notes.

Text extractors (PyMuPDF, pdftotext) keep the page furniture of a General Assembly
document in place (DOMAIN.md §9): each page after the first opens or closes with a
running head of two or three lines (the symbol, the title, perhaps wrapped, the page
number "2/5" and the job number "25-17552"), and the notes of a page follow a rule of
underscores at its foot, before the next page's running head. A sentence goes on
across both. This module finds those lines so that the text reader can treat them as
a page break, and hands the notes over in page order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.readers.furniture import is_furniture
from toolkit.readers.layout import Line

#: The rule above a page's footnotes.
_RULE = re.compile(r"^\s*_{5,}\s*$")
#: What certainly marks a page boundary: a page number "2/5" or the symbol alone.
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# A running head's symbol ends without punctuation; "A/70/L.55." wrapped onto a line of
# its own is the end of a sentence.
_DOCUMENT_SYMBOL = re.compile(r"^\s*[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+){2,7}(?<![.,;:])(?:\s*\(\d{4}\))?\s*$")
_JOB_NUMBER = re.compile(r"^\s*\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?\s*$")
# A running head spans a few lines around its anchor: symbol, title (two lines at most),
# page number, job number, and the blank lines between them.
_REACH = 8


@dataclass(frozen=True, slots=True)
class Pages:
    """Which lines are page furniture, and the lines of the notes at the page feet."""

    furniture: frozenset[int]  # line numbers of running heads, rules and notes
    notes: tuple[Line, ...]


def _is_boundary(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text) or _DOCUMENT_SYMBOL.match(text) or _JOB_NUMBER.match(text))


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2011", "-").split()).lower()


def _joined(lines: list[Line]) -> str:
    """Lines of a running head as one text; a line broken after a hyphen goes on without a
    space ("… Capacity-" / "building")."""
    out = ""
    for line in lines:
        text = _normal(line.text)
        out = out + text if out.endswith("-") or not out else f"{out} {text}"
    return out


def split_pages(lines: list[Line], body_start: int) -> Pages:
    """Running heads and page-foot notes of extracted PDF text.

    ``lines[:body_start]`` are the first page above the body (the masthead and title
    block), never a running head: a line of a running head that is not a symbol, page
    or job number must repeat part of them (the title), so body text is never taken
    for a running head.
    """
    if not any(_RULE.match(line.text) for line in lines) and not any(_PAGE_NUMBER.match(l.text) for l in lines):
        return Pages(frozenset(), ())
    known = _normal(" ".join(l.text for l in lines[:body_start]))
    # A short title ("Oceans") counts only as a whole line of the first page, never as a
    # fragment of one.
    whole = {_normal(l.text) for l in lines[:body_start] if l.text.strip()}
    whole |= {t.split(". ", 1)[1] for t in whole if re.match(r"\d+/\d+\. ", t)}
    heads = _running_heads(lines, known, body_start, whole)
    furniture = set(heads)
    notes: list[Line] = []
    in_notes = False
    for line in lines:
        if line.number in heads:
            in_notes = False
            continue
        if _RULE.match(line.text):
            in_notes = True
            furniture.add(line.number)
            continue
        if in_notes:
            furniture.add(line.number)
            notes.append(line)
    return Pages(frozenset(furniture), tuple(notes))


def _running_heads(lines: list[Line], known: str, body_start: int, whole: set[str] = frozenset()) -> set[int]:
    """Line numbers of every running head: boundary lines and the title lines beside them."""
    heads: set[int] = set()
    for i, line in enumerate(lines):
        if i < body_start or not _PAGE_NUMBER.match(line.text):
            continue
        # The anchor is the page number; the head is the run of boundary lines, blanks
        # and title lines around it.
        lo, hi = i, i
        while lo - 1 >= body_start and i - (lo - 1) <= _REACH and _head_line(lines[lo - 1].text):
            lo -= 1
        while hi + 1 < len(lines) and (hi + 1) - i <= _REACH and _head_line(lines[hi + 1].text):
            hi += 1
        run = lines[lo : hi + 1]
        for part in run:
            stripped = part.text.strip()
            if not stripped or _is_boundary(stripped) or is_furniture(stripped):
                heads.add(part.number)
        heads.update(_title_lines(run, known, whole))
    return heads


def _head_line(text: str) -> bool:
    """A line that may belong to a running head: blank, a boundary or an unpunctuated short line."""
    stripped = text.strip()
    if _RULE.match(stripped):
        return False  # the rule above a page's notes ends a running head's reach
    if not stripped or _is_boundary(stripped) or is_furniture(stripped):
        return True
    return len(stripped) <= 110 and not stripped.endswith((",", ";", ".", ":"))


def _title_lines(run: list[Line], known: str, whole: set[str] = frozenset()) -> set[int]:
    """The lines of a run that repeat the title: consecutive text lines whose joined
    text stands in the first page's header. A body line next to the head (a page that
    ends without notes) is left out: only the stretch found in the header is taken."""
    found: set[int] = set()
    group: list[Line] = []

    def settle() -> None:
        if group and known:
            best: list[Line] = []
            for lo in range(len(group)):
                for hi in range(len(group), lo, -1):
                    if hi - lo <= len(best) or (lo > 0 and hi < len(group)):
                        continue
                    joined = _joined(group[lo:hi])
                    if (len(joined) >= 8 and joined in known) or joined in whole:
                        best = group[lo:hi]
            found.update(l.number for l in best)
        group.clear()

    for part in run:
        stripped = part.text.strip()
        if stripped and not _is_boundary(stripped) and not is_furniture(stripped):
            group.append(part)
        else:
            settle()
    settle()
    return found
