"""The formal instructions of General Assembly amendments, read into operations.

An amendment (A/C.3/80/L.65) amends a draft (A/C.3/80/L.24) by instructions such as
"Delete the third preambular paragraph and operative paragraph 2.", "In operative
paragraph 3, replace “encourages” with “urges”.", "After the fifth preambular
paragraph, insert a new paragraph reading: “…”" or "At the end of operative paragraph 6,
add “…”". Paragraphs are named as the draft numbers them; each instruction is read into
operations, and what cannot be read is said, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.vocabulary import ordinal_value, ordinal_words


@dataclass(frozen=True, slots=True)
class Target:
    """A paragraph of the draft: ``pp`` 3 (the third preambular paragraph), ``op`` 2
    (operative paragraph 2) with an optional subparagraph label ``(b)``, or ``fn`` 4."""

    kind: str
    number: int
    sub: str | None = None

    def describe(self) -> str:
        if self.kind == "pp":
            return f"the {ordinal_words(self.number)} preambular paragraph"
        if self.kind == "fn":
            return f"footnote {self.number}"
        return f"operative paragraph {self.number}" + (f" {self.sub}" if self.sub else "")


@dataclass(frozen=True, slots=True)
class Operation:
    """One change an instruction asks for.

    ``action``: ``delete`` (the paragraph), ``replace`` (the paragraph's text with
    ``text``), ``insert`` (a new paragraph of ``kind`` ``pp`` or ``op`` ``where``
    ``after``/``before`` the target, or at the start when the target is None),
    ``replace-words`` (``words`` with ``text``), ``delete-words``, ``insert-words``
    (``text`` ``where`` ``after``/``before`` ``words``) or ``add`` (``text`` at the end).
    """

    action: str
    target: Target | None
    text: str = ""
    words: str = ""
    where: str = ""
    kind: str = ""
    clause: str = ""  # the words of the instruction this came from


class NotUnderstood(ValueError):
    """An instruction, or a part of it, that untk cannot read as operations."""


# --- quoted text --------------------------------------------------------------------

_OPEN, _CLOSE = "\u201c", "\u201d"


def _quoted(text: str, start: int) -> tuple[str, int] | None:
    """The quoted text opening at ``text[start]`` and the index after its closing quote.

    Curly quotes nest (a paragraph may itself quote “…”), so the quote closes where the
    count returns to zero; a straight quote closes at the next straight quote.
    """
    if start >= len(text):
        return None
    mark = text[start]
    if mark == '"':
        end = text.find('"', start + 1)
        return (text[start + 1 : end], end + 1) if end != -1 else None
    if mark != _OPEN:
        return None
    depth = 0
    for i in range(start, len(text)):
        if text[i] == _OPEN:
            depth += 1
        elif text[i] == _CLOSE:
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
    return None


def _mask_quotes(text: str) -> tuple[str, list[str]]:
    """The instruction with each quoted text replaced by ``Q0``, ``Q1`` …, and the texts."""
    out, quotes, i = [], [], 0
    while i < len(text):
        if text[i] in (_OPEN, '"'):
            found = _quoted(text, i)
            if found is None:
                raise NotUnderstood("a quotation is not closed")
            out.append(f"\u0001Q{len(quotes)}\u0001")
            quotes.append(found[0])
            i = found[1]
        else:
            out.append(text[i])
            i += 1
    return "".join(out), quotes


# --- targets ------------------------------------------------------------------------

_ORD = r"[a-z]+(?:-[a-z]+)?"
_SUB = r"\((?:[a-z]{1,2}|[ivxlc]{1,6})\)"
_ONE_TARGET = re.compile(
    rf"(?:the\s+)?(?P<ord>{_ORD})\s+preambular\s+paragraph"
    rf"|(?:operative\s+)?paragraph\s+(?P<op>\d{{1,4}})(?:\s*(?P<sub>{_SUB}))?"
    rf"|footnote\s+(?P<fn>\d{{1,3}})",
    re.I,
)


def target(words: str) -> Target:
    """One paragraph named in an instruction: "the third preambular paragraph", "operative paragraph 4 (b)"."""
    m = _ONE_TARGET.fullmatch(words.strip())
    if not m:
        raise NotUnderstood(f"no paragraph named in {words.strip()!r}")
    if m["ord"]:
        n = ordinal_value(m["ord"].lower())
        if n is None:
            raise NotUnderstood(f"{m['ord']!r} is no ordinal number")
        return Target("pp", n)
    if m["op"]:
        return Target("op", int(m["op"]), m["sub"].replace(" ", "") if m["sub"] else None)
    return Target("fn", int(m["fn"]))


def targets(words: str) -> list[Target]:
    """A list of paragraphs: "the third preambular paragraph and operative paragraph 2",
    "operative paragraphs 3, 5 and 7", "the third and fourth preambular paragraphs"."""
    words = " ".join(words.split()).strip().rstrip(".")
    found: list[Target] = []
    for m in _LIST_ITEM.finditer(words):
        if m["ords"]:
            for o in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m["ords"]):
                found.append(target(f"the {o} preambular paragraph"))
        elif m["ops"]:
            for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m["ops"]):
                found.append(target(f"operative paragraph {n}"))
        elif m["fns"]:
            found += [Target("fn", int(n)) for n in re.findall(r"\d+", m["fns"])]
    rest = _LIST_ITEM.sub("", words)
    if not found or re.sub(r"\b(?:and|the)\b|[,\s]", "", rest):
        raise NotUnderstood(f"no paragraph named in {words!r}")
    return found


_NUM = rf"\d{{1,4}}(?:\s*{_SUB})?"
_LIST_ITEM = re.compile(
    rf"(?:the\s+)?(?P<ords>{_ORD}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_ORD})*)\s+preambular\s+paragraphs?"
    rf"|(?:operative\s+)?paragraphs?\s+(?P<ops>{_NUM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NUM})*)"
    rf"|footnotes?\s+(?P<fns>\d{{1,3}}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d{{1,3}})*)",
    re.I,
)


# --- instructions -------------------------------------------------------------------

_T = r"(?P<target>.+?)"
_Q = "\u0001Q(\\d+)\u0001"
_WORDS = r"(?:the\s+words?\s+|the\s+phrase\s+)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I | re.S))
    for name, pattern in (
        ("renumber", r"renumber\b.*"),
        ("replace-paragraph", rf"replace\s+(?:the\s+text\s+of\s+)?{_T}\s+(?:with|by)\s+(?:the\s+following(?:\s+text)?\s*:?\s*)?(?:a\s+new\s+paragraph\s+reading\s*:?\s*)?{_Q}"),
        ("insert-after", rf"(?P<where>after|before)\s+{_T},?\s+insert\s+(?:a\s+|the\s+following\s+)?(?:new\s+)?(?P<kind>preambular\s+|operative\s+)?(?:new\s+)?paragraphs?(?:,?\s+(?:reading|to\s+read|as\s+follows))?\s*:?\s*(?P<quotes>(?:{_Q}\s*(?:,|and)?\s*)+)"),
        ("insert-new", rf"insert\s+(?:a\s+|the\s+following\s+)?(?:new\s+)?(?P<kind>preambular\s+|operative\s+)?(?:new\s+)?paragraphs?\s+(?P<where>after|before)\s+{_T}(?:,?\s+(?:reading|to\s+read|as\s+follows))?\s*:?\s*(?P<quotes>(?:{_Q}\s*(?:,|and)?\s*)+)"),
        ("add-at-end", rf"at\s+the\s+end\s+of\s+{_T},?\s+add\s+{_WORDS}{_Q}"),
        ("in-target", rf"in\s+{_T},\s*(?P<actions>.+)"),
        ("delete-words-in", rf"delete\s+{_WORDS}{_Q}\s+(?:in|from)\s+{_T}"),
        ("replace-words-in", rf"replace\s+{_WORDS}{_Q}\s+(?:with|by)\s+{_WORDS}{_Q}\s+in\s+{_T}"),
        ("delete", rf"delete\s+{_T}"),
    )
)
_ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I | re.S))
    for name, pattern in (
        ("replace-words", rf"replace\s+{_WORDS}{_Q}\s+(?:with|by)\s+{_WORDS}{_Q}"),
        ("delete-words", rf"delete\s+{_WORDS}{_Q}"),
        ("insert-words-where", rf"(?P<where>after|before)\s+{_WORDS}{_Q},?\s+(?:insert|add)\s+{_WORDS}{_Q}"),
        ("insert-words", rf"(?:insert|add)\s+{_WORDS}{_Q}\s+(?P<where>after|before)\s+{_WORDS}{_Q}"),
        ("add", rf"(?:at\s+the\s+end(?:\s+of\s+the\s+paragraph)?,?\s+)?add\s+{_WORDS}{_Q}(?:\s+at\s+the\s+end(?:\s+of\s+the\s+paragraph)?)?"),
        ("replace-text", rf"replace\s+the\s+(?:text|paragraph)\s+with\s+(?:the\s+following\s*:?\s*)?{_Q}"),
    )
)


def read(instruction: str) -> list[Operation]:
    """The operations of one instruction; :class:`NotUnderstood` for what cannot be read."""
    masked, quotes = _mask_quotes(" ".join(instruction.split()))
    operations: list[Operation] = []
    for clause in _clauses(masked):
        try:
            operations += _clause(clause, quotes)
        except NotUnderstood as exc:
            raise NotUnderstood(_unmask(str(exc), quotes)) from None
    if not operations and not re.match(r"\s*renumber\b", masked, re.I):
        raise NotUnderstood("no instruction found")
    return operations


def _clauses(masked: str) -> list[str]:
    """Sentences of the instruction (quoted texts are masked, so their full stops do not count)."""
    parts = re.split(r"(?<=[.;])\s+(?=[A-Z])|;\s*", masked)
    return [p.strip().rstrip(".;").strip() for p in parts if p.strip().rstrip(".;").strip()]


def _q(quotes: list[str], index: str) -> str:
    return quotes[int(index)]


def _clause(clause: str, quotes: list[str]) -> list[Operation]:
    where = _unmask(clause, quotes)
    for name, pattern in _PATTERNS:
        m = pattern.fullmatch(clause)
        if not m:
            continue
        if name == "renumber":
            return []
        if name == "delete":
            return [Operation("delete", t, clause=where) for t in targets(m["target"])]
        if name == "replace-paragraph":
            text = _q(quotes, m.group(m.lastindex))
            return [Operation("replace", target(m["target"]), text=text, clause=where)]
        if name in ("insert-after", "insert-new"):
            anchor = target(m["target"])
            kind = (m["kind"] or "").strip().lower()[:1]
            kind = {"p": "pp", "o": "op"}.get(kind, anchor.kind if anchor.kind != "fn" else "op")
            texts = [_q(quotes, i) for i in re.findall(r"\u0001Q(\d+)\u0001", m["quotes"])]
            # Several new paragraphs: they stand in the order given (the applier keeps it).
            return [Operation("insert", anchor, text=t, where=m["where"].lower(), kind=kind, clause=where) for t in texts]
        if name == "add-at-end":
            return [Operation("add", target(m["target"]), text=_q(quotes, m.group(m.lastindex)), clause=where)]
        if name == "delete-words-in":
            return [Operation("delete-words", target(m["target"]), words=_q(quotes, m.group(1)), clause=where)]
        if name == "replace-words-in":
            return [Operation("replace-words", target(m["target"]), words=_q(quotes, m.group(1)), text=_q(quotes, m.group(2)), clause=where)]
        if name == "in-target":
            named = targets(m["target"])
            actions = _actions(m["actions"], quotes, where)
            return [Operation(a.action, t, a.text, a.words, a.where, a.kind, where) for t in named for a in actions]
    raise NotUnderstood(f"cannot read {where!r}")


def _actions(text: str, quotes: list[str], where: str) -> list[Operation]:
    """The actions after "In operative paragraph 3,": "replace “a” with “b” and delete “c”"."""
    out: list[Operation] = []
    verbs = r"(?=(?:replace|delete|insert|add|after|before|at)\b)"
    for part in re.split(rf"\s*(?:,?\s+and\s+{verbs}|,\s*(?=(?:replace|delete)\b))", text, flags=re.I):
        part = part.strip().rstrip(",")
        for name, pattern in _ACTIONS:
            m = pattern.fullmatch(part)
            if not m:
                continue
            if name == "replace-words":
                out.append(Operation("replace-words", None, text=_q(quotes, m.group(2)), words=_q(quotes, m.group(1))))
            elif name == "delete-words":
                out.append(Operation("delete-words", None, words=_q(quotes, m.group(1))))
            elif name == "insert-words-where":
                out.append(Operation("insert-words", None, text=_q(quotes, m.group(3)), words=_q(quotes, m.group(2)), where=m["where"].lower()))
            elif name == "insert-words":
                out.append(Operation("insert-words", None, text=_q(quotes, m.group(1)), words=_q(quotes, m.group(3)), where=m["where"].lower()))
            elif name == "add":
                out.append(Operation("add", None, text=_q(quotes, m.group(1))))
            elif name == "replace-text":
                out.append(Operation("replace", None, text=_q(quotes, m.group(1))))
            break
        else:
            raise NotUnderstood(f"cannot read {_unmask(part, quotes)!r} in {where!r}")
    return out


def _unmask(text: str, quotes: list[str]) -> str:
    return re.sub("\u0001Q(\\d+)\u0001", lambda m: _OPEN + quotes[int(m[1])] + _CLOSE, text)
