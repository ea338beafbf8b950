#!/usr/bin/env python3
"""Measure the registry: CSV import, indexing, agreed-language search at scale, and ``untk check``.

    .venv/bin/python bench/registry_bench.py            print the figures as Markdown
    .venv/bin/python bench/registry_bench.py --write    also put them in bench/RESULTS.md

Everything is measured in one run, in ``bench/out/registry/`` (rebuilt each run;
git ignores bench/out/). Needs ``../shared`` beside the repository: the Security
Council corpus and ``registry/un-resolutions.csv``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import resource
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (bench_main, CORPUS, ROOT, SEED, cell, child_env, corpus_files, machine_notes, one_core, p95,  # noqa: E402
                 revision, timed, untk_script, verdict)

from toolkit.checks import config  # noqa: E402
from toolkit.checks.context import Context  # noqa: E402
from toolkit.checks.engine import check  # noqa: E402
from toolkit.model import Document  # noqa: E402
from toolkit.readers import read_document  # noqa: E402
from toolkit.registry.importer import ImportResult, import_csv  # noqa: E402
from toolkit.registry.index import IndexResult, Parsed, index, parse_file, store  # noqa: E402
from toolkit.registry.lookup import Registry  # noqa: E402
from toolkit.registry.search import search  # noqa: E402
from toolkit.registry.store import connect  # noqa: E402

CSV = os.path.normpath(os.path.join(ROOT, "..", "shared", "registry", "un-resolutions.csv"))
RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
WORK = os.path.join(ROOT, "bench", "out", "registry")
BEGIN, END = "<!-- registry:begin -->", "<!-- registry:end -->"

AIM_INDEX_S, AIM_SEARCH_P95_MS, AIM_CHECK_CLI_MS, AIM_CHECK_LIB_S = 20.0, 50.0, 300.0, 10.0
INDEX_RUNS, CHECK_CLI_RUNS, CHECK_LIB_PASSES = 3, 10, 3
SYN_DOCS, SYN_PARAGRAPHS, SYN_PREAMBLE, SYN_SEED = 1000, 100, 20, 291
QUERIES, QUERY_SEED, LIMIT = 200, 70291, 10
WORD = re.compile(r"[A-Za-z]{4,}")


def fresh(name: str, base: sqlite3.Connection | None = None) -> sqlite3.Connection:
    """A new registry file in WORK, empty or a copy of ``base``."""
    path = os.path.join(WORK, name)
    if base is not None:
        target = sqlite3.connect(path)
        base.backup(target)
        target.close()
    return connect(path)


def size_mb(conn: sqlite3.Connection) -> float:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p)) / 1e6


def note(what: str) -> None:
    """Progress on stderr."""
    print(f"[{dt.datetime.now():%H:%M:%S}] {what}", file=sys.stderr, flush=True)


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its waited-for children so far."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measured(action: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call; CPU below wall means the CPU was shared with other work."""
    cpu = cpu_seconds()
    wall = timed(action)
    return wall, cpu_seconds() - cpu


