#!/usr/bin/env python3
"""How many dated citations in today's official texts the registry can verify, and at what cost.

    .venv/bin/python bench/registry_coverage.py            print the figures as Markdown
    .venv/bin/python bench/registry_coverage.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --registry               the same, through the benchmark runner

A registry is built in ``bench/out/`` from what ``../shared`` holds: the list
``registry/un-resolutions.csv``, the Human Rights Council list (imported, as a user would,
with ``--organ``), and every text of ``corpus/`` indexed (adopted texts give their own
dates as facts and their citations as evidence). Then, for each dated citation in the 77
adopted General Assembly texts of ``corpus/unga-78-80``: is it verifiable — a fact (a
recorded adoption date) or evidence (at least two other adopted texts agreeing on a date)?
By cited organ, before and after learning from the texts. The registry rules' findings on
those 77 texts are the false alarms to review (an official text is right unless shown
otherwise). Lookup cost is the time per ``Registry.lookup`` and ``Registry.evidence``.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, bench_main, machine_notes, revision  # noqa: E402

SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
DB = os.path.join(ROOT, "bench", "out", "coverage-registry.sqlite3")
BEGIN, END = "<!-- registry:begin -->", "<!-- registry:end -->"


def untk(*args: str) -> None:
    exe = os.path.join(os.path.dirname(sys.executable), "untk")
    done = subprocess.run([exe, *args], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"untk {' '.join(args)}: {done.stderr[-500:]}")


def build(learn: bool) -> str:
    path = DB.replace(".sqlite3", "-learned.sqlite3" if learn else "-lists.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    untk("registry", "import", os.path.join(SHARED, "registry", "un-resolutions.csv"), "--registry", path)
    hrc = os.path.join(SHARED, "registry", "candidates", "hrc-dw-data", "unhrc_resolutions.ods")
    if os.path.exists(hrc):
        untk("registry", "import", hrc, "--registry", path, "--organ", "Human Rights Council")
    if learn:
        untk("index", os.path.join(SHARED, "corpus"), "--registry", path, "--jobs", str(os.cpu_count() or 1))
    return path


def measure(path: str) -> tuple[Counter, Counter, Counter, float, int]:
    from toolkit.citations import find_citations
    from toolkit.readers import read_document
    from toolkit.registry.lookup import Registry
    from toolkit.registry.store import connect

    registry = Registry(connect(path, create=False))
    cited, by_fact, by_evidence = Counter(), Counter(), Counter()
    lookups = 0
    spent = 0.0
    for pdf in sorted(glob.glob(os.path.join(SHARED, "corpus", "unga-78-80", "A_RES_*.pdf"))):
        doc = read_document(pdf)
        for element in doc.walk_all():
            for c in find_citations(element.text, doc.metadata.organ):
                if c.date is None or len(c.symbols) != 1:
                    continue
                organ = c.organ or "unknown"
                cited[organ] += 1
                started = time.perf_counter()
                record = registry.lookup(c.symbols[0])
                evidence = registry.evidence(c.symbols[0], exclude=doc.metadata.symbol)
                spent += time.perf_counter() - started
                lookups += 1
                if record and record.adoption_date:
                    by_fact[organ] += 1
                elif len(evidence) >= 2 and len({e.date for e in evidence}) == 1:
                    by_evidence[organ] += 1
    return cited, by_fact, by_evidence, spent / max(lookups, 1), lookups


def alarms(path: str) -> list[str]:
    from toolkit.checks.run import Options, check_files

    texts = sorted(glob.glob(os.path.join(SHARED, "corpus", "unga-78-80", "A_RES_*.pdf")))
    rules = ("citation-registry-date-mismatch", "citation-registry-evidence-mismatch")
    out = []
    for checked in check_files(texts, Options(select=rules, registry=path)):
        if checked.report is None:
            continue
        for f in checked.report.findings:
            out.append(f"{os.path.basename(checked.path)} {f.paragraph}: [{f.rule}] {f.message}")
    return out


def build_section() -> str:
    if not os.path.isdir(SHARED):
        return f"{BEGIN}\n## Registry coverage\n\nNot measured: {SHARED} is absent.\n{END}"
    rows = {}
    for learn in (False, True):
        rows[learn] = measure(build(learn))
    cited = rows[True][0]
    lines = [
        BEGIN,
        "## Registry coverage",
        "",
        f"`bench/registry_coverage.py`, {revision()}. Dated citations in the 77 adopted GA texts of sessions 78–80,"
        " verifiable by a fact (a recorded date) or by evidence (two or more other adopted texts agreeing):"
        " first with the lists only (`un-resolutions.csv`, the Human Rights Council list imported with `--organ`),"
        " then after `untk index` of everything in `../shared/corpus` (the 77 texts' own citations are never their own evidence).",
        "",
        "| cited organ | dated citations | lists: facts | learned: facts | learned: evidence | learned: verifiable |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for organ in sorted(cited, key=lambda o: -cited[o]):
        n = cited[organ]
        lf = rows[False][1][organ]
        f, e = rows[True][1][organ], rows[True][2][organ]
        lines.append(f"| {organ} | {n} | {lf} ({lf / n:.0%}) | {f} | {e} | {f + e} ({(f + e) / n:.0%}) |")
    total = sum(cited.values())
    lf = sum(rows[False][1].values())
    f, e = sum(rows[True][1].values()), sum(rows[True][2].values())
    lines.append(f"| all | {total} | {lf} ({lf / total:.0%}) | {f} | {e} | {f + e} ({(f + e) / total:.0%}) |")
    found = alarms(DB.replace(".sqlite3", "-learned.sqlite3"))
    lines += [
        "",
        f"Lookup cost: {rows[True][3] * 1e6:.0f} µs per citation (lookup and evidence, {rows[True][4]} citations).",
        "",
        f"Registry findings on the 77 official texts (each to be read against the PDF): {len(found)}.",
        *[f"- {line}" for line in found[:30]],
        "",
        machine_notes(),
        END,
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
