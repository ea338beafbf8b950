#!/usr/bin/env python3
"""Measure how fast untk reads resolutions and how fast it starts.

    .venv/bin/python bench/run.py            print the figures as Markdown
    .venv/bin/python bench/run.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --precision [--write]   loud findings on official texts (bench/precision.py)
    .venv/bin/python bench/run.py --citations [--write]   citation recall by organ (bench/citation_recall.py)
    .venv/bin/python bench/run.py --ga [--write]          GA documents of sessions 78-80 in every form (bench/ga_reading.py)
    .venv/bin/python bench/run.py --pdf [--write]         published PDFs, both backends (bench/pdf_bench.py)
    .venv/bin/python bench/run.py --scale [--write]       start-up ratios, growth to 100k paragraphs, peers (bench/scale_bench.py)
    .venv/bin/python bench/run.py --kinds [--write]       change kinds on real recurring series (bench/change_kinds.py)
    .venv/bin/python bench/run.py --registry [--write]    dated citations the registry verifies (bench/registry_coverage.py)
    .venv/bin/python bench/run.py --web [--write]         the workbench: upload and show in the browser (bench/web_bench.py)
    .venv/bin/python bench/run.py --rollover [--write]    next year's update drafted from real series (bench/rollover.py)

Figures: parse time of the seed resolution, throughput over the Security
Council corpus on one core, the corpus acceptance check, ``untk --help``
start-up against a bare interpreter, and the import time of toolkit's modules.
The corpus lives in ``../shared`` beside the repository; without it the corpus
figures are skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "samples", "A_RES_70_291.txt")
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "unsc"))
RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
PYCACHE = os.path.join(ROOT, "bench", "out", "pycache")  # git ignores bench/out/
BEGIN, END = "<!-- reading:begin -->", "<!-- reading:end -->"

AIM_DOCS_PER_S = 300.0
AIM_HELP_MS = 150.0
SEED_RUNS, CORPUS_PASSES, STARTUP_RUNS, IMPORTTIME_RUNS = 50, 3, 20, 5

sys.path.insert(0, ROOT)  # the project itself, also when run outside .venv
from toolkit.readers import read_document  # noqa: E402


# --- helpers -----------------------------------------------------------------


def p95(values: Sequence[float]) -> float:
    """95th percentile by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(action: Callable[[], object]) -> float:
    """Wall time of one call of ``action``, in seconds."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def verdict(met: bool) -> str:
    """The word for an aim."""
    return "**met**" if met else "**not met**"


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


@contextlib.contextmanager
def one_core() -> Iterator[str]:
    """Pin this process to a single CPU while the block runs; yield a note saying so."""
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned (no sched_setaffinity on this system)"
        return
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield f"pinned to CPU {cpu}"
    finally:
        os.sched_setaffinity(0, before)


# --- machine -----------------------------------------------------------------


def cpu_model() -> str:
    """The CPU model named in /proc/cpuinfo, else what ``platform`` says."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def python_version() -> str:
    """Implementation and version of this interpreter."""
    return f"{platform.python_implementation()} {platform.python_version()}"