def runs(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


# --- 1. import ----------------------------------------------------------------


def import_lines() -> tuple[list[str], sqlite3.Connection]:
    conn = fresh("imported.sqlite3")
    results: list[ImportResult] = []
    times = [measured(lambda: results.append(import_csv(conn, CSV))) for _ in range(2)]
    first, second = results
    rows = first.new + first.updated + first.unchanged + len(first.rejected)
    lines = [
        "### 1. Import of the resolution list",
        "",
        f"`import_csv(conn, \"../shared/registry/un-resolutions.csv\")` into a fresh registry ({rows} data rows, "
        f"{os.path.getsize(CSV) / 1e6:.2f} MB, read as {first.shape}), in process, one transaction:",
        "",
        "| Import | Seconds | CPU s | Rows/s | Outcome |",
        "|---|---|---|---|---|",
    ]
    for label, (s, cpu), r in (("first (fresh registry)", times[0], first), ("second (same file again)", times[1], second)):
        lines.append(f"| {label} | **{s:.2f}** | {cpu:.2f} | {rows / s:,.0f} | {r.new} new, {r.updated} updated, "
                     f"{r.unchanged} unchanged, {len(r.rejected)} rejected |")
    lines += ["", f"Rejected rows: {'; '.join(f'line {n}: {cell(why)}' for n, why in first.rejected) or 'none'}."]
    return lines, conn


# --- 2. index -----------------------------------------------------------------


@dataclass
class IndexRun:
    label: str
    seconds: list[float]
    cpu: list[float]
    result: IndexResult
    paragraphs: int


def index_runs(base: sqlite3.Connection, name: str, label: str, **options: object) -> tuple[IndexRun, sqlite3.Connection]:
    """Index the corpus INDEX_RUNS times, each into a fresh copy of the imported registry."""
    seconds, cpu, results, conn = [], [], [], base
    for n in range(INDEX_RUNS):
        conn = fresh(f"{name}-{n}.sqlite3", base)
        wall, used = measured(lambda: results.append(index(conn, [CORPUS], **options)))  # type: ignore[arg-type]
        seconds.append(wall)
        cpu.append(used)
    count = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    return IndexRun(label, seconds, cpu, results[-1], count), conn


def index_lines(base: sqlite3.Connection, docs: int) -> tuple[list[str], sqlite3.Connection]:
    from dask.distributed import LocalCluster

    with one_core() as pinning:
        single, indexed = index_runs(base, "index-1", f"one core ({pinning})")
        again: list[IndexResult] = []
        incremental = [measured(lambda: again.append(index(indexed, [CORPUS]))) for _ in range(INDEX_RUNS)]
    double, _ = index_runs(base, "index-2", "`jobs=2` (spawned process pool, both cores)", jobs=2)
    holder: list[LocalCluster] = []
    cluster_start = timed(lambda: holder.append(LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                                             silence_logs=logging.ERROR)))
    with holder[0] as cluster:
        dask, _ = index_runs(base, "index-dask", "Dask `LocalCluster(n_workers=2, threads_per_worker=1)`",
                             scheduler=cluster.scheduler_address)
    lines = [
        "### 2. Indexing the Security Council corpus",
        "",
        f"`index(conn, [\"../shared/corpus/unsc\"], ...)` over {docs} files, each run into a fresh copy of the registry "
        f"from step 1 (so every document is already known from the list: stored as updated); {INDEX_RUNS} runs each, "
        "median, pool and client start-up included:",
        "",
        "| How | Median | Runs (s) | CPU s (median) | Docs/s | Outcome | Paragraphs stored | Aim | |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in (single, double, dask):
        r, med = run.result, statistics.median(run.seconds)
        aim = f"< {AIM_INDEX_S:.0f} s | {verdict(med < AIM_INDEX_S)}" if run is single else " | "
        cpu = f"{statistics.median(run.cpu):.2f}" if run is not dask else "– (in the workers)"
        lines.append(f"| {run.label} | **{med:.2f} s** | {runs(run.seconds)} | {cpu} | {docs / med:.0f} | {r.new} new, "
                     f"{r.updated} updated, {len(r.failed)} failed | {run.paragraphs:,} | {aim} |")
    corpus_records = indexed.execute("SELECT count(*) FROM documents WHERE source_path LIKE ?", (CORPUS + os.sep + "%",)).fetchone()[0]
    shared = docs - corpus_records
    wall = statistics.median(w for w, _ in incremental)
    lines += [
        "",
        "CPU s counts this process and, for `jobs=2`, its pool workers; wall time above CPU time on one core means "
        "the CPU was shared with other work.",
        "",
        f"The Dask cluster took {cluster_start:.2f} s to start (not counted above; its first run has cold workers). "
        f"Speed-up over one core: `jobs=2` {statistics.median(single.seconds) / statistics.median(double.seconds):.2f}×, "
        f"Dask {statistics.median(single.seconds) / statistics.median(dask.seconds):.2f}×.",
        "",
        f"**Re-index with nothing changed** (same registry, one core): median **{wall:.2f} s** "
        f"(runs {runs([w for w, _ in incremental])}; CPU {runs([c for _, c in incremental])} s): "
        f"{again[-1].unchanged} unchanged, {again[-1].new + again[-1].updated} parsed and stored again. Each file is "
        "hashed and looked up by hash and path; "
        + (f"{shared} files share a record with another file (both read as the same symbol), so the record holds one "
           "path and the other file is parsed again on every run." if shared else "none is parsed."),
    ]
    return lines, indexed


# --- 3. search ----------------------------------------------------------------


def vary(text: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """One synthetic paragraph from a real one (the recipe stated in the section)."""
    words = text.split(" ")
    slots = [i for i, w in enumerate(words) if WORD.search(w)]
    for i in rng.sample(slots, max(1, len(slots) // 10)) if slots else ():
        words[i] = WORD.sub(rng.choice(vocabulary), words[i], count=1)
    clauses = " ".join(words).split(", ")
    if len(clauses) >= 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(clauses) - 1)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    return ", ".join(clauses)


def build_large(indexed: sqlite3.Connection) -> tuple[sqlite3.Connection, list[str], list[str], float]:
    """The indexed registry plus the seed plus SYN_DOCS synthetic documents; its pool and vocabulary."""
    conn = fresh("search.sqlite3", indexed)
    store(conn, parse_file(SEED))
    pool = sorted({row[0] for row in conn.execute("SELECT text FROM paragraphs")})
    vocabulary = sorted({w.lower() for text in pool for w in WORD.findall(text)})
    rng = random.Random(SYN_SEED)

    def build() -> None:
        for d in range(SYN_DOCS):
            paragraphs = tuple(
                (f"PP{j + 1}" if j < SYN_PREAMBLE else f"OP{j - SYN_PREAMBLE + 1}",
                 "preambular" if j < SYN_PREAMBLE else "operative", j, vary(rng.choice(pool), rng, vocabulary))
                for j in range(SYN_PARAGRAPHS))
            store(conn, Parsed(f"synthetic/{d:04d}", "", f"SYN:{d:04d}", f"SYN/{d:04d}", None, None, None, None, None,
                               paragraphs, (), ()))

    return conn, pool, vocabulary, timed(build)


def queries(pool: Sequence[str], vocabulary: Sequence[str]) -> list[tuple[str, str, bool]]:
    """(query, source paragraph, changed): fragments of 8-20 words, every second one with a word changed."""
    rng = random.Random(QUERY_SEED)
    sources = [p for p in pool if len(p.split()) >= 8]
    out = []
    for n in range(QUERIES):
        source = rng.choice(sources)
        words = source.split()
        length = rng.randint(8, min(20, len(words)))
        start = rng.randint(0, len(words) - length)
        fragment = words[start:start + length]
        if n % 2:
            fragment[rng.randrange(length)] = rng.choice(vocabulary)
        out.append((" ".join(fragment), source, bool(n % 2)))
    return out


def search_lines(indexed: sqlite3.Connection) -> list[str]:
    with one_core() as pinning:
        conn, pool, vocabulary, build_s = build_large(indexed)
        paragraphs, documents = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("paragraphs", "documents"))
        mb = size_mb(conn)
        asked = queries(pool, vocabulary)
        table = []
        for mode in ("near", "exact"):
            for q, _, _ in asked[:10]:
                search(conn, q, mode, LIMIT)  # warm-up: page cache, statements
            ms, found, any_hit = [], Counter[bool](), Counter[bool]()
            cpu = cpu_seconds()
            for q, source, changed in asked:
                hits: list = []
                ms.append(timed(lambda: hits.extend(search(conn, q, mode, LIMIT))) * 1000)
                found[changed] += any(h.text == source for h in hits)
                any_hit[changed] += bool(hits)
            cpu = cpu_seconds() - cpu
            table.append(f"| `{mode}` | {statistics.median(ms):.1f} | **{p95(ms):.1f}** | {max(ms):.1f} | "
                         f"{verdict(p95(ms) < AIM_SEARCH_P95_MS)} | {sum(ms) / 1000:.2f} / {cpu:.2f} | "
                         f"{found[False]} / {found[True]} | {any_hit[False]} / {any_hit[True]} |")
    half = QUERIES // 2
    return [
        "### 3. Search latency on a large registry",
        "",
        f"**Registry**: {paragraphs:,} paragraphs in {documents:,} documents ({mb:.1f} MB after a WAL checkpoint, "
        f"MB = 10⁶ bytes), built in {build_s:.1f} s. Recipe: the one-core registry of step 2 (the list of step 1 and "
        f"the {len(corpus_files())} corpus files), plus the seed `samples/A_RES_70_291.txt` indexed, plus "
        f"{SYN_DOCS:,} synthetic documents (keys `SYN:0000`…, no date) of {SYN_PARAGRAPHS} paragraphs each "
        f"({SYN_PREAMBLE} preambular, then operative), each stored with `store(conn, Parsed(...))` (one transaction, FTS "
        f"triggers as in real indexing). Each synthetic paragraph is a real one drawn with `random.Random({SYN_SEED})` "
        f"from the {len(pool):,} distinct paragraph texts of corpus and seed, then varied: ⌊n/10⌋ (at least 1) of its "
        f"n words of 4+ letters, chosen at random, are replaced by a random word from the corpus vocabulary "
        f"({len(vocabulary):,} lower-cased words of 4+ letters); then, when it has 3 or more comma-separated "
        "clauses, with probability ½ two adjacent clauses after the first are swapped.",
        "",
        f"**Queries**: {QUERIES}, drawn with `random.Random({QUERY_SEED})`: a real paragraph of 8+ words, a run of "
        f"8–20 of its words at a random place; every second query has one of its words replaced by a random "
        f"vocabulary word. The same {QUERIES} queries in each mode, `search(conn, q, mode, limit={LIMIT})`, in "
        f"process, {pinning}, after 10 warm-up queries:",
        "",
        f"| Mode | p50 ms | p95 ms | max ms | p95 < {AIM_SEARCH_P95_MS:.0f} ms | all queries: wall / CPU s "
        f"| source paragraph in the hits (as taken / one word changed, of {half} each) "
        "| queries with any hit (as taken / changed) |",
        "|---|---|---|---|---|---|---|---|",
        *table,
        "",
        "A synthetic paragraph may hold the fragment unchanged too, so a source missing from the top "
        f"{LIMIT} can be crowded out by its variants (equal scores rank dated, i.e. real, paragraphs first).",
    ]


# --- 4. check -----------------------------------------------------------------


def check_lines(imported: sqlite3.Connection, paths: Sequence[str]) -> list[str]:
    command = [untk_script(), "check", os.path.relpath(SEED, ROOT)]

    def cli() -> None:
        subprocess.run(command, cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    rules = config.load().rules
    with one_core() as pinning:
        cli()  # warm-up: bytecode cache
        cli_runs = [measured(cli) for _ in range(CHECK_CLI_RUNS)]
        cli_ms, cli_cpu_ms = [w * 1000 for w, _ in cli_runs], [c * 1000 for _, c in cli_runs]
        docs: list[Document] = []
        read_s = timed(lambda: docs.extend(read_document(p) for p in paths))
        passes: list[float] = []
        passes_cpu: list[float] = []
        findings: Counter[tuple[str, str]] = Counter()
        skipped: Counter[str] = Counter()
        for n in range(CHECK_LIB_PASSES):
            registry = Registry(imported)  # a fresh lookup cache each pass, as in one `untk check` run

            def run_all() -> None:
                for doc in docs:
                    report = check(doc, rules, Context(registry=registry))
                    if n == 0:
                        findings.update((f.category, f.rule) for f in report.findings)
                        skipped.update(report.skipped)
            wall, used = measured(run_all)
            passes.append(wall)
            passes_cpu.append(used)
    by_category: Counter[str] = Counter()
    for (category, _), count in findings.items():
        by_category[category] += count
    med_cli, med_lib = statistics.median(cli_ms), statistics.median(passes)
    severity = {r.id: r.severity for r in rules}
    lines = [
        "### 4. `untk check`",
        "",
        f"Rules: the default configuration (`toolkit.checks.config.load().rules`), {len(rules)} rules; {pinning}.",
        "",
        "| What | Median | Runs | Aim | |",
        "|---|---|---|---|---|",
        f"| `untk check samples/A_RES_70_291.txt` (whole process, no registry; subprocess of `.venv/bin/untk`, "
        f"bytecode cached) | **{med_cli:.0f} ms** | {CHECK_CLI_RUNS} after one warm-up; p95 {p95(cli_ms):.0f} ms, "
        f"min {min(cli_ms):.0f} ms; CPU median {statistics.median(cli_cpu_ms):.0f} ms | < {AIM_CHECK_CLI_MS:.0f} ms | {verdict(med_cli < AIM_CHECK_CLI_MS)} |",
        f"| `check(doc, rules, Context(registry=Registry(conn)))` over the {len(docs)} corpus documents, registry of "
        f"step 1 | **{med_lib:.2f} s** ({len(docs) / med_lib:.0f} docs/s) | {CHECK_LIB_PASSES} passes: {runs(passes)} s; "
        f"CPU {runs(passes_cpu)} s | < {AIM_CHECK_LIB_S:.0f} s | {verdict(med_lib < AIM_CHECK_LIB_S)} |",
        "",
        f"Reading the {len(docs)} files (`read_document`, not in the figure above) took {read_s:.2f} s more. "
        f"Rules that could not run: {', '.join(f'`{r}` ({c} documents)' for r, c in sorted(skipped.items())) or 'none'}.",
        "",
        f"Findings over the corpus ({sum(findings.values()):,} in all), per category:",
        "",
        "| Category | Findings |",
        "|---|---|",
        *(f"| {c} | {n:,} |" for c, n in by_category.most_common()),
        "",
        "Per rule (rules with no finding omitted):",
        "",
        "| Rule | Category | Severity | Findings |",
        "|---|---|---|---|",
        *(f"| `{r}` | {c} | {severity.get(r, '?')} | {n:,} |" for (c, r), n in findings.most_common()),
    ]
    silent = sorted(r.id for r in rules if not any(rule == r.id for _, rule in findings))
    return lines + ["", f"Rules with no finding: {', '.join(f'`{r}`' for r in silent) or 'none'}."]


# --- report -------------------------------------------------------------------


def build_section() -> str:
    paths = corpus_files()
    if not paths or not os.path.exists(CSV):
        return "\n".join([BEGIN, "## Registry and checks", "",
                          f"_Skipped: needs `{CORPUS}` and `{CSV}` (../shared beside the repository)._", END])
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    commit = revision()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with one_core():
        imported, imported_conn = import_lines()
    note("indexing")
    indexed_lines, indexed = index_lines(imported_conn, len(paths))
    note("search")
    searched = search_lines(indexed)
    note("check")
    body = [imported, indexed_lines, searched, check_lines(imported_conn, paths)]
    note("done")
    head = [BEGIN, "## Registry: import, index, search, and `untk check`", "",
            f"Measured {dt.date.today().isoformat()}" + (f" at commit {commit}" if commit else "")
            + " with `bench/registry_bench.py`.", "", machine_notes(), "",
            f"Single-process figures are pinned to one CPU (subprocesses included); load average at the start {load} "
            "(other work on the machine adds noise). Registries are SQLite files in `bench/out/registry/` "
            "(WAL, `synchronous=NORMAL`).", ""]
    return "\n".join(head + [line for part in body for line in part + [""]] + [END])


def main(argv: Sequence[str] | None = None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
