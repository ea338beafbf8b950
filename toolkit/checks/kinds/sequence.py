"""``sequence``: operative numbers, subparagraph labels and footnote numbers run 1..n.

Options: ``sequence`` (``operative``, ``subparagraphs`` or ``footnotes``: what to
check), ``report`` (``gap``, ``duplicate``, ``bis``, ``start`` or ``any``: which
kind of break this rule reports) and ``allow_bis`` ("5 bis" after 5 is fine in
a negotiation draft, DOMAIN.md §1).

Operative paragraphs are numbered 1..n; a series that starts again at 1 is a new
part of the resolution ("A", "B") and not a duplicate. Subparagraph labels run
(a), (b) ... or (i), (ii) ... within each parent; "(i)" after "(h)" is a letter.
Footnotes are numbered 1..n in the order of the notes.
"""

from __future__ import annotations

import re
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document, Paragraph, Subparagraph
from toolkit.vocabulary import from_roman, to_roman

NAME = "sequence"
OPTIONS = {
    "sequence": Option(str, choices=("operative", "subparagraphs", "footnotes"), doc="what is numbered"),
    "report": Option(str, default="any", choices=("gap", "duplicate", "bis", "start", "any"), doc="which break to report"),
    "allow_bis": Option(bool, default=True, doc="accept '5 bis', '5 ter' right after paragraph 5"),
}

