"""Baseline mode: only the findings a new version introduced, relative to an old one.

Findings are matched through the alignment of the two versions, so a finding
in OP71 of the old text that is now in OP72 is the same finding: renumbering
does not make old findings look new. Two findings match when they have the
same rule, sit in aligned paragraphs and cover the same words.
"""

from __future__ import annotations

from collections import Counter

from toolkit.checks.engine import Report
from toolkit.checks.finding import Finding
from toolkit.comparison import Comparison


def _top(element_id: str | None) -> str | None:
    return element_id.split("(", 1)[0] if element_id else None


def _key(f: Finding, text: str, paragraph: str | None) -> tuple:
    covered = " ".join(text[f.offset : f.end_offset].split()) if f.end_offset > f.offset else f.message
    return (f.rule, paragraph, covered)


def introduced(new: Report, old: Report, comparison: Comparison, new_text: str, old_text: str) -> list[Finding]:
    """The findings of ``new`` that ``old`` did not already have."""
    moved: dict[str, set[str]] = {}
    for pair in comparison.pairs:
        for o in pair.old:
            moved.setdefault(o, set()).update(pair.new)
    known: Counter = Counter()
    for f in old.findings:
        top = _top(f.paragraph)
        for target in sorted(moved.get(top, {top})) if top else [None]:
            known[_key(f, old_text, target)] += 1
    fresh = []
    for f in new.findings:
        key = _key(f, new_text, _top(f.paragraph))
        if known[key] > 0:
            known[key] -= 1
        else:
            fresh.append(f)
    return fresh
