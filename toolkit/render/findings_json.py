"""Findings for programs (documented by ``toolkit/schemas/findings.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from toolkit import __version__
from toolkit.checks.engine import Report
from toolkit.checks.finding import SEVERITIES, Finding
from toolkit.render.safe import json_safe


def render(reports: list[Report], **_: Any) -> str:
    return json_safe(json.dumps(to_dict(reports), ensure_ascii=False, indent=2)) + "\n"


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "paragraph": f.paragraph,
        "line": f.line,
        "column": f.column,
        "offset": f.offset,
        "end_offset": f.end_offset,
        "fix": {"replacement": f.fix.replacement, "start": f.fix.start, "end": f.fix.end} if f.fix else None,
    }


def to_dict(reports: list[Report]) -> dict[str, Any]:
    counts = {s: 0 for s in SEVERITIES}
    for r in reports:
        for f in r.findings:
            counts[f.severity] += 1
    return {
        "schema_version": 1,
        "untk_version": __version__,
        "files": [{"path": r.document.source.path, "findings": [finding_dict(f) for f in r.findings]} for r in reports],
        "summary": {
            "files": len(reports),
            "findings": sum(counts.values()),
            **counts,
            "skipped_rules": sorted({s for r in reports for s in r.skipped}),
        },
    }
