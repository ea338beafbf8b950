"""Roll a recurring resolution over: next year's technical update, drafted from the official text.

A recurring General Assembly resolution is redrafted each year from the text the Assembly
last adopted (DOMAIN.md §8), and most of the yearly changes are mechanical. :func:`rollover`
makes those on the model and explains each one:

- sessions of the Assembly from the previous text's own session on advance ("provisional
  agenda of its eightieth session" in a 79th-session text -> "eighty-first"); earlier
  sessions are history and stay, and sessions of other bodies are only noted;
- the previous text itself joins the lists of recalled resolutions that end with the
  resolution it succeeded ("77/54 of 7 December 2022 and 78/35 of 4 December 2023" ->
  "…, 78/35 of 4 December 2023 and 79/38 of 2 December 2024"), and a lone citation of
  that predecessor ("the implementation of resolution 78/7") becomes the previous text;
- the Official Records of the session advance with their supplement symbol, which the
  supplement number fixes ("Supplement No. 53 (A/79/53)"); other documents of the new
  session are not known yet and become visible placeholders ("A/80/[…]");
- a count of consecutive years grows ("for the eighteenth consecutive year");
- the metadata names the new session, with placeholders for what is not known yet.

Years and dates of the previous session's time (deadlines, reporting periods) are never
changed: each is a :class:`ReviewNote`. Everything here is a pure function of the model.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Iterable

from toolkit.citations import Citation, find_citations
from toolkit.dates import MONTHS, format_date
from toolkit.errors import InputError
from toolkit.model import Document, Draft, Footnote, FootnoteMarker, Metadata, Paragraph, Subparagraph
from toolkit.vocabulary import ordinal_value, ordinal_words

#: What stands for a fact of the new session that no one knows yet.
PLACEHOLDER = "[…]"

#: Why an edit was made (the ``reason`` of :class:`RolloverEdit`).
REASONS = {
    "session-advanced": "a session of the General Assembly from the previous text's session on",
    "recalled-list-extended": "the previous text joins the list of recalled resolutions",
    "predecessor-replaced": "the resolution the previous text succeeded is now the previous text",
    "official-records-advanced": "the Official Records of the session, with the symbol of the supplement",
    "document-placeholder": "a document of the new session: its symbol is not known yet",
    "year-count-advanced": "a count of consecutive years, one more for each year",
    "metadata": "the new text's own session, symbol and dates",
}

#: Why a passage is noted for review (the ``reason`` of :class:`ReviewNote`).
NOTE_REASONS = {
    "deadline": "a deadline of the previous session's time",
    "year": "a year of the previous session's time",
    "before-adoption": "a date before the new text's adoption",
    "other-body-session": "a session of another body, with its own calendar",
    "recalled-single": "the predecessor cited alone, now replaced: if it opened the series, list both",
    "no-predecessor": "no resolution that the previous text succeeded was found",
}


@dataclass(frozen=True, slots=True)
class RolloverEdit:
    """One change of the rollover: in ``element`` (``PP6``, ``OP4(a)``, ``FN1``, or a
    metadata field such as ``metadata.session``), ``before`` became ``after``.

    ``start`` and ``end`` are offsets in the previous text of the element (None for
    metadata); ``reason`` is a key of :data:`REASONS`.
    """

    element: str
    start: int | None
    end: int | None
    before: str
    after: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """A passage left as it was that a drafter should look at: ``text`` at ``start`` of
    ``element``; ``reason`` is a key of :data:`NOTE_REASONS`."""

    element: str
    start: int | None
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Rollover:
    """The previous text, the drafted one, and how the one became the other."""

    previous: Document
    draft: Document
    session: int
    previous_session: int
    predecessor: str | None  # the resolution the previous text succeeded ("78/7")
    edits: tuple[RolloverEdit, ...]
    notes: tuple[ReviewNote, ...]


# --- grammar -----------------------------------------------------------------------------

_H = "[-\u2010\u2011]"
_UNIT = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORD = (
    rf"(?:one\s+hundred\s+(?:and\s+)?)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety){_H}(?:{_UNIT})"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    rf"|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth|hundredth|{_UNIT})"
)
#: "its eightieth session", "the sixty-fourth to seventy-eighth sessions", "Seventy-eighth Session".
_SESSION = re.compile(
    rf"\b(?P<first>{_ORD})(?:(?P<sep>\s+(?:to|and)\s+|\s*[-\u2013]\s*)(?P<second>{_ORD}))?\s+(?:regular\s+)?sessions?\b",
    re.IGNORECASE,
)
#: Bodies that hold sessions, the last one named before "its … session" owning it.
_BODY = re.compile(
    r"General\s+Assembly|Assembly\s+of\s+(?:the\s+)?States\s+Parties|Meeting\s+of\s+(?:the\s+)?States\s+Parties"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Main)\s+Committee|Assembly"
    r"|(?:[A-Z][a-z]+\s+){0,8}(?:Council|Committee|Commission|Conference|Board|Forum|Meeting|Court|Tribunal|Agency|Organization|Parties|Group|Rapporteur|Unit|Panel|Summit)\b"
)
_ASSEMBLY = re.compile(r"General\s+Assembly|(?:First|Second|Third|Fourth|Fifth|Sixth|Main)\s+Committee|Assembly")
_OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?(?P<body>[A-Z][\w\s-]{0,60})")
_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")
#: "Supplement No. 53 (A/79/53)", "Supplement No. 53A (A/79/53/Add.1)".
_SUPPLEMENT = re.compile(r"Supplement\s+No\.\s*(?P<num>\d{1,3})[A-Z]?(?:\s+and\s+(?:addendum|addenda|corrigendum|corrigenda))?\s*\((?P<symbols>[^()]{1,120})\)")
_SUPPLEMENT_SYMBOL = re.compile(r"(?<![\w/])A/(?P<session>\d{2,3})/(?P<num>\d{1,3})(?![\w])")
#: "A/78/130; see also A/65/181, …, A/76/203 and A/77/186.": last year's report joins the list.
_SEE_ALSO = re.compile(r"^(?P<lead>(?:See\s+)?)(?P<current>A/\d{2,3}/\d{1,4});\s+see\s+also\s+(?P<list>.*?)(?P<last>A/(?P<session>\d{2,3})/\d{1,4})(?P<end>\.?)\s*$")
#: Documents of the Assembly and its committees: "A/79/80", "A/C.6/78/SR.36", "A/79/L.6".
_DOCUMENT = re.compile(
    r"(?<![\w/.])A/(?P<body>(?:C\.[1-6]|AC\.\d{1,3}|BUR|INF)/)?(?P<session>\d{2,3})/(?P<nature>(?:[A-Z]{1,3}\.)?)(?P<serial>\d{1,4})(?![\w])(?P<tail>(?:/(?:Add|Corr|Rev|Amend)\.\d{1,3})*)"
)
_YEAR = re.compile(r"(?<![\w/.])(?:19|20)\d\d(?:/\d\d(?!\d))?(?![\w/])")
_DEADLINE = re.compile(
    r"\b(?:by|before|no\s+later\s+than|not\s+later\s+than|until|by\s+the\s+end\s+of)\s+(?:(?:[0-3]?\d\s+)?(?:"
    + "|".join(MONTHS)
    + r")\s+)?$",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(r"(?P<day>[0-3]?\d)\s+(?P<month>" + "|".join(MONTHS) + r")\s+$")
_REQUESTS_REPORT = re.compile(
    r"\b(?:[Rr]equests|[Ii]nvites|[Aa]sks|[Cc]alls\s+upon|[Ee]ncourages)\s+(?:also\s+)?the\s+Secretary-General\b[^;]*?\b(?:report|submit)"
)
_YEAR_COUNT = re.compile(rf"\b(?P<ord>{_ORD})\s+consecutive\s+year\b", re.IGNORECASE)
#: The predecessor named alone after an opening phrase: replaced, and noted (list both?).
_BARE_OPENING = re.compile(r"^\s*[A-Z][a-z]+(?:\s+(?:also|further|again))?\s+(?:its|General\s+Assembly)\s+resolution\s+$")
_BARE_AFTER = re.compile(r"^\s*(?:on\s+[^,;]{1,200})?[,;.]?\s*$")
#: A lone citation that names the latest of a series: replaced by the previous text.
_LATEST_BEFORE = re.compile(r"(?:including|most\s+recent\s+of\s+which\s+(?:is|are)|most\s+recently|in\s+particular|latest)\s+(?:its\s+)?resolution\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Change:
    start: int
    end: int
    after: str
    reason: str


def rollover(previous: Document, session: int, adopted: dt.date | None = None) -> Rollover:
    """``previous`` redrafted for session ``session``: the draft, its edits and the notes.

    ``adopted`` is the date the new text is expected to be adopted on: it becomes the
    draft's adoption date, and earlier dates in the text are noted.
    """
    prev_session = previous_session(previous)
    if session <= prev_session:
        raise InputError(
            previous.source.path, f"session {session} is not after the previous text's session {prev_session}; give a later --session"
        )
    own = _own_number(previous.metadata)
    context = _Context(prev_session, session, own, previous.metadata.adoption_date, adopted)
    context.predecessor = _predecessor(previous, context)
    if context.predecessor is None and own:
        context.notes.append(ReviewNote("metadata.resolution_number", None, own, "no-predecessor"))
    preamble = tuple(_paragraph(p, context) for p in previous.preamble)
    operative = tuple(_paragraph(p, context) for p in previous.operative)
    fixed = _fixed_notes(previous, context)
    footnotes = tuple(_footnote(n, context, n.number in fixed) for n in previous.footnotes)
    metadata = _metadata(previous.metadata, context)
    masthead = _masthead(previous.draft, context) if previous.draft is not None else None
    draft = replace(previous, metadata=metadata, preamble=preamble, operative=operative, footnotes=footnotes, draft=masthead)
    return Rollover(
        previous=previous,
        draft=draft,
        session=session,
        previous_session=prev_session,
        predecessor=context.predecessor.core if context.predecessor else None,
        edits=tuple(context.edits),
        notes=tuple(context.notes),
    )


def previous_session(doc: Document) -> int:
    """The regular session of the Assembly that adopted ``doc``, from its metadata."""
    m = doc.metadata
    if m.organ and m.organ != "General Assembly":
        raise InputError(doc.source.path, f"a text of the {m.organ}: rollover knows the General Assembly's sessions only")
    if m.session_number:
        return m.session_number
    for raw in (m.resolution_number, m.symbol, m.draft_symbol):
        found = re.search(r"(?:^|/)(\d{1,3})/", raw or "") if raw and "/" in raw else None
        if found:
            return int(found[1])
    raise InputError(doc.source.path, "the previous text names no session (no session line, symbol or resolution number)")


class _Context:
    """What every element's rollover needs, and the edits and notes collected in order."""

    def __init__(self, prev: int, new: int, own: str | None, own_date: dt.date | None, adopted: dt.date | None):
        self.prev, self.new, self.offset = prev, new, new - prev
        self.own, self.own_date, self.adopted = own, own_date, adopted
        self.predecessor: Citation | None = None
        self.edits: list[RolloverEdit] = []
        self.notes: list[ReviewNote] = []

    def advanced(self, session: int) -> int | None:
        """The new number of an Assembly session within one cycle of the previous text's own,
        or None: earlier sessions are history, and a later one is a date the Assembly has fixed
        ("decides to establish, at its eighty-first session, a working group")."""
        if self.prev <= session <= self.prev + self.offset:
            return session + self.offset
        return None


