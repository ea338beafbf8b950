"""A comparison written as amendments: formal instructions in the General Assembly's style.

"Delete the third preambular paragraph.", "In operative paragraph 3, replace “encourages”
with “urges”.", "After operative paragraph 4, insert a new paragraph reading: “…”".
Paragraphs are named as the old version numbers them, as amendments name the draft's.
Each paragraph's instructions are tried on its old text before they are written: where
word edits would not give the new text exactly, the paragraph is replaced whole. Reading
the result with ``untk amend OLD`` gives NEW's paragraphs and footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.comparison import Comparison, Pair
from toolkit.instructions import Target
from toolkit.model import Document, Footnote, Paragraph, ParagraphKind


@dataclass(frozen=True)
class Written:
    """The instructions, and what could not be written as one (an added footnote, say)."""

    instructions: tuple[str, ...]
    unwritten: tuple[str, ...]


def render(comparison: Comparison) -> str:
    written = instructions(comparison)
    old = comparison.old
    name = old.metadata.symbol or (old.draft.symbol if old.draft else None) or old.source.path
    lines = [f"Amendments to {name}", ""]
    if not written.instructions:
        lines.append("No amendments: the paragraphs and footnotes are the same.")
    for n, text in enumerate(written.instructions, 1):
        lines += [f"{n}. {text}", ""]
    for note in written.unwritten:
        lines.append(f"Not written as an instruction: {note}")
    return "\n".join(lines).rstrip("\n") + "\n"


def instructions(comparison: Comparison) -> Written:
    """The instructions that turn the old version's paragraphs into the new one's."""
    old, new = comparison.old, comparison.new
    old_by_id = {p.id: p for p in old.paragraphs}
    new_by_id = {p.id: p for p in new.paragraphs}
    out: list[str] = []
    unwritten: list[str] = []
    deleted = {pid for p in comparison.pairs if p.section == "paragraphs" and p.op in ("delete", "move", "merge") for pid in p.old[1 if p.op == "merge" else 0 :]}
    anchor: dict[str, Paragraph | None] = {"pp": None, "op": None}  # the last old paragraph kept, by part
    for pair in comparison.pairs:
        if pair.section == "footnotes":
            _footnote(pair, old, new, out, unwritten)
            continue
        if pair.section != "paragraphs":
            unwritten.append(f"the annexes ({'+'.join(pair.old or pair.new)}): amend them by hand")
            continue
        news = [new_by_id[i] for i in pair.new]
        olds = [old_by_id[i] for i in pair.old]
        if pair.op in ("delete", "move"):
            out += [f"Delete {_name(p, old)}." for p in olds]
        if pair.op in ("insert", "move"):
            for p in news:
                out.append(_insertion(p, anchor, old))
        elif pair.op in ("modify", "equal") and olds and news:
            if olds[0].full_text != news[0].full_text:
                out += _rewording(olds[0], news[0], old)
        elif pair.op == "split":
            first, *rest = news
            out.append(f"Replace {_name(olds[0], old)} with the following: {_q(_whole(first))}")
            out += _after_each(olds[0], rest, old)
        elif pair.op == "merge":
            out.append(f"Replace {_name(olds[0], old)} with the following: {_q(_whole(news[0]))}")
            out += [f"Delete {_name(p, old)}." for p in olds[1:]]
        for p in olds:
            if p.id not in deleted:
                anchor[_part(p)] = p
    return Written(tuple(out), tuple(unwritten))


def _after_each(anchor: Paragraph, paragraphs: list[Paragraph], doc: Document) -> list[str]:
    """New paragraphs after one old paragraph, in their order (the applier keeps it)."""
    return [f"After {_name(anchor, doc)}, insert a new paragraph reading: {_q(_whole(p))}" for p in paragraphs]


def _part(p: Paragraph) -> str:
    return "pp" if p.kind is ParagraphKind.PREAMBULAR else "op"


def _name(p: Paragraph, doc: Document) -> str:
    """How an amendment names a paragraph of the old version."""
    if p.kind is ParagraphKind.PREAMBULAR:
        return Target("pp", doc.preamble.index(p) + 1).describe()
    number = (p.number or "").split(" ")[0]
    if not number.isdigit():
        raise ValueError(f"{p.id} has no number to name it by")
    return Target("op", int(number)).describe()


def _insertion(p: Paragraph, anchor: dict[str, Paragraph | None], doc: Document) -> str:
    part = _part(p)
    kind = "preambular" if part == "pp" else "operative"
    after = anchor[part]
    if after is not None:
        return f"After {_name(after, doc)}, insert a new paragraph reading: {_q(_whole(p))}"
    if part == "op" and anchor["pp"] is not None and not doc.operative:
        return f"After {_name(anchor['pp'], doc)}, insert a new operative paragraph reading: {_q(_whole(p))}"
    first = (doc.preamble if part == "pp" else doc.operative)[:1]
    if first:
        return f"Before {_name(first[0], doc)}, insert a new {kind} paragraph reading: {_q(_whole(p))}"
    if part == "op" and doc.preamble:
        return f"After {_name(doc.preamble[-1], doc)}, insert a new operative paragraph reading: {_q(_whole(p))}"
    if part == "pp" and doc.operative:
        return f"Before {_name(doc.operative[0], doc)}, insert a new preambular paragraph reading: {_q(_whole(p))}"
    raise ValueError("a paragraph with no paragraph beside it to be inserted after")


def _whole(p: Paragraph) -> str:
    return p.full_text


def _q(text: str) -> str:
    return f"\u201c{text}\u201d"


# --- word edits ---------------------------------------------------------------------


def _rewording(before: Paragraph, after: Paragraph, doc: Document) -> list[str]:
    """Word edits in the GA's style, when they give the new text exactly; else the paragraph replaced."""
    name = _name(before, doc)
    if not before.subparagraphs and not after.subparagraphs:
        edits = word_edits(before.text, after.text)
        if edits:
            said = f"In {name}, {_join(edits)}."
            if applied(before.text, said) == after.text:
                return [said]
    return [f"Replace {name} with the following: {_q(_whole(after))}"]


