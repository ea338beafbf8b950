"""Find citations of resolutions and decisions in a text (DOMAIN.md §2).

A pure extractor, in the manner of eyecite's ``find``: it knows the forms of
citation and nothing of the rules about them. Each citation is a frozen
:class:`Citation` with the organ that adopted the cited text, its normalised
symbol, the date stated beside it and its spans in the text::

    >>> [c.symbol for c in find_citations("Recalling its resolution 60/288 of 8 September 2006,")]
    ['A/RES/60/288']

Forms: General Assembly "60/288", "31/6 A and B", "decisions 31/406 A to E";
before the 31st session "217 A (III)", "3411 A and B (XXX)"; special sessions
"3362 (S-VII)", "997 (ES-I)", "S-8/1", "ES-10/2"; Security Council
"1373 (2001)"; Economic and Social Council "1990/47", "1733 (LIV)"; Human
Rights Council "5/1"; and symbols written out ("A/RES/60/288"). Lists
("resolutions 1373 (2001) of 28 September 2001, 1624 (2005) and 2178 (2014)")
give one citation per item, each with its own date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from toolkit import patterns
from toolkit import organs
from toolkit.dates import MONTHS
from toolkit.organs import (  # noqa: F401  (re-exported: the check kinds import them from here)
    fits,
    in_session,
    roman_value,
    session_exact,
    session_opening,
)

GA = organs.GENERAL_ASSEMBLY
SC = organs.SECURITY_COUNCIL
ECOSOC = organs.ECONOMIC_AND_SOCIAL_COUNCIL
HRC = organs.HUMAN_RIGHTS_COUNCIL
CHR = organs.COMMISSION_ON_HUMAN_RIGHTS
CSW = organs.COMMISSION_ON_THE_STATUS_OF_WOMEN
TC = organs.TRUSTEESHIP_COUNCIL

#: Forms of citation (``Citation.form``).
FORMS = ("new", "old", "special", "sc", "year", "symbol")


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited resolution or decision, as written at ``start``..``end`` of the text.

    ``text`` is the item from its number to the end of its stated date
    ("60/288 of 8 September 2006"); ``core`` is the number alone ("60/288",
    "217 A (III)"). ``organ`` is decided from "its resolution" (the citing
    organ), a named organ ("Security Council resolution"), or the form
    (``organ_source`` says which). ``date`` is the stated date; ``date_text``
    is set even when the date is impossible ("31 June 2016": ``date`` None).
    """

    text: str
    start: int
    end: int
    core: str
    core_start: int
    core_end: int
    form: str  # one of FORMS
    document: str  # "resolution" or "decision"
    organ: str
    organ_source: str  # "its", "named" or "form"
    session: str | None  # "60", "III", "S-VII", "ES-10"; None for the Security Council and year forms
    serial: int
    year: int | None  # "(2001)" of the Security Council, "1990/" of the Economic and Social Council
    parts: tuple[str, ...]
    symbol: str
    date: dt.date | None = None
    date_text: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    date_year_implied: bool = False  # "38 (1948) of 17 January, ... 21 April 1948"
    keyword: bool = False  # "resolution(s)"/"decision(s)" stands right before this item
    list_index: int = 0  # position in a list ("resolutions 1373 (2001), 1624 (2005) and ...")
    glued_parts: bool = False  # "31/16A", "217A (III)"
    parts_after_session: bool = False  # "2200 (XXI) A"
    title: str | None = None  # ', entitled "..."'
    #: The date of a later item that this undated one shares ("56/234 and 56/236 of 24 December
    #: 2001"), when it fits this item's session calendar; ``date`` stays None, as written.
    shared_date: dt.date | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def core_span(self) -> tuple[int, int]:
        return (self.core_start, self.core_end)

    @property
    def date_span(self) -> tuple[int, int] | None:
        return None if self.date_start is None else (self.date_start, self.date_end or self.date_start)

    @property
    def special(self) -> bool:
        """Adopted at a special or emergency special session."""
        return bool(self.session) and self.session.startswith(("S-", "ES-"))

    @property
    def session_number(self) -> int | None:
        """The regular session as a number (60, 3 for "III"); None for special sessions and other forms."""
        if not self.session or self.special:
            return None
        if self.session.isdigit():
            return int(self.session)
        return roman_value(self.session)

    @property
    def symbols(self) -> tuple[str, ...]:
        """One symbol per part ("A/RES/31/6 A", "A/RES/31/6 B"), or the symbol."""
        if len(self.parts) <= 1:
            return (self.symbol,)
        return tuple(f"{self.symbol} {p}" for p in self.parts)

    @property
    def base(self) -> str:
        """The symbol without part letters."""
        return self.symbol[: -(len(self.parts[0]) + 1)] if len(self.parts) == 1 else self.symbol


