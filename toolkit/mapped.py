"""Text that remembers where each character came from in the source.

Readers clean text (join hard-wrapped lines, undo hyphenation, lift out footnote
markers); :class:`MappedText` carries the source offsets through every edit so a
finding in clean text can still point at a line and column of the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from toolkit.model import Segment, SourceMap


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string and, for each run of its characters, the source offset it was copied from."""

    text: str
    segments: tuple[Segment, ...]

    @staticmethod
    def from_source(source: str, start: int, end: int) -> MappedText:
        """The slice ``source[start:end]``, mapped one to one."""
        if end <= start:
            return EMPTY
        return MappedText(source[start:end], (Segment(0, start, end - start),))

    @staticmethod
    def synthetic(text: str, source_offset: int) -> MappedText:
        """Text that is not in the source (a joining space), pinned to ``source_offset``."""
        if not text:
            return EMPTY
        return MappedText(text, (Segment(0, source_offset, len(text)),))

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: MappedText) -> MappedText:
        return join((self, other))

    def __getitem__(self, key: slice) -> MappedText:
        start, stop, _ = key.indices(len(self.text))
        if stop <= start:
            return EMPTY
        if start == 0 and stop == len(self.text):
            return self
        segs = []
        segments = self.segments
        # The first segment that ends after ``start``, by binary search: a scan from the
        # first segment made every cut of a long paragraph cost its length.
        first = bisect.bisect_right(segments, start, key=_segment_end)
        for k in range(first, len(segments)):  # in text order: stop at the first one past the slice
            seg = segments[k]
            s0 = seg.text_offset
            if s0 >= stop:
                break
            e0 = s0 + seg.length
            if e0 <= start:
                continue
            lo = start if start > s0 else s0
            hi = stop if stop < e0 else e0
            segs.append(Segment(lo - start, seg.source_offset + lo - s0, hi - lo))
        return MappedText(self.text[start:stop], tuple(segs))

    def source_offset(self, index: int) -> int:
        """Source offset of the character at ``index`` (the end of the text maps past its last character)."""
        return self.source_map().source_offset(index)

    def source_map(self) -> SourceMap:
        return SourceMap(self.segments)

    def strip(self) -> MappedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self[left:right]

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        """Like :func:`re.sub`; replacement text is pinned to the start of its match."""
        pieces: list[MappedText] = []
        pos = 0
        for m in pattern.finditer(self.text):
            pieces.append(self[pos : m.start()])
            new = repl(m) if callable(repl) else (m.expand(repl) if "\\" in repl else repl)
            if new:
                pieces.append(MappedText.synthetic(new, self.source_offset(m.start())))
            pos = m.end()
        if pos == 0:
            return self
        pieces.append(self[pos:])
        return join(pieces)

    def remove(self, ranges: Iterable[tuple[int, int]]) -> MappedText:
        """The text without the given ``(start, end)`` ranges (sorted, not overlapping)."""
        pieces: list[MappedText] = []
        pos = 0
        for start, end in ranges:
            pieces.append(self[pos:start])
            pos = end
        pieces.append(self[pos:])
        return join(pieces)


def _segment_end(segment: Segment) -> int:
    return segment.text_offset + segment.length


EMPTY = MappedText("", ())

_BLANK = "[ \\t\\u00a0\\u2002\\u2003\\u2009]"
_SPACES = re.compile(rf"{_BLANK}*\n{_BLANK}*|{_BLANK}{{2,}}|[\t\u00a0\u2002\u2003\u2009]")


def join(pieces: Iterable[MappedText]) -> MappedText:
    """Concatenate mapped texts, merging runs that stay contiguous in the source."""
    texts: list[str] = []
    segs: list[Segment] = []
    shift = 0
    for piece in pieces:
        if not piece.text:
            continue
        texts.append(piece.text)
        for seg in piece.segments:
            if segs:
                last = segs[-1]
                if (
                    last.text_offset + last.length == seg.text_offset + shift
                    and last.source_offset + last.length == seg.source_offset
                ):
                    segs[-1] = Segment(last.text_offset, last.source_offset, last.length + seg.length)
                    continue
            segs.append(Segment(seg.text_offset + shift, seg.source_offset, seg.length))
        shift += len(piece.text)
    if not texts:
        return EMPTY
    return MappedText("".join(texts), tuple(segs))


def squeeze(text: MappedText) -> MappedText:
    """Line breaks and runs of white space (tabs, no-break spaces) become one space; ends are trimmed."""
    text = text.strip()
    return text.sub(_SPACES, " ") if _SPACES.search(text.text) else text
