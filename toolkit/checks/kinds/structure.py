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

from toolkit import patterns
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
    "since": Option((int, type(None)), default=None, doc="check only texts adopted in or after this year (older texts kept other conventions)"),
}

_OPEN_QUOTES = "\u201c\u2018\"'\u00ab"
_CLOSE = " \t\n\"'\u201d\u2019\u00bb*_"
_LEAD = " \t\n*_"
#: A quotation inside a paragraph: a colon, then the quoted text on a new line or in quotes.
_QUOTATION = patterns.compile(r":[ \t]*(?:\n|[" + _OPEN_QUOTES + r"])\s*\S")
_GLUED_FOOTER = patterns.compile(r"\n(?:Adopted|Resolution adopted)\b")
# Each number whole ((?!\d)): a long run of digits split every way it can be backtracked
# exponentially before the match failed.
_LOST_MARKER = patterns.compile(r"(?<=[,;:.])(?:[ \t\n]*(?:\d{1,3}(?!\d)/?|\u00b0))+$")
#: "; and", "; or" after a subparagraph.
_CONJUNCTION = patterns.compile(r";\s*(?:and|or|and/or)$")

Element = Paragraph | Subparagraph

#: Words that can never open a paragraph: articles, pronouns, prepositions, conjunctions.
FUNCTION_WORDS = frozenset(
    """the a an its their his her our this that these those it they we he she there
    which who whose of to for with by on at from as such all any some each every no not
    but or nor if when while""".split()
)


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    since = rule.options["since"]
    adopted = doc.metadata.adoption_date
    if since is not None and adopted is not None and adopted.year < since:
        return
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
    explicit = doc.source.format == "draft"
    preamble = [p for p in doc.preamble if p.id not in quoted]
    # "Resolves: 1. That ..." (older texts): the operative paragraphs complete the
    # sentence that introduces them and have no opening verb of their own.
    # Headings between them ("A. Restoration of peace and order") are passed over.
    leading = [p.text for p in preamble if _ending(p.text) in tuple(",;:.")]
    introduced = _ending((leading[-1] if leading else doc.organ_line) or "") == ":"
    # Operative-worded paragraphs that end the preamble are operative paragraphs
    # without numbers (older texts number only some): certain only in a draft.
    tail = operative_tail(preamble)
    for element in rule.elements(doc):
        if not isinstance(element, Paragraph) or element.id in quoted:
            continue  # subparagraphs are items of a list, not clauses with an opening word
        text = element.text.lstrip(_LEAD)
        words = opening_words(text)
        if not words or text[:1] in _OPEN_QUOTES:
            continue
        if _heading(element.text):
            continue  # "A. Restoration of peace and order": a part heading, not a paragraph
        span = _opening_span(text, element.text)
        function_word = words[0].lower() in FUNCTION_WORDS
        if element.kind is ParagraphKind.PREAMBULAR:
            # "And in particular taking note of ..." continues the paragraph before it.
            kind = opening_kind(_without_adverbs(re.sub(r"^And\s+(?=[a-z])", "", text)))
            expected = 'a participle or adjective ("Recalling", "Mindful")'
            if kind == "operative":
                severity = "info" if element.id in tail and not explicit else None
                yield rule.at(doc, element, *span, severity=severity, found=_phrase(text), expected=expected)
            elif kind is None and (function_word or unknown != "off"):
                yield rule.at(doc, element, *span, severity=None if function_word else unknown, found=_phrase(text), expected=expected)
        else:
            if introduced or _operative_opening(text) or _introduces_operative(element):
                continue
            # A participle with no verb after it, or an article or pronoun, is certainly
            # wrong; a word the vocabulary does not know may be a verb it lacks.
            certain = function_word or opening_kind(text) == "preambular"
            severity = None if certain else unknown
            if severity == "off":
                continue
            yield rule.at(doc, element, *span, severity=severity, found=_phrase(text), expected='a verb in the present tense ("Decides", "Requests")')


def operative_tail(preamble: list[Paragraph]) -> set[str]:
    """Preambular paragraphs that open with an operative verb and follow the last true one.

    Older texts number only some operative paragraphs ("Reaffirms ...; Resolves
    that: 1. ..."), so the reader takes the unnumbered ones for preambular
    paragraphs; a verb amid true preambular paragraphs is a drafting error.
    """
    tail: set[str] = set()
    for para in reversed(preamble):
        kind = opening_kind(_without_adverbs(para.text.lstrip(_LEAD)))
        if kind == "preambular":
            break
        if kind == "operative":
            tail.add(para.id)
    return tail


def _operative_opening(text: str) -> bool:
    """An operative verb opens the paragraph, or follows its opening phrase.

    "Acting under Chapter VII of the Charter, decides", "The Security Council
    requests" (older texts), "Urgently requests" and "It is resolved" are
    operative openings too.
    """
    if opening_kind(_without_adverbs(text), guess=True) == "operative":
        return True
    organ = re.match(r"(?:The\s+)?(?:" + "|".join(re.escape(o) for o in ORGANS) + r")\s*,?\s+", text)
    if organ and opening_kind(_upper_first(_without_adverbs(text[organ.end() :])), guess=True) == "operative":
        return True
    # A participial phrase, then the verb after a comma: "Acting under ..., decides".
    first_sentence = re.split(r"[;:.](?:\s|$)", text, maxsplit=1)[0]
    for m in re.finditer(r",\s+((?:[a-z]+\s+){0,2}[a-z]+)\b", first_sentence):
        words = m[1].split()
        while len(words) > 1 and (words[0] in MODIFIERS or words[0].endswith("ly")):
            words = words[1:]
        if words[0] in OPERATIVE_WORDS:
            return True
    return False