# ---------------------------------------------------------------------------
# Grammar shared by the forms

_MONTH = "|".join(MONTHS)
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}
#: Between the items of a list: "1373 (2001), 1624 (2005) and 2178 (2014)".
_SEP = patterns.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\s*,?\s+as\s+well\s+as\s+")
#: The same with a footnote marker that lost its superscript (DOMAIN.md §4): "2017,4 35/34",
#: "2017, 5 37/27", "2019,8 and 45/11"; tried only when the plain separator leads nowhere.
#: "of 22 March 20197, 42/18": the marker glued to the year of the date.
_SEP_MARKED = patterns.compile(
    r"\s*,\s*\d{1,2}\s+(?:and\s+)?|\s*,\s*\d{1,2}\s*,?\s*(?:and\s+)?|\d{1,2}(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
)
#: A stated date: "of 8 September 2006", "of 17 January" (year later in the list),
#: "of July 1, 2016" (a style error, still a date), ", adopted on 1 July 2016";
#: "of 22 March 20197," is 2019 with the lost footnote marker 7.
_DATE = (
    r"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>" + _MONTH + r")(?:,?\s+(?P<year>1[89]\d\d|20\d\d)(?:\d{1,2}(?=[,;.\s]))?)?"
    r"|(?P<month2>" + _MONTH + r")\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>1[89]\d\d|20\d\d))"
)
_DATED = patterns.compile(
    r"(?:\s*,)?\s+(?:of|adopted\s+(?:by\s+the\s+(?P<by>[A-Z][\w ]{2,40}?)\s+)?on|dated)\s+" + _DATE + r"(?![\w/])"
)
_TITLED = patterns.compile(r"\s*,?\s+entitled\s+[\"\u201c](?P<title>[^\"\u201d]{1,300})[\"\u201d]")
_ROMAN = r"[IVXL]{1,8}"  # validated by roman_value
#: Part letters: "A", "A and B", "A to E", "AA" (the disarmament series: "53/77 AA").
_SINGLE = r"[A-Z](?![\w/\-])"
_DOUBLE = r"(?:" + "|".join(c * 2 for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + r")(?![\w/\-])"
_PART_SEP = r"(?:\s*,\s*|\s+and\s+|\s+to\s+)"
# Doubled letters continue a series past Z ("…, Y, Z, AA, BB"); after another single
# letter a doubled one is no part ("31/1 A, II": a Roman numeral after the citation).
_PARTS = (
    rf"(?:{_DOUBLE}(?:{_PART_SEP}{_DOUBLE})*"
    rf"|{_SINGLE}(?:{_PART_SEP}{_SINGLE})*(?:(?<=Z)(?:{_PART_SEP}{_DOUBLE})+)?)"
)


def expand_parts(text: str | None) -> tuple[str, ...]:
    """``"A and B"`` -> ("A", "B"); ``"A to E"`` -> ("A", ..., "E"); ``"AA"`` -> ("AA",)."""
    if not text:
        return ()
    tokens = re.findall(r"[A-Z]{1,2}|\bto\b", text)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok == "to":
            continue
        if i >= 2 and tokens[i - 1] == "to" and len(tok) == len(out[-1]) == 1 and out[-1] < tok:
            out.extend(chr(c) for c in range(ord(out[-1]) + 1, ord(tok) + 1))
        else:
            out.append(tok)
    return tuple(dict.fromkeys(out))


# ---------------------------------------------------------------------------
# The forms: one small extractor each (eyecite's find.py). An extractor is a pattern
# matched where a number is due and a reader that turns the match into a _Core, or
# None when the match is no citation after all. A new form is one more _Form.


@dataclass(frozen=True, slots=True)
class _Core:
    """What an item's number says, before organ and date are decided."""

    form: str
    session: str | None
    serial: int
    year: int | None = None
    parts: tuple[str, ...] = ()
    organ: str | None = None  # fixed by a written symbol ("A/HRC/RES/5/1")
    document: str | None = None  # fixed by a written symbol ("A/DEC/...")
    glued: bool = False
    late: bool = False


@dataclass(frozen=True, slots=True)
class _Form:
    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str]], _Core | None]
    #: The organ when neither "its" nor a name decides: (citing organ, session) -> organ.
    default: Callable[[str | None, str | None], str]


