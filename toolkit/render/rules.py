"""The bundled rules (``untk rules list``, ``show`` and ``test``), for the terminal."""

from __future__ import annotations

from typing import Sequence

from toolkit.checks.examples import ExampleRun
from toolkit.checks.rule import Rule

#: What each fix safety means for ``untk fix``.
FIX_MEANS = {
    "safe": "untk fix applies it",
    "unsafe": "untk fix applies it only with --unsafe-fixes",
    "none": "the rule offers no fix",
}


def list_text(rules: Sequence[Rule], enabled: frozenset[str]) -> str:
    """A line a rule, by pack then id; '-' marks those the configuration leaves off."""
    return "".join(
        f"{' ' if rule.id in enabled else '-'} {rule.id:<40} {rule.severity:<8} {rule.category:<18} {rule.kind:<12} fix: {rule.fix_safety}\n"
        for rule in sorted(rules, key=lambda r: (r.pack, r.id))
    )


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
