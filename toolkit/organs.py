"""The organs of the United Nations that adopt resolutions: names, symbols, numbering, calendars.

The one home of this knowledge (DOMAIN.md §2, §3): every other module asks here how an
organ is spelled, which symbol prefix it uses, how it numbers its resolutions and when
its sessions ran::

    >>> canonical_name("COMMISSION ON  HUMAN RIGHTS")
    'Commission on Human Rights'
    >>> parse_symbol("S/RES/1373(2001)").text
    'S/RES/1373 (2001)'
    >>> parse_symbol("resolution 5/1", organ=HUMAN_RIGHTS_COUNCIL).text
    'A/HRC/RES/5/1'

Numbering forms (``Organ.forms``): ``"new"`` session/number ("60/288", HRC "5/1");
``"old"`` number and Roman session ("217 (III)", ECOSOC "1733 (LIV)"); ``"special"``
special and emergency special sessions ("S-8/1", "ES-10/2", "3362 (S-VII)");
``"sc"`` number and year ("1373 (2001)"); ``"year"`` year/number ("1990/47").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from toolkit import patterns

GENERAL_ASSEMBLY = "General Assembly"
SECURITY_COUNCIL = "Security Council"
ECONOMIC_AND_SOCIAL_COUNCIL = "Economic and Social Council"
HUMAN_RIGHTS_COUNCIL = "Human Rights Council"
COMMISSION_ON_HUMAN_RIGHTS = "Commission on Human Rights"
COMMISSION_ON_THE_STATUS_OF_WOMEN = "Commission on the Status of Women"
TRUSTEESHIP_COUNCIL = "Trusteeship Council"


@dataclass(frozen=True, slots=True)
class Organ:
    """An organ that adopts resolutions and decisions."""

    name: str  # as written in text: "Economic and Social Council"
    prefix: str  # its document series: "E/"
    resolutions: str  # "E/RES/"
    decisions: str  # "E/DEC/"
    forms: tuple[str, ...]  # numbering forms, see the module docstring
    aliases: tuple[str, ...] = ()  # other names in text ("Assembly", "ECOSOC")
    new_from: int | None = None  # first year of the "year" form (ECOSOC: 1978)
    last_old_session: int | None = None  # the General Assembly's old series ran to the 30th session

    def prefix_for(self, document: str) -> str:
        return self.decisions if document == "decision" else self.resolutions


ORGANS: tuple[Organ, ...] = (
    Organ(GENERAL_ASSEMBLY, "A/", "A/RES/", "A/DEC/", ("new", "old", "special"), ("Assembly",), last_old_session=30),
    Organ(SECURITY_COUNCIL, "S/", "S/RES/", "S/RES/", ("sc",)),
    Organ(ECONOMIC_AND_SOCIAL_COUNCIL, "E/", "E/RES/", "E/DEC/", ("year", "old"), ("ECOSOC",), new_from=1978),
    Organ(HUMAN_RIGHTS_COUNCIL, "A/HRC/", "A/HRC/RES/", "A/HRC/DEC/", ("new", "special"), ("HRC",)),
    Organ(COMMISSION_ON_HUMAN_RIGHTS, "E/CN.4/", "E/CN.4/RES/", "E/CN.4/DEC/", ("year", "old"), new_from=1978),
    # The Commission numbers its resolutions session/number ("resolution 60/2"); they are
    # published in its report, and the symbol here follows the pattern of its sister Commission.
    Organ(COMMISSION_ON_THE_STATUS_OF_WOMEN, "E/CN.6/", "E/CN.6/RES/", "E/CN.6/DEC/", ("new",)),
    Organ(TRUSTEESHIP_COUNCIL, "T/", "T/RES/", "T/DEC/", ("old",)),
)
_BY_KEY = {" ".join(n.lower().split()): o for o in ORGANS for n in (o.name, *o.aliases)}
_BY_NAME = {o.name: o for o in ORGANS}
#: Longest prefix first, so that "A/HRC/" wins over "A/" and "E/CN.4/" over "E/".
_BY_PREFIX = sorted(ORGANS, key=lambda o: -len(o.prefix))

#: Names as they stand in text, longest first ("Human Rights Council" before "Council").
NAME_PATTERN = "|".join(
    sorted((n.replace(" ", r"\s+") for o in ORGANS for n in (o.name, *o.aliases)), key=len, reverse=True)
)


def organ(name: str | None) -> Organ | None:
    """The organ a name or alias denotes, case and spacing aside ("the assembly" is not one)."""
    if not name:
        return None
    return _BY_KEY.get(" ".join(name.lower().split()))


def canonical_name(name: str | None) -> str | None:
    """The proper spelling of an organ's name ("COMMISSION ON HUMAN RIGHTS" -> "Commission on Human Rights")."""
    o = organ(name)
    return o.name if o else None