def _read_symbol(m: re.Match[str]) -> _Core | None:
    """ "A/RES/60/288", "S/RES/1373(2001)", "A/HRC/RES/S-1/1", "A/RES/217(III)[A]"."""
    sym = organs.parse_symbol(m.group())
    if sym is None:
        # Malformed but plainly a symbol ("S/RES/1373/2001"): kept, so that the symbol rules see it.
        o = organs.organ_of_symbol(m.group())
        nums = re.findall(r"\d+", m.group())
        if o is None or len(nums) < 2:
            return None
        document = "decision" if "/DEC/" in m.group() else "resolution"
        return _Core("symbol", nums[-2], int(nums[-1]), None, (), o.name, document)
    parts = (sym.part,) if sym.part else ()
    return _Core("symbol", sym.session, sym.serial or 0, sym.year, parts, sym.organ, sym.document)


def _read_special(m: re.Match[str]) -> _Core | None:
    """ "S-8/1", "ES-10/2"."""
    return _Core("special", m["session"], int(m["serial"]))


def _read_year(m: re.Match[str]) -> _Core | None:
    """ECOSOC since 1978 and the Commission on Human Rights: "1990/47", "2005/80"."""
    parts = expand_parts(m["parts"])
    return _Core("year", None, int(m["serial"]), int(m["year"]), parts, glued=bool(parts) and not m["glue"])


def _read_new(m: re.Match[str]) -> _Core | None:
    """General Assembly from the 31st session, Human Rights Council: "60/288", "31/6 A and B", "53/77 AA"."""
    if int(m["session"]) == 0:
        return None
    parts = expand_parts(m["parts"])
    return _Core("new", str(int(m["session"])), int(m["serial"]), None, parts, glued=bool(parts) and not m["glue"])


def _read_old(m: re.Match[str]) -> _Core | None:
    """Number and Roman session: "217 A (III)", "2200 (XXI) A", "3362 (S-VII)", ECOSOC "1733 (LIV)"."""
    session = m["session"]
    if not organs.valid_session(session):
        return None
    form = "special" if session.startswith(("S-", "ES-")) else "old"
    parts = expand_parts(m["parts"] or m["late"])
    return _Core(form, session, int(m["serial"]), None, parts,
                 glued=bool(m["parts"]) and not m["glue"], late=bool(m["late"]) and not m["parts"])


def _read_sc(m: re.Match[str]) -> _Core | None:
    """Security Council: "1373 (2001)", "161 A (1961)"."""
    return _Core("sc", None, int(m["serial"]), int(m["year"]), expand_parts(m["parts"]))


def _assembly_or_council(citing: str | None, session: str | None) -> str:
    return citing if citing and citing != SC and fits(citing, "new", session) else GA


def _old_default(citing: str | None, session: str | None) -> str:
    # The Assembly's old series ended with its 30th session; later Roman sessions are ECOSOC's.
    return ECOSOC if (roman_value((session or "").split("-")[-1]) or 0) > 30 else GA


