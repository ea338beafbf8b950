"""``consistency``: one term written one way throughout the text.

Options: ``terms`` (lists of variants, the preferred form first: every other
variant found is a finding, with the preferred form as fix) and
``hyphenation`` (a word that is a hyphenated compound of the same text with
its hyphen lost — "CounterTerrorism" beside "Counter-Terrorism",
"publicprivate" beside "public-private" — is a finding); ``except``
(regular expressions of proper names that keep their own spelling: the
"Co-operation" of the "Organisation for Economic Co-operation and
Development" says nothing of how the text writes "cooperation").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document

NAME = "consistency"
OPTIONS = {
    "terms": Option(list, default=[], doc="lists of variants of one term, the preferred form first"),
    "hyphenation": Option(bool, default=False, doc="report compounds that lost their hyphen"),
    "closed_compounds": Option(list, default=[], doc="closed spellings English accepts: reported as info"),
    "except": Option(list, default=[], doc="regular expressions of proper names, left out of the comparison"),
}

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)*")


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    elements = list(rule.elements(doc))
    for variants in rule.options["terms"]:
        preferred = variants[0]
        others = [v for v in variants[1:] if v != preferred]
        if not others:
            continue
        regex = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in others) + r")\b")
        for element in elements:
            for m in regex.finditer(element.text):
                yield rule.at(doc, element, m.start(), m.end(), fix=preferred, found=m.group(), preferred=preferred)
    if rule.options["hyphenation"]:
        yield from _lost_hyphens(rule, doc, elements)


def _lost_hyphens(rule: Rule, doc: Document, elements: list) -> Iterator[Finding]:
    exempt = re.compile("|".join(f"(?:{p})" for p in rule.options["except"])) if rule.options["except"] else None

    def words(element) -> list[re.Match[str]]:
        found = list(_WORD.finditer(element.text))
        if exempt is None:
            return found
        spared = [m.span() for m in exempt.finditer(element.text)]
        return [m for m in found if not any(s <= m.start() < e for s, e in spared)] if spared else found

    per_element = [(element, words(element)) for element in elements]  # one pass over the words
    counts: Counter[str] = Counter()
    for _, found in per_element:
        counts.update(m.group() for m in found)
    # "counterterrorism" -> every hyphenated form in the text that joins to it.
    forms: dict[str, list[str]] = {}
    joined_counts: Counter[str] = Counter()  # casefolded unhyphenated word -> occurrences in any case
    for word, n in counts.items():
        if "-" in word:
            forms.setdefault(word.replace("-", "").casefold(), []).append(word)
        else:
            joined_counts[word.casefold()] += n
    accepted = {w.casefold() for w in rule.options["closed_compounds"]}
    for element, found in per_element:
        for m in found:
            word = m.group()
            candidates = forms.get(word.casefold()) if "-" not in word else None
            if not candidates:
                continue
            # The majority form wins: "December" many times beside one scanned "Decem-ber"
            # is not a lost hyphen (a tie goes to the hyphen, the form that gets lost).
            joined = joined_counts[word.casefold()]
            if sum(counts[f] for f in candidates) < joined:
                continue
            same_case = [f for f in candidates if f.replace("-", "") == word]
            form = max(same_case or candidates, key=counts.__getitem__)
            if not same_case:
                form = _recase(form, word)
            # A closed compound that English accepts ("counterterrorism") is a note, not a defect.
            closed = word.casefold() in accepted and word[1:].islower()  # not "CounterTerrorism"
            severity = "info" if closed else None
            yield rule.at(doc, element, m.start(), m.end(), fix=form, severity=severity, found=word, preferred=form)


def _recase(form: str, like: str) -> str:
    """``form`` with the letters' case of ``like`` ("Counter-Terrorism" like "counterterrorism")."""
    letters = iter(like)
    return "".join(ch if ch == "-" else next(letters) for ch in form)