def organ_of_symbol(symbol: str) -> Organ | None:
    """The organ whose series a document symbol belongs to ("A/HRC/25/59" -> Human Rights Council)."""
    s = symbol.strip()
    return next((o for o in _BY_PREFIX if s.startswith(o.prefix)), None)


def fits(name: str, form: str, session: str | None = None) -> bool:
    """Whether the organ ``name`` numbers its resolutions in ``form`` (unknown organs fit anything)."""
    o = _BY_NAME.get(name)
    if o is None or form == "symbol":
        return True
    if form not in o.forms:
        return False
    if form == "old" and session and o.last_old_session is not None:
        return (roman_value(session) or 0) <= o.last_old_session
    if o.name == HUMAN_RIGHTS_COUNCIL and form == "special" and session:
        return bool(re.fullmatch(r"S-\d{1,2}", session))  # the Council has special, never emergency, sessions
    return True


# ---------------------------------------------------------------------------
# Roman numerals (sessions "XXI", "S-VII")

_ROMAN_RE = patterns.compile(r"(?=[IVXLC])(?P<tens>XC|XL|L?X{0,3})(?P<units>IX|IV|V?I{0,3})")
_TENS = {"": 0, "X": 10, "XX": 20, "XXX": 30, "XL": 40, "L": 50, "LX": 60, "LXX": 70, "LXXX": 80, "XC": 90}
_UNITS = {"": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}


def roman_value(text: str) -> int | None:
    """``"XXI"`` -> 21; None for what is not a Roman numeral of 1 to 99."""
    m = _ROMAN_RE.fullmatch(text)
    if not m or not text:
        return None
    return _TENS[m["tens"]] + _UNITS[m["units"]] or None


def valid_session(session: str) -> bool:
    """Whether an old-form session ("XXI", "S-VII", "ES-I") is a Roman numeral."""
    return roman_value(session.split("-", 1)[-1]) is not None


# ---------------------------------------------------------------------------
# Symbols of resolutions and decisions: one function family


@dataclass(frozen=True, slots=True)
class Symbol:
    """A resolution or decision symbol, normalised: ``text`` for display, ``key`` for look-ups."""

    text: str
    organ: str
    document: str = "resolution"
    session: str | None = None  # "60", "III", "S-VII", "ES-10"
    serial: int | None = None
    year: int | None = None  # Security Council "(2001)", Economic and Social Council "1990/"
    part: str | None = None

    @property
    def key(self) -> str:
        return re.sub(r"\s+", "", self.text)


def format_symbol(
    name: str,
    document: str,
    session: str | None,
    serial: int,
    year: int | None = None,
    parts: tuple[str, ...] = (),
    old: bool = False,
) -> str:
    """The normalised symbol: "A/RES/60/288", "A/RES/217 (III) A", "S/RES/1373 (2001)", "E/RES/1990/47".

    One part letter is kept ("A/RES/31/16 A"); several ("31/6 A and B") name the resolution as a whole.
    ``old`` keeps the number-and-session form even for a session in figures ("A/RES/104 (S-1)").
    """
    suffix = f" {parts[0]}" if len(parts) == 1 else ""
    o = _BY_NAME.get(name) or _BY_NAME[GENERAL_ASSEMBLY]
    if o.name == SECURITY_COUNCIL:
        return (f"S/RES/{serial} ({year})" if year else f"S/RES/{serial}") + suffix
    if year is not None:
        core = f"{year}/{serial}"
    elif session and not old and (session.isdigit() or re.fullmatch(r"E?S-\d{1,2}", session)):
        core = f"{session}/{serial}"
    else:
        core = f"{serial} ({session})"
    return f"{o.prefix_for(document)}{core}{suffix}"


