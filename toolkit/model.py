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
        starts = [s.text_offset for s in self.segments]
        i = max(0, bisect.bisect_right(starts, text_offset) - 1)
        seg = self.segments[i]
        within = min(max(text_offset - seg.text_offset, 0), seg.length)
        return seg.source_offset + within


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
    """An annex: its heading ("Annex", "Annex A"), optional title and body text."""

    id: str
    heading: str
    title: str | None
    text: str
    span: Span


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


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A reader's warning about its input: what it could not read, and where."""

    message: str
    location: Location | None = None


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

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Preambular then operative paragraphs, in document order."""
        return self.preamble + self.operative

    def walk(self) -> Iterator[Paragraph | Subparagraph]:
        """Every paragraph and subparagraph, in document order."""
        for para in self.paragraphs:
            yield from para.walk()

    def find(self, element_id: str) -> Paragraph | Subparagraph | Footnote | None:
        """The paragraph, subparagraph or footnote with this id (``OP5(a)``, ``FN3``)."""
        for element in self.walk():
            if element.id == element_id:
                return element
        for note in self.footnotes:
            if note.id == element_id:
                return note
        return None

    def locate(self, element: Paragraph | Subparagraph | Footnote, text_offset: int) -> Location:
        """Source location of a character of an element's clean text."""
        return self.source.locate(element.source_map.source_offset(text_offset))
