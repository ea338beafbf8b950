"""Compare two versions of a resolution: aligned pairs with their redlines."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Sequence

from toolkit.align import Link, align
from toolkit.change_kinds import KINDS, NotableEdit, classify
from toolkit.model import Document, Draft, Footnote, Metadata, Paragraph
from toolkit.normalize import Normalization
from toolkit.redline import Redline, redline

OPS = ("equal", "modify", "move", "split", "merge", "insert", "delete")


@dataclass(frozen=True, slots=True)
class Pair:
    """One change (or non-change): which old elements became which new ones, and how.

    ``old`` and ``new`` hold element ids (``OP27``, ``FN3``); ``renumbered`` says
    the ids differ although the wording may not.
    """

    op: str
    section: str  # "paragraphs", "annexes" (paragraphs of annexed instruments) or "footnotes"
    old: tuple[str, ...]
    new: tuple[str, ...]
    similarity: float
    redline: Redline
    renumbered: bool = False
    kind: str | None = None  # technical, editorial or substantive (toolkit.change_kinds); None: unchanged
    edits: tuple[NotableEdit, ...] = ()  # within a substantive change: verbs, qualifiers, modals

    @property
    def changed(self) -> bool:
        return self.op != "equal" or self.renumbered


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A fact outside the paragraphs that differs between the versions: a field of the
    metadata (``metadata.title``), of a draft's masthead (``draft.sponsors``), or an
    annex's heading, title or unparagraphed text (``ANNEX1.text``)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The alignment of two documents, paragraph by paragraph and footnote by footnote."""

    old: Document
    new: Document
    pairs: tuple[Pair, ...]
    normalization: Normalization = field(default_factory=Normalization)
    fields: tuple[FieldChange, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        counts = {op: 0 for op in OPS}
        for pair in self.pairs:
            counts[pair.op] += 1
        counts["renumbered"] = sum(1 for p in self.pairs if p.renumbered)
        counts["fields"] = len(self.fields)
        for kind in KINDS:
            counts[kind] = sum(1 for p in self.pairs if p.kind == kind)
        return counts

    @property
    def technical_only(self) -> bool:
        """Changes there are, and every one is technical: a yearly update and nothing more."""
        changed = [p for p in self.pairs if p.kind is not None]
        return bool(changed) and all(p.kind == "technical" for p in changed) and _technical_fields(self.fields)

    @property
    def identical(self) -> bool:
        return not self.fields and not any(p.changed for p in self.pairs)

    def changes(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.changed)


def compare(
    old: Document,
    new: Document,
    normalization: Normalization = Normalization(),
    sources: tuple[str, str] | None = None,
) -> Comparison:
    """Align the paragraphs and the footnotes of two documents and redline each pair.

    With ``sources`` (the two texts the documents were read from) and white space that
    counts (``normalization.whitespace`` false), paragraphs are compared with the white
    space their sources have within lines (:mod:`toolkit.spacing`).
    """
    if sources is not None and not normalization.whitespace:
        from toolkit.spacing import full_text_as_written

        texts = (lambda e: full_text_as_written(e, sources[0]), lambda e: full_text_as_written(e, sources[1]))
    else:
        texts = (_text, _text)
    pairs = _section(
        "paragraphs",
        old.paragraphs,
        new.paragraphs,
        normalization,
        kinds=([p.kind.value for p in old.paragraphs], [p.kind.value for p in new.paragraphs]),
        texts=texts,
    )
    old_annexed, new_annexed = old.annex_paragraphs, new.annex_paragraphs
    if old_annexed or new_annexed:
        pairs += _section(
            "annexes",
            old_annexed,
            new_annexed,
            normalization,
            kinds=([p.kind.value for p in old_annexed], [p.kind.value for p in new_annexed]),
            texts=texts,
        )
    pairs += _section("footnotes", old.footnotes, new.footnotes, normalization, texts=texts)
    return Comparison(old, new, tuple(pairs), normalization, field_changes(old, new, normalization))


#: Metadata that comes from printing, not from the text: a reprint changes it.
_PRINTING = frozenset({"job_number", "distribution_date"})


def field_changes(old: Document, new: Document, normalization: Normalization = Normalization()) -> tuple[FieldChange, ...]:
    """Every fact outside the paragraphs and footnotes that differs: metadata (the title,
    number, adoption date, meeting, agenda, draft symbol …), a draft's masthead (symbol,
    sponsors, revision …), and the annexes' headings, titles and text."""
    changes: list[FieldChange] = []

    def differ(name: str, a: object, b: object) -> None:
        a_text, b_text = _as_text(a), _as_text(b)
        if normalization.apply(a_text or "") != normalization.apply(b_text or ""):
            changes.append(FieldChange(name, a_text, b_text))

    for f in fields(Metadata):
        if f.name not in _PRINTING:
            differ(f"metadata.{f.name}", getattr(old.metadata, f.name), getattr(new.metadata, f.name))
    differ("kind", old.kind.value, new.kind.value)
    if (old.draft is None) != (new.draft is None):
        # A draft compared with the resolution adopted from it: the masthead as a whole.
        differ("draft", old.draft and (old.draft.symbol or "draft"), new.draft and (new.draft.symbol or "draft"))
    elif old.draft is not None and new.draft is not None:
        for f in fields(Draft):
            differ(f"draft.{f.name}", getattr(old.draft, f.name, None), getattr(new.draft, f.name, None))
    olds, news = {a.id: a for a in old.annexes}, {a.id: a for a in new.annexes}
    for name in dict.fromkeys([*olds, *news]):  # ANNEX1, QUOTE1 … paired by their ids
        a, b = olds.get(name), news.get(name)
        differ(f"{name}.heading", a and a.heading, b and b.heading)
        differ(f"{name}.title", a and a.title, b and b.title)
        if not (a and a.paragraphs) and not (b and b.paragraphs):
            differ(f"{name}.text", a and a.text, b and b.text)  # paragraphs, where it has them, pair above
    for k in range(max(len(old.instructions), len(new.instructions))):
        a_ins = old.instructions[k].text if k < len(old.instructions) else None
        b_ins = new.instructions[k].text if k < len(new.instructions) else None
        differ(f"AM{k + 1}", a_ins, b_ins)
    return tuple(changes)


def _as_text(value: object) -> str | None:
    if value is None or value == ():
        return None
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _text(element: Paragraph | Footnote) -> str:
    return element.full_text if isinstance(element, Paragraph) else element.text


def _section(
    name: str,
    old: Sequence[Paragraph | Footnote],
    new: Sequence[Paragraph | Footnote],
    normalization: Normalization,
    kinds: tuple[list[str], list[str]] | None = None,
    texts: tuple[Callable[[Any], str], Callable[[Any], str]] = (_text, _text),
) -> list[Pair]:
    old_texts = [texts[0](e) for e in old]
    new_texts = [texts[1](e) for e in new]
    links = align([normalization.apply(t) for t in old_texts], [normalization.apply(t) for t in new_texts], kinds)
    if name == "footnotes":
        links = _notes_in_place(links, old, new)
    pairs = []
    for link in _in_reading_order(links):
        before = "\n".join(old_texts[i] for i in link.old)
        after = "\n".join(new_texts[j] for j in link.new)
        old_ids = tuple(old[i].id for i in link.old)
        new_ids = tuple(new[j].id for j in link.new)
        renumbered = link.op in ("equal", "move", "modify") and old_ids != new_ids and _numbered(old_ids)
        change = classify(link.op, before, after, renumbered)
        pairs.append(
            Pair(
                op=link.op,
                section=name,
                old=old_ids,
                new=new_ids,
                similarity=link.similarity,
                redline=redline(before, after, normalization),
                renumbered=renumbered,
                kind=change.kind,
                edits=change.edits,
            )
        )
    return pairs


def _numbered(ids: tuple[str, ...]) -> bool:
    """Operative paragraphs and footnotes carry printed numbers; preambular ones only a position."""
    return all(not i.startswith("PP") for i in ids)


def _technical_fields(changes: Sequence[FieldChange]) -> bool:
    """Whether the facts outside the paragraphs changed only as a yearly update does
    (symbol, number, session, dates, meeting, agenda item): a new title is no update."""
    return all(
        c.field in _YEARLY_FIELDS or classify("modify", c.old or "", c.new or "").kind in ("technical", None) for c in changes
    )


#: Facts that change with every session whatever their words.
_YEARLY_FIELDS = frozenset(
    {"metadata.symbol", "metadata.resolution_number", "metadata.session", "metadata.session_number", "metadata.adoption_date",
     "metadata.meeting", "metadata.agenda_items", "metadata.draft_symbol", "metadata.committee_line", "draft.symbol",
     "draft.date"}
)


def _notes_in_place(links: list[Link], old: Sequence[Footnote], new: Sequence[Footnote]) -> list[Link]:
    """A note deleted and a note inserted under the same number: one note whose text changed
    in place ("A/79/80." -> "A/80/83."), as Word shows it, not a deletion and an insertion."""
    deleted = {old[link.old[0]].id: link for link in links if link.op == "delete" and len(link.old) == 1}
    inserted = {new[link.new[0]].id: link for link in links if link.op == "insert" and len(link.new) == 1}
    both = deleted.keys() & inserted.keys()
    if not both:
        return links
    gone = {id(deleted[n]) for n in both} | {id(inserted[n]) for n in both}
    kept = [link for link in links if id(link) not in gone]
    from toolkit.similarity import profile, similarity

    def alike(n: str) -> float:
        return round(similarity(profile(old[deleted[n].old[0]].text), profile(new[inserted[n].new[0]].text)), 4)

    return kept + [Link("modify", deleted[n].old, inserted[n].new, alike(n)) for n in sorted(both)]


def _in_reading_order(links: list[Link]) -> list[Link]:
    """Links in the order of the new text; a deletion stands where its old neighbour went."""
    placed = sorted((o, link.new[0]) for link in links if link.new for o in link.old)
    olds = [o for o, _ in placed]
    furthest: list[int] = []  # furthest new position reached by old paragraphs up to here
    for _, n in placed:
        furthest.append(max(n, furthest[-1]) if furthest else n)

    def key(link: Link) -> tuple[float, int]:
        if link.new:
            return (link.new[0], -1)
        k = bisect.bisect_left(olds, link.old[0])
        return ((furthest[k - 1] if k else -1) + 0.5, link.old[0])

    return sorted(links, key=key)
