"""Published resolutions as PDF: text in reading order, page furniture dropped, real markers.

PDFium (pypdfium2, :mod:`toolkit.readers.pdf_chars`) gives every run of text
with its font, size, baseline and box (pdfminer.six can stand in, character by
character, slower). From those the reader

* groups runs into lines by their baseline; digits set smaller than the text
  before them and raised above its baseline are a superscript, so footnote
  markers are read from the typesetting, never guessed from digits;
* keeps the masthead of the first page as lines of their own, in order
  ("United Nations", the symbol, "Distr.: General", the date, ...), items set
  side by side on one baseline included;
* drops running heads and page furniture: the lines above the text on every
  page after the first (smaller type, or the symbol and page number), and the
  job numbers, page numbers and bar codes at the foot of every page;
* collects the footnotes below each page's separator (a rule of underscores),
  a note continued on the next page included, each note numbered one more than
  the last (a line of a note that opens with a figure, "28 and 29 June 2012",
  goes on with it); a note marked "*" (the sponsors line's "* On behalf of the
  States Members ...") is not a numbered footnote: it is kept apart, numbered
  0, in ``Layout.notes_unnumbered`` (a draft's ``sponsor_note``);
* joins lines into paragraphs by the layout (a first-line indent, a gap, a
  change of type size) and rejoins words broken at a line end: the hyphen is
  dropped when the document writes the word whole elsewhere, kept when it
  writes it hyphenated or when both halves are words of the document
  ("drug-resistant"), as a resolution's hyphens almost always belong to it;
* when an operative paragraph ending with a colon is followed by a bold
  heading ("Adopts the following political declaration: ... Political
  declaration"), reads the text that follows as quoted in that paragraph, not
  as paragraphs of the resolution.

The *source text* of a PDF is its lines in reading order, one per line, every
page's running heads, footnotes and furniture included, superscripts written
in line: line N of a location is the Nth text line of the PDF.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import signal
import threading
from dataclasses import dataclass, field
from typing import Iterator

from toolkit.errors import InputError
from toolkit.mapped import MappedText, join
from toolkit.model import Segment
from toolkit.readers import pdf_chars, pdf_streams
from toolkit.readers.furniture import is_furniture
from toolkit.readers.layout import OP_LABEL, SUB_LABEL, Block, Layout, RawFootnote, ends_paragraph, keeps_hyphen, starts_paragraph
from toolkit.vocabulary import ORGAN_LINE, opening_kind

#: Bounds on what a resolution's PDF may cost to read.
MAX_PAGES = 400
TIME_LIMIT_SECONDS = 60
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 512 * 1024 * 1024
#: Page contents, forms and object streams, which PDFium parses into objects of about 350 bytes
#: each (4 MiB of "(a)Tj" is 250 MB). A resolution's page content is some 10 to 50 KiB.
MAX_CONTENT_BYTES = 4 * 1024 * 1024
MAX_CONTENT_TOTAL = 32 * 1024 * 1024

_SEPARATOR = re.compile(r"^[_\u2014\u2015-]{5,}$")
_NOTE_START = re.compile(r"^(\d{1,3})(?:/|\.)?(?:\s+|$)")
_DATE_ONLY = re.compile(r"^[0-3]?\d\s+[A-Z][a-z]+\s+\d{4}\.?$")
_MEETING = re.compile(r"^\d+(?:st|nd|rd|th|d)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\.?$")
_ANNEX = re.compile(r"^(?:ANNEX|Annex)(?:\s+[A-Z0-9IVX]{1,5})?\.?$")


_Char = pdf_chars.Run


@dataclass
class _Line:
    page: int
    chars: list[_Char]
    size: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0  # of the first visible character
    x1: float = 0.0
    bold: bool = False
    text: str = ""
    start: int = 0  # offset in the source text
    number: int = 0  # line number in the source text
    supers: list[tuple[int, int]] = field(default_factory=list)  # superscript digit runs (start, end) in text
    role: str = "body"  # "body", "head", "foot", "note", "separator"


#: The library that reads the characters when ``read`` is not told: ``"pdfium"``
#: (pypdfium2) or ``"pdfminer"`` (pdfminer.six, installed with the ``bench`` extra).
BACKEND = "pdfium"


def read(path: str, data: bytes, backend: str | None = None) -> tuple[str, Layout]:
    """The source text and the layout of a PDF resolution, its characters read by ``backend``."""
    _check_streams(path, data)
    with _deadline(path, TIME_LIMIT_SECONDS):
        pages = _extract(path, data, backend or BACKEND)
    lines = [line for page in pages for line in page]
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "the PDF has no text layer (a scan?); untk reads PDFs with text")
    source = _source_text(lines)
    body_size = _size_mode([c for line in lines for c in line.chars]) or 10.0
    for page in pages:
        _classify(page, body_size)
    words = _vocabulary(lines)
    notes, stars = _notes([l for l in lines if l.role == "note"], source, words)
    numbers = {n.number for n in notes}
    blocks = _blocks([l for l in lines if l.role == "body"], source, words, numbers, body_size)
    starred = tuple(RawFootnote(0, _join(texts, words), start) for start, texts in stars)
    return source, Layout(blocks=tuple(blocks), footnotes=tuple(notes), markers="explicit", notes_unnumbered=starred)


# ----------------------------------------------------------------- safety


def _check_streams(path: str, data: bytes) -> None:
    """Decode every stream through its whole filter chain with bounded output: refuse a decompression bomb."""
    pdf_streams.check(path, data, MAX_STREAM_BYTES, MAX_INFLATED_BYTES, MAX_CONTENT_BYTES, MAX_CONTENT_TOTAL)


@contextlib.contextmanager
def _deadline(path: str, seconds: int) -> Iterator[None]:
    """Stop a read that takes longer than ``seconds`` (on POSIX, in the main thread)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise InputError(path, f"reading the PDF took more than {seconds} s; refused") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_Timeout = pdf_chars.Timeout


