"""``date``: dates written as resolutions write them, and coherent with the adoption (DOMAIN.md §6).

Option ``check``:

- ``format``: "8 September 2006": no comma ("8 September, 2006"), no ordinal
  suffix ("8th September 2006"), no month first ("September 8, 2006");
- ``impossible``: no date that does not exist ("31 June 2016"); dates stated
  beside a citation are the ``citation`` kind's;
- ``deadline``: a deadline ("by June 2018", "no later than April 2018", "by 30
  April 2017", "by the end of 2018") falls after the adoption date, or, for a
  draft without one, after the opening of its session;
- ``session``: a session the text looks ahead to ("at its seventy-second
  session", "the provisional agenda of its seventy-second session") is not
  earlier than the adopting session;
- ``deadline-session``: a deadline is not more than a session ahead of the
  session the same paragraph looks ahead to ("in the provisional agenda of its
  seventy-fourth session ... by June 2018").

Dates in preambular paragraphs narrate history; the bundled rules look at
operative paragraphs only (``scope: operative``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.kinds.citation import cited_in, citing_organ, citing_session
from toolkit.checks.rule import Rule
from toolkit.citations import GA, HRC, session_opening
from toolkit.dates import MONTHS, format_date
from toolkit.model import Document, Footnote
from toolkit.vocabulary import MODIFIERS, ordinal_value, ordinal_words

NAME = "date"
OPTIONS = {
    "check": Option(str, choices=("format", "impossible", "deadline", "session", "deadline-session"), doc="what the rule verifies"),
    "markers": Option(list, default=["by", "no later than", "not later than", "by the end of", "before the end of"],
                      doc="deadline: words that introduce a deadline"),
}

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_YEAR = patterns.compile(r"[12]\d\d\d")
_ANY_MONTH = patterns.compile("|".join(MONTHS))


def has_month(text: str) -> bool:
    """A cheap test that spares most paragraphs the date patterns."""
    return _ANY_MONTH.search(text) is not None


_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}

#: "by 30 April 2017", "by June 2018", "by the end of 2018", "by 2030".
_WHEN = (
    r"(?:(?P<day>[0-3]?\d)\s+)?(?P<month>" + _MONTH + r")\s+(?P<year>(?:19|20)\d\d)\b"
    r"|(?P<yearonly>(?:19|20)\d\d)(?![\w\-/]|\s*\(|\.\d)"
)
_SESSION = patterns.compile(
    r"\b(?P<lead>(?:(?:General\s+)?Assembly|Council|[Cc]ommission)\s*,?\s+(?:at|during|in|to|for|until|by)\s+its"
    r"|(?:agenda|programme\s+of\s+work)\s+of\s+its"
    r"|(?:at|during|in|to|for|until|by|from)\s+its"
    r"|the)\s+(?P<ordinal>(?:one\s+hundred\s+(?:and\s+)?)?[a-z]+(?:-[a-z]+)?)\s+session\b"
    r"(?P<of>\s+of\s+the\s+(?P<organ>General\s+Assembly|Human\s+Rights\s+Council|[A-Z][\w\s]{0,60}?)(?=[\s,;.]))?"
)
#: Opening verbs that look ahead: what they ask for has not happened yet.
_FORWARD = frozenset(
    """decides requests invites calls urges encourages recommends authorizes directs instructs
    designates entrusts resolves appeals asks""".split()
)
#: Words in the same clause that turn a session reference into history.
_PAST = patterns.compile(
    r"\b(?:adopted|held|taken|decided|considered|convened|made|agreed|endorsed|approved|reached|established|"
    r"launched|submitted|took\s+place|was|were|had|has|have|since|previous|last|recalls|recalled|earlier)\b"
)


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    what = rule.options["check"]
    if what == "format":
        yield from _format(rule, doc)
    elif what == "impossible":
        yield from _impossible(rule, doc)
    elif what == "deadline":
        yield from _deadline(rule, doc)
    elif what == "session":
        yield from _session(rule, doc)
    else:
        yield from _deadline_session(rule, doc)


def month_dates(text: str) -> Iterator[tuple[int, int, str | None, str, str | None, str]]:
    """(start, end, day, month, year, fault) of each date written around a month name.

    ``fault`` is "" for "8 September 2006" and "July 2016", else what is wrong with the
    form ("no ordinal suffix", "no comma", "day before month"). Anchoring on the month
    names keeps this fast: only a few places in a text name a month.
    """
    for m in _ANY_MONTH.finditer(text):
        ms, me = m.start(), m.end()
        if (ms and text[ms - 1].isalpha()) or (me < len(text) and text[me].isalpha()):
            continue
        before = text[max(0, ms - 12) : ms]
        after = text[me : me + 16]
        b = _DAY_BEFORE.search(before)
        a = _YEAR_AFTER.match(after)
        if b:
            start = ms - len(b.group())
            fault = "no ordinal suffix" if b["suffix"] else ("no comma" if a and a["comma"] else "")
            if a:
                yield start, me + a.end(), b["day"], m.group(), a["year"], fault
            else:
                yield start, me, b["day"], m.group(), None, fault
        elif f := _DAY_AFTER.match(after):
            yield ms, me + f.end(), f["day"], m.group(), f["year"], "day before month"
        elif a and not a["comma"]:
            yield ms, me + a.end(), None, m.group(), a["year"], ""


_DAY_BEFORE = patterns.compile(r"(?<![\w.,])(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?\s+(?:of\s+)?$")
_YEAR_AFTER = patterns.compile(r"(?P<comma>,)?\s+(?P<year>1[89]\d\d|20\d\d)\b")
_DAY_AFTER = patterns.compile(r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d.])(?:,\s*|\s+)(?P<year>1[89]\d\d|20\d\d)\b")


def _format(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element in rule.elements(doc):
        text = element.text
        if not has_month(text):
            continue
        for start, end, day, month, year, fault in month_dates(text):
            if not fault or day is None or not 1 <= int(day) <= 31:
                continue
            if fault == "day before month" and _DAY_FIRST_BEFORE.search(text, max(0, start - 4), start):
                continue  # "8 October 15 1992": a day-first date followed by a footnote number
            fixed = f"{int(day)} {month}" + (f" {year}" if year else "")
            yield rule.at(doc, element, start, end, fix=fixed, found=text[start:end], expected=fixed, reason=fault)


_DAY_FIRST_BEFORE = patterns.compile(r"\b[0-3]?\d\s+$")


def _impossible(rule: Rule, doc: Document) -> Iterator[Finding]:
    organ = citing_organ(doc)
    for element in rule.elements(doc):
        if not has_month(element.text):
            continue
        cited = None
        for start, end, day, month, year, _ in month_dates(element.text):
            if day is None or year is None:
                continue
            try:
                dt.date(int(year), _MONTH_NUMBER[month], int(day))
                continue
            except ValueError:
                pass
            if cited is None:
                cited = [c.date_span for c in cited_in(doc, element.text, organ) if c.date_span]
            if not any(s <= start < e for s, e in cited):
                yield rule.at(doc, element, start, end, found=element.text[start:end])


def _reference(doc: Document) -> tuple[dt.date, str] | None:
    """The day deadlines must follow: the adoption date, or the opening of a draft's session."""
    if doc.metadata.adoption_date:
        return doc.metadata.adoption_date, f"the adoption date ({format_date(doc.metadata.adoption_date)})"
    if citing_organ(doc) in (GA, None) and (n := citing_session(doc)) is not None:
        opening = session_opening(n)
        return opening, f"the opening of the {ordinal_words(n)} session ({format_date(opening)})"
    return None


