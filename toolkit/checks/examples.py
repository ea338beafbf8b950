"""Run a rule's own examples: each ``fail`` example must give a finding, each ``pass`` none."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.checks.context import Context
from toolkit.checks.engine import check
from toolkit.checks.rule import Example, Rule
from toolkit.readers import parse_text

_WRAPPER = "---\norgan: General Assembly\nsession: Seventieth session\nnumber: 70/291\nadopted: 2016-07-01\n---\n\nThe General Assembly,\n\n"


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    example: Example
    ok: bool
    findings: int
    detail: str = ""


def document_of(example: Example):
    """The resolution an example stands for: a whole text, or a fragment in a minimal draft."""
    text = example.text
    whole = text.lstrip().startswith(("---", "[Start1]")) or "The General Assembly," in text or "The Security Council," in text
    return parse_text(text if whole else _WRAPPER + text, path="<example>")


def run_example(rule: Rule, example: Example) -> Outcome:
    from toolkit.checks import kinds

    kind = kinds.load(rule.kind)
    try:
        doc = document_of(example)
        # A kind whose rules need more than the text (a registry, a previous version)
        # provides it for its examples.
        context = kind.example_context(rule, doc) if hasattr(kind, "example_context") else Context()
        report = check(doc, [rule], context)
    except Exception as exc:  # an example that crashes its rule is a failed example
        return Outcome(rule, example, False, 0, f"{type(exc).__name__}: {exc}")
    n = len([f for f in report.findings if f.rule == rule.id])
    ok = (n > 0) == example.fails
    detail = "" if ok else ("no finding" if example.fails else "; ".join(f.message for f in report.findings))
    return Outcome(rule, example, ok, n, detail)


def run_all(rules: list[Rule]) -> list[Outcome]:
    return [run_example(rule, example) for rule in rules for example in rule.examples]


@dataclass(frozen=True)
class ExampleRun:
    """Every rule's examples run, and the rules that lack a fail or a pass example."""

    outcomes: tuple[Outcome, ...]
    incomplete: tuple[str, ...]  # ids of rules without at least one fail and one pass example

    @property
    def passed(self) -> int:
        return sum(1 for o in self.outcomes if o.ok)

    @property
    def failed(self) -> int:
        return len(self.outcomes) - self.passed + len(self.incomplete)


def run_examples(rules: list[Rule]) -> ExampleRun:
    """Run the examples of ``rules`` (``untk rules test``)."""
    incomplete = tuple(
        r.id for r in rules if not any(e.fails for e in r.examples) or not any(not e.fails for e in r.examples)
    )
    return ExampleRun(tuple(run_all(rules)), incomplete)
