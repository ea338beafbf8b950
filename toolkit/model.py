"""The document model: one typed, immutable picture of a resolution.

Every reader produces a :class:`Document`; every comparison, check and renderer
consumes one. Paragraph text is clean (hard wraps joined, hyphenation undone,
footnote markers lifted out); :class:`SourceMap` leads any offset in that text
back to its place in the source file.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator


class ParagraphKind(str, Enum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


@dataclass(frozen=True, slots=True)
class Location:
    """A point in the source: 1-based line and column, 0-based character offset."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the source text, from ``start`` (inclusive) to ``end`` (exclusive)."""

    start: Location
    end: Location


@dataclass(frozen=True, slots=True)
class Segment:
    """``length`` characters of clean text at ``text_offset`` copied from ``source_offset``."""

    text_offset: int
    source_offset: int
    length: int


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Maps offsets in a clean text back to offsets in the source file."""

    segments: tuple[Segment, ...] = ()

    def source_offset(self, text_offset: int) -> int:
        """Source offset of the character at ``text_offset`` (clamped to the mapped text)."""
        if not self.segments:
            return 0
        # Binary search over the segments themselves: building a list of starts on
        # every call made long documents quadratic.
        i = max(0, bisect.bisect_right(self.segments, text_offset, key=_text_offset) - 1)
        seg = self.segments[i]
        within = min(max(text_offset - seg.text_offset, 0), seg.length)
        return seg.source_offset + within


def _text_offset(segment: Segment) -> int:
    return segment.text_offset


@dataclass(frozen=True, slots=True)
class FootnoteMarker:
    """A footnote reference in running text: ``offset`` is its position in the clean text."""

    number: int
    offset: int
    location: Location


@dataclass(frozen=True, slots=True)
class Subparagraph:
    """A lettered or numbered subdivision of an operative (or preambular) paragraph."""

    id: str
    label: str
    text: str
    span: Span
    source_map: SourceMap = field(repr=False, compare=False)
    markers: tuple[FootnoteMarker, ...] = ()
    subparagraphs: tuple[Subparagraph, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A preambular paragraph (``PP3``) or an operative paragraph (``OP72``).

    ``number`` is the operative number as printed ("72", "5 bis"), ``None`` for
    preambular paragraphs and for the single unnumbered operative paragraph of a
    short resolution. ``text`` is the paragraph's own text; the text of its
    subparagraphs lives in ``subparagraphs``.
    """

    id: str
    kind: ParagraphKind
    number: str | None
    text: str
    span: Span
    source_map: SourceMap = field(repr=False, compare=False)
    markers: tuple[FootnoteMarker, ...] = ()
    subparagraphs: tuple[Subparagraph, ...] = ()
    #: The opening words as set in italics, where the source says (Word); None elsewhere.
    italic_opening: str | None = None
    #: The part heading printed above this paragraph ("I. Report of the Joint Inspection Unit").
    heading: str | None = None

    def walk(self) -> Iterator[Paragraph | Subparagraph]:
        """This paragraph, then every subparagraph depth first."""
        yield self
        yield from _walk_subparagraphs(self.subparagraphs)

    @property
    def full_text(self) -> str:
        """The paragraph and its subparagraphs as one text, labels included."""
        parts = [self.text]
        for sub in _walk_subparagraphs(self.subparagraphs):
            parts.append(f"{sub.label} {sub.text}")
        return " ".join(p for p in parts if p)


def _walk_subparagraphs(subs: tuple[Subparagraph, ...]) -> Iterator[Subparagraph]:
    for sub in subs:
        yield sub
        yield from _walk_subparagraphs(sub.subparagraphs)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its number, its text and where it stands in the source."""

    id: str
    number: int
    text: str
    span: Span
    source_map: SourceMap = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex, or an instrument quoted whole by an operative paragraph: its heading
    ("Annex", "Annex A"), optional title and body text.

    An instrument annexed to a resolution (a declaration, a programme of action, an
    outcome document) keeps its own paragraphs: unnumbered ones ``ANNEX1.PP2``,
    numbered ones ``ANNEX1.OP8``, with their subparagraphs and markers; ``text`` holds
    the whole body as read.
    """

    id: str
    heading: str
    title: str | None
    text: str
    span: Span
    paragraphs: tuple[Paragraph, ...] = ()
    #: For an instrument quoted by an operative paragraph ("Adopts the following political
    #: declaration:") rather than annexed: that paragraph's id. Its id is then QUOTE1, its
    #: paragraphs QUOTE1.OP8, and its heading empty.
    quoted_in: str | None = None


class DocumentKind(str, Enum):
    RESOLUTION = "resolution"  # adopted (A/RES/..., S/RES/...)
    DRAFT = "draft"  # an L. document: draft resolution or decision, or a revision of one
    AMENDMENT = "amendment"  # an L. document of instructions amending a draft