def _extract(path: str, data: bytes, backend: str) -> list[list[_Line]]:
    try:
        gap = pdf_chars.WORD_GAP[backend]
        return [_page_lines(runs, index, gap) for index, runs in enumerate(pdf_chars.pages(path, data, MAX_PAGES, backend))]
    except (InputError, _Timeout):
        raise
    except Exception as exc:  # a damaged file can fail anywhere
        raise InputError(path, f"not a readable PDF ({type(exc).__name__}: {str(exc)[:120]})") from None


def _page_lines(runs: list[_Char], index: int, word_gap: float) -> list[_Line]:
    rows: list[list[_Char]] = []
    for c in sorted(runs, key=lambda c: c.bottom):
        if rows and abs(c.bottom - rows[-1][0].bottom) <= 2.5:
            rows[-1].append(c)
        else:
            rows.append([c])
    rows = [r for r in rows if any(c.text.strip() for c in r)]
    # A row of small raised characters (superscripts) belongs to the line just below it.
    sizes = [_row_size(row) for row in rows]
    merged: list[list[_Char]] = []
    pending: list[_Char] = []
    for k, row in enumerate(rows):
        if k + 1 < len(rows):
            raised = rows[k + 1][0].bottom - row[0].bottom
            if sizes[k] < 0.8 * sizes[k + 1] and 0 < raised < 0.9 * sizes[k + 1]:
                pending.extend(row)
                continue
        merged.append(pending + row)
        pending = []
    if pending:
        merged.append(pending)
    lines = [_make_line(index, row, word_gap) for row in merged]
    if index == 0:
        lines = _split_masthead(lines, word_gap)
    return lines


def _split_masthead(lines: list[_Line], word_gap: float) -> list[_Line]:
    """Above the organ line of the first page, items set side by side are lines of their own.

    The masthead sets "United Nations" and the symbol, "General Assembly" and
    "Distr.: General" on one baseline, far apart: each is a line of the masthead.
    """
    organ = next((i for i, l in enumerate(lines) if ORGAN_LINE.match(_squeeze(l.text))), len(lines))
    out: list[_Line] = []
    for k, line in enumerate(lines):
        if k >= organ:
            out.extend(lines[k:])
            break
        visible = [c for c in line.chars if c.text.strip()]
        cuts = [i for i in range(1, len(visible)) if visible[i].x0 - visible[i - 1].x1 > 4 * max(line.size, 1.0)]
        if not cuts:
            out.append(line)
            continue
        edges = [visible[i].x0 for i in cuts]
        parts: list[list[_Char]] = [[] for _ in range(len(edges) + 1)]
        for c in line.chars:
            parts[bisect.bisect_right(edges, c.x0 + 0.01)].append(c)
        out.extend(_make_line(line.page, part, word_gap) for part in parts if any(c.text.strip() for c in part))
    return out


def _row_size(row: list[_Char]) -> float:
    return _size_mode(row)


def _size_mode(runs) -> float:
    """The size most of the visible characters are set in."""
    counts: dict[float, int] = {}
    for c in runs:
        text = c.text
        if text.strip():
            key = round(c.size, 1)
            counts[key] = counts.get(key, 0) + len(text) - text.count(" ")
    return max(counts, key=counts.__getitem__) if counts else 0.0


