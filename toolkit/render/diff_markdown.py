"""A comparison as Markdown, to paste into a pull-request comment."""

from __future__ import annotations

import re

from toolkit.comparison import OPS, Comparison, Pair
from toolkit.render.diff_text import heading

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def render(comparison: Comparison) -> str:
    counts = comparison.summary
    old, new = comparison.old.source.path, comparison.new.source.path
    lines = [f"### untk diff: `{old}` \u2192 `{new}`", ""]
    if comparison.identical:
        return "\n".join(lines + ["No changes.", ""])
    lines += ["| " + " | ".join(op for op in OPS) + " | renumbered |"]
    lines += ["|" + "---|" * (len(OPS) + 1)]
    lines += ["| " + " | ".join(str(counts[op]) for op in OPS) + f" | {counts['renumbered']} |", ""]
    if comparison.fields:
        lines += ["| field | old | new |", "|---|---|---|"]
        for change in comparison.fields:
            lines.append(f"| {_escape(change.field)} | {_escape(change.old or '')} | {_escape(change.new or '')} |")
        lines.append("")
    for pair in comparison.changes():
        lines += [f"**{_escape(heading(pair))}**", ""]
        if pair.op != "equal":
            lines += ["> " + _redline(pair).replace("\n", "\n>\n> "), ""]
    return "\n".join(lines)


def _redline(pair: Pair) -> str:
    """Deletions as <del>, insertions as <ins> (GitHub renders both), closed at each line break
    so that no mark spans two paragraphs of the quote."""
    parts = []
    for op, text in pair.redline:
        if op == "=":
            parts.append(_escape(text))
            continue
        tag = "del" if op == "-" else "ins"
        pieces = text.split("\n")
        wrapped = []
        for piece in pieces:
            lead, core, trail = _split_space(piece) if piece.strip() else (piece, "", "")
            wrapped.append(f"{lead}<{tag}>{_escape(core)}</{tag}>{trail}" if core else piece)
        # A paragraph break that was added or removed is shown as a pilcrow inside the mark.
        joint = f"<{tag}>\u00b6</{tag}>\n" if len(pieces) > 1 else ""
        parts.append(joint.join(wrapped))
    return "".join(parts)


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]