FORMS_TABLE: tuple[_Form, ...] = (
    _Form("symbol", patterns.compile(
        r"(?:A/HRC/|E/CN\.[46]/|A/|E/|S/|T/)(?:RES|DEC)/"
        r"(?:(?:ES|S)-\d{1,2}/\d{1,4}"
        r"|\d{1,4}/\d{1,4}(?:\s?[A-Z](?![\w/]))?"
        r"|\d{1,4}\s*\((?:(?:E?S-)?" + _ROMAN + r"|\d{4})\)(?:\s?\[?[A-Z]\]?(?![\w/]))?)"
    ), _read_symbol, lambda citing, session: GA),
    _Form("special", patterns.compile(r"(?P<session>(?:ES|S)-\d{1,2})/(?P<serial>\d{1,4})(?![\w/])"),
          _read_special, lambda citing, session: citing if citing in (GA, HRC) else GA),
    _Form("year", patterns.compile(
        r"(?P<year>19[4-9]\d|20\d\d)/(?P<serial>[1-9]\d{0,3})(?P<glue>\s?)(?:(?P<parts>" + _PARTS + r"))?(?![\w/]|\.\d)"
    ), _read_year, lambda citing, session: citing if citing in (ECOSOC, CHR) else ECOSOC),
    _Form("new", patterns.compile(
        r"(?P<session>\d{1,4})/(?P<serial>[1-9]\d{0,3})(?P<glue>\s?)(?:(?P<parts>" + _PARTS + r"))?(?![\w/]|\.\d)"
    ), _read_new, _assembly_or_council),
    _Form("old", patterns.compile(
        r"(?P<serial>[1-9]\d{0,3})(?:(?P<glue>\s?)(?P<parts>" + _PARTS + r"))?\s*\((?P<session>(?:E?S-)?" + _ROMAN + r")\)"
        r"(?:\s(?P<late>" + _PARTS + r"))?(?![\w/])"
    ), _read_old, _old_default),
    _Form("sc", patterns.compile(
        r"(?P<serial>[1-9]\d{0,3})(?:\s(?P<parts>[A-Z])(?![\w/]))?\s*\((?P<year>19[4-9]\d|20\d\d)\)(?![\w/])"
    ), _read_sc, lambda citing, session: SC),
)
_FORM_BY_NAME = {f.name: f for f in FORMS_TABLE}


def _match_item(text: str, pos: int) -> tuple[_Form, re.Match[str], _Core] | None:
    """The first form whose pattern matches at ``pos`` and whose reader accepts it."""
    for form in FORMS_TABLE:
        if (m := form.pattern.match(text, pos)) and (core := form.read(m)) is not None and core.serial:
            return form, m, core
    return None


# ---------------------------------------------------------------------------
# Where citations start

#: "resolution(s)" and "decision(s)"; the leading letter class keeps the scan fast.
_KEYWORD = patterns.compile(r"(?P<kw>[RrDd](?:esolution|ecision|ESOLUTION)[sS]?)\s+(?:No\.\s*)?(?=[\dAESTC])")
#: Symbols ("A/RES/60/288") and new special-session numbers ("ES-10/2"), cited without a keyword.
_BARE_SLASH = patterns.compile(r"[AEST](?:/(?:HRC/|CN\.[46]/)?(?:RES|DEC)/|S?-\d{1,2}/\d)")
#: Old forms cited without a keyword ("217 A (III)", "3362 (S-VII)"): found by their
#: parentheses, then the number before them.
_ROMAN_PAREN = patterns.compile(r"\((?P<special>E?S-)?(?P<roman>[IVXL]+)\)")
_NUMBER_BEFORE = patterns.compile(r"(?P<number>\d{1,4})(?P<parts>\s?[A-Z](?:(?:\s*,\s*|\s+and\s+|\s+to\s+)[A-Z])*)?\s*$")
#: A dated number without its keyword, after a clause that broke the list: "its resolutions
#: 60/251 of 15 March 2006, by which it established the Council, and 65/281 of 17 June 2011".
_BARE_DATED = patterns.compile(
    r"(?<![\w/.\-])\d{1,4}/\d{1,4}(?:\s+" + _PARTS + r")?\s+of\s+[0-3]?\d\s+(?:" + _MONTH + r")\b"
)

#: Words before a number that make it anything but a resolution ("article 12", "vol. 1577").
_NOT_BEFORE = patterns.compile(
    r"(?:\b(?:[Aa]rticles?|[Pp]aragraphs?|[Pp]aras?\.?|[Cc]hapters?|[Aa]nnex(?:es)?|[Rr]ules?|[Ii]tems?|[Ss]ections?"
    r"|[Pp]arts?|[Pp]rotocols?|[Tt]ables?|[Ff]igures?|[Gg]oals?|[Tt]argets?|[Pp]ages?|[Vv]ol\.|[Nn]o\.|pp?\.|[Ss]upplement"
    r"|[Ll]aw|[Aa]ct|[Dd]ocuments?|[Ss]ession)\s*)$"
)

# ---------------------------------------------------------------------------
# Organs named in the text

