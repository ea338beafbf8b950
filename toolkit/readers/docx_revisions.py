"""What a Word document's markup says beside its text: tracked changes, comments, and
changes hidden as formatting.

The document model is one reading of a .docx (every change accepted, or rejected, or
those of some authors); this module keeps the facts about the changes themselves, by
the model's paragraph ids in the reading with every change accepted:

* each tracked change: ``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, an inserted
  or deleted paragraph mark, a formatting change (``w:rPrChange``, ``w:pPrChange``),
  with its author, date and text;
* each comment (``word/comments.xml``): author, date, its text and the text it is
  anchored to (between ``w:commentRangeStart`` and ``w:commentRangeEnd``);
* text whose formatting hides a change Word does not track: white or background-coloured
  text, hidden text (``w:vanish``), struck-through text that is no tracked deletion, and
  highlighted text outside any tracked change.

``--revisions author=NAME[,NAME…]`` is read by :func:`parse_revisions`: accept the
changes of those authors, reject the others.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from toolkit.errors import InputError
from toolkit.model import Document

#: Kinds of tracked change, as Word's reviewing pane names them.
CHANGE_KINDS = (
    "insertion",
    "deletion",
    "move-from",
    "move-to",
    "paragraph-insertion",
    "paragraph-deletion",
    "formatting",
    "paragraph-formatting",
)
#: Kinds of formatting that can hide a change from a reader of the printed page.
HIDDEN_KINDS = ("white-text", "hidden-text", "struck-through", "highlighted")


@dataclass(frozen=True, slots=True)
class RevisionChoice:
    """How tracked changes are read: all accepted, all rejected, or those of some authors accepted."""

    mode: str  # "accept", "reject" or "authors"
    authors: tuple[str, ...] = ()

    def accepts(self, author: str) -> bool:
        """Whether a change by ``author`` is accepted in this reading."""
        if self.mode == "authors":
            return _fold(author) in {_fold(a) for a in self.authors}
        return self.mode == "accept"


def parse_revisions(value: str) -> RevisionChoice:
    """``accept``, ``reject``, ``author=NAME`` or ``author=NAME1,NAME2``; ValueError otherwise."""
    text = value.strip()
    if text in ("accept", "reject"):
        return RevisionChoice(text)
    key, sep, names = text.partition("=")
    if sep and key.strip().lower() in ("author", "authors"):
        authors = tuple(n.strip() for n in names.split(",") if n.strip())
        if authors:
            return RevisionChoice("authors", authors)
        raise ValueError(f"--revisions {value!r} names no author; write author=NAME or author=NAME1,NAME2")
    raise ValueError(f"--revisions must be accept or reject, or author=NAME[,NAME...], not {value!r}")


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class TrackedChange:
    """One tracked change: who made it, when, its text and where it stands.

    ``paragraph`` is the id in the reading with every change accepted (``OP4(a)``,
    ``FN2``), None outside the paragraphs (the title block, the meeting line);
    ``line`` is the line of that reading's source text; ``rejected_paragraph`` the id
    in the reading with every change rejected (a deleted paragraph has no other).
    """

    kind: str
    author: str
    date: str | None  # as Word wrote it (ISO 8601), None when it wrote none
    text: str
    paragraph: str | None
    line: int | None
    #: The id in the reading with every change rejected: where deleted text stood (the official numbering).
    rejected_paragraph: str | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment, and the text it is anchored to."""

    id: str
    author: str
    date: str | None
    text: str
    anchor: str
    paragraph: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class HiddenFormatting:
    """Text formatted so that a change does not show: its kind, how, and where."""

    kind: str  # one of HIDDEN_KINDS
    text: str
    detail: str  # "colour FFFFFF on FFFFFF", "w:strike", "highlight yellow"
    paragraph: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class RevisionFacts:
    """Every tracked change, comment and formatting that hides a change, in document order."""

    changes: tuple[TrackedChange, ...] = ()
    comments: tuple[Comment, ...] = ()
    hidden: tuple[HiddenFormatting, ...] = ()

    @property
    def authors(self) -> tuple[str, ...]:
        """The authors of changes and comments, in order of first appearance."""
        return tuple(dict.fromkeys([c.author for c in self.changes] + [c.author for c in self.comments]))


def read_revisions(path: str) -> tuple[Document, RevisionFacts]:
    """A .docx read with every change accepted, and the facts about its changes, by its paragraph ids."""
    from toolkit import structure
    from toolkit.model import Source
    from toolkit.readers import docx
    from toolkit.source import line_starts, load

    raw = load(path)
    if raw.kind != "docx":
        raise InputError(path, "not a Word document (.docx); tracked changes are read from Word documents")
    readings = []
    for mode in ("accept", "reject"):
        content = docx.read(raw.path, raw.data, mode, facts=True)
        source = Source(path=raw.path, format="docx", encoding=raw.encoding, sha256=raw.sha256, line_starts=line_starts(content.source))
        doc = structure.build(content.layout, source)
        readings.append((doc, with_paragraphs(content.facts or RevisionFacts(), doc)))
    (doc, facts), (_, rejected) = readings
    return doc, _with_rejected_ids(facts, rejected)


#: Changes both readings meet in the same order (formatting is met only on the runs a reading shows).
_TEXT_CHANGES = frozenset(CHANGE_KINDS[:6])


def _with_rejected_ids(facts: RevisionFacts, rejected: RevisionFacts) -> RevisionFacts:
    """Each text change of ``facts`` with its paragraph in the rejected reading (met in the same order there)."""
    theirs = iter([c for c in rejected.changes if c.kind in _TEXT_CHANGES])
    changes = []
    for change in facts.changes:
        if change.kind in _TEXT_CHANGES:
            other = next(theirs, None)
            if other is not None and (other.kind, other.author, other.text) == (change.kind, change.author, change.text):
                change = replace(change, rejected_paragraph=other.paragraph)
        changes.append(change)
    return replace(facts, changes=tuple(changes))


def with_paragraphs(facts: RevisionFacts, doc: Document) -> RevisionFacts:
    """``facts`` with each line named by the id of the paragraph, subparagraph or footnote on it."""
    named = _line_ids(doc)

    def name(item):
        return replace(item, paragraph=named.get(item.line)) if item.line is not None else item

    return RevisionFacts(
        tuple(name(c) for c in facts.changes), tuple(name(c) for c in facts.comments), tuple(name(h) for h in facts.hidden)
    )


def _line_ids(doc: Document) -> dict[int, str]:
    """Source line -> the innermost element that starts on or covers it."""
    found: dict[int, tuple[int, str]] = {}  # line -> (start line of the element, id): the latest start wins
    elements = [*doc.walk_all(), *doc.footnotes]
    for element in elements:
        first, last = element.span.start.line, element.span.end.line
        for line in range(first, last + 1):
            if line not in found or found[line][0] <= first:
                found[line] = (first, element.id)
    return {line: element_id for line, (_, element_id) in found.items()}
