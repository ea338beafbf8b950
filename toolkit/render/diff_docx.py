"""A comparison as a Word document with real tracked changes (``untk diff --format docx``).

The document's text is the NEW version; every difference from OLD is a
revision by "untk": ``w:ins`` and ``w:del`` for words, ``w:moveFrom`` and
``w:moveTo`` for paragraphs that moved, inserted and deleted paragraph marks
for paragraphs that were added, dropped, split or merged. Accepting every
change in Word gives NEW's text, rejecting every change gives OLD's (the
General Assembly's submission guidelines ask drafts to show their changes
this way).

How it is built: each version is laid out as Word paragraphs (title block,
organ line, preambular and operative paragraphs, subparagraphs, footer,
annexes) made of tokens — words, spaces, footnote references, line breaks and
one paragraph-mark token per paragraph. The paragraph pairs of the comparison
say which old paragraphs became which new ones; inside a pair the tokens are
diffed with diff-match-patch (one character per token), so a split or merge is
just an inserted or deleted paragraph mark (then placed, by :func:`settle_marks`,
where Word and LibreOffice both resolve it). Wording is compared exactly here,
whatever the comparison's normalisation, so that accepting and rejecting give
each version's exact text. Labels are typed ("5.", "(a)"), so a renumbered
paragraph shows its number changed. Footnotes are real Word footnotes,
numbered by Word in the order of their references; a reference kept from OLD
carries a redline of its note. When OLD is itself a .docx its package is the
starting point, so its styles, page set-up, headers and footers are kept.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, NamedTuple

from toolkit.comparison import Comparison, Pair
from toolkit.dates import format_date
from toolkit.model import Document, FootnoteMarker, Metadata, Paragraph, Subparagraph
from toolkit.redline import tokens as word_tokens
from toolkit.vocabulary import MODIFIERS

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
AUTHOR = "untk"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FIRST_CODE = 0xE000


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# ----------------------------------------------------------------- tokens and lines


class Token(NamedTuple):
    """A word, space, footnote reference, line break or paragraph mark. A named tuple: a
    redline makes one per word of both versions, and a frozen dataclass costs several
    times as much to make and to hold."""

    kind: str  # "text", "note", "mark" (a repeated marker), "br", "para"
    text: str = ""
    key: str = ""
    italic: bool = False
    style: str = ""  # for "para": the kind of paragraph it ends ("pp", "op", "sub2", ...)
    note: int = 0  # for "note" and "mark": the note's number in its version (NEW's when kept)
    old_note: int = 0  # for a reference kept from OLD: the note's number in OLD


@dataclass
class Version:
    """One document laid out as tokens, with its footnote texts by number."""

    doc: Document
    notes: dict[int, str]
    note_keys: dict[int, str]  # note number -> the footnote pair it belongs to
    seen: set[int] = field(default_factory=set)  # notes referenced so far
    paragraph_lines: dict[str, list[list[Token]]] = field(default_factory=dict)


def _line(
    text: str,
    markers: Iterable[FootnoteMarker],
    style: str,
    version: Version,
    label: str = "",
    opening: bool = False,
    all_italic: bool = False,
) -> list[Token]:
    """The tokens of one Word paragraph: label, text with its markers, paragraph mark."""
    out: list[Token] = []
    if label:
        out.append(Token("text", label, "t:" + label))
        out.append(Token("text", "\t", "t:\t"))
    italic_end = italic_opening_end(text) if opening else 0
    pos = 0
    for marker in sorted(markers, key=lambda m: m.offset):
        out += _text_tokens(text[pos : marker.offset], pos, italic_end, all_italic)
        key = version.note_keys.get(marker.number, f"{id(version)}:{marker.number}")
        if marker.number in version.seen:  # an older text citing the same note again
            out.append(Token("mark", str(marker.number), f"m:{key}:{marker.number}", note=marker.number))
        else:
            version.seen.add(marker.number)
            out.append(Token("note", "", f"n:{key}", note=marker.number))
        pos = marker.offset
    out += _text_tokens(text[pos:], pos, italic_end, all_italic)
    out.append(Token("para", "", "p", style=style))
    return out


def _text_tokens(text: str, start: int, italic_end: int, all_italic: bool) -> list[Token]:
    out: list[Token] = []
    pos = start
    for i, part in enumerate(text.split("\n")):
        if i:
            out.append(Token("br", "", "br"))
            pos += 1
        for tok in word_tokens(part):
            out.append(Token("text", tok, "t:" + tok, italic=all_italic or pos < italic_end))
            pos += len(tok)
    return out


#: Openings of more than one word besides those made with modifiers ("Also requests").
_PHRASES = (
    ("calls", "upon"),
    ("takes", "note"),
    ("taking", "note"),
    ("bearing", "in", "mind"),
    ("noting", "with", "appreciation"),
    ("noting", "with", "satisfaction"),
    ("noting", "with", "concern"),
    ("noting", "with", "regret"),
    ("noting", "with", "deep", "concern"),
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def italic_opening_end(text: str) -> int:
    """Where a paragraph's italic opening words end ("Noting with appreciation", "Also requests")."""
    words = list(_WORD.finditer(text[:120]))
    if not words or not words[0].group()[0].isupper() or words[0].start() != 0:
        return 0
    lower = [m.group().lower() for m in words]
    k = 0
    while k < len(words) - 1 and lower[k] in MODIFIERS:
        k += 1
    for phrase in sorted(_PHRASES, key=len, reverse=True):
        if tuple(lower[k : k + len(phrase)]) == phrase:
            k += len(phrase) - 1
            break
    while k + 1 < len(words) and lower[k + 1] in MODIFIERS and not text[words[k].end() : words[k + 1].start()].strip():
        k += 1
    return words[k].end()


