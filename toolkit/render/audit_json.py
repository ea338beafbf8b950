"""An audit for programs (documented by ``toolkit/schemas/audit.schema.json``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from toolkit import __version__
from toolkit.audit import Audit
from toolkit.render.findings_json import finding_dict
from toolkit.render.safe import json_safe


def render(result: Audit, **_: Any) -> str:
    return json_safe(json.dumps(to_dict(result), ensure_ascii=False, indent=2)) + "\n"


def to_dict(result: Audit) -> dict[str, Any]:
    facts = result.facts
    return {
        "schema_version": 1,
        "untk_version": __version__,
        "draft": {"path": result.draft.source.path, "sha256": result.draft.source.sha256},
        "base": {"path": result.base.source.path, "format": result.base.source.format, "sha256": result.base.source.sha256},
        "compliant": result.clean,
        "untracked": [
            {
                "section": u.section,
                "op": u.op,
                "paragraph": u.paragraph,
                "base": list(u.base),
                "draft": list(u.draft),
                "accepted": list(u.accepted),
                "kind": u.kind,
                "base_line": u.base_line,
                "edits": [asdict(e) for e in u.edits],
            }
            for u in result.untracked
        ],
        "hidden": [asdict(h) for h in facts.hidden],
        "authors": [asdict(a) for a in result.authors],
        "changes": [asdict(c) for c in facts.changes],
        "comments": [asdict(c) for c in facts.comments],
        "findings": [finding_dict(f) for f in result.report.findings],
        "fail_on": result.fail_on,
        "summary": {
            "untracked": len(result.untracked),
            "hidden": len(facts.hidden),
            "changes": len(facts.changes),
            "authors": len(result.authors),
            "comments": len(facts.comments),
            "findings": len(result.report.findings),
            "failing_findings": result.failing_findings,
        },
    }
