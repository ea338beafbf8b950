"""Find footnote markers that lost their superscript (DOMAIN.md §4, §7).

Text exported from ODS or extracted from PDF writes the marker as plain digits:
"Peace,1", "Strategy3", 'Strategy",4', or, in hard-wrapped PDF text, a number set
apart ("contained in document S/10352 46", "Nations, 1/"). Candidates are found
by shape, then kept only when the number is one the footnotes section holds and,
for the weaker shapes, when it comes next in sequence. Symbols, decimals, years,
"article 12", "1373 (2001)" and "217 A (III)" never match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Iterable, Sequence


class Strength(IntEnum):
    SPACED = 0  # "report 45 of": only when next in sequence
    GLUED = 1  # "Peace,1", "Strategy3": when the footnote exists
    EXPLICIT = 2  # superscript digits, "1/", "[^1]": always


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible marker: the range of block text to remove and the note number."""

    block: int
    start: int
    end: int
    number: int
    strength: Strength


_ANY_DIGIT = re.compile(r"[0-9\u00b9\u00b2\u00b3\u2070\u2074-\u2079]")
_SUPERSCRIPT = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")

# Digits glued to a lower-case letter or to closing punctuation, followed by a
# space, a line end or punctuation. The look-behind keeps "COVID-19", "G20",
# "(2001)" and "A/70/L.55" out; the checks in _glued_ok keep decimals and
# thousands out.
_GLUED = re.compile(r"(?<=[a-z\u00e0-\u00ff,;:.)\]\"\u201d\u2019'])(\d{1,3})(?=[\s,;:.)]|$)")
_SLASHED = re.compile(r"(?<=[\w,;:.)\"\u201d\u2019])[ \t\n]?(\d{1,3})/(?=[\s,;:.]|$)")
_SUPER = re.compile(r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_EXPLICIT = re.compile(r"\[\^(\d{1,3})\]")
_SPACED = re.compile(
    r"(?<=[\w,;:.)\"\u201d\u2019])[ \t]+(\d{1,3})(?=[ \t]*\n|[ \t]*$|[ \t]+[a-z])"
    r"|(?<=[,;:.])[ \t]+(\d{1,3})(?=[ \t]+[A-Z][a-z])"
)

_LOCATOR = re.compile(r"\b(?:No|Nos|vol|para|paras|p|pp|art|Art|Add|Corr|Rev|Amend|Suppl|Sect|Ch)\.$")
_MONTH_NEXT = re.compile(
    r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)

#: Words after which a number is a reference, never a footnote marker.
_NUMBERED_NOUNS = frozenset(
    """article articles paragraph paragraphs para paras rule rules item items
    annex chapter chapters section sections goal goals target targets page pages
    resolution resolutions decision decisions meeting meetings no nos vol volume
    principle principles recommendation recommendations part parts point points
    session sessions protocol phase stage step option appendix table figure
    level category group line lines clause clauses schedule box""".split()
)


def find_candidates(block: int, text: str, *, explicit_only: bool = False, spaced: bool = False) -> list[Candidate]:
    """Every marker-shaped number in one block of text, in order."""
    found: list[Candidate] = []
    if not _ANY_DIGIT.search(text):
        return found
    for m in _EXPLICIT.finditer(text):
        found.append(Candidate(block, m.start(), m.end(), int(m[1]), Strength.EXPLICIT))
    if explicit_only:
        return found
    for m in _SUPER.finditer(text):
        found.append(Candidate(block, m.start(), m.end(), int(m[0].translate(_SUPERSCRIPT)), Strength.EXPLICIT))
    for m in _SLASHED.finditer(text):
        found.append(Candidate(block, m.start(), m.end(), int(m[1]), Strength.EXPLICIT))
    for m in _GLUED.finditer(text):
        if _glued_ok(text, m.start(1)):
            found.append(Candidate(block, m.start(1), m.end(1), int(m[1]), Strength.GLUED))
    if spaced:
        for m in _SPACED.finditer(text):
            if _spaced_ok(text, m.start(), m.end()):
                found.append(Candidate(block, m.start(), m.end(), int(m[1] or m[2]), Strength.SPACED))
    found.sort(key=lambda c: (c.start, -c.strength))
    return _drop_overlaps(found)


def _glued_ok(text: str, start: int) -> bool:
    before = text[start - 1]
    if before in ".," and start >= 2 and text[start - 2].isdigit():
        # "16.2" and "0.6" are decimals, "1,500" has a thousands separator;
        # "8 April 2016,5" is still a marker after a comma.
        if before == "." or re.match(r"\d{3}(?!\d)", text[start:]):
            return False
    if _inside_symbol(text, start):
        return False
    # "No.5", "vol.12", "Corr.1", "Add.2": a locator or symbol suffix, not a marker.
    return not _LOCATOR.search(text[max(0, start - 8) : start])


def _inside_symbol(text: str, start: int) -> bool:
    """True when the digits continue a document symbol such as A/70/L.55 or S/2015/123."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token = text[token_start:start]
    return "/" in token and not re.search(r"[\"\u201d\u2019,;)]$", token)


def _spaced_ok(text: str, start: int, end: int) -> bool:
    words = re.findall(r"[A-Za-z]+\.?|\d+", text[max(0, start - 40) : start])
    if not words:
        return False
    prev = words[-1].rstrip(".").lower()
    if prev in _NUMBERED_NOUNS:
        return False
    if prev.isdigit() and not _PUNCT_BEFORE.search(text, max(0, start - 4), start) and not _after_date(text, start) and not _after_symbol(text, start):
        return False  # "1964 353": a list of numbers, not a marker
    if _MONTH_NEXT.match(text, end):
        return False  # "on 30\nNovember 1993": a date wrapped across lines
    following = text[end : end + 20].lstrip()
    return not re.match(r"(?:to|per|bis|ter|[a-z]\))\b", following)


_PUNCT_BEFORE = re.compile(r"[,;:.)]\s*$")


def _after_symbol(text: str, start: int) -> bool:
    """Whether a document symbol ("S/10352") ends just before ``start``."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    return "/" in text[token_start:start]


def _after_date(text: str, start: int) -> bool:
    """Whether a full date ("16 February 1946") ends just before ``start``."""
    return bool(re.search(r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*$", text[max(0, start - 30) : start]))


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for c in cands:
        if kept and c.start < kept[-1].end and c.block == kept[-1].block:
            continue
        kept.append(c)
    return kept


def select(candidates: Iterable[Candidate], note_numbers: Sequence[int]) -> list[Candidate]:
    """The candidates that are markers, given the footnote numbers the document holds.

    Explicit markers always count. Glued digits count when such a footnote exists.
    Spaced numbers count only when they are the next footnote not yet marked,
    or repeat the one just marked (older texts repeat a marker for a repeated
    source).
    """
    notes = set(note_numbers)
    ordered = sorted(notes)
    kept: list[Candidate] = []
    marked: set[int] = set()
    last: int | None = None
    for cand in candidates:
        if cand.strength == Strength.EXPLICIT:
            ok = True
        elif cand.number not in notes:
            ok = False
        elif cand.strength == Strength.GLUED:
            ok = True
        else:
            # Next in sequence, allowing for up to two notes whose markers were
            # lost, or a repeat of the marker just seen.
            floor = last or 0
            skipped = sum(1 for n in ordered if floor < n < cand.number and n not in marked)
            ok = cand.number == last or (cand.number > floor and cand.number not in marked and skipped <= 2)
        if ok:
            kept.append(cand)
            marked.add(cand.number)
            last = cand.number
    return kept
