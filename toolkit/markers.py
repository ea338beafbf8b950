"""Find footnote markers that lost their superscript (DOMAIN.md §4, §7).

Text exported from ODS or extracted from PDF writes the marker as plain digits:
"Peace,1", "Strategy3", 'Strategy",4', or, in hard-wrapped PDF text, a number set
apart ("contained in document S/10352 46", "Nations, 1/"). Candidates are found
by shape, then kept by the evidence of the footnotes section and of the markers
around them. Symbols, decimals, years, "article 12", "1373 (2001)" and
"217 A (III)" never match.

Decision rule (``select``):

1. Explicit markers (superscript digits, "1/", "[^1]") always count.
2. Glued digits ("Peace,1", "Strategy3", "resolution 79/7;1") count when the
   footnotes section holds that number.
3. Spaced digits ("document S/10352 46") count when the note exists and the
   number comes next in sequence (up to two lost markers skipped) or repeats
   the marker just seen.
4. Glued digits whose note is missing (the drafter deleted the note and kept
   its marker) count when the document has notes and the number fits the
   sequence of the markers kept by rules 1-3 (and 4, in reading order). With
   H the highest marker number before it (0 when none) and N the first
   marker after it that is not a repeat (none at the end), the number n must
   lie between them (H < n, and n < N when there is an N) and be
   - the next expected number or one that skips a single number
     (n <= H + 2), or
   - one that fills the gap between two neighbours (there is an N), or
   - the number right after the last note (n = highest note + 1).
   Digits glued to a lone letter ("integrity o1", a misread letter) are
   never taken this way. Being glued is not evidence enough: "Strategy3"
   with only note 1 and no marker before it stays text.

Digits glued to a locator ("No.5", "Corr.1"), a unit ("km2") or a section
number ("figure I.1", "table A.2") are no candidates at all, whatever the notes.
Spaced digits whose note is missing are never markers: a number set apart by
a space is too often a count or a reference.
"""

from __future__ import annotations

import bisect
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
    #: Glued digits that may stand for a marker whose note is missing (not after
    #: a lone letter, "integrity o1"): rule 4 of ``select``.
    may_lack_note: bool = False


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
    r"|(?<=[,;])[ \t]+(\d{1,3})(?=[ \t]+\d{1,4}/\d)"  # "of 23 March 2017, 4 35/34 of …": between list items
)