def _own_number(m: Metadata) -> str | None:
    if m.resolution_number and re.fullmatch(r"\d{1,3}/\d{1,4}(?:\s+[A-Z])?", m.resolution_number):
        return m.resolution_number
    found = re.fullmatch(r"A/RES/(\d{1,3}/\d{1,4})", m.symbol or "")
    return found[1] if found else None


# --- the predecessor -----------------------------------------------------------------------


def _assembly_citations(text: str) -> list[Citation]:
    return [
        c
        for c in find_citations(text, "General Assembly")
        if c.organ == "General Assembly" and c.form == "new" and c.document == "resolution" and c.session_number
    ]


def _predecessor(doc: Document, context: _Context) -> Citation | None:
    """The resolution the previous text succeeded: one of the Assembly's own, adopted one
    cycle before it (the cycle is the distance between the sessions: two years for a
    biennial text); of several, the nearest in number, as a series keeps its agenda place."""
    cycle = context.prev - context.offset
    found: dict[str, Citation] = {}
    for element in doc.walk():
        for c in _assembly_citations(element.text):
            if c.session_number == cycle and (not context.own or c.core != context.own):
                found.setdefault(c.core, c)
    if not found:
        return None
    serial = int(context.own.split("/")[1].split()[0]) if context.own else 0
    return min(found.values(), key=lambda c: (abs(c.serial - serial), c.serial))


