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


_SUPERSCRIPT = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")

# Digits glued to a lower-case letter or to closing punctuation, followed by a
# space, a line end or punctuation. The look-behind keeps "COVID-19", "G20",
# "(2001)" and "A/70/L.55" out; the checks in _glued_ok keep decimals and
# thousands out.
_GLUED = re.compile(r"(?<=[a-z\u00e0-\u00ff,;:.)\]\"\u201d\u2019'])(\d{1,3})(?=[\s,;:.)]|$)")
_SLASHED = re.compile(r"(?<=[\w,;:.)\"\u201d\u2019])[ \t]?(\d{1,3})/(?=[\s,;:.]|$)")
_SUPER = re.compile(r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_EXPLICIT = re.compile(r"\[\^(\d{1,3})\]")
_SPACED = re.compile(r"(?<=[\w,;:.)\"\u201d\u2019])[ \t]+(\d{1,3})(?=[ \t]*\n|[ \t]*$|[ \t]+[a-z])")

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
                found.append(Candidate(block, m.start(), m.end(), int(m[1]), Strength.SPACED))
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
    # "No.5", "vol.12": a locator, not a marker.
    return not re.search(r"\b(?:No|Nos|vol|para|paras|p|pp)\.$", text[max(0, start - 6) : start])


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
    if prev in _NUMBERED_NOUNS or prev.isdigit():
        return False
    following = text[end : end + 20].lstrip()
    if re.match(r"(?:and|or|to|per|of the Charter|bis|ter|[a-z]\))\b", following):
        return False
    return True


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
            expected = next((n for n in ordered if n not in marked), None)
            ok = cand.number == expected or cand.number == last
        if ok:
            kept.append(cand)
            marked.add(cand.number)
            last = cand.number
    return kept
