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

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.dates import MONTHS

GA = "General Assembly"
SC = "Security Council"
ECOSOC = "Economic and Social Council"
HRC = "Human Rights Council"
CHR = "Commission on Human Rights"
TC = "Trusteeship Council"

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
        return self.symbol[: -2] if len(self.parts) == 1 else self.symbol


# ---------------------------------------------------------------------------
# Grammar

_ROMAN = r"[IVXL]{1,8}"  # validated by roman_value
_ROMAN_RE = re.compile(r"(?=[IVXLC])(?P<tens>XC|XL|L?X{0,3})(?P<units>IX|IV|V?I{0,3})")
_MONTH = "|".join(MONTHS)
#: Between the items of a list: "1373 (2001), 1624 (2005) and 2178 (2014)".
_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\s*,?\s+as\s+well\s+as\s+")

#: A stated date: "of 8 September 2006", "of 17 January" (year later in the list),
#: "of July 1, 2016" (a style error, still a date), ", adopted on 1 July 2016".
_DATE = (
    r"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>" + _MONTH + r")(?:,?\s+(?P<year>1[89]\d\d|20\d\d))?"
    r"|(?P<month2>" + _MONTH + r")\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>1[89]\d\d|20\d\d))"
)
_DATED = re.compile(
    r"(?:\s*,)?\s+(?:of|adopted\s+(?:by\s+the\s+(?P<by>[A-Z][\w ]{2,40}?)\s+)?on|dated)\s+" + _DATE + r"(?![\w/])"
)
_TITLED = re.compile(r"\s*,?\s+entitled\s+[\"\u201c](?P<title>[^\"\u201d]{1,300})[\"\u201d]")

_PARTS = r"[A-Z](?![\w/\-])(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)[A-Z](?![\w/\-]))*"

#: One item of a citation, at the position where a number is due.
_ITEM = re.compile(
    r"(?P<symbol>(?:A/(?:HRC/)?|E/(?:CN\.4/)?|S/|T/)(?P<skind>RES|DEC)/"
    r"(?:(?P<ssp>(?:ES|S)-\d{1,2})/(?P<sspn>\d{1,4})"
    r"|(?P<sa>\d{1,4})/(?P<sb>\d{1,4})(?:\s?(?P<sparts>[A-Z])(?![\w/]))?"
    r"|(?P<sold>\d{1,4})\s*\((?P<sosess>(?:E?S-)?" + _ROMAN + r"|\d{4})\)(?:\s?\[?(?P<soparts>[A-Z])\]?(?![\w/]))?))"
    r"|(?P<special>(?:ES|S)-(?P<spn>\d{1,2}))/(?P<spnum>\d{1,4})(?![\w/])"
    r"|(?P<a>\d{1,4})/(?P<b>\d{1,4})(?P<glue>\s?)(?:(?P<nparts>" + _PARTS + r"))?(?![\w/]|\.\d)"
    r"|(?P<num>\d{1,4})(?:(?P<oglue>\s?)(?P<oparts>" + _PARTS + r"))?\s*\((?P<osess>(?:E?S-)?" + _ROMAN + r")\)"
    r"(?:\s(?P<lateparts>" + _PARTS + r"))?(?![\w/])"
    r"|(?P<scnum>\d{1,4})(?:\s(?P<scparts>[A-Z])(?![\w/]))?\s*\((?P<scyear>19[4-9]\d|20\d\d)\)(?![\w/])"
)

#: "resolution(s)" and "decision(s)"; the leading letter class keeps the scan fast.
_KEYWORD = re.compile(r"(?P<kw>[RrDd](?:esolution|ecision|ESOLUTION)[sS]?)\s+(?:No\.\s*)?(?=[\dAESTC])")
#: Symbols ("A/RES/60/288") and new special-session numbers ("ES-10/2"), cited without a keyword.
_BARE_SLASH = re.compile(r"[AEST](?:/(?:HRC/|CN\.4/)?(?:RES|DEC)/|S?-\d{1,2}/\d)")
#: Old forms cited without a keyword ("217 A (III)", "3362 (S-VII)"): found by their
#: parentheses, then the number before them.
_ROMAN_PAREN = re.compile(r"\((?P<special>E?S-)?(?P<roman>[IVXL]+)\)")
_NUMBER_BEFORE = re.compile(r"(?P<number>\d{1,4})(?P<parts>\s?[A-Z](?:(?:\s*,\s*|\s+and\s+|\s+to\s+)[A-Z])*)?\s*$")

