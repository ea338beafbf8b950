"""The campaign: draw an input and a command, run it in a limited child, judge the outcome.

    python -m fuzz [--runs N] [--seconds S] [--jobs J] [--out DIR] [--mode fork|spawn]
    python -m fuzz --replay DIR      run the kept reproducers again (after a fix, say)

An outcome is ``ok``, or one of:

- ``crash``: a traceback, an ``internal error``, or an exit code outside 0, 1, 2 (a signal too);
- ``hang``: past ``--timeout`` seconds of CPU time (RLIMIT_CPU), or blocked for ``--wall``
  times that in wall-clock time (killed);
- ``oom``: out of memory under the ``--memory`` limit (RLIMIT_AS);
- ``bad-error``: exit 2 without exactly one ``untk: error:`` line, or one that names no input;
- ``raw-control``: a control character (ESC, C1, CR ...) in text meant for a terminal.

Every run is a line of ``runs.jsonl``; the figures are in ``summary.json`` and printed at
the end; the inputs of each distinct failure are kept under ``crashes/`` with the command
line that reproduces it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shlex
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from fuzz import hostile, mutate, runner, seeds
from toolkit.render.safe import visible_name

HERE = Path(__file__).resolve().parent

#: Command lines, with IN (the mutated input) and BASE (the valid input it came from).
#: The last field says whether the output is text for a terminal (checked for raw controls).
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("show", ["show", "IN"], True),
    ("show", ["show", "IN", "--format", "json"], False),
    ("show", ["show", "IN", "--format", "draft"], False),
    ("check", ["check", "IN"], True),
    ("check", ["check", "IN", "--format", "json"], False),
    ("check", ["check", "IN", "--format", "sarif"], False),
    ("check", ["check", "IN", "--format", "github"], True),
    ("check", ["check", "IN", "--against", "BASE"], True),
    ("check", ["check", "IN", "--baseline", "BASE"], True),
    ("diff", ["diff", "BASE", "IN"], True),
    ("diff", ["diff", "IN", "BASE", "--context", "--ignore-case", "--ignore-quotes"], True),
    ("diff", ["diff", "BASE", "IN", "--format", "markdown"], True),
    ("diff", ["diff", "BASE", "IN", "--format", "json"], False),
    ("diff", ["diff", "BASE", "IN", "--format", "html"], False),
    ("diff", ["diff", "BASE", "IN", "--format", "docx", "-o", "redline.docx"], False),
    ("fix", ["fix", "IN"], False),
    ("fix", ["fix", "IN", "--against", "BASE"], False),
    ("history", ["history", "BASE", "IN"], True),
    ("history", ["history", "BASE", "IN", "BASE", "--format", "json"], False),
]

_NAMES = ["\x1b]52;c;aGk=\x07", "\n::error::forged", "\r", "\udcff\udcfe", "\x9b2J", " <img src=x>`|*", "%0A,:"]
_RAW = re.compile(rb"\x1b|\xc2[\x80-\x9f]|[\x00-\x08\x0b-\x1f\x7f]")
_FRAME = re.compile(r'File "([^"]+)", line (\d+), in (\S+)')


@dataclass
class Run:
    number: int
    command: str
    argv: list[str]
    kind: str
    seed: str
    mutation: str
    files: dict[str, bytes]
    text_output: bool


def draw(number: int, rng: random.Random, pool: list[seeds.Seed], hostile_share: float) -> Run:
    """One run: a command, and an input mutated from a seed or made by a hostile generator."""
    command, template, text_output = rng.choice(COMMANDS)
    by_kind: dict[str, list[seeds.Seed]] = {}
    for s in pool:
        by_kind.setdefault(s.kind, []).append(s)
    if rng.random() < hostile_share:
        name, generate = rng.choice(hostile.GENERATORS)
        data, kind = generate(rng)
        base = rng.choice(by_kind.get(kind) or pool)
        seed_name, mutation = base.name, f"hostile:{name}"
    else:
        kind = rng.choice(sorted(by_kind))
        base = rng.choice(by_kind[kind])
        others = [s.data for s in rng.sample(pool, min(3, len(pool))) if s.kind not in ("docx", "pdf")]
        data, mutation = mutate.mutate(base.data, kind, rng, others)
        seed_name = base.name
    suffix = seeds.SUFFIX[kind]
    if rng.random() < 0.05:  # the wrong suffix: sniffing must cope
        suffix = rng.choice(list(seeds.SUFFIX.values()))
    name = f"input{suffix}"
    if rng.random() < 0.05:  # a hostile file name: errors and outputs must show it, not obey it
        name = f"input{rng.choice(_NAMES)}{suffix}"
    argv = [{"IN": name, "BASE": f"base{base.suffix}"}.get(a, a) for a in template]
    if command in ("show", "check", "diff") and rng.random() < 0.1:
        argv += ["--input-format", rng.choice(seeds.KINDS)]
    files = {name: data, f"base{base.suffix}": base.data}
    return Run(number, command, argv, kind, seed_name, mutation, files, text_output and "--input-format" not in argv)


def judge(run: Run, outcome: runner.Outcome) -> tuple[str, str]:
    """The verdict on one outcome and a signature that groups outcomes of one cause."""
    err = outcome.stderr.decode("utf-8", "replace")
    where = f"{run.command} {run.kind}"
    if outcome.timed_out:
        return "hang", f"hang {where} {run.mutation.split('+')[0]}"
    if "MemoryError" in err or "Cannot allocate memory" in err or "bad_alloc" in err:
        return "oom", f"oom {where} {_last_frame(err)}"
    if outcome.signal is not None:
        return "crash", f"signal {signal.Signals(outcome.signal).name} {where} {_last_frame(err)}"
    if "Traceback (most recent call last)" in err:
        return "crash", f"traceback {_last_frame(err)} {_exception(err)}"
    if "internal error:" in err:
        m = re.search(r"internal error: (.*)", err)
        return "crash", "internal error: " + _generic(m[1] if m else err)
    if outcome.code not in (0, 1, 2):
        return "crash", f"exit {outcome.code} {where}"
    if outcome.code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        if len(lines) != 1 or not lines[0].startswith("untk: error: "):
            return "bad-error", "bad-error " + _generic(" / ".join(lines)[:120])
        names = [a for a in run.argv if a.startswith(("input", "base"))]
        # A name that is not UTF-8 may be shown with backslash escapes or with control pictures.
        shown = [(n, visible_name(n), n.encode("utf-8", "backslashreplace").decode()) for n in names]
        if not any(form in lines[0] for forms in shown for form in forms):
            return "bad-error", "unnamed " + _generic(lines[0][13:])
    if _RAW.search(outcome.stderr) or (run.text_output and _RAW.search(outcome.stdout)):
        return "raw-control", f"raw-control {' '.join(run.argv[:1] + [a for a in run.argv if a.startswith('--format')][:1])} {run.argv[run.argv.index('--format') + 1] if '--format' in run.argv else ''}"
    return "ok", ""


def _last_frame(err: str) -> str:
    frames = _FRAME.findall(err)
    if not frames:
        return ""
    path, line, func = frames[-1]
    short = path.split("site-packages/")[-1].split("/main/")[-1]
    return f"{short}:{line}:{func}"


def _exception(err: str) -> str:
    tail = [line for line in err.strip().splitlines() if line and not line.startswith(" ")]
    return tail[-1].split(":")[0] if tail else ""


def _generic(text: str) -> str:
    """A message with its numbers and quoted parts blanked, so that one cause is one signature."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    return re.sub(r"\d+", "N", text)[:160]


