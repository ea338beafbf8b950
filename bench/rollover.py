#!/usr/bin/env python3
"""How much of next year's technical update the rollover drafts, and what it gets wrong.

    .venv/bin/python bench/rollover.py            print the figures as Markdown
    .venv/bin/python bench/rollover.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --rollover      the same, through the benchmark runner

The series are those of ``bench/change_kinds.py`` (the recurring General Assembly
resolutions of sessions 78-80, oldest first). For each consecutive pair the older text is
rolled over to the newer one's session (``untk rollover OLDER --session N``) and judged
against the newer text:

- *reproduced*: of the paragraphs and notes whose change from older to newer is
  ``technical`` in wording (``toolkit.change_kinds``; renumbering alone left out, the
  rollover never renumbers), the share whose rolled text equals the newer text exactly,
  and the share equal once each placeholder ("A/80/[…]") stands for the symbol the newer
  text has;
- every rollover edit is *right* when the newer text has its result in its place (a
  placeholder matching the new symbol), *wrong* when the newer text still has what the
  edit replaced, and *open* when the newer text says something else there (a rewritten
  or deleted paragraph): the wrong and open edits are listed for review.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from change_kinds import SERIES, pdf, series  # noqa: E402
from run import bench_main, machine_notes, revision  # noqa: E402

from toolkit.comparison import compare  # noqa: E402
from toolkit.readers import read_document  # noqa: E402
from toolkit.rollover import PLACEHOLDER, Rollover, RolloverEdit, rollover  # noqa: E402

BEGIN, END = "<!-- rollover:begin -->", "<!-- rollover:end -->"
REVIEW_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rollover-review.md")
CONTEXT_WORDS = 4


@dataclass(frozen=True)
class Verdict:
    edit: RolloverEdit
    verdict: str  # "right", "wrong" or "open"
    newer: str  # the newer text around the place, for review


def _fold(text: str) -> str:
    return " ".join(text.split())


def _pattern(text: str) -> str:
    """A regular expression of folded text in which each placeholder stands for a symbol's part."""
    parts = [re.escape(p) for p in _fold(text).split(PLACEHOLDER)]
    return r"[\w.]+(?:\s+and\s+A/[\w./]+)?".join(parts)


def _text(element) -> str:
    return element.full_text if hasattr(element, "full_text") else element.text


def counterparts(result: Rollover, newer) -> dict[str, str]:
    """Each previous paragraph and footnote id -> the newer text of what it became ('' when gone)."""
    comparison = compare(result.previous, newer)
    out: dict[str, str] = {}
    for pair in comparison.pairs:
        texts = []
        for nid in pair.new:
            element = newer.find(nid)
            texts.append(_text(element) if element is not None else "")
        for oid in pair.old:
            out[oid] = "\n".join(texts)
    return out


def _paragraph_id(element: str) -> str:
    return element.split("(")[0]