#: Words before a number that make it anything but a resolution ("article 12", "vol. 1577").
_NOT_BEFORE = re.compile(
    r"(?:\b(?:[Aa]rticles?|[Pp]aragraphs?|[Pp]aras?\.?|[Cc]hapters?|[Aa]nnex(?:es)?|[Rr]ules?|[Ii]tems?|[Ss]ections?"
    r"|[Pp]arts?|[Pp]rotocols?|[Tt]ables?|[Ff]igures?|[Gg]oals?|[Tt]argets?|[Pp]ages?|[Vv]ol\.|[Nn]o\.|pp?\.|[Ss]upplement"
    r"|[Ll]aw|[Aa]ct|[Dd]ocuments?|[Ss]ession)\s*)$"
)

_ORGAN_NAMES = {
    "general assembly": GA,
    "assembly": GA,
    "security council": SC,
    "economic and social council": ECOSOC,
    "ecosoc": ECOSOC,
    "human rights council": HRC,
    "hrc": HRC,
    "commission on human rights": CHR,
    "trusteeship council": TC,
    "council": "Council",
}
_ORGAN_WORDS = r"(?:General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council|Commission\s+on\s+Human\s+Rights|Trusteeship\s+Council|ECOSOC|HRC|Assembly|Council)"
_NAMED_BEFORE = re.compile(r"(?P<organ>" + _ORGAN_WORDS + r")(?:['\u2019]s)?\s+$")
_ITS_BEFORE = re.compile(
    r"(?:(?P<actor>(?:the\s+)?(?:" + _ORGAN_WORDS + r"|[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|on|of|for|and))*))\s*,?\s+"
    r"(?:in|by|under|through|with|to)\s+)?\bits\s+(?:own\s+)?(?:earlier\s+|previous\s+|relevant\s+)?$"
)
_COUNCIL_NAMED = re.compile(r"(?:Security|Economic\s+and\s+Social|Human\s+Rights|Trusteeship)\s+Council")

_SYMBOL_PREFIX = {
    (GA, "resolution"): "A/RES/",
    (GA, "decision"): "A/DEC/",
    (SC, "resolution"): "S/RES/",
    (SC, "decision"): "S/RES/",
    (ECOSOC, "resolution"): "E/RES/",
    (ECOSOC, "decision"): "E/DEC/",
    (HRC, "resolution"): "A/HRC/RES/",
    (HRC, "decision"): "A/HRC/DEC/",
    (CHR, "resolution"): "E/CN.4/RES/",
    (CHR, "decision"): "E/CN.4/DEC/",
    (TC, "resolution"): "T/RES/",
    (TC, "decision"): "T/DEC/",
}
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}

#: Forms each organ's resolutions are cited in (DOMAIN.md §2).
ORGAN_FORMS = {
    GA: ("new", "old", "special"),
    SC: ("sc",),
    ECOSOC: ("year", "old"),
    HRC: ("new", "special"),
    CHR: ("year", "old"),
}


def fits(organ: str, form: str, session: str | None = None) -> bool:
    """Whether ``organ`` numbers its resolutions in ``form`` (unknown organs fit anything)."""
    forms = ORGAN_FORMS.get(organ)
    if forms is None or form == "symbol":
        return True
    if form not in forms:
        return False
    if organ == GA and form == "old" and session:
        return (roman_value(session) or 0) <= 30
    if organ == HRC and form == "special" and session:
        return bool(_NEW_SPECIAL_HRC.fullmatch(session))
    return True


_NEW_SPECIAL = re.compile(r"E?S-\d{1,2}")
_NEW_SPECIAL_HRC = re.compile(r"S-\d{1,2}")


def roman_value(text: str) -> int | None:
    """``"XXI"`` -> 21; None for what is not a Roman numeral of 1 to 99."""
    m = _ROMAN_RE.fullmatch(text)
    if not m or not text:
        return None
    tens = {"": 0, "X": 10, "XX": 20, "XXX": 30, "XL": 40, "L": 50, "LX": 60, "LXX": 70, "LXXX": 80, "XC": 90}[m["tens"]]
    units = {"": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}[m["units"]]
    return tens + units or None