class Campaign:
    def __init__(self, out: Path, keep: int = 2):
        self.out = out
        self.keep = keep
        self.crash_dir = out / "crashes"
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        self.log = open(out / "runs.jsonl", "w", encoding="utf-8")
        self.verdicts: dict[str, int] = {}
        self.by_command: dict[str, dict[str, int]] = {}
        self.signatures: dict[str, dict] = {}
        self.rss: list[int] = []
        self.seconds: list[float] = []

    def record(self, run: Run, outcome: runner.Outcome) -> str:
        verdict, signature = judge(run, outcome)
        self.verdicts[verdict] = self.verdicts.get(verdict, 0) + 1
        per = self.by_command.setdefault(run.command, {})
        per[verdict] = per.get(verdict, 0) + 1
        self.rss.append(outcome.peak_rss_kib)
        self.seconds.append(outcome.cpu_seconds)
        entry = {
            "run": run.number, "command": " ".join(run.argv), "kind": run.kind, "seed": run.seed,
            "mutation": run.mutation, "verdict": verdict, "code": outcome.code, "signal": outcome.signal,
            "seconds": round(outcome.seconds, 3), "cpu_seconds": round(outcome.cpu_seconds, 3), "peak_rss_kib": outcome.peak_rss_kib, "signature": signature,
        }
        self.log.write(json.dumps(entry) + "\n")
        if verdict != "ok":
            self._keep(run, outcome, verdict, signature)
        return verdict

    def _keep(self, run: Run, outcome: runner.Outcome, verdict: str, signature: str) -> None:
        """The reproducer of a failure: first seen, replaced by a smaller input of the same cause."""
        key = hashlib.sha1(signature.encode()).hexdigest()[:10]
        known = self.signatures.setdefault(signature, {"verdict": verdict, "count": 0, "dir": f"{verdict}-{key}", "size": None})
        known["count"] += 1
        size = len(run.files[run.argv[[i for i, a in enumerate(run.argv) if a.startswith("input")][0]]])
        if known["size"] is not None and size >= known["size"]:
            return
        known["size"] = size
        folder = self.crash_dir / known["dir"]
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, data in run.files.items():
            (folder / name).write_bytes(data)
        # surrogateescape: a file name that is not UTF-8 is written back as its own bytes
        (folder / "command.sh").write_text(f"cd \"$(dirname \"$0\")\" && untk {shlex.join(run.argv)}\n", encoding="utf-8", errors="surrogateescape")
        (folder / "stderr.txt").write_bytes(outcome.stderr[-20000:])
        (folder / "about.json").write_text(json.dumps({
            "signature": signature, "verdict": verdict, "seed": run.seed, "kind": run.kind, "mutation": run.mutation,
            "code": outcome.code, "signal": outcome.signal, "seconds": round(outcome.seconds, 2), "cpu_seconds": round(outcome.cpu_seconds, 2),
            "peak_rss_kib": outcome.peak_rss_kib,
        }, indent=2) + "\n", encoding="utf-8")

    def summary(self, elapsed: float, settings: dict) -> dict:
        runs = sum(self.verdicts.values())
        rss = sorted(self.rss) or [0]
        secs = sorted(self.seconds) or [0.0]
        return {
            "settings": settings,
            "runs": runs,
            "elapsed_seconds": round(elapsed, 1),
            "runs_per_second": round(runs / elapsed, 2) if elapsed else 0,
            "verdicts": dict(sorted(self.verdicts.items())),
            "by_command": {c: dict(sorted(v.items())) for c, v in sorted(self.by_command.items())},
            "peak_rss_mib": {"max": round(rss[-1] / 1024, 1), "p50": round(rss[len(rss) // 2] / 1024, 1), "p99": round(rss[int(len(rss) * 0.99)] / 1024, 1)},
            "cpu_seconds": {"max": round(secs[-1], 2), "p50": round(statistics.median(secs), 3), "p99": round(secs[int(len(secs) * 0.99)], 2)},
            "failures": sorted(
                ({"signature": s, **{k: v for k, v in info.items() if k != "size"}, "input_bytes": info["size"]} for s, info in self.signatures.items()),
                key=lambda f: (f["verdict"], -f["count"]),
            ),
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./dev.py fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2000, help="stop after this many runs (default 2000)")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="runs at a time (default: the CPUs)")
    parser.add_argument("--timeout", type=float, default=10.0, help="CPU seconds a run may take (default 10)")
    parser.add_argument("--wall", type=float, default=6.0, help="a run is also killed after TIMEOUT times this in wall-clock time (default 6)")
    parser.add_argument("--memory", type=int, default=500, help="MB of address space a run may use (default 500)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where runs.jsonl, summary.json and crashes/ go")
    parser.add_argument("--mode", choices=("fork", "spawn"), default="fork", help="fork: a preloaded untk forked per run; spawn: the untk script per run")
    beside = os.path.join(os.path.dirname(sys.executable), "untk")
    parser.add_argument("--untk", default=beside if os.path.exists(beside) else shutil.which("untk"), help="the script --mode spawn runs")
    parser.add_argument("--seed", type=int, default=None, help="seed of the random draws (default: a new one)")
    parser.add_argument("--hostile", type=float, default=0.12, help="share of runs from the hostile generators")
    parser.add_argument("--no-corpus", action="store_true", help="only the samples, not ../shared/corpus")
    parser.add_argument("--replay", type=Path, default=None, help="run the reproducers kept in this folder again")
    args = parser.parse_args(argv)
    args.untk = os.path.abspath(args.untk) if args.untk else "untk"
    if args.replay:
        return replay(args.replay, args)

    master = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    rng = random.Random(master)
    pool = seeds.collect(None if args.no_corpus else seeds.SHARED)
    if args.mode == "fork":
        runner.preload()
    args.out.mkdir(parents=True, exist_ok=True)
    campaign = Campaign(args.out)
    settings = {
        "seed": master, "jobs": args.jobs, "timeout_s": args.timeout, "memory_mb": args.memory, "mode": args.mode,
        "seeds": {k: sum(1 for s in pool if s.kind == k) for k in seeds.KINDS}, "hostile_share": args.hostile,
    }
    print(f"fuzz: seed {master}, {len(pool)} seed inputs, {args.jobs} at a time, mode {args.mode}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="untk-fuzz-"))
    slots = [scratch / f"slot{k}" for k in range(args.jobs)]
    for slot in slots:
        slot.mkdir()
    free = list(slots)
    running: list[runner.Child] = []
    started = time.monotonic()
    number = 0
    try:
        while True:
            out_of_time = args.seconds is not None and time.monotonic() - started > args.seconds
            while free and number < args.runs and not out_of_time:
                slot = free.pop()
                for entry in slot.iterdir():
                    entry.unlink() if entry.is_file() else shutil.rmtree(entry)
                run = draw(number, rng, pool, args.hostile)
                number += 1
                for name, data in run.files.items():
                    (slot / name).write_bytes(data)
                running.append(runner.start(run.argv, str(slot), args.memory << 20, args.timeout, args.mode, args.untk, (run, slot)))
            if not running:
                break
            for child, outcome in runner.reap(running, args.timeout * args.wall):
                running.remove(child)
                run, slot = child.tag
                free.append(slot)
                verdict = campaign.record(run, outcome)
                if verdict != "ok":
                    print(f"  run {run.number}: {verdict}: {' '.join(run.argv)} ({run.kind} {run.seed}, {run.mutation})", flush=True)
                done = sum(campaign.verdicts.values())
                if done % 250 == 0:
                    print(f"fuzz: {done} runs, {time.monotonic() - started:.0f} s, {dict(sorted(campaign.verdicts.items()))}", flush=True)
            time.sleep(0.002)
    except KeyboardInterrupt:
        for child in running:
            os.kill(child.pid, signal.SIGKILL)
        runner.reap(running, 0)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        campaign.log.close()
    summary = campaign.summary(time.monotonic() - started, settings)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (args.out / "summary.md").write_text(markdown(summary), encoding="utf-8")
    _report(summary, args.out)
    return 1 if any(v for k, v in summary["verdicts"].items() if k != "ok") else 0


def markdown(summary: dict) -> str:
    """The figures of a campaign as Markdown tables, for bench/RESULTS.md."""
    verdicts = ["ok", "crash", "hang", "oom", "bad-error", "raw-control"]
    out = [
        f"{summary['runs']} runs in {summary['elapsed_seconds']:.0f} s ({summary['runs_per_second']} a second, "
        f"{summary['settings']['jobs']} at a time, mode {summary['settings']['mode']}, seed {summary['settings']['seed']}; "
        f"limits {summary['settings']['memory_mb']} MB address space and {summary['settings']['timeout_s']:.0f} s of CPU a run).",
        "",
        "| command | " + " | ".join(verdicts) + " |",
        "|---|" + "---:|" * len(verdicts),
    ]
    for command, counts in summary["by_command"].items():
        out.append(f"| {command} | " + " | ".join(str(counts.get(v, 0)) for v in verdicts) + " |")
    total = summary["verdicts"]
    out.append("| **all** | " + " | ".join(f"**{total.get(v, 0)}**" for v in verdicts) + " |")
    rss, secs = summary["peak_rss_mib"], summary["cpu_seconds"]
    out += [
        "",
        f"Peak RSS of a run: median {rss['p50']} MiB, 99th percentile {rss['p99']} MiB, largest {rss['max']} MiB. "
        f"CPU time of a run: median {secs['p50']} s, 99th percentile {secs['p99']} s, longest {secs['max']} s.",
        "",
    ]
    if summary["failures"]:
        out += ["| runs | failure | smallest input (bytes) |", "|---:|---|---:|"]
        for f in summary["failures"]:
            out.append(f"| {f['count']} | `{f['signature']}` | {f['input_bytes']} |")
        out.append("")
    return "\n".join(out)


def replay(folder: Path, args: argparse.Namespace) -> int:
    """Each kept reproducer run again under the same limits, with its verdict now."""
    failing = 0
    for about in sorted(folder.glob("*/about.json")):
        case = about.parent
        info = json.loads(about.read_text(encoding="utf-8"))
        argv = shlex.split((case / "command.sh").read_text(encoding="utf-8", errors="surrogateescape").split("&& untk ", 1)[1])
        files = {p.name: p.read_bytes() for p in case.iterdir() if p.name.startswith(("input", "base"))}
        run = Run(0, argv[0], argv, info["kind"], info["seed"], info["mutation"], files, "--format" not in argv or "github" in argv)
        with tempfile.TemporaryDirectory(prefix="untk-replay-") as scratch:
            for name, data in files.items():
                Path(scratch, name).write_bytes(data)
            child = runner.start(argv, scratch, args.memory << 20, args.timeout, "spawn", args.untk)
            done: list = []
            while not done:
                done = runner.reap([child], args.timeout * args.wall)
                time.sleep(0.01)
        outcome = done[0][1]
        verdict, _ = judge(run, outcome)
        failing += verdict != "ok"
        print(f"{verdict:<12} {outcome.cpu_seconds:6.2f} s {outcome.peak_rss_kib // 1024:5d} MiB  {case.name}  untk {shlex.join(argv)}", flush=True)
    return 1 if failing else 0


def _report(summary: dict, out: Path) -> None:
    print(
        f"\nfuzz: {summary['runs']} runs in {summary['elapsed_seconds']} s ({summary['runs_per_second']}/s): "
        + ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items())
    )
    print(f"  peak RSS MiB: max {summary['peak_rss_mib']['max']}, p50 {summary['peak_rss_mib']['p50']}, p99 {summary['peak_rss_mib']['p99']}")
    cpu = summary["cpu_seconds"]
    print(f"  CPU seconds a run: max {cpu['max']}, p50 {cpu['p50']}, p99 {cpu['p99']}")
    for f in summary["failures"]:
        print(f"  {f['count']:>5}x {f['signature']}  -> {out / 'crashes' / f['dir']}")