_NUMBER = patterns.compile(r"^(\d+)(?:\s*(bis|ter|quater|quinquies|sexies))?$")
_SUFFIXES = ("", "bis", "ter", "quater", "quinquies", "sexies")
_ROMAN = patterns.compile(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    what = rule.options["sequence"]
    if what == "operative":
        breaks = _operative(doc, rule.options["allow_bis"])
    elif what == "subparagraphs":
        breaks = _subparagraphs(doc)
    else:
        breaks = _footnotes(doc)
    wanted = rule.options["report"]
    for problem, element, values, severity in breaks:
        if wanted in ("any", problem):
            yield rule.at(doc, element, 0, _head(element.text), severity=severity, problem=problem, **values)


def _head(text: str) -> int:
    """End of the first word: findings about a label point at the text it opens."""
    m = re.match(r"\s*\S+", text)
    return m.end() if m else 0


# ---------------------------------------------------------------- operative numbers

def _operative(doc: Document, allow_bis: bool):
    expected = 1  # the next plain number due
    last: tuple[int, int] | None = None  # (number, suffix index) of the paragraph before
    seen: set[tuple[int, int]] = set()
    series = 0  # paragraphs in the current series (a part starts again at 1)
    for para in doc.operative:
        if para.number is None:
            continue  # an unnumbered paragraph of a short resolution
        m = _NUMBER.match(para.number.strip())
        if not m:
            continue
        n, suffix = int(m[1]), _SUFFIXES.index(m[2]) if m[2] else 0
        label = para.number
        if suffix:
            if not allow_bis:
                reason = f"every paragraph has its own number here: {expected} is due"
                yield "bis", para, {"found": label, "expected": str(expected), "reason": reason}, None
            elif last is None or last[0] != n or last[1] != suffix - 1:
                base = f"{n} {_SUFFIXES[suffix - 1]}".strip()
                reason = f"it comes right after paragraph {base}"
                yield "bis", para, {"found": label, "expected": base, "reason": reason}, None
            seen.add((n, suffix))
            last = (n, suffix)
            series += 1
            continue
        if n == 1 and series >= 2:
            # Numbering that starts again: a new part of the resolution ("A", "B").
            seen = set()
            series = 0
        elif (n, 0) in seen:
            yield "duplicate", para, {"found": label, "expected": str(expected)}, None
        elif n != expected:
            yield "gap", para, {"found": label, "expected": str(expected)}, None
        seen.add((n, 0))
        last = (n, 0)
        expected = n + 1
        series += 1


# ---------------------------------------------------------------- subparagraph labels

def _subparagraphs(doc: Document):
    for para in doc.paragraphs:
        yield from _siblings(para)


def _siblings(parent: Paragraph | Subparagraph):
    subs = parent.subparagraphs
    if subs:
        kind = _list_kind([s.label for s in subs])
        style = _style(subs[-1].label)
        previous = None
        seen: set[str] = set()
        for i, sub in enumerate(subs):
            core = _core(sub.label)
            due = _first(kind) if previous is None else _successor(kind, previous)
            if core != due:
                problem = "start" if previous is None else ("duplicate" if core in seen else "gap")
                yield problem, sub, {"found": sub.label, "expected": style.format(due)}, None
                following = _core(subs[i + 1].label) if i + 1 < len(subs) else None
                # A misprinted label ("(6)" or "(a)" for "(d)") stands for the one due
                # when the next label follows from that; otherwise the list goes on from it.
                if following == _successor(kind, due) or not _fits(kind, core):
                    core = due
            seen.add(core)
            previous = core
    for sub in subs:
        yield from _siblings(sub)


def _list_kind(labels: list[str]) -> str:
    """Letters, Roman numerals or digits: what most labels of a list can be, the first label's kind on a tie."""
    votes = {kind: sum(_fits(kind, _core(label)) for label in labels) for kind in ("letter", "roman", "digit")}
    first = _first_kind(labels[0])
    best = max(votes.values())
    if first is not None and votes[first] == best:
        return first
    return max(votes, key=votes.__getitem__)


def _core(label: str) -> str:
    return label.strip().strip("().")


def _style(label: str) -> str:
    label = label.strip()
    if label.startswith("("):
        return "({})"
    return "{}."


def _first_kind(label: str) -> str | None:
    core = _core(label)
    if core.isdigit():
        return "digit"
    if core == "i" or (_ROMAN.match(core) and len(core) > 1 and not _double(core)):
        return "roman"
    if re.fullmatch(r"[a-z]|([a-z])\1", core):
        return "letter"
    return None


def _double(core: str) -> bool:
    return len(core) == 2 and core[0] == core[1]


def _first(kind: str) -> str:
    return {"digit": "1", "roman": "i", "letter": "a"}[kind]


def _fits(kind: str, core: str) -> bool:
    if kind == "digit":
        return core.isdigit()
    if kind == "roman":
        return bool(_ROMAN.match(core))
    return bool(re.fullmatch(r"[a-z]|([a-z])\1", core))


def _successor(kind: str, previous: str) -> str:
    """The label due after ``previous``: "(h)" -> "i", "(iii)" -> "iv", "(z)" -> "aa"."""
    if kind == "digit":
        return str(int(previous) + 1) if previous.isdigit() else "?"
    if kind == "roman":
        return to_roman(from_roman(previous) + 1) if _ROMAN.match(previous) else "?"
    if _double(previous):
        return chr(ord(previous[0]) + 1) * 2 if previous[0] != "z" else "aaa"
    if len(previous) == 1:
        return chr(ord(previous) + 1) if previous != "z" else "aa"
    return "?"


# ---------------------------------------------------------------- footnote numbers

def _footnotes(doc: Document):
    notes = doc.footnotes
    if not notes:
        return
    first = notes[0]
    # Text extracted from a PDF may come from a yearly volume that numbers its notes
    # across the volume and leaves out those of other texts: when the notes do not
    # start at 1, the text alone cannot tell a break from an extract, so only hints.
    severity = "info" if first.number != 1 and doc.source.format == "text" else None
    if first.number != 1:
        yield "start", first, {"found": str(first.number), "expected": "1"}, severity
    seen = {first.number}
    previous = first.number
    for note in notes[1:]:
        if note.number in seen:
            yield "duplicate", note, {"found": str(note.number), "expected": str(previous + 1)}, severity
        elif note.number != previous + 1:
            yield "gap", note, {"found": str(note.number), "expected": str(previous + 1)}, severity
        seen.add(note.number)
        previous = max(previous, note.number)