# --- elements ----------------------------------------------------------------------------


def _paragraph(para: Paragraph, context: _Context) -> Paragraph:
    text, markers = _element(para.id, para.text, para.markers, context)
    subs = tuple(_subparagraph(s, context) for s in para.subparagraphs)
    if text == para.text and subs == para.subparagraphs:
        return para
    return replace(para, text=text, markers=markers, subparagraphs=subs)


def _subparagraph(sub: Subparagraph, context: _Context) -> Subparagraph:
    text, markers = _element(sub.id, sub.text, sub.markers, context)
    subs = tuple(_subparagraph(s, context) for s in sub.subparagraphs)
    if text == sub.text and subs == sub.subparagraphs:
        return sub
    return replace(sub, text=text, markers=markers, subparagraphs=subs)


def _footnote(note: Footnote, context: _Context, fixed: bool) -> Footnote:
    text, _ = _element(note.id, note.text, (), context, sources=not fixed)
    return note if text == note.text else replace(note, text=text)


def _fixed_notes(doc: Document, context: _Context) -> set[int]:
    """Notes whose sources stay: those that document something other than a report (a
    resolution of another organ, a narrated event), or a report placed by another
    resolution than the predecessor ("established pursuant to resolution 77/250"). A note
    on a report the Assembly considers again ("Takes note of the report of the
    Secretary-General on the implementation of resolution 78/7") cites next year's, unless
    the predecessor asked for it and the previous text asks the Secretary-General for no
    report: then no new one will come."""
    fixed: set[int] = set()
    seen: set[int] = set()
    asks_again = any(_REQUESTS_REPORT.search(e.text) for e in doc.walk())
    asked_before = (
        re.compile(rf"pursuant\s+to\s+(?:its\s+|General\s+Assembly\s+)?resolution\s+{re.escape(context.predecessor.core)}\b")
        if context.predecessor
        else None
    )
    for element in doc.walk():
        start = 0  # the words a note documents run from the previous note or clause
        for marker in sorted(element.markers, key=lambda m: m.offset):
            head = element.text[: marker.offset]
            window = head[max(start, marker.offset - 400, head.rstrip(" ,;:.").rfind(";") + 1) :]
            start = marker.offset
            if marker.number in seen:
                continue
            seen.add(marker.number)
            cited = [
                c for c in find_citations(window, "General Assembly")
                if not (context.predecessor and c.organ == "General Assembly" and c.core == context.predecessor.core)
            ]
            if not re.search(r"\breports?\b", window, re.IGNORECASE) or cited:
                fixed.add(marker.number)
            elif asked_before and not asks_again and asked_before.search(window + element.text[marker.offset :].split(";")[0][:200]):
                fixed.add(marker.number)  # the predecessor's report, which the previous text asks for no more
    return fixed


