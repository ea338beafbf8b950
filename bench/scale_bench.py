#!/usr/bin/env python3
"""Start-up ratios and growth with document size (issue 11, items 2-4).

    .venv/bin/python bench/scale_bench.py            print the figures as Markdown
    .venv/bin/python bench/scale_bench.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --scale [--write]  the same
    .venv/bin/python bench/scale_bench.py --startup  only the start-up table, printed (quick)

Start-up: whole ``untk`` processes against the bare import of what they build on
(``python -c "import click, yaml, diff_match_patch"``). Growth: ``show``, ``check`` and
``diff`` in process on documents of 1k to 100k operative paragraphs, made by repeating
the seed's real paragraphs with their numbers (generated in bench/out/, never committed);
the exponent is the slope of log time over log size. Then a 15 MiB text through
``untk diff`` (time and peak memory) and the peer diff tools on the same pairs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import math
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from typing import Callable, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, SEED, bench_main, child_env, machine_notes, one_core, revision, untk_script, verdict  # noqa: E402

BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
OUT = os.path.join(ROOT, "bench", "out", "scale")  # git ignores bench/out/
OP_LINE = re.compile(r"^\t(\d+)\.(\s*\t.*)$")
SIZES = (1_000, 5_000, 20_000, 100_000)
STARTUP_RUNS = 15
AIM_CHECK, AIM_OTHER, AIM_EXPONENT = 1.5, 1.2, 1.1
BIG_MIB, AIM_BIG_S, AIM_BIG_MB = 15, 10.0, 400.0
GIVE_UP_S = 150.0  # a size whose slowest run took longer ends the growth table
BASE = [sys.executable, "-c", "import click, yaml, diff_match_patch"]


def seed_parts() -> tuple[list[str], list[str], list[str]]:
    """The seed's lines before its operative paragraphs, their texts, and the lines after."""
    lines = open(SEED, encoding="utf-8").read().split("\n")
    first = next(i for i, line in enumerate(lines) if OP_LINE.match(line))
    last = max(i for i, line in enumerate(lines) if OP_LINE.match(line))
    ops = [m[2] for m in map(OP_LINE.match, lines[first:last + 1]) if m]
    return lines[:first], ops, lines[last + 1:]


def big_text(n: int, edited: bool = False) -> str:
    """The seed with ``n`` operative paragraphs (its own, repeated, numbered in order).

    ``edited``: every 50th paragraph reworded and every 97th deleted (the rest renumbered).
    """
    head, ops, tail = seed_parts()
    texts = [ops[i % len(ops)] for i in range(n)]
    if edited:
        texts = [t.replace(";", ", as appropriate;", 1) if i % 50 == 7 else t for i, t in enumerate(texts)]
        texts = [t for i, t in enumerate(texts) if i % 97 != 11]
    body = [f"\t{i}.{text}" for i, text in enumerate(texts, 1)]
    return "\n".join(head + body + tail)


def write(name: str, text: str) -> str:
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def text_of_size(mib: float, edited: bool) -> str:
    """A generated text of about ``mib`` MiB (below the 16 MiB input limit)."""
    per = len(big_text(1_000).encode()) / 1_000
    return big_text(int(mib * 2**20 / per), edited)