def _lines(version: Version) -> dict[str, list[list[Token]]]:
    """A version laid out as Word paragraphs, by part of the document."""
    doc = version.doc
    version.seen = set()
    parts: dict[str, list[list[Token]]] = {"header": [], "organ": [], "footer": [], "annex": []}
    for text, style in header_lines(doc.metadata):
        parts["header"].append(_line(text, (), style, version))
    if doc.organ_line:
        parts["organ"].append(_line(doc.organ_line, (), "organ", version, all_italic=True))
    quoted = {a.quoted_in: a for a in doc.annexes if a.quoted_in}
    for para in doc.paragraphs:
        version.paragraph_lines[para.id] = _paragraph_lines(para, version)
        if para.id in quoted:  # the instrument it quotes is printed inside it, as in the source
            quote = quoted[para.id]
            if quote.title:
                version.paragraph_lines[para.id].append(_line(quote.title, (), "annex-title", version))
            for inner in quote.paragraphs:
                version.paragraph_lines[para.id] += _paragraph_lines(inner, version)
    for text, style in footer_lines(doc):
        parts["footer"].append(_line(text, (), style, version))
    for annex in doc.annexes:
        if annex.quoted_in:
            continue
        parts["annex"].append(_line(annex.heading, (), "annex-heading", version))
        if annex.title:
            parts["annex"].append(_line(annex.title, (), "annex-title", version))
        if annex.paragraphs:  # an annexed instrument: its paragraphs with their real footnotes
            for para in annex.paragraphs:
                parts["annex"] += _paragraph_lines(para, version)
            continue
        for block in annex.text.split("\n"):
            if block:
                parts["annex"].append(_line(block, (), "annex", version))
    return parts


def _paragraph_lines(para: Paragraph, version: Version) -> list[list[Token]]:
    if para.kind.value == "preambular":
        lines = [_line(para.text, para.markers, "pp", version, opening=True)]
    else:
        label = f"{para.number}." if para.number else ""
        lines = [_line(para.text, para.markers, "op", version, label=label, opening=True)]

    def subs(element: Paragraph | Subparagraph, depth: int) -> None:
        for sub in element.subparagraphs:
            lines.append(_line(sub.text, sub.markers, f"sub{min(depth, 3)}", version, label=sub.label))
            subs(sub, depth + 1)

    subs(para, 1)
    return lines


def header_lines(m: Metadata) -> list[tuple[str, str]]:
    """The title block as Word paragraphs, in the words the readers understand."""
    out: list[tuple[str, str]] = []
    sc = (m.organ or "") == "Security Council" or (m.symbol or "").startswith("S/")
    if m.symbol:
        out.append((m.symbol, "symbol"))
    if m.distribution_date:
        out.append((f"Distr.: General {format_date(m.distribution_date)}", "header"))
    if m.job_number:
        out.append((m.job_number, "header"))
    if m.session:
        out.append((m.session, "session"))
    if m.agenda_items:
        items = list(m.agenda_items)
        written = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
        out.append((f"Agenda item{'s' if len(items) > 1 else ''} {written}", "header"))
    if sc:
        if m.resolution_number:
            out.append((f"Resolution {m.resolution_number}", "title"))
        if m.meeting or m.adoption_date:
            at = f" at its {m.meeting}" if m.meeting else ""
            on = f", on {format_date(m.adoption_date)}" if m.adoption_date else ""
            out.append((f"Adopted by the Security Council{at}{on}", "header"))
        return out
    if m.adoption_date:
        out.append((f"Resolution adopted by the {m.organ or 'General Assembly'} on {format_date(m.adoption_date)}", "adopted"))
    if m.committee_line:
        out.append((f"[{m.committee_line}]", "header"))
    if m.resolution_number and m.title:
        out.append((f"{m.resolution_number}. {m.title}", "title"))
    elif m.title:
        out.append((m.title, "title"))
    return out


def footer_lines(doc: Document) -> list[tuple[str, str]]:
    m = doc.metadata
    sc = (m.organ or "") == "Security Council" or (m.symbol or "").startswith("S/")
    if sc or not m.meeting:
        return []
    out = [(m.meeting, "footer")]
    if m.adoption_date:
        out.append((format_date(m.adoption_date), "footer"))
    return out


# ----------------------------------------------------------------- the diff