def judge(result: Rollover, newer) -> list[Verdict]:
    """Each edit of the rollover judged against the newer text (metadata edits left out)."""
    newer_of = counterparts(result, newer)
    # A short paragraph whose every number changed ("Recalling its resolution 78/66 of 4 December
    # 2023,") is no pair for the aligner: its edits are looked for in the whole newer text.
    whole = _fold("\n".join([_text(p) for p in newer.paragraphs] + [n.text for n in newer.footnotes]))
    verdicts = []
    for edit in result.edits:
        if edit.start is None:
            continue
        old = result.previous.find(edit.element)
        draft = result.draft.find(edit.element)
        paired = _fold(newer_of.get(_paragraph_id(edit.element), ""))
        newer_text = paired or whole
        if old is None or draft is None:
            verdicts.append(Verdict(edit, "open", ""))
            continue
        old_text = old.text
        left = " ".join(old_text[: edit.start].split()[-CONTEXT_WORDS:])
        right = " ".join(old_text[edit.end :].split()[:CONTEXT_WORDS])
        lead = " " if old_text[: edit.start][-1:].isspace() else ""
        trail = " " if old_text[edit.end : edit.end + 1].isspace() else ""
        kept = re.search(re.escape(_fold(f"{left}{lead}{edit.before}{trail}{right}")), newer_text)
        made = re.search(_pattern(f"{left}{lead}{edit.after}{trail}{right}"), newer_text)
        if not made and not kept and not paired and re.search(_pattern(draft.text), whole):
            made = re.search(_pattern(draft.text), whole)  # the drafted paragraph stands whole in the newer text
        if not made and not kept and paired:  # a neighbour changed too: the result between its next words only
            near = " ".join(left.split()[-1:])
            next_word = re.match(r"[\w/-]*", right)[0]  # "/11" of "/11).": the note may go on differently
            made = re.search(_pattern(f"{near}{lead}{edit.after}{trail}{next_word}"), newer_text) if near or next_word else None
        where = newer_text[max(0, (made or kept).start() - 20) : (made or kept).end() + 20] if (made or kept) else _window(newer_text, left)
        verdicts.append(Verdict(edit, "right" if made else "wrong" if kept else "open", where))
    return verdicts


def _window(text: str, left: str) -> str:
    word = left.split()[-1] if left.split() else ""
    at = text.find(word) if word else -1
    return text[max(0, at - 40) : at + 160] if at >= 0 else text[:160]


_CAUSES = (
    ("a Security Council resolution", re.compile(r"\b\d{3,4} \((?:19|20)\d\d\)")),
    ("a session of another body", re.compile(r"\b(?:[a-z]+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|[a-z]+ieth|tenth|eleventh|twelfth|[a-z]+teenth)\b", re.I)),
    ("a document symbol", re.compile(r"[A-Z]+/|/[A-Z]")),
    ("another organ's or series' resolution", re.compile(r"\b\d{1,2}/\d{1,4}\b")),
    ("a year or date (noted, by design)", re.compile(r"\b(?:19|20)\d\d\b|\b[0-3]?\d\b")),
)


def cause(drafted: str, wanted: str) -> str:
    """What the rollover left for the drafter in a technical change it did not reproduce."""
    from toolkit.redline import redline

    changed = " ".join(t for op, t in redline(drafted, wanted) if op != "=")
    for name, pattern in _CAUSES:
        if pattern.search(changed):
            return name
    return "other"


def reproduced(result: Rollover, newer) -> tuple[int, int, int, list[str]]:
    """(technical changes, reproduced exactly, reproduced up to placeholders, causes of the others)."""
    comparison = compare(result.previous, newer)
    total = exact = placeheld = 0
    missed = []
    for pair in comparison.pairs:
        if pair.kind != "technical" or pair.op != "modify" or len(pair.old) != 1 or len(pair.new) != 1:
            continue
        total += 1
        drafted = _fold(_text(result.draft.find(pair.old[0])))
        wanted = _fold(_text(newer.find(pair.new[0])))
        if drafted == wanted:
            exact += 1
            placeheld += 1
        elif PLACEHOLDER in drafted and re.fullmatch(_pattern(drafted), wanted):
            placeheld += 1
        else:
            missed.append(cause(drafted, wanted))
    return total, exact, placeheld, missed


def measure():
    rows = []
    for _title, symbols in series():
        for old, new in zip(symbols, symbols[1:]):
            previous, newer = read_document(pdf(old)), read_document(pdf(new))
            result = rollover(previous, newer.metadata.session_number or 0, newer.metadata.adoption_date)
            only = compare(previous, newer).technical_only
            rows.append((old, new, result, judge(result, newer), reproduced(result, newer), only))
    return rows


def reviewed() -> dict[str, str]:
    """The kept verdicts: "OLDER ELEMENT BEFORE" -> "verdict: why"."""
    if not os.path.exists(REVIEW_FILE):
        return {}
    out = {}
    for line in open(REVIEW_FILE, encoding="utf-8"):
        m = re.match(r"^- (.+?) :: (.+)$", line.strip())
        if m:
            out[m[1]] = m[2]
    return out


