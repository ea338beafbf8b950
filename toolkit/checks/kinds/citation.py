"""``citation``: resolutions cited as the Editorial Manual writes them (DOMAIN.md §2).

Citations come from :mod:`toolkit.citations`; option ``check`` picks what a rule
verifies:

- ``parts``: part letters after a space ("31/16 A", "217 A (III)"), never "31/16A";
- ``form``: a space before the parentheses ("217 (III)", "1373 (2001)") and part
  letters before them ("2200 A (XXI)", not "2200 (XXI) A");
- ``symbol``: no symbol ("A/RES/31/16") in running text: "resolution 31/16";
- ``session-style``: General Assembly resolutions of the first 30 sessions in the
  old form ("2625 (XXV)"), later ones as "31/16";
- ``calendar``: a resolution dated within its session, by the calendar of the organ
  that adopted it (:mod:`toolkit.organs`): the General Assembly's sessions, the Human
  Rights Council's years ("60/5 of 6 October 2025"); other organs are skipped;
- ``year``: the year of a Security Council ("1373 (2001)") or Economic and Social
  Council ("1990/47") resolution equals the year of its stated date;
- ``impossible-date``: no stated date that does not exist ("31 June 2016");
- ``first-mention-date``: the first mention of each resolution in the text carries
  its date; later mentions need none (footnotes are exempt); option ``cited`` limits
  it to the citing organ's own resolutions (``own``) or to the others (``others``);
- ``after-adoption``: nothing cited that was adopted after the citing text;
- ``organ``: "its resolution" and a named organ agree with the form of the number;
- ``unnamed-organ``: another organ's resolution is cited with the organ's name;
- ``registry-unknown``, ``registry-date``, ``registry-title``: against
  ``context.registry`` (skipped, and said so, when there is none).
"""

from __future__ import annotations

import bisect
import functools
import datetime as dt
import os
import re
from types import SimpleNamespace
from typing import Iterator

from toolkit import patterns
from toolkit import organs
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.citations import ECOSOC, GA, HRC, SC, Citation, find_citations, fits, in_session, session_opening
from toolkit.dates import MONTHS, format_date
from toolkit.model import Document, Footnote
from toolkit.vocabulary import ORGAN_LINE

NAME = "citation"
CHECKS = (
    "parts",
    "form",
    "symbol",
    "session-style",
    "calendar",
    "year",
    "impossible-date",
    "first-mention-date",
    "after-adoption",
    "organ",
    "unnamed-organ",
    "registry-unknown",
    "registry-date",
    "registry-title",
    "registry-evidence",
)
OPTIONS = {
    "check": Option(str, choices=CHECKS, doc="what the rule verifies (see the module docstring)"),
    "organs": Option(list, default=[], doc="organs whose citations (year) or texts (first-mention-date) are checked; empty: all"),
    "tolerance_days": Option(int, default=10, doc="calendar: slack where a session's opening day is an estimate"),
    "footnotes": Option(bool, default=True, doc="also look in footnotes (symbol, first-mention-date ignore them)"),
    "cited": Option(str, default="all", choices=("all", "own", "others"),
                    doc="first-mention-date: the citing organ's own resolutions, the others', or all"),
}

class _ExampleRegistry:
    """The registry a rule's own examples run against: a few real resolutions, nothing more."""

    _KNOWN = {
        "S/RES/1373 (2001)": (dt.date(2001, 9, 28), None),
        "S/RES/2178 (2014)": (dt.date(2014, 9, 24), None),
        "A/RES/60/288": (dt.date(2006, 9, 8), "The United Nations Global Counter-Terrorism Strategy"),
        "A/RES/70/254": (dt.date(2016, 2, 12), "Secretary-General's Plan of Action to Prevent Violent Extremism"),
    }

    #: Dates other adopted texts state for resolutions the list lacks (60/288's review, 68/276).
    _CITED = {
        "A/RES/68/276": [("A/RES/72/284", "PP2", dt.date(2014, 6, 13)), ("A/RES/75/291", "PP3", dt.date(2014, 6, 13))],
        "A/RES/64/297": [("A/RES/66/282", "PP1", dt.date(2010, 9, 8))],
    }

    def lookup(self, symbol: str):
        if symbol not in self._KNOWN:
            return None
        date, title = self._KNOWN[symbol]
        return SimpleNamespace(symbol=symbol, adoption_date=date, title=title, date_source="list:example")

    def evidence(self, symbol: str, exclude: str | None = None):
        return [SimpleNamespace(citing=c, element=e, date=d) for c, e, d in self._CITED.get(symbol, []) if c != exclude]