_LONE_LETTER = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]$")
_UNIT = re.compile(r"(?:^|[^A-Za-z])(?:km|cm|mm|m|ha|kg|kt|sq|ft)$")
_SECTION = re.compile(r"(?:^|[^A-Za-z])(?:[IVXLCDM]+|[A-Z])\.$")  # "figure I.1", "table A.2"
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
    level category group line lines clause clauses schedule box action actions""".split()
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
        if _UNIT.search(text[max(0, m.start() - 4) : m.start()]):
            continue  # "0.100 m³", "5 km²": a unit's power, not a marker
        found.append(Candidate(block, m.start(), m.end(), int(m[0].translate(_SUPERSCRIPT)), Strength.EXPLICIT))
    for m in _SLASHED.finditer(text):
        found.append(Candidate(block, m.start(), m.end(), int(m[1]), Strength.EXPLICIT))
    for m in _GLUED.finditer(text):
        if _glued_ok(text, m.start(1)):
            lone = bool(_LONE_LETTER.search(text[max(0, m.start(1) - 2) : m.start(1)]))
            found.append(Candidate(block, m.start(1), m.end(1), int(m[1]), Strength.GLUED, not lone))
    for m in _YEAR_GLUED.finditer(text):
        # "programme of work for 20252 and", "of 10 October 202411 and": a marker that
        # lost its superscript against a year. Only the sequence can tell, so it is
        # taken as a number set apart is (rule 3).
        if 1945 <= int(m[1]) <= 2099 and not _inside_symbol(text, m.start(1)):
            found.append(Candidate(block, m.start(2), m.end(2), int(m[2]), Strength.SPACED))
    if spaced:
        for m in _SPACED.finditer(text):
            if _spaced_ok(text, m.start(), m.end()):
                found.append(Candidate(block, m.start(), m.end(), int(m[1] or m[2] or m[3]), Strength.SPACED))
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
    # "No.5", "vol.12", "Corr.1", "Add.2": a locator or symbol suffix, not a marker;
    # "km2": a unit; "figure I.1", "table A.2": a section number.
    before = text[max(0, start - 8) : start]
    return not (_LOCATOR.search(before) or _UNIT.search(before) or _SECTION.search(before))


def _inside_symbol(text: str, start: int) -> bool:
    """True when the digits continue a document symbol such as A/70/L.55 or S/2015/123."""
    token = _token_before(text, start)
    return "/" in token and not re.search(r"[\"\u201d\u2019,;)]$", token)


def _spaced_ok(text: str, start: int, end: int) -> bool:
    words = re.findall(r"[A-Za-z]+\.?|\d+", text[max(0, start - 40) : start])
    if not words:
        return False
    prev = words[-1].rstrip(".").lower()
    ordinal = len(words) >= 2 and _is_ordinal(words[-2])  # "at its sixtieth session 6": not "session 6"
    if prev in _NUMBERED_NOUNS and not _PUNCT_BEFORE.search(text, max(0, start - 4), start) and not ordinal:
        return False  # "paragraph 3" is a reference; "resolutions, 3 urges" a marker after a comma
    last_of_text = not text[end:].strip()
    if (
        prev.isdigit()
        and not _PUNCT_BEFORE.search(text, max(0, start - 4), start)
        and not _after_date(text, start)
        and not _after_symbol(text, start)
        and not (last_of_text and len(prev) == 4)  # "… Agency for 2022 1": the paragraph's last word
    ):
        return False  # "1964 353": a list of numbers, not a marker
    if _MONTH_NEXT.match(text, end):
        return False  # "on 30\nNovember 1993": a date wrapped across lines
    following = text[end : end + 20].lstrip()
    return not re.match(r"(?:to|per|bis|ter|[a-z]\))\b", following)


_PUNCT_BEFORE = re.compile(r"[,;:.)]\s*$")
#: A year with digits glued after it: "20252" (2025 and marker 2), "202411".
_YEAR_GLUED = re.compile(r"(?<![\w/.\-])((?:19|20)\d\d)(\d{1,2})(?=[\s,;:.)\u201d\"]|$)")
_ORDINAL_FIGURES = re.compile(r"\d+(?:st|nd|rd|th|d)", re.I)


def _is_ordinal(word: str) -> bool:
    """ "sixtieth", "fifty-third", "53rd" """
    from toolkit.vocabulary import ordinal_value

    return bool(_ORDINAL_FIGURES.fullmatch(word)) or ordinal_value(word) is not None


def _after_symbol(text: str, start: int) -> bool:
    """Whether a document symbol ("S/10352") ends just before ``start``."""
    return "/" in _token_before(text, start)


def _token_before(text: str, start: int) -> str:
    """The word that ends at ``start``. Looked for within a window: searching back to the
    start of the text for a line break made a long paragraph on one line quadratic."""
    window = max(0, start - _LONGEST_TOKEN)
    return text[max(text.rfind(" ", window, start), text.rfind("\n", window, start), window - 1) + 1 : start]


_LONGEST_TOKEN = 200  # longer than any symbol or word before a marker


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
    """The candidates that are markers, given the footnote numbers the document holds,
    in the order given (reading order). See the decision rule in the module docstring.
    """
    cands = list(candidates)
    notes = set(note_numbers)
    chosen = _select_with_notes(cands, notes)
    if notes:
        chosen |= _orphans(cands, chosen, notes)
    return [c for i, c in enumerate(cands) if i in chosen]


def _select_with_notes(cands: list[Candidate], notes: set[int]) -> set[int]:
    """Rules 1-3: indexes of the candidates that are explicit or whose note exists."""
    ordered = sorted(notes)
    kept: set[int] = set()
    marked: set[int] = set()
    last: int | None = None
    # Where each number is last given by a glued or explicit candidate: "given later" is
    # then a look-up, not a scan of the rest of the document for every spaced candidate.
    last_strong = {c.number: i for i, c in enumerate(cands) if c.strength >= Strength.GLUED}
    for i, cand in enumerate(cands):
        if cand.strength == Strength.EXPLICIT:
            ok = True
        elif cand.number not in notes:
            ok = False
        elif cand.strength == Strength.GLUED:
            ok = True
        else:
            # Next in sequence, allowing for up to two notes whose markers were
            # lost, or a repeat of the marker just seen. A skipped number that a
            # glued or explicit candidate gives further on was not lost: then this
            # number, set apart, is text ("there are 3 nuclear-weapon States").
            floor = last or 0
            skipped = _unmarked_between(ordered, marked, floor, cand.number, 3)
            ok = cand.number == last or (
                cand.number > floor
                and cand.number not in marked
                and len(skipped) <= 2
                and not any(last_strong.get(n, -1) > i for n in skipped)
            )
        if ok:
            kept.add(i)
            marked.add(cand.number)
            last = cand.number
    return kept


def _unmarked_between(ordered: list[int], marked: set[int], low: int, high: int, limit: int) -> list[int]:
    """Up to ``limit`` note numbers strictly between ``low`` and ``high`` that no marker has given."""
    found: list[int] = []
    for k in range(bisect.bisect_right(ordered, low), bisect.bisect_left(ordered, high)):
        if ordered[k] not in marked:
            found.append(ordered[k])
            if len(found) == limit:
                break
    return found


def _orphans(cands: list[Candidate], chosen: set[int], notes: set[int]) -> set[int]:
    """Rule 4: glued digits whose note is missing but whose number fits the sequence."""
    last_note = max(notes)
    order = sorted(chosen)
    kept: set[int] = set()
    highest = 0
    # The first chosen marker after the candidate that is not a repeat: both the
    # candidate's place and ``highest`` only grow, so one pointer walks ``order`` once.
    ahead = 0
    for i, cand in enumerate(cands):
        if i in chosen:
            highest = max(highest, cand.number)
            continue
        if not cand.may_lack_note or cand.number in notes or cand.number <= highest:
            continue
        while ahead < len(order) and (order[ahead] <= i or cands[order[ahead]].number <= highest):
            ahead += 1
        following = cands[order[ahead]].number if ahead < len(order) else None
        if following is not None and cand.number >= following:
            continue
        if not (cand.number <= highest + 2 or following is not None or cand.number == last_note + 1):
            continue
        kept.add(i)
        highest = cand.number
    return kept