# A part: "A", "AA", "B-1", "XI", or what the Digital Library writes in brackets ("[PARA.2]").
_PART = r"(?:\[[A-Za-z0-9][A-Za-z0-9.\- ]{0,19}\]|[A-Z]{1,2}(?:-(?:\d{1,2}|[A-Z]|[IVXLC]{1,6}))?|[IVXLC]{1,6})"
_PREFIX = r"(?P<prefix>(?:A/HRC|E/CN\.[46]|A|S|E|T)/(?P<kind>RES|DEC)/)"
_SYMBOL_FORMS = (
    # "S/RES/1373 (2001)", "1373(2001)", "S/RES/161 (1961) A"
    ("sc", patterns.compile(r"^(?:S/RES/)?(?P<serial>\d{1,4})\s*\((?P<year>(?:19|20)\d\d)\)\s*(?P<part>" + _PART + r")?$")),
    # "A/RES/ES-10/2", "S-8/1", "A/HRC/RES/S-1/1"
    ("special", patterns.compile(r"^" + _PREFIX + r"?(?P<session>(?:ES|S)-\d{1,2})/(?P<serial>\d{1,4})\s*(?P<part>" + _PART + r")?$")),
    # "E/RES/1990/47", "E/CN.4/RES/2005/80", "1990/47"
    ("year", patterns.compile(r"^" + _PREFIX + r"?(?P<year>(?:19[4-9]|20\d)\d)/(?P<serial>\d{1,4})\s*(?P<part>" + _PART + r")?$")),
    # "A/RES/60/288", "60/288 A", "A/HRC/RES/5/1", "A/DEC/31/406"
    ("new", patterns.compile(r"^" + _PREFIX + r"?(?P<session>\d{1,3})/(?P<serial>\d{1,4})\s*(?P<part>" + _PART + r")?$")),
    # "A/RES/217 (III) A", "217 A (III)", "A/RES/217(III)[A]", "E/RES/1733 (LIV)", "3362 (S-VII)"
    ("old", patterns.compile(
        r"^" + _PREFIX + r"?(?P<serial>\d{1,4})\s*(?P<early>[A-Z](?:\s*(?:and|to|-)\s*[A-Z])?)?\s*"
        r"\((?P<session>(?:ES-|S-)?(?:[IVXLC]+|\d{1,2}))\)\s*(?P<part>" + _PART + r")?$"
    )),
)
_LEAD = patterns.compile(r"^(?:(?:the\s+)?(?P<organ>" + NAME_PATTERN + r")(?:['\u2019]s)?\s+)?(?:its\s+)?(?P<kw>resolutions?|decisions?)?\s*", re.I)


def parse_symbol(raw: str, organ: str | None = None) -> Symbol | None:
    """The resolution or decision a string names, normalised; None when it names none.

    Takes a symbol ("A/RES/217(III)[A]", "S/RES/1373(2001)") or a citation ("Security Council
    resolution 1373 (2001)", "60/288"). Without a prefix or a named organ the form decides
    ("1373 (2001)": Security Council, "1990/47": Economic and Social Council, "60/288": General
    Assembly), unless ``organ`` (the citing organ) numbers its resolutions in that form.
    """
    s = " ".join(raw.strip().strip(".,;").split())
    lead = _LEAD.match(s)
    named = canonical_name(lead["organ"]) if lead and lead["organ"] else None
    document = "decision" if lead and (lead["kw"] or "").lower().startswith("decision") else "resolution"
    if lead:
        s = s[lead.end() :]
    for form, pattern in _SYMBOL_FORMS:
        if not (m := pattern.match(s)):
            continue
        g = m.groupdict()
        by_prefix = organ_of_symbol(g["prefix"]) if g.get("prefix") else None
        if g.get("kind") == "DEC":
            document = "decision"
        name = (by_prefix.name if by_prefix else None) or named or _default_organ(form, organ, g.get("session"))
        if form == "sc" and name != SECURITY_COUNCIL:
            if by_prefix or named:
                return None
            name = SECURITY_COUNCIL
        session = g.get("session")
        # The Digital Library writes some old special sessions in figures: "A/RES/104(S-1)".
        if form == "old" and not (valid_session(session or "") or (session or "").split("-")[-1].isdigit()):
            return None
        year = int(g["year"]) if g.get("year") else None
        if form == "year" and name not in (ECONOMIC_AND_SOCIAL_COUNCIL, COMMISSION_ON_HUMAN_RIGHTS):
            if by_prefix or named:
                return None
            name = ECONOMIC_AND_SOCIAL_COUNCIL
        fit_form = "special" if form == "old" and (session or "").startswith(("S-", "ES-")) else form
        if (by_prefix or named) and fit_form not in ("sc", "year") and not fits(name, fit_form, session):
            return None  # "Security Council resolution 60/288" names nothing
        part = (g.get("part") or "").strip("[]") or None
        if part is None and g.get("early") and len(g["early"]) == 1:
            part = g["early"]
        serial = int(g["serial"])
        text = format_symbol(
            name, document, None if form in ("sc", "year") else session, serial, year, (part,) if part else (), old=form == "old"
        )
        return Symbol(text, name, document, None if form in ("sc", "year") else session, serial, year, part)
    return None


