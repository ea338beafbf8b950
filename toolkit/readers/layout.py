"""What every text reader hands to the structurer: blocks of text with their source.

A *block* is one paragraph of the source as laid out (hard wraps joined with
``\\n``, hyphenation undone), before it is known whether it is a title line, a
preambular paragraph, an operative paragraph, a subparagraph or a footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.mapped import MappedText, join
from toolkit.model import Diagnostic, Metadata
from toolkit.vocabulary import ORGAN_LINE, opening_kind


@dataclass(frozen=True, slots=True)
class Block:
    """One laid-out paragraph: its text (lines joined by ``\\n``) and first line number."""

    text: MappedText
    line: int
    continues: bool = False  # explicitly continues the paragraph before it (drafts)
    literal: bool = False  # never a label, heading or footer, whatever it starts with (drafts)


@dataclass(frozen=True, slots=True)
class RawFootnote:
    """A footnote as laid out: its number, its text after the number, and where the note starts."""

    number: int
    text: MappedText
    start: int


@dataclass(frozen=True, slots=True)
class Layout:
    """A reader's output: blocks in order, footnotes, and metadata it read outside the blocks."""

    blocks: tuple[Block, ...]
    footnotes: tuple[RawFootnote, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    markers: str = "glued"  # "glued" (ODS), "loose" (PDF text), "explicit" (draft)
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """A source line: its number, start offset and text without the newline."""

    number: int
    start: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str, first_line: int = 1, offset: int = 0) -> list[Line]:
    lines = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(Line(first_line + i, offset + pos, raw))
        pos += len(raw) + 1
    return lines


# Labels that open an operative paragraph or a subparagraph.
# "14, Urges" is a scanning error for "14. Urges": a comma counts before a capital.
OP_LABEL = re.compile(r"^(\d{1,3})(?:\s*(bis|ter|quater|quinquies))?\s*(?:\.(?:\s+|$|(?=[A-Z]))|,\s+(?=[A-Z]))")
# "ll." and "L." are scanning errors for "11." and "1.": taken only where that number is due.
OCR_OP_LABEL = re.compile(r"^([0-9lIL]{1,3})\.\s+(?=[A-Z])")
SUB_LABEL = re.compile(r"^\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)(?:\s+|$)|^(?:[a-z]|[ivx]{1,5})\.\s+(?=[A-Z\u201c\"])")

_ENDS_PARAGRAPH = re.compile(r"""[,;:.!?][\s"\u201d\u2019')\]]*(?:\s?\d{1,3}/?)?$|^\s*(?:\d+\s*\.|\([a-z0-9]+\))\s*$""")


def starts_paragraph(text: str) -> bool:
    """Whether a line opens a paragraph: a label, or an opening word from the vocabularies."""
    stripped = text.lstrip()
    if OP_LABEL.match(stripped) or SUB_LABEL.match(stripped):
        return True
    if ORGAN_LINE.match(stripped):
        return True
    return opening_kind(stripped.lstrip("*_\u201c\"")) is not None


def ends_paragraph(text: str) -> bool:
    return bool(_ENDS_PARAGRAPH.search(text)) or bool(ORGAN_LINE.match(text.strip()))


#: Prefixes whose hyphen stays when a word is split across lines ("self-\ndefence").
_KEEP_HYPHEN = frozenset(
    "self non co ex anti counter cross well long short cease all semi post pre inter intra multi "
    "socio decision policy peace law rule follow trans so high low".split()
)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)*")


def vocabulary_of(text: str) -> set[str]:
    """Lower-cased words and hyphenated compounds of a text, for rejoining split words."""
    words = set()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        words.add(w)
        if "-" in w:
            words.update(w.split("-"))
    return words


def keeps_hyphen(head: str, tail: str, words: set[str]) -> bool:
    """Whether "head-" at a line end and "tail" on the next line form a hyphenated word."""
    head_l, tail_l = head.lower(), tail.lower()
    if f"{head_l}{tail_l}" in words:
        return False
    if f"{head_l}-{tail_l}" in words:
        return True
    return head_l in _KEEP_HYPHEN


def join_lines(source: str, lines: list[Line], words: set[str], dehyphenate: bool = True) -> MappedText:
    """Join a paragraph's lines with ``\\n``, undoing end-of-line hyphenation if asked."""
    pieces: list[MappedText] = []
    prev: Line | None = None
    for line in lines:
        lead = len(line.text) - len(line.text.lstrip())
        piece = MappedText.from_source(source, line.start + lead, line.start + len(line.text.rstrip()))
        if prev is not None and pieces:
            last = pieces[-1].text
            head = re.search(r"([A-Za-z\u00c0-\u024f]+)-$", last) if dehyphenate else None
            tail = re.match(r"[a-z\u00df-\u024f]+", piece.text)
            if head and tail and not keeps_hyphen(head[1], tail.group(), words):
                pieces[-1] = pieces[-1][: len(last) - 1]
            elif not (head and tail):
                pieces.append(MappedText.synthetic("\n", prev.start + len(prev.text)))
        pieces.append(piece)
        prev = line
    return join(pieces)
