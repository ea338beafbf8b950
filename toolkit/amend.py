"""Apply amendments to a draft: the instructions of each amendment, as the Assembly would.

Paragraphs are named as the draft numbers them (an amendment is written against the draft
as circulated), so every target is found in the draft's own numbering, whatever the other
amendments do; the amended text is renumbered once at the end. Each change is attributed
to the amendment that made it. An instruction that does not apply — words not found or
found more than once, a paragraph the draft does not have, two amendments on the same
words — is reported with the instruction, and nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from toolkit.instructions import NotUnderstood, Operation, Target, read
from toolkit.model import Document, DocumentKind, FootnoteMarker, Paragraph, ParagraphKind, SourceMap, Subparagraph


@dataclass(frozen=True)
class Amendment:
    """An amendment as applied: its symbol (or file name), sponsors and instructions."""

    name: str
    sponsors: tuple[str, ...]
    instructions: tuple[tuple[str, str], ...]  # (id "AM1", text)

    @property
    def author(self) -> str:
        """The author Word shows for its changes: the symbol, and the sponsors."""
        if not self.sponsors:
            return self.name
        names = ", ".join(self.sponsors[:3]) + (" and others" if len(self.sponsors) > 3 else "")
        return f"{self.name} ({names})"


@dataclass(frozen=True)
class Applied:
    """One operation carried out: by which amendment and instruction, on which paragraph."""

    amendment: str
    instruction: str
    action: str
    target: str  # the draft's id: "PP3", "OP2", "OP4(b)", "FN3"; "" for an insertion at the start
    detail: str


@dataclass(frozen=True)
class Problem:
    """An instruction, or one operation of it, that was not applied, and why."""

    amendment: str
    instruction: str
    text: str
    reason: str


@dataclass(frozen=True)
class Result:
    """The amended draft and what was done to it."""

    document: Document
    applied: tuple[Applied, ...]
    problems: tuple[Problem, ...]
    text: str = ""  # the amended draft in the Markdown draft form
    #: Who changed what, for attributing a redline's changes: the draft's ids (changed or
    #: deleted) and the amended text's ids (inserted paragraphs), each to an amendment's author.
    changed_by: dict[str, str] = field(default_factory=dict)
    inserted_by: dict[str, str] = field(default_factory=dict)

    def author_of(self, old_ids: tuple[str, ...], new_ids: tuple[str, ...]) -> str | None:
        """The amendment that made a pair's change (by its ids), if one did."""
        for pid in old_ids:
            if pid in self.changed_by:
                return self.changed_by[pid]
        for pid in new_ids:
            if pid in self.inserted_by:
                return self.inserted_by[pid]
        return None


class _Conflict(Exception):
    pass


# --- text with its footnote markers --------------------------------------------------


@dataclass
class _Text:
    """A paragraph's text being amended, its footnote markers kept at their words."""

    text: str
    markers: list[tuple[int, FootnoteMarker]]
    edits: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, by): what was changed

    def find(self, words: str) -> list[int]:
        """Where ``words`` stand as whole words (start offsets)."""
        if not words:
            return []
        left = r"(?<!\w)" if words[0].isalnum() else ""
        right = r"(?!\w)" if words[-1].isalnum() else ""
        return [m.start() for m in re.finditer(left + re.escape(words) + right, self.text)]

    def change(self, start: int, end: int, new: str, by: str) -> None:
        for s, e, who in self.edits:
            if who != by and s < max(end, start + 1) and start < max(e, s + 1):
                raise _Conflict(who)
        delta = len(new) - (end - start)
        self.text = self.text[:start] + new + self.text[end:]
        # A marker inside the replaced words stays with them, at their end.
        self.markers = [
            (o if o <= start else start + len(new) if o <= end else o + delta, m) for o, m in self.markers
        ]
        self.edits = [(s if s < start else s + delta, e if e <= start else e + delta, w) for s, e, w in self.edits]
        self.edits.append((start, start + len(new), by))


@dataclass
class _Unit:
    kind: str  # "pp", "op", "fn"
    origin: str | None  # the draft's id; None for an inserted paragraph
    body: _Text
    subs: list[tuple[str, _Text, list]] = field(default_factory=list)  # (label, text, subparagraphs)
    paragraph: Paragraph | None = None
    deleted_by: str | None = None
    by: set[str] = field(default_factory=set)
    before: list[_Unit] = field(default_factory=list)
    after: list[_Unit] = field(default_factory=list)