def expand_parts(text: str | None) -> tuple[str, ...]:
    """``"A and B"`` -> ("A", "B"); ``"A to E"`` -> ("A", ..., "E")."""
    if not text:
        return ()
    letters = re.findall(r"[A-Z]", text)
    out: list[str] = []
    for i, sep in enumerate(re.split(r"[A-Z]", text)[1:-1]):
        if "to" in sep and letters[i] < letters[i + 1]:
            out.extend(chr(c) for c in range(ord(letters[i]), ord(letters[i + 1])))
        else:
            out.append(letters[i])
    out.append(letters[-1])
    return tuple(dict.fromkeys(out))


def find_citations(text: str, organ: str | None = None) -> tuple[Citation, ...]:
    """Every citation in ``text``, in order; ``organ`` is the citing organ ("its resolution").

    >>> [(c.symbol, str(c.date)) for c in find_citations("resolutions 1373 (2001) of 28 September 2001 and 2178 (2014)")]
    [('S/RES/1373 (2001)', '2001-09-28'), ('S/RES/2178 (2014)', 'None')]
    """
    return _find(text, organ)


@lru_cache(maxsize=4096)
def _find(text: str, organ: str | None) -> tuple[Citation, ...]:
    found: list[Citation] = []
    taken_until = -1
    if "esolution" in text or "ecision" in text or "ESOLUTION" in text:
        for kw in _KEYWORD.finditer(text):
            if kw.start() < taken_until or (kw.start() and text[kw.start() - 1].isalnum()):
                continue
            document = "decision" if kw["kw"][1:].lower().startswith("ecision") else "resolution"
            named, source = _organ_before(text, kw.start(), organ)
            items = _list_at(text, kw.end(), document, named, source, organ, keyword=True)
            if items:
                found.extend(items)
                taken_until = items[-1].end
    starts = []
    if "/" in text:
        starts += [m.start() for m in _BARE_SLASH.finditer(text)]
    if "(" in text:
        for m in _ROMAN_PAREN.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            if (n := _NUMBER_BEFORE.search(before)) and (m["special"] or n["parts"] or len(m["roman"]) > 1):
                starts.append(m.start() - len(before) + n.start())
    if starts:
        keyed = [(c.start, c.end) for c in found]
        bare_until = -1
        for start in sorted(starts):
            if start < bare_until or any(s <= start < e for s, e in keyed):
                continue
            if start and (text[start - 1].isalnum() or text[start - 1] in "/.:-@"):
                continue
            if start > 1 and text[start - 1] == "," and text[start - 2].isdigit():
                continue  # "1,500 (II)"
            if text[start].isdigit() and _NOT_BEFORE.search(text, max(0, start - 14), start):
                continue
            named, source = _organ_before(text, start, organ)
            items = _list_at(text, start, "resolution", named, source, organ, keyword=False)
            if items:
                found.extend(items)
                bare_until = items[-1].end
        found.sort(key=lambda c: c.start)
    return tuple(found)


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


_ANY_ORGAN = re.compile(_ORGAN_WORDS)


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


def _organ_name(words: str, earlier: str, citing: str | None) -> str | None:
    key = re.sub(r"\s+", " ", words).strip().lower()
    name = _ORGAN_NAMES.get(key)
    if name != "Council":
        return name
    # "Council resolution 2129 (2013)": the council last named in full, else the citing council.
    named = _COUNCIL_NAMED.findall(earlier)
    if named:
        return _ORGAN_NAMES[re.sub(r"\s+", " ", named[-1]).lower()]
    if citing and "Council" in citing:
        return citing
    return "Council"


def _list_at(
    text: str, pos: int, document: str, named: str | None, source: str, citing: str | None, keyword: bool
) -> list[Citation]:
    items: list[Citation] = []
    while True:
        m = _ITEM.match(text, pos)
        if not m:
            break
        cit = _citation(text, m, document, named, source, citing, keyword and not items, len(items))
        if cit is None:
            break
        if items and not _same_family(items[0], cit):
            break
        items.append(cit)
        sep = _SEP.match(text, cit.end)
        if not sep:
            break  # "resolutions 60/288 and its resolution 61/1": the keyword starts a list afresh
        pos = sep.end()
    _share_years(items)
    return items


