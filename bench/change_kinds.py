#!/usr/bin/env python3
"""How the changes of real recurring resolutions split by kind, and a sample to review.

    .venv/bin/python bench/change_kinds.py            print the figures as Markdown
    .venv/bin/python bench/change_kinds.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --kinds             the same, through the benchmark runner

The series are the recurring General Assembly resolutions of sessions 78-80 listed in
``../shared/corpus/unga-78-80/PROVENANCE.md`` (each title's resolutions, oldest first:
78 -> 79 -> 80 gives two pairs). Each consecutive pair of published PDFs goes through
``untk diff``; the changed pairs are counted by kind, and by op within the kinds, and
the notable edits by type. ``SAMPLE`` changed pairs, drawn with a fixed seed, are listed
with their redlines in ``bench/out/kinds-sample.md`` for a reader to judge; the verdicts
kept in ``bench/kinds-review.md`` give the precision of the sample.
"""

from __future__ import annotations

import os
import random
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, bench_main, machine_notes, revision  # noqa: E402

from toolkit.comparison import compare  # noqa: E402
from toolkit.readers import read_document  # noqa: E402

SERIES = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "unga-78-80"))
SAMPLE = 50
SAMPLE_FILE = os.path.join(ROOT, "bench", "out", "kinds-sample.md")  # git ignores bench/out/
REVIEW_FILE = os.path.join(ROOT, "bench", "kinds-review.md")
BEGIN, END = "<!-- kinds:begin -->", "<!-- kinds:end -->"


def series() -> list[tuple[str, list[str]]]:
    """(title, [symbol, ...]) of each recurring series, oldest first."""
    text = open(os.path.join(SERIES, "PROVENANCE.md"), encoding="utf-8").read()
    found = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and "\u2192" in cells[1] and "A/RES/" in cells[1]:
            found.append((cells[0], [s.strip() for s in cells[1].split("\u2192")]))
    return found


def pdf(symbol: str) -> str:
    return os.path.join(SERIES, symbol.replace("/", "_") + ".pdf")


def redline_text(pair) -> str:
    return "".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in pair.redline)


def measure() -> tuple[list[tuple[str, str, object]], Counter, Counter, Counter, int]:
    pairs = []
    kinds: Counter = Counter()
    by_op: Counter = Counter()
    edits: Counter = Counter()
    updates = 0
    for _title, symbols in series():
        for old, new in zip(symbols, symbols[1:]):
            comparison = compare(read_document(pdf(old)), read_document(pdf(new)))
            updates += comparison.technical_only
            for pair in comparison.pairs:
                if pair.kind is None:
                    continue
                kinds[pair.kind] += 1
                by_op[(pair.kind, pair.op)] += 1
                edits.update(e.type for e in pair.edits)
                pairs.append((old, new, pair))
    return pairs, kinds, by_op, edits, updates


def sample_listing(pairs) -> list[str]:
    chosen = random.Random(0).sample(pairs, min(SAMPLE, len(pairs)))
    out = ["# A sample of classified changes (fixed seed; judge each kind against its redline)", ""]
    for n, (old, new, pair) in enumerate(chosen, 1):
        notes = "; ".join(f"{e.type}: {e.old or ''} -> {e.new or ''}" for e in pair.edits)
        out += [
            f"## {n}. {old} -> {new}  {'+'.join(pair.old) or '-'} -> {'+'.join(pair.new) or '-'}  {pair.op}  **{pair.kind}**"
            + (f"  ({notes})" if notes else ""),
            "",
            redline_text(pair)[:1500],
            "",
        ]
    return out


def review() -> tuple[int, int, list[str]]:
    """(right, judged, wrong lines) from the kept verdicts: lines "N. right" or "N. wrong: why"."""
    if not os.path.exists(REVIEW_FILE):
        return 0, 0, []
    right = judged = 0
    wrong = []
    for line in open(REVIEW_FILE, encoding="utf-8"):
        m = re.match(r"^\s*(\d+)\.\s+(right|wrong)\b(.*)$", line)
        if m:
            judged += 1
            right += m[2] == "right"
            if m[2] == "wrong":
                wrong.append(f"{m[1]}.{m[3]}".rstrip())
    return right, judged, wrong


def build_section() -> str:
    if not os.path.isdir(SERIES):
        return f"{BEGIN}\n## Change kinds on real series\n\nNot measured: {SERIES} is absent.\n{END}"
    pairs, kinds, by_op, edits, updates = measure()
    os.makedirs(os.path.dirname(SAMPLE_FILE), exist_ok=True)
    with open(SAMPLE_FILE, "w", encoding="utf-8") as handle:
        handle.write("\n".join(sample_listing(pairs)) + "\n")
    n_series = len(series())
    n_pairs = sum(len(s) - 1 for _, s in series())
    total = sum(kinds.values())
    lines = [
        BEGIN,
        "## Change kinds on real series",
        "",
        f"`bench/change_kinds.py`, {revision()}. {n_series} recurring General Assembly series of sessions 78–80,"
        f" {n_pairs} consecutive version pairs of the published PDFs through `untk diff`.",
        f"{updates} of the {n_pairs} version pairs are a technical update only.",
        "",
        "| kind | changed pairs | share | by op |",
        "| --- | ---: | ---: | --- |",
    ]
    for kind in ("technical", "editorial", "substantive"):
        ops = ", ".join(f"{op} {n}" for (k, op), n in sorted(by_op.items()) if k == kind)
        lines.append(f"| {kind} | {kinds[kind]} | {kinds[kind] / max(total, 1):.0%} | {ops} |")
    lines += ["", "Notable edits within substantive changes: " + (", ".join(f"{t} {n}" for t, n in edits.most_common()) or "none") + "."]
    right, judged, wrong = review()
    if judged:
        lines += [
            "",
            f"Reviewed sample ({SAMPLE} changed pairs drawn with seed 0, each read against its redline;"
            f" verdicts in `bench/kinds-review.md`): {right} of {judged} kinds right, precision {right / judged:.0%}.",
        ]
        if wrong:
            lines += ["Wrong:", *[f"- {w}" for w in wrong]]
    lines += ["", machine_notes(), END]
    return "\n".join(lines)


def main(argv=None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
