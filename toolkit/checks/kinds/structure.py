"""``structure``: how paragraphs open and end (DOMAIN.md §1).

Options: ``check`` (``opening``: preambular paragraphs open with a participle or
adjective, operative paragraphs with a verb in the present tense, from
:mod:`toolkit.vocabulary`; ``ending``: "," after a preambular paragraph, ";"
after an operative paragraph, "." after the last, ":" before subparagraphs,
";" after a subparagraph and "." after the one that ends the text) and
``unknown_opening`` (the severity for an opening word the vocabulary does not
know: it may be right, so a hint by default).

Quoted texts are skipped: a paragraph that ends with ":" and the quoted
paragraphs after it, and a quotation inside a paragraph.
"""

from __future__ import annotations

import re
from typing import Iterator

from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document, Paragraph, ParagraphKind, Subparagraph
from toolkit.vocabulary import MODIFIERS, OPERATIVE_WORDS, ORGANS, opening_kind, opening_words

NAME = "structure"
OPTIONS = {
    "check": Option(str, choices=("opening", "ending"), doc="what to check"),
    "unknown_opening": Option(str, default="info", choices=("info", "warning", "error", "off"), doc="severity for an opening word not in the vocabulary"),
}

_OPEN_QUOTES = "\u201c\u2018\"'\u00ab"
_CLOSE = " \t\n\"'\u201d\u2019\u00bb*_"
#: A quotation inside a paragraph: a colon, then the quoted text on a new line or in quotes.
_QUOTATION = re.compile(r":[ \t]*(?:\n|[" + _OPEN_QUOTES + r"])\s*\S")
#: "; and", "; or" after a subparagraph.
_CONJUNCTION = re.compile(r";\s*(?:and|or|and/or)$")

Element = Paragraph | Subparagraph


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    quoted = quoted_elements(doc)
    if rule.options["check"] == "opening":
        yield from _openings(rule, doc, quoted)
    else:
        yield from _endings(rule, doc, quoted)


# ---------------------------------------------------------------- quotations

def quotation_start(text: str) -> int | None:
    """Where a quotation inside a paragraph's text begins (its colon), or None."""
    m = _QUOTATION.search(text)
    return m.start() if m else None


def quoted_elements(doc: Document) -> set[str]:
    """Ids of paragraphs and subparagraphs that are quoted text, not part of the resolution's own structure.

    After an element that ends with ":", the elements that open with a quotation
    mark are quoted, up to the one that closes the quotation.
    """
    quoted: set[str] = set()
    elements = list(doc.walk())
    inside = False
    for previous, element in zip([None, *elements], elements):
        text = element.text.strip()
        opens = text[:1] in _OPEN_QUOTES
        if inside and opens:
            quoted.add(element.id)
        elif previous is not None and _ending(previous.text) == ":" and opens:
            quoted.add(element.id)
            inside = True
        else:
            inside = False
            continue
        if re.search(r"[\u201d\u2019\"'][\s.;,]*$", text):
            inside = False
    return quoted


def _ending(text: str) -> str:
    """The last punctuation-or-letter character, after closing quotes and emphasis."""
    stripped = text.rstrip(_CLOSE)
    return stripped[-1:] if stripped else ""


# ---------------------------------------------------------------- openings

def _openings(rule: Rule, doc: Document, quoted: set[str]) -> Iterator[Finding]:
    unknown = rule.options["unknown_opening"]
    for element in rule.elements(doc):
        if not isinstance(element, Paragraph) or element.id in quoted:
            continue  # subparagraphs are items of a list, not clauses with an opening word
        text = element.text.lstrip(_CLOSE)
        words = opening_words(text)
        if not words or text[:1] in _OPEN_QUOTES:
            continue
        span = _opening_span(text, element.text)
        if element.kind is ParagraphKind.PREAMBULAR:
            kind = opening_kind(text)
            if kind == "operative":
                yield rule.at(doc, element, *span, found=_phrase(text), expected="a participle or adjective (\"Recalling\", \"Mindful\")")
            elif kind is None and unknown != "off":
                yield rule.at(doc, element, *span, severity=unknown, found=_phrase(text), expected="a participle or adjective (\"Recalling\", \"Mindful\")")
        else:
            if _operative_opening(text):
                continue
            severity = None if opening_kind(text) == "preambular" else unknown
            if severity == "off":
                continue
            yield rule.at(doc, element, *span, severity=severity, found=_phrase(text), expected="a verb in the present tense (\"Decides\", \"Requests\")")


