"""``pattern``: a phrase that must not occur (with its replacement), or must occur.

Options: ``patterns`` (regular expressions; a literal phrase is a valid one),
``replacement`` (a template with ``\\1`` groups; omit for no fix),
``case_sensitive``, ``must`` (``absent``: each match is a finding;
``present``: a finding when no element in scope matches), ``except``
(regular expressions of what keeps its own spelling, such as proper names:
"Organisation for Economic Co-operation and Development"; a match inside one
is not reported), ``in_names`` (``fix``, or ``report``: a match inside a
capitalised name such as "Kennedy Center" or "World Food Program USA" is
reported without a fix, since a name keeps its owner's spelling, and so is
a capitalised word inside a sentence, a name cut short: "the Center"; see
:mod:`toolkit.checks.names`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.names import inside, name_spans, short_name
from toolkit.checks.rule import Rule
from toolkit.model import Document

NAME = "pattern"
OPTIONS = {
    "patterns": Option(list, doc="regular expressions, any of which is a match"),
    "replacement": Option((str, type(None)), default=None, doc="what to write instead; \\1 refers to a group"),
    "case_sensitive": Option(bool, default=True),
    "must": Option(str, default="absent", choices=("absent", "present")),
    "except": Option(list, default=[], doc="regular expressions of spans left alone (proper names)"),
    "in_names": Option(str, default="fix", choices=("fix", "report"), doc="inside a capitalised name: fix, or report without a fix"),
}


@lru_cache(maxsize=256)
def _compile(alternatives: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    return patterns.compile("|".join(f"(?:{p})" for p in alternatives), flags)


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    regex = _compile(tuple(rule.options["patterns"]), rule.options["case_sensitive"])
    replacement = rule.options["replacement"]
    if rule.options["must"] == "present":
        if not any(regex.search(el.text) for el in rule.elements(doc)):
            yield rule.at(doc, None, found="", replacement=replacement or "")
        return
    exempt = _compile(tuple(rule.options["except"]), rule.options["case_sensitive"]) if rule.options["except"] else None
    for element in rule.elements(doc):
        spared = exempt_spans(exempt, element.text)
        names: list[tuple[int, int]] | None = None
        for m in regex.finditer(element.text):
            if any(s <= m.start() and m.end() <= e for s, e in spared):
                continue
            expected = m.expand(replacement) if replacement is not None else None
            fix = expected
            if fix is not None and rule.options["in_names"] == "report":
                names = name_spans(element.text) if names is None else names
                if inside(names, m.start(), m.end()) or short_name(element.text, m.start()):
                    fix = None
            yield rule.at(doc, element, m.start(), m.end(), fix=fix, found=m.group(), replacement=expected or "")


def exempt_spans(exempt: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that ``exempt`` matches (proper names that keep their own spelling)."""
    return [m.span() for m in exempt.finditer(text)] if exempt is not None else []