def revision() -> str:
    """The git commit measured, noting uncommitted changes; empty outside git."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if commit and git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return commit


# --- measurements ------------------------------------------------------------


def seed_parse_ms() -> list[float]:
    """Times of ``read_document`` on the seed, in ms, after one warm-up."""
    read_document(SEED)
    return [timed(lambda: read_document(SEED)) * 1000 for _ in range(SEED_RUNS)]


def corpus_files() -> list[str]:
    """The corpus files, sorted; empty when the corpus is absent."""
    if not os.path.isdir(CORPUS):
        return []
    return sorted(os.path.join(CORPUS, n) for n in os.listdir(CORPUS) if n.endswith(".txt"))


def read_all(paths: Sequence[str]) -> None:
    """Read every file, as a user would: a file that fails to read still counts."""
    for path in paths:
        try:
            read_document(path)
        except Exception:  # the acceptance check reports these
            pass


def corpus_pass_seconds(paths: Sequence[str]) -> list[float]:
    """Wall time of each of the passes over the corpus."""
    return [timed(lambda: read_all(paths)) for _ in range(CORPUS_PASSES)]


def expected_symbol(path: str) -> str | None:
    """``S_RES_0661_1990_EN_GOLD.txt`` ⇒ ``S/RES/661 (1990)``."""
    match = re.match(r"S_RES_(\d+)_(\d{4})_", os.path.basename(path))
    return f"S/RES/{int(match[1])} ({match[2]})" if match else None


def acceptance_failure(path: str) -> str | None:
    """What is wrong with the reading of one corpus file, or None when all is well."""
    expected = expected_symbol(path)
    try:
        doc = read_document(path)
    except Exception as exc:
        return f"read error: {type(exc).__name__}: {exc}"
    problems = []
    if doc.metadata.symbol != expected:
        problems.append(f"symbol {doc.metadata.symbol!r}, expected {expected!r}")
    if doc.metadata.adoption_date is None:
        problems.append("no adoption date")
    if not doc.operative:
        problems.append("no operative paragraph")
    return "; ".join(problems) or None


@dataclass
class Startup:
    """Wall times in ms of ``untk --help`` and of a bare ``python -c pass``."""

    untk: list[float]
    python: list[float]


def child_env() -> dict[str, str]:
    """Environment for timed subprocesses: bytecode cached (in bench/out/) as after a normal install."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_ms(command: Sequence[str]) -> float:
    """Wall time of a subprocess, in ms, its output discarded."""
    return timed(lambda: subprocess.run(command, cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, check=True)) * 1000


def untk_script() -> str:
    """The ``untk`` console script installed beside this interpreter."""
    return os.path.join(os.path.dirname(sys.executable), "untk.exe" if os.name == "nt" else "untk")


def startup_ms() -> Startup:
    """``untk --help`` and ``python -c pass``, interleaved so drift hits both alike."""
    untk, peer = [untk_script(), "--help"], [sys.executable, "-c", "pass"]
    run_ms(untk), run_ms(peer)  # warm-up
    result = Startup([], [])
    for _ in range(STARTUP_RUNS):
        result.untk.append(run_ms(untk))
        result.python.append(run_ms(peer))
    return result


def import_times_us(stderr: str) -> dict[str, tuple[int, int]]:
    """``-X importtime`` output as module ⇒ (self µs, cumulative µs)."""
    times = {}
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s+(\S+)", line)
        if match:
            times[match[3]] = (int(match[1]), int(match[2]))
    return times


def toolkit_import_ms() -> tuple[float, float]:
    """Median over runs of (toolkit modules' own import time, cumulative ``toolkit.cli``), in ms."""
    command = [sys.executable, "-X", "importtime", "-c", "import toolkit.cli"]
    run_ms(command)  # warm-up: fills the bytecode cache
    own, cumulative = [], []
    for _ in range(IMPORTTIME_RUNS):
        done = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True, check=True)
        times = import_times_us(done.stderr)
        own.append(sum(s for name, (s, _) in times.items() if name.split(".")[0] == "toolkit") / 1000)
        cumulative.append(times["toolkit.cli"][1] / 1000)
    return statistics.median(own), statistics.median(cumulative)


# --- report ------------------------------------------------------------------


def machine_notes() -> str:
    """One line on the machine the figures come from."""
    return (f"Machine notes: {cpu_model()}, {os.cpu_count()} cores, {python_version()}, "
            f"{platform.system()} {platform.release()}.")


def seed_lines(times: list[float], pinning: str) -> list[str]:
    """The seed parse-time subsection."""
    return [
        "### Parse time of the seed",
        "",
        f"`read_document(\"samples/A_RES_70_291.txt\")`, in process, {SEED_RUNS} runs after one warm-up, {pinning}:",
        f"median **{statistics.median(times):.2f} ms**, p95 {p95(times):.2f} ms.",
    ]