def _without_adverbs(text: str) -> str:
    """ "Urgently requests" -> "Requests": an adverb in -ly before the verb."""
    m = re.match(r"(?:[A-Za-z]+ly\s+)+(?=[a-z])", text)
    return _upper_first(text[m.end() :]) if m else text


def _introduces_operative(para: Paragraph) -> bool:
    """ "Acting under Chapter VII of the Charter:" followed by "(a) Requests ...": the verbs are in the subparagraphs."""
    return _ending(para.text) == ":" and any(
        opening_kind(_without_adverbs(sub.text.lstrip(_LEAD)), guess=True) == "operative" for sub in para.subparagraphs
    )


def _heading(text: str) -> bool:
    """A part heading: "A", "B. Plebiscite", short and with no final punctuation."""
    return bool(re.match(r"[A-Z](?:\.|\s|$)", text.strip())) and len(text) < 80 and _ending(text) not in tuple(",;:.")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _phrase(text: str) -> str:
    words = opening_words(text)
    i = 0
    while i < len(words) - 1 and words[i].lower() in MODIFIERS:
        i += 1
    return " ".join(words[: i + 1])


def _opening_span(text: str, original: str) -> tuple[int, int]:
    lead = len(original) - len(original.lstrip(_LEAD))
    m = re.match(r"\S+", text)
    return lead, lead + (m.end() if m else 0)


# ---------------------------------------------------------------- endings

def _endings(rule: Rule, doc: Document, quoted: set[str]) -> Iterator[Finding]:
    in_scope = {e.id for e in rule.elements(doc)}
    explicit = doc.source.format == "draft"
    last_op = doc.operative[-1] if doc.operative else None
    tail = set() if explicit else operative_tail([p for p in doc.preamble if p.id not in quoted])
    last_pp = doc.preamble[-1] if doc.preamble else None
    for para in doc.paragraphs:
        operative = para.kind is ParagraphKind.OPERATIVE
        if para.id in tail:
            continue  # an unnumbered operative paragraph of an older text
        for element, expected, what in _expected_endings(para, operative, para is last_op):
            if element.id not in in_scope or element.id in quoted:
                continue
            text = element.text
            if quotation_start(text) is not None:
                continue  # ends with the quoted text, not its own punctuation
            if not explicit and (glued := _GLUED_FOOTER.search(text)):
                text = text[: glued.start()]  # the reader left the footer in the last paragraph
            if para is last_pp and element is para and _introduces_operative_part(text):
                continue
            stripped = text.rstrip(_CLOSE)
            if not explicit:
                # "of 12 August 1949, 22": a marker that lost its superscript and was not
                # recognised, since its note is not in the text.
                stripped = _LOST_MARKER.sub("", stripped).rstrip(_CLOSE)
            if not stripped:
                continue
            end = len(stripped)
            found = stripped[-1]
            if found == expected or (expected == ";" and _CONJUNCTION.search(stripped)):
                continue
            if element is para and not operative and para.subparagraphs and found == ",":
                continue
            if found in ",;:.":
                yield rule.at(doc, element, end - 1, end, fix=expected, found=f"this one ends with '{found}'", expected=expected, what=what)
            else:
                yield rule.at(doc, element, end - 1, end, found="this one has no final punctuation", expected=expected, what=what)


def _introduces_operative_part(text: str) -> bool:
    """ "... on 3 September 1946,\nResolves:": the last line of the preamble is the verb that the operative part completes."""
    last_line = text.rstrip(_CLOSE).rsplit("\n", 1)[-1]
    return _ending(text) == ":" and opening_kind(_without_adverbs(last_line.strip()), guess=True) == "operative"


def _expected_endings(para: Paragraph, operative: bool, is_last: bool):
    """(element, the ending due, what the element is) for a paragraph and its subparagraphs."""
    if para.subparagraphs:
        yield para, ":", "a paragraph that introduces subparagraphs"
    elif operative:
        yield para, ("." if is_last else ";"), ("the last operative paragraph" if is_last else "an operative paragraph")
    else:
        yield para, ",", "a preambular paragraph"
    if operative:
        # Subparagraphs of a preambular paragraph follow no settled pattern.
        yield from _sub_endings(para.subparagraphs, is_last)


def _sub_endings(subs: tuple[Subparagraph, ...], ends_text: bool):
    for i, sub in enumerate(subs):
        last_one = ends_text and i == len(subs) - 1
        if sub.subparagraphs:
            yield sub, ":", "a subparagraph that introduces subparagraphs"
            yield from _sub_endings(sub.subparagraphs, last_one)
        elif last_one:
            yield sub, ".", "the subparagraph that ends the text"
        else:
            yield sub, ";", "a subparagraph"
