"""The UN Official Document System's text export.

Body first (one paragraph per line, tabs after labels), then the footer and the
footnotes, then the header/footer "story": ``[Start1]<<ODS JOB NO>>...``,
``<<ODS DOC SYMBOL1>>``, the masthead ("United NationsA/RES/70/291General
AssemblyDistr.: General"), running heads and page numbers. The story feeds
metadata and never reaches a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.readers import metadata as meta
from toolkit.readers import text as plain
from toolkit.readers.layout import Layout, split_lines

_STORY = re.compile(r"^\[Start\d*\]<<ODS", re.M)
_FIELD = re.compile(r"<<ODS (?P<name>[A-Z0-9 ]+?)>>(?P<value>.*?)<<ODS (?P=name)>>")


def sniff(text: str) -> bool:
    return "<<ODS " in text or text.lstrip().startswith("[Start1]")


def read(source: str) -> Layout:
    story_at = _STORY.search(source)
    cut = story_at.start() if story_at else len(source)
    lines = [line for line in split_lines(source) if line.start < cut]
    layout = plain.read(source, lines, one_line_paragraphs=True)
    story = source[cut:]
    found = {}
    fields = {m["name"]: m["value"].strip() for m in _FIELD.finditer(story)}
    if fields.get("DOC SYMBOL1"):
        found["symbol"] = meta.normalise_symbol(fields["DOC SYMBOL1"])
    if fields.get("JOB NO"):
        found["job_number"] = fields["JOB NO"]
    found.update({k: v for k, v in meta.read_masthead(_FIELD.sub(" ", story)).items() if k not in found})
    return replace(layout, metadata=meta.merge(found), markers="glued")