def _same_family(first: Citation, other: Citation) -> bool:
    if first.form == "sc" or other.form == "sc":
        return first.form == other.form
    if first.form == "year" or other.form == "year":
        return first.form == other.form
    return True


def _citation(
    text: str, m: re.Match[str], document: str, named: str | None, source: str, citing: str | None, keyword: bool, index: int
) -> Citation | None:
    g = m.groupdict()
    parts: tuple[str, ...] = ()
    glued = late = False
    year: int | None = None
    session: str | None
    if g["symbol"]:
        form = "symbol"
        symbol_text = g["symbol"]
        prefix = symbol_text.split("RES/")[0] if "RES/" in symbol_text else symbol_text.split("DEC/")[0]
        organ = {"A/": GA, "A/HRC/": HRC, "E/": ECOSOC, "E/CN.4/": CHR, "S/": SC, "T/": TC}[prefix]
        document = "decision" if g["skind"] == "DEC" else "resolution"
        if g["ssp"]:
            session, serial = g["ssp"], int(g["sspn"])
        elif g["sa"]:
            first = int(g["sa"])
            serial = int(g["sb"])
            if first >= 1946 and organ in (ECOSOC, CHR):
                session, year = None, first
            else:
                session = str(first)
            parts = (g["sparts"],) if g["sparts"] else ()
        else:
            serial = int(g["sold"])
            if g["sosess"].isdigit():
                session, year = None, int(g["sosess"])
                if organ != SC:
                    return None
            else:
                session = g["sosess"]
                if not _valid_session(session):
                    return None
            parts = (g["soparts"],) if g["soparts"] else ()
        source = "named"
    elif g["special"]:
        form, session, serial = "special", g["special"], int(g["spnum"])
        organ = named or (citing if citing in (GA, HRC) else GA)
    elif g["a"]:
        first, serial = int(g["a"]), int(g["b"])
        if first == 0 or serial == 0:
            return None
        parts = expand_parts(g["nparts"])
        glued = bool(parts) and not g["glue"]
        if first >= 1946:
            form, session, year = "year", None, first
            organ = named or (citing if source == "its" else None) or ECOSOC
        else:
            form, session = "new", str(first)
            organ = named or (citing if source == "its" else None) or (citing if citing in (GA, HRC) else GA)
    elif g["num"]:
        session = g["osess"]
        if not _valid_session(session):
            return None
        serial = int(g["num"])
        parts = expand_parts(g["oparts"] or g["lateparts"])
        glued = bool(g["oparts"]) and not g["oglue"]
        late = bool(g["lateparts"]) and not g["oparts"]
        form = "special" if session.startswith(("S-", "ES-")) else "old"
        n = roman_value(session.split("-")[-1]) or 0
        default = ECOSOC if form == "old" and n > 30 else GA
        organ = named or (citing if source == "its" else None) or default
    else:
        form, session, serial, year = "sc", None, int(g["scnum"]), int(g["scyear"])
        parts = expand_parts(g["scparts"])
        organ = named or (citing if source == "its" else None) or SC
    if serial == 0:
        return None
    if source == "its" and not fits(organ, form, session) and (other := _nearest_fitting(text, m.start(), form, session)):
        # "the General Assembly might take under the terms of its resolution 3292 (XXIX)"
        organ, source = other, "named"
    if organ == "Council" or organ is None:
        organ = SC if form == "sc" else (ECOSOC if form == "year" else HRC if form in ("new", "special") else ECOSOC)
    if source == "form" or (source == "its" and not citing):
        source = "form"
    symbol = _symbol(organ, document, form, session, serial, year, parts)
    end = m.end()
    # A trailing space kept by "31/16 " (glue) is not part of the citation.
    while end > m.start() and text[end - 1].isspace():
        end -= 1
    core_end = end
    date = date_text = None
    date_start = date_end = None
    if d := _DATED.match(text, end):
        date_text = d.group().strip(" ,")
        date_start = d.start("day") if d["day"] else d.start("month2")
        date_end = d.end()
        date = _to_date(d)
        end = d.end()
        by = _ORGAN_NAMES.get(re.sub(r"\s+", " ", d["by"] or "").lower())
        if by and by != "Council" and source != "named":
            # "resolution 992 (X), adopted by the General Assembly on 21 November 1955"
            organ, source = by, "named"
            symbol = _symbol(organ, document, form, session, serial, year, parts)
    title = None
    if t := _TITLED.match(text, end):
        title = t["title"].strip()
    return Citation(
        text=text[m.start() : end],
        start=m.start(),
        end=end,
        core=text[m.start() : core_end],
        core_start=m.start(),
        core_end=core_end,
        form=form,
        document=document,
        organ=organ,
        organ_source=source,
        session=session,
        serial=serial,
        year=year,
        parts=parts,
        symbol=symbol,
        date=date,
        date_text=date_text,
        date_start=date_start,
        date_end=date_end,
        keyword=keyword,
        list_index=index,
        glued_parts=glued,
        parts_after_session=late,
        title=title,
    )