def throughput_lines(paths: list[str], seconds: list[float], pinning: str) -> list[str]:
    """The corpus throughput subsection, with its aim."""
    mb = sum(os.path.getsize(p) for p in paths) / 1e6
    best = statistics.median(seconds)
    docs_per_s = len(paths) / best
    return [
        "### Throughput over the Security Council corpus",
        "",
        f"{len(paths)} files ({mb:.2f} MB, MB = 10⁶ bytes), one process, {pinning}; "
        f"median of {CORPUS_PASSES} passes (they took {', '.join(f'{s:.2f}' for s in seconds)} s):",
        "",
        "| Figure | Measured | Aim | |",
        "|---|---|---|---|",
        f"| documents per second | {docs_per_s:.0f} (passes {len(paths) / max(seconds):.0f}–{len(paths) / min(seconds):.0f}) "
        f"| ≥ {AIM_DOCS_PER_S:.0f} | {verdict(docs_per_s >= AIM_DOCS_PER_S)} |",
        f"| MB per second | {mb / best:.2f} | | |",
    ]


#: Why each known failure fails, read in the file itself (the text, not the reader, is at fault).
KNOWN_CAUSES = {
    "S_RES_0226_1966": 'the date line reads "of 14 October £964" (a scanned year)',
    "S_RES_0462_1980": "the file has no date line at all",
    "S_RES_0542_1983": 'the file\'s own heading says "Resolution 538 (1983)"',
    "S_RES_0565_1985": "the file ends after the preamble and its footnotes: the operative part is missing",
    "S_RES_0638_1989": 'the date line reads "of 3f July 1989" (a scanned day)',
    "S_RES_0687_1991": 'the date line reads "of 3 Apri] 1991" (a scanned month)',
    "S_RES_0778_1992": 'the file\'s own heading says "Resolution 773 (1992)"',
    "S_RES_0801_1993": 'the adoption line reads "on January 1993", without a day',
    "S_RES_0856_1993": 'the adoption line reads "on 10 Auqust 1993" (a scanned month)',
}


def acceptance_lines(paths: list[str], failures: dict[str, str]) -> list[str]:
    """The corpus acceptance subsection: the count, then every failure."""
    passed = len(paths) - len(failures)
    lines = [
        "### Corpus acceptance",
        "",
        "A file passes when the symbol from its name is recovered (`S_RES_0661_1990_…` ⇒ `S/RES/661 (1990)`), "
        "the adoption date is found and there is at least one operative paragraph.",
        "",
        f"**{passed} of {len(paths)}** files pass ({100 * passed / len(paths):.1f} %), {len(failures)} fail.",
    ]
    if failures:
        lines += ["", "| file | what failed | why (read in the file) |", "|---|---|---|"]
        lines += [
            f"| {os.path.basename(p)} | {cell(why)} | {cell(KNOWN_CAUSES.get(os.path.basename(p)[:15], 'not yet looked at'))} |"
            for p, why in failures.items()
        ]
    return lines


def startup_lines(startup: Startup) -> list[str]:
    """The start-up subsection, with its aim and the baseline ratio."""
    untk, peer = statistics.median(startup.untk), statistics.median(startup.python)
    return [
        "### Start-up",
        "",
        f"Wall time of a subprocess, {STARTUP_RUNS} runs each after one warm-up, the two commands interleaved; "
        "subprocesses keep their bytecode cache (in `bench/out/pycache`) as after a normal install:",
        "",
        "| Command | Median | p95 | Aim | |",
        "|---|---|---|---|---|",
        f"| `untk --help` | {untk:.1f} ms | {p95(startup.untk):.1f} ms | < {AIM_HELP_MS:.0f} ms (median) "
        f"| {verdict(untk < AIM_HELP_MS)} |",
        f"| `python -c pass` (same interpreter, baseline) | {peer:.1f} ms | {p95(startup.python):.1f} ms | | |",
        "",
        f"`untk --help` takes **{untk / peer:.1f}×** the time of a bare interpreter "
        f"({untk - peer:.1f} ms more).",
    ]


