"""``reference``: references to paragraphs of the same text (DOMAIN.md §5, §8).

"paragraph 71 above", "paragraphs 3 and 5 below", "paragraph 4 (b) above",
"paragraph 2 of the present resolution", "the third preambular paragraph".
References that say "of ..." into another text ("paragraph 22 of the report",
"paragraph 4 (b) of resolution 60/180", "of the annex") are external and never
checked here; a bare "paragraph 5" with neither "above", "below" nor "of the
present resolution" is left alone, since it may be either.

Options: ``check`` — ``target`` (the paragraph exists), ``direction`` ("above"
points back, "below" forward), ``self`` (never the paragraph it stands in),
``requested`` ("requested in paragraph N above" lands on a paragraph that
requests something; ``request_words`` say what counts), ``stale`` (with a
previous version to compare with, a reference carried over unchanged whose
paragraph has been renumbered since: the fix is the new number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.kinds.structure import quotation_start, quoted_elements
from toolkit.checks.rule import Rule
from toolkit.model import Document, Paragraph, Subparagraph
from toolkit.vocabulary import ordinal_value, ordinal_words

NAME = "reference"
OPTIONS = {
    "check": Option(str, choices=("target", "direction", "self", "requested", "stale"), doc="what to check"),
    "request_words": Option(list, default=["request", "ask", "invite"], doc="word stems that make a paragraph a request"),
}

Element = Paragraph | Subparagraph

_SUFFIX = r"(?:\s+(?:bis|ter|quater|quinquies))?"
_SUB = r"\((?:[a-z]{1,3}|[ivxlc]{1,6})\)"
_ITEM = r"\d{1,3}" + _SUFFIX + r"(?:\s*" + _SUB + r")*"
_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+to\s+|\s*[-\u2013]\s*)"
_SUBJOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+to\s+)"
_PARAGRAPHS = patterns.compile(
    r"(?P<pre>\bpreambular\s+)?\b[Pp]aragraphs?\s+"
    r"(?P<items>" + _ITEM + r"(?:(?:" + _JOIN + _ITEM + r")|(?:" + _SUBJOIN + _SUB + r"))*)"
    r"(?P<tail>\s*,?\s+(?:above|below)\b|\s+of\s+(?:the\s+present|this)\s+resolution\b|\s+of\b|\s+thereof\b|\s+in\s+(?:annex|the\s+annex|appendix)\b)?"
)
_TOKEN = patterns.compile(r"(?P<num>\d{1,3}" + _SUFFIX + r")|(?P<sub>" + _SUB + r")|(?P<range>\bto\b|[-\u2013])")

_ORDINAL = r"(?:(?:twenty|thirty|forty|fifty)-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth)"
_PREAMBULAR = patterns.compile(
    r"\bthe\s+(?P<items>" + _ORDINAL + r"(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)" + _ORDINAL + r")*)"
    r"\s+(?:preambular\s+paragraphs?|paragraphs?\s+of\s+the\s+preamble)"
    r"(?P<tail>\s+(?:of|to)\s+(?:the\s+present|this)\s+resolution\b|\s+(?:of|to)\b|\s+thereof\b)?",
    re.IGNORECASE,
)
_MENTIONED_REQUEST = patterns.compile(
    r"\b(?:requested|asked\s+for|invited)\s+(?:in|by|under|pursuant\s+to)\s+(?:operative\s+)?paragraphs?\b", re.IGNORECASE
)
#: What a paragraph may be asked to produce, named just before "requested in"
#: ("the report of the Secretary-General requested in paragraph 71 above").
_REQUESTED_NOUN = patterns.compile(
    r"\b(reports?|information|stud(?:y|ies)|reviews?|assessments?|recommendations?|proposals?|plans?"
    r"|briefings?|updates?|analys[ie]s|surveys?|suggestions?|options?)"
    r"(?:\s+(?:of|by|from|on)\s+(?:the\s+)?[A-Za-z-]+(?:\s+[A-Za-z-]+){0,3})?\s*,?\s*$",
    re.IGNORECASE,
)
_REQUESTED = patterns.compile(r"\brequested\s+(?:in|by|under|pursuant\s+to)\s+(?:operative\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """One paragraph a reference names: "OP4(b)" as ``("OP", "4", ("b",))`` and where its number stands."""

    part: str  # "OP" or "PP"
    number: str  # "71", "5 bis", or a PP position
    labels: tuple[str, ...]
    start: int  # the number's range in the element's clean text
    end: int

    @property
    def id(self) -> str:
        return f"{self.part}{self.number.replace(' ', '')}" + "".join(f"({label})" for label in self.labels)


@dataclass(frozen=True)
class Reference:
    """An internal reference: its element, its text range, its targets and its direction."""

    element: Element
    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    direction: str | None  # "above", "below" or None ("of the present resolution", ordinals)
    requested: bool
    requested_what: str | None = None  # "report" in "the report of the Secretary-General requested in"


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    what = rule.options["check"]
    if what == "stale":
        if context.against is None:
            context.skip(rule.id, needs="--against")
            return
        yield from _stale(rule, doc, context.against, context.shared("references", doc, references))
        return
    order = {e.id: i for i, e in enumerate(doc.walk())}
    in_scope = {e.id for e in rule.elements(doc)}
    stems = tuple(w.lower() for w in rule.options["request_words"])
    for ref in context.shared("references", doc, references):
        if ref.element.id not in in_scope:
            continue
        for target in ref.targets:
            found = doc.find(target.id)
            values = {"reference": ref.text, "target": target.id}
            if what == "target":
                if found is None:
                    yield rule.at(doc, ref.element, target.start, target.end, **values)
                continue
            if found is None:
                continue
            own = _own(ref.element, target.id)
            if what == "self":
                if own:
                    yield rule.at(doc, ref.element, ref.start, ref.end, **values)
            elif what == "direction" and ref.direction and not own:
                back = order[found.id] < order[ref.element.id]
                if back != (ref.direction == "above"):
                    yield rule.at(doc, ref.element, ref.start, ref.end, direction=ref.direction, **values)
        if what == "requested" and ref.requested:
            found_all = [doc.find(t.id) for t in ref.targets if not _own(ref.element, t.id)]
            if found_all and all(f is not None for f in found_all) and not any(_requests(doc, f, stems, ref.requested_what) for f in found_all):
                what = f"request {_article(ref.requested_what)}" if ref.requested_what else "request anything"
                yield rule.at(doc, ref.element, ref.start, ref.end, reference=ref.text, target=", ".join(t.id for t in ref.targets), what=what)


def example_context(rule: Rule, doc: Document | None = None) -> Context:
    """The context for a rule's example: an annex titled "Previous version" is the text compared against.

    An example of ``reference-stale-number`` is the current text with the previous
    one in that annex; every other example runs with no previous version.
    """
    if rule.options["check"] != "stale" or doc is None:
        return Context()
    previous = next((a for a in doc.annexes if (a.title or "").strip().lower() == "previous version"), None)
    if previous is None:
        return Context()
    from toolkit.comparison import compare
    from toolkit.readers import parse_text

    old = parse_text(_EXAMPLE_WRAPPER + previous.text + "\n", path="<previous version>")
    return Context(against=compare(old, doc))


_EXAMPLE_WRAPPER = "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\n"


def _own(element: Element, target_id: str) -> bool:
    """Whether the target is the element itself or a paragraph that contains it."""
    return element.id == target_id or element.id.startswith(target_id + "(")


def _requests(doc: Document, element: Paragraph | Subparagraph, stems: tuple[str, ...], what: str | None) -> bool:
    """Whether a paragraph (with its subparagraphs, or the paragraphs that hold it) asks for something,
    and mentions ``what`` was asked for ("report") when the reference names it."""
    texts = [e.text for e in _lineage(doc, element)]
    texts += [s.text for s in _descendants(element)]
    # "the report requested in paragraph 5" only points at a request, it makes none.
    texts = [_MENTIONED_REQUEST.sub(" ", t) for t in texts]
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE)
    if not any(pattern.search(t) for t in texts):
        return False
    if what is None:
        return True
    stem = re.escape(re.sub(r"(?:ies|y|es|s)$", "", what) if len(what) > 3 else what)
    return any(re.search(rf"\b{stem}", t, re.IGNORECASE) for t in texts)


def _requested_noun(before: str) -> str | None:
    """The thing requested: "report" in "an examination of the report of the Secretary-General requested in"."""
    m = _REQUESTED_NOUN.search(before)
    return m[1].lower() if m else None


def _article(noun: str) -> str:
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _lineage(doc: Document, element: Element) -> list[Element]:
    out = [element]
    eid = element.id
    while "(" in eid:
        eid = eid[: eid.rfind("(")]
        parent = doc.find(eid)
        if parent is not None:
            out.append(parent)
    return out


def _descendants(element: Element):
    for sub in element.subparagraphs:
        yield sub
        yield from _descendants(sub)


# ---------------------------------------------------------------- finding references

def references(doc: Document) -> list[Reference]:
    """Every internal reference in the paragraphs of ``doc`` (quoted texts left out)."""
    quoted = quoted_elements(doc)
    out: list[Reference] = []
    for element in doc.walk():
        if element.id in quoted:
            continue
        out.extend(references_in(element))
    return out


def references_in(element: Element) -> list[Reference]:
    text = element.text
    stop = quotation_start(text)
    if stop is not None:
        text = text[:stop]
    found: list[Reference] = []
    for m in _PARAGRAPHS.finditer(text):
        tail = (m["tail"] or "").strip(" ,").lower()
        if tail in ("above", "below"):
            direction: str | None = tail
        elif "resolution" in tail:
            direction = None
        else:
            continue  # "of the report", "thereof", "in annex": another text; bare: either
        part = "PP" if m["pre"] else "OP"
        targets = _targets(m, part)
        if not targets:
            continue
        asked = _REQUESTED.search(text, 0, m.start()) if part == "OP" else None
        what = _requested_noun(text[: asked.start()]) if asked else None
        found.append(Reference(element, m.start(), m.end(), m.group().strip(), targets, direction, bool(asked), what))
    for m in _PREAMBULAR.finditer(text):
        tail = (m["tail"] or "").strip().lower()
        if tail and "resolution" not in tail:
            continue
        targets = []
        for w in re.finditer(_ORDINAL, m["items"], re.IGNORECASE):
            value = ordinal_value(w.group())
            if value:
                start = m.start("items") + w.start()
                targets.append(Target("PP", str(value), (), start, start + len(w.group())))
        if targets:
            found.append(Reference(element, m.start(), m.end(), m.group().strip(), tuple(targets), None, False))
    return found


def _targets(m: re.Match[str], part: str) -> tuple[Target, ...]:
    """The paragraphs a match names: "4 (a) and (b)" is OP4(a) and OP4(b); "3 to 5" names 3 and 5."""
    base = m.start("items")
    targets: list[Target] = []
    current: tuple[str, int, int] | None = None  # number, start, end
    labels: list[str] = []

    def close() -> None:
        if current is not None:
            targets.append(Target(part, current[0], tuple(labels), current[1], current[2]))

    for t in _TOKEN.finditer(m["items"]):
        if t["num"]:
            close()
            number = re.sub(r"\s+", " ", t["num"])
            current = (number, base + t.start(), base + t.end())
            labels = []
        elif t["sub"] and current is not None:
            label = t["sub"][1:-1]
            if labels and _joined(m["items"], t.start()):
                # A sibling label of the same paragraph: OP4(a) and OP4(b).
                close()
                labels = labels[:-1] + [label]
            else:
                labels.append(label)
    close()
    return tuple(targets)


def _joined(items: str, at: int) -> bool:
    """Whether the label at ``at`` follows "and", "or", "to" or a comma, i.e. is a sibling."""
    return bool(re.search(r"(?:,|\band|\bor|\bto)\s*$", items[:at]))


# ---------------------------------------------------------------- stale references

def _stale(rule: Rule, doc: Document, comparison, found: list[Reference]) -> Iterator[Finding]:
    """References carried over unchanged from the previous version whose paragraph has a new number."""
    old_doc = comparison.old
    moved: dict[str, tuple[str, ...]] = {}
    came_from: dict[str, tuple[str, ...]] = {}
    for pair in comparison.pairs:
        if pair.section != "paragraphs":
            continue
        for old_id in pair.old:
            moved[old_id] = pair.new
        for new_id in pair.new:
            came_from[new_id] = pair.old
    in_scope = {e.id for e in rule.elements(doc)}
    by_top: dict[str, list[Reference]] = {}
    for ref in found:
        by_top.setdefault(_top(ref.element.id), []).append(ref)
    for top, refs in by_top.items():
        olds = [old_doc.find(i) for i in came_from.get(top, ())]
        old_refs = {
            _key(r, t)
            for para in olds
            if isinstance(para, Paragraph)
            for sub in para.walk()
            for r in references_in(sub)
            for t in r.targets
        }
        for ref in refs:
            if ref.element.id not in in_scope:
                continue
            for target in ref.targets:
                if _key(ref, target) not in old_refs:
                    continue  # written or changed in this version: the drafter chose the number
                old_target = old_doc.find(_top(target.id))
                if old_target is None:
                    continue
                now = moved.get(old_target.id, ())
                if len(now) != 1:
                    continue  # deleted, or split: no single new number to give
                new_target = doc.find(now[0])
                if not isinstance(new_target, Paragraph):
                    continue
                if target.part == "OP":
                    if new_target.number is None or new_target.number == target.number:
                        continue
                    fix = new_target.number
                else:
                    if new_target.kind.value != "preambular":
                        continue
                    position = doc.preamble.index(new_target) + 1
                    if str(position) == target.number:
                        continue
                    fix = ordinal_words(position)
                yield rule.at(
                    doc,
                    ref.element,
                    target.start,
                    target.end,
                    fix=fix,
                    reference=ref.text,
                    target=target.id,
                    old=old_target.id,
                    new=new_target.id,
                    number=fix,
                )


def _key(ref: Reference, target: Target) -> tuple:
    return (target.part, target.number, target.labels, ref.direction)


def _top(element_id: str) -> str:
    return element_id.split("(", 1)[0]