def applied(text: str, instruction: str) -> str | None:
    """``text`` after one instruction's word edits, read and applied as ``untk amend`` does."""
    from toolkit.amend import _deletion, _spaced, _Text
    from toolkit.instructions import NotUnderstood, read

    try:
        operations = read(instruction)
    except NotUnderstood:
        return None
    current = _Text(text, [])
    for op in operations:
        if op.action == "replace":
            current = _Text(op.text, [])
            continue
        hits = current.find(op.words)
        if len(hits) != 1:
            return None
        at = hits[0]
        end = at + len(op.words)
        if op.action == "replace-words":
            current.change(at, end, op.text, "")
        elif op.action == "delete-words":
            a, b = _deletion(current.text, at, end)
            current.change(a, b, "", "")
        elif op.action == "insert-words":
            pos = end if op.where == "after" else at
            current.change(pos, pos, _spaced(current.text, pos, op.text), "")
        else:
            return None
    return current.text


def word_edits(old: str, new: str) -> list[tuple[str, str, str]] | None:
    """("replace", words, by) and ("delete", words, "") edits turning ``old`` into ``new``, each
    naming words that stand once, as whole words, in the text as the edits before left it."""
    from toolkit.redline import redline

    parts = list(redline(old, new))
    edits: list[tuple[str, str, str]] = []
    current, done, i = old, 0, 0  # done: how much of the current text is settled
    while i < len(parts):
        if parts[i][0] == "=":
            done += len(parts[i][1])
            i += 1
            continue
        deleted = inserted = ""
        while i < len(parts) and parts[i][0] != "=":
            deleted += parts[i][1] if parts[i][0] == "-" else ""
            inserted += parts[i][1] if parts[i][0] == "+" else ""
            i += 1
        edit = _hunk(current, done, deleted, inserted)
        if edit is None:
            return None
        edits.append(edit)
        current = current[:done] + inserted + current[done + len(deleted) :]
        done += len(inserted)
    return edits


def _hunk(current: str, pos: int, deleted: str, inserted: str) -> tuple[str, str, str] | None:
    """One change at ``pos`` as the shortest instruction that names it without doubt."""
    end = pos + len(deleted)
    expected = current[:pos] + inserted + current[end:]
    for width in range(0, 12):
        start, stop = _word_start(current, pos, width), _word_end(current, end, width)
        words = current[start:stop].strip()
        if not words or current.count(words) != 1:
            continue
        w_start = current.index(words)
        w_stop = w_start + len(words)
        by = current[w_start:pos] + inserted + current[end:w_stop] if w_start <= pos and end <= w_stop else None
        if by is None:
            continue
        candidates = [("delete", words, "")] if not by.strip() else []
        candidates.append(("replace", words, by))
        for kind, w, b in candidates:
            said = f"In operative paragraph 1, {_join([(kind, w, b)])}."
            if applied(current, said) == expected:
                return (kind, w, b)
    return None


def _word_start(text: str, pos: int, words: int) -> int:
    """The start of the ``words``-th word before ``pos`` (``pos`` itself for 0)."""
    i = pos
    for _ in range(words):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


def _word_end(text: str, pos: int, words: int) -> int:
    i = pos
    for _ in range(words):
        while i < len(text) and text[i].isspace():
            i += 1
        while i < len(text) and not text[i].isspace():
            i += 1
    return i


def _join(edits: list[tuple[str, str, str]]) -> str:
    said = [f"replace {_q(w)} with {_q(b)}" if kind == "replace" else f"delete {_q(w)}" for kind, w, b in edits]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


# --- footnotes ----------------------------------------------------------------------


def _footnote(pair: Pair, old: Document, new: Document, out: list[str], unwritten: list[str]) -> None:
    notes_old = {n.id: n for n in old.footnotes}
    notes_new = {n.id: n for n in new.footnotes}
    if pair.op in ("modify", "equal") and pair.old and pair.new:
        a: Footnote = notes_old[pair.old[0]]
        b: Footnote = notes_new[pair.new[0]]
        if a.text == b.text:
            return
        edits = word_edits(a.text, b.text)
        said = f"In footnote {a.number}, {_join(edits)}." if edits else ""
        if said and applied(a.text, said) == b.text:
            out.append(said)
        else:
            out.append(f"Replace footnote {a.number} with the following: {_q(b.text)}")
        return
    unwritten.append(f"footnote {'+'.join(pair.old or pair.new)} {pair.op}: a note comes with its marker; edit both by hand")
