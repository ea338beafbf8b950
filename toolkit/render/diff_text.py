"""A comparison for the terminal: a summary line, then each change with its redline."""

from __future__ import annotations

from typing import Mapping

from toolkit.change_kinds import KINDS
from toolkit.comparison import OPS, Comparison, Pair
from toolkit.render.safe import visible, visible_name

_STYLES = {
    "-": ("\x1b[31;9m", "\x1b[0m"),  # red, struck through
    "+": ("\x1b[32;4m", "\x1b[0m"),  # green, underlined
}
_PLAIN = {"-": ("[-", "-]"), "+": ("{+", "+}")}


def render(
    comparison: Comparison,
    color: bool = False,
    context: bool = False,
    substantive: bool = False,
    change_authors: Mapping | None = None,
) -> str:
    """Summary and changes; ``context`` also lists the paragraphs that stayed as they were;
    ``substantive`` leaves out the technical and editorial changes (the summary counts them);
    ``change_authors`` names who made each change (:func:`toolkit.attribution.pair_authors`)."""
    lines = [summary_line(comparison, substantive), ""]
    lines += field_lines(comparison)
    for pair in comparison.pairs:
        if (pair.changed or context) and shown(pair, substantive):
            lines += _pair(pair, color, (change_authors or {}).get((pair.section, pair.old, pair.new), ()))
    return "\n".join(lines).rstrip("\n") + "\n"


def shown(pair: Pair, substantive: bool) -> bool:
    """Whether ``--substantive`` keeps this pair: unchanged ones and real changes."""
    return not substantive or pair.kind in (None, "substantive")


def kinds_line(comparison: Comparison, substantive: bool = False) -> str:
    """ "technical update only", or how the changes split: "2 technical, 1 substantive"."""
    if comparison.identical:
        return ""
    if comparison.technical_only:
        return "technical update only"
    counts = comparison.summary
    parts = [f"{counts[k]} {k}" for k in KINDS if counts[k]]
    hidden = counts["technical"] + counts["editorial"]
    if substantive and hidden:
        parts.append(f"{hidden} not shown (--substantive)")
    return ", ".join(parts)


def edit_notes(pair: Pair) -> str:
    """The notable edits in words: "verb stronger: encourages -> urges; qualifier added: as appropriate"."""
    notes = []
    for e in pair.edits:
        words = e.type.replace("-", " ")
        if e.old and e.new:
            notes.append(f"{words}: {e.old} -> {e.new}")
        else:
            notes.append(f"{words}: {e.old or e.new}")
    return visible("; ".join(notes))


def summary_line(comparison: Comparison, substantive: bool = False) -> str:
    counts = comparison.summary
    parts = [f"{counts[op]} {op}" for op in OPS if counts[op]]
    if counts["renumbered"]:
        parts.append(f"{counts['renumbered']} renumbered")
    if counts["fields"]:
        parts.append(f"{counts['fields']} other {'field' if counts['fields'] == 1 else 'fields'} changed")
    head = f"{visible_name(comparison.old.source.path)} -> {visible_name(comparison.new.source.path)}: "
    kinds = kinds_line(comparison, substantive)
    return head + ("identical" if comparison.identical else ", ".join(parts) + (f" ({kinds})" if kinds else ""))


def field_lines(comparison: Comparison) -> list[str]:
    """The changed facts outside the paragraphs: title, number, dates, sponsors, annexes."""
    if not comparison.fields:
        return []
    out = []
    for change in comparison.fields:
        old = visible(change.old) if change.old is not None else "(none)"
        new = visible(change.new) if change.new is not None else "(none)"
        out.append(f"{visible_name(change.field)}: {old} -> {new}")
    return out + [""]


def heading(pair: Pair) -> str:
    old = "+".join(pair.old) or "\u2205"
    new = "+".join(pair.new) or "\u2205"
    label = pair.op + (" (renumbered)" if pair.renumbered and pair.op in ("equal", "move", "modify") else "")
    if pair.kind:
        label += f"  [{pair.kind}]"
    notes = edit_notes(pair)
    return visible_name(f"{old} -> {new}  {label}") + (f"  {notes}" if notes else "")


def _pair(pair: Pair, color: bool, authors: tuple[str, ...] = ()) -> list[str]:
    out = [heading(pair) + (visible_name(f"  by {', '.join(authors)}") if authors else "")]
    if pair.op != "equal":
        out.append("    " + redline_text(pair, color).replace("\n", "\n    "))
    out.append("")
    return out


def redline_text(pair: Pair, color: bool) -> str:
    styles = _STYLES if color else _PLAIN
    parts = []
    for op, text in pair.redline:
        if op == "=":
            parts.append(visible(text))
        else:
            start, end = styles[op]
            parts.append(f"{start}{visible(text)}{end}")
    return "".join(parts)