def _is_marker(c: _Char, ref: _Char | None, line_size: float, baseline: float) -> bool:
    """A superscript digit run: smaller than the text beside it and raised above its baseline."""
    if ref is None:
        return c.size < 0.8 * line_size and c.bottom < baseline - 0.12 * line_size
    return c.size < 0.8 * ref.size and c.bottom < ref.bottom - 0.12 * ref.size


def _make_line(page: int, row: list[_Char], word_gap: float = 0.25) -> _Line:
    """A line of runs; a gap wider than ``word_gap`` times the type size between two runs is a space."""
    row.sort(key=lambda c: c.x0)
    visible = [c for c in row if c.text.strip()]
    size = _size_mode(visible) or 0.0
    main = [c for c in visible if abs(c.size - size) < 0.5] or visible
    baseline = sorted(c.bottom for c in main)[len(main) // 2]
    line = _Line(page, row, size, min(c.top for c in main), baseline, visible[0].x0, visible[-1].x1)
    line.bold = all(c.bold for c in visible)
    parts: list[str] = []
    length = 0  # of "".join(parts)
    prev: _Char | None = None
    ref: _Char | None = None  # the last run of text that is not a superscript
    sup_start = None

    def space() -> None:
        nonlocal length
        if parts and parts[-1][-1] != " ":
            parts.append(" ")
            length += 1

    for k, c in enumerate(row):
        raw = c.text
        stripped = raw.strip()
        if not stripped:
            if sup_start is not None:
                line.supers.append((sup_start, length))
                sup_start = None
            space()
            prev = c
            continue
        neighbour = ref
        if neighbour is None:
            neighbour = next((d for d in row[k + 1 :] if d.text.strip() and not d.text.strip().isdigit()), None)
        sup = stripped.isdigit() and _is_marker(c, neighbour, size, baseline)
        if sup and sup_start is None:
            before = "".join(parts).rstrip()
            # A marker follows a word, a figure or punctuation, never a slash ("A/RES/73/7").
            sup = bool(before) and before[-1] != "/"
            if sup:
                while parts and parts[-1] == " ":
                    parts.pop()  # the marker belongs to the word before it
                    length -= 1
                sup_start = length
        elif not sup and sup_start is not None:
            line.supers.append((sup_start, length))
            sup_start = None
            if prev is not None and c.x0 - prev.x1 > 0.15 * size:
                space()
        elif prev is not None and c.x0 - prev.x1 > word_gap * min(c.size, size):
            space()
        if sup:
            parts.append(stripped)
            length += len(stripped)
        else:
            if raw[0].isspace():
                space()
            body = " ".join(stripped.split()) if len(stripped) > 1 else stripped
            parts.append(body)
            length += len(body)
            ref = c
            if raw[-1].isspace():
                space()
        prev = c
    if sup_start is not None:
        line.supers.append((sup_start, length))
    line.text = "".join(parts).rstrip()
    line.supers = [(a, min(b, len(line.text))) for a, b in line.supers if a < len(line.text)]
    return line


def _source_text(lines: list[_Line]) -> str:
    offset = 0
    parts = []
    for number, line in enumerate(lines, 1):
        line.start, line.number = offset, number
        parts.append(line.text)
        offset += len(line.text) + 1
    return "\n".join(parts) + "\n"


# ----------------------------------------------------------------- page zones


def _classify(page: list[_Line], body_size: float) -> None:
    """Mark each line of a page as running head, foot furniture, footnote or body."""
    if not page:
        return
    first_page = page[0].page == 0
    # Foot: furniture from the bottom up (job number, page number, bar code).
    k = len(page) - 1
    while k >= 0 and (is_furniture(_squeeze(page[k].text)) or _is_page_number(page[k].text)):
        page[k].role = "foot"
        k -= 1
    # Head: on pages after the first, furniture or smaller type above the text.
    if not first_page:
        for line in page:
            if line.role != "body":
                break
            plain = _squeeze(line.text)
            if is_furniture(plain) or line.size < body_size * 0.92 or _is_page_number(plain):
                line.role = "head"
            else:
                break
    # Footnotes: below a separator, else a trailing run of smaller type that starts with a number.
    body = [l for l in page if l.role == "body"]
    sep = next((i for i, l in enumerate(body) if _SEPARATOR.match(_squeeze(l.text))), None)
    if sep is not None:
        body[sep].role = "separator"
        for line in body[sep + 1 :]:
            line.role = "note"
        return
    tail = []
    for line in reversed(body):
        if line.size < body_size * 0.92:
            tail.append(line)
        else:
            break
    tail.reverse()
    if tail and (_NOTE_START.match(tail[0].text) or tail[0].supers[:1] and tail[0].supers[0][0] == 0):
        for line in tail:
            line.role = "note"


def _is_page_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}\s*/\s*\d{1,3}(?:\s+\d{2}-\d{5})?|\d{2}-\d{5}\s+\d{1,3}\s*/\s*\d{1,3}", text.strip()))


