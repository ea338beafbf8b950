"""Read metadata from a resolution's title block, masthead and footer (DOMAIN.md §1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from toolkit import patterns
from toolkit.dates import DATE, MONTHS, parse_date, to_date
from toolkit.model import Metadata
from toolkit.readers.furniture import SYMBOL
from toolkit.vocabulary import ORGANS, ordinal_value

_ORGAN = "(?P<organ>" + "|".join(o.replace(" ", r"\s+") for o in ORGANS) + ")"
_WS = r"\s+"

_ADOPTED_BY = patterns.compile(r"Resolution\s+adopted\s+by\s+the\s+" + _ORGAN + r"(?:\s+on\s+(?P<date>[^\n\[]+))?", re.I)
_COMMITTEE = patterns.compile(
    r"\[(?P<line>(?:without\s+reference\s+to\s+a\s+Main\s+Committee|on\s+the\s+report\s+of\s+the\s+[^\[\]]+?)"
    r"\s*\((?P<symbol>[A-Z][A-Za-z0-9./\- ]+?(?:\s+and\s+(?:Add|Corr)\.\d+)?)(?:,\s+paras?\.\s*[\d\s,and-]+)?\))\]",
)
_GA_TITLE = patterns.compile(
    r"^[ \t]*(?P<number>(?:(?:ES|S)-\d+/)?\d+/\d+(?:\s+[A-Z](?:-[A-Z])?)?)\.[ \t]+(?P<title>\S[^\n]*(?:\n(?![ \t]*\n)[^\n]+)*)",
    re.M,
)
_SC_TITLE = patterns.compile(
    r"^[ \t]*(?:Resolution|RESOLUTION)\s+(?P<number>\d+)\s*(?:\((?P<year>[^)\n]{4,7})\))?",
    re.M,
)
_SC_OLD_TITLE = patterns.compile(
    r"^[ \t]*(?P<number>\d+)\s*\((?P<year>\d{4})\)\.?\s+Resolution\s+of\s+(?P<date>[^\n]+)",
    re.M,
)
_SC_ADOPTED = patterns.compile(
    r"Adopted\s+(?:unanimously\s+)?(?:by\s+the\s+(?:" + _ORGAN + r"|[A-Z]\w+)\s+)?at\s+(?:its|the)\s+"
    r"(?P<meeting>\d\w*\s+(?:plenary\s+)?meeting)(?:,?\s+on\s+(?P<date>\d{1,2}\s+\w+\s+\d{4}))?",
    re.I,
)
_OF_DATE = patterns.compile(r"^[ \t]*(?:[oOe]f\s+)?(?P<date>\d{1,2}\s+\w+[.,]?\s+\d{4})", re.M)
_SESSION = patterns.compile(
    # Words of bounded length from a word's start: "[a-z]+" tried at every letter of a long
    # run of letters before a failing "session" is quadratic.
    r"\b(?P<words>(?:[A-Z][a-z]{1,20}-)?[A-Z]?[a-z]{1,20}(?:[ -][a-z]{1,20})?)\s+(?P<kind>(?:emergency\s+)?special\s+)?session\b"
)
_AGENDA = patterns.compile(r"Agenda\s+items?\s+(?P<items>[0-9][0-9a-z(), ]*(?:\s+and\s+[0-9][0-9a-z()]*)?)")
# "110th plenary meeting"; also in words ("one hundred and tenth plenary meeting"), which a rule reports.
_MEETING = patterns.compile(
    r"^[ \t]*(?P<meeting>\d+(?:st|nd|rd|th|d)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting"
    r"|(?:[A-Za-z]+[ -])*[A-Za-z]*(?:first|second|third|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting)\.?"
    r"(?:[ \t]+[0-3]?\d[ \t]+[A-Z][a-z]+[ \t]*\d{4})?[ \t]*$",  # the date may share the line
    re.M,
)
_DISTR_DATE = patterns.compile(r"Distr\.:?\s*(?:General|GENERAL|Limited)?\s*\n?\s*(?P<date>\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\s+\d{4})")
_JOB = patterns.compile(r"^[ \t]*(?P<job>\d{2}-\d{5}\s*\([A-Z]\))", re.M)


#: How much of a masthead, title block or footer the metadata is looked for in. A real
#: one is a few hundred characters (a draft's sponsors line, the longest part, names
#: at most the 193 Member States); a 16 MiB "masthead" (a text with no organ line and
#: no paragraph break) would otherwise be scanned by every pattern here.
WINDOW = 20_000


def _organ_name(text: str) -> str:
    """The organ's own spelling, whatever the case it was printed in ("GENERAL ASSEMBLY")."""
    from toolkit.organs import canonical_name

    return canonical_name(text) or _clean(text)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_header(text: str) -> dict[str, Any]:
    """Fields found in the text above the organ line (title block and masthead)."""
    found: dict[str, Any] = {}
    text = text[:WINDOW].replace("_", " ")  # scanning debris: "3133rd_ meeting", "at _its"
    if m := _ADOPTED_BY.search(text):
        found["organ"] = _organ_name(m["organ"])
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
        found.setdefault("organ", _organ_name(m["organ"]) if m["organ"] else None)
        found["meeting"] = _clean(m["meeting"])
        if m["date"] and (d := parse_date(m["date"])):
            found.setdefault("adoption_date", d)
    found.update({k: v for k, v in read_masthead(text).items() if k not in found or found[k] is None})
    return {k: v for k, v in found.items() if v is not None}