def _element(
    element: str, text: str, markers: tuple[FootnoteMarker, ...], context: _Context, sources: bool = True
) -> tuple[str, tuple[FootnoteMarker, ...]]:
    """The element's text rolled over, its markers moved with the words they follow;
    ``sources`` false leaves the documents it cites as they are (a note that stays)."""
    changes: list[_Change] = []
    taken: list[tuple[int, int]] = []

    def add(change: _Change) -> None:
        if any(s < change.end and change.start < e for s, e in taken):
            return  # one fact, one edit: the first rule that claims a span keeps it
        taken.append((change.start, change.end))
        changes.append(change)

    citations = _assembly_citations(text)
    for change in _citation_changes(element, text, citations, context):
        add(change)
    if sources:
        for change in _see_also_changes(text, context):
            add(change)
        for change in _supplement_changes(text, context):
            add(change)
    for change in _session_changes(element, text, context, sources):
        add(change)
    if sources:
        for change in _document_changes(text, context):
            add(change)
    for m in _YEAR_COUNT.finditer(text):  # "for the eighteenth consecutive year": one more a year
        count = ordinal_value(re.sub(r"\s+", " ", m["ord"]))
        if count is not None and count + context.offset < 200:
            add(_Change(m.start("ord"), m.end("ord"), _like(m["ord"], ordinal_words(count + context.offset)), "year-count-advanced"))
    cited = [(c.start, c.end) for c in find_citations(text, "General Assembly")]
    _note_years(element, text, cited + taken, context)
    if not changes:
        return text, markers
    changes.sort(key=lambda c: c.start)
    out, pos = [], 0
    for c in changes:
        out += [text[pos : c.start], c.after]
        pos = c.end
        context.edits.append(RolloverEdit(element, c.start, c.end, text[c.start : c.end], c.after, c.reason))
    out.append(text[pos:])
    return "".join(out), tuple(replace(m, offset=_moved(m.offset, changes)) for m in markers)