def deadlines(text: str, markers: list[str]) -> Iterator[tuple[re.Match[str], dt.date]]:
    """(match, last day it allows) of each deadline in ``text``: "by June 2018" -> 30 June 2018."""
    if not _YEAR.search(text):
        return
    lead = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(markers, key=len, reverse=True))
    regex = _deadline_regex(lead)
    for m in regex.finditer(text):
        if m["yearonly"]:
            if not re.search(r"(?:end\s+of|later\s+than)\s*$", m["marker"]) and not re.match(r"\s*(?:[,;:.)]|$|at\s+the\s+latest)", text[m.end():]):
                continue  # "by 2030" only at the end of a phrase: not "by 2015 levels"
            yield m, dt.date(int(m["yearonly"]), 12, 31)
            continue
        year, month = int(m["year"]), _MONTH_NUMBER[m["month"]]
        if m["day"]:
            try:
                yield m, dt.date(year, month, int(m["day"]))
            except ValueError:
                continue
        else:
            yield m, dt.date(year, month, calendar.monthrange(year, month)[1])


_DEADLINE_CACHE: dict[str, re.Pattern[str]] = {}


def _deadline_regex(lead: str) -> re.Pattern[str]:
    if lead not in _DEADLINE_CACHE:
        _DEADLINE_CACHE[lead] = patterns.compile(r"\b(?P<marker>(?:" + lead + r"))\s+(?:(?:the\s+end\s+of|mid-|the\s+middle\s+of)\s*)?(?:" + _WHEN + r")")
    return _DEADLINE_CACHE[lead]


