#!/usr/bin/env python3
"""Measure ``untk diff`` against other diff tools, and the aligner at scale.

    .venv/bin/python bench/diff_bench.py            print the figures as Markdown
    .venv/bin/python bench/diff_bench.py --write    also put them in bench/RESULTS.md

Needs the ``bench`` extra (``pip install -e '.[bench]'``, for ``redlines``) and
``git``. Pairs: edited versions of the seed, and consecutive related Security
Council resolutions from ``../shared/corpus/unsc`` (skipped when absent).
Scale: synthetic documents built from real paragraph texts, with known edits.
Everything runs pinned to one CPU, subprocesses included.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import itertools
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (bench_main, ROOT, SEED, CORPUS, cell, child_env, expected_symbol, machine_notes, one_core,  # noqa: E402
                 revision, untk_script, verdict)

from redlines import Redlines  # noqa: E402

from toolkit.align import MATCH, Link, align  # noqa: E402
from toolkit.comparison import compare  # noqa: E402
from toolkit.model import Document, Location, Metadata, Paragraph, ParagraphKind, Source, SourceMap, Span  # noqa: E402
from toolkit.normalize import Normalization  # noqa: E402
from toolkit.readers import read_document  # noqa: E402
from toolkit.render import DIFF_FORMATS, formatter  # noqa: E402
from toolkit.similarity import profile, similarity  # noqa: E402

RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
OUT = os.path.join(ROOT, "bench", "out", "diff")  # git ignores bench/out/
BEGIN, END = "<!-- diff:begin -->", "<!-- diff:end -->"

PAIR_RUNS, SCALE_RUNS = 5, 3
CORPUS_PAIRS, LOOKBACK, RELATED = 14, 60, 0.5  # pairs wanted; files looked back; trigram Jaccard
SCALE, SIZES, UNRELATED = 5_000, (1_250, 2_500, 5_000, 10_000), 1_000
RATES = {"edited": 0.02, "deleted": 0.01, "inserted": 0.01, "moved": 0.005}
AIM_S = 2.0
OP_LINE = re.compile(r"^\t(\d+)\.(\s*\t.*)$")  # the text keeps its separator, as printed


@dataclass(frozen=True)
class Case:
    """One version pair: files on disk, and what was done to get NEW from OLD."""

    name: str
    old: str
    new: str
    group: str  # "seed" or "corpus"
    note: str = ""


# --- the pairs -----------------------------------------------------------------

INSERTED = ("Calls upon Member States to report to the Secretary-General on the measures they have taken "
            "to implement the Strategy, including on the exchange of good practices;")
REWORDS = {  # operative number (0: the preambular paragraph) -> (old wording, new wording)
    0: ("Renewing its unwavering commitment", "Renewing its strong and unwavering commitment"),
    3: ("Stresses the importance of keeping the Strategy relevant and contemporary in the light of emerging new",
        "Underlines the importance of keeping the Strategy relevant in the light of new and emerging"),
    19: ("Urges all States to respect and protect", "Calls upon all States to respect, protect and promote"),
    36: ("lone terrorists", "lone actors"),
    71: ("seventy-second session", "seventy-third session"),
}
SPLIT_AT = (17, ", and also calls for dialogue", ";\n\tAlso calls for dialogue")


def seed_variant(edits: Sequence[str]) -> str:
    """The seed's text with the named edits made (applied by original paragraph number), renumbered."""
    lines = open(SEED, encoding="utf-8").read().split("\n")
    first = next(i for i, line in enumerate(lines) if OP_LINE.match(line))
    last = max(i for i, line in enumerate(lines) if OP_LINE.match(line))
    head, tail = lines[:first], lines[last + 1:]
    ops: list[tuple[int, str]] = [(int(m[1]), m[2]) for m in map(OP_LINE.match, lines[first:last + 1]) if m]
    if "reword" in edits:
        for number, (old, new) in REWORDS.items():
            if number == 0:
                k = next(i for i, line in enumerate(head) if old in line)
                head[k] = head[k].replace(old, new)
            else:
                k = next(i for i, (n, _) in enumerate(ops) if n == number)
                assert old in ops[k][1], (number, old)
                ops[k] = (number, ops[k][1].replace(old, new))
    if "split" in edits:
        number, at, into = SPLIT_AT
        k = next(i for i, (n, _) in enumerate(ops) if n == number)
        first_part, second = ops[k][1].replace(at, into, 1).split("\n")
        ops[k:k + 1] = [(number, first_part), (-1, second)]
    if "move" in edits:
        moved = ops.pop(next(i for i, (n, _) in enumerate(ops) if n == 5))
        k = next(i for i, (n, _) in enumerate(ops) if n == 40)
        ops.insert(k + 1, moved)
    if "delete" in edits:
        ops = [(n, t) for n, t in ops if n != 10]
    if "insert" in edits:
        k = next(i for i, (n, _) in enumerate(ops) if n == 3)
        ops.insert(k + 1, (-1, "\t" + INSERTED))
    body = [f"\t{i}.{text}" for i, (_, text) in enumerate(ops, 1)]
    return "\n".join(head + body + tail)


