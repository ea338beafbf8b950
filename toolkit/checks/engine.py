"""Run rules over a document; apply inline disables; order the findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from toolkit.checks import kinds
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding, severity_rank
from toolkit.checks.rule import Rule
from toolkit.model import Document


@dataclass(frozen=True)
class Report:
    """Findings for one document, and the rules that could not run (no registry, say)."""

    document: Document
    findings: tuple[Finding, ...]
    skipped: tuple[str, ...]
    needs: tuple[str, ...] = ()  # what the skipped rules need: "--registry", "--against"

    def worst(self) -> str | None:
        return max((f.severity for f in self.findings), key=severity_rank, default=None)


def check(doc: Document, rules: Sequence[Rule], context: Context | None = None) -> Report:
    """Every finding of every rule on ``doc``, minus those disabled inline, in source order."""
    context = context or Context()
    context.known_rules = context.known_rules | {r.id for r in rules}
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(kinds.load(rule.kind).check(rule, doc, context))
    kept = [f for f in findings if not _disabled(f, doc)]
    kept.sort(key=lambda f: f.sort_key)
    return Report(doc, tuple(_dedupe(kept)), tuple(sorted(context.skipped)), tuple(sorted(set(context.skipped.values()))))


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.rule, f.offset, f.end_offset, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _disabled(finding: Finding, doc: Document) -> bool:
    """Whether a comment in the source turns this finding's rule off where it stands."""
    if not doc.directives:
        return False
    active = False
    for d in sorted(doc.directives, key=lambda d: d.line):
        applies = finding.rule in d.rules or "all" in d.rules
        if not applies:
            continue
        if d.action == "disable-file":
            return True
        if d.line > finding.line:
            break
        if d.action == "disable":
            active = True
        elif d.action == "enable":
            active = False
        elif d.action == "disable-next" and _next_element(doc, d.line) == _top(finding.paragraph):
            return True
    return active


def _top(element_id: str | None) -> str | None:
    """``OP5(a)(ii)`` -> ``OP5``: a disable on a paragraph covers its subparagraphs."""
    if element_id is None:
        return None
    return element_id.split("(", 1)[0]


def _next_element(doc: Document, line: int) -> str | None:
    following = [e for e in (*doc.paragraphs, *doc.annex_paragraphs, *doc.footnotes) if e.span.start.line > line]
    return min(following, key=lambda e: e.span.start.offset).id if following else None
