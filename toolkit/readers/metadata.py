"""Read metadata from a resolution's title block, masthead and footer (DOMAIN.md §1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from toolkit.dates import DATE, MONTHS, parse_date, to_date
from toolkit.model import Metadata
from toolkit.readers.furniture import SYMBOL
from toolkit.vocabulary import ORGANS, ordinal_value

_ORGAN = "(?P<organ>" + "|".join(o.replace(" ", r"\s+") for o in ORGANS) + ")"
_WS = r"\s+"

_ADOPTED_BY = re.compile(r"Resolution\s+adopted\s+by\s+the\s+" + _ORGAN + r"(?:\s+on\s+(?P<date>[^\n\[]+))?", re.I)
_COMMITTEE = re.compile(
    r"\[(?P<line>(?:without\s+reference\s+to\s+a\s+Main\s+Committee|on\s+the\s+report\s+of\s+the\s+[^\[\]]+?)"
    r"\s*\((?P<symbol>[A-Z][A-Za-z0-9./\- ]+?(?:\s+and\s+(?:Add|Corr)\.\d+)?)\))\]",
)
_GA_TITLE = re.compile(
    r"^[ \t]*(?P<number>(?:(?:ES|S)-\d+/)?\d+/\d+(?:\s+[A-Z](?:-[A-Z])?)?)\.[ \t]+(?P<title>\S[^\n]*(?:\n(?![ \t]*\n)[^\n]+)*)",
    re.M,
)
_SC_TITLE = re.compile(
    r"^[ \t]*(?:Resolution|RESOLUTION)\s+(?P<number>\d+)\s*(?:\((?P<year>[^)\n]{4,7})\))?",
    re.M,
)
_SC_OLD_TITLE = re.compile(
    r"^[ \t]*(?P<number>\d+)\s*\((?P<year>\d{4})\)\.?\s+Resolution\s+of\s+(?P<date>[^\n]+)",
    re.M,
)
_SC_ADOPTED = re.compile(
    r"Adopted\s+(?:unanimously\s+)?(?:by\s+the\s+(?:" + _ORGAN + r"|[A-Z]\w+)\s+)?at\s+(?:its|the)\s+"
    r"(?P<meeting>\d\w*\s+(?:plenary\s+)?meeting)(?:,?\s+on\s+(?P<date>\d{1,2}\s+\w+\s+\d{4}))?",
    re.I,
)
_OF_DATE = re.compile(r"^[ \t]*(?:[oOe]f\s+)?(?P<date>\d{1,2}\s+\w+[.,]?\s+\d{4})", re.M)
_SESSION = re.compile(
    r"(?P<words>(?:[A-Z][a-z]+-)?[A-Z]?[a-z]+(?:[ -][a-z]+)?)\s+(?P<kind>(?:emergency\s+)?special\s+)?session\b"
)
_AGENDA = re.compile(r"Agenda\s+items?\s+(?P<items>[0-9][0-9a-z(), ]*(?:\s+and\s+[0-9][0-9a-z()]*)?)")
# "110th plenary meeting"; also in words ("one hundred and tenth plenary meeting"), which a rule reports.
_MEETING = re.compile(
    r"^[ \t]*(?P<meeting>\d+(?:st|nd|rd|th|d)\s+(?:plenary\s+)?meeting"
    r"|(?:[A-Za-z]+[ -])*[A-Za-z]*(?:first|second|third|th)\s+plenary\s+meeting)\.?[ \t]*$",
    re.M,
)
_DISTR_DATE = re.compile(r"Distr\.:?\s*(?:General|GENERAL|Limited)?\s*\n?\s*(?P<date>\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\s+\d{4})")
_JOB = re.compile(r"^[ \t]*(?P<job>\d{2}-\d{5}\s*\([A-Z]\))", re.M)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_header(text: str) -> dict[str, Any]:
    """Fields found in the text above the organ line (title block and masthead)."""
    found: dict[str, Any] = {}
    text = text.replace("_", " ")  # scanning debris: "3133rd_ meeting", "at _its"
    if m := _ADOPTED_BY.search(text):
        found["organ"] = _clean(m["organ"])
        if m["date"] and (d := parse_date(m["date"])):
            found["adoption_date"] = d
    if m := _COMMITTEE.search(text):
        found["committee_line"] = _clean(m["line"])
        found["draft_symbol"] = _clean(m["symbol"])
    if m := _GA_TITLE.search(text):
        found["resolution_number"] = m["number"]
        found["title"] = _clean(m["title"])
    elif m := _SC_OLD_TITLE.search(text):
        found.update(_sc_number(m["number"], m["year"], parse_date(m["date"])))
        if d := parse_date(m["date"]):
            found["adoption_date"] = d
    elif m := _SC_TITLE.search(text):
        rest = text[m.end() :]
        date = None
        if d := _OF_DATE.match(rest.lstrip()):
            date = parse_date(d["date"])
        elif a := _SC_ADOPTED.search(rest):
            date = parse_date(a["date"] or "")
        found.update(_sc_number(m["number"], m["year"], date))
        if date:
            found["adoption_date"] = date
    if m := _SC_ADOPTED.search(text):
        found.setdefault("organ", _clean(m["organ"]) if m["organ"] else None)
        found["meeting"] = _clean(m["meeting"])
        if m["date"] and (d := parse_date(m["date"])):
            found.setdefault("adoption_date", d)
    found.update({k: v for k, v in read_masthead(text).items() if k not in found or found[k] is None})
    return {k: v for k, v in found.items() if v is not None}


def read_masthead(text: str) -> dict[str, Any]:
    """Symbol, organ, distribution date, session and agenda items from masthead text."""
    found: dict[str, Any] = {}
    if m := SYMBOL.search(text):
        found["symbol"] = normalise_symbol(m.group())
    if m := _DISTR_DATE.search(text):
        found["distribution_date"] = parse_date(m["date"])
    for m in _SESSION.finditer(text):
        if (n := ordinal_value(m["words"])) is not None:
            found["session"] = _clean(m.group())
            found["session_number"] = n
            break
    if m := _AGENDA.search(text):
        items = re.split(r"\s*,\s*|\s+and\s+", m["items"].strip().rstrip(",. "))
        found["agenda_items"] = tuple(i for i in items if i)
    if m := _JOB.search(text):
        found["job_number"] = _clean(m["job"])
    for organ in ORGANS:
        if organ in text:
            found["organ"] = organ
            break
    return found


def read_footer(text: str) -> dict[str, Any]:
    """Meeting and adoption date from the lines below the last operative paragraph."""
    found: dict[str, Any] = {}
    text = text.replace("_", " ")  # scanning debris: "473rd_ meeting"
    if m := _SC_ADOPTED.search(text):
        found["meeting"] = _clean(m["meeting"])
        if m["organ"]:
            found["organ"] = _clean(m["organ"])
        if m["date"] and (d := parse_date(m["date"])):
            found["adoption_date"] = d
    elif m := _MEETING.search(text):
        found["meeting"] = _clean(m["meeting"])
    for m in DATE.finditer(text):
        if re.fullmatch(r"\s*", text[text.rfind("\n", 0, m.start()) + 1 : m.start()]) and (d := to_date(m)):
            found.setdefault("adoption_date", d)
            break
    return found


def _sc_number(number: str, year: str | None, date: dt.date | None) -> dict[str, Any]:
    """Resolution number and symbol of a Security Council resolution ("1454 (2002)")."""
    digits = re.sub(r"\D", "", year or "")
    if len(digits) != 4 or (date and int(digits) != date.year):
        digits = str(date.year) if date else digits
    if len(digits) != 4:
        return {"organ": "Security Council", "resolution_number": number}
    return {
        "organ": "Security Council",
        "resolution_number": f"{int(number)} ({digits})",
        "symbol": f"S/RES/{int(number)} ({digits})",
    }


def normalise_symbol(symbol: str) -> str:
    """``"S/RES/1373(2001)"`` -> ``"S/RES/1373 (2001)"``; other symbols are only trimmed (:mod:`toolkit.organs`)."""
    from toolkit.organs import normalise_symbol as normalise

    return normalise(symbol)


def merge(*sources: dict[str, Any]) -> Metadata:
    """One :class:`Metadata` from several readings; earlier readings win."""
    fields = {f.name for f in dataclasses.fields(Metadata)}
    merged: dict[str, Any] = {}
    for found in sources:
        for key, value in found.items():
            if key in fields and value not in (None, (), "") and key not in merged:
                merged[key] = value
    return Metadata(**merged)


def metadata_dict(meta: Metadata) -> dict[str, Any]:
    return {f.name: getattr(meta, f.name) for f in dataclasses.fields(Metadata) if getattr(meta, f.name) not in (None, ())}
