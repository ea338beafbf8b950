#!/usr/bin/env python3
"""Measure the precision of ``untk check`` on official texts: loud findings by rule.

    .venv/bin/python bench/precision.py            print the figures as Markdown
    .venv/bin/python bench/precision.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --precision      the same, through the benchmark runner

A rule is judged by its false alarms on official adopted texts, which the UN's
editors have cleared. Loud findings (errors and warnings) are counted by rule over
the 77 adopted General Assembly resolutions of sessions 78–80
(``../shared/corpus/unga-78-80/A_RES_*.pdf``) and over the Security Council corpus
(``../shared/corpus/unsc/``), both checked with the registry imported from
``../shared/registry/un-resolutions.csv`` (into ``bench/out/``). Every loud finding
on the General Assembly texts is listed, to be read against the PDF. ``BEFORE``
holds the counts measured before the precision work, for the comparison table.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, CORPUS, bench_main, cell, machine_notes, revision, untk_script  # noqa: E402

from toolkit.checks.run import Options, check_files  # noqa: E402

SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
GA_TEXTS = os.path.join(SHARED, "corpus", "unga-78-80", "A_RES_*.pdf")
#: A/RES/73/6 and 73/7 (2018), which repeat the marker of the same note (DOMAIN.md §4).
REPEATED_MARKERS = [os.path.join(SHARED, "corpus", "unga-pdf", f"A_RES_73_{n}-EN.pdf") for n in (6, 7)]
REGISTRY_CSV = os.path.join(SHARED, "registry", "un-resolutions.csv")
REGISTRY_DB = os.path.join(ROOT, "bench", "out", "precision-registry.sqlite3")  # git ignores bench/out/
BEGIN, END = "<!-- precision:begin -->", "<!-- precision:end -->"
LOUD = ("error", "warning")

#: Loud findings by rule measured at commit 662169f, before the precision work (issue 10 item 5).
BEFORE = {
    "ga": {
        "citation-first-mention-date": 64, "footnote-marker-without-note": 43, "symbol-shortened-suffix": 19,
        "metadata-number-mismatch": 8, "structure-operative-ending": 8, "terminology-oxford-spelling": 7,
        "numbering-footnote-sequence": 6, "citation-session-calendar": 5, "structure-preambular-ending": 3,
        "numbering-operative-gap": 1, "citation-session-style": 1, "terminology-un-variant": 1,
        "terminology-lost-hyphen": 1,
    },
    "sc": {
        "structure-operative-ending": 333, "structure-preambular-ending": 68, "numbering-subparagraph-sequence": 30,
        "citation-registry-date-mismatch": 28, "terminology-lost-hyphen": 15, "citation-form": 13,
        "metadata-meeting-figures": 10, "numbering-operative-gap": 9, "numbering-operative-duplicate": 8,
        "footnote-marker-without-note": 7, "terminology-un-variant": 4, "symbol-malformed": 3,
        "citation-sc-year-mismatch": 2, "citation-session-calendar": 2, "terminology-oxford-spelling": 2,
        "citation-part-letters": 1, "reference-target-missing": 1, "structure-preambular-opening": 1,
    },
}
BEFORE_FILES = {"ga": 44, "sc": 260}
BEFORE_73 = {"footnote-repeated-marker": 4, "symbol-shortened-suffix": 1}

#: What the rules changed, for the section's reader.
CHANGES = [
    "`citation-first-mention-date` keeps to the organ's own resolutions; another organ's undated first mention "
    "(\"Security Council resolutions 1754 (2007), 1783 (2007) …\") is `citation-other-first-mention-date`, info "
    "(DOMAIN.md §2: a matter of style); a date given with \"on\" counts.",
    "`citation-session-calendar` checks each organ against its own calendar (`toolkit.organs`: the Assembly's "
    "sessions, the Human Rights Council's years; other organs skipped), takes the organ last named before a "
    "number whose form alone decides nothing, and names the resolution in its message.",
    "`citation-session-style` reports a session/number of sessions 1–30 only where the Assembly is named "
    "(\"decision 15/4\" of a Conference of the Parties is not the Assembly's).",
    "`symbol-shortened-suffix` is info and leaves footnotes alone (official notes write \"E/2005/23/Corr.1\" in full).",
    "`footnote-repeated-marker` is info (A/RES/73/6 and 73/7 repeat the marker of the same note).",
    "`terminology-oxford-spelling` and `terminology-lost-hyphen` leave proper names alone (option `except`: "
    "Organisation for Economic Co-operation and Development, OPCW, OECS, OIF, OSCE).",
    "The rest of the fall, 43 + 6 + 8 footnote and metadata findings, came from reading faults that the "
    "readers now get right (notes collected by page, symbols no longer truncated).",
]

_MEETING = "reading fault: the meeting line \"{}\" is read as the end of the last operative paragraph"
_HEADING = "reading fault: the heading \"{}\" that follows is read into the paragraph"
#: Loud findings read against the PDF page (file, paragraph, rule) -> verdict and evidence.
REVIEWED = {
    ("A_RES_78_8.pdf", "PP1", "structure-preambular-ending"):
        "**real defect**, page 1: \"Having received the report of the International Atomic Energy Agency for 2022¹\" has no comma",
    ("A_RES_78_276.pdf", "PP1", "citation-session-calendar"):
        "**real defect**, page 1: \"73/287 of 15 April 2018\"; session 73 opened on 18 September 2018 "
        "(and 15 April 2018 was a Sunday)",
    ("A_RES_79_281.pdf", "PP1", "citation-session-calendar"):
        "**real defect**, page 1: the same \"73/287 of 15 April 2018\", copied from A/RES/78/276",
    ("A_RES_80_57.pdf", "PP12", "terminology-un-variant"):
        "**real defect**, page 2: \"Recalling the report of the Secretary General³\", without its hyphen",
    ("A_RES_80_167.pdf", "OP7", "numbering-operative-gap"):
        "**real defect, misreported**, page 3: paragraph 6 is printed \"6  Also reaffirms\" without its full stop, "
        "so the reader joins it to paragraph 5",
    ("A_RES_78_230.pdf", "OP9", "structure-operative-ending"): _MEETING.format("50th (resumed) plenary meeting") + " (page 5)",
    ("A_RES_78_241.pdf", "OP4", "structure-operative-ending"): _MEETING.format("50th (resumed) plenary meeting") + " (page 2)",
    ("A_RES_78_246.pdf", "OP1", "structure-operative-ending"): _MEETING.format("50th (resumed) plenary meeting") + " (page 1)",
    ("A_RES_79_235.pdf", "OP14", "structure-operative-ending"): _MEETING.format("55th (resumed) plenary meeting") + " (page 3)",
    ("A_RES_79_251.pdf", "OP6", "structure-operative-ending"): _MEETING.format("55th (resumed) plenary meeting") + " (page 2)",
    ("A_RES_80_235.pdf", "OP2", "structure-operative-ending"): _MEETING.format("69th (resumed) plenary meeting") + " (page 1)",
    ("A_RES_80_11.pdf", "PP16", "structure-preambular-ending"): _HEADING.format("Peacebuilding Commission") + " (page 3)",
    ("A_RES_80_11.pdf", "OP12", "structure-operative-ending"): _HEADING.format("Peacebuilding financing") + " (page 6)",
    ("A_RES_80_11.pdf", "OP23", "structure-operative-ending"):
        _HEADING.format("Department of Political and Peacebuilding Affairs/Peacebuilding Support Office") + " (page 7)",
    ("A_RES_79_281.pdf", "PP3", "structure-preambular-ending"):
        "reading fault: the part heading \"I / Report of the Joint Inspection Unit\" is read as a paragraph (page 1)",
    ("A_RES_79_164.pdf", "PP1", "citation-first-mention-date"):
        "reading fault: words run together (\"humanrights\", \"14 December1960\"), so the date of 1514 (XV) is "
        "not read; page 1 prints \"of 14 December 1960\"",
}


@dataclass(frozen=True)
class Loud:
    """One error or warning, where it stands."""

    path: str
    rule: str
    severity: str
    paragraph: str | None
    line: int
    message: str


@dataclass(frozen=True)
class Measure:
    files: int
    loud: tuple[Loud, ...]
    infos: Counter

    def by_rule(self) -> Counter:
        return Counter(f.rule for f in self.loud)

    def files_with_loud(self) -> int:
        return len({f.path for f in self.loud})


def ga_paths() -> list[str]:
    return sorted(glob.glob(GA_TEXTS))


def sc_paths() -> list[str]:
    return sorted(glob.glob(os.path.join(CORPUS, "*.txt"))) if os.path.isdir(CORPUS) else []


def registry() -> str | None:
    """The registry file, imported once from the shared list; None without the list."""
    if os.path.exists(REGISTRY_DB):
        return REGISTRY_DB
    if not os.path.exists(REGISTRY_CSV):
        return None
    os.makedirs(os.path.dirname(REGISTRY_DB), exist_ok=True)
    subprocess.run([untk_script(), "registry", "import", REGISTRY_CSV, "--db", REGISTRY_DB],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return REGISTRY_DB


def measure(paths: Sequence[str], db: str | None, jobs: int = 1) -> Measure:
    """Check ``paths`` with every bundled rule and keep the loud findings."""
    loud: list[Loud] = []
    infos: Counter = Counter()
    for checked in check_files(list(paths), Options(registry=db), jobs=jobs):
        if checked.report is None:
            continue
        for f in checked.report.findings:
            if f.severity in LOUD:
                loud.append(Loud(checked.path, f.rule, f.severity, f.paragraph, f.line, f.message))
            else:
                infos[f.rule] += 1
    return Measure(len(paths), tuple(loud), infos)


def table(name: str, before: dict[str, int], before_files: int, after: Measure) -> list[str]:
    """Loud findings by rule, before and after."""
    now = after.by_rule()
    severity = {f.rule: f.severity for f in after.loud}
    lines = [f"| rule ({name}) | before | after |", "|---|---|---|"]
    for rule in sorted(set(before) | set(now), key=lambda r: (-before.get(r, 0), -now.get(r, 0), r)):
        tag = f" ({severity[rule]})" if rule in severity else ""
        lines.append(f"| `{rule}`{tag} | {before.get(rule, 0)} | {now.get(rule, 0)} |")
    lines.append(f"| **all** | **{sum(before.values())}** in {before_files} files "
                 f"| **{sum(now.values())}** in {after.files_with_loud()} files |")
    return lines


def listing(found: Sequence[Loud]) -> list[str]:
    """Every loud finding on the General Assembly texts, one row each, with its review."""
    lines = ["| file | paragraph | rule | message | read on the PDF page |", "|---|---|---|---|---|"]
    for f in sorted(found, key=lambda f: (os.path.basename(f.path), f.line)):
        name = os.path.basename(f.path)
        review = REVIEWED.get((name, f.paragraph, f.rule), "not yet reviewed")
        lines.append(f"| {name} | {f.paragraph or '—'} | `{f.rule}` | {cell(f.message)} | {cell(review)} |")
    return lines


def verdicts(found: Sequence[Loud]) -> str:
    """How many loud findings the review found real, due to the reader, or has not seen."""
    seen = [REVIEWED.get((os.path.basename(f.path), f.paragraph, f.rule), "") for f in found]
    real = sum("real defect" in v for v in seen)
    reading = sum(v.startswith("reading fault") for v in seen)
    return (f"Of {len(found)} loud findings, **{real}** are real defects of the texts, {reading} come from "
            f"reading faults (to be fixed in the readers, never silenced in rules) and "
            f"{len(found) - real - reading} are not yet reviewed.")


def build_section() -> str:
    commit = revision()
    db = registry()
    ga, sc = ga_paths(), sc_paths()
    lines = [BEGIN, "## Precision on official texts: loud findings by rule", "",
             f"Measured {dt.date.today().isoformat()}" + (f" at commit {commit}" if commit else "")
             + " with `bench/precision.py`" + ("" if db else " (no registry: registry rules skipped)") + ".",
             "", machine_notes(), ""]
    if not ga and not sc:
        return "\n".join(lines + [f"_Skipped: no corpus under `{SHARED}`._", END])
    lines += ["What changed in the rules:", ""] + [f"- {c}" for c in CHANGES] + [""]
    if ga:
        after = measure(ga, db)
        lines += [f"### {len(ga)} adopted General Assembly resolutions (sessions 78–80, PDF)", ""]
        lines += table("GA", BEFORE["ga"], BEFORE_FILES["ga"], after) + [""]
        lines += [verdicts(after.loud), "", "Every loud finding, read against the PDF:", ""] + listing(after.loud) + [""]
        lines += [f"Info findings: {sum(after.infos.values())} "
                  f"({', '.join(f'`{r}` {n}' for r, n in after.infos.most_common())}).", ""]
    repeated = [p for p in REPEATED_MARKERS if os.path.exists(p)]
    if repeated:
        after = measure(repeated, db)
        lines += ["### A/RES/73/6 and 73/7 (2018, PDF)", ""]
        lines += table("73/6, 73/7", BEFORE_73, 2, after) + [""]
    if sc:
        after = measure(sc, db)
        lines += [f"### Security Council corpus ({len(sc)} files)", ""]
        lines += table("SC", BEFORE["sc"], BEFORE_FILES["sc"], after)
    return "\n".join(lines + [END])


def main(argv: Sequence[str] | None = None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
