"""``consistency``: one term written one way throughout the text.

Options: ``terms`` (lists of variants, the preferred form first: every other
variant found is a finding, with the preferred form as fix) and
``hyphenation`` (a word that is a hyphenated compound of the same text with
its hyphen lost — "CounterTerrorism" beside "Counter-Terrorism",
"publicprivate" beside "public-private" — is a finding); ``except``
(regular expressions of proper names that keep their own spelling: the
"Co-operation" of the "Organisation for Economic Co-operation and
Development" says nothing of how the text writes "cooperation"; a variant of
a term inside one is not reported either: "Secretary General of the
Organization of American States").

A lost hyphen is fixed only where the text's own spelling is sure: a word
outside capitalised names takes the form the text writes outside names (the
"Co-operation" of a name says nothing of "cooperation"); inside a name
(:mod:`toolkit.checks.names`) only a join of two capitalised halves
("CounterTerrorism") is restored, from the same form written elsewhere.
Other findings come without a fix.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.names import inside, name_spans
from toolkit.checks.rule import Rule
from toolkit.model import Document

NAME = "consistency"
OPTIONS = {
    "terms": Option(list, default=[], doc="lists of variants of one term, the preferred form first"),
    "hyphenation": Option(bool, default=False, doc="report compounds that lost their hyphen"),
    "closed_compounds": Option(list, default=[], doc="closed spellings English accepts: reported as info"),
    "except": Option(list, default=[], doc="regular expressions of proper names, left out of the comparison"),
}

_WORD = patterns.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)*")
#: A lower-case letter followed by a capital: two capitalised words run together.
_CAMEL = patterns.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    elements = list(rule.elements(doc))
    exempt = patterns.compile("|".join(f"(?:{p})" for p in rule.options["except"])) if rule.options["except"] else None
    for variants in rule.options["terms"]:
        preferred = variants[0]
        others = [v for v in variants[1:] if v != preferred]
        if not others:
            continue
        regex = patterns.compile(r"\b(?:" + "|".join(re.escape(v) for v in others) + r")\b")
        for element in elements:
            spared = [m.span() for m in exempt.finditer(element.text)] if exempt is not None else []
            for m in regex.finditer(element.text):
                if any(s <= m.start() < e for s, e in spared):
                    continue
                yield rule.at(doc, element, m.start(), m.end(), fix=preferred, found=m.group(), preferred=preferred)
    if rule.options["hyphenation"]:
        yield from _lost_hyphens(rule, doc, elements)


def _lost_hyphens(rule: Rule, doc: Document, elements: list) -> Iterator[Finding]:
    exempt = patterns.compile("|".join(f"(?:{p})" for p in rule.options["except"])) if rule.options["except"] else None

    def words(element) -> list[re.Match[str]]:
        found = list(_WORD.finditer(element.text))
        if exempt is None:
            return found
        spared = [m.span() for m in exempt.finditer(element.text)]
        return [m for m in found if not any(s <= m.start() < e for s, e in spared)] if spared else found

    per_element = [(element, words(element)) for element in elements]  # one pass over the words
    counts: Counter[str] = Counter()
    in_names: dict[int, list[tuple[int, int]]] = {}  # element index -> its names, for elements with a hyphen
    outside: Counter[str] = Counter()  # hyphenated forms written outside names
    for i, (element, found) in enumerate(per_element):
        counts.update(m.group() for m in found)
        if any("-" in m.group() for m in found):
            names = in_names[i] = name_spans(element.text)
            outside.update(m.group() for m in found if "-" in m.group() and not inside(names, *m.span()))
    # "counterterrorism" -> every hyphenated form in the text that joins to it.
    forms: dict[str, list[str]] = {}
    joined_counts: Counter[str] = Counter()  # casefolded unhyphenated word -> occurrences in any case
    for word, n in counts.items():
        if "-" in word:
            forms.setdefault(word.replace("-", "").casefold(), []).append(word)
        else:
            joined_counts[word.casefold()] += n
    accepted = {w.casefold() for w in rule.options["closed_compounds"]}
    for i, (element, found) in enumerate(per_element):
        names = None
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
            if names is None:
                names = in_names[i] if i in in_names else name_spans(element.text)
            if inside(names, *m.span()):
                sure = bool(same_case) and _CAMEL.search(word) is not None
            else:
                sure = any(outside[f] for f in candidates)
            fix = form if sure else None
            yield rule.at(doc, element, m.start(), m.end(), fix=fix, severity=severity, found=word, preferred=form)


def _recase(form: str, like: str) -> str:
    """``form`` with the letters' case of ``like`` ("Counter-Terrorism" like "counterterrorism")."""
    letters = iter(like)
    return "".join(ch if ch == "-" else next(letters) for ch in form)