def _default_organ(form: str, citing: str | None, session: str | None) -> str:
    if form == "sc":
        return SECURITY_COUNCIL
    if form == "year":
        return citing if citing in (ECONOMIC_AND_SOCIAL_COUNCIL, COMMISSION_ON_HUMAN_RIGHTS) else ECONOMIC_AND_SOCIAL_COUNCIL
    if form == "old" and session and (roman_value(session) or 0) > 30:
        return ECONOMIC_AND_SOCIAL_COUNCIL  # the Assembly's old series ended with the 30th session
    if citing and fits(citing, form, session) and citing != SECURITY_COUNCIL:
        return citing
    return GENERAL_ASSEMBLY


def symbol_key(raw: str, organ: str | None = None) -> str | None:
    """The look-up key of a symbol string ("S/RES/1373(2001)" -> "S/RES/1373(2001)"), or None."""
    sym = parse_symbol(raw, organ)
    return sym.key if sym else None


def normalise_symbol(raw: str) -> str:
    """Any document symbol tidied: spaces folded, resolution symbols normalised ("S/RES/1373(2001)" ->
    "S/RES/1373 (2001)"); other symbols ("A/70/L.55", "A/65/456/Add.2 (Part II)") only trimmed."""
    s = " ".join(raw.split())
    if re.match(_PREFIX, s) and (sym := parse_symbol(s)):
        return sym.text
    return s


def resolution_number(symbol: str) -> str | None:
    """The number a resolution is cited by: "A/RES/70/291" -> "70/291", "S/RES/1373 (2001)" -> "1373 (2001)"."""
    sym = parse_symbol(symbol)
    if sym is None or not re.match(_PREFIX, symbol.strip()):
        return None
    o = _BY_NAME[sym.organ]
    return sym.text[len(o.prefix_for(sym.document)) :]


def symbol_of_number(number: str, name: str | None = None) -> Symbol | None:
    """The symbol of a resolution number as printed over its title ("70/291", "ES-10/2", "31/16 A")."""
    return parse_symbol(number, name)


# ---------------------------------------------------------------------------
# Session calendars

#: General Assembly opening days that follow neither rule of :func:`session_opening`.
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
    first = dt.date(1945 + n, 9, 1)
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
    """Whether ``day`` falls within regular session ``n`` of the General Assembly.

    Sessions whose opening day is an estimate get ``tolerance_days`` of slack at each end.
    """
    start, end = session_opening(n), session_opening(n + 1)
    slack_start = dt.timedelta(days=0 if session_exact(n) else tolerance_days)
    slack_end = dt.timedelta(days=0 if session_exact(n + 1) else tolerance_days)
    return start - slack_start <= day < end + slack_end


def hrc_session_years(n: int) -> tuple[int, int]:
    """The years in which regular session ``n`` of the Human Rights Council may have met.

    Assumption, stated because the calendar is irregular: the Council met for sessions 1–5
    in its first cycle (June 2006 – June 2007) and 6–8 in the rest of 2007 and 2008; since
    its 7th session (March 2008) it holds three regular sessions a year, in March, June and
    September, so session ``n`` >= 7 falls in year 2008 + (n - 7) // 3. Resolutions are
    adopted at the end of a session and a session may run into the next year's first weeks,
    so a year of slack is given at the late end; sessions 1–6 span 2006–2008.
    """
    if n < 1:
        raise ValueError(n)
    if n <= 6:
        return (2006, 2008)
    year = 2008 + (n - 7) // 3
    return (year, year + 1 if (n - 7) % 3 == 2 else year)


def date_fits_session(name: str, session: str | None, year: int | None, day: dt.date) -> bool | None:
    """Whether a resolution's stated date fits its number; None when the calendar cannot say.

    General Assembly "N/x": within regular session N; Human Rights Council "N/x": within
    :func:`hrc_session_years`; "year" and Security Council forms: the same year.
    """
    if year is not None:
        return day.year == year
    if not session or not session.isdigit():
        return None
    n = int(session)
    if name == GENERAL_ASSEMBLY:
        return in_session(n, day, tolerance_days=30)
    if name == HUMAN_RIGHTS_COUNCIL:
        first, last = hrc_session_years(n)
        return first <= day.year <= last
    return None