@dataclass
class OutParagraph:
    """One Word paragraph of the redline: runs with their change, and its mark's change."""

    runs: list[tuple[str, Token]]  # op: "=", "+", "-", "mf" (moved from), "mt" (moved to)
    mark: str
    style: str
    move: int = 0  # move number, for "mf"/"mt" paragraphs
    move_first: bool = False
    move_last: bool = False
    author: str | None = None  # who made this paragraph's changes (None: untk)
    comment: str | None = None  # a note in the margin: the kind of the change and its notable edits


def diff_lines(old: list[list[Token]], new: list[list[Token]]) -> list[OutParagraph]:
    """Paragraphs whose runs turn the old paragraphs into the new ones."""
    from diff_match_patch import diff_match_patch

    a = [t for line in old for t in line]
    b = [t for line in new for t in line]
    codes: dict[str, str] = {}

    def encode(toks: list[Token]) -> str:
        out = []
        for t in toks:
            if t.key not in codes:
                codes[t.key] = chr(_FIRST_CODE + len(codes))
            out.append(codes[t.key])
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    diffs = dmp.diff_main(encode(a), encode(b), False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[OutParagraph] = []
    runs: list[tuple[str, Token]] = []
    i = j = 0
    for op, chunk in diffs:
        for _ in chunk:
            if op == 0:
                tok_old, tok = a[i], b[j]
                i, j = i + 1, j + 1
                sign = "="
                if tok.kind == "note":
                    tok = Token(tok.kind, tok.text, tok.key, tok.italic, tok.style, tok.note, old_note=tok_old.note)
            elif op == -1:
                tok = a[i]
                i += 1
                sign = "-"
            else:
                tok = b[j]
                j += 1
                sign = "+"
            if tok.kind == "para":
                out.append(OutParagraph(runs, sign, tok.style))
                runs = []
            else:
                runs.append((sign, tok))
    if runs:  # cannot happen: both sides end with a paragraph mark
        out.append(OutParagraph(runs, "=", "pp"))
    return out


def diff_blocks(old: list[list[Token]], new: list[list[Token]]) -> list[OutParagraph]:
    """Like :func:`diff_lines`, but lines are aligned first (title block, footer, annexes).

    Unchanged lines are kept whole; a changed line is redlined against the old
    line at the same place in a run of changes when they share words, and
    otherwise deleted and inserted whole.
    """
    from diff_match_patch import diff_match_patch

    codes: dict[tuple[str, ...], str] = {}

    def encode(lines: list[list[Token]]) -> str:
        return "".join(codes.setdefault(tuple(t.key for t in line), chr(_FIRST_CODE + len(codes))) for line in lines)

    dmp = diff_match_patch()
    diffs = dmp.diff_main(encode(old), encode(new), False)
    out: list[OutParagraph] = []
    i = j = 0
    deleted: list[list[Token]] = []
    inserted: list[list[Token]] = []

    def flush() -> None:
        # Each inserted line is paired with the next deleted line that shares its words.
        k = 0
        for line in inserted:
            match = next((m for m in range(k, len(deleted)) if _shared(deleted[m], line) >= 0.3), None)
            if match is None:
                out.extend(diff_lines([], [line]))
                continue
            out.extend(diff_lines(deleted[k:match], []))
            out.extend(diff_lines([deleted[match]], [line]))
            k = match + 1
        out.extend(diff_lines(deleted[k:], []))
        deleted.clear()
        inserted.clear()

    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            flush()
            out.extend(diff_lines(old[i : i + n], new[j : j + n]))
            i, j = i + n, j + n
        elif op == -1:
            deleted.extend(old[i : i + n])
            i += n
        else:
            inserted.extend(new[j : j + n])
            j += n
    flush()
    return out


def _shared(a: list[Token], b: list[Token]) -> float:
    words_a = {t.key for t in a if t.kind == "text" and t.text.strip()}
    words_b = {t.key for t in b if t.kind == "text" and t.text.strip()}
    return len(words_a & words_b) / max(1, len(words_a | words_b))


def moved(lines: list[list[Token]], sign: str, number: int) -> list[OutParagraph]:
    out = []
    for k, line in enumerate(lines):
        out.append(
            OutParagraph(
                [(sign, t) for t in line if t.kind != "para"],
                sign,
                line[-1].style,
                move=number,
                move_first=k == 0,
                move_last=k == len(lines) - 1,
            )
        )
    return out


# ----------------------------------------------------------------- paragraph marks

#: Changes seen when every change is accepted, and when every change is rejected.
_ACCEPTED = frozenset(("=", "+", "mt"))
_REJECTED = frozenset(("=", "-", "mf"))


def settle_marks(paragraphs: list[OutParagraph]) -> list[OutParagraph]:
    """The same redline with its paragraph marks placed so that every reader resolves it alike.

    Accepting or rejecting everything gives the same paragraphs before and after:
    only where the marks' changes stand moves. The last paragraph mark of a
    document cannot be removed (Word and LibreOffice leave an empty paragraph
    when it is marked deleted or inserted), so it is kept and the change goes to
    an earlier mark. LibreOffice (7.4) also loses the change of the mark of the
    paragraph that holds the document's first footnote reference, so that mark
    is kept wherever the paragraphs around it allow; and it joins two insertions
    with a kept mark between them into one insertion over the mark (its Reject
    All then joins the paragraphs), so no kept mark is left there.
    """
    return _part_insertions(_keep_last_mark(_place_changed_marks(paragraphs)))


def _has_note(p: OutParagraph) -> bool:
    return any(t.kind == "note" for _, t in p.runs)


def _whole(p: OutParagraph) -> str | None:
    """"+" or "-" for a paragraph inserted or deleted whole, mark and all."""
    if p.mark in ("+", "-") and p.runs and all(sign == p.mark for sign, _ in p.runs):
        return p.mark
    return None


def _place_changed_marks(paragraphs: list[OutParagraph]) -> list[OutParagraph]:
    """Paragraphs whose marks that must stay (the paragraph with the first footnote
    reference, the document's last paragraph) are kept, where the run of paragraphs
    inserted or deleted whole that they stand in allows it.

    In such a run, with the kept paragraph before it, each version has some of the
    paragraphs; between two of them (and after the last) exactly one mark must
    be seen in that version, and it need not be the mark of the first: so the
    kept marks are chosen where they must be, and the others follow.
    """
    out = [replace(p) for p in paragraphs]
    first_note = next((k for k, p in enumerate(out) if _has_note(p)), None)
    must = {k for k in (first_note, len(out) - 1) if k is not None and k >= 0 and out[k].mark != "="}
    drop: set[int] = set()
    for k in sorted(must):
        if _whole(out[k]) is None:
            continue  # a split or merged paragraph: its mark is where it must be
        s = e = k
        while s > 0 and _whole(out[s - 1]) is not None:
            s -= 1
        while e + 1 < len(out) and _whole(out[e + 1]) is not None:
            e += 1
        if s and out[s - 1].mark != "=":
            continue
        marks = ([s - 1] if s else []) + list(range(s, e + 1))
        chosen = _choose_marks(out, marks, {n for n, j in enumerate(marks) if j in must or j == first_note})
        if chosen is None:
            continue
        for j, sign in zip(marks, chosen):
            if sign:
                out[j].mark = sign
            else:  # seen in neither version: the paragraph is one with the next
                drop.add(j)
    for k in sorted(drop, reverse=True):
        joined, into = out[k], out[k + 1]
        into.runs = joined.runs + into.runs
        into.comment = "; ".join(c for c in (joined.comment, into.comment) if c) or None
        into.author = into.author or joined.author
        del out[k]
    return out


def _choose_marks(out: list[OutParagraph], marks: list[int], kept: set[int]) -> list[str] | None:
    """The change of each mark of a run (``""``: none), the marks at ``kept`` (positions
    in ``marks``) seen in both versions; None when no choice does that."""
    seen = {}
    for version, visible in (("accept", _ACCEPTED), ("reject", _REJECTED)):
        present = [n for n, k in enumerate(marks) if out[k].mark == "=" or _whole(out[k]) in visible]
        if not present or any(n < present[0] for n in kept):
            return None  # a kept mark before any paragraph of this version
        shown = [False] * len(marks)
        for t, first in enumerate(present):
            last = present[t + 1] if t + 1 < len(present) else len(marks)
            here = [n for n in range(first, last) if n in kept]
            if len(here) > 1:
                return None
            shown[here[0] if here else first] = True
        seen[version] = shown
    signs = {(True, True): "=", (True, False): "+", (False, True): "-", (False, False): ""}
    chosen = [signs[(a, r)] for a, r in zip(seen["accept"], seen["reject"])]
    return None if chosen[-1] == "" else chosen


def _keep_last_mark(paragraphs: list[OutParagraph]) -> list[OutParagraph]:
    """Paragraphs whose last mark is kept.

    After the last kept mark, accepting keeps the inserted marks and rejecting
    the deleted ones; the last of each closes the last paragraph of its version.
    So the last paragraph's mark is kept and the other side's last mark is
    dropped (its paragraph joins the next); the kept mark before them is then
    only needed by the versions that still have a paragraph after it.
    """
    if not paragraphs or paragraphs[-1].mark == "=":
        return paragraphs
    k = max((i for i, p in enumerate(paragraphs) if p.mark == "="), default=-1)
    tail = paragraphs[k + 1 :]
    if any(p.mark not in ("+", "-") for p in tail):  # a moved paragraph: its range stays whole
        return paragraphs
    out = [replace(p) for p in paragraphs]
    tail = out[k + 1 :]
    last = {sign: max((i for i, p in enumerate(tail) if p.mark == sign), default=None) for sign in ("+", "-")}
    end = tail[-1]
    if last["+"] is not None:  # the new version's layout for the paragraph both versions end with
        end.style = tail[last["+"]].style
    other = last["-" if end.mark == "+" else "+"]
    end.mark = "="
    if other is not None:
        joined, into = tail[other], tail[other + 1]
        into.runs = joined.runs + into.runs
        into.comment = "; ".join(c for c in (joined.comment, into.comment) if c) or None
        into.author = into.author or joined.author
        del out[k + 1 + other]
    if k >= 0:
        accepted, rejected = last["+"] is not None, last["-"] is not None
        out[k].mark = "=" if accepted and rejected else "+" if accepted else "-"
    return out


def _part_insertions(paragraphs: list[OutParagraph]) -> list[OutParagraph]:
    """Paragraphs where no kept mark has an insertion right before and right after it.

    ``…+A ¶ +B…`` is written ``…+A ¶(inserted) +B ¶(deleted)…``: accepting keeps
    the first mark, rejecting the second, and between them only inserted text,
    so both versions keep their paragraphs, and the insertions are one with the
    inserted mark between them.
    """
    out = [replace(p) for p in paragraphs]
    first_note = next((p for p in out if _has_note(p)), None)

    def first(p: OutParagraph) -> str:
        return p.runs[0][0] if p.runs else p.mark

    i = 0
    while i < len(out) - 1:
        p = out[i]
        before = p.runs[-1][0] if p.runs else (out[i - 1].mark if i else "")
        if not (p.mark == "=" and before == "+" and first(out[i + 1]) == "+") or p is first_note:
            i += 1
            continue
        p.mark = "+"
        j = i + 1
        while j < len(out) and out[j].mark == "+" and all(sign == "+" for sign, _ in out[j].runs):
            j += 1
        if j == len(out):  # only inserted paragraphs follow: the last of them keeps its mark
            out[-1].mark = "="
            break
        lead = next((n for n, (sign, _) in enumerate(out[j].runs) if sign != "+"), len(out[j].runs))
        if lead == 0:  # the insertions end with an inserted mark: that mark is the one both keep
            out[j - 1].mark = "="
        elif any(t.kind == "note" for _, t in out[j].runs[:lead]) and out[j] is first_note:
            p.mark = "="  # that mark must stay kept: LibreOffice would lose its change
        else:
            rest = out[j]
            out[j : j + 1] = [
                OutParagraph(rest.runs[:lead], "-", p.style, author=rest.author, comment=rest.comment),
                replace(rest, runs=rest.runs[lead:], comment=None),
            ]
            j += 1
        i = j
    return out


# ----------------------------------------------------------------- the document


def kind_note(pair: Pair) -> str:
    """ "substantive: verb stronger: encourages -> urges", the comment on a change."""
    notes = []
    for e in pair.edits:
        words = e.type.replace("-", " ")
        notes.append(f"{words}: {e.old} \u2192 {e.new}" if e.old and e.new else f"{words}: {e.old or e.new}")
    return _xml_text(f"{pair.kind}" + (f": {'; '.join(notes)}" if notes else ""))


def _xml_text(text: str) -> str:
    """Text Word's XML can hold: control characters (which XML 1.0 forbids) shown as their
    symbols, as the other formats show them, and U+FFFE/U+FFFF as U+FFFD."""
    from toolkit.render.safe import visible

    return visible(text).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def render(
    comparison: Comparison, date: dt.datetime | None = None, authors: Callable[[Pair], str | None] | None = None
) -> bytes:
    """The redline as the bytes of a .docx file; ``authors`` names who made each pair's
    changes (an amendment's symbol and sponsors), shown by Word as the author of each."""
    return _Writer(comparison, date, authors).build()


def render_document(doc: Document) -> bytes:
    """One document as a .docx with no tracked changes (its text, numbering and footnotes)."""
    from toolkit.comparison import compare

    return render(compare(doc, doc))


def _version(doc: Document, pairs: tuple[Pair, ...], side: str) -> Version:
    keys: dict[int, str] = {}
    for k, pair in enumerate(p for p in pairs if p.section == "footnotes"):
        for fid in getattr(pair, side):
            keys[int(fid[2:].split("-")[0])] = str(k)
    notes = {}
    for note in doc.footnotes:
        notes.setdefault(note.number, note.text)
    return Version(doc, notes, keys)


class _Writer:
    def __init__(self, comparison: Comparison, date: dt.datetime | None, authors: Callable[[Pair], str | None] | None = None):
        self.c = comparison
        self.authors = authors
        self.author = AUTHOR
        stamp = date or dt.datetime.now(dt.timezone.utc)
        self.date = stamp.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1
        self.next_note = 1
        self.moves = 0
        self.range_ids: dict[tuple[str, int], str] = {}
        self.footnotes: list[tuple[int, list[tuple[str, Token]], str]] = []  # (id, runs, change of the whole note)
        self.old = _version(comparison.old, comparison.pairs, "old")
        self.new = _version(comparison.new, comparison.pairs, "new")
        self.comment_template = None  # the first margin comment, empty: later ones are copies of it
        self.next_comment = 0

    # -- layout ---------------------------------------------------------------

    def paragraphs(self) -> list[OutParagraph]:
        old_parts, new_parts = _lines(self.old), _lines(self.new)
        out: list[OutParagraph] = []
        out += diff_blocks(old_parts["header"], new_parts["header"])
        out += diff_lines(old_parts["organ"], new_parts["organ"])
        out += self._body()
        out += diff_blocks(old_parts["footer"], new_parts["footer"])
        out += diff_blocks(old_parts["annex"], new_parts["annex"])
        return out

    def _body(self) -> list[OutParagraph]:
        old_lines = self.old.paragraph_lines
        new_lines = self.new.paragraph_lines
        old_index = {p.id: i for i, p in enumerate(self.c.old.paragraphs)}
        entries: list[tuple[set[int], list[OutParagraph]]] = []
        moves: list[tuple[int, Pair, int]] = []
        for pair in self.c.pairs:
            if pair.section != "paragraphs":
                continue
            before = [line for pid in pair.old for line in old_lines[pid]]
            after = [line for pid in pair.new for line in new_lines[pid]]
            if pair.op == "move":
                self.moves += 1
                moves.append((min(old_index[pid] for pid in pair.old), pair, self.moves))
                entries.append((set(), self._by(pair, moved(after, "mt", self.moves))))
            else:
                entries.append(({old_index[pid] for pid in pair.old}, self._by(pair, diff_lines(before, after))))
        # Each moved paragraph's old text stands where it stood: after the last entry that
        # holds an old paragraph before it (moves in old order, so a later one goes after an
        # earlier one). That last entry only moves forward as the old index grows: one sweep,
        # where inserting each move after a scan of every entry was quadratic.
        first_old = sorted((min(covered), pos) for pos, (covered, _) in enumerate(entries) if covered)
        after: dict[int, list[list[OutParagraph]]] = {}
        last, taken = -1, 0
        for k, pair, number in sorted(moves, key=lambda m: m[0]):
            while taken < len(first_old) and first_old[taken][0] < k:
                last = max(last, first_old[taken][1])
                taken += 1
            before = [line for pid in pair.old for line in old_lines[pid]]
            block = self._by(pair, moved(before, "mf", number), note=False)  # the note goes where it went
            after.setdefault(last, []).append(block)
        ordered = list(after.get(-1, []))
        for pos, (_, block) in enumerate(entries):
            ordered.append(block)
            ordered += after.get(pos, [])
        return [para for block in ordered for para in block]

    def _by(self, pair: Pair, block: list[OutParagraph], note: bool = True) -> list[OutParagraph]:
        """The paragraphs of one pair, with the author of its changes."""
        author = self.authors(pair) if self.authors else None
        if author:
            for para in block:
                para.author = author
        if note and block and pair.kind and pair.op != "equal":
            block[0].comment = kind_note(pair)
        return block

    # -- XML ------------------------------------------------------------------

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def _change(self, tag: str) -> "etree._Element":
        from lxml import etree

        el = etree.Element(w(tag))
        el.set(w("id"), self._id())
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        return el

    def build(self) -> bytes:
        document = self._package()
        self.document = document
        body = document.element.body
        sect = body.find(w("sectPr"))
        for child in list(body):
            if child is not sect:
                body.remove(child)
        paragraphs = settle_marks(self.paragraphs())
        self.first_note = next((p for p in paragraphs if _has_note(p)), None)
        elements = [self._paragraph(p) for p in paragraphs]
        for el in elements:
            if sect is not None:
                sect.addprevious(el)
            else:
                body.append(el)
        self.author = AUTHOR  # notes are written after the body: no paragraph's author carries over
        self._footnotes_part(document)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def _package(self):
        """OLD's own package when it is a .docx (its styles kept), else python-docx's template."""
        import docx

        source = self.c.old.source
        if source.format == "docx":
            from toolkit.readers.docx_package import open_docx
            from toolkit.source import read_bytes

            _, document = open_docx(source.path, read_bytes(source.path))
            part = document.part
            for rid, rel in list(part.rels.items()):
                if rel.reltype.endswith(("/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible")):
                    part.drop_rel(rid)
            settings = document.settings.element
            for pr in settings.findall(w("footnotePr")):
                for note in pr.findall(w("footnote")):
                    pr.remove(note)
            return document
        return docx.Document()

    def _paragraph(self, para: OutParagraph):
        from lxml import etree

        self.author = para.author or AUTHOR
        p = etree.Element(w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        _paragraph_properties(ppr, para.style)
        # The mark of a paragraph moved here is an inserted mark, inside the move's range:
        # the same to Word, and LibreOffice (7.4) reads no w:moveTo on a paragraph mark.
        mark = {"+": "ins", "-": "del", "mf": "moveFrom", "mt": "ins"}.get(para.mark)
        if mark:
            rpr = etree.SubElement(ppr, w("rPr"))
            rpr.append(self._change(mark))
        range_id = None
        if para.mark in ("mf", "mt") and para.move_first:
            range_id = self._id()
            start = etree.SubElement(p, w("moveFromRangeStart" if para.mark == "mf" else "moveToRangeStart"))
            start.set(w("id"), range_id)
            start.set(w("author"), self.author)
            start.set(w("date"), self.date)
            start.set(w("name"), f"untk-move{para.move}")
            self.range_ids[(para.mark, para.move)] = range_id
        for sign, group in _groups(para.runs):
            runs = self._runs(group, sign, para.style)
            if sign == "=":
                p.extend(runs)
            else:
                wrapper = self._change({"+": "ins", "-": "del", "mf": "moveFrom", "mt": "moveTo"}[sign])
                wrapper.extend(runs)
                p.append(wrapper)
        if para.mark in ("mf", "mt") and para.move_last:
            end = etree.SubElement(p, w("moveFromRangeEnd" if para.mark == "mf" else "moveToRangeEnd"))
            end.set(w("id"), self.range_ids[(para.mark, para.move)])
        if para.comment:
            self._comment(p, ppr, para.comment, early=para is self.first_note)
        return p

    def _add_comment(self, text: str) -> str:
        """A new margin comment in the comments part; its id. python-docx makes the part and
        the first comment; later ones are copies of that one, numbered here (python-docx
        scans every comment for the next free id: quadratic in a long redline)."""
        import copy

        from lxml import etree

        if self.comment_template is None:
            first = self.document.comments.add_comment(author=AUTHOR, initials="u")._comment_elm
            self.comment_template = copy.deepcopy(first)
            self.next_comment = int(first.get(w("id")))
            element = first
        else:
            element = copy.deepcopy(self.comment_template)
            element.set(w("id"), str(self.next_comment))
            self.comment_root.append(element)
        self.comment_root = element.getparent()
        self.next_comment += 1
        element.set(w("date"), self.date)  # the redline's one date, not the clock's
        run = etree.SubElement(element.find(w("p")), w("r"))
        for i, line in enumerate(text.split("\n")):
            if i:
                etree.SubElement(run, w("br"))
            t = etree.SubElement(run, w("t"))
            t.text = _xml_text(line)
            t.set(f"{{{XML_NS}}}space", "preserve")
        return element.get(w("id"))

    def _comment(self, p, ppr, text: str, early: bool = False) -> None:
        """A margin comment over the whole paragraph (Word's Review pane lists it).

        ``early``: its reference mark at the start of the range rather than at its end,
        for the paragraph with the document's first footnote reference: LibreOffice
        (7.4) gives the following footnotes the wrong texts when a comment's
        reference stands between the first footnote reference and the second.
        """
        from lxml import etree

        cid = self._add_comment(text)
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), cid)
        ppr.addnext(start)
        end = etree.SubElement(p, w("commentRangeEnd"))
        end.set(w("id"), cid)
        ref_run = etree.Element(w("r"))
        ref_rpr = etree.SubElement(ref_run, w("rPr"))
        etree.SubElement(ref_rpr, w("rStyle")).set(w("val"), "CommentReference")
        etree.SubElement(ref_run, w("commentReference")).set(w("id"), cid)
        if early:
            start.addnext(ref_run)
        else:
            p.append(ref_run)

    def _runs(self, tokens: list[Token], sign: str, style: str) -> list:
        """The runs of tokens sharing one change: neighbours with the same formatting in one run.

        Words, spaces, tabs and line breaks of the same formatting make one run
        (one ``w:t`` for consecutive words), as Word writes them; a footnote
        reference and a repeated marker stay runs of their own.
        """
        from lxml import etree

        runs = []
        previous: tuple | None = None
        # The words of the text element being filled, set once it is complete: appending
        # to an lxml element's text copies it each time (quadratic in a long paragraph).
        pending: list[str] = []
        open_text = None

        def close() -> None:
            nonlocal open_text
            if open_text is not None:
                open_text.text = _xml_text("".join(pending))  # once per run, not once per word
            open_text = None
            pending.clear()

        for tok in tokens:
            key = ("text", tok.italic) if tok.kind in ("text", "br") else None
            if key is None or key != previous:
                close()
                runs.append(self._run(tok, sign, style))
                previous = key
                last = runs[-1][-1]
                if key is not None and last.tag in (w("t"), w("delText")):
                    open_text = last
                    pending.append(last.text or "")
                continue
            r = runs[-1]
            if tok.kind == "br":
                close()
                etree.SubElement(r, w("br"))
            elif tok.text == "\t":
                close()
                etree.SubElement(r, w("tab"))
            elif open_text is not None:
                pending.append(tok.text)
            else:
                t = etree.SubElement(r, w("delText" if sign in ("-", "mf") else "t"))
                t.set(f"{{{XML_NS}}}space", "preserve")
                open_text = t
                pending.append(tok.text)
        close()
        return runs

    def _run(self, tok: Token, sign: str, style: str):
        from lxml import etree

        r = etree.Element(w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        if style == "title":
            etree.SubElement(rpr, w("b"))
        if tok.italic:
            etree.SubElement(rpr, w("i"))
        deleted = sign in ("-", "mf")
        if tok.kind == "text":
            if tok.text == "\t":
                etree.SubElement(r, w("tab"))
            else:
                t = etree.SubElement(r, w("delText" if deleted else "t"))
                t.text = _xml_text(tok.text)
                t.set(f"{{{XML_NS}}}space", "preserve")
        elif tok.kind == "br":
            etree.SubElement(r, w("br"))
        elif tok.kind == "mark":
            etree.SubElement(rpr, w("vertAlign")).set(w("val"), "superscript")
            t = etree.SubElement(r, w("delText" if deleted else "t"))
            t.text = _xml_text(tok.text)
        elif tok.kind == "note":
            etree.SubElement(rpr, w("vertAlign")).set(w("val"), "superscript")
            ref = etree.SubElement(r, w("footnoteReference"))
            ref.set(w("id"), str(self._note(tok, sign)))
        if not len(rpr):
            r.remove(rpr)
        return r

    def _note(self, tok: Token, sign: str) -> int:
        """A footnote for one reference: a redline of its note when kept, else one side's text."""
        note_id = self.next_note
        self.next_note += 1
        if sign == "=":
            before = self.old.notes.get(tok.old_note, "")
            after = self.new.notes.get(tok.note, "")
            runs = [(op, t) for para in diff_lines([_plain(before)], [_plain(after)]) for op, t in para.runs]
            self.footnotes.append((note_id, runs, "="))
        else:
            side = self.old if sign in ("-", "mf") else self.new
            text = side.notes.get(tok.note, "")
            change = {"-": "-", "+": "+"}.get(sign, "=")
            runs = [(change, t) for t in _plain(text) if t.kind != "para"]
            self.footnotes.append((note_id, runs, change))
        return note_id

    def _footnotes_part(self, document) -> None:
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree

        root = etree.Element(w("footnotes"), nsmap={"w": W_NS})
        for note_id, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = etree.SubElement(root, w("footnote"))
            note.set(w("type"), kind)
            note.set(w("id"), str(note_id))
            p = etree.SubElement(note, w("p"))
            ppr = etree.SubElement(p, w("pPr"))
            spacing = etree.SubElement(ppr, w("spacing"))
            spacing.set(w("after"), "0")
            spacing.set(w("line"), "240")
            spacing.set(w("lineRule"), "auto")
            etree.SubElement(etree.SubElement(p, w("r")), w(kind))
        for note_id, runs, change in self.footnotes:
            note = etree.SubElement(root, w("footnote"))
            note.set(w("id"), str(note_id))
            p = etree.SubElement(note, w("p"))
            ppr = etree.SubElement(p, w("pPr"))
            _paragraph_properties(ppr, "note")
            if change in ("+", "-"):
                etree.SubElement(ppr, w("rPr")).append(self._change("ins" if change == "+" else "del"))
            ref = etree.Element(w("r"))
            etree.SubElement(etree.SubElement(ref, w("rPr")), w("vertAlign")).set(w("val"), "superscript")
            etree.SubElement(ref, w("footnoteRef"))
            space = etree.Element(w("r"))
            t = etree.SubElement(space, w("delText" if change == "-" else "t"))
            t.text = " "
            t.set(f"{{{XML_NS}}}space", "preserve")
            lead = [ref, space]
            if change in ("+", "-"):
                wrapper = self._change("ins" if change == "+" else "del")
                wrapper.extend(lead)
                p.append(wrapper)
            else:
                p.extend(lead)
            for sign, group in _groups(runs):
                made = self._runs(group, sign, "note")
                if sign == "=":
                    p.extend(made)
                else:
                    wrapper = self._change("ins" if sign == "+" else "del")
                    wrapper.extend(made)
                    p.append(wrapper)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = document.part
        for rid, rel in list(part.rels.items()):
            if rel.reltype == FOOTNOTES_RT:
                rel.target_part._blob = blob
                return
        new_part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, part.package)
        part.relate_to(new_part, FOOTNOTES_RT)