def _marked(element) -> _Text:
    return _Text(element.text, [(m.offset, m) for m in element.markers])


def _subs(element) -> list:
    return [(s.label, _marked(s), _subs(s)) for s in element.subparagraphs]


def _walk(subs: list) -> list[tuple[str, _Text]]:
    out = []
    for label, text, children in subs:
        out.append((label, text))
        out += _walk(children)
    return out


# --- applying -----------------------------------------------------------------------


@dataclass(frozen=True)
class Amended:
    """A draft, the amendments applied to it in order, and the result: what ``untk amend`` reports."""

    draft: Document
    amendments: tuple[Amendment, ...]
    result: Result


def amend(draft: Document, amendments: list[Amendment]) -> Result:
    """``draft`` with every amendment applied, in order; problems said, not guessed."""
    pps = [_Unit("pp", p.id, _marked(p), _subs(p), p) for p in draft.preamble]
    ops = [_Unit("op", p.id, _marked(p), _subs(p), p) for p in draft.operative]
    notes = {n.number: _Unit("fn", n.id, _Text(n.text, [])) for n in draft.footnotes}
    by_number = {}
    for unit in ops:
        number = (unit.paragraph.number or "").split(" ")[0] if unit.paragraph else ""
        if number.isdigit():
            by_number.setdefault(int(number), unit)
    start: dict[str, list[_Unit]] = {"pp": [], "op": [], "pp-end": []}
    applied: list[Applied] = []
    problems: list[Problem] = []
    for amendment in amendments:
        for instruction, text in amendment.instructions:
            try:
                operations = read(text)
            except NotUnderstood as exc:
                problems.append(Problem(amendment.name, instruction, text, str(exc)))
                continue
            for op in operations:
                try:
                    detail, target_id = _apply(op, amendment.author, pps, by_number, notes, start)
                except (LookupError, ValueError, _Conflict) as exc:
                    reason = f"conflicts with {exc.args[0]}" if isinstance(exc, _Conflict) else str(exc.args[0])
                    problems.append(Problem(amendment.name, instruction, op.clause or text, reason))
                    continue
                applied.append(Applied(amendment.name, instruction, op.action, target_id, detail))
    return _result(draft, pps, ops, notes, start, applied, problems)


def _unit(target: Target, pps: list[_Unit], by_number: dict[int, _Unit], notes: dict[int, _Unit], place: bool = False) -> _Unit:
    """The draft's paragraph an operation names; ``place``: only as a place for a new
    paragraph, which a deleted paragraph still is."""
    if target.kind == "pp":
        if not 1 <= target.number <= len(pps):
            raise LookupError(f"the draft has no {target.describe()} (it has {len(pps)} preambular paragraphs)")
        unit = pps[target.number - 1]
    elif target.kind == "op":
        if target.number not in by_number:
            raise LookupError(f"the draft has no {target.describe().split(' (')[0]}")
        unit = by_number[target.number]
    else:
        if target.number not in notes:
            raise LookupError(f"the draft has no footnote {target.number}")
        unit = notes[target.number]
    if unit.deleted_by and not place:
        raise _Conflict(unit.deleted_by)
    return unit


def _texts(unit: _Unit, target: Target) -> list[tuple[str, _Text]]:
    """Where the words of an operation are looked for: a subparagraph, or the whole paragraph."""
    if target.sub:
        found = [(label, text) for label, text in _walk(unit.subs) if label == target.sub]
        if not found:
            raise LookupError(f"{target.describe()}: the paragraph has no subparagraph {target.sub}")
        return found[:1]
    return [("", unit.body)] + _walk(unit.subs)


