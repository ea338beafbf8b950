"""``pattern``: a phrase that must not occur (with its replacement), or must occur.

Options: ``patterns`` (regular expressions; a literal phrase is a valid one),
``replacement`` (a template with ``\\1`` groups; omit for no fix),
``case_sensitive``, ``must`` (``absent``: each match is a finding;
``present``: a finding when no element in scope matches).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document

NAME = "pattern"
OPTIONS = {
    "patterns": Option(list, doc="regular expressions, any of which is a match"),
    "replacement": Option((str, type(None)), default=None, doc="what to write instead; \\1 refers to a group"),
    "case_sensitive": Option(bool, default=True),
    "must": Option(str, default="absent", choices=("absent", "present")),
}


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    regex = _compile(tuple(rule.options["patterns"]), rule.options["case_sensitive"])
    replacement = rule.options["replacement"]
    if rule.options["must"] == "present":
        if not any(regex.search(el.text) for el in rule.elements(doc)):
            yield rule.at(doc, None, found="", replacement=replacement or "")
        return
    for element in rule.elements(doc):
        for m in regex.finditer(element.text):
            fix = m.expand(replacement) if replacement is not None else None
            yield rule.at(doc, element, m.start(), m.end(), fix=fix, found=m.group(), replacement=fix or "")
