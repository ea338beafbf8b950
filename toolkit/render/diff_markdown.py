"""A comparison as Markdown, to paste into a pull-request comment."""

from __future__ import annotations

import re

from toolkit.comparison import OPS, Comparison, Pair
from toolkit.render.diff_text import heading, kinds_line, shown
from toolkit.render.safe import visible, visible_name

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
# What opens a block at the start of a line: a list item ("1." or "-"), a rule or a
# setext underline ("---", "==="); escaped there so quoted text stays one paragraph.
_LINE_START = re.compile(r"^([ \t]*)(?:(\d+)\.|([-=]))", re.MULTILINE)


def render(comparison: Comparison, substantive: bool = False) -> str:
    counts = comparison.summary
    old, new = comparison.old.source.path, comparison.new.source.path
    lines = [f"### untk diff: {_code(old)} \u2192 {_code(new)}", ""]
    if comparison.identical:
        return "\n".join(lines + ["No changes.", ""])
    lines += ["| " + " | ".join(op for op in OPS) + " | renumbered |"]
    lines += ["|" + "---|" * (len(OPS) + 1)]
    lines += ["| " + " | ".join(str(counts[op]) for op in OPS) + f" | {counts['renumbered']} |", ""]
    if kinds := kinds_line(comparison, substantive):
        lines += [f"**{_escape(kinds.capitalize())}.**", ""]
    if comparison.fields:
        lines += ["| field | old | new |", "|---|---|---|"]
        for change in comparison.fields:
            lines.append(f"| {_cell(change.field)} | {_cell(change.old or '')} | {_cell(change.new or '')} |")
        lines.append("")
    for pair in comparison.changes():
        if not shown(pair, substantive):
            continue
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
    """Text that Markdown and HTML show as written: no tag, no link, no emphasis, no new block."""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m[1] + (f"{m[2]}\\." if m[2] else f"\\{m[3]}"), text)


def _code(name: str) -> str:
    """A file name as a code span, which shows HTML and Markdown as written; its fence is
    longer than any run of backticks in the name, so the name cannot close it."""
    name = visible_name(name)
    fence = "`" * (max((len(run) for run in re.findall("`+", name)), default=0) + 1)
    pad = " " if name.startswith("`") or name.endswith("`") else ""
    return f"{fence}{pad}{name}{pad}{fence}"


def _cell(text: str) -> str:
    """A table cell: escaped, its line breaks as <br> so that the row stays one line."""
    return _escape(text).replace("\r", "").replace("\n", "<br>")


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]
