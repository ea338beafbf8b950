"""Turn a reader's blocks into the document model.

Every text reader (ODS export, PDF text, Markdown draft) lays a file out as
blocks; this module decides which block is the title, the organ line, a
preambular or operative paragraph, a subparagraph, a footer line or an annex,
finds the footnote markers, and builds the :class:`~toolkit.model.Document`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from toolkit import limits, organs, patterns
from toolkit.mapped import MappedText, join, squeeze
from toolkit.markers import Candidate, find_candidates, select
from toolkit.model import (
    Annex,
    Diagnostic,
    Document,
    DocumentKind,
    Draft,
    Instruction,
    Footnote,
    FootnoteMarker,
    Metadata,
    Paragraph,
    ParagraphKind,
    Source,
    Span,
    Subparagraph,
)
from toolkit.readers import metadata as meta
from toolkit.readers.layout import LONG_OP_LABEL, OCR_OP_LABEL, OP_LABEL, SUB_LABEL, Block, Layout
from toolkit.vocabulary import ORGAN_LINE, from_roman, opening_kind, ordinal_words, to_roman

_SENTINEL = "\ue000"
_ANNEX = patterns.compile(r"^(?:ANNEX|Annex|APPENDIX|Appendix)(?:\s+(?P<label>[A-Z0-9IVX]{1,5}))?\.?$")
_FOOTER = patterns.compile(
    r"^(?:Adopted\b.*\bmeeting\b|\d+(?:st|nd|rd|th|d)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\.?(?:\s+[0-3]?\d\s+[A-Z][a-z]+\s*\d{4})?$"
    r"|(?:[A-Za-z]+[ -])*[A-Za-z]*(?:first|second|third|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting\.?(?:\s+[0-3]?\d\s+[A-Z][a-z]+\s*\d{4})?$"
    r"|[0-3]?\d\s+[A-Z][a-z]+\s+\d{4}\.?$)",
    re.S,
)
_EMPHASIS = patterns.compile(r"(?<![\w*])[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?![\w*])")


@dataclass
class _Element:
    """A paragraph or subparagraph while it is being assembled."""

    kind: str  # "pp", "op", "sub"
    label: str | None
    blocks: list[MappedText]
    start: int  # source offset of the label (or the text when unlabelled)
    children: list[_Element] = field(default_factory=list)
    level_kind: str | None = None  # for subparagraphs: "letter", "roman", "digit", ...
    italic_opening: str | None = None
    heading: str | None = None  # the part heading above a paragraph


def build(layout: Layout, source: Source) -> Document:
    """The document model of a laid-out resolution."""
    text_blocks = list(layout.blocks)
    organ_index = _find_organ_line(text_blocks)
    diagnostics = list(layout.diagnostics)

    if organ_index is not None:
        header_blocks = text_blocks[:organ_index]
        organ_line = _plain(text_blocks[organ_index].text.text)
        body_start = organ_index + 1
    else:
        body_start = _first_body_block(text_blocks)
        header_blocks = text_blocks[:body_start]
        organ_line = None

    body = _Body(numbered=_numbered(text_blocks[body_start:]))
    for block in text_blocks[body_start:]:
        body.feed(block, source)
    preamble, operative, annexes, footer = body.preamble, body.operative, body.annexes, body.footer
    diagnostics += body.diagnostics

    quoted = _quoted_instruments(body, source)
    annex_parts = [_AnnexPart.read(blocks, source) for blocks in annexes]
    diagnostics += [d for part in annex_parts for d in part.body.diagnostics]
    elements = []
    for top in preamble + operative:
        elements += list(_walk(top))
        for part in quoted.get(id(top), ()):  # a quoted instrument's markers follow its paragraph's
            elements += [e for inner in part.body.preamble + part.body.operative for e in _walk(inner)]
    elements += [e for part in annex_parts for top in part.body.preamble + part.body.operative for e in _walk(top)]
    numbers = _mark_elements(elements, layout, source.path)

    footer_text = "\n".join(b.text.text for b in footer)
    header_text = "\n\n".join(b.text.text for b in header_blocks)
    masthead = layout.masthead or header_text
    draft, from_draft = _draft(masthead, layout)
    kind = DocumentKind.RESOLUTION
    instructions: tuple[Instruction, ...] = ()
    if draft is not None:
        kind = DocumentKind.AMENDMENT if draft.document_type == "amendment" else DocumentKind.DRAFT
    if kind is DocumentKind.AMENDMENT and organ_line is None:
        instructions = _instructions(text_blocks, source)
        preamble, operative, annexes, footer = [], [], [], []
        elements = []
        numbers = iter(())
    if title := meta.agenda_title(masthead):
        from_draft.setdefault("agenda_title", title)
    from_organ_line = {}
    if organ_line and (m := ORGAN_LINE.match(_EMPHASIS.sub("", organ_line))):
        from_organ_line["organ"] = organs.canonical_name(m[1]) or " ".join(m[1].split())
    metadata = _complete(
        meta.merge(
            meta.metadata_dict(layout.metadata),
            meta.read_header(header_text),
            meta.read_footer(footer_text),
            from_organ_line,
            from_draft,
        )
    )

    ids: set[str] = _Ids()
    pps = tuple(_paragraph(e, f"PP{i}", source, numbers, ids) for i, e in enumerate(preamble, 1))
    ops = tuple(
        _paragraph(e, f"OP{e.label.replace(' ', '') if e.label else i}", source, numbers, ids)
        for i, e in enumerate(operative, 1)
    )
    notes = tuple(_footnote(n, source, ids) for n in layout.footnotes)
    quote_parts = [(top, part) for top in operative for part in quoted.get(id(top), ())]
    op_ids = {id(e): p.id for e, p in zip(operative, ops)}
    annex_models = tuple(
        part.model(f"QUOTE{i}", source, numbers, ids, quoted_in=op_ids[id(top)])
        for i, (top, part) in enumerate(quote_parts, 1)
    )
    annex_models += tuple(part.model(f"ANNEX{i}", source, numbers, ids) for i, part in enumerate(annex_parts, 1))

    if not ops and kind is not DocumentKind.AMENDMENT:
        diagnostics.append(Diagnostic("no operative paragraph found"))
    return Document(
        source=source,
        metadata=metadata,
        organ_line=organ_line,
        preamble=pps,
        operative=ops,
        footnotes=notes,
        annexes=annex_models,
        diagnostics=tuple(diagnostics),
        directives=layout.directives,
        kind=kind,
        draft=draft,
        instructions=instructions,
    )


def _draft(masthead: str, layout: Layout) -> tuple[Draft | None, dict]:
    """The draft part of an L. document, and the metadata its masthead gives."""
    found = meta.read_draft(masthead)
    if found is None:
        return None, {}
    fields, metadata = found
    if layout.notes_unnumbered:
        fields["sponsor_note"] = _plain(layout.notes_unnumbered[0].text.text)
    return Draft(**fields), metadata


_INSTRUCTION_NUMBER = patterns.compile(r"^(\d{1,2})\.\s+")


def _instructions(blocks: list[Block], source: Source) -> tuple[Instruction, ...]:
    """An amendment's instructions: the blocks after the title that follows the
    sponsors line, one per number ("1. Delete …"), or one when unnumbered. A quoted
    text that an instruction introduces ("… insert a new paragraph reading:") stays
    with it."""
    start = next((i for i, b in enumerate(blocks) if meta.is_sponsors_line(_plain(b.text.text))), None)
    if start is None:
        return ()
    found: list[tuple[int | None, list[MappedText], int]] = []
    for block in blocks[start + 2 :]:
        plain = _plain(block.text.text)
        if _FOOTER.match(plain):
            break
        m = _INSTRUCTION_NUMBER.match(block.text.text)
        begin = block.text.source_offset(0)
        if m:
            found.append((int(m[1]), [block.text[m.end() :]], begin))
        elif found and (plain[:1].islower() or _QUOTE_START.match(plain) or _plain(found[-1][1][-1].text).endswith(":")):
            found[-1][1].append(block.text)
        else:
            found.append((None, [block.text], begin))
    result = []
    for i, (number, texts, begin) in enumerate(found, 1):
        pieces: list[MappedText] = []
        for t in texts:
            if pieces:
                pieces.append(MappedText.synthetic("\n", t.source_offset(0)))
            pieces.append(t)
        text = squeeze(join(pieces))
        result.append(
            Instruction(
                id=f"AM{i}", number=number, text=text.text, span=_span(text, source, begin), source_map=text.source_map()
            )
        )
    return tuple(result)


def _mark_elements(elements: list[_Element], layout: Layout, path: str) -> Iterator[int]:
    """Find the footnote markers of all elements at once (their order matters), leave a
    sentinel where each stood, and return the marker numbers in document order."""
    candidates: list[Candidate] = []
    texts: list[MappedText] = [text for element in elements for text in element.blocks]
    for index, text in enumerate(texts):
        candidates.extend(
            find_candidates(
                index, text.text, explicit_only=layout.markers == "explicit", spaced=layout.markers == "loose"
            )
        )
    chosen = select(candidates, [n.number for n in layout.footnotes])
    limits.check_markers(path, len(chosen))
    by_block: dict[int, list[Candidate]] = {}
    for cand in chosen:
        by_block.setdefault(cand.block, []).append(cand)
    marked = iter([_mark(text, by_block.get(i, [])) for i, text in enumerate(texts)])
    for element in elements:
        element.blocks = [next(marked) for _ in element.blocks]
    return iter([c.number for c in chosen])


class _Body:
    """Assigns the blocks after the organ line to paragraphs, subparagraphs, footer and annexes."""

    def __init__(self, numbered: bool):
        self.numbered = numbered  # whether any operative paragraph carries a number
        self.preamble: list[_Element] = []
        self.operative: list[_Element] = []
        self.annexes: list[list[Block]] = []
        self.footer: list[Block] = []
        self.diagnostics: list[Diagnostic] = []
        self.current: _Element | None = None
        self.heading: str | None = None  # a part heading waiting for its first paragraph
        #: Text an operative paragraph quotes ("Adopts the following declaration:"): the
        #: paragraph, how many of its blocks came before the quotation, the quoted blocks.
        self.quotes: list[tuple[_Element, int, list[Block]]] = []

    def feed(self, block: Block, source: Source) -> None:
        raw = block.text.text
        plain = _plain(raw)
        start = block.text.source_offset(0)
        current = self.current
        if block.continues and current is not None:
            if block.literal and current.kind == "op" and (
                (self.quotes and self.quotes[-1][0] is current) or _ends_with(current, ":")
            ):
                if not (self.quotes and self.quotes[-1][0] is current):
                    self.quotes.append((current, len(current.blocks), []))
                self.quotes[-1][2].append(block)
            else:
                _continue(current, block.text)
        elif not block.literal and (_ANNEX.match(_plain(raw.split("\n", 1)[0])) or _annex_titled(plain)):
            self.annexes.append([block])
        elif self.annexes:
            self.annexes[-1].append(block)
        elif self.footer or (not block.literal and _FOOTER.match(plain)):
            self.footer.append(block)
        elif not block.literal and self._part_heading(raw, plain):
            pass
        elif (
            not block.literal
            and current is not None
            and (m := _BARE_NUMBER.match(raw))
            and _due(self.operative, m[1])
            and _ended(current)
        ):
            # "6" alone on its line, its full stop lost: the number that is due.
            self.diagnostics.append(Diagnostic(f"read label {m[1]!r} as {m[1] + '.'!r}", source.locate(start)))
            self._open("op", m[1], block.text[m.end() :] if m.end() < len(raw) else None, start)
        elif not block.literal and (m := OP_LABEL.match(raw)) and not self._wrapped_number(m[1]):
            number = m[1] + (f" {m[2]}" if m[2] else "")
            self._open("op", number, block.text[m.end() :], start, block.italic_opening)
        elif not block.literal and (m := LONG_OP_LABEL.match(raw)) and _due(self.operative, m[1]):
            # "1000." and on: taken only where the sequence has reached that number.
            self._open("op", m[1], block.text[m.end() :], start, block.italic_opening)
        elif not block.literal and (m := OCR_OP_LABEL.match(raw)) and _due(self.operative, m[1]):
            number = m[1].translate(_OCR_DIGITS)
            self.diagnostics.append(Diagnostic(f"read label {m[1]!r} as {number!r}", source.locate(start)))
            self._open("op", number, block.text[m.end() :], start)
        elif not block.literal and (m := SUB_LABEL.match(raw)):
            rest = block.text[m.end() :]
            if (current is None or current.kind == "pp") and opening_kind(rest.text, guess=True) == "operative":
                # Lettered operative paragraphs with no number ("(a) Resolves ...;
                # (b) Requests ..."): an unnumbered operative paragraph holds them.
                current = self._open("op", None, None, start)
            if current is None:
                self._open("pp", None, block.text, start)
            else:
                _attach_subparagraph(current, m.group().strip(), rest, start)
        elif current is None or current.kind == "pp" or not self.numbered:
            self._unlabelled(block, plain, start)
        elif (
            not block.literal
            and opening_kind(plain) == "operative"
            and _ends_with(current, ";")
            and not any(b.text.rstrip().endswith(":") for b in current.blocks)  # a list it introduced
            and (due := _next_number(self.operative))
        ):
            # An operative paragraph whose number was lost, after one that ended with ";".
            self.diagnostics.append(
                Diagnostic(f"operative paragraph without its number, read as {due}", source.locate(start))
            )
            self._open("op", due, block.text, start, block.italic_opening)
        else:
            _continue(current, block.text)

    def _wrapped_number(self, number: str) -> bool:
        """A number that a page break left at the start of a block ("agenda item / 118.")
        is not a label when the paragraph before is unfinished and the number is not due."""
        current = self.current
        if current is None or _ended(current):
            return False
        if not self.operative:
            return number != "1"  # the first operative paragraph is 1
        return not _due(self.operative, number) and number != (self.operative[-1].label or "").split(" ")[0]

    def _unlabelled(self, block: Block, plain: str, start: int) -> None:
        """A block with no label: a new paragraph, or the continuation of the current one."""
        current = self.current
        kind = opening_kind(plain, guess=True)
        if kind == "operative" and not self.numbered and (current is None or current.kind == "pp" or _ended(current)):
            self._open("op", None, block.text, start, block.italic_opening)
        elif current is not None and (
            ((kind is None or opening_kind(plain) is None) and not _ended(current))
            or _is_connector(plain)
            or _is_quoted_part(current, plain)
        ):
            # A paragraph broken by a blank line mid-sentence ("… Lethal Autonomous
            # Weapons" / "Systems, established …") goes on, whatever its first word.
            _continue(current, block.text)
        elif current is not None and current.kind == "op":
            _continue(current, block.text)
        else:
            self._open("pp", None, block.text, start, block.italic_opening)

    def _part_heading(self, raw: str, plain: str) -> bool:
        """Take a part heading ("I", then its title "Report of the Joint Inspection
        Unit"; or both in one block): it stands above the next paragraph."""
        first, _, rest = raw.partition("\n")
        if _PART_LABEL.fullmatch(first.strip()) and (not rest.strip() or _is_heading_title(_plain(rest))):
            self.heading = first.strip().rstrip(".") + (f". {_plain(rest)}" if rest.strip() else "")
            return True
        if (m := _PART_TITLED.match(plain)) and _is_heading_title(m["title"]) and raw.strip().count("\n") <= 2:
            self.heading = f"{m['label']}. {m['title']}"  # "II. Implementation of the Awaza Programme …"
            return True
        if self.heading is not None and "." not in self.heading and _is_heading_title(plain):
            self.heading = f"{self.heading}. {plain}"
            return True
        current = self.current
        if (
            current is not None
            and self.heading is None
            and _ended(current)
            and not _ends_with(current, ":")  # what a colon introduces is a list, not headings
            and raw.strip().count("\n") <= 1  # a heading wraps onto two lines at most
            and len(plain.split()) <= 12
            and _is_heading_title(plain)
        ):
            # An unlabelled heading between two paragraphs ("Peacebuilding financing").
            self.heading = plain
            return True
        return False

    def _open(self, kind: str, label: str | None, text: MappedText | None, start: int, italic: str | None = None) -> _Element:
        element = _Element(kind, label, [text] if text is not None else [], start, italic_opening=italic)
        element.heading, self.heading = self.heading, None
        (self.preamble if kind == "pp" else self.operative).append(element)
        self.current = element
        return element


_PART_LABEL = patterns.compile(r"(?:[IVX]{1,5}|[A-H])\.?")
_PART_TITLED = patterns.compile(r"(?P<label>[IVX]{1,5}|[A-H])\.\s+(?P<title>[A-Z].*)")


def _is_heading_title(plain: str) -> bool:
    """A heading's title: short, capitalised, no closing punctuation, no opening word."""
    return (
        len(plain) < 160
        and plain[:1].isupper()
        and not re.search(r"[,;:.]\W*$", plain)
        and opening_kind(plain) is None
        and not OP_LABEL.match(plain)
    )


def _numbered(blocks: list[Block]) -> bool:
    """Whether the operative part numbers its paragraphs: the numbers of an annexed
    declaration (after the footer or the annex heading) do not count."""
    for block in blocks:
        if block.literal:
            continue
        plain = _plain(block.text.text)
        if _ANNEX.match(plain) or _FOOTER.match(plain):
            return False
        if OP_LABEL.match(block.text.text):
            return True
    return False


@functools.lru_cache(maxsize=16)
def _plain(text: str) -> str:
    """Text with its white space folded, for recognising what a block is. Cached: a
    block is recognised by several steps in turn, and a hostile one is megabytes."""
    if len(text) > 65_536:  # split() would hold a list of every word of it at once
        return _WHITE_SPACE.sub(" ", text).strip()
    return " ".join(text.split())


_WHITE_SPACE = patterns.compile(r"\s+")


def _find_organ_line(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks[:60]):
        # An organ line is a few words ("The General Assembly,"): a longer block is none.
        if len(block.text.text) < 400 and ORGAN_LINE.match(_EMPHASIS.sub("", _plain(block.text.text))):
            return i
    return None


def _first_body_block(blocks: list[Block]) -> int:
    """Where the body starts when there is no organ line: the first paragraph-like block."""
    for i, block in enumerate(blocks):
        plain = _plain(block.text.text)
        if OP_LABEL.match(plain) or (opening_kind(plain) and not re.match(r"Resolution\b|RESOLUTION\b|Adopted\b", plain)):
            return i
    return len(blocks)


# Closing punctuation, perhaps followed by a footnote marker ("...;[^2]", "...; 2/").
_ENDED = patterns.compile(r"[,;:.][\s\"\u201d\u2019')\]]*(?:\[\^\d+\]|\s?\d{1,3}/)*\s*$")
_OCR_DIGITS = str.maketrans("lILZ", "1112")


_BARE_NUMBER = patterns.compile(r"(\d{1,3})[ \t]*(?:\n|$)")


def _next_number(operative: list[_Element]) -> str | None:
    """The operative number that comes next, or None when the last one has no number."""
    last = operative[-1].label if operative else None
    m = re.match(r"\d+", last or "")
    return str(int(m[0]) + 1) if m else None


def _due(operative: list[_Element], label: str) -> bool:
    """Whether a misread label ("ll") names the operative number that comes next."""
    # The last numbered paragraph, looked for from the end: the check runs for many blocks.
    last = next((int(m[0]) for e in reversed(operative) if e.label and (m := re.match(r"\d+", e.label))), None)
    expected = last + 1 if last is not None else 1
    return label.translate(_OCR_DIGITS) == str(expected)


def _ended(element: _Element) -> bool:
    last = element.children[-1] if element.children else element
    while last.children:
        last = last.children[-1]
    text = last.blocks[-1].text.rstrip() if last.blocks else ""
    return bool(_ENDED.search(text))


_QUOTE_START = patterns.compile(r"[\u201c\u2018\"'\-\u2013\u2022]")


def _is_quoted_part(element: _Element, plain: str) -> bool:
    """A quotation or list item under a paragraph that ends with a colon."""
    if not _QUOTE_START.match(plain):
        return False
    last = element
    while last.children:
        last = last.children[-1]
    return _ends_with(element, ":") or (len(last.blocks) > 1 and bool(_QUOTE_START.match(last.blocks[-1].text.lstrip())))


def _ends_with(element: _Element, chars: str) -> bool:
    last = element
    while last.children:
        last = last.children[-1]
    text = last.blocks[-1].text.rstrip() if last.blocks else ""
    return text.rstrip("\"\u201d\u2019' ").endswith(tuple(chars)) if text else False


def _is_connector(plain: str) -> bool:
    return len(plain.split()) <= 2 and not plain.endswith((",", ";", "."))


def _continue(element: _Element, text: MappedText) -> None:
    target = element
    while target.children:
        target = target.children[-1]
    target.blocks.append(text)


def _walk(element: _Element):
    yield element
    for child in element.children:
        yield from _walk(child)


_ROMAN = patterns.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def _label_core(label: str) -> str:
    return label.strip("().")


def _label_kinds(label: str) -> list[str]:
    core = _label_core(label)
    paren = label.startswith("(")
    kinds = []
    if core.isdigit():
        kinds.append("digit" if paren else "digit.")
    else:
        if _ROMAN.match(core):
            kinds.append("roman" if paren else "roman.")
        if len(core) <= 3 and _REPEATED_LETTER.fullmatch(core):
            kinds.append("letter" if paren else "letter.")
    return kinds


def _successor(kind: str, previous: str) -> str:
    """The label that follows ``previous`` in a sequence of the given kind."""
    # A misread label may sit at a level of another kind ("(b)" among roman numerals): no successor.
    if kind.startswith("digit"):
        return str(int(previous) + 1) if previous.isdigit() else ""
    if kind.startswith("roman"):
        return to_roman(from_roman(previous) + 1) if _ROMAN.match(previous) else ""
    # Letters run "a" .. "z", then "aa", "bb" .. "zz", then "aaa": one letter, repeated.
    # Anything else at a letter level ("(xlix)" set among letters) has no successor.
    if not _REPEATED_LETTER.fullmatch(previous):
        return ""
    letter = previous[0]
    return chr(ord(letter) + 1) * len(previous) if letter != "z" else "a" * (len(previous) + 1)


_REPEATED_LETTER = patterns.compile(r"([a-z])\1*")


def _attach_subparagraph(parent: _Element, label: str, text: MappedText, start: int) -> None:
    """Add a subparagraph at the level its label belongs to ("(i)" after "(h)" is a letter)."""
    kinds = _label_kinds(label)
    core = _label_core(label)
    chain = [parent]
    while chain[-1].children:
        chain.append(chain[-1].children[-1])
    # chain[k] for k >= 1 is the open subparagraph at level k.
    chosen_level = None
    chosen_kind = kinds[0] if kinds else "other"
    for level in range(len(chain) - 1, 0, -1):
        node = chain[level]
        if node.level_kind in kinds and _successor(node.level_kind, _label_core(node.label or "")) == core:
            chosen_level, chosen_kind = level, node.level_kind
            break
    if chosen_level is None:
        first_of = {"letter": "a", "letter.": "a", "roman": "i", "roman.": "i", "digit": "1", "digit.": "1"}
        starts = [k for k in kinds if first_of.get(k) == core]
        # Prefer a roman "(i)" as a new, deeper level when a letter level is open.
        if "roman" in starts and len(chain) > 1:
            chosen_kind = "roman"
        elif starts:
            chosen_kind = starts[0]
        for level in range(len(chain) - 1, 0, -1):
            if chain[level].level_kind == chosen_kind:
                chosen_level = level
                break
        else:
            chosen_level = len(chain)
            if not starts and len(chain) > 1:
                chosen_level = len(chain) - 1  # an out-of-sequence label: a sibling
                chosen_kind = chain[-1].level_kind or chosen_kind
    owner = chain[chosen_level - 1]
    owner.children.append(_Element("sub", label, [text], start, level_kind=chosen_kind))


def _mark(text: MappedText, cands: list[Candidate]) -> MappedText:
    """Replace chosen markers with a sentinel, then normalise white space."""
    if _SENTINEL in text.text:
        # The input's own U+E000 (a private-use character) would pass for a marker: it is
        # shown as U+FFFD, the replacement character, rather than taken for a note.
        text = text.sub(re.compile(_SENTINEL), "\ufffd")
    if cands:
        pieces = []
        pos = 0
        for c in sorted(cands, key=lambda c: c.start):
            pieces.append(text[pos : c.start])
            pieces.append(MappedText.synthetic(_SENTINEL, text.source_offset(c.start)))
            pos = c.end
        pieces.append(text[pos:])
        text = join(pieces)
    return squeeze(text)


def _element_text(element: _Element) -> MappedText:
    pieces: list[MappedText] = []
    for block in element.blocks:
        if not block.text.strip():
            continue  # a label alone on its line ("5." / "Decides …") leaves an empty block
        if pieces:
            pieces.append(MappedText.synthetic("\n", block.source_offset(0)))
        pieces.append(block)
    return join(pieces)


def _lift_markers(text: MappedText, source: Source, numbers) -> tuple[MappedText, tuple[FootnoteMarker, ...]]:
    if _SENTINEL not in text.text:
        return text, ()
    markers = []
    ranges = []
    removed = 0
    for m in re.finditer(_SENTINEL, text.text):
        number = next(numbers, None)
        if number is None:  # more sentinels than markers chosen: the character was in the input
            break
        markers.append(FootnoteMarker(number, m.start() - removed, source.locate(text.source_offset(m.start()))))
        ranges.append((m.start(), m.end()))
        removed += 1
    return _removed(text, ranges), tuple(markers)


def _removed(text: MappedText, ranges: list[tuple[int, int]]) -> MappedText:
    """``text.remove(ranges)``, halving the text first when it has many ranges: a slice
    costs the segments before it, so one paragraph with thousands of markers (each a
    segment of its own) was quadratic to clean."""
    if len(ranges) <= 32:
        return text.remove(ranges)
    half = len(ranges) // 2
    cut = ranges[half][0]
    left = _removed(text[:cut], ranges[:half])
    right = _removed(text[cut:], [(a - cut, b - cut) for a, b in ranges[half:]])
    return join((left, right))


def _span(text: MappedText, source: Source, start_offset: int) -> Span:
    end = text.source_offset(len(text.text) - 1) + 1 if text.text else start_offset
    return Span(source.locate(start_offset), source.locate(end))


class _Ids(set):
    """The ids given so far in one document, and the next free suffix of each."""

    def __init__(self) -> None:
        super().__init__()
        self.next: dict[str, int] = {}


def _unique(candidate: str, ids: set[str]) -> str:
    if candidate not in ids:
        ids.add(candidate)
        return candidate
    # The next free suffix, remembered per id: counting up from 2 each time was quadratic
    # in a text with thousands of paragraphs numbered alike.
    remembered = getattr(ids, "next", {})
    k = remembered.get(candidate, 2)
    while f"{candidate}-{k}" in ids:
        k += 1
    ids.add(f"{candidate}-{k}")
    remembered[candidate] = k + 1
    return f"{candidate}-{k}"


def _paragraph(element: _Element, pid: str, source: Source, numbers, ids: set[str]) -> Paragraph:
    text, markers = _lift_markers(_element_text(element), source, numbers)
    subs = tuple(_subparagraph(child, pid, source, numbers, ids) for child in element.children)
    pid = _unique(pid, ids)
    span = _span(text, source, element.start)
    if subs:
        span = Span(span.start, subs[-1].span.end)
    return Paragraph(
        id=pid,
        kind=ParagraphKind.PREAMBULAR if element.kind == "pp" else ParagraphKind.OPERATIVE,
        number=element.label,
        text=text.text,
        span=span,
        source_map=text.source_map(),
        markers=markers,
        subparagraphs=subs,
        italic_opening=element.italic_opening,
        heading=element.heading,
    )


def _subparagraph(element: _Element, parent_id: str, source: Source, numbers, ids: set[str]) -> Subparagraph:
    text, markers = _lift_markers(_element_text(element), source, numbers)
    sid = _unique(f"{parent_id}({_label_core(element.label or '')})", ids)
    subs = tuple(_subparagraph(child, sid, source, numbers, ids) for child in element.children)
    span = _span(text, source, element.start)
    if subs:
        span = Span(span.start, subs[-1].span.end)
    return Subparagraph(
        id=sid,
        label=element.label or "",
        text=text.text,
        span=span,
        source_map=text.source_map(),
        markers=markers,
        subparagraphs=subs,
    )


def _footnote(note, source: Source, ids: set[str]) -> Footnote:
    text = squeeze(note.text)
    return Footnote(
        id=_unique(f"FN{note.number}", ids),
        number=note.number,
        text=text.text,
        span=_span(text, source, note.start),
        source_map=text.source_map(),
    )


@dataclass
class _AnnexPart:
    """An annex while it is read: its heading, title and the body of its instrument."""

    heading: str
    title: str | None
    blocks: list[Block]
    rest: list[Block]
    body: _Body

    @staticmethod
    def quoted(blocks: list[Block], source: Source) -> _AnnexPart:
        """An instrument quoted whole: its title lines, then its paragraphs."""
        titles: list[str] = []
        rest = list(blocks)
        while rest and len(titles) < 2 and _is_title(rest[0]) and not OP_LABEL.match(rest[0].text.text):
            titles.append(_plain(rest[0].text.text))
            rest = rest[1:]
        body = _Body(numbered=_numbered(rest))
        for block in rest:
            body.feed(replace(block, continues=False, literal=False), source)
        return _AnnexPart("", " \u2014 ".join(titles) or None, blocks, rest, body)

    @staticmethod
    def read(blocks: list[Block], source: Source) -> _AnnexPart:
        first, _, more = blocks[0].text.text.partition("\n")
        heading = _plain(first)
        title = _plain(more) or None  # "Annex\n2025 Political Declaration …" in one block
        if (m := _annex_titled(_plain(blocks[0].text.text))) and not _ANNEX.match(heading):
            heading, title = m["heading"], m["title"]  # "Annex 2025 Political Declaration …" on one line
        rest = blocks[1:]
        if title is None and rest and _is_title(rest[0]):
            title = _plain(rest[0].text.text)
            rest = rest[1:]
        body = _Body(numbered=_numbered(rest))
        for block in rest:
            body.feed(block, source)
        return _AnnexPart(heading, title, blocks, rest, body)

    def model(self, annex_id: str, source: Source, numbers, ids: set[str], quoted_in: str | None = None) -> Annex:
        """The annex, with its instrument's paragraphs as ``ANNEX1.PP2`` and ``ANNEX1.OP8``."""
        body = self.body
        paragraphs = tuple(_paragraph(e, f"{annex_id}.PP{i}", source, numbers, ids) for i, e in enumerate(body.preamble, 1))
        paragraphs += tuple(
            _paragraph(e, f"{annex_id}.OP{e.label.replace(' ', '') if e.label else i}", source, numbers, ids)
            for i, e in enumerate(body.operative, 1)
        )
        paragraphs = tuple(sorted(paragraphs, key=lambda p: p.span.start.offset))
        if paragraphs:  # clean text, markers lifted: one line per paragraph, with its number
            text = "\n".join(
                " ".join(x for x in (p.heading, f"{p.number}." if p.number else "", p.full_text) if x) for p in paragraphs
            )
        else:
            text = "\n".join(_plain(b.text.text) for b in self.rest)
        last = (self.rest or self.blocks)[-1].text
        span = Span(
            source.locate(self.blocks[0].text.source_offset(0)),
            source.locate(last.source_offset(max(len(last.text) - 1, 0)) + 1),
        )
        return Annex(
            id=annex_id,
            heading=self.heading,
            title=self.title,
            text=text,
            span=span,
            paragraphs=paragraphs,
            quoted_in=quoted_in,
        )


_ANNEX_TITLED = patterns.compile(
    r"^(?P<heading>(?:ANNEX|Annex)(?:\s+(?:[IVX]{1,5}|[A-Z]|\d{1,2})(?=\s))?)\s+(?P<title>[A-Z0-9][^,;:]*[^,;:.])$"
)


def _annex_titled(plain: str) -> re.Match[str] | None:
    """An annex heading with its title on the same line: "Annex 2025 Political Declaration …"."""
    m = _ANNEX_TITLED.match(plain)
    return m if m and len(plain) < 250 and opening_kind(m["title"]) is None else None


def _quoted_instruments(body: _Body, source: Source) -> dict[int, list[_AnnexPart]]:
    """The instruments operative paragraphs quote whole, by the paragraph (its ``id()``).

    A quotation with two or more numbered paragraphs of its own ("1. Reaffirm …",
    "2. Further reaffirm …") is an instrument; a shorter one stays in the paragraph's text.
    """
    found: dict[int, list[_AnnexPart]] = {}
    for element, at, blocks in reversed(body.quotes):
        if sum(1 for b in blocks if OP_LABEL.match(b.text.text)) >= 2:
            found.setdefault(id(element), []).insert(0, _AnnexPart.quoted(blocks, source))
        else:
            element.blocks[at:at] = [b.text for b in blocks]
    return found


def _is_title(block: Block) -> bool:
    plain = _plain(block.text.text)
    return not re.search(r"[,;:.]$", plain) and len(plain) < 200 and not OP_LABEL.match(plain)


def _complete(m: Metadata) -> Metadata:
    """Fill fields that follow from others: the symbol and session of "70/291" (:mod:`toolkit.organs`)."""
    changes = {}
    if m.resolution_number and (sym := organs.symbol_of_number(m.resolution_number, m.organ or organs.GENERAL_ASSEMBLY)):
        organ = m.organ or sym.organ
        if not m.organ:
            changes["organ"] = organ
        if organ == sym.organ and not m.symbol:
            changes["symbol"] = sym.text
        if organ == organs.GENERAL_ASSEMBLY and sym.session and sym.session.isdigit() and m.session_number is None:
            session = int(sym.session)
            changes["session_number"] = session
            changes["session"] = m.session or f"{ordinal_words(session).capitalize()} session"
    if m.symbol and (sym := organs.parse_symbol(m.symbol)) and organs.resolution_number(m.symbol):
        if not m.resolution_number:
            changes["resolution_number"] = organs.resolution_number(m.symbol)
        if not m.organ and "organ" not in changes:
            changes["organ"] = sym.organ
    return replace(m, **changes) if changes else m
