"""Provenance of a draft's paragraphs (``untk provenance``): for the terminal and as JSON."""

from __future__ import annotations

import json
from typing import Any, Sequence

from toolkit.registry.provenance import Provenance

#: How many of a modified paragraph's new words the text lists.
NEW_WORDS_SHOWN = 12


def text(rows: Sequence[Provenance]) -> str:
    """A line a paragraph (its status, best source and new words), then the counts."""
    lines = []
    for r in rows:
        best = r.sources[0] if r.sources else None
        source = f"  {best.symbol} {best.paragraph} ({best.date or 'undated'}, {best.similarity:.2f})" if best else ""
        more = " …" if len(r.new_words) > NEW_WORDS_SHOWN else ""
        words = f"  new: {' '.join(r.new_words[:NEW_WORDS_SHOWN])}{more}" if r.status == "modified" else ""
        lines.append(f"{r.paragraph:<10}{r.status:<9}{source}{words}")
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("agreed", "modified", "new")}
    lines.append(f"{counts['agreed']} agreed, {counts['modified']} modified, {counts['new']} new")
    return "".join(line + "\n" for line in lines)


def json_text(rows: Sequence[Provenance]) -> str:
    """The rows as JSON (``toolkit/schemas/provenance.schema.json``)."""
    return json.dumps(to_list(rows), ensure_ascii=False, indent=2) + "\n"


def to_list(rows: Sequence[Provenance]) -> list[dict[str, Any]]:
    return [
        {
            "paragraph": r.paragraph,
            "status": r.status,
            "sources": [{"symbol": s.symbol, "paragraph": s.paragraph, "date": s.date, "similarity": s.similarity} for s in r.sources],
            "new_words": list(r.new_words),
        }
        for r in rows
    ]