def read_masthead(text: str) -> dict[str, Any]:
    """Symbol, organ, distribution date, session and agenda items from masthead text."""
    found: dict[str, Any] = {}
    text = text[:WINDOW]
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
    text = text[:WINDOW].replace("_", " ")  # scanning debris: "473rd_ meeting"
    if m := _SC_ADOPTED.search(text):
        found["meeting"] = _clean(m["meeting"])
        if m["organ"]:
            found["organ"] = _organ_name(m["organ"])
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


# --- Drafts and amendments (L. documents, DOMAIN.md §9) -------------------------------

_MASTHEAD_SYMBOL = patterns.compile(
    r"^(?:United\s+Nations\s+)?(?P<symbol>[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+){2,7}(?:\s*\(\d{4}\))?)\s*$"
)
_DISTRIBUTION = patterns.compile(r"Distr\.:?\s*(?P<kind>General|Limited|Restricted|GENERAL|LIMITED|RESTRICTED)")
_ORIGINAL = patterns.compile(r"^Original:\s*(?P<language>[A-Z][a-z]+(?:/[A-Z][a-z]+)*)\s*$")
_COMMITTEE_NAME = patterns.compile(
    r"(?P<name>Special\s+Political\s+and\s+Decolonization\s+Committee\s+\(Fourth\s+Committee\)"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth)\s+Committee)"
)
_AGENDA_LINE = patterns.compile(r"^Agenda\s+items?\s+\d")
#: The sponsors line ends by naming the document: "Cuba: draft resolution",
#: "…: revised draft resolution", "…: amendment to draft resolution A/C.3/80/L.24",
#: or it is a "Draft resolution submitted by the Chair …" line.
_DOCUMENT_TYPE = patterns.compile(
    r":\*{0,3}\s*(?P<type>(?:revised\s+)?draft\s+(?:resolution|decision)"
    r"|amendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft\s+(?:resolution|decision)\s+(?P<amends>[A-Z][A-Za-z0-9./\-]+))\s*$"
    r"|^(?P<submitted>(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision)\s+submitted\s+by\s+.+)$"
    r"|^(?P<bare>(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision))\s*\**$",
    re.S,
)
#: Member States whose names hold "and", so that a list is not split inside them.
_NAMES_WITH_AND = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
)
_AND = "\ue001"


def _paragraphs(text: str) -> list[str]:
    """The masthead's paragraphs: runs of non-blank lines, white space folded."""
    return [_clean(p) for p in re.split(r"\n[ \t\u00a0]*\n", text) if p.strip()]


