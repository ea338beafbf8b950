"""White space as written: what ``--strict-whitespace`` compares.

The readers fold every run of white space in a paragraph to one space, so that a
re-wrapped paragraph reads the same. To count white space, the text is spelled again
from the source: each space of the clean text takes back the run the source has there
(two spaces, a tab, a no-break space), unless that run holds a line break (wrapping is
layout, not wording) or something the reader took out (a footnote marker, a label).
"""

from __future__ import annotations

from toolkit.model import Footnote, Paragraph, Subparagraph


def as_written(element: Paragraph | Subparagraph | Footnote, source: str) -> str:
    """``element.text`` with the source's own white space between its words."""
    text = element.text
    if " " not in text:
        return text
    offset = element.source_map.source_offset
    out: list[str] = []
    last = 0
    start = text.find(" ", 1)
    while 0 < start < len(text) - 1:
        gap_from, gap_to = offset(start - 1) + 1, offset(start + 1)
        gap = source[gap_from:gap_to] if 0 <= gap_from < gap_to <= len(source) else " "
        if gap != " " and gap.isspace() and "\n" not in gap:
            out += [text[last:start], gap]
            last = start + 1
        start = text.find(" ", start + 1)
    out.append(text[last:])
    return "".join(out)


def full_text_as_written(element: Paragraph | Footnote, source: str) -> str:
    """A paragraph with its subparagraphs (as ``Paragraph.full_text``), or a footnote, as written."""
    if isinstance(element, Footnote):
        return as_written(element, source)
    parts = [as_written(element, source)]
    stack = list(reversed(element.subparagraphs))
    while stack:
        sub = stack.pop()
        parts.append(f"{sub.label} {as_written(sub, source)}")
        stack += reversed(sub.subparagraphs)
    return " ".join(p for p in parts if p)