SEED_VARIANTS = {  # name -> (edits, what was done)
    "reworded": (["reword"], "5 paragraphs reworded (1 preambular, 4 operative)"),
    "deleted": (["delete"], "OP10 deleted, OP11–72 renumbered"),
    "moved": (["move"], "OP5 moved after OP40, OP6–40 renumbered"),
    "split": (["split"], "OP17 split in two, OP18–72 renumbered"),
    "inserted": (["insert"], "new paragraph after OP3, OP4–72 renumbered"),
    "combined": (["reword", "split", "move", "delete", "insert"], "all five edits above in one revision"),
}


def seed_cases() -> list[Case]:
    """Write the seed's variants to bench/out/diff/ and pair each with the seed."""
    os.makedirs(OUT, exist_ok=True)
    cases = []
    for name, (edits, note) in SEED_VARIANTS.items():
        path = os.path.join(OUT, f"seed_{name}.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(seed_variant(edits))
        cases.append(Case(f"seed: {name}", SEED, path, "seed", note))
    return cases


def corpus_docs() -> dict[str, Document]:
    """Corpus files by name: those that read with the symbol their name gives; empty without the corpus."""
    docs = {}
    if os.path.isdir(CORPUS):
        for name in sorted(os.listdir(CORPUS)):
            try:
                doc = read_document(os.path.join(CORPUS, name))
            except Exception:  # the reading benchmark reports these
                continue
            if doc.metadata.symbol == expected_symbol(name):
                docs[name] = doc
    return docs


def trigrams(doc: Document) -> set[tuple[str, ...]]:
    """Word trigrams of a document's paragraphs, for finding related resolutions."""
    words = re.findall(r"\w+", " ".join(p.full_text for p in doc.paragraphs).casefold())
    return set(zip(words, words[1:], words[2:]))


def corpus_cases(docs: dict[str, Document]) -> list[Case]:
    """Consecutive related resolutions: each file with the latest earlier one sharing ≥ RELATED of its trigrams.

    Of those, the longest pairs are kept, each file in one pair at most.
    """
    names = list(docs)
    grams = {n: trigrams(docs[n]) for n in names}
    found = []
    for i, new in enumerate(names):
        for old in reversed(names[max(0, i - LOOKBACK):i]):
            union = len(grams[old] | grams[new])
            jaccard = len(grams[old] & grams[new]) / union if union else 0.0
            if RELATED <= jaccard < 0.999:
                found.append((old, new, jaccard))
                break
    found.sort(key=lambda f: (-len(docs[f[0]].paragraphs) - len(docs[f[1]].paragraphs), f[1]))
    chosen, used = [], set()
    for old, new, jaccard in found:
        if old not in used and new not in used and len(chosen) < CORPUS_PAIRS:
            chosen.append((old, new, jaccard))
            used |= {old, new}
    return [Case(f"{symbol(o)} → {symbol(n)}", os.path.join(CORPUS, o), os.path.join(CORPUS, n), "corpus",
                 f"{len(docs[o].paragraphs)}/{len(docs[n].paragraphs)} paragraphs, trigram Jaccard {j:.2f}")
            for o, n, j in sorted(chosen, key=lambda c: c[1])]


def symbol(name: str) -> str:
    """``S/RES/398 (1976)`` from the file name, or the name itself."""
    return expected_symbol(name) or name


# --- the tools -----------------------------------------------------------------


def read(path: str) -> str:
    """A file's text."""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def untk_library(case: Case) -> str:
    """What ``untk diff OLD NEW --format json`` does, in process: read both, compare, render."""
    comparison = compare(read_document(case.old), read_document(case.new))
    return formatter(DIFF_FORMATS, "json")(comparison)


def run_quiet(command: list[str]) -> str:
    """Run a diff command (exit 0 or 1 both mean success) and return its output."""
    done = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[:200]}")
    return done.stdout


