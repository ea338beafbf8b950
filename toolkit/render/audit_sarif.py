"""An audit as SARIF 2.1.0: untracked changes and hiding formatting as results beside the check findings."""

from __future__ import annotations

import json
from typing import Any

from toolkit.audit import Audit
from toolkit.render import findings_sarif
from toolkit.render.audit_text import _edit
from toolkit.render.safe import json_safe

#: The audit's own rules: (id, description).
AUDIT_RULES = (
    (
        "audit-untracked-change",
        "Text changed without tracking. With every tracked change rejected, a draft must read as the official "
        "text it is based on (General Assembly Affairs Branch submission guidelines); this difference is not shown "
        "as a tracked change.",
    ),
    (
        "audit-hidden-formatting",
        "A change hidden by formatting. Text set in white or in the colour of its background, hidden text, text "
        "struck through without a tracked deletion, or highlighted outside any tracked change, makes a change look "
        "other than it is.",
    ),
)


def render(result: Audit, **_: Any) -> str:
    return json_safe(json.dumps(to_dict(result), ensure_ascii=False, indent=2)) + "\n"


def to_dict(result: Audit) -> dict[str, Any]:
    log = findings_sarif.to_dict([result.report], list(result.rules))
    run = log["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    first = len(descriptors)
    for rule_id, description in AUDIT_RULES:
        descriptors.append(
            {
                "id": rule_id,
                "name": "".join(part.capitalize() for part in rule_id.split("-")),
                "shortDescription": {"text": description.split(". ")[0] + "."},
                "fullDescription": {"text": description},
                "defaultConfiguration": {"level": "error"},
                "properties": {"category": "submission"},
            }
        )
    uri = findings_sarif._uri(result.draft.source.path)
    audit_results = []
    for u in result.untracked:
        words = "; ".join(_edit(e) for e in u.edits)
        audit_results.append(_result(first, "audit-untracked-change", f"{u.paragraph}: untracked change ({u.op}): {words}", uri, u.paragraph))
    for h in result.facts.hidden:
        where = h.paragraph or (f"line {h.line}" if h.line else "the document")
        audit_results.append(
            _result(first + 1, "audit-hidden-formatting", f"{where}: {h.kind} ({h.detail}): \u201c{h.text}\u201d", uri, h.paragraph)
        )
    run["results"] = audit_results + run["results"]
    return log


def _result(index: int, rule_id: str, message: str, uri: str, paragraph: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": 0}}}
    if paragraph:
        location["logicalLocations"] = [{"name": paragraph, "kind": "member"}]
    return {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": message},
        "locations": [location],
        "properties": {"category": "submission"},
    }
