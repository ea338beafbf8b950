"""Word documents (.docx): paragraphs, automatic numbers, real footnotes, tracked changes.

What the reader takes from the package:

* the body's paragraphs in order (tables and content controls included), each
  one line of the *source text*, which is the text as Word shows it: automatic
  numbers (``numbering.xml``) written out as their labels, footnote references
  as their numbers; the footnotes follow the body, one line each;
* footnotes from ``footnotes.xml``, numbered in the order of their references
  (as Word numbers them); each reference is a marker where it stands, never a
  guess (the layout's markers are ``explicit``);
* a superscript number that repeats an earlier footnote's number (how older
  resolutions cite a source again) is a marker too;
* tracked changes read as accepted (the default), rejected
  (``revisions="reject"``), or accepted for some authors only
  (``revisions="author=Mexico,Chile"``): insertions, deletions, moves,
  inserted or deleted paragraph marks and table rows; comments, hidden text and field codes are
  ignored in the text, and with ``facts=True`` the changes, comments and
  formatting that hides a change are kept as facts
  (:mod:`toolkit.readers.docx_revisions`);
* a soft line break (Shift+Enter) after the organ line continues the paragraph
  as a new block, as an indented block does in a Markdown draft;
* the italic opening words of each paragraph, kept as a fact
  (:attr:`DocxParagraph.italic_opening`).

What a hostile package cannot make it do: each table cell is read once, and
tables nested more than :data:`MAX_TABLE_DEPTH` deep are refused; numbers in
the XML are read only as ASCII digits of bounded length; a roman or letter
label past :data:`MAX_ROMAN` or :data:`MAX_LETTERS` letters is written as a
decimal number (with a diagnostic); a footnote referenced again is not written
again (the later reference repeats its number); and a document whose source
text is longer than :data:`MAX_SOURCE_CHARS` is refused (a package of more paragraphs
or runs than a resolution has is refused before: :mod:`toolkit.readers.docx_package`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

from toolkit.errors import InputError
from toolkit.mapped import EMPTY, MappedText, join
from toolkit.model import Diagnostic, Segment
from toolkit.readers.docx_package import one_line, open_docx, w
from toolkit.readers.docx_revisions import Comment, HiddenFormatting, RevisionChoice, RevisionFacts, TrackedChange, parse_revisions
from toolkit.readers.layout import Block, Layout, RawFootnote
from toolkit.vocabulary import ORGAN_LINE

if TYPE_CHECKING:
    from lxml import etree

#: The readings every document has; ``author=NAME[,NAME…]`` names others (:func:`parse_revisions`).
REVISIONS = ("accept", "reject")

#: Resolutions nest a table in a table at most once or twice.
MAX_TABLE_DEPTH = 16
#: Past MMMCMXCIX roman numerals need letters that are not written; past ten letters ("jjjjjjjjjj") a
#: letter label is no longer a label a reader can count.
MAX_ROMAN = 3999
MAX_LETTERS = 10
#: A label longer than this ("1.2.3.4.5.6.7.8.9." is 18) comes from a damaged or hostile numbering part.
MAX_LABEL_CHARS = 100
#: The longest resolutions with annexes come to well under a million characters; a plain-text
#: resolution may be 16 MiB.
MAX_SOURCE_CHARS = 16 * 2**20
#: Numbers in WordprocessingML are 32-bit; more digits than this are not a number Word wrote.
_NUMBER = re.compile(r"-?[0-9]{1,9}")
_MARK_DIGITS = re.compile(r"[0-9]{1,3}")

#: Tracked changes that add text: kept when accepted (the others, w:del and w:moveFrom, when rejected).
_ADDING = frozenset({w("ins"), w("moveTo")})
_REVISION_KINDS = {w("ins"): "insertion", w("del"): "deletion", w("moveFrom"): "move-from", w("moveTo"): "move-to"}
_AUTHOR, _DATE = w("author"), w("date")
_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_SKIP_FOOTNOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
# The names a run is read by, made once: a document has tens of thousands of runs.
_RUN_PROPERTIES, _VANISH, _FIELD_CHAR, _FIELD_CHAR_TYPE = w("rPr"), w("vanish"), w("fldChar"), w("fldCharType")
_TEXTS, _TABS, _BREAKS = (w("t"), w("delText")), (w("tab"), w("ptab")), (w("br"), w("cr"))
_TYPE, _NO_BREAK_HYPHEN, _FOOTNOTE_REFERENCE = w("type"), w("noBreakHyphen"), w("footnoteReference")


@dataclass
class _Piece:
    kind: str  # "text", "note" (a footnote reference), "mark" (a repeated marker), "br"
    text: str = ""
    italic: bool = False
    note_id: str = ""
    number: int = 0


@dataclass
class _RawParagraph:
    pieces: list[_Piece]
    ppr: etree._Element | None
    mark_removed: bool  # the paragraph mark is gone in this reading: merge with the next


@dataclass(frozen=True)
class DocxParagraph:
    """One paragraph as read: its line of source text and the facts kept about it."""

    line: int
    text: str
    label: str | None  # the automatic number, as Word shows it ("1.", "(a)")
    italic_opening: str | None  # the italic words it opens with ("Recalling also")


@dataclass
class DocxContent:
    """A .docx read into a source text, a layout and per-paragraph facts."""

    source: str
    layout: Layout
    paragraphs: list[DocxParagraph] = field(default_factory=list)
    #: With ``facts=True``: the tracked changes, comments and hiding formatting, by line (ids not yet named).
    facts: RevisionFacts | None = None


def read(path: str, data: bytes, revisions: str = "accept", facts: bool = False) -> DocxContent:
    """Read a Word document's bytes; ``revisions`` is ``accept``, ``reject`` or ``author=NAME[,NAME…]``.

    With ``facts``, the revision facts are kept too (lines, not yet ids: see
    :func:`toolkit.readers.docx_revisions.read_revisions`).
    """
    try:
        choice = parse_revisions(revisions)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None
    package, document = open_docx(path, data)
    return _Reader(path, package, document, choice, facts).run()


class _Reader:
    def __init__(self, path: str, package, document, choice: RevisionChoice, facts: bool = False):
        self.path = path
        self.package = package
        self.document = document
        self.choice = choice
        self.recorder = _Recorder(self) if facts else None
        self.authors_seen: set[str] = set()
        self.where: tuple[str, object] = ("body", 0)  # the paragraph being read: ("body", raw index) or ("note", id)
        self.raw_count = 0
        self.reading_note: str | None = None
        self.note_lines: dict[str, int] = {}  # footnote id -> its line of source text
        self.cell_fills: list[str | None] = []  # the shading of each table cell the walk is in
        self.styles = _Styles(document)
        self.field_depth: list[str] = []  # "instr" or "result" for each open complex field
        self.diagnostics: list[Diagnostic] = []
        self.noted: set[str] = set()  # diagnostics said once
        part = document.part
        self.body_xml = package.xml(str(part.partname))
        self.footnotes_xml = self._related_xml(part, "footnotes")
        self.numbering = _Numbering(self._related_xml(part, "numbering"), self._note_once)
        self.note_start = 1
        settings = self._related_xml(part, "settings")
        if settings is not None:
            start = settings.find(f"{w('footnotePr')}/{w('numStart')}")
            if start is not None:
                self.note_start = max(_int_val(start, 1), 0)

    def _note_once(self, message: str) -> None:
        """A diagnostic said once, however many paragraphs give cause for it."""
        if message not in self.noted:
            self.noted.add(message)
            self.diagnostics.append(Diagnostic(one_line(message)))

    def _related_xml(self, part, kind: str):
        for rel in part.rels.values():
            if rel.reltype.endswith("/" + kind) and not rel.is_external:
                return self.package.xml(str(rel.target_part.partname))
        return None

    # -- walking the XML -------------------------------------------------------

    def keeps(self, element: etree._Element) -> bool:
        """Whether the content of a tracked change stands in this reading."""
        author = element.get(_AUTHOR, "")
        self.authors_seen.add(author)
        accepted = self.choice.accepts(author)
        return accepted if element.tag in _ADDING else not accepted

    def _keeps_row(self, row: etree._Element) -> bool:
        """Whether a table row stands in this reading (``w:trPr`` may mark it inserted or deleted)."""
        properties = row.find(w("trPr"))
        for mark in properties if properties is not None else ():
            if mark.tag in (w("ins"), w("del")):
                if self.recorder is not None:
                    self.recorder.row(mark, row)
                if not self.keeps(mark):
                    return False
        return True

    def run(self) -> DocxContent:
        body = self.body_xml.find(w("body"))
        if body is None:
            raise InputError(self.path, "the Word document has no body")
        raw = list(self._block_level(body))
        paragraphs, merged_index = _merge_removed_marks(raw)
        notes = self._footnotes()
        if self.choice.mode == "authors":
            self._note_unknown_authors()
        content = self._layout(paragraphs, notes)
        if self.recorder is not None:
            content.facts = self.recorder.facts(merged_index, self.note_lines)
        return content

    def _note_unknown_authors(self) -> None:
        known = {" ".join(a.split()).casefold(): a for a in self.authors_seen if a}
        for name in self.choice.authors:
            if " ".join(name.split()).casefold() not in known:
                listed = ", ".join(sorted(known.values())) or "none"
                self._note_once(f"no tracked change by {name!r}; the authors of changes are: {listed}")

    def _block_level(self, parent: etree._Element, tables: int = 0) -> Iterator[_RawParagraph]:
        """The paragraphs under ``parent``, which lies inside ``tables`` tables."""
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                yield self._paragraph(child)
            elif tag == w("tbl"):
                if tables >= MAX_TABLE_DEPTH:
                    raise InputError(self.path, f"tables nested more than {MAX_TABLE_DEPTH} deep (refused)")
                for cell in _cells(child, self._keeps_row):
                    shading = cell.find(f"{w('tcPr')}/{w('shd')}")
                    self.cell_fills.append(_colour(shading.get(w("fill"))) if shading is not None else None)
                    yield from self._block_level(cell, tables + 1)
                    self.cell_fills.pop()
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self._block_level(content, tables)
            elif tag == w("customXml"):
                yield from self._block_level(child, tables)
            elif tag in _REVISION_KINDS:
                if self.recorder is not None:
                    self.recorder.change(child, block=True)
                if self.keeps(child):
                    if self.recorder is not None:
                        self.recorder.revision_depth += 1
                    yield from self._block_level(child, tables)
                    if self.recorder is not None:
                        self.recorder.revision_depth -= 1
                elif self.recorder is not None:
                    self.recorder.nested(child, block=True)
            elif self.recorder is not None and tag in _COMMENT_RANGE:
                self.recorder.comment_range(child, block=True)

    def _paragraph(self, p: etree._Element) -> _RawParagraph:
        if self.reading_note is not None:
            self.where = ("note", self.reading_note)
        else:
            self.where = ("body", self.raw_count)
            self.raw_count += 1
        ppr = p.find(w("pPr"))
        removed = False
        if ppr is not None and (rpr := ppr.find(w("rPr"))) is not None:
            for mark in rpr:
                if mark.tag in _REVISION_KINDS:
                    # An inserted mark is gone when rejected, a deleted one when accepted: the paragraph joins the next.
                    removed = removed or not self.keeps(mark)
                    if self.recorder is not None:
                        self.recorder.mark(mark)
        if self.recorder is not None and ppr is not None and (change := ppr.find(w("pPrChange"))) is not None:
            self.recorder.formatting(change, "paragraph-formatting", _text_of(p))
        pieces: list[_Piece] = []
        self._inline(p, pieces, ppr)
        return _RawParagraph(pieces, ppr, removed)

    def _inline(self, parent: etree._Element, pieces: list[_Piece], ppr) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self._run(child, pieces, ppr)
            elif tag in _CONTAINERS:
                self._inline(child, pieces, ppr)
            elif tag in _REVISION_KINDS:
                if self.recorder is not None:
                    self.recorder.change(child)
                if self.keeps(child):
                    if self.recorder is not None:
                        self.recorder.revision_depth += 1
                    self._inline(child, pieces, ppr)
                    if self.recorder is not None:
                        self.recorder.revision_depth -= 1
                elif self.recorder is not None:
                    self.recorder.nested(child)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, pieces, ppr)
            elif self.recorder is not None and tag in _COMMENT_RANGE:
                self.recorder.comment_range(child)
            # Revisions not kept, bookmarks, comments, proofing marks, maths: nothing shown.

    def _run(self, r: etree._Element, pieces: list[_Piece], ppr) -> None:
        rpr = r.find(_RUN_PROPERTIES)
        if self.recorder is not None:
            self.recorder.run(r, rpr, ppr)
            first = len(pieces)
            self._read_run(r, rpr, pieces, ppr)
            self.recorder.anchored(pieces[first:])
        else:
            self._read_run(r, rpr, pieces, ppr)

    def _read_run(self, r: etree._Element, rpr, pieces: list[_Piece], ppr) -> None:
        if rpr is not None and _on(rpr.find(_VANISH)):
            return
        italic = self.styles.italic(rpr, ppr)
        superscript = self.styles.superscript(rpr)
        for child in r:
            tag = child.tag
            if tag == _FIELD_CHAR:
                kind = child.get(_FIELD_CHAR_TYPE)
                if kind == "begin":
                    self.field_depth.append("instr")
                elif kind == "separate" and self.field_depth:
                    self.field_depth[-1] = "result"
                elif kind == "end" and self.field_depth:
                    self.field_depth.pop()
                continue
            if self.field_depth and self.field_depth[-1] == "instr":
                continue
            if tag in _TEXTS:
                text = child.text or ""
                if superscript and _MARK_DIGITS.fullmatch(text.strip()):
                    pieces.append(_Piece("mark", text.strip(), italic, number=int(text.strip())))
                else:
                    pieces.append(_Piece("text", text, italic))
            elif tag in _TABS:
                pieces.append(_Piece("text", "\t", italic))
            elif tag in _BREAKS:
                if child.get(_TYPE) in ("page", "column"):
                    pieces.append(_Piece("text", " ", italic))
                else:
                    pieces.append(_Piece("br", " "))
            elif tag == _NO_BREAK_HYPHEN:
                pieces.append(_Piece("text", "-", italic))
            elif tag == _FOOTNOTE_REFERENCE:
                if child.get(w("customMarkFollows")) in ("1", "true", "on"):
                    self._note_once("a footnote with a custom mark is not numbered; skipped")
                    continue
                pieces.append(_Piece("note", note_id=child.get(w("id"), "")))

    # -- footnotes -------------------------------------------------------------

    def _footnotes(self) -> dict[str, list[_Piece]]:
        found: dict[str, list[_Piece]] = {}
        if self.footnotes_xml is None:
            return found
        for note in self.footnotes_xml.findall(w("footnote")):
            if note.get(w("type")) in _SKIP_FOOTNOTE_TYPES:
                continue
            pieces: list[_Piece] = []
            self.reading_note = note.get(w("id"), "")
            for para in self._block_level(note):
                if pieces and para.pieces:
                    pieces.append(_Piece("text", " "))
                pieces.extend(para.pieces)
            self.reading_note = None
            found[note.get(w("id"), "")] = pieces
        return found

    # -- source text and layout -----------------------------------------------

    def _layout(self, paragraphs: list[_RawParagraph], notes: dict[str, list[_Piece]]) -> DocxContent:
        lines: list[str] = []
        offset = 0
        blocks: list[Block] = []
        facts: list[DocxParagraph] = []
        referenced: list[tuple[int, str]] = []  # (number, footnote id) in reference order
        numbers: dict[str, int] = {}  # footnote id -> its number
        next_number = self.note_start
        organ_seen = False
        for index, para in enumerate(paragraphs):
            label = self.numbering.label(para.ppr, self.styles)
            builder = _LineBuilder(offset)
            if label:
                builder.text(label + "\t")
            for piece in para.pieces:
                if piece.kind == "text":
                    builder.text(piece.text)
                elif piece.kind == "br":
                    builder.line_break(split=organ_seen)
                elif piece.kind == "note":
                    if piece.note_id not in notes:
                        self._note_once(f"footnote reference {piece.note_id} has no footnote")
                        continue
                    if piece.note_id in numbers:
                        # The note is written once; a later reference to it repeats its number.
                        self._note_once(f"footnote {piece.note_id} is referenced more than once")
                        builder.marker(numbers[piece.note_id])
                        continue
                    numbers[piece.note_id] = next_number
                    referenced.append((next_number, piece.note_id))
                    builder.marker(next_number)
                    next_number += 1
                elif piece.kind == "mark":
                    if next_number > piece.number >= self.note_start:
                        builder.marker(piece.number)
                    else:
                        builder.text(piece.text)
            line = builder.line
            lines.append(line)
            plain = " ".join(line.split())
            if plain:
                italic = _italic_opening(para.pieces)
                facts.append(DocxParagraph(index + 1, line, label, italic))
                for k, text in enumerate(builder.blocks()):
                    if text.text.strip():
                        blocks.append(Block(text, index + 1, continues=k > 0, italic_opening=italic if k == 0 else None))
            if not organ_seen and ORGAN_LINE.match(plain.strip("*_ ")):
                organ_seen = True
            offset += len(line) + 1
            self._within_budget(offset)
        raw_notes: list[RawFootnote] = []
        self.note_lines: dict[str, int] = {}
        for number, note_id in referenced:
            self.note_lines[note_id] = len(lines) + 1
            builder = _LineBuilder(offset)
            builder.text(f"{number} ")
            start_of_text = len(builder.line)
            for piece in notes[note_id]:
                if piece.kind in ("text", "br"):
                    builder.text(piece.text if piece.kind == "text" else " ")
                elif piece.kind == "mark":
                    builder.text(piece.text)
            line = builder.line
            text = MappedText.from_source(line, start_of_text, len(line))
            text = MappedText(text.text, tuple(Segment(s.text_offset, s.source_offset + offset, s.length) for s in text.segments))
            raw_notes.append(RawFootnote(number, text.strip(), offset))
            lines.append(line)
            offset += len(line) + 1
            self._within_budget(offset)
        source = "\n".join(lines) + "\n"
        layout = Layout(
            blocks=tuple(blocks),
            footnotes=tuple(raw_notes),
            markers="explicit",
            diagnostics=tuple(self.diagnostics),
        )
        return DocxContent(source, layout, facts)

    def _within_budget(self, length: int) -> None:
        if length > MAX_SOURCE_CHARS:
            raise InputError(self.path, f"the document's text is longer than {MAX_SOURCE_CHARS:,} characters (refused)")


_COMMENT_RANGE = frozenset({w("commentRangeStart"), w("commentRangeEnd")})
_MARK_KINDS = {w("ins"): "paragraph-insertion", w("del"): "paragraph-deletion", w("moveFrom"): "move-from", w("moveTo"): "move-to"}
#: Word's highlight colours (``w:highlight``) as RGB, to tell text set in the colour of its background.
_HIGHLIGHTS = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF", "red": "FF0000",
    "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080", "lightGray": "C0C0C0",
}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
#: A comment is anchored to a phrase or a paragraph or two; the text of more ranges open at once,
#: or of more runs in one range, is not kept.
MAX_OPEN_ANCHORS = 64
MAX_ANCHOR_RUNS = 2000
#: Text this close to its background in every channel is not read on the page (FAFAFA on white).
_NEAR = 0x18


def _text_of(element: etree._Element) -> str:
    """The words under an element, deleted ones included, without field codes, on one line."""
    parts = []
    for node in element.iter(_TEXTS[0], _TEXTS[1], *_TABS, *_BREAKS, _NO_BREAK_HYPHEN):
        if node.tag in _TEXTS:
            parts.append(node.text or "")
        elif node.tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        else:
            parts.append(" ")
    return " ".join("".join(parts).split())


def _colour(value: str | None) -> str | None:
    return value.upper() if value and _HEX.fullmatch(value) else None


def _near(a: str, b: str) -> bool:
    return all(abs(int(a[k : k + 2], 16) - int(b[k : k + 2], 16)) <= _NEAR for k in (0, 2, 4))


class _Recorder:
    """The revision facts met while the reader walks the document with every change accepted."""

    def __init__(self, reader: _Reader):
        self.reader = reader
        self.revision_depth = 0  # inside how many kept tracked changes the walk is
        self.changes: list[tuple[tuple[str, object], TrackedChange]] = []
        self.hidden: list[tuple[tuple[str, object], HiddenFormatting]] = []
        self.open_anchors: dict[str, list[str]] = {}
        self.anchors: dict[str, str] = {}
        self.comment_at: dict[str, tuple[str, object]] = {}

    def _here(self, block: bool = False) -> tuple[str, object]:
        reader = self.reader
        if reader.reading_note is not None:
            return ("note", reader.reading_note)
        # Between paragraphs (a change or comment around whole paragraphs): the paragraph that follows.
        return ("body", reader.raw_count) if block else reader.where

    def _add(self, kind: str, element: etree._Element, text: str, block: bool = False) -> None:
        where = self._here(block)
        date = one_line(element.get(_DATE, "")) or None
        change = TrackedChange(kind, one_line(element.get(_AUTHOR, "")), date, one_line(text), None, None)
        if kind == "formatting" and self.changes:
            last_where, last = self.changes[-1]
            if last_where == where and (last.kind, last.author, last.date) == (kind, change.author, change.date):
                # Word writes a formatting change run by run: one change over the phrase.
                self.changes[-1] = (where, TrackedChange(kind, last.author, last.date, f"{last.text} {change.text}".strip(), None, None))
                return
        self.changes.append((where, change))

    def change(self, element: etree._Element, block: bool = False) -> None:
        self._add(_REVISION_KINDS[element.tag], element, _text_of(element), block)

    def nested(self, element: etree._Element, block: bool = False) -> None:
        """The changes inside a change this reading leaves out (a deletion inside an insertion): the walk does not see them."""
        for inner in element.iter(*_REVISION_KINDS):
            if inner is not element and inner.getparent().tag != w("rPr"):
                self.change(inner, block)

    def row(self, element: etree._Element, row: etree._Element) -> None:
        """A table row inserted or deleted: one change with the row's text, at the paragraph that follows."""
        kind = "insertion" if element.tag == w("ins") else "deletion"
        self._add(kind, element, " ".join(t for p in row.iter(w("p")) if (t := _text_of(p))), block=True)

    def mark(self, element: etree._Element) -> None:
        if element.tag in (w("ins"), w("del")):  # a moved paragraph's mark moves with its text: one move
            self._add(_MARK_KINDS[element.tag], element, "")

    def formatting(self, element: etree._Element, kind: str, text: str) -> None:
        self._add(kind, element, text)

    def comment_range(self, element: etree._Element, block: bool = False) -> None:
        comment_id = element.get(w("id"), "")
        if element.tag == w("commentRangeStart"):
            self.open_anchors[comment_id] = []
            self.comment_at.setdefault(comment_id, self._here(block))
        elif comment_id in self.open_anchors:
            self.anchors[comment_id] = " ".join("".join(self.open_anchors.pop(comment_id)).split())

    def anchored(self, pieces: list[_Piece]) -> None:
        if self.open_anchors:
            text = "".join(p.text for p in pieces if p.kind in ("text", "br", "mark"))
            # Bounded: a package may open thousands of ranges and never close them.
            for parts in itertools.islice(self.open_anchors.values(), MAX_OPEN_ANCHORS):
                if len(parts) < MAX_ANCHOR_RUNS:
                    parts.append(text)

    def run(self, r: etree._Element, rpr, ppr) -> None:
        for reference in r.iter(w("commentReference")):
            self.comment_at.setdefault(reference.get(w("id"), ""), self._here())
        change = rpr.find(w("rPrChange")) if rpr is not None else None
        if change is not None:
            self.formatting(change, "formatting", _text_of(r))
            return  # formatting Word tracks hides nothing
        if self.revision_depth:
            return  # inside a tracked change: Word shows it as one
        text = _text_of(r)
        if not text:
            return
        found = self._hiding(rpr, ppr)
        if found is None:
            return
        kind, detail = found
        where = self._here()
        if self.hidden:
            last_where, last = self.hidden[-1]
            if last_where == where and (last.kind, last.detail) == (kind, detail):
                self.hidden[-1] = (where, HiddenFormatting(kind, f"{last.text} {text}", detail, None, None))
                return
        self.hidden.append((where, HiddenFormatting(kind, one_line(text), detail, None, None)))

    def _hiding(self, rpr, ppr) -> tuple[str, str] | None:
        """How this run's formatting hides its text or makes it look changed, if it does."""
        styles = self.reader.styles

        def prop(tag: str):
            return styles._property(w(tag), rpr, ppr)

        for tag in ("vanish", "specVanish"):
            if _on(prop(tag)):
                return "hidden-text", f"w:{tag}"
        highlight = prop("highlight")
        highlight_name = highlight.get(w("val"), "") if highlight is not None else ""
        shading = prop("shd")
        run_fill = _colour(shading.get(w("fill"))) if shading is not None else None
        paragraph_shading = ppr.find(w("shd")) if ppr is not None else None
        paragraph_fill = _colour(paragraph_shading.get(w("fill"))) if paragraph_shading is not None else None
        cell_fill = next((f for f in reversed(self.reader.cell_fills) if f), None)
        background = _HIGHLIGHTS.get(highlight_name) or run_fill or paragraph_fill or cell_fill or "FFFFFF"
        colour = prop("color")
        value = _colour(colour.get(w("val"))) if colour is not None else None
        if value is not None and _near(value, background):
            return "white-text", f"colour {value} on {background}"
        for tag in ("strike", "dstrike"):
            if _on(prop(tag)):
                return "struck-through", f"w:{tag}"
        if highlight_name in _HIGHLIGHTS:
            return "highlighted", f"highlight {highlight_name}"
        if run_fill is not None and run_fill != "FFFFFF":
            return "highlighted", f"shading {run_fill}"
        return None

    def facts(self, merged_index: list[int], note_lines: dict[str, int]) -> RevisionFacts:
        def line(where: tuple[str, object]) -> int | None:
            part, key = where
            if part == "note":
                return note_lines.get(str(key))
            index = int(key)  # type: ignore[call-overload]
            if index < len(merged_index):
                return merged_index[index] + 1
            return (merged_index[-1] + 1) if merged_index else None

        comments = []
        root = self.reader._related_xml(self.reader.document.part, "comments")
        for comment in root.findall(w("comment")) if root is not None else ():
            comment_id = comment.get(w("id"), "")
            text = " ".join(_text_of(p) for p in comment.iter(w("p")))
            anchor = self.anchors.get(comment_id)
            if anchor is None:  # a range never closed: what it covered up to the end
                anchor = " ".join("".join(self.open_anchors.get(comment_id, [])).split())
            where = self.comment_at.get(comment_id)
            comments.append(
                Comment(
                    one_line(comment_id), one_line(comment.get(_AUTHOR, "")), one_line(comment.get(_DATE, "")) or None, one_line(text.strip()),
                    one_line(anchor), None, line(where) if where else None,
                )
            )
        from dataclasses import replace

        return RevisionFacts(
            tuple(replace(c, line=line(where)) for where, c in self.changes),
            tuple(comments),
            tuple(replace(h, line=line(where)) for where, h in self.hidden),
        )