TOOLS: dict[str, tuple[str, Callable[[Case], object]]] = {
    "untk (library)": ("`compare(read_document(OLD), read_document(NEW))` + JSON render", untk_library),
    "untk (CLI)": ("`.venv/bin/untk diff OLD NEW --format json` (subprocess)",
                   lambda c: run_quiet([untk_script(), "diff", c.old, c.new, "--format", "json"])),
    "redlines": ("`Redlines(old_text, new_text).output_markdown`",
                 lambda c: Redlines(read(c.old), read(c.new)).output_markdown),
    "difflib": ("`difflib.HtmlDiff().make_file(old_lines, new_lines)`",
                lambda c: difflib.HtmlDiff().make_file(read(c.old).splitlines(), read(c.new).splitlines())),
    "git": ("`git diff --no-index --word-diff=porcelain OLD NEW` (subprocess)",
            lambda c: run_quiet(["git", "diff", "--no-index", "--word-diff=porcelain", c.old, c.new])),
}
FEATURES = {  # tool -> (aligns paragraphs, detects moves, word-level)
    "untk (library)": ("yes", "yes (also splits, merges, renumbering)", "yes"),
    "untk (CLI)": ("yes", "yes (also splits, merges, renumbering)", "yes"),
    "redlines": ("no: one token stream", "no: deleted + inserted", "yes"),
    "difflib": ("no: lines (a paragraph only when one per line)", "no: deleted + added lines",
                "no: characters within changed lines"),
    "git": ("no: lines (a paragraph only when one per line)", "no: deleted + added", "yes"),
}


Timing = tuple[float, float]  # wall seconds, CPU seconds


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(action: Callable[[], object]) -> Timing:
    """Wall and CPU time of one call; CPU time is not inflated by other work on the same core."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    action()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def medians(samples: Sequence[Timing]) -> Timing:
    """Median wall and median CPU time."""
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def pair_times(cases: list[Case]) -> dict[str, list[Timing]]:
    """Per tool, each pair's median times over PAIR_RUNS runs after one warm-up."""
    result: dict[str, list[Timing]] = {tool: [] for tool in TOOLS}
    for case in cases:
        for tool, (_, action) in TOOLS.items():
            action(case)
            result[tool].append(medians([measure(lambda: action(case)) for _ in range(PAIR_RUNS)]))
    return result


