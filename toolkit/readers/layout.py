"""What every text reader hands to the structurer: blocks of text with their source.

A *block* is one paragraph of the source as laid out (hard wraps joined with
``\\n``, hyphenation undone), before it is known whether it is a title line, a
preambular paragraph, an operative paragraph, a subparagraph or a footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit import patterns
from toolkit.mapped import MappedText
from toolkit.model import Diagnostic, Directive, Metadata, Segment
from toolkit.vocabulary import ORGAN_LINE, opening_kind


@dataclass(frozen=True, slots=True)
class Block:
    """One laid-out paragraph: its text (lines joined by ``\\n``) and first line number."""

    text: MappedText
    line: int
    continues: bool = False  # explicitly continues the paragraph before it (drafts)
    literal: bool = False  # never a label, heading or footer, whatever it starts with (drafts)
    italic_opening: str | None = None  # the italic words the paragraph opens with (Word)


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
    directives: tuple[Directive, ...] = ()
    #: Notes called by an asterisk rather than a number (a draft's sponsors line), number 0.
    notes_unnumbered: tuple[RawFootnote, ...] = ()
    #: The first page's masthead and title block as printed (furniture included), with
    #: blank lines between its paragraphs; empty when the reader keeps none.
    masthead: str = ""


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
OP_LABEL = patterns.compile(r"^(\d{1,3})(?:\s*(bis|ter|quater|quinquies))?\s*(?:\.(?:\s+|$|(?=[A-Z]))|,\s+(?=[A-Z]))")
# A label of four digits or more ("1000."), with its full stop: an operative paragraph only
# where the sequence has reached that number (years stand at the start of lines too).
LONG_OP_LABEL = patterns.compile(r"^(\d{4,6})\s*\.(?:\s+|$|(?=[A-Z]))")
# "ll." and "L." are scanning errors for "11." and "1.", "Z." for "2." (S/RES/686 (1991)):
# taken only where that number is due.
OCR_OP_LABEL = patterns.compile(r"^([0-9lILZ]{1,3})\.\s+(?=[A-Z])")
#: A part heading's label, alone or before its title: "I.", "II. Implementation of …".
PART_HEADING = patterns.compile(r"^(?:[IVX]{1,5}|[A-H])\.(?:\s+(?=[A-Z])|\s*$)")
# Letters run (a) .. (z), (aa) .. (zz), (aaa) ..; roman numerals reach "(lxxxviii)" in long lists.
SUB_LABEL = patterns.compile(r"^\((?:[a-z]{1,2}|(?P<letter>[a-z])(?P=letter){2}|[ivxlc]{1,9}|\d{1,2})\)(?:\s+|$)|^(?:[a-z]|[ivx]{1,5})\.\s+(?=[A-Z\u201c\"])")

_ENDS_PARAGRAPH = patterns.compile(r"""[,;:.!?][\s"\u201d\u2019')\]]*(?:\s?\d{1,3}/?)?$|^\s*(?:\d+\s*\.|\([a-z0-9]+\))\s*$""")


def starts_paragraph(text: str) -> bool:
    """Whether a line opens a paragraph: a label, or an opening word from the vocabularies."""
    stripped = text.lstrip()
    if OP_LABEL.match(stripped) or SUB_LABEL.match(stripped):
        return True
    if ORGAN_LINE.match(stripped):
        return True
    return opening_kind(stripped.lstrip("*_\u201c\"")) is not None


def ends_paragraph(text: str) -> bool:
    text = text.rstrip()  # extracted PDF text keeps a space at many line ends
    return bool(_ENDS_PARAGRAPH.search(text)) or bool(ORGAN_LINE.match(text))


#: Prefixes whose hyphen stays when a word is split across lines ("self-\ndefence").
_KEEP_HYPHEN = frozenset(
    "self non co ex anti counter cross well long short cease all semi post pre inter intra multi "
    "socio decision policy peace law rule follow trans so high low".split()
)
_WORD = patterns.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)*")


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


# From a word's start only: tried at every letter of a long word, "[A-Za-z]+-$" is quadratic.
_HEAD = patterns.compile(r"(?<![A-Za-z\u00c0-\u024f])([A-Za-z\u00c0-\u024f]+)-$")
_TAIL = patterns.compile(r"[A-Za-z\u00c0-\u024f]+")


def join_lines(source: str, lines: list[Line], words: set[str], dehyphenate: bool = True) -> MappedText:
    """Join a paragraph's lines with ``\\n``, undoing end-of-line hyphenation if asked."""
    texts: list[str] = []
    segments: list[Segment] = []
    length = 0
    prev_end = -1
    for line in lines:
        raw = line.text
        body = raw.strip()
        if not body:
            continue
        start = line.start + len(raw) - len(raw.lstrip())
        if texts:
            head = _HEAD.search(texts[-1]) if dehyphenate and texts[-1].endswith("-") else None
            tail = _TAIL.match(body) if head else None
            if head and tail and tail.group()[0].islower() and not keeps_hyphen(head[1], tail.group(), words):
                # "implemen-" + "tation": drop the hyphen.
                texts[-1] = texts[-1][:-1]
                last = segments[-1]
                segments[-1] = Segment(last.text_offset, last.source_offset, last.length - 1)
                length -= 1
            elif not (head and tail):
                texts.append("\n")
                segments.append(Segment(length, prev_end, 1))
                length += 1
            # else: a compound broken at its hyphen ("Counter-" + "Terrorism") joins as is.
        texts.append(body)
        segments.append(Segment(length, start, len(body)))
        length += len(body)
        prev_end = start + len(body)
    return MappedText("".join(texts), tuple(segments))


_DIRECTIVE = patterns.compile(
    r"<!--\s*untk:\s*(?P<action>disable-next|disable-file|disable|enable)\b\s*(?:=\s*)?(?P<rules>[\w\s,.-]*?)\s*-->"
)


def directives_in(line: Line) -> list[Directive]:
    """Checker directives written in a comment: ``<!-- untk: disable=rule-id, other-id -->``."""
    found = []
    for m in _DIRECTIVE.finditer(line.text):
        rules = tuple(r for r in re.split(r"[\s,]+", m["rules"]) if r) or ("all",)
        found.append(Directive(line.number, m["action"], rules))
    return found


def is_directive_line(line: Line) -> bool:
    """A line that holds only checker directives."""
    if "<!--" not in line.text:
        return False
    return bool(_DIRECTIVE.search(line.text)) and not _DIRECTIVE.sub("", line.text).strip()