def _apply(op: Operation, by: str, pps, by_number, notes, start) -> tuple[str, str]:
    if op.action == "insert":
        new = _Unit(op.kind, None, _Text(op.text, []))
        new.by.add(by)
        if op.target is None:
            start[op.kind].append(new)
            return f"inserted a new paragraph at the start: {_short(op.text)}", ""
        anchor = _unit(op.target, pps, by_number, notes, place=True)
        if anchor.kind == "fn":
            raise LookupError("a new paragraph goes after a paragraph, not a footnote")
        if anchor.kind != op.kind:
            # "After the last preambular paragraph, insert a new operative paragraph": it opens
            # the operative part (or, the other way round, closes the preamble).
            start["op" if op.kind == "op" else "pp-end"].append(new)
            return f"inserted a new {op.kind} paragraph {op.where} {anchor.origin}: {_short(op.text)}", anchor.origin or ""
        (anchor.after if op.where == "after" else anchor.before).append(new)
        return f"inserted a new paragraph {op.where} {anchor.origin}: {_short(op.text)}", anchor.origin or ""
    assert op.target is not None
    unit = _unit(op.target, pps, by_number, notes)
    target_id = (unit.origin or "") + (op.target.sub or "")
    if op.action == "delete":
        if op.target.sub:
            raise LookupError(f"deleting a subparagraph ({op.target.describe()}) is not supported; delete its words")
        if unit.by - {by}:
            raise _Conflict(sorted(unit.by - {by})[0])
        unit.deleted_by = by
        return f"deleted {unit.origin}", target_id
    if op.action == "replace":
        if unit.by - {by}:
            raise _Conflict(sorted(unit.by - {by})[0])
        unit.body = _Text(op.text, [])
        unit.subs = []
        unit.by.add(by)
        return f"replaced the text of {unit.origin}: {_short(op.text)}", target_id
    texts = _texts(unit, op.target)
    if op.action == "add":
        text = texts[-1][1] if op.target.sub else (_walk(unit.subs)[-1][1] if unit.subs else unit.body)
        end = len(text.text.rstrip(".;,"))
        sep = "" if op.text[:1] in ",;.:" or not end else " "
        text.change(end, end, sep + op.text, by)
        unit.by.add(by)
        return f"added {_quote(op.text)} at the end of {target_id}", target_id
    hits = [(label, text, at) for label, text in texts for at in text.find(op.words)]
    if not hits:
        raise LookupError(f"{_quote(op.words)} is not in {op.target.describe()}")
    if len(hits) > 1:
        raise LookupError(f"{_quote(op.words)} stands {len(hits)} times in {op.target.describe()}: say which")
    _label, text, at = hits[0]
    end = at + len(op.words)
    if op.action == "replace-words":
        text.change(at, end, op.text, by)
        detail = f"replaced {_quote(op.words)} with {_quote(op.text)} in {target_id}"
    elif op.action == "delete-words":
        a, b = _deletion(text.text, at, end)
        text.change(a, b, "", by)
        detail = f"deleted {_quote(op.words)} in {target_id}"
    elif op.action == "insert-words":
        pos = end if op.where == "after" else at
        new = _spaced(text.text, pos, op.text)
        text.change(pos, pos, new, by)
        detail = f"inserted {_quote(op.text)} {op.where} {_quote(op.words)} in {target_id}"
    else:
        raise ValueError(f"cannot apply {op.action!r}")
    unit.by.add(by)
    return detail, target_id


def _deletion(text: str, start: int, end: int) -> tuple[int, int]:
    """Deleted words take one of the spaces around them with them."""
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] == " "):
        return start, end + 1
    if start > 0 and text[start - 1] == " ":
        return start - 1, end
    return start, end


def _spaced(text: str, pos: int, words: str) -> str:
    """Inserted words with the space they need between their neighbours: "States" + "fully"
    is "States fully"; ", as appropriate," goes straight after the word before it."""
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos] if pos < len(text) else ""
    new = words
    if before and not before.isspace() and before not in "(\u201c\"" and words[:1].isalnum():
        new = " " + new
    if after and not after.isspace() and after not in ",;.:)\u201d\"" and words[-1:].isalnum():
        new = new + " "
    return new


def _short(text: str) -> str:
    return _quote(text if len(text) <= 60 else text[:57] + "\u2026")


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


# --- the amended document -----------------------------------------------------------


def _order(units: list[_Unit], at_start: list[_Unit]) -> list[_Unit]:
    out: list[_Unit] = list(at_start)
    for unit in units:
        out += unit.before
        if not unit.deleted_by:
            out.append(unit)
        out += unit.after
    return out