def _plain(text: str) -> list[Token]:
    """A footnote's text as tokens, ending with its paragraph mark."""
    return [Token("text", tok, "t:" + tok) for tok in word_tokens(text)] + [Token("para", "", "p", style="note")]


def _groups(runs: list[tuple[str, Token]]) -> list[tuple[str, list[Token]]]:
    groups: list[tuple[str, list[Token]]] = []
    for sign, tok in runs:
        if groups and groups[-1][0] == sign:
            groups[-1][1].append(tok)
        else:
            groups.append((sign, [tok]))
    return groups


#: Paragraph layout by kind: (first-line indent, left indent, space after, alignment), in twips.
_LAYOUT = {
    "symbol": (0, 0, 0, "right"),
    "header": (0, 0, 0, None),
    "session": (0, 0, 0, None),
    "adopted": (0, 0, 120, None),
    "title": (0, 0, 240, None),
    "organ": (720, 0, 120, None),
    "pp": (720, 0, 120, "both"),
    "op": (720, 0, 120, "both"),
    "sub1": (720, 720, 120, "both"),
    "sub2": (720, 1440, 120, "both"),
    "sub3": (720, 2160, 120, "both"),
    "footer": (0, 0, 0, None),
    "annex-heading": (0, 0, 120, "center"),
    "annex-title": (0, 0, 240, "center"),
    "annex": (720, 0, 120, "both"),
    "note": (0, 0, 0, None),
}


def _paragraph_properties(ppr, style: str) -> None:
    from lxml import etree

    first, left, after, align = _LAYOUT.get(style, (0, 0, 120, None))
    spacing = etree.SubElement(ppr, w("spacing"))
    spacing.set(w("after"), str(after))
    if first or left:
        ind = etree.SubElement(ppr, w("ind"))
        if left:
            ind.set(w("left"), str(left))
        if first:
            ind.set(w("firstLine"), str(first))
    if align:
        etree.SubElement(ppr, w("jc")).set(w("val"), align)