def _moved(offset: int, changes: list[_Change]) -> int:
    """Where a marker at ``offset`` of the old text stands in the new one."""
    shift = 0
    for c in changes:
        if offset >= c.end:
            shift += len(c.after) - (c.end - c.start)
        elif offset > c.start:
            return c.start + shift + len(c.after)
    return offset + shift


def _citation_changes(element: str, text: str, citations: list[Citation], context: _Context) -> Iterable[_Change]:
    """The predecessor's citations: a list it ends gains the previous text; alone, it is replaced."""
    pred = context.predecessor
    if pred is None or not context.own:
        return
    own_date = format_date(context.own_date) if context.own_date else PLACEHOLDER
    for i, c in enumerate(citations):
        if c.core != pred.core:
            continue
        following = citations[i + 1] if i + 1 < len(citations) else None
        in_list = c.list_index > 0 or (following is not None and following.list_index > 0)
        if in_list:
            if following is not None and following.list_index > c.list_index:
                continue  # the predecessor within a list: the list is not the series'
            if any(x.core == context.own for x in citations):
                continue
            before = citations[i - 1] if i else None
            gap = text[before.end : c.start] if before is not None and c.list_index else ""
            dated = c.date_text is not None or (before is not None and before.date_text is not None)
            added = context.own + (f" of {own_date}" if dated else "")
            if gap and re.fullmatch(r"\s+and\s+", gap):
                yield _Change(before.end, c.end, ", " + text[c.start : c.end] + " and " + added, "recalled-list-extended")
            else:
                yield _Change(c.start, c.end, text[c.start : c.end] + " and " + added, "recalled-list-extended")
            continue
        head, tail = text[: c.start], text[c.end :]
        if _BARE_OPENING.match(head) and _BARE_AFTER.match(tail) and not _LATEST_BEFORE.search(head):
            # "Recalling its resolution 77/110 of 7 December 2022,": a series citing its latest text
            # replaces it (six of the seven in sessions 78-80); the second text of a new series
            # lists both instead, which nothing in the text tells: the drafter is asked.
            context.notes.append(ReviewNote(element, c.start, c.text, "recalled-single"))
        if c.date_text is not None and c.date_start is not None:
            yield _Change(c.core_start, c.core_end, context.own, "predecessor-replaced")
            yield _Change(c.date_start, c.date_end or c.date_start, own_date, "predecessor-replaced")
        else:
            yield _Change(c.core_start, c.core_end, context.own, "predecessor-replaced")


