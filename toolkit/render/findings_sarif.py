"""Findings as SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.checks.engine import Report
from toolkit.checks.rule import Rule
from toolkit.render.safe import json_safe

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(reports: list[Report], rules: list[Rule] | None = None, **_: Any) -> str:
    return json_safe(json.dumps(to_dict(reports, rules or []), ensure_ascii=False, indent=2)) + "\n"


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def to_dict(reports: list[Report], rules: list[Rule]) -> dict[str, Any]:
    ordered = sorted(rules, key=lambda r: r.id)
    index = {rule.id: i for i, rule in enumerate(ordered)}
    descriptors = [_descriptor(rule) for rule in ordered]
    artifacts = [{"location": {"uri": _uri(r.document.source.path)}} for r in reports]
    results = []
    for n, report in enumerate(reports):
        uri = _uri(report.document.source.path)
        for f in report.findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "index": n},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "charOffset": f.offset,
                                "charLength": max(0, f.end_offset - f.offset),
                            },
                        },
                        **({"logicalLocations": [{"name": f.paragraph, "kind": "member"}]} if f.paragraph else {}),
                    }
                ],
                "properties": {"category": f.category},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.fix:
                result["fixes"] = [
                    {
                        "description": {"text": f"Replace with '{f.fix.replacement}'"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri, "index": n},
                                "replacements": [
                                    {
                                        "deletedRegion": {"charOffset": f.fix.start, "charLength": f.fix.end - f.fix.start},
                                        "insertedContent": {"text": f.fix.replacement},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "untk",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"SRCROOT": {"uri": Path(os.getcwd()).as_uri() + "/"}},
                "results": results,
            }
        ],
    }


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.description.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.description},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"category": rule.category, "pack": rule.pack, "kind": rule.kind},
    }
