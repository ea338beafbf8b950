"""The Markdown draft format, for resolutions kept in git.

A front matter of ``key: value`` lines between ``---`` fences gives metadata;
``# 70/291. Title`` is the title line; paragraphs are separated by blank lines
(lines inside one are joined); ``1.`` opens an operative paragraph and ``(a)``,
``(i)`` a subparagraph; ``*italics*`` are dropped; footnote markers are
``[^1]`` and notes are ``[^1]: Text`` at the end; ``## Annex`` starts an annex;
``<!-- comments -->`` are ignored. The README documents the format in full.
"""

from __future__ import annotations

import datetime as dt
import re

from toolkit.model import Diagnostic, Location
from toolkit.readers import metadata as meta
from toolkit.vocabulary import ordinal_value
from toolkit.readers.layout import (
    OP_LABEL,
    SUB_LABEL,
    Block,
    Layout,
    Line,
    RawFootnote,
    directives_in,
    join_lines,
    split_lines,
)

_FENCE = re.compile(r"^---\s*$")
_KEY = re.compile(r"^(?P<key>[a-z_]+)\s*:\s*(?P<value>.*?)\s*$")
_NOTE = re.compile(r"^\[\^(?P<number>\d{1,3})\]:\s*")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*\*|\*|__|_)(?=\S)|(?<=[^\s\\])(\*\*|\*|__|_)(?![\w*])")
_UNESCAPE = re.compile(r"\\([\\*_\[])")

#: Front-matter keys and the metadata fields they fill.
KEYS = {
    "organ": "organ",
    "symbol": "symbol",
    "session": "session",
    "agenda": "agenda_items",
    "adopted": "adoption_date",
    "draft": "draft_symbol",
    "committee": "committee_line",
    "number": "resolution_number",
    "title": "title",
    "meeting": "meeting",
    "distributed": "distribution_date",
    "job": "job_number",
}


def sniff(text: str) -> bool:
    head = text.lstrip("\ufeff")
    return bool(_FENCE.match(head.split("\n", 1)[0])) or bool(re.search(r"^\[\^\d+\]:", text, re.M)) or bool(
        re.search(r"^# \S", text, re.M)
    )


def read(source: str, path: str = "<draft>") -> Layout:
    lines = split_lines(source)
    found, diagnostics, body_from = _front_matter(lines, path)
    directives = tuple(d for line in lines[body_from:] for d in directives_in(line))
    body = _drop_comments(lines[body_from:])
    note_lines: list[Line] = []
    text_lines: list[Line] = []
    in_notes = False
    for line in body:
        if _NOTE.match(line.text):
            in_notes = True
        if in_notes and line.stripped and not _NOTE.match(line.text) and not line.text[:1].isspace():
            in_notes = False
        (note_lines if in_notes else text_lines).append(line)
    blocks = _blocks(text_lines, source)
    notes = _notes(note_lines, source)
    return Layout(
        blocks=tuple(blocks),
        footnotes=tuple(notes),
        metadata=meta.merge(found),
        markers="explicit",
        diagnostics=tuple(diagnostics),
        directives=directives,
    )


#: The code of a front-matter mistake: ``check`` reports it (rule metadata-front-matter).
FRONT_MATTER = "front-matter"


def _front_matter(lines: list[Line], path: str) -> tuple[dict, list[Diagnostic], int]:
    if not lines or not _FENCE.match(lines[0].text.lstrip("\ufeff")):
        return {}, [], 0
    found: dict = {}
    diagnostics: list[Diagnostic] = []
    for i, line in enumerate(lines[1:], 1):
        if _FENCE.match(line.text):
            return found, diagnostics, i + 1
        if not line.stripped or line.stripped.startswith("#"):
            continue
        m = _KEY.match(line.text)
        where = _location(line)
        if not m:
            diagnostics.append(Diagnostic("front matter line is not 'key: value'", where, FRONT_MATTER))
            continue
        key, value = m["key"], m["value"].strip().strip("\"'")
        if key not in KEYS:
            diagnostics.append(Diagnostic(f"unknown front-matter key {key!r} (known: {', '.join(KEYS)})", where, FRONT_MATTER))
            continue
        field = KEYS[key]
        if field in ("adoption_date", "distribution_date"):
            try:
                found[field] = dt.date.fromisoformat(value)
            except ValueError:
                diagnostics.append(Diagnostic(f"{key}: {value!r} is not a date (YYYY-MM-DD)", where, FRONT_MATTER))
        elif field == "session":
            found[field] = value
            number = ordinal_value(re.sub(r"\s*(?:emergency\s+)?(?:special\s+)?session$", "", value, flags=re.I))
            if number is not None:
                found["session_number"] = number
        elif field == "agenda_items":
            found[field] = tuple(v.strip() for v in re.split(r",|\band\b", value.strip("[]")) if v.strip())
        else:
            found[field] = value
    diagnostics.append(Diagnostic("front matter is not closed by a '---' line", _location(lines[0]), FRONT_MATTER))
    return found, diagnostics, 1


def _location(line: Line) -> Location:
    return Location(line.number, 1, line.start)


def _drop_comments(lines: list[Line]) -> list[Line]:
    kept = []
    inside = False
    for line in lines:
        s = line.stripped
        if not inside and s.startswith("<!--"):
            inside = "-->" not in s
            continue
        if inside:
            inside = "-->" not in s
            continue
        kept.append(line)
    return kept


def _blocks(lines: list[Line], source: str) -> list[Block]:
    """Blank-line separated blocks; a label or heading line also starts one.

    A block indented by four spaces or more continues the paragraph before it; a
    block that starts with a backslash is text even if it looks like a label.
    """
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            if current:
                groups.append(current)
                current = []
            continue
        heading = _HEADING.match(text)
        if heading or OP_LABEL.match(text) or SUB_LABEL.match(text):
            if current:
                groups.append(current)
                current = []
        if heading:
            lead = len(line.text) - len(line.text.lstrip()) + heading.end()
            groups.append([Line(line.number, line.start + lead, line.text[lead:])])
            continue
        current.append(line)
    if current:
        groups.append(current)
    blocks = []
    for group in groups:
        first = group[0].text
        indent = len(first) - len(first.lstrip())
        literal = first.lstrip().startswith("\\")
        text = join_lines(source, group, set(), dehyphenate=False)
        if literal:
            text = text[1:]
        labelled = not literal and (OP_LABEL.match(text.text) or SUB_LABEL.match(text.text))
        text = text.sub(_EMPHASIS, "").sub(_UNESCAPE, r"\1")
        blocks.append(Block(text, group[0].number, continues=indent >= 4 and not labelled, literal=literal))
    return blocks


def _notes(lines: list[Line], source: str) -> list[RawFootnote]:
    notes: list[tuple[int, int, list[Line]]] = []
    for line in lines:
        if m := _NOTE.match(line.text):
            notes.append((int(m["number"]), line.start, [Line(line.number, line.start + m.end(), line.text[m.end() :])]))
        elif notes and line.stripped:
            notes[-1][2].append(line)
    return [
        RawFootnote(n, join_lines(source, ls, set(), dehyphenate=False).sub(_EMPHASIS, "").sub(_UNESCAPE, r"\1"), start)
        for n, start, ls in notes
    ]