def import_lines(own_ms: float, cumulative_ms: float) -> list[str]:
    """The import-time subsection."""
    return [
        "### Import time",
        "",
        f"`python -X importtime -c \"import toolkit.cli\"`, median of {IMPORTTIME_RUNS} runs after one warm-up: "
        f"toolkit's own modules **{own_ms:.1f} ms** (sum of their self times); "
        f"`toolkit.cli` with everything it imports (click included) {cumulative_ms:.1f} ms.",
    ]


def build_section() -> str:
    """Measure everything and return the marked Markdown section."""
    commit = revision()
    lines = [BEGIN, "## Reading and start-up", "",
             f"Measured {dt.date.today().isoformat()}" + (f" at commit {commit}" if commit else "")
             + " with `bench/run.py`.", "", machine_notes(), ""]
    with one_core() as pinning:
        lines += seed_lines(seed_parse_ms(), pinning) + [""]
        paths = corpus_files()
        if paths:
            lines += throughput_lines(paths, corpus_pass_seconds(paths), pinning) + [""]
        else:
            lines += ["### Security Council corpus", "",
                      f"_Skipped: the corpus is not at `{CORPUS}` (expected `../shared/corpus/unsc` "
                      "beside the repository). No throughput or acceptance figures._", ""]
    if paths:
        failures = {p: why for p in paths if (why := acceptance_failure(p))}
        lines += acceptance_lines(paths, failures) + [""]
    lines += startup_lines(startup_ms()) + [""]
    lines += import_lines(*toolkit_import_ms())
    return "\n".join(lines + [END])


def new_results() -> str:
    """A fresh RESULTS.md with an empty marked section."""
    return "\n".join([
        "# untk benchmarks",
        "",
        "Figures written by `.venv/bin/python bench/run.py --write` (or `./dev.py bench --write`).",
        "",
        "## Machine",
        "",
        f"- Platform: {platform.platform()}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores (`os.cpu_count()`)",
        f"- Python: {python_version()}",
        "",
        BEGIN,
        END,
        "",
    ])


def replace_section(section: str, begin: str = BEGIN, end: str = END) -> None:
    """Replace the section between ``begin`` and ``end`` in RESULTS.md (appending it when absent)."""
    text = open(RESULTS, encoding="utf-8").read() if os.path.exists(RESULTS) else new_results()
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    temporary = RESULTS + f".{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, RESULTS)


def bench_main(doc: str, build: Callable[[], str], begin: str, end: str, argv: Sequence[str] | None = None) -> int:
    """The command line every benchmark shares: measure, print the section, and with --write store it."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="replace the marked section of bench/RESULTS.md")
    args = parser.parse_args(argv)
    section = build()
    print(section)
    if args.write:
        replace_section(section, begin, end)
        print(f"\nwrote {os.path.relpath(RESULTS)}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--precision" in argv:
        from precision import main as precision_main  # bench/ is on sys.path when run as a script

        return precision_main([a for a in argv if a != "--precision"])
    if "--ga" in argv:
        from ga_reading import main as ga_main  # the GA documents of sessions 78-80 in every form

        return ga_main([a for a in argv if a != "--ga"])
    if "--citations" in argv:
        from citation_recall import main as citations_main  # citation recall by organ

        return citations_main([a for a in argv if a != "--citations"])
    if "--scale" in argv:
        from scale_bench import main as scale_main  # start-up ratios, growth with size, peers (issue 11)

        return scale_main([a for a in argv if a != "--scale"])
    if "--registry" in argv:
        from registry_coverage import main as registry_main  # dated citations the registry can verify

        return registry_main([a for a in argv if a != "--registry"])
    if "--kinds" in argv:
        from change_kinds import main as kinds_main  # change kinds on real recurring series

        return kinds_main([a for a in argv if a != "--kinds"])
    if "--rollover" in argv:
        from rollover import main as rollover_main  # next year's update drafted from the real series

        return rollover_main([a for a in argv if a != "--rollover"])
    if "--web" in argv:
        from web_bench import main as web_main  # the workbench, upload to redline shown

        return web_main([a for a in argv if a != "--web"])
    if "--pdf" in argv:
        from pdf_bench import main as pdf_main  # published PDFs, PDFium against pdfminer

        return pdf_main([a for a in argv if a != "--pdf"])
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