def example_context(rule: Rule, doc: Document | None = None) -> Context:
    """The context a rule's own YAML examples run in: registry rules get :class:`_ExampleRegistry`.

    Without it a ``fail`` example of a registry rule could never fail (the rule is skipped).
    """
    return Context(registry=_ExampleRegistry() if rule.options["check"].startswith("registry-") else None)


def citing_organ(doc: Document) -> str | None:
    """The organ that adopts ``doc``: from its metadata, else from its organ line."""
    if doc.metadata.organ:
        return doc.metadata.organ
    if doc.organ_line and (m := ORGAN_LINE.match(doc.organ_line.strip())):
        return re.sub(r"\s+", " ", m[1]).title().replace(" And ", " and ").replace(" On ", " on ")
    return None


def citing_session(doc: Document) -> int | None:
    """The regular session adopting ``doc`` (General Assembly, Human Rights Council), if known."""
    m = doc.metadata
    if m.session and re.search(r"special", m.session, re.I):
        return None
    if m.resolution_number and re.match(r"(?:ES|S)-", m.resolution_number):
        return None
    if m.session_number is not None:
        return m.session_number
    if m.resolution_number and (n := re.fullmatch(r"(\d{1,3})/\d+(?:\s+[A-Z])?", m.resolution_number)):
        return int(n[1])
    return None


#: The document last checked and the citations found in its texts, by (text, organ): every
#: citation rule reads them, found once per document (no size-capped cache on this path).
_found: list = [None, {}]


def cited_in(doc: Document, text: str, organ: str | None) -> tuple[Citation, ...]:
    """``find_citations(text, organ)`` for a text of ``doc``, worked out once per document."""
    if _found[0] is not doc:
        _found[:] = [doc, {}]
    table = _found[1]
    hit = table.get((text, organ))
    if hit is None:
        hit = table[text, organ] = find_citations(text, organ)
    return hit


def citations(rule: Rule, doc: Document) -> Iterator[tuple[object, Citation]]:
    """(element, citation) for every citation in the rule's scope, in document order."""
    organ = citing_organ(doc)
    for element in rule.elements(doc):
        if isinstance(element, Footnote) and not rule.options.get("footnotes", True):
            continue
        for cit in cited_in(doc, element.text, organ):
            yield element, cit


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    what = rule.options["check"]
    if what.startswith("registry-"):
        if context.registry is None:
            context.skip(rule.id)
            return
        yield from _registry(rule, doc, context.registry, what)
        return
    yield from _CHECKS[what](rule, doc)


def _at(rule: Rule, doc: Document, element, cit: Citation, span: tuple[int, int] | None = None, **values) -> Finding:
    start, end = span or cit.core_span
    values = {"found": element.text[start:end], "symbol": cit.symbol, "organ": cit.organ, **values}
    return rule.at(doc, element, start, end, **values)