@dataclass(frozen=True, slots=True)
class Draft:
    """What the masthead and sponsors line of an L. document say (DOMAIN.md §9).

    ``sponsors`` lists the Member States (or the Chair, a Vice-Chair, the President)
    of the sponsors line in order; ``sponsor_note`` is the note its asterisk calls
    ("On behalf of the States Members of the United Nations that are members of the
    Group of African States."). ``amends`` is the symbol of the draft an amendment
    amends.
    """

    symbol: str | None = None
    distribution: str | None = None  # "Limited"
    date: dt.date | None = None
    original: str | None = None  # "English"
    committee: str | None = None  # "Third Committee"; None in plenary
    agenda_title: str | None = None
    document_type: str | None = None  # "draft resolution", "revised draft resolution", "draft decision", "amendment"
    revision: int | None = None  # n of "Rev.n"
    sponsors: tuple[str, ...] = ()
    sponsor_line: str | None = None
    sponsor_note: str | None = None
    amends: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction of an amendment ("Delete the third preambular paragraph."):
    ``AM1``, ``AM2`` … in order; ``number`` as printed when they are numbered."""

    id: str
    number: int | None
    text: str
    span: Span
    source_map: SourceMap = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the header, title block and footer say about the resolution.

    Every field is optional: drafts have no resolution number and no footer,
    Security Council resolutions have no session or agenda item.
    """

    organ: str | None = None
    symbol: str | None = None
    session: str | None = None
    session_number: int | None = None
    agenda_items: tuple[str, ...] = ()
    adoption_date: dt.date | None = None
    draft_symbol: str | None = None
    committee_line: str | None = None
    resolution_number: str | None = None
    title: str | None = None
    meeting: str | None = None
    distribution_date: dt.date | None = None
    job_number: str | None = None
    agenda_title: str | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A reader's warning about its input: what it could not read, and where.

    ``code`` marks the diagnostics that are the writer's mistakes rather than the
    reader's doubts, so that ``check`` reports them: ``front-matter`` (a draft's
    metadata block).
    """

    message: str
    location: Location | None = None
    code: str = ""


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline instruction to the checker, written in a comment of the source.

    ``action`` is ``disable`` (until ``enable``), ``enable``, ``disable-next``
    (the next paragraph) or ``disable-file``; ``rules`` holds rule ids, or
    ``("all",)``.
    """

    line: int
    action: str
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from and how it was read."""

    path: str
    format: str
    encoding: str
    sha256: str
    line_starts: tuple[int, ...] = field(repr=False, compare=False, default=(0,))

    def locate(self, offset: int) -> Location:
        """Line and column of a source offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        i = max(i, 0)
        return Location(line=i + 1, column=offset - self.line_starts[i] + 1, offset=offset)


@dataclass(frozen=True, slots=True)
class Document:
    """A resolution: metadata, organ line, preamble, operative part, footnotes, annexes."""

    source: Source
    metadata: Metadata
    organ_line: str | None
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    annexes: tuple[Annex, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    directives: tuple[Directive, ...] = ()
    kind: DocumentKind = DocumentKind.RESOLUTION
    draft: Draft | None = None
    instructions: tuple[Instruction, ...] = ()
    _index: dict[str, Paragraph | Subparagraph | Footnote] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Preambular then operative paragraphs, in document order."""
        return self.preamble + self.operative

    @property
    def annex_paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the annexed instruments (``ANNEX1.OP8``), in order."""
        return tuple(p for annex in self.annexes for p in annex.paragraphs)

    def walk(self) -> Iterator[Paragraph | Subparagraph]:
        """Every paragraph and subparagraph of the resolution, in document order."""
        for para in self.paragraphs:
            yield from para.walk()

    def walk_all(self) -> Iterator[Paragraph | Subparagraph]:
        """Every paragraph and subparagraph, the annexed instruments' included."""
        yield from self.walk()
        for para in self.annex_paragraphs:
            yield from para.walk()

    def find(self, element_id: str) -> Paragraph | Subparagraph | Footnote | None:
        """The paragraph, subparagraph or footnote with this id (``OP5(a)``, ``FN3``,
        ``ANNEX1.OP8``)."""
        if not self._index:
            index = self._index
            for element in self.walk_all():
                index.setdefault(element.id, element)
            for note in self.footnotes:
                index.setdefault(note.id, note)
        return self._index.get(element_id)

    def locate(self, element: Paragraph | Subparagraph | Footnote, text_offset: int) -> Location:
        """Source location of a character of an element's clean text."""
        return self.source.locate(element.source_map.source_offset(text_offset))
