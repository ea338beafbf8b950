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

from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document, Paragraph, Subparagraph

NAME = "sequence"
OPTIONS = {
    "sequence": Option(str, choices=("operative", "subparagraphs", "footnotes"), doc="what is numbered"),
    "report": Option(str, default="any", choices=("gap", "duplicate", "bis", "start", "any"), doc="which break to report"),
    "allow_bis": Option(bool, default=True, doc="accept '5 bis', '5 ter' right after paragraph 5"),
}

_NUMBER = re.compile(r"^(\d+)(?:\s*(bis|ter|quater|quinquies|sexies))?$")
_SUFFIXES = ("", "bis", "ter", "quater", "quinquies", "sexies")
_ROMAN = re.compile(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")


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
                yield "bis", para, {"found": label, "expected": str(expected)}, None
            elif last is None or last[0] != n or last[1] != suffix - 1:
                base = f"{n} {_SUFFIXES[suffix - 1]}".strip()
                yield "bis", para, {"found": label, "expected": f"after paragraph {base}"}, None
            seen.add((n, suffix))
            last = (n, suffix)
            continue
        if n == 1 and last is not None:
            # Numbering that starts again: a new part of the resolution ("A", "B").
            seen = set()
        elif (n, 0) in seen:
            yield "duplicate", para, {"found": label, "expected": str(expected)}, None
        elif n != expected:
            yield "gap", para, {"found": label, "expected": str(expected)}, None
        seen.add((n, 0))
        last = (n, 0)
        expected = n + 1


# ---------------------------------------------------------------- subparagraph labels

def _subparagraphs(doc: Document):
    for para in doc.paragraphs:
        yield from _siblings(para)


def _siblings(parent: Paragraph | Subparagraph):
    subs = parent.subparagraphs
    if subs:
        kind = _first_kind(subs[0].label)
        if kind is None:
            yield "start", subs[0], {"found": subs[0].label, "expected": "(a)"}, None
        else:
            style = _style(subs[0].label)
            if _core(subs[0].label) not in ("a", "i", "1"):
                yield "start", subs[0], {"found": subs[0].label, "expected": style.format(_first(kind))}, None
            previous = _core(subs[0].label)
            seen = {previous}
            for sub in subs[1:]:
                core = _core(sub.label)
                due = _successor(kind, previous)
                if core != due:
                    problem = "duplicate" if core in seen else "gap"
                    yield problem, sub, {"found": sub.label, "expected": style.format(due)}, None
                seen.add(core)
                if _fits(kind, core):
                    previous = core
    for sub in subs:
        yield from _siblings(sub)


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
        return _to_roman(_from_roman(previous) + 1) if _ROMAN.match(previous) else "?"
    if _double(previous):
        return chr(ord(previous[0]) + 1) * 2 if previous[0] != "z" else "aaa"
    if len(previous) == 1:
        return chr(ord(previous) + 1) if previous != "z" else "aa"
    return "?"


def _from_roman(s: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


def _to_roman(n: int) -> str:
    out = []
    for value, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# ---------------------------------------------------------------- footnote numbers

def _footnotes(doc: Document):
    notes = doc.footnotes
    if not notes:
        return
    first = notes[0]
    if first.number != 1:
        # Text extracted from a PDF may come from a yearly volume that numbers its
        # notes across the volume: the text alone cannot tell, so only a hint.
        severity = "info" if doc.source.format == "text" else None
        yield "start", first, {"found": str(first.number), "expected": "1"}, severity
    seen = {first.number}
    previous = first.number
    for note in notes[1:]:
        if note.number in seen:
            yield "duplicate", note, {"found": str(note.number), "expected": str(previous + 1)}, None
        elif note.number != previous + 1:
            yield "gap", note, {"found": str(note.number), "expected": str(previous + 1)}, None
        seen.add(note.number)
        previous = max(previous, note.number)