def read_draft(masthead: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The :class:`~toolkit.model.Draft` fields and the metadata fields of an L.
    document's masthead, or None when the masthead has no sponsors line."""
    masthead = masthead[:WINDOW]
    lines = [_clean(l) for l in masthead.splitlines()]
    paragraphs = _paragraphs(masthead)
    sponsor_index = next((i for i, p in enumerate(paragraphs) if _DOCUMENT_TYPE.search(p)), None)
    if sponsor_index is None:
        return None
    sponsor_line = paragraphs[sponsor_index]
    m = _DOCUMENT_TYPE.search(sponsor_line)
    assert m is not None
    draft: dict[str, Any] = {"sponsor_line": sponsor_line}
    if m["bare"]:
        draft["document_type"] = _clean(m["bare"]).lower()
    elif m["submitted"]:
        draft["document_type"] = "revised draft resolution" if sponsor_line.lower().startswith("revised") else (
            "draft decision" if "decision" in sponsor_line.split(" submitted")[0].lower() else "draft resolution"
        )
        draft["sponsors"] = (re.sub(r"^.*?\bsubmitted\s+by\s+", "", sponsor_line).rstrip(" *"),)
    else:
        kind = _clean(m["type"]).lower()
        draft["document_type"] = "amendment" if kind.startswith("amendment") else kind
        if m["amends"]:
            draft["amends"] = m["amends"].rstrip(".")
        draft["sponsors"] = split_sponsors(sponsor_line[: m.start()])
    for line in lines:
        if (s := _MASTHEAD_SYMBOL.match(line)) and "symbol" not in draft and "/" in s["symbol"]:
            draft["symbol"] = normalise_symbol(s["symbol"])
            if rev := re.search(r"/Rev\.(\d+)$", draft["symbol"]):
                draft["revision"] = int(rev[1])
        elif o := _ORIGINAL.match(line):
            draft.setdefault("original", o["language"])
    if d := _DISTRIBUTION.search(masthead):
        draft["distribution"] = d["kind"].capitalize()
    if d := _DISTR_DATE.search(masthead):
        draft["date"] = parse_date(d["date"])
    agenda = next((i for i, p in enumerate(paragraphs[:sponsor_index]) if _AGENDA.search(p)), None)
    above_agenda = " ".join(paragraphs[: (agenda or 0) + 1])
    above_agenda = above_agenda[: a.start()] if (a := _AGENDA.search(above_agenda)) else above_agenda
    if c := _COMMITTEE_NAME.search(above_agenda):
        draft["committee"] = _clean(c["name"])
    if agenda is not None:
        title = _agenda_title(paragraphs[agenda])
        if title:
            draft["agenda_title"] = title
        elif agenda + 1 < sponsor_index:
            draft["agenda_title"] = paragraphs[agenda + 1]
    if sponsor_index + 1 < len(paragraphs):
        draft["title"] = paragraphs[sponsor_index + 1]
    found = {
        "symbol": draft.get("symbol"),
        "distribution_date": draft.get("date"),
        "title": draft.get("title"),
        "agenda_title": draft.get("agenda_title"),
    }
    return draft, {k: v for k, v in found.items() if v is not None}


def _agenda_title(paragraph: str) -> str | None:
    """The title that follows "Agenda item 66" in the same paragraph of the masthead."""
    m = _AGENDA.search(paragraph)
    if not m:
        return None
    rest = paragraph[m.end() :].strip()
    return rest or None


def agenda_title(masthead: str) -> str | None:
    """The agenda item's title printed under "Agenda item N" on the first page (in the
    same paragraph of the text, or the next block where a PDF sets it apart)."""
    paragraphs = _paragraphs(masthead[:WINDOW])
    for i, paragraph in enumerate(paragraphs):
        if _AGENDA.search(paragraph):
            if title := _agenda_title(paragraph):
                return title
            after = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
            if after and not (
                _ADOPTED_BY.search(after) or _COMMITTEE.search(after) or _GA_TITLE.search(after)
                or _DOCUMENT_TYPE.search(after) or re.search(r"[.;:]$", after)
            ):
                return after
            return None
    return None


def split_sponsors(text: str) -> tuple[str, ...]:
    """Member States of a sponsors line: "Australia, Austria, …, Nigeria,* and Thailand"."""
    text = re.sub(r"\*+", "", _clean(text)).strip(" ,:")
    for name in _NAMES_WITH_AND:
        text = re.sub(re.escape(name).replace(r"\ ", r"\s+"), name.replace(" and ", f" {_AND} "), text)
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text)
    return tuple(p.replace(_AND, "and").strip() for p in parts if p.strip())


def masthead_end(lines: list[str]) -> int | None:
    """Index of the first line after the title that follows a sponsors line (the start
    of an amendment's instructions), or None when there is no sponsors line."""
    i = 0
    paragraph: list[int] = []
    sponsors_seen = False
    while i <= len(lines):
        blank = i == len(lines) or not lines[i].strip()
        if not blank:
            paragraph.append(i)
        elif paragraph:
            text = _clean(" ".join(lines[j][:WINDOW] for j in paragraph)[:WINDOW])
            if sponsors_seen:
                return paragraph[-1] + 1  # the title ends here
            sponsors_seen = bool(_DOCUMENT_TYPE.search(text))
            paragraph = []
        i += 1
    return None


def is_sponsors_line(text: str) -> bool:
    """Whether a paragraph is an L. document's sponsors line ("Cuba: draft resolution")."""
    return bool(_DOCUMENT_TYPE.search(text))