def _squeeze(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------- text


def _vocabulary(lines: list[_Line]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds the document writes, leaving out words broken at line ends."""
    texts = []
    for i, line in enumerate(lines):
        text = line.text
        if text.endswith("-"):
            text = re.sub(r"[A-Za-z\u00c0-\u024f]+-$", "", text)
        if i and lines[i - 1].text.endswith("-"):
            text = re.sub(r"^[A-Za-z\u00c0-\u024f]+", "", text)
        texts.append(text)
    whole = "\n".join(texts)
    compounds = {w.lower() for w in re.findall(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)+", whole)}
    words = {w.lower() for w in re.findall(r"[A-Za-z\u00c0-\u024f]+", whole)}
    return words, compounds


def _keep_hyphen(head: str, tail: str, vocab: tuple[set[str], set[str]]) -> bool:
    words, compounds = vocab
    h, t = head.lower(), tail.lower()
    if f"{h}-{t}" in compounds:
        return True
    if f"{h}{t}" in words:
        return False
    if len(h) > 1 and len(t) > 1 and h in words and t in words:
        return True
    if h in _TENS:
        return True  # "twenty-\nfirst"
    return keeps_hyphen(head, tail, words | compounds)


def _line_text(line: _Line, notes: set[int], skip: int = 0) -> MappedText:
    """A line as mapped text, from character ``skip``; superscript note numbers become ``[^n]``."""
    pieces: list[MappedText] = []
    pos = skip
    for a, b in line.supers:
        if b <= skip:
            continue
        number = line.text[a:b]
        if not number.isdigit() or int(number) not in notes:
            continue
        pieces.append(_mapped(line, pos, a))
        pieces.append(MappedText.synthetic(f"[^{int(number)}]", line.start + a))
        pos = b
    pieces.append(_mapped(line, pos, len(line.text)))
    return join(pieces)


def _mapped(line: _Line, start: int, end: int) -> MappedText:
    if end <= start:
        return MappedText("", ())
    return MappedText(line.text[start:end], (Segment(0, line.start + start, end - start),))


_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
# From a word's start only: tried at every letter of a long word, "[A-Za-z]+-$" is quadratic.
_HEAD = re.compile(r"(?<![A-Za-z\u00c0-\u024f])([A-Za-z\u00c0-\u024f]+)-$")
_TAIL = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _join(texts: list[MappedText], vocab) -> MappedText:
    """Lines of one paragraph joined with newlines, words broken at a line end rejoined."""
    pieces: list[MappedText] = []
    for text in texts:
        text = text.strip()
        if not text.text:
            continue
        if pieces:
            last = pieces[-1]
            head = _HEAD.search(last.text)
            tail = _TAIL.match(text.text)
            if head and tail:
                if tail.group()[0].islower() and not _keep_hyphen(head[1], tail.group(), vocab):
                    pieces[-1] = last[: len(last.text) - 1]
                # else the compound joins as it is ("drug-" + "resistant", "Counter-" + "Terrorism")
            else:
                pieces.append(MappedText.synthetic("\n", last.source_offset(len(last.text) - 1) + 1))
        pieces.append(text)
    return join(pieces)


# ----------------------------------------------------------------- footnotes


def _notes(lines: list[_Line], source: str, vocab) -> tuple[list[RawFootnote], list[tuple[int, list[MappedText]]]]:
    """The numbered footnotes, and the notes marked "*" (to the sponsors line of a draft): (start, lines)."""
    notes: list[tuple[int, int, list[MappedText]]] = []
    stars: list[tuple[int, list[MappedText]]] = []
    current: list[MappedText] | None = None
    last = 0
    previous = ""
    for line in lines:
        number, skip, raised = _note_number(line)
        if number is not None and (number == last + 1 or raised and number > last) and not _continues(previous, line.text[skip:]):
            last = number
            current = [_line_text(line, set(), skip)]
            notes.append((number, line.start, current))
        elif _STAR_NOTE.match(line.text):
            current = [_line_text(line, set(), len(_STAR_NOTE.match(line.text)[0]))]
            stars.append((line.start, current))
        elif current is not None:
            current.append(_line_text(line, set()))
        previous = line.text
    return [RawFootnote(n, _join(texts, vocab), start) for n, start, texts in notes], stars


_STAR_NOTE = re.compile(r"^\*+\s*")
_MONTH_START = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


def _continues(previous: str, rest: str) -> bool:
    """Whether a line opening with a number goes on with the note above ("... held on" / "3 June 2012")."""
    return bool(previous) and not ends_paragraph(previous) and bool(_MONTH_START.match(rest))


def _note_number(line: _Line) -> tuple[int | None, int, bool]:
    """The number a footnote line starts with, where its text starts, and whether the number is raised."""
    if line.supers and line.supers[0][0] == 0:
        a, b = line.supers[0]
        digits = line.text[a:b]
        if digits.isdigit():
            rest = len(line.text[b:]) - len(line.text[b:].lstrip())
            return int(digits), b + rest, True
    m = _NOTE_START.match(line.text)
    if m and not _DATE_ONLY.match(line.text):
        return int(m[1]), m.end(), False
    return None, 0, False


# ----------------------------------------------------------------- paragraphs


def _blocks(lines: list[_Line], source: str, vocab, notes: set[int], body_size: float) -> list[Block]:
    if not lines:
        return []
    body = [l for l in lines if abs(l.size - body_size) < 0.5]
    organ = next((i for i, l in enumerate(body) if ORGAN_LINE.match(_squeeze(l.text))), None)
    text_lines = body[organ + 1 :] if organ is not None and organ + 1 < len(body) else body or lines
    left = min(l.x0 for l in text_lines)
    right = max(l.x1 for l in text_lines)
    groups: list[list[_Line]] = []
    for line in lines:
        if not groups or _starts_block(groups[-1][-1], line, left, right, body_size):
            groups.append([line])
        else:
            groups[-1].append(line)
    blocks = []
    for group in groups:
        text = _join([_line_text(l, notes) for l in group], vocab)
        if text.text.strip():
            blocks.append((Block(text, group[0].number), group))
    return _quoted_instruments(blocks, body_size)


#: Lines of a masthead that are items of their own, never joined with the line before or after.
_MASTHEAD_ITEM = re.compile(
    r"(?:General Assembly|Security Council|Economic and Social Council)?\s*Distr\.:?\s*\w*"
    r"|[0-3]?\d\s+[A-Z][a-z]+\s+\d{4}|Original:\s*\w+"
    r"|(?:[A-Z][a-z]+-)?[A-Z][a-z]+(?:\s+(?:emergency\s+)?special)?\s+session"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization \(Fourth\)) Committee"
    r"|Agenda items?\s+\S.*"
)


def _starts_block(prev: _Line, line: _Line, left: float, right: float, size: float) -> bool:
    indent = 0.4 * size
    if line.page == prev.page == 0 and (_MASTHEAD_ITEM.fullmatch(_squeeze(prev.text)) or _MASTHEAD_ITEM.fullmatch(_squeeze(line.text))):
        return True
    if abs(line.size - prev.size) > 1.0 or line.bold != prev.bold:
        return True
    if line.x0 > left + indent and line.x0 > prev.x0 + indent:
        return True  # a first-line indent
    if line.page == prev.page:
        return line.top - prev.bottom > 0.45 * size
    # After a page break the text goes on unless a paragraph visibly ends and another starts.
    if not ends_paragraph(prev.text):
        return False
    plain = _squeeze(line.text)
    short = prev.x1 < right - 3 * size  # the last line of a paragraph stops short of the margin
    return bool(_MEETING.match(plain) or _DATE_ONLY.match(plain) or _ANNEX.match(plain)) or (
        starts_paragraph(line.text) and (line.x0 > left + indent or short)
    )


def _quoted_instruments(blocks: list[tuple[Block, list[_Line]]], body_size: float) -> list[Block]:
    """Text quoted by an operative paragraph ("Adopts the following declaration:") continues it."""
    out: list[Block] = []
    organ_seen = False
    quoting = False
    for k, (block, group) in enumerate(blocks):
        plain = _squeeze(block.text.text)
        if not organ_seen:
            organ_seen = bool(ORGAN_LINE.match(plain))
            out.append(block)
            continue
        if quoting and (_MEETING.match(plain) or _DATE_ONLY.match(plain) or _ANNEX.match(plain)):
            quoting = False
        elif not quoting and group[0].bold and not OP_LABEL.match(plain) and not SUB_LABEL.match(plain) and out:
            previous = _squeeze(out[-1].text.text)
            if previous.endswith(":") and opening_kind(re.sub(r"^\d+\.\s*", "", previous), guess=True) == "operative":
                quoting = True
        if quoting:
            out.append(Block(block.text, block.line, continues=True, literal=True))
        else:
            out.append(block)
    return out