def marked_words(case: Case) -> dict[str, str]:
    """How much each tool marks as changed on one pair (words deleted + inserted; lines for difflib)."""
    comparison = compare(read_document(case.old), read_document(case.new))
    untk = sum(len(text.split()) for p in comparison.pairs for op, text in p.redline if op != "=")
    parts = []
    for section in ("paragraphs", "footnotes"):
        pairs = [p for p in comparison.pairs if p.section == section]
        counts = Counter(p.op for p in pairs if p.op != "equal") + Counter(renumbered=sum(p.renumbered for p in pairs))
        if counts:
            parts.append(f"{section}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    summary = "; ".join(parts)
    red = Redlines(read(case.old), read(case.new))
    red_words = sum((i2 - i1) + (j2 - j1) for op, i1, i2, j1, j2 in red.opcodes if op != "equal")
    git = run_quiet(["git", "diff", "--no-index", "--word-diff=porcelain", case.old, case.new]).splitlines()
    git_words = sum(len(line[1:].split()) for line in git if line[:1] in ("+", "-") and line[:3] not in ("+++", "---"))
    diff = list(difflib.ndiff(read(case.old).splitlines(), read(case.new).splitlines()))
    lines = sum(1 for line in diff if line[:2] in ("- ", "+ "))
    return {"ops": summary or "identical", "untk": str(untk), "redlines": str(red_words), "git": str(git_words),
            "difflib": str(lines)}


# --- synthetic documents -------------------------------------------------------


def paragraph_pool(docs: dict[str, Document]) -> list[str]:
    """Real paragraph texts (seed, then corpus), normalised, unique, of 8 words or more, shuffled."""
    texts = [p.full_text for p in read_document(SEED).paragraphs]
    texts += [p.full_text for doc in docs.values() for p in doc.paragraphs]
    pool = list(dict.fromkeys(t for t in map(Normalization().apply, texts) if len(t.split()) >= 8))
    random.Random(70291).shuffle(pool)
    return pool


@dataclass
class Synthetic:
    """Two versions with known edits; ``expected`` holds the links a perfect aligner returns."""

    old: list[str]
    new: list[str]
    expected: set[tuple[str, tuple[int, ...], tuple[int, ...]]]


def reword(text: str, rng: random.Random) -> str:
    """A light edit: one word replaced, two inserted, one deleted (the counter phrase kept)."""
    words = text.split(" ")
    words[rng.randrange(len(words) - 2)] = "further"
    words.insert(rng.randrange(len(words) - 2), "in particular")
    del words[rng.randrange(len(words) - 2)]
    return " ".join(words)


def synthetic(pool: list[str], n: int, seed: int = 1) -> Synthetic:
    """OLD of ``n`` pool paragraphs (a counter phrase makes each unique); NEW with RATES of edits.

    An inserted paragraph is unlike every deleted one, so that pairing them is no defensible move.
    """
    rng = random.Random(seed)
    old = [f"{pool[i % len(pool)]} (item {i + 1})" for i in range(n)]
    counts = {kind: round(rate * n) for kind, rate in RATES.items()}
    picked = rng.sample(range(n), counts["edited"] + counts["deleted"] + counts["moved"])
    edited = set(picked[:counts["edited"]])
    deleted = set(picked[counts["edited"]:counts["edited"] + counts["deleted"]])
    moved = picked[counts["edited"] + counts["deleted"]:]
    items: list[tuple[int | None, str]] = [
        (i, reword(old[i], rng) if i in edited else old[i]) for i in range(n) if i not in deleted and i not in moved
    ]
    for i in moved:
        items.insert(rng.randrange(len(items) + 1), (i, old[i]))
    gone = [profile(old[i]) for i in deleted]  # an insert must not pass for a deleted paragraph moved

    def unlike(text: str) -> bool:
        return all(similarity(profile(text), g) < MATCH for g in gone)

    unlike_all = (k % len(pool) for k in range(n, n + len(pool)) if unlike(pool[k % len(pool)]))
    fresh = itertools.chain(unlike_all, itertools.cycle(range(len(pool))))  # a tiny pool may run out
    for k, base in zip(range(counts["inserted"]), fresh):
        items.insert(rng.randrange(len(items) + 1), (None, f"{pool[base]} (new item {k + 1})"))
    expected: set[tuple[str, tuple[int, ...], tuple[int, ...]]] = {("delete", (i,), ()) for i in deleted}
    for j, (i, _) in enumerate(items):
        if i is None:
            expected.add(("insert", (), (j,)))
        else:
            expected.add(("modify" if i in edited else "move" if i in moved else "equal", (i,), (j,)))
    return Synthetic(old, [text for _, text in items], expected)


def unrelated(pool: list[str], n: int, m: int) -> Synthetic:
    """Two documents of ``n`` and ``m`` paragraphs that share no paragraph (needs n + m pool texts)."""
    old = [f"{pool[i]} (item {i + 1})" for i in range(n)]
    new = [f"{pool[n + j]} (item {n + j + 1})" for j in range(m)]
    return Synthetic(old, new, set())


def document(texts: list[str]) -> Document:
    """A document of operative paragraphs, for ``compare``."""
    span = Span(Location(1, 1, 0), Location(1, 1, 0))
    paragraphs = tuple(Paragraph(f"OP{i}", ParagraphKind.OPERATIVE, str(i), text, span, SourceMap())
                       for i, text in enumerate(texts, 1))
    return Document(Source("<synthetic>", "text", "utf-8", ""), Metadata(), None, (), paragraphs, ())


def median_s(action: Callable[[], object]) -> Timing:
    """Median times of SCALE_RUNS runs, each after a full garbage collection."""
    samples = []
    for _ in range(SCALE_RUNS):
        gc.collect()
        samples.append(measure(action))
    return medians(samples)


def accuracy(case: Synthetic, links: list[Link]) -> tuple[int, Counter]:
    """Links that match the edits made, and the kinds of the others."""
    got = {(link.op, link.old, link.new) for link in links}
    return len(got & case.expected), Counter(op for op, _, _ in got - case.expected)


def orphan_pass(case: Synthetic) -> tuple[float, float, int] | None:
    """One instrumented ``align``: CPU s in all, in the unpaired split/merge pass, and ``containment`` calls."""
    import toolkit.align as module

    cls = getattr(module, "_Aligner", None)
    if cls is None or not hasattr(cls, "_orphan_splits") or not hasattr(module, "containment"):
        return None
    real_pass, real_containment = cls._orphan_splits, module.containment
    spent, calls = [0.0], [0]

    def counted(*args: object) -> float:
        calls[0] += 1
        return real_containment(*args)

    def timed_pass(self: object, *args: object) -> None:
        spent[0] += measure(lambda: real_pass(self, *args))[1]

    cls._orphan_splits, module.containment = timed_pass, counted
    try:
        total = measure(lambda: align(case.old, case.new))[1]
    finally:
        cls._orphan_splits, module.containment = real_pass, real_containment
    return total, spent[0], calls[0]


# --- report ----------------------------------------------------------------------


def group_median(times: list[float], indices: list[int]) -> float:
    """Median of the times of some pairs."""
    return statistics.median([times[i] for i in indices])


def peers_lines(cases: list[Case], times: dict[str, list[Timing]]) -> list[str]:
    """The comparison with other tools: timing table and what each produces."""
    groups = {g: [i for i, c in enumerate(cases) if c.group == g] for g in ("seed", "corpus")}
    wall = {tool: [w for w, _ in t] for tool, t in times.items()}
    base = wall["untk (library)"]
    lines = [
        f"### Against other diff tools, on the same {len(cases)} pairs",
        "",
        f"{len(groups['seed'])} edited versions of the seed (A/RES/70/291: 106 paragraphs, 9 footnotes, one paragraph "
        f"per line) and {len(groups['corpus'])} pairs of consecutive related Security Council resolutions "
        "(renewals; hard-wrapped lines), listed below. Every tool reads the two files itself. Per pair: one warm-up, "
        f"then the median of {PAIR_RUNS} runs; the table gives the median over pairs of those medians, wall time "
        "(CPU time of the process and its children in brackets: other work on the core inflates wall time only).",
        "",
        "| Tool | What runs | Median per pair | seed pairs (× untk) | SC pairs (× untk) | × untk (library) "
        "| Aligns paragraphs | Detects moves | Word-level |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for tool, (what, _) in TOOLS.items():
        t, cpu = wall[tool], [c for _, c in times[tool]]
        cols = {g: f"{group_median(t, idx) * 1000:.1f} ms ({group_median(t, idx) / group_median(base, idx):.2f}×)"
                if idx else "–" for g, idx in groups.items()}
        lines.append(f"| {tool} | {cell(what)} | **{statistics.median(t) * 1000:.1f} ms** "
                     f"({statistics.median(cpu) * 1000:.1f} ms) | {cols['seed']} | {cols['corpus']} "
                     f"| **{statistics.median(t) / statistics.median(base):.2f}×** | "
                     + " | ".join(FEATURES[tool]) + " |")
    lines += [
        "",
        "untk (library) includes reading both files into the document model (parse times: see the reading "
        "section); the CLI adds interpreter start-up. git is a C program; its time is mostly process start.",
    ]
    return lines


def marked_lines(cases: list[Case]) -> list[str]:
    """What each tool reports for the same known edits of the seed."""
    lines = [
        "",
        "#### The same edits, as each tool reports them",
        "",
        "Words marked deleted or inserted (untk: in its redlines, a moved paragraph counted as unchanged; "
        "redlines: tokens; git: words on `-`/`+` lines); difflib's HtmlDiff works on lines, so for it the "
        "count is lines marked deleted or added (`difflib.ndiff`, the same matcher).",
        "",
        "| Pair | Edits made | untk reports | untk words | redlines words | git words | difflib lines |",
        "|---|---|---|---|---|---|---|",
    ]
    for case in cases:
        if case.group == "seed":
            m = marked_words(case)
            lines.append(f"| {case.name} | {case.note} | {m['ops']} | {m['untk']} | {m['redlines']} | {m['git']} "
                         f"| {m['difflib']} |")
    corpus = [c for c in cases if c.group == "corpus"]
    if corpus:
        lines += ["", "Security Council pairs (each file with the latest earlier resolution sharing at least "
                  f"{RELATED:.0%} of its word trigrams; the longest such pairs):", "",
                  "| Pair | Size | untk reports |", "|---|---|---|"]
        for case in corpus:
            lines.append(f"| {case.name} | {case.note} | {marked_words(case)['ops']} |")
    return lines


def span(t: Timing, digits: int = 2) -> str:
    """``0.78 s (0.45 s)``: wall time, CPU time in brackets."""
    return f"{t[0]:.{digits}f} s ({t[1]:.{digits}f} s)"


def scale_lines(pool: list[str], pinning: str) -> list[str]:
    """Synthetic documents: growth of align(), the aim at SCALE paragraphs, worst cases."""
    growth: dict[int, tuple[Timing, int, Synthetic]] = {}  # n -> (align medians, links as made, case)
    for n in sorted(set(SIZES) | {SCALE}):
        grown = synthetic(pool, n)
        timing = median_s(lambda: align(grown.old, grown.new))
        growth[n] = timing, accuracy(grown, align(grown.old, grown.new))[0], grown
    a, _, case = growth[SCALE]
    old_doc, new_doc = document(case.old), document(case.new)
    c = median_s(lambda: compare(old_doc, new_doc))
    right, wrong = accuracy(case, align(case.old, case.new))
    edits = ", ".join(f"{round(rate * SCALE)} {kind} ({rate:.1%})" for kind, rate in RATES.items())
    lines = [
        "### Scale",
        "",
        f"Synthetic documents from {len(pool):,} unique real paragraph texts (seed and corpus, shuffled), each "
        f"made unique by a counter phrase `(item N)`; NEW = OLD with {edits}, at random places (an inserted "
        f"paragraph is a pool text unlike every deleted one, similarity < {MATCH}). "
        f"Median of {SCALE_RUNS} runs, each after `gc.collect()`, {pinning}; wall time, CPU time in brackets.",
        "",
        "| Step | Paragraphs OLD / NEW | Median | Aim (wall) | |",
        "|---|---|---|---|---|",
        f"| `align()` on the normalised texts | {len(case.old):,} / {len(case.new):,} | **{span(a)}** "
        f"| < {AIM_S:.0f} s | {verdict(a[0] < AIM_S)} |",
        f"| `compare()` (align + redline of every pair) | {len(case.old):,} / {len(case.new):,} | **{span(c)}** "
        f"| < {AIM_S:.0f} s | {verdict(c[0] < AIM_S)} |",
        "",
        f"Correctness on this pair: **{right:,} of {len(case.expected):,}** links are exactly the edits made"
        + (f"; the others: {', '.join(f'{v} {k}' for k, v in sorted(wrong.items()))}." if wrong else "."),
        "",
        "#### Growth with unchanged text",
        "",
        f"`align()` with the same edit rates (the row for {SCALE:,} is the figure above); ratio = time / time at "
        f"half the size (2.0 is linear, 4.0 quadratic). Above {len(pool):,} paragraphs the pool repeats (repeats "
        "differ only by their counter phrase).",
        "",
        "| Paragraphs | align() median | Ratio, wall | Ratio, CPU | Links as made |",
        "|---|---|---|---|---|",
    ]
    for n in SIZES:
        t, ok, grown = growth[n]
        half = growth.get(n // 2)
        ratios = f"{t[0] / half[0][0]:.2f} | {t[1] / half[0][1]:.2f}" if half else "– | –"
        lines.append(f"| {n:,} | {span(t, 3)} | {ratios} | {ok:,} of {len(grown.expected):,} |")
    lines += [
        "",
        "#### Worst cases: documents with nothing in common",
        "",
        "Two documents of different paragraphs from the same pool (same subject matter, so some pairs still "
        "look alike). Every paragraph is unpaired after the anchors, so the gap pass (dynamic programming up to "
        "40,000 cells, index candidates above) and the split/merge pass for unpaired paragraphs do all the work. "
        "The last two columns come from one more, instrumented run (CPU time).",
        "",
        "| Case | align() median | compare() median | in the unpaired split/merge pass | containment() calls |",
        "|---|---|---|---|---|",
    ]
    sizes = [(UNRELATED // 2, UNRELATED // 2, ""), (UNRELATED, UNRELATED, ""),
             (200, 200, " (40,000 cells: gap aligned by dynamic programming)"),
             (201, 200, " (40,200 cells: gap aligned from index candidates)")]
    cases = [(f"{n:,} vs {m:,} paragraphs{why}", unrelated(pool, n, m)) for n, m, why in sizes if n + m <= len(pool)]
    for label, worst in cases + [(f"for reference: the {SCALE:,}-paragraph pair above", case)]:
        docs = document(worst.old), document(worst.new)
        t = median_s(lambda: align(worst.old, worst.new)) if worst is not case else a
        c2 = median_s(lambda: compare(*docs)) if worst is not case else c
        probe = orphan_pass(worst)
        extra = (f"{probe[1]:.2f} s of {probe[0]:.2f} s ({probe[1] / probe[0]:.0%}) | {probe[2]:,}" if probe
                 else "n/a | n/a")
        lines.append(f"| {label} | {span(t)} | {span(c2)} | {extra} |")
    if len(cases) < len(sizes):
        lines += ["", f"_{len(sizes) - len(cases)} case(s) skipped: the pool of {len(pool)} texts is too small._"]
    return lines


def build_section() -> str:
    """Measure everything and return the marked Markdown section."""
    commit = revision()
    lines = [BEGIN, "## Comparing versions (`untk diff`)", "",
             f"Measured {dt.date.today().isoformat()}" + (f" at commit {commit}" if commit else "")
             + " with `bench/diff_bench.py`.", "", machine_notes(), ""]
    with one_core() as pinning:
        docs = corpus_docs()
        cases = seed_cases() + corpus_cases(docs)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
        lines += [f"All figures {pinning}, subprocesses included; load average at the start {load} "
                  "(other work on the machine adds noise).", ""]
        if not docs:
            lines += [f"_The corpus is not at `{CORPUS}`: seed pairs only, and a pool of seed paragraphs._", ""]
        pool = paragraph_pool(docs)
        del docs  # a large heap slows every garbage collection in the timings below
        lines += peers_lines(cases, pair_times(cases)) + marked_lines(cases) + [""]
        lines += scale_lines(pool, pinning)
    return "\n".join(lines + [END])


def main(argv: Sequence[str] | None = None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