def _supplement_changes(text: str, context: _Context) -> Iterable[_Change]:
    for m in _SUPPLEMENT.finditer(text):
        for sym in _SUPPLEMENT_SYMBOL.finditer(m["symbols"]):
            new = context.advanced(int(sym["session"]))
            if new is not None and sym["num"] == m["num"]:
                at = m.start("symbols") + sym.start("session")
                yield _Change(at, at + len(sym["session"]), str(new), "official-records-advanced")


def _see_also_changes(text: str, context: _Context) -> Iterable[_Change]:
    """Last year's report ("A/78/130; see also …, A/77/186.") joins the list it heads, and
    the new session's stands in its place."""
    m = _SEE_ALSO.match(text)
    if not m or int(m["session"]) != context.prev - context.offset:
        return
    current = m["current"]
    if context.advanced(int(current.split("/")[1])) is None:
        return
    new = context.advanced(int(current.split("/")[1]))
    yield _Change(m.start("current"), m.end("current"), f"A/{new}/{PLACEHOLDER}", "document-placeholder")
    gap = text[m.start("last") - 5 : m.start("last")]
    if " and " in gap:
        at = m.start("last") - 5 + gap.index(" and ")
        yield _Change(at, m.end("last"), ", " + m["last"] + " and " + current, "recalled-list-extended")
    else:
        yield _Change(m.start("last"), m.end("last"), m["last"] + " and " + current, "recalled-list-extended")


def _session_changes(element: str, text: str, context: _Context, sources: bool = True) -> Iterable[_Change]:
    for m in _SESSION.finditer(text):
        if not sources and m[0][:1].isupper():
            continue  # "Official Records of the General Assembly, Seventy-eighth Session" of a source that stays
        owner = _session_owner(text, m)
        for group in ("first", "second"):
            if m[group] is None:
                continue
            value = ordinal_value(re.sub(r"\s+", " ", m[group]))
            if value is None:
                continue
            if owner != "General Assembly":
                if group == "first" and not element.startswith("FN"):
                    context.notes.append(ReviewNote(element, m.start(), m[0], "other-body-session"))
                continue
            new = context.advanced(value)
            if new is not None:
                yield _Change(m.start(group), m.end(group), _like(m[group], ordinal_words(new)), "session-advanced")


def _session_owner(text: str, m: re.Match[str]) -> str:
    """Whose session a mention names: "General Assembly", or the other body named."""
    following = _OF_BODY.match(text, m.end())
    if following:
        return "General Assembly" if _ASSEMBLY.match(following["body"]) and "States Parties" not in following["body"] else following["body"].strip()
    head = text[: m.start()]
    clause = re.split(r"[;:]", head)[-1]
    clause = _QUOTED.sub(lambda q: " " * len(q[0]), clause)
    bodies = list(_BODY.finditer(clause))
    if not bodies:
        return "General Assembly"  # the Assembly speaks: "Decides to include … of its eightieth session"
    last = bodies[-1][0]
    return "General Assembly" if _ASSEMBLY.fullmatch(last) else last


def _like(original: str, words: str) -> str:
    """``words`` in the case and with the hyphen of ``original``."""
    hyphen = next((ch for ch in original if ch in "-\u2010\u2011"), "-")
    words = words.replace("-", hyphen)
    return words[:1].upper() + words[1:] if original[:1].isupper() else words