def _result(draft, pps, ops, notes, start, applied, problems) -> Result:
    new_pps = _order(pps, start["pp"]) + start["pp-end"]
    new_ops = _order(ops, start["op"])
    preamble = tuple(_paragraph(u, f"PP{i}", None, ParagraphKind.PREAMBULAR, draft) for i, u in enumerate(new_pps, 1))
    numbered = any(p.number for p in draft.operative) or len(new_ops) > 1
    operative = tuple(
        _paragraph(u, f"OP{i}", str(i) if numbered else None, ParagraphKind.OPERATIVE, draft) for i, u in enumerate(new_ops, 1)
    )
    footnotes = tuple(replace(n, text=notes[n.number].body.text) for n in draft.footnotes)
    document = replace(draft, preamble=preamble, operative=operative, footnotes=footnotes, kind=DocumentKind.DRAFT if draft.kind is DocumentKind.RESOLUTION else draft.kind)
    changed = {u.origin: sorted(u.by)[0] for u in [*pps, *ops, *notes.values()] if u.origin and u.by}
    changed.update({u.origin: u.deleted_by for u in [*pps, *ops] if u.origin and u.deleted_by})
    inserted = {
        f"{prefix}{i}": sorted(u.by)[0]
        for prefix, units in (("PP", new_pps), ("OP", new_ops))
        for i, u in enumerate(units, 1)
        if u.origin is None
    }
    from toolkit.readers import parse_text
    from toolkit.render.draft import render as draft_form

    text = draft_form(document)
    # The draft form holds the paragraphs; the masthead, kind and metadata stay the draft's.
    amended = replace(
        parse_text(text, path=draft.source.path), metadata=draft.metadata, kind=draft.kind, draft=draft.draft
    )
    return Result(amended, tuple(applied), tuple(problems), text, changed, inserted)


def _paragraph(unit: _Unit, pid: str, number: str | None, kind: ParagraphKind, draft: Document) -> Paragraph:
    body = unit.body
    markers = tuple(replace(m, offset=o) for o, m in sorted(body.markers, key=lambda x: x[0]))
    if unit.paragraph is not None:
        base = unit.paragraph
        return replace(
            base, id=pid, kind=kind, number=number, text=body.text, markers=markers, subparagraphs=_rebuilt(unit.subs, pid),
            italic_opening=base.italic_opening if body.text.startswith(base.italic_opening or "\u0000") else None,
        )
    span = (draft.operative or draft.preamble)[0].span if (draft.operative or draft.preamble) else None
    return Paragraph(id=pid, kind=kind, number=number, text=body.text, span=span, source_map=SourceMap())


def _rebuilt(subs: list, parent: str) -> tuple[Subparagraph, ...]:
    out = []
    for label, text, children in subs:
        sid = f"{parent}{label}"
        out.append(
            Subparagraph(
                id=sid, label=label, text=text.text, span=None, source_map=SourceMap(),
                markers=tuple(replace(m, offset=o) for o, m in sorted(text.markers, key=lambda x: x[0])),
                subparagraphs=_rebuilt(children, sid),
            )
        )
    return tuple(out)


# --- amendments as files ------------------------------------------------------------

_ITEM = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")


def from_document(doc: Document) -> Amendment | None:
    """An amendment document's symbol, sponsors and instructions (None: it has none)."""
    if not doc.instructions:
        return None
    name = (doc.draft.symbol if doc.draft and doc.draft.symbol else None) or doc.metadata.symbol or doc.source.path
    sponsors = tuple(doc.draft.sponsors) if doc.draft else ()
    return Amendment(name, sponsors, tuple((i.id, i.text) for i in doc.instructions))


def from_text(name: str, text: str) -> Amendment | None:
    """A plain list of numbered instructions ("1. Delete …"), as ``untk diff --format
    amendments`` writes it: lines before the first number, and notes after, are passed over."""
    items: list[list[str]] = []
    for line in text.splitlines():
        if m := _ITEM.match(line):
            items.append([m[2]])
        elif items and line.strip() and not line.startswith("Not written as an instruction:"):
            items[-1].append(line.strip())
    if not items:
        return None
    return Amendment(name, (), tuple((f"AM{i}", " ".join(parts)) for i, parts in enumerate(items, 1)))