def build_section() -> str:
    if not os.path.isdir(SERIES):
        return f"{BEGIN}\n## Rollover on real series\n\nNot measured: {SERIES} is absent.\n{END}"
    rows = measure()
    total = sum(r[4][0] for r in rows)
    exact = sum(r[4][1] for r in rows)
    placeheld = sum(r[4][2] for r in rows)
    verdicts: Counter = Counter()
    by_reason: Counter = Counter()
    notes: Counter = Counter()
    listed = []
    review = reviewed()
    verdicts_reviewed: Counter = Counter()
    for old, new, result, judged, *_ in rows:
        notes.update(n.reason for n in result.notes)
        for v in judged:
            verdicts[v.verdict] += 1
            by_reason[(v.edit.reason, v.verdict)] += 1
            if v.verdict != "right":
                key = f"{old} {v.edit.element} {_fold(v.edit.before)}"
                listed.append(
                    f"- {v.verdict}: {old} -> {new} {v.edit.element} ({v.edit.reason}): "
                    f"`{_fold(v.edit.before)}` -> `{_fold(v.edit.after)}`. Reviewed: {review.get(key, 'not yet')}"
                )
                verdicts_reviewed[review.get(key, "not yet").split(":")[0]] += 1
    edits = sum(verdicts.values())
    lines = [
        BEGIN,
        "## Rollover on real series",
        "",
        f"`bench/rollover.py`, {revision()}. Each older text of the {len(rows)} consecutive version pairs of"
        " `bench/change_kinds.py` rolled over to the newer one's session, and judged against the newer text.",
        "",
        f"Technical changes in wording (paragraphs and notes, renumbering alone left out): {total}; the rollover"
        f" reproduces {exact} exactly ({exact / max(total, 1):.0%}) and {placeheld} ({placeheld / max(total, 1):.0%})"
        " once each placeholder stands for the symbol the newer text has. What is left in the others: "
        + ", ".join(f"{c} {n}" for c, n in Counter(c for r in rows for c in r[4][3]).most_common())
        + ".",
        "",
        f"Whole texts: for {sum(1 for r in rows if not r[4][3])} of the {len(rows)} pairs the rollover reproduces every"
        f" technical change in wording (up to placeholders); {sum(1 for r in rows if r[5])} pairs are a technical update"
        f" only, and of those it drafts {sum(1 for r in rows if r[5] and not r[4][3])} completely.",
        "",
        f"Edits made: {edits} in paragraphs and notes (and the metadata of each draft). Judged against the newer"
        f" text by their words: right {verdicts['right']}, wrong {verdicts['wrong']}, open {verdicts['open']}; the"
        f" open ones read one by one: wrong {verdicts_reviewed['wrong']}, right {verdicts_reviewed['right']},"
        f" moot {verdicts_reviewed['moot']} (the newer text dropped or rewrote the passage), placeholder"
        f" {verdicts_reviewed['placeholder']}" + (f", not yet read {verdicts_reviewed['not yet']}" if verdicts_reviewed["not yet"] else "") + ".",
        "",
        "| reason | right | wrong | open |",
        "| --- | ---: | ---: | ---: |",
    ]
    for reason in sorted({r for r, _ in by_reason}):
        lines.append(f"| {reason} | {by_reason[(reason, 'right')]} | {by_reason[(reason, 'wrong')]} | {by_reason[(reason, 'open')]} |")
    lines += ["", "Review notes (left unchanged): " + (", ".join(f"{r} {n}" for r, n in notes.most_common()) or "none") + "."]
    if listed:
        lines += [
            "",
            f"Edits not confirmed by the newer text, each read against it (verdicts kept in `bench/rollover-review.md`): "
            + ", ".join(f"{k} {n}" for k, n in verdicts_reviewed.most_common()) + ".",
            *listed,
        ]
    lines += ["", machine_notes(), END]
    return "\n".join(lines)


def main(argv=None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