def _valid_session(session: str) -> bool:
    return roman_value(session.split("-", 1)[-1]) is not None


def _symbol(organ: str, document: str, form: str, session: str | None, serial: int, year: int | None, parts: tuple[str, ...]) -> str:
    """The normalised symbol: "A/RES/60/288", "A/RES/217 (III) A", "S/RES/1373 (2001)", "E/RES/1990/47"."""
    suffix = f" {parts[0]}" if len(parts) == 1 else ""
    if form == "sc" or (form == "symbol" and organ == SC):
        return (f"S/RES/{serial} ({year})" if year else f"S/RES/{serial}") + suffix
    prefix = _SYMBOL_PREFIX.get((organ, document), "A/RES/")
    if year is not None:
        core = f"{year}/{serial}"
    elif session and (session.isdigit() or _NEW_SPECIAL.fullmatch(session)):
        core = f"{session}/{serial}"
    else:
        core = f"{serial} ({session})"
    return f"{prefix}{core}{suffix}"


def _to_date(d: re.Match[str]) -> dt.date | None:
    day, month, year = (d["day"], d["month"], d["year"]) if d["day"] else (d["day2"], d["month2"], d["year2"])
    if not year:
        return None
    try:
        return dt.date(int(year), _MONTH_NUMBER[month], int(day))
    except ValueError:
        return None


def _share_years(items: list[Citation]) -> None:
    """ "38 (1948) of 17 January, 39 (1948) of 20 January and 47 (1948) of 21 April 1948"."""
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
        items[i] = _replace(cit, date=date, date_year_implied=True)


def _replace(cit: Citation, **changes) -> Citation:
    from dataclasses import replace

    return replace(cit, **changes)


# ---------------------------------------------------------------------------
# The session calendar of the General Assembly (DOMAIN.md §2)

#: Opening days that follow neither rule below.
_OPENINGS = {1: dt.date(1946, 1, 10), 55: dt.date(2000, 9, 5), 57: dt.date(2002, 9, 10)}


def session_opening(n: int) -> dt.date:
    """The day regular session ``n`` of the General Assembly opened (or will open).

    Since the 58th session: the Tuesday of the third week of September counting from
    the first week with a working day (rule 1 of the rules of procedure); before it,
    the third Tuesday of September, with a few exceptions (the 1st session opened in
    January 1946). Dates before the 58th session may be a few weeks out.
    """
    if n in _OPENINGS:
        return _OPENINGS[n]
    year = 1945 + n
    first = dt.date(year, 9, 1)
    if n >= 58:
        while first.weekday() >= 5:  # the first week with a working day
            first += dt.timedelta(days=1)
        monday = first - dt.timedelta(days=first.weekday())
        return monday + dt.timedelta(days=15)
    first_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + dt.timedelta(days=14)


def session_exact(n: int) -> bool:
    """Whether :func:`session_opening` is exact for session ``n`` (not an estimate)."""
    return n >= 58 or n in _OPENINGS


def in_session(n: int, day: dt.date, tolerance_days: int = 0) -> bool:
    """Whether ``day`` falls within regular session ``n`` (from its opening to the next one's).

    Sessions whose opening day is an estimate get ``tolerance_days`` of slack at each end.
    """
    start, end = session_opening(n), session_opening(n + 1)
    slack_start = dt.timedelta(days=0 if session_exact(n) else tolerance_days)
    slack_end = dt.timedelta(days=0 if session_exact(n + 1) else tolerance_days)
    return start - slack_start <= day < end + slack_end