def _deadline(rule: Rule, doc: Document) -> Iterator[Finding]:
    ref = _reference(doc)
    if ref is None:
        return
    day, what = ref
    for element in rule.elements(doc):
        if isinstance(element, Footnote):
            continue
        for m, last in deadlines(element.text, rule.options["markers"]):
            if last < day:
                yield rule.at(doc, element, m.start(), m.end(), found=m.group(), reference=what)


def _operative_elements(rule: Rule, doc: Document) -> Iterator[tuple[object, object]]:
    """(element, its operative paragraph) for elements in scope that name a session."""
    wanted = {id(e) for e in rule.elements(doc)}
    for para in doc.operative:
        for element in para.walk():
            if id(element) in wanted and "session" in element.text:
                yield element, para


_WORD = patterns.compile(r"[A-Za-z]+")


def _opening_verb(text: str) -> str:
    for word in _WORD.findall(text[:60]):
        if word.lower() not in MODIFIERS:
            return word.lower()
    return ""


def forward_sessions(element_text: str, verb: str, organ: str | None) -> Iterator[tuple[re.Match[str], int]]:
    """(match, session) of each session of the citing organ the text looks ahead to."""
    if "session" not in element_text:
        return
    for m in _SESSION.finditer(element_text):
        n = ordinal_value(re.sub(r"\s+", " ", m["ordinal"]))
        if n is None:
            continue
        lead = m["lead"]
        if lead == "the":
            # "the seventy-second session of the General Assembly"
            if not m["organ"] or re.sub(r"\s+", " ", m["organ"]) != (organ or GA):
                continue
        elif re.match(r"[Cc]ommission", lead):
            continue
        elif re.match(r"(?:General\s+)?Assembly", lead):
            if organ not in (GA, None):
                continue
        elif lead.startswith("Council"):
            if organ is None or "Council" not in organ:
                continue
        elif not re.match(r"agenda|programme", lead):
            # A bare "at its Nth session": "its" is the citing organ only in a paragraph it opens with a
            # forward verb and with no other body named before it.
            if verb not in _FORWARD:
                continue
            clause = _clause_before(element_text, m.start())
            if re.search(r"\b(?:the|its)\s+(?:[A-Z][\w\-]*\s+)*(?:Commission|Committee|Conference|Board|Forum|Council|Group|Panel|Court|Tribunal|Body|Meeting|Programme|Fund|Agency|Organization|Union|Parties|Secretary-General|Secretariat|Office|Rapporteur)\b", clause):
                continue
        if _PAST.search(_clause_before(element_text, m.start())[-60:]):
            continue
        yield m, n


def _clause_before(text: str, pos: int) -> str:
    start = max(text.rfind(";", 0, pos), text.rfind(":", 0, pos), text.rfind(". ", 0, pos))
    return text[start + 1 : pos]


def _session(rule: Rule, doc: Document) -> Iterator[Finding]:
    organ = citing_organ(doc)
    if organ not in (GA, HRC, None):
        return
    current = citing_session(doc)
    if current is None:
        return
    for element, para in _operative_elements(rule, doc):
        for m, n in forward_sessions(element.text, _opening_verb(para.text), organ):
            if n < current:
                yield rule.at(
                    doc, element, m.start("ordinal"), m.end("ordinal") + len(" session"), found=f"{m['ordinal']} session",
                    session=n, current=current, expected=f"{ordinal_words(current)} session or later",
                )


def _deadline_session(rule: Rule, doc: Document) -> Iterator[Finding]:
    organ = citing_organ(doc)
    if organ not in (GA, None):
        return
    for element, para in _operative_elements(rule, doc):
        sessions = [n for _, n in forward_sessions(element.text, _opening_verb(para.text), organ)]
        if not sessions:
            continue
        target = max(sessions)
        earliest = session_opening(target - 1)
        for m, last in deadlines(element.text, rule.options["markers"]):
            if last < earliest:
                yield rule.at(
                    doc, element, m.start(), m.end(), found=m.group(), session=f"{ordinal_words(target)} session",
                    opening=format_date(session_opening(target)),
                )