def _parts(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element, cit in citations(rule, doc):
        if cit.glued_parts:
            fixed = re.sub(r"(\d)([A-Z](?![\w/]))", r"\1 \2", cit.core, count=1)
            yield _at(rule, doc, element, cit, fix=fixed, expected=fixed)


def _form(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element, cit in citations(rule, doc):
        if cit.form not in ("old", "special", "sc"):
            continue
        fixed = cit.core
        if cit.parts_after_session:
            m = re.fullmatch(r"(\d+)\s*(\([^)]*\))\s+(.+)", fixed)
            if m:
                fixed = f"{m[1]} {m[3]} {m[2]}"
        fixed = re.sub(r"([\dA-Z])\(", r"\1 (", fixed)
        if fixed != cit.core:
            yield _at(rule, doc, element, cit, fix=fixed, expected=fixed)


def _symbol(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element, cit in citations(rule, doc):
        if cit.form != "symbol" or isinstance(element, Footnote):
            continue
        start, end = cit.core_span
        before = element.text[max(0, start - 40) : start]
        plain = _plain_form(cit)
        keyword = re.search(r"\b(?:[Rr]esolution|[Dd]ecision)\s+$", before)
        fix = plain if keyword else f"{cit.document} {plain}"
        yield _at(rule, doc, element, cit, fix=fix, expected=fix)


def _plain_form(cit: Citation) -> str:
    """How running text writes a symbol: "A/RES/31/16" -> "31/16", "S/RES/1373(2001)" -> "1373 (2001)"."""
    core = re.sub(r"^(?:A/(?:HRC/)?|E/(?:CN\.4/)?|S/|T/)(?:RES|DEC)/", "", cit.symbol)
    if m := re.fullmatch(r"(\d+) \(([^)]+)\)(?: ([A-Z]))?", core):
        return f"{m[1]} {m[3]} ({m[2]})" if m[3] else f"{m[1]} ({m[2]})"
    return core


def _session_style(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element, cit in citations(rule, doc):
        if cit.organ != GA or cit.form not in ("new", "old"):
            continue
        n = cit.session_number
        if n is None:
            continue
        if cit.form == "new" and n <= 30:
            if cit.organ_source == "form":
                continue  # "decision 15/4" of a Conference of the Parties, "resolution 5/1" of the Council: not the Assembly's
            yield _at(rule, doc, element, cit, expected="number (session)", session=n,
                      reason=f"resolutions of the first 30 sessions are cited as 'number (session)', e.g. '2625 (XXV)'")
        elif cit.form == "old" and n >= 31:
            yield _at(rule, doc, element, cit, expected="session/number", session=n,
                      reason=f"resolutions from the 31st session on are cited as 'session/number', e.g. '{n}/16'")


_ORGAN_NAMED = patterns.compile(r"\b(?:" + organs.NAME_PATTERN + r")\b")


def organ_of(element_text: str, cit: Citation) -> str:
    """The organ that adopted ``cit``, also where its form alone decided it.

    A number whose organ comes from its form ("resolution 60/5") belongs to the organ
    last named before it in the paragraph whose numbering has that form: "Human Rights
    Council resolutions on the subject, including resolution 60/5 of 6 October 2025" is
    the Council's (DOMAIN.md §2, number collisions; §9, lists carry the organ forward).
    """
    if cit.organ_source != "form":
        return cit.organ
    names = _organs_named(element_text)
    for i in range(bisect.bisect_right(names, (cit.start, "")) - 1, -1, -1):
        end, name = names[i]
        if end <= cit.start and organs.fits(name, cit.form, cit.session):
            return name
    return cit.organ


@functools.lru_cache(maxsize=64)
def _organs_named(element_text: str) -> list[tuple[int, str]]:
    """Where each organ named in a paragraph ends, and its name: found once per
    paragraph, not once per citation in it (a paragraph of many citations was quadratic)."""
    return [(m.end(), name) for m in _ORGAN_NAMED.finditer(element_text) if (name := organs.canonical_name(m.group()))]


def _calendar(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Each organ's resolutions against that organ's calendar (:mod:`toolkit.organs`): the General
    Assembly's sessions, the Human Rights Council's years; organs whose calendar is not known there
    (the Commission on the Status of Women, conferences) are skipped."""
    tolerance = rule.options["tolerance_days"]
    for element, cit in citations(rule, doc):
        if cit.date is None or cit.form not in ("new", "old"):
            continue
        n = cit.session_number
        if n is None:
            continue
        organ = organ_of(element.text, cit)
        if organ == GA and cit.form == "new":
            ok = in_session(n, cit.date, tolerance)
            window = f"{format_date(session_opening(n))} to {format_date(session_opening(n + 1) - dt.timedelta(days=1))}"
        elif organ == GA:
            first, last = (1946, 1946) if n == 1 else (1945 + n, 1946 + n)
            ok = first <= cit.date.year <= last
            window = f"{first}" if first == last else f"{first} to {last}"
        elif organ == HRC and cit.form == "new":
            ok = bool(organs.date_fits_session(HRC, cit.session, None, cit.date))
            first, last = organs.hrc_session_years(n)
            window = f"the Human Rights Council met for it in {first}" + ("" if first == last else f" or {last}")
        else:
            continue
        if not ok:
            yield _at(rule, doc, element, cit, cit.date_span or cit.core_span, found=cit.core,
                      date=format_date(cit.date), session=n, window=window)


def _year(rule: Rule, doc: Document) -> Iterator[Finding]:
    only = rule.options["organs"]
    for element, cit in citations(rule, doc):
        if cit.year is None or cit.date is None or cit.date_year_implied or (only and cit.organ not in only):
            continue
        if cit.form not in ("sc", "year", "symbol"):
            continue
        if cit.year != cit.date.year:
            yield _at(rule, doc, element, cit, (cit.core_start, cit.end), year=cit.year, date=format_date(cit.date), date_year=cit.date.year)


def _impossible_date(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element, cit in citations(rule, doc):
        if cit.date is None and cit.date_text and re.search(r"\d{4}$", cit.date_text):
            written = re.sub(r"^(?:of|dated|adopted.*?on)\s+", "", cit.date_text)
            yield _at(rule, doc, element, cit, cit.date_span, date=written)


def _first_mention_date(rule: Rule, doc: Document) -> Iterator[Finding]:
    only, cited = rule.options["organs"], rule.options["cited"]
    citing = citing_organ(doc)
    if only and citing not in only:
        return
    seen: set[str] = set()
    annexed = {p.id for p in doc.annex_paragraphs}
    for element in rule.elements(doc):
        if isinstance(element, Footnote) or element.id.split("(", 1)[0] in annexed:
            continue  # a declaration's own voice cites by title ("resolution 79/1 entitled …")
        found = cited_in(doc, element.text, citing)
        for i, cit in enumerate(found):
            if cit.form == "symbol" or cit.symbol in seen:
                continue
            seen.add(cit.symbol)
            if cited != "all" and (cit.organ == citing) != (cited == "own"):
                continue
            if cit.date_text is None and not _shares_next_date(found, i) and not _dated_on(element.text, cit.end):
                yield _at(rule, doc, element, cit, expected=f"{cit.core} of <date>")


_MONTHS = "|".join(MONTHS)
#: "resolution 2250 (2015) on 9 December 2015", "resolutions 1754 (2007) on 30 April 2007, ...":
#: the adoption date given with "on", as official texts of sessions 78–80 write it.
_ON_DATE = patterns.compile(r"\s*,?\s+(?:adopted\s+)?on\s+[0-3]?\d\s+(?:" + _MONTHS + r")\s+(?:19|20)\d\d\b")


def _dated_on(text: str, end: int) -> bool:
    """Whether the citation ending at ``end`` is followed by its date given with "on"."""
    return _ON_DATE.match(text, end) is not None


def _shares_next_date(found: tuple[Citation, ...], i: int) -> bool:
    """ "resolutions 5/1 and 5/2 of 18 June 2007": items of one session (or year) adopted on one
    day share the date written after the last of them. Items of different sessions cannot."""
    cit = found[i]
    for later in found[i + 1 :]:
        if later.list_index == 0:
            return False  # another list
        if (later.session, later.year, later.organ) != (cit.session, cit.year, cit.organ):
            return False
        if later.date_text is not None:
            return True
    return False


def _after_adoption(rule: Rule, doc: Document) -> Iterator[Finding]:
    adopted = doc.metadata.adoption_date
    citing = citing_organ(doc)
    session = citing_session(doc) if citing in (GA, HRC) else None
    for element, cit in citations(rule, doc):
        # Stated dates only: the registry's are not used here, since about 2% of its old Security
        # Council dates are wrong (S/RES/727 (1992) recorded on 1 August instead of 8 January).
        if adopted and cit.date and cit.date > adopted:
            yield _at(rule, doc, element, cit, (cit.core_start, cit.end), when=format_date(cit.date), adopted=format_date(adopted))
        elif adopted and cit.form == "sc" and cit.year and cit.year > adopted.year:
            yield _at(rule, doc, element, cit, when=str(cit.year), adopted=format_date(adopted))
        elif (
            session is not None
            and cit.organ == citing
            and cit.form == "new"
            and cit.session_number is not None
            and cit.session_number > session
        ):
            yield _at(rule, doc, element, cit, when=f"session {cit.session_number}", adopted=f"session {session}")


def _organ(rule: Rule, doc: Document) -> Iterator[Finding]:
    for element, cit in citations(rule, doc):
        if cit.organ_source == "form" or cit.form == "symbol" or fits(cit.organ, cit.form, cit.session):
            continue
        how = "'its resolution'" if cit.organ_source == "its" else f"'{cit.organ} resolution'"
        yield _at(rule, doc, element, cit, how=how, owner=_owner_of_form(cit))


def _owner_of_form(cit: Citation) -> str:
    return {"sc": SC, "year": ECOSOC}.get(cit.form, GA if (cit.session_number or 0) <= 30 else ECOSOC)


_NAMES = {GA: r"\b(?:General\s+)?Assembly\b", SC: r"\b(?:Security\s+)?Council\b"}


def _unnamed_organ(rule: Rule, doc: Document) -> Iterator[Finding]:
    citing = citing_organ(doc)
    if citing is None:
        return
    named_before: set[str] = set()
    for element, cit in citations(rule, doc):
        if cit.organ_source == "named":
            named_before.add(cit.base)
        if isinstance(element, Footnote) or cit.organ_source != "form" or cit.form == "symbol":
            continue
        if cit.organ == citing or cit.organ not in _NAMES or cit.base in named_before:
            continue
        if citing == HRC and cit.organ == GA:
            continue  # "resolution 60/251" in a Human Rights Council text: the form alone cannot tell
        # The organ named elsewhere in the paragraph ("the text of resolution 3212 (XXIX) of the
        # General Assembly", "adopted on 11 January 1952 by the General Assembly") is enough.
        if re.search(_NAMES[cit.organ], element.text[: cit.start] + " " + element.text[cit.end :]):
            named_before.add(cit.base)
            continue
        yield _at(rule, doc, element, cit, expected=f"{cit.organ} {cit.document} {cit.core}")


def _registry(rule: Rule, doc: Document, registry, what: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for element, cit in citations(rule, doc):
        if what == "registry-evidence":
            yield from _evidence(rule, doc, registry, element, cit)
            continue
        for symbol in cit.symbols:
            if what == "registry-unknown" and symbol in seen:
                continue
            seen.add(symbol)
            entry = registry.lookup(symbol)
            if entry is None and cit.parts:
                entry = registry.lookup(cit.base)  # the library often records the parts together
            if what == "registry-unknown":
                if entry is None:
                    yield _at(rule, doc, element, cit, symbol=symbol)
            elif entry is None:
                continue
            elif what == "registry-date":
                known = getattr(entry, "adoption_date", None)
                if known and cit.date and known != cit.date:
                    yield _at(
                        rule, doc, element, cit, cit.date_span, symbol=symbol, date=format_date(cit.date),
                        known=format_date(known), source=_source(getattr(entry, "date_source", None)), fix=format_date(known),
                    )
            elif what == "registry-title":
                known = getattr(entry, "title", None)
                if known and cit.organ != SC and cit.title and not _same_title(cit.title, known):
                    yield _at(rule, doc, element, cit, (cit.core_start, cit.end), symbol=symbol, title=cit.title, known=_clean_title(known))


def _source(source: str | None) -> str:
    """Where the registry's date comes from, in words."""
    if source and source.startswith("text:"):
        return "its own text, " + os.path.basename(source[5:])
    if source and source.startswith("list:"):
        return "the list " + source[5:]
    return "the registry"


def _evidence(rule: Rule, doc: Document, registry, element, cit) -> Iterator[Finding]:
    """A date no fact settles, against what at least two other adopted texts consistently state."""
    if cit.date is None or len(cit.symbols) != 1 or not hasattr(registry, "evidence"):
        return
    symbol = cit.symbols[0]
    entry = registry.lookup(symbol)
    if entry is not None and getattr(entry, "adoption_date", None):
        return  # a fact decides (citation-registry-date-mismatch)
    found = registry.evidence(symbol, exclude=doc.metadata.symbol)
    dates = {e.date for e in found}
    if len(found) < 2 or len(dates) != 1 or cit.date in dates:
        return
    stated = dates.pop()
    names = ", ".join(f"{e.citing} ({e.element})" if e.element else e.citing for e in found[:4])
    more = f" and {len(found) - 4} more" if len(found) > 4 else ""
    yield _at(rule, doc, element, cit, cit.date_span, symbol=symbol, date=format_date(cit.date), stated=format_date(stated), texts=names + more)


def _clean_title(title: str) -> str:
    """Registry titles carry a library suffix: "... : resolution / adopted by the General Assembly"."""
    return re.split(r"\s+:\s+(?:resolution|decision)\b", title, maxsplit=1)[0].strip()


def _same_title(cited: str, known: str) -> bool:
    """Titles agree when one holds the other: the library writes "International Bill of
    Human Rights : Universal Declaration of Human Rights" where texts cite the second part."""
    a = re.sub(r"[^0-9a-z]+", " ", cited.casefold()).strip()
    b = re.sub(r"[^0-9a-z]+", " ", _clean_title(known).casefold()).strip()
    return not a or not b or a in b or b in a


_CHECKS = {
    "parts": _parts,
    "form": _form,
    "symbol": _symbol,
    "session-style": _session_style,
    "calendar": _calendar,
    "year": _year,
    "impossible-date": _impossible_date,
    "first-mention-date": _first_mention_date,
    "after-adoption": _after_adoption,
    "organ": _organ,
    "unnamed-organ": _unnamed_organ,
}