# --- timing ---------------------------------------------------------------


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(command: Sequence[str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one subprocess, output discarded."""
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000, (children_cpu() - cpu) * 1000


def startup_lines(pinning: str) -> list[str]:
    untk = untk_script()
    commands = {
        "bare import (`python -c \"import click, yaml, diff_match_patch\"`)": (BASE, None),
        "`untk --help`": ([untk, "--help"], AIM_OTHER),
        "`untk check samples/A_RES_70_291.txt`": ([untk, "check", SEED], AIM_CHECK),
        "`untk diff samples/A_RES_70_291.txt samples/redraft-2018-review.md`":
            ([untk, "diff", SEED, os.path.join(ROOT, "samples", "redraft-2018-review.md")], AIM_OTHER),
    }
    for command, _ in commands.values():
        run(command)  # warm-up: fills the bytecode cache
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(STARTUP_RUNS):
        for label, (command, _) in commands.items():  # interleaved: drift hits all alike
            times[label].append(run(command))
    base_label = next(iter(commands))
    base_wall = statistics.median(t[0] for t in times[base_label])
    base_cpu = statistics.median(t[1] for t in times[base_label])
    lines = [
        "### Start-up against the bare import",
        "",
        f"Whole processes, {STARTUP_RUNS} runs each after one warm-up, interleaved, {pinning}; bytecode cached "
        "(bench/out/pycache) as after an install. Ratio = median / median of the bare import.",
        "",
        "| Command | Median wall | Median CPU | Ratio (wall) | Ratio (CPU) | Aim | |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, (_, aim) in commands.items():
        wall = statistics.median(t[0] for t in times[label])
        cpu = statistics.median(t[1] for t in times[label])
        r_wall, r_cpu = wall / base_wall, cpu / base_cpu
        aim_cell = f"≤ {aim}×" if aim else ""
        met = verdict(r_cpu <= aim) if aim else ""
        lines.append(f"| {label} | {wall:.1f} ms | {cpu:.1f} ms | {r_wall:.2f}× | {r_cpu:.2f}× | {aim_cell} | {met} |")
    return lines


def timed(action: Callable[[], object]) -> float:
    gc.collect()
    start = time.process_time()
    action()
    return time.process_time() - start


def growth_lines(pinning: str, sizes: Sequence[int]) -> list[str]:
    from toolkit.checks import config
    from toolkit.checks.context import Context
    from toolkit.checks.engine import check
    from toolkit.comparison import compare
    from toolkit.readers import parse_text
    from toolkit.render import DIFF_FORMATS, FINDINGS_FORMATS, formatter
    from toolkit.render.outline import render as outline

    rules = config.load(None, (), (), None).rules
    results: dict[str, dict[int, float]] = {"show": {}, "check": {}, "diff": {}}
    for n in sizes:
        old_text, new_text = big_text(n), big_text(n, edited=True)

        def show() -> None:
            outline(parse_text(old_text, "old.txt"))

        def checked() -> None:
            doc = parse_text(old_text, "old.txt")
            formatter(FINDINGS_FORMATS, "text")([check(doc, rules, Context())], color=False, quiet=False)

        def diffed() -> None:
            comparison = compare(parse_text(old_text, "old.txt"), parse_text(new_text, "new.txt"))
            formatter(DIFF_FORMATS, "text")(comparison)

        for name, action in (("show", show), ("check", checked), ("diff", diffed)):
            results[name][n] = timed(action)
        if max(results[name][n] for name in results) > GIVE_UP_S:
            break  # the larger sizes would take too long: the table says so
    lines = [
        "### Growth with document size",
        "",
        f"In process (parse included), CPU time of one run after `gc.collect()`, {pinning}; the seed's "
        f"operative paragraphs repeated with their numbers ({', '.join(f'{n:,}' for n in sizes)} paragraphs); "
        "`diff` compares with a version where every 50th paragraph is reworded and every 97th deleted. "
        f"Exponent: slope of log time over log size from {sizes[0]:,} to {sizes[-1]:,} (1.0 is linear).",
        "",
        "| Command | " + " | ".join(f"{n:,}" for n in sizes) + f" | Exponent | Aim | |",
        "|---|" + "---|" * len(sizes) + "---|---|---|",
    ]
    for name, by_size in results.items():
        top = max(by_size)
        exponent = math.log(by_size[top] / by_size[sizes[0]]) / math.log(top / sizes[0])
        lines.append(f"| `{name}` | " + " | ".join(f"{by_size[n]:.2f} s" if n in by_size else "not run" for n in sizes)
                     + f" | {exponent:.2f} | ≤ {AIM_EXPONENT} | {verdict(exponent <= AIM_EXPONENT)} |")
    return lines


def peak_run(command: Sequence[str], timeout: float) -> tuple[float, float, str]:
    """(wall s, peak RSS MB, note) of one subprocess, through /usr/bin/time when there is one."""
    timer = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    report = os.path.join(OUT, "time.txt")
    full = [timer, "-f", "%M", "-o", report, *command] if timer else list(command)
    start = time.perf_counter()
    # A session of its own: a timeout stops the tool too, not only /usr/bin/time in front of it.
    proc = subprocess.Popen(full, cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return timeout, float("nan"), f"stopped after {timeout:.0f} s"
    done = proc
    wall = time.perf_counter() - start
    peak = float("nan")
    if timer and os.path.exists(report):
        with open(report, encoding="utf-8") as handle:
            digits = [line for line in handle.read().split() if line.isdigit()]
        peak = int(digits[-1]) / 1024 if digits else peak
    note = "" if done.returncode in (0, 1) else f"exit {done.returncode}"
    return wall, peak, note


def peers(old: str, new: str) -> dict[str, list[str]]:
    """Peer commands on the same pair of files (those installed)."""
    out = {"`untk diff`": [untk_script(), "diff", old, new]}
    out["difflib (`unified_diff` of lines)"] = [sys.executable, "-c",
        "import difflib,sys; a=open(sys.argv[1]).readlines(); b=open(sys.argv[2]).readlines(); "
        "sys.stdout.writelines(difflib.unified_diff(a, b))", old, new]
    out["`git diff --no-index --word-diff`"] = ["git", "diff", "--no-index", "--word-diff", old, new]
    if shutil.which("dwdiff"):
        out["`dwdiff`"] = ["dwdiff", old, new]
    try:
        import redlines  # noqa: F401

        out["python-redlines (`Redlines(a, b).output_markdown`)"] = [sys.executable, "-c",
            "import sys; from redlines import Redlines; "
            "print(Redlines(open(sys.argv[1]).read(), open(sys.argv[2]).read()).output_markdown)", old, new]
    except ImportError:
        pass
    return out


def big_lines(pinning: str, peer_sizes: Sequence[int]) -> list[str]:
    old, new = write("big_old.txt", text_of_size(BIG_MIB, False)), write("big_new.txt", text_of_size(BIG_MIB, True))
    wall, peak, note = peak_run([untk_script(), "diff", old, new], timeout=120)
    mib = os.path.getsize(old) / 2**20
    lines = [
        f"### A {BIG_MIB} MiB text through `untk diff`",
        "",
        f"`untk diff` of two generated texts of {mib:.1f} MiB ({os.path.getsize(old):,} bytes), {pinning}: "
        f"**{wall:.1f} s** (aim < {AIM_BIG_S:.0f} s: {verdict(wall < AIM_BIG_S)}), peak memory "
        f"**{peak:.0f} MB** (maximum resident set, aim < {AIM_BIG_MB:.0f} MB: {verdict(peak < AIM_BIG_MB)})"
        + (f"; {note}" if note else "") + ".",
        "",
        "### Peers on the same generated pairs",
        "",
        "Each tool reads the two files itself; one run each, wall time (peak memory in brackets); a tool "
        "stopped after 60 s is marked so. The tools other than untk align no paragraphs and detect no moves.",
        "",
        "| Tool | " + " | ".join(f"{n:,} paragraphs" for n in peer_sizes) + " |",
        "|---|" + "---|" * len(peer_sizes),
    ]
    rows: dict[str, list[str]] = {}
    for n in peer_sizes:
        a, b = write(f"peer_{n}_old.txt", big_text(n)), write(f"peer_{n}_new.txt", big_text(n, edited=True))
        for label, command in peers(a, b).items():
            w, p, why = peak_run(command, timeout=60)
            rows.setdefault(label, []).append(why if why.startswith("stopped") else f"{w:.2f} s ({p:.0f} MB)")
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows.items()]
    return lines


def build_section(sizes: Sequence[int] = SIZES, peer_sizes: Sequence[int] = (1_000, 5_000)) -> str:
    commit = revision()
    lines = [BEGIN, "## Start-up and growth (`bench/scale_bench.py`)", "",
             f"Measured {dt.date.today().isoformat()}" + (f" at commit {commit}" if commit else "")
             + " with `bench/scale_bench.py`.", "", machine_notes()]
    with one_core() as pinning:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
        lines += [f"Load average at the start {load} (other work on the machine adds noise to wall times).", ""]
        lines += startup_lines(pinning) + [""]
        lines += growth_lines(pinning, sizes) + [""]
        lines += big_lines(pinning, peer_sizes)
    return "\n".join(lines + [END])


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # The growth is measured far past what a resolution holds (100,000 paragraphs, a
    # 15 MiB text): the reading limits, in this process and its children, raised for it.
    os.environ.setdefault("UNTK_MAX_TEXT_MIB", "64")
    sizes = SIZES
    if "--startup" in args:  # only the start-up table, never written to RESULTS.md (the section needs all)
        with one_core() as pinning:
            print("\n".join(startup_lines(pinning)))
        return 0
    if "--quick" in args:  # a smoke run: small sizes only
        args.remove("--quick")
        sizes = (200, 1_000)
    return bench_main(__doc__ or "", lambda: build_section(sizes), BEGIN, END, args)


if __name__ == "__main__":
    sys.exit(main())
