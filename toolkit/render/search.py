"""Agreed-language search hits (``untk search``): for the terminal and as JSON."""

from __future__ import annotations

import json
from typing import Any, Sequence

from toolkit.registry.search import Hit


def text(hits: Sequence[Hit], color: bool = False) -> str:
    """Each hit: where it is, its date and score, then its text with the matched wording marked."""
    lines: list[str] = []
    for h in hits:
        lines.append(f"{h.symbol} {h.paragraph}  {h.date or '-'}  score {h.score:.2f}")
        lines.append("    " + highlight(h.text, h.spans, color))
    return "".join(line + "\n" for line in lines)


def highlight(text: str, spans: tuple[tuple[int, int], ...], color: bool) -> str:
    """``text`` with each span in bold green on a terminal, else in brackets."""
    start_mark, end_mark = ("\x1b[1;32m", "\x1b[0m") if color else ("[", "]")
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], start_mark, text[a:b], end_mark]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def json_text(hits: Sequence[Hit]) -> str:
    """The hits as JSON (``toolkit/schemas/search.schema.json``)."""
    return json.dumps(to_list(hits), ensure_ascii=False, indent=2) + "\n"


def to_list(hits: Sequence[Hit]) -> list[dict[str, Any]]:
    return [
        {"symbol": h.symbol, "paragraph": h.paragraph, "date": h.date, "score": h.score, "text": h.text, "matches": [list(s) for s in h.spans]}
        for h in hits
    ]
