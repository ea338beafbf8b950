"""``metadata``: the title block, masthead and footer agree (DOMAIN.md §1, §3, §6).

Option ``check``:

- ``session``: the session in the symbol ("A/RES/70/291"), the session line
  ("Seventieth session"), the resolution number ("70/291.") and the draft symbol
  ("A/70/L.55") agree; the odd one out is reported;
- ``number``: the symbol and the resolution number name the same resolution;
- ``calendar``: a General Assembly resolution is adopted within its session;
- ``year``: the year of a Security Council ("S/RES/1373 (2001)") or Economic and
  Social Council ("E/RES/1990/47") symbol is the year of adoption;
- ``organ``: the organ and the symbol's series agree (A/RES/ is the General
  Assembly's, S/RES/ the Security Council's, A/HRC/RES/ the Human Rights Council's);
- ``meeting``: the meeting in the footer is in figures with the right suffix
  ("110th plenary meeting", "4683rd meeting");
- ``front_matter``: a draft's front matter is well formed (known keys, real dates);
- ``directives``: every rule named in an ``<!-- untk: disable=… -->`` comment exists.

Only what the document has is checked: drafts have no number and no footer.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.citations import ECOSOC, GA, HRC, SC, in_session, session_opening
from toolkit.dates import format_date
from toolkit.model import Document, Location, Metadata
from toolkit.vocabulary import ordinal_value

NAME = "metadata"
OPTIONS = {
    "check": Option(
        str,
        choices=("session", "number", "calendar", "year", "organ", "meeting", "front_matter", "directives"),
        doc="what the rule verifies",
    ),
    "tolerance_days": Option(int, default=10, doc="calendar: slack where a session's opening day is an estimate"),
}

_FIELD_NAMES = {
    "number": "the resolution number",
    "symbol": "the symbol",
    "session": "the session line",
    "draft": "the draft symbol",
}


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    if rule.options["check"] == "directives":
        yield from _directives(rule, doc, context)
    else:
        yield from _CHECKS[rule.options["check"]](rule, doc)


def sessions(meta: Metadata) -> dict[str, tuple[str, int]]:
    """Field -> (kind, number) of the session each field names; kind "" regular, "S" special, "ES" emergency special."""
    found: dict[str, tuple[str, int]] = {}
    if meta.resolution_number and (m := re.fullmatch(r"(?:(ES|S)-)?(\d{1,3})/\d+(?:\s+[A-Z])?", meta.resolution_number.strip())):
        found["number"] = (m[1] or "", int(m[2]))
    if meta.symbol and (m := re.match(r"A/(?:HRC/)?RES/(?:(ES|S)-)?(\d{1,3})/\d", meta.symbol)):
        found["symbol"] = (m[1] or "", int(m[2]))
    if meta.session and meta.session_number is not None:
        kind = "ES" if re.search(r"emergency\s+special", meta.session, re.I) else "S" if re.search(r"special", meta.session, re.I) else ""
        found["session"] = (kind, meta.session_number)
    if meta.draft_symbol and (m := re.match(r"A/(?:HRC/)?(?:C\.\d/)?(?:(ES|S)-)?(\d{1,3})/", meta.draft_symbol)):
        found["draft"] = (m[1] or "", int(m[2]))
    return found


def _describe(field: str, meta: Metadata) -> str:
    value = {"number": meta.resolution_number, "symbol": meta.symbol, "session": meta.session, "draft": meta.draft_symbol}[field]
    return f"{_FIELD_NAMES[field]} ({value})"


def _session_words(kind: str, n: int) -> str:
    return {"": "session", "S": "special session", "ES": "emergency special session"}[kind] + f" {n}"


def _session(rule: Rule, doc: Document) -> Iterator[Finding]:
    meta = doc.metadata
    found = sessions(meta)
    if len(set(found.values())) < 2:
        return
    votes = Counter(found.values())
    order = list(_FIELD_NAMES)
    # The most common value wins; a tie goes to the field listed first (number, symbol, session line, draft).
    best = max(votes, key=lambda v: (votes[v], -min(order.index(f) for f, x in found.items() if x == v)))
    reference = next(f for f in order if found.get(f) == best)
    for field in order:
        if field in found and found[field] != best:
            yield rule.at(
                doc, None, found=_describe(field, meta), reference=_describe(reference, meta),
                session=_session_words(*found[field]), expected=_session_words(*best),
            )


def _resolution_of_symbol(symbol: str) -> str | None:
    """ "A/RES/70/291" -> "70/291", "S/RES/1373 (2001)" -> "1373 (2001)"."""
    m = re.match(r"(?:A/(?:HRC/)?|E/|S/)RES/(.+)$", symbol)
    return m[1].strip() if m else None


def _number(rule: Rule, doc: Document) -> Iterator[Finding]:
    meta = doc.metadata
    if not meta.symbol or not meta.resolution_number:
        return
    written = _resolution_of_symbol(meta.symbol)
    if written is None:
        return
    norm = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - "1373 (2001)" and "1373(2001)" name one resolution
    if norm(written) != norm(meta.resolution_number):
        yield rule.at(doc, None, found=meta.resolution_number, symbol=meta.symbol, expected=written)


def _calendar(rule: Rule, doc: Document) -> Iterator[Finding]:
    meta = doc.metadata
    if meta.organ not in (GA, None) or meta.adoption_date is None:
        return
    found = sessions(meta)
    regular = [n for kind, n in found.values() if kind == ""]
    if not regular or any(kind for kind, _ in found.values()):
        return
    n = Counter(regular).most_common(1)[0][0]
    if not in_session(n, meta.adoption_date, rule.options["tolerance_days"]):
        yield rule.at(
            doc, None, found=format_date(meta.adoption_date), session=n,
            window=f"{format_date(session_opening(n))} to {format_date(session_opening(n + 1))}",
        )


def _year(rule: Rule, doc: Document) -> Iterator[Finding]:
    meta = doc.metadata
    if meta.adoption_date is None:
        return
    year = None
    for value in (meta.symbol, meta.resolution_number):
        if not value:
            continue
        if m := re.search(r"\((\d{4})\)\s*$", value):
            year = int(m[1])
        elif m := re.fullmatch(r"(?:E/RES/)?(\d{4})/\d+", value.strip()):
            year = int(m[1])
        if year is not None:
            if year != meta.adoption_date.year:
                yield rule.at(doc, None, found=value, year=year, adopted=format_date(meta.adoption_date), expected=meta.adoption_date.year)
            return


_SERIES = (("A/HRC/RES/", HRC), ("A/RES/", GA), ("S/RES/", SC), ("E/RES/", ECOSOC))
_DRAFT_SERIES = (("A/HRC/", HRC), ("A/", GA), ("S/", SC), ("E/", ECOSOC))


def _organ(rule: Rule, doc: Document) -> Iterator[Finding]:
    meta = doc.metadata
    if not meta.organ:
        return
    for value, table in ((meta.symbol, _SERIES), (meta.draft_symbol, _DRAFT_SERIES)):
        if not value:
            continue
        owner = next((organ for prefix, organ in table if value.startswith(prefix)), None)
        if owner and owner != meta.organ:
            yield rule.at(doc, None, found=value, organ=meta.organ, owner=owner)


# "50th (resumed) plenary meeting": a meeting resumed on a later day keeps its number.
_MEETING = patterns.compile(
    r"(?P<number>\d+)\s*(?P<suffix>st|nd|rd|th|d)?\s+(?P<rest>(?:\(resumed\)\s+)?(?:plenary\s+)?meeting)", re.I
)


def ordinal_suffix(n: int) -> str:
    """1 -> "st", 2 -> "nd", 3 -> "rd", 11 -> "th", 110 -> "th"."""
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


#: A footer meeting line in words that the reader left at the end of the last paragraph.
_MEETING_LINE = patterns.compile(r"\n[ \t]*(?P<meeting>[A-Za-z][A-Za-z -]{2,60}?\s+(?:plenary\s+)?meeting)\.?[ \t]*$", re.I)


def _meeting(rule: Rule, doc: Document) -> Iterator[Finding]:
    meeting = doc.metadata.meeting
    if not meeting and doc.operative:
        last = list(doc.operative[-1].walk())[-1]
        m = _MEETING_LINE.search(last.text)
        if m and ordinal_value(re.sub(r"\s+(?:plenary\s+)?meeting$", "", m["meeting"], flags=re.I)) is not None:
            meeting = m["meeting"]
    if not meeting:
        return
    text = re.sub(r"[\s_]+", " ", meeting.strip())  # "473rd_ meeting": scanning debris, not a fault of the text
    m = _MEETING.fullmatch(text)
    if m is None:
        words = re.match(r"(?P<words>.+?)\s+(?P<rest>(?:plenary\s+)?meeting)$", text, re.I)
        n = ordinal_value(words["words"]) if words else None
        expected = f"{n}{ordinal_suffix(n)} {words['rest']}" if n else "the meeting number in figures"
        yield rule.at(doc, None, found=meeting, expected=expected, reason="meetings are numbered in figures")
        return
    n = int(m["number"])
    suffix = (m["suffix"] or "").lower()
    right = ordinal_suffix(n)
    # Older texts write "2d" and "3d" ("52d meeting"): accepted.
    if suffix == right or (suffix == "d" and right in ("nd", "rd")):
        return
    expected = f"{n}{right} {m['rest']}"
    yield rule.at(doc, None, found=meeting, expected=expected, reason=f"the ordinal of {n} is '{n}{right}'")


def _front_matter(rule: Rule, doc: Document) -> Iterator[Finding]:
    """The reader's notes on a draft's front matter: a mistake there loses a fact silently."""
    from toolkit.readers.draft import FRONT_MATTER

    for diagnostic in doc.diagnostics:
        if diagnostic.code == FRONT_MATTER:
            yield _at_location(rule, diagnostic.location, problem=diagnostic.message)


def _directives(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    """A rule id in a disable comment that names no rule: the comment silences nothing."""
    import difflib

    if not doc.directives:
        return
    known = context.rule_ids()
    for directive in doc.directives:
        for name in directive.rules:
            if name == "all" or name in known:
                continue
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else " (see 'untk rules list')"
            start = doc.source.line_starts[directive.line - 1] if directive.line <= len(doc.source.line_starts) else 0
            yield _at_location(rule, Location(directive.line, 1, start), name=name, hint=hint)


def _at_location(rule: Rule, where: Location | None, **values: str) -> Finding:
    where = where or Location(1, 1, 0)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=rule.format(**values),
        paragraph=None,
        line=where.line,
        column=where.column,
        offset=where.offset,
        end_offset=where.offset,
    )


_CHECKS = {
    "front_matter": _front_matter,
    "session": _session,
    "number": _number,
    "calendar": _calendar,
    "year": _year,
    "organ": _organ,
    "meeting": _meeting,
}