_ORGAN_WORDS = r"(?:" + organs.NAME_PATTERN + r"|Council|Commission)"
_NAMED_BEFORE = patterns.compile(r"(?P<organ>" + _ORGAN_WORDS + r")(?:['\u2019]s)?\s+$")
_ITS_BEFORE = patterns.compile(
    r"(?:(?P<actor>(?:the\s+)?(?:" + _ORGAN_WORDS + r"|[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|on|of|for|and|the))*))\s*,?\s+"
    r"(?:in|by|under|through|with|to)\s+)?\bits\s+(?:own\s+)?(?:earlier\s+|previous\s+|relevant\s+)?$"
)
_COUNCIL_NAMED = patterns.compile(r"(?:Security|Economic\s+and\s+Social|Human\s+Rights|Trusteeship)\s+Council")
_ANY_ORGAN = patterns.compile(_ORGAN_WORDS)

#: Forms each organ's resolutions are cited in (DOMAIN.md §2), from :mod:`toolkit.organs`.
ORGAN_FORMS = {o.name: o.forms for o in organs.ORGANS}


def _organ_name(words: str, earlier: str, citing: str | None) -> str | None:
    name = organs.canonical_name(words)
    if name is not None:
        return name
    if " ".join(words.split()) not in ("Council", "Commission"):
        return None
    # "Council resolution 2129 (2013)": the council last named in full, else the citing council.
    if words.strip() == "Council":
        if named := _COUNCIL_NAMED.findall(earlier):
            return organs.canonical_name(named[-1])
        if citing and "Council" in citing:
            return citing
        return "Council"
    if citing and citing.startswith("Commission"):
        return citing
    return None


def _organ_before(text: str, pos: int, citing: str | None) -> tuple[str | None, str]:
    """The organ named or implied right before a citation, and how it was decided."""
    before = text[max(0, pos - 90) : pos]
    if m := _ITS_BEFORE.search(before):
        actor = m["actor"]
        if actor:
            name = _organ_name(re.sub(r"^the\s+", "", actor), text[: max(0, pos - 90) + m.start()], citing)
            if name:
                return name, "named"
            # "the Committee in its resolution": not the citing organ; the form decides.
            return None, "form"
        return citing, "its"
    if m := _NAMED_BEFORE.search(before):
        name = _organ_name(m["organ"], text[: max(0, pos - 90) + m.start()], citing)
        if name:
            return name, "named"
    return None, "form"


def _nearest_fitting(text: str, pos: int, form: str, session: str | None) -> str | None:
    """The organ named last in the clause before ``pos`` whose resolutions take ``form``."""
    start = max(0, pos - 200)
    clause = text[start:pos]
    cut = max(clause.rfind(";"), clause.rfind(". "))
    names = list(_ANY_ORGAN.finditer(clause, cut + 1 if cut >= 0 else 0))
    for m in reversed(names):
        name = _organ_name(m.group(), text[: start + m.start()], None)
        if name and name != "Council" and fits(name, form, session):
            return name
    return None


# ---------------------------------------------------------------------------
# Page furniture of extracted PDF text (DOMAIN.md §9): running heads are skipped and
# footnote blocks read after the body, so that "of\n<footnotes, running head>\n4 December
# 1998" and lists that run over a page are read whole. Spans map back to the source.

_PAGE_BREAK = patterns.compile(r"\S[ \t]*\n\n")
_FURNITURE_LINE = patterns.compile(r"[ \t]*(?:\d{2}-\d{5}(?:\s*\([A-Z]\))?|\d{1,3}/\d{1,3}|\*\d{7}\*)?(?:[ \t]+\d{1,3}/\d{1,3})?[ \t]*")
_RULE_LINE = patterns.compile(r"^[ \t]*_{5,}[ \t]*$", re.M)