def _cells(table: etree._Element, keeps_row: Callable[[etree._Element], bool] = lambda row: True) -> Iterator[etree._Element]:
    """The cells of a table's own rows (content controls and custom XML around rows or cells included),
    of the rows ``keeps_row`` keeps (a row inserted or deleted as a tracked change).

    Only this table's cells: a table nested in a cell is read when that cell is.
    """
    wrappers = (w("sdt"), w("customXml"))

    def unwrap(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag in wrappers:
                inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
                if inner is not None:
                    yield from unwrap(inner, tag)

    for row in unwrap(table, w("tr")):
        if keeps_row(row):
            yield from unwrap(row, w("tc"))


class _LineBuilder:
    """One paragraph's line of source text and the mapped block text read from it."""

    def __init__(self, offset: int):
        self.offset = offset
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[list[MappedText]] = [[]]

    @property
    def line(self) -> str:
        # A line of source text never holds a newline: tabs and breaks stay in it as blanks.
        return "".join(self.parts).replace("\n", " ")

    def text(self, text: str) -> None:
        if not text:
            return
        text = text.replace("\n", " ")
        self.pieces[-1].append(MappedText(text, (Segment(0, self.offset + self.length, len(text)),)))
        self._add(text)

    def marker(self, number: int) -> None:
        """A footnote reference: its number in the source, ``[^n]`` in the block."""
        digits = str(number)
        self.pieces[-1].append(MappedText.synthetic(f"[^{number}]", self.offset + self.length))
        self._add(digits)

    def line_break(self, split: bool) -> None:
        """A soft line break: a new block after the organ line, a newline before it."""
        if split:
            self.pieces.append([])
        else:
            self.pieces[-1].append(MappedText.synthetic("\n", self.offset + self.length))
        self._add(" ")

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def blocks(self) -> list[MappedText]:
        return [join(group) if group else EMPTY for group in self.pieces]


def _merge_removed_marks(raw: list[_RawParagraph]) -> tuple[list[_RawParagraph], list[int]]:
    """Join each paragraph whose mark is gone to the next one, as Word does on accept/reject;
    also, for each paragraph as written, the index of the paragraph it is part of."""
    merged: list[_RawParagraph] = []
    carry: list[_Piece] = []
    into: list[int] = []
    for para in raw:
        into.append(len(merged))
        if para.mark_removed:
            carry.extend(para.pieces)
            continue
        merged.append(_RawParagraph(carry + para.pieces, para.ppr, False))
        carry = []
    if carry:
        merged.append(_RawParagraph(carry, None, False))
    return merged, into


def _italic_opening(pieces: list[_Piece]) -> str | None:
    """The italic words a paragraph opens with, after any typed label."""
    text = ""
    started = False
    for piece in pieces:
        if piece.kind != "text":
            if started:
                break
            continue
        if not started:
            stripped = piece.text.lstrip()
            if not stripped:
                continue
            if not piece.italic and re.fullmatch(r"\s*(?:\d{1,3}(?:\s*bis|\s*ter)?\.|\([a-z]{1,4}\)|[a-z]\.)\s*", piece.text):
                continue  # a typed label before the opening words
            started = True
        if not piece.italic:
            break
        text += piece.text
    words = " ".join(text.split()).strip(" ,;:")
    return words or None


def _on(element) -> bool:
    """Whether an on/off property element (``<w:i/>``, ``<w:i w:val="0"/>``) is on."""
    if element is None:
        return False
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


class _Styles:
    """Italic and superscript as styles give them (direct formatting wins)."""

    #: Word's styles are based on one another a few levels deep; a longer chain is not followed.
    MAX_CHAIN = 64

    def __init__(self, document):
        self.by_id: dict[str, etree._Element] = {}
        self.default_rpr = None
        self.found: dict[tuple[str, str], etree._Element | None] = {}  # (style id, path) -> element
        try:
            styles = document.styles.element
        except Exception:  # no styles part: Word's defaults
            return
        for style in styles.findall(w("style")):
            if (sid := style.get(w("styleId"))) is not None:
                self.by_id[sid] = style
        self.default_rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def _chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id and len(seen) < self.MAX_CHAIN:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def _from_style(self, style_id: str | None, path: str) -> etree._Element | None:
        """The element at ``path`` in the style or the first style it is based on that has one (looked up once)."""
        if not style_id:
            return None
        key = (style_id, path)
        if key not in self.found:
            self.found[key] = next((f for style in self._chain(style_id) if (f := style.find(path)) is not None), None)
        return self.found[key]

    @staticmethod
    def _style_id(props, tag: str) -> str | None:
        element = props.find(tag) if props is not None else None
        return element.get(w("val")) if element is not None else None

    def _property(self, tag: str, rpr, ppr) -> etree._Element | None:
        if rpr is not None and (found := rpr.find(tag)) is not None:
            return found
        path = f"{w('rPr')}/{tag}"
        if (found := self._from_style(self._style_id(rpr, w("rStyle")), path)) is not None:
            return found
        if (found := self._from_style(self._style_id(ppr, w("pStyle")), path)) is not None:
            return found
        if self.default_rpr is not None:
            return self.default_rpr.find(tag)
        return None

    def italic(self, rpr, ppr) -> bool:
        return _on(self._property(w("i"), rpr, ppr))

    def superscript(self, rpr) -> bool:
        found = self._property(w("vertAlign"), rpr, None)
        return found is not None and found.get(w("val")) == "superscript"

    def paragraph_numbering(self, ppr) -> etree._Element | None:
        """The ``numPr`` of a paragraph, or of its style."""
        if ppr is not None and (num := ppr.find(w("numPr"))) is not None:
            return num
        return self._from_style(self._style_id(ppr, w("pStyle")), f"{w('pPr')}/{w('numPr')}")


class _Numbering:
    """Labels of Word's automatic numbering, counted as Word counts them."""

    #: Word's level texts ("%1.", "(%2)") are a few characters; a longer one is not a label.
    MAX_TEMPLATE_CHARS = 255

    def __init__(self, root, note: Callable[[str], None]):
        self.note = note
        # Each level found once here, not searched for in every numbered paragraph.
        self.levels: dict[str, dict[int, etree._Element]] = {}  # abstract id -> level -> w:lvl
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for a in root.findall(w("abstractNum")):
            levels: dict[int, etree._Element] = {}
            for lvl in a.findall(w("lvl")):
                ilvl = lvl.get(w("ilvl"), "")
                if len(ilvl) == 1 and ilvl in "012345678":
                    levels.setdefault(int(ilvl), lvl)
            self.levels[a.get(w("abstractNumId"), "")] = levels  # the last definition of an id counts
        for num in root.findall(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {}
            for o in num.findall(w("lvlOverride")):
                start = o.find(w("startOverride"))
                ilvl = _number(o.get(w("ilvl"), "0"))
                if start is not None and ilvl is not None and (value := _number(start.get(w("val"), ""))) is not None:
                    overrides[ilvl] = value
            if ref is not None:
                self.nums[num.get(w("numId"), "")] = (ref.get(w("val"), ""), overrides)

    def _level(self, abstract_id: str, ilvl: int) -> etree._Element | None:
        return self.levels.get(abstract_id, {}).get(ilvl)

    def label(self, ppr, styles: _Styles) -> str | None:
        num_pr = styles.paragraph_numbering(ppr)
        if num_pr is None:
            return None
        num_id_el = num_pr.find(w("numId"))
        ilvl_el = num_pr.find(w("ilvl"))
        num_id = num_id_el.get(w("val"), "0") if num_id_el is not None else "0"
        ilvl = _int_val(ilvl_el, 0)
        if num_id == "0" or num_id not in self.nums or not 0 <= ilvl <= 8:
            return None
        abstract_id, overrides = self.nums[num_id]
        key = num_id if overrides else abstract_id
        counters = self.counters.setdefault(key, [None] * 9)
        lvl = self._level(abstract_id, ilvl)
        if lvl is None:
            return None
        start = overrides.get(ilvl, _int_val(lvl.find(w("start")), 1))
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        fmt_el = lvl.find(w("numFmt"))
        fmt = fmt_el.get(w("val"), "decimal") if fmt_el is not None else "decimal"
        if fmt in ("bullet", "none"):
            return None
        text_el = lvl.find(w("lvlText"))
        template = text_el.get(w("val"), "") if text_el is not None else f"%{ilvl + 1}."
        if len(template) > self.MAX_TEMPLATE_CHARS:
            self.note(f"a numbering level's text is {len(template)} characters long; its paragraphs are not numbered")
            return None

        def level_value(m: re.Match[str]) -> str:
            k = int(m[1]) - 1
            value = counters[k]
            if value is None:
                other = self._level(abstract_id, k)
                value = overrides.get(k, _int_val(other.find(w("start")), 1) if other is not None else 1)
            other = self._level(abstract_id, k) if k != ilvl else lvl
            other_fmt = other.find(w("numFmt")) if other is not None else None
            return _format_number(value, other_fmt.get(w("val"), "decimal") if other_fmt is not None else "decimal", self.note)

        label = re.sub(r"%([1-9])", level_value, template).strip()
        if len(label) > MAX_LABEL_CHARS:
            self.note(f"an automatic number is {len(label)} characters long; its paragraph is not numbered")
            return None
        return label or None


def _number(text: str) -> int | None:
    """A number as WordprocessingML writes it: ASCII digits, an optional minus, at most nine digits."""
    return int(text) if _NUMBER.fullmatch(text) else None


def _int_val(element, default: int) -> int:
    if element is None:
        return default
    value = _number(element.get(w("val"), ""))
    return default if value is None else value


def _format_number(n: int, fmt: str, note: Callable[[str], None] = lambda message: None) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        if n > 26 * MAX_LETTERS:
            note(f"automatic number {n} is too large to write in letters; written as a number")
            return str(n)
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        if n > MAX_ROMAN:
            note(f"automatic number {n} is too large to write in roman numerals; written as a number")
            return str(n)
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