def _document_changes(text: str, context: _Context) -> Iterable[_Change]:
    """Documents of the session: a placeholder each, their addenda and corrigenda with them
    (next year's may have none). A document in a list of earlier sessions' ("A/C.6/77/SR.36,
    A/C.6/78/SR.12") is part of a record that only grows: it stays."""
    found = list(_DOCUMENT.finditer(text))
    for i, m in enumerate(found):
        new = context.advanced(int(m["session"]))
        if new is None:
            continue
        earlier = found[i - 1] if i else None
        if earlier is not None and int(earlier["session"]) < context.prev and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[earlier.end() : m.start()]):
            continue
        end = m.end()
        base = re.escape(m[0][: len(m[0]) - len(m["tail"])])
        more = re.compile(rf"(?:\s*,\s*|\s+and\s+)(?:{base})?/?(?:Add|Corr|Rev)\.\d{{1,3}}")
        while (extra := more.match(text, end)) is not None:
            end = extra.end()
        after = f"A/{m['body'] or ''}{new}/{m['nature']}{PLACEHOLDER}"
        yield _Change(m.start(), end, after, "document-placeholder")


def _note_years(element: str, text: str, skip: list[tuple[int, int]], context: _Context) -> None:
    """Years from the previous session's first on, and dates before the adoption, as notes."""
    first_year = 1945 + context.prev
    for m in _YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue
        if int(m[0][:4]) < first_year:
            continue
        head = text[max(0, m.start() - 40) : m.start()]
        reason = "deadline" if _DEADLINE.search(head) else "year"
        day = _DATE_BEFORE.search(head)
        if context.adopted and day:
            try:
                when = dt.date(int(m[0][:4]), MONTHS.index(day["month"]) + 1, int(day["day"]))
            except ValueError:
                when = None
            if when and when < context.adopted:
                reason = "before-adoption"
        start = m.start() - (len(day[0]) if day else 0)
        context.notes.append(ReviewNote(element, start, text[start : m.end()], reason))


# --- metadata ----------------------------------------------------------------------------


def _metadata(m: Metadata, context: _Context) -> Metadata:
    """The new text's metadata: the new session, placeholders where the facts are not known yet."""
    n = context.new
    number = f"{n}/{PLACEHOLDER}"
    values: dict[str, object] = {
        "session": ordinal_words(n).capitalize() + " session",
        "session_number": n,
        # a resolution's symbol is A/RES/N/…; an L. document keeps its own form (A/C.3/81/L.[…])
        "symbol": f"A/RES/{number}" if (m.symbol or "").startswith("A/RES/") or (m.resolution_number and not m.symbol)
        else _placeholder_symbols(m.symbol, context),
        "resolution_number": number if m.resolution_number else None,
        "adoption_date": context.adopted,
        "agenda_items": (PLACEHOLDER,) if m.agenda_items else (),
        "draft_symbol": _placeholder_symbols(m.draft_symbol, context),
        "committee_line": _placeholder_symbols(m.committee_line, context),
        "meeting": None,
        "distribution_date": None,
        "job_number": None,
    }
    for name, value in values.items():
        old = getattr(m, name)
        if old != value:
            context.edits.append(RolloverEdit(f"metadata.{name}", None, None, _shown(old), _shown(value), "metadata"))
    return replace(m, **values)  # type: ignore[arg-type]


def _masthead(d: Draft, context: _Context) -> Draft:
    """An L. document's masthead for the new session: its symbol not known yet, no date, no revision."""
    values: dict[str, object] = {"symbol": _placeholder_symbols(d.symbol, context), "date": None, "revision": None}
    for name, value in values.items():
        old = getattr(d, name)
        if old != value:
            context.edits.append(RolloverEdit(f"draft.{name}", None, None, _shown(old), _shown(value), "metadata"))
    return replace(d, **values)  # type: ignore[arg-type]


def _placeholder_symbols(text: str | None, context: _Context) -> str | None:
    if not text:
        return text
    out, pos = [], 0
    for change in _document_changes(text, context):
        out += [text[pos : change.start], change.after]
        pos = change.end
    return "".join(out) + text[pos:]


def _shown(value: object) -> str:
    if value is None or value == ():
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