def _pages(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The text with running heads dropped and footnote blocks moved to the end, and the
    map (clean offset, source offset) of its segments; None when there is no furniture."""
    keep: list[tuple[int, int]] = []  # body segments of the source, in order
    notes: list[tuple[int, int]] = []
    pos = 0
    for brk in _PAGE_BREAK.finditer(text):
        head_start = brk.end()
        lines_end = head_start
        found_number = False
        for _ in range(7):
            nl = text.find("\n", lines_end)
            if nl < 0:
                break
            line = text[lines_end:nl]
            if line.strip() and _FURNITURE_LINE.fullmatch(line):
                found_number = True
                lines_end = nl + 1
                break
            lines_end = nl + 1
        if not found_number or head_start < pos:
            continue
        # Two-line heads put the job number under the page number ("2/5\n25-20095").
        nl = text.find("\n", lines_end)
        if nl > 0 and text[lines_end:nl].strip() and _FURNITURE_LINE.fullmatch(text[lines_end:nl]):
            lines_end = nl + 1
        body_end = brk.start() + 1
        rule = None
        for r in _RULE_LINE.finditer(text, pos, body_end):
            rule = r
        if rule is not None:
            keep.append((pos, rule.start()))
            notes.append((rule.start(), body_end))
        else:
            keep.append((pos, body_end))
        pos = lines_end
    if not notes and not keep:
        return None
    keep.append((pos, len(text)))
    pieces: list[str] = []
    segments: list[tuple[int, int]] = []
    clean = 0
    for i, (a, b) in enumerate(keep + notes):
        if i and pieces:
            pieces.append("\n\n")
            clean += 2
        segments.append((clean, a))
        pieces.append(text[a:b])
        clean += b - a
    return "".join(pieces), segments


def _mapper(segments: list[tuple[int, int]]) -> Callable[[int], int]:
    starts = [c for c, _ in segments]

    def to_source(offset: int) -> int:
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        return segments[i][1] + offset - segments[i][0]

    return to_source


# ---------------------------------------------------------------------------
# The finder


def find_citations(text: str, organ: str | None = None) -> tuple[Citation, ...]:
    """Every citation in ``text``, in order; ``organ`` is the citing organ ("its resolution").

    >>> [(c.symbol, str(c.date)) for c in find_citations("resolutions 1373 (2001) of 28 September 2001 and 2178 (2014)")]
    [('S/RES/1373 (2001)', '2001-09-28'), ('S/RES/2178 (2014)', 'None')]
    """
    return _find(text, organ)


@lru_cache(maxsize=4096)
def _find(text: str, organ: str | None) -> tuple[Citation, ...]:
    if "\n\n" in text and (paged := _pages(text)) is not None and len(paged[1]) > 1:
        clean, segments = paged
        to_source = _mapper(segments)
        out = []
        for c in _find_in(clean, organ):
            start, core_start = to_source(c.start), to_source(c.core_start)
            end, core_end = to_source(c.end - 1) + 1, to_source(c.core_end - 1) + 1
            moved = {"start": start, "end": end, "core_start": core_start, "core_end": core_end,
                     "text": text[start:end], "core": text[core_start:core_end]}
            if c.date_start is not None and c.date_end is not None:
                moved["date_start"], moved["date_end"] = to_source(c.date_start), to_source(c.date_end - 1) + 1
            out.append(replace(c, **moved))
        return tuple(sorted(out, key=lambda c: c.start))
    return _find_in(text, organ)


def _find_in(text: str, organ: str | None) -> tuple[Citation, ...]:
    found: list[Citation] = []
    taken_until = -1
    if "esolution" in text or "ecision" in text or "ESOLUTION" in text:
        for kw in _KEYWORD.finditer(text):
            if kw.start() < taken_until or (kw.start() and text[kw.start() - 1].isalnum()):
                continue
            document = "decision" if kw["kw"][1:].lower().startswith("ecision") else "resolution"
            named, source = _organ_before(text, kw.start(), organ)
            if source == "form" and found:
                named, source = _carried_by_keyword(found[-1], text, kw, named, source)
            items = _list_at(text, kw.end(), document, named, source, organ, keyword=True)
            if items:
                found.extend(items)
                taken_until = items[-1].end
    starts: list[tuple[int, bool]] = []
    if "/" in text:
        starts += [(m.start(), False) for m in _BARE_SLASH.finditer(text)]
        if " of " in text or "of\n" in text:
            starts += [(m.start(), True) for m in _BARE_DATED.finditer(text)]
    if "(" in text:
        for m in _ROMAN_PAREN.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            if (n := _NUMBER_BEFORE.search(before)) and (m["special"] or n["parts"] or len(m["roman"]) > 1):
                starts.append((m.start() - len(before) + n.start(), False))
    if starts:
        # The keyword citations' spans, in order: a bare number inside one is looked up by
        # bisection (a scan of them all for each number was quadratic in a long paragraph).
        keyed = sorted((c.start, c.end) for c in found)
        keyed_starts = [s for s, _ in keyed]
        keyed_ends = list(itertools.accumulate((e for _, e in keyed), max))
        bare_until = -1
        for start, dated in sorted(starts):
            if start < bare_until:
                continue
            if (k := bisect.bisect_right(keyed_starts, start)) and start < keyed_ends[k - 1]:
                continue
            if start and (text[start - 1].isalnum() or text[start - 1] in "/.:-@"):
                continue
            if start > 1 and text[start - 1] == "," and text[start - 2].isdigit():
                continue  # "1,500 (II)"
            if text[start].isdigit() and _NOT_BEFORE.search(text, max(0, start - 14), start):
                continue
            named, source = _organ_before(text, start, organ)
            document = "resolution"
            if dated and source == "form" and (prev := _carried(found, text, start)) is not None:
                # The list goes on after a clause: its organ and document type carry forward.
                named, source, document = prev.organ, prev.organ_source, prev.document
            items = _list_at(text, start, document, named, source, organ, keyword=False)
            if items:
                found.extend(items)
                bare_until = items[-1].end
        found.sort(key=lambda c: c.start)
    return tuple(found)


_JOINED = patterns.compile(r"\s*,?\s*(?:\d{1,2}\s*)?,?\s*(?:and|as\s+well\s+as)\s+(?:also\s+)?$")


def _carried_by_keyword(prev: Citation, text: str, kw: re.Match[str], named: str | None, source: str) -> tuple[str | None, str]:
    """ "Human Rights Council resolutions 5/1 and 5/2 of 18 June 2007, and resolutions 32/13":
    a keyword joined to the previous list by "and" alone keeps that list's organ, if its form fits."""
    if prev.organ_source != "named" or not _JOINED.fullmatch(text, prev.end, kw.start()):
        return named, source
    item = _match_item(text, kw.end())
    if item is None or not fits(prev.organ, item[2].form, item[2].session):
        return named, source
    return prev.organ, "named"


def _carried(found: list[Citation], text: str, pos: int) -> Citation | None:
    """The citation whose list a keyword-less dated item continues: the last one before it in
    the same sentence (no ";" or full stop between), at most 400 characters back."""
    before = [c for c in found if c.end <= pos]
    if not before:
        return None
    prev = max(before, key=lambda c: c.end)
    between = text[prev.end : pos]
    if len(between) > 400 or ";" in between or re.search(r"[a-z)]\.\s", between):
        return None
    return prev


def _list_at(
    text: str, pos: int, document: str, named: str | None, source: str, citing: str | None, keyword: bool
) -> list[Citation]:
    """The items of a list starting at ``pos``; the organ named before the list carries to every item."""
    items: list[Citation] = []
    while True:
        item = _match_item(text, pos)
        if item is None:
            break
        form, m, core = item
        if items and not _same_family(items[0].form, core.form):
            break
        items.append(_citation(text, form, m, core, document, named, source, citing, keyword and not items, len(items)))
        sep = _SEP.match(text, items[-1].end)
        if sep is None or _match_item(text, sep.end()) is None:
            marked = _SEP_MARKED.match(text, items[-1].end)
            sep = marked if marked and _match_item(text, marked.end()) else sep
        if not sep:
            break  # "resolutions 60/288 and its resolution 61/1": the keyword starts a list afresh
        pos = sep.end()
    _share_years(items)
    return items


def _same_family(first: str, other: str) -> bool:
    """A list keeps to one numbering family: Security Council items, year/number items, or the rest."""
    if "sc" in (first, other) or "year" in (first, other):
        return first == other
    return True


def _decide_organ(text: str, pos: int, form: _Form, core: _Core, named: str | None, source: str, citing: str | None) -> tuple[str, str]:
    """The organ that adopted the item and how that was decided ("its", "named" or "form")."""
    if core.organ:
        return core.organ, "named"
    organ = named or (citing if source == "its" else None) or form.default(citing, core.session)
    if source == "its" and not fits(organ, core.form, core.session):
        if other := _nearest_fitting(text, pos, core.form, core.session):
            # "the General Assembly might take under the terms of its resolution 3292 (XXIX)"
            organ, source = other, "named"
    if organ == "Council" or organ is None:
        organ = {"sc": SC, "year": ECOSOC, "new": HRC, "special": HRC}.get(core.form, ECOSOC)
    if source == "form" or (source == "its" and not citing):
        source = "form"
    return organ, source


def _citation(
    text: str, form: _Form, m: re.Match[str], core: _Core, document: str, named: str | None, source: str,
    citing: str | None, keyword: bool, index: int,
) -> Citation:
    organ, source = _decide_organ(text, m.start(), form, core, named, source, citing)
    document = core.document or document
    end = m.end()
    while end > m.start() and text[end - 1].isspace():  # "31/16 " (glue) keeps no trailing space
        end -= 1
    core_end = end
    date = date_text = None
    date_start = date_end = None
    if d := _DATED.match(text, end):
        date_text = d.group().strip(" ,")
        date_start = d.start("day") if d["day"] else d.start("month2")
        date_end = d.end("year") if d["year"] else d.end()
        date_text = date_text[: len(date_text) - (d.end() - date_end)] if d.end() > date_end else date_text
        date = _to_date(d)
        end = date_end
        by = organs.canonical_name(d["by"])
        if by and source != "named":
            # "resolution 992 (X), adopted by the General Assembly on 21 November 1955"
            organ, source = by, "named"
    title = None
    if t := _TITLED.match(text, end):
        title = t["title"].strip()
    session = None if core.form in ("sc", "year") else core.session
    return Citation(
        text=text[m.start() : end],
        start=m.start(),
        end=end,
        core=text[m.start() : core_end],
        core_start=m.start(),
        core_end=core_end,
        form=core.form,
        document=document,
        organ=organ,
        organ_source=source,
        session=session,
        serial=core.serial,
        year=core.year,
        parts=core.parts,
        symbol=_symbol(organ, document, core),
        date=date,
        date_text=date_text,
        date_start=date_start,
        date_end=date_end,
        keyword=keyword,
        list_index=index,
        glued_parts=core.glued,
        parts_after_session=core.late,
        title=title,
    )


def _symbol(organ: str, document: str, core: _Core) -> str:
    """The normalised symbol, from :func:`toolkit.organs.format_symbol`."""
    if core.form == "sc" and organ != SC:
        organ = SC
    session = None if core.form in ("sc", "year") else core.session
    old = core.form == "old" or (core.form == "special" and bool(session) and not re.fullmatch(r"E?S-\d{1,2}", session or ""))
    return organs.format_symbol(organ, document, session, core.serial, core.year, core.parts, old=old)


def _to_date(d: re.Match[str]) -> dt.date | None:
    day, month, year = (d["day"], d["month"], d["year"]) if d["day"] else (d["day2"], d["month2"], d["year2"])
    if not year:
        return None
    try:
        return dt.date(int(year), _MONTH_NUMBER[month], int(day))
    except ValueError:
        return None


def _share_years(items: list[Citation]) -> None:
    """ "38 (1948) of 17 January, 39 (1948) of 20 January and 47 (1948) of 21 April 1948";
    "56/234 and 56/236 of 24 December 2001" (a list sharing its one date is read by the checks)."""
    for i, cit in enumerate(items):
        if cit.date_text is None or cit.date is not None or re.search(r"\d{4}\s*$", cit.date_text):
            continue
        year = next((c.date.year for c in items[i + 1 :] if c.date is not None), None)
        if year is None and cit.form == "sc":
            year = cit.year
        if year is None:
            continue
        m = re.match(r"(?:of|dated|adopted.*?on)\s+([0-3]?\d)(?:st|nd|rd|th)?\s+(\w+)", cit.date_text)
        if not m or m[2] not in _MONTH_NUMBER:
            continue
        try:
            date = dt.date(year, _MONTH_NUMBER[m[2]], int(m[1]))
        except ValueError:
            continue
        items[i] = replace(cit, date=date, date_year_implied=True)
    for i, cit in enumerate(items):
        if cit.date_text is not None:
            continue
        later = next((c for c in items[i + 1 :] if c.date_text is not None), None)
        if later is None or later.date is None:
            continue
        if organs.date_fits_session(cit.organ, cit.session, cit.year, later.date):
            items[i] = replace(cit, shared_date=later.date)