def _operative_opening(text: str) -> bool:
    """An operative verb opens the paragraph, or follows its opening phrase.

    "Acting under Chapter VII of the Charter, decides", "The Security Council
    requests" (older texts) and "It is resolved" are operative openings too.
    """
    if opening_kind(text, guess=True) == "operative":
        return True
    organ = re.match(r"(?:The\s+)?(?:" + "|".join(re.escape(o) for o in ORGANS) + r")\s*,?\s+", text)
    if organ and opening_kind(_upper_first(text[organ.end() :]), guess=True) == "operative":
        return True
    # A participial phrase, then the verb after a comma: "Acting under ..., decides".
    first_sentence = re.split(r"[;:.](?:\s|$)", text, maxsplit=1)[0]
    for m in re.finditer(r",\s+((?:[a-z]+\s+){0,2}[a-z]+)\b", first_sentence):
        words = m[1].split()
        while len(words) > 1 and words[0] in MODIFIERS:
            words = words[1:]
        if words[0] in OPERATIVE_WORDS:
            return True
    return False


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phrase(text: str) -> str:
    words = opening_words(text)
    i = 0
    while i < len(words) - 1 and words[i].lower() in MODIFIERS:
        i += 1
    return " ".join(words[: i + 1])


def _opening_span(text: str, original: str) -> tuple[int, int]:
    lead = len(original) - len(original.lstrip(_CLOSE))
    m = re.match(r"\S+", text)
    return lead, lead + (m.end() if m else 0)


# ---------------------------------------------------------------- endings

def _endings(rule: Rule, doc: Document, quoted: set[str]) -> Iterator[Finding]:
    in_scope = {e.id for e in rule.elements(doc)}
    last_op = doc.operative[-1] if doc.operative else None
    for para in doc.paragraphs:
        operative = para.kind is ParagraphKind.OPERATIVE
        is_last = para is last_op
        for element, expected in _expected_endings(para, operative, is_last):
            if element.id not in in_scope or element.id in quoted or expected is None:
                continue
            text = element.text
            if quotation_start(text) is not None:
                continue  # ends with the quoted text, not its own punctuation
            stripped = text.rstrip(_CLOSE)
            if not stripped:
                continue
            end = len(stripped)
            found = stripped[-1]
            if found in expected or (";" in expected and _CONJUNCTION.search(stripped)):
                continue
            want = expected[0]
            if found in ",;:.":
                yield rule.at(doc, element, end - 1, end, fix=want, found=found, expected=want)
            else:
                yield rule.at(doc, element, max(end - 1, 0), end, found=found, expected=want)


def _expected_endings(para: Paragraph, operative: bool, is_last: bool):
    """(element, accepted endings, preferred first) for a paragraph and its subparagraphs."""
    if para.subparagraphs:
        yield para, ":"
    elif operative:
        yield para, "." if is_last else ";"
    else:
        yield para, ","
    if not operative:
        return  # subparagraphs of a preambular paragraph follow no settled pattern
    yield from _sub_endings(para.subparagraphs, is_last)


def _sub_endings(subs: tuple[Subparagraph, ...], ends_text: bool):
    for i, sub in enumerate(subs):
        last_one = ends_text and i == len(subs) - 1
        if sub.subparagraphs:
            yield sub, ":"
            yield from _sub_endings(sub.subparagraphs, last_one)
        else:
            yield sub, "." if last_one else ";"
