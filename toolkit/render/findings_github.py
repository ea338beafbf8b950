"""Findings as GitHub Actions workflow commands (annotations on the pull request)."""

from __future__ import annotations

from typing import Any

from toolkit.checks.engine import Report
from toolkit.render.findings_text import summary
from toolkit.render.safe import visible_name

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """Escaped by the rules of workflow commands; other controls shown, since the log
    viewer obeys ANSI escapes."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible_name(text)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[Report], **_: Any) -> str:
    out = []
    for report in reports:
        path = _property(report.document.source.path)
        for f in report.findings:
            where = f"file={path},line={f.line},col={f.column}"
            out.append(f"::{_LEVEL[f.severity]} {where},title={_property(f.rule)}::{_data(f.message)}")
    out.append(summary(reports))
    return "\n".join(out) + "\n"
