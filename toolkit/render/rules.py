"""The bundled rules (``untk rules list``, ``show`` and ``test``): for the terminal and as JSON."""

from __future__ import annotations

import json
from typing import Any, Sequence

from toolkit.checks.examples import ExampleRun
from toolkit.checks.rule import Rule

#: What each fix safety means for ``untk fix``.
FIX_MEANS = {
    "safe": "untk fix applies it",
    "unsafe": "untk fix applies it only with --unsafe-fixes",
    "none": "the rule offers no fix",
}


#: The rules listed, each with whether the configuration turns it on.
Listing = Sequence[tuple[Rule, bool]]


def _by_pack(listing: Listing) -> list[tuple[Rule, bool]]:
    return sorted(listing, key=lambda pair: (pair[0].pack, pair[0].id))


def list_text(listing: Listing) -> str:
    """A line a rule, by pack then id; '-' marks those the configuration leaves off."""
    return "".join(
        f"{' ' if on else '-'} {rule.id:<40} {rule.severity:<8} {rule.category:<18} {rule.kind:<12} fix: {rule.fix_safety}\n"
        for rule, on in _by_pack(listing)
    )


def list_json(listing: Listing) -> str:
    """The rules as JSON, by pack then id (``toolkit/schemas/rules.schema.json``)."""
    return _json([{**_summary(rule), "enabled": on} for rule, on in _by_pack(listing)])


def _summary(r: Rule) -> dict[str, Any]:
    return {
        "id": r.id, "pack": r.pack, "kind": r.kind, "category": r.category, "severity": r.severity,
        "scope": r.scope, "fix_safety": r.fix_safety,
    }


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rule_text(r: Rule) -> str:
    """A rule: what it checks, its message, its fix's safety, its options and its examples."""
    lines = [
        f"{r.id}  [{r.severity}, {r.category}, pack {r.pack}, kind {r.kind}, scope {r.scope}, fix {r.fix_safety}]",
        "",
        r.description,
        "",
        f"message: {r.message}",
        f"fix: {r.fix_safety} ({FIX_MEANS[r.fix_safety]})",
    ]
    if r.options:
        lines.append("options:")
        lines += [f"  {k}: {v!r}" for k, v in r.options.items()]
    for ex in r.examples:
        lines += ["", "fails:" if ex.fails else "passes:", "  " + ex.text.rstrip().replace("\n", "\n  ")]
    return "".join(line + "\n" for line in lines)


def rule_json(r: Rule) -> str:
    """A rule as JSON (``toolkit/schemas/rule.schema.json``)."""
    return _json({
        **_summary(r),
        "description": r.description,
        "message": r.message,
        "options": dict(r.options),
        "examples": [{"fails": e.fails, "text": e.text, "note": e.note} for e in r.examples],
    })


def examples_json(run: ExampleRun) -> str:
    """Every example's outcome, the incomplete rules and the counts (``toolkit/schemas/rules-test.schema.json``)."""
    return _json({
        "examples": [
            {"rule": o.rule.id, "fails": o.example.fails, "ok": o.ok, "findings": o.findings, "detail": o.detail, "text": o.example.text}
            for o in run.outcomes
        ],
        "incomplete": list(run.incomplete),
        "passed": run.passed,
        "failed": run.failed,
    })


def examples_text(run: ExampleRun, verbose: bool = False) -> str:
    """The failed examples (every example when ``verbose``), the incomplete rules, then the counts."""
    lines = []
    for o in run.outcomes:
        if verbose or not o.ok:
            state = "ok  " if o.ok else "FAIL"
            what = "fail" if o.example.fails else "pass"
            first = o.example.text.strip().splitlines()[0][:60]
            lines.append(f"{state} {o.rule.id} {what} example: {first}" + (f" -- {o.detail}" if o.detail else ""))
    lines += [f"FAIL {rule_id}: needs at least one fail and one pass example" for rule_id in run.incomplete]
    lines.append(f"{run.passed} passed, {run.failed} failed")
    return "".join(line + "\n" for line in lines)
