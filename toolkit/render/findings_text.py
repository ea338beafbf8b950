"""Findings for people: ``path:line:col: severity [rule] message``, the line, a caret."""

from __future__ import annotations

from toolkit.checks.engine import Report
from toolkit.checks.finding import SEVERITIES
from toolkit.render.safe import visible_name

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def render(reports: list[Report], color: bool = False, quiet: bool = False) -> str:
    out: list[str] = []
    for report in reports:
        source = _source_lines(report)
        path = visible_name(report.document.source.path)
        for f in report.findings:
            sev = f"{_COLORS[f.severity]}{f.severity}{_RESET}" if color else f.severity
            out.append(f"{path}:{f.line}:{f.column}: {sev} [{visible_name(f.rule)}] {visible_name(f.message)}")
            if not quiet and 0 < f.line <= len(source):
                raw = source[f.line - 1].replace("\t", " ")
                width = max(1, min(f.end_offset - f.offset, len(raw) - f.column + 1))
                # The caret goes under the shown line: a control shown as \x9b is four columns.
                line = visible_name(raw)
                column = len(visible_name(raw[: f.column - 1])) + 1
                width = len(visible_name(raw[f.column - 1 : f.column - 1 + width])) or width
                out.append(f"    {_clip(line, column)}")
                out.append("    " + " " * (_clip_shift(line, column)) + "^" * min(width, 60))
        if report.findings and not quiet:
            out.append("")
    out.append(summary(reports))
    return "\n".join(out) + "\n"


def summary(reports: list[Report]) -> str:
    counts = {s: 0 for s in SEVERITIES}
    for report in reports:
        for f in report.findings:
            counts[f.severity] += 1
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in reversed(SEVERITIES) if counts[s]]
    files = len(reports)
    line = f"{', '.join(parts) if parts else 'no findings'} in {files} file{'s' if files != 1 else ''}"
    skipped = sorted({r for report in reports for r in report.skipped})
    if skipped:
        needs = " or ".join(sorted({n for report in reports for n in report.needs}))
        line += f"; not run: {', '.join(skipped)} (they need {needs})"
    return line


def _source_lines(report: Report) -> list[str]:
    path = report.document.source.path
    try:
        from toolkit.source import load

        return load(path).text.split("\n")
    except Exception:
        return []


_WINDOW = 100


def _clip_shift(line: str, column: int) -> int:
    start = max(0, column - 1 - _WINDOW // 2) if len(line) > _WINDOW else 0
    return column - 1 - start + (1 if start else 0)


def _clip(line: str, column: int) -> str:
    """A long line (ODS paragraphs are one line) cut to a window around the column."""
    if len(line) <= _WINDOW:
        return line
    start = max(0, column - 1 - _WINDOW // 2)
    return ("\u2026" if start else "") + line[start : start + _WINDOW] + ("\u2026" if start + _WINDOW < len(line) else "")
