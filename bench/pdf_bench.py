#!/usr/bin/env python3
"""Measure the PDF reader on the General Assembly's published PDFs, with both character backends.

    .venv/bin/python bench/pdf_bench.py            print the figures as Markdown
    .venv/bin/python bench/pdf_bench.py --write    also put them in bench/RESULTS.md

The 101 PDFs of ``../shared/corpus/unga-78-80`` (77 resolutions, 24 drafts and
amendments of 2023-2025) are read by each backend of
:mod:`toolkit.readers.pdf_chars` in the same run, pinned to one CPU:
``pdfium`` (pypdfium2, the default) and ``pdfminer`` (pdfminer.six, from the
``bench`` extra; skipped when not installed). Two figures each, as medians of
passes over all the files: the PDF reader alone (``pdf.read``: characters to
blocks and footnotes) and the whole of ``read_document`` (structure and
metadata included). Then what each backend read: symbols right (the file
name is the symbol), paragraphs, footnotes and markers, and the files on which
the two backends disagree.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, bench_main, cell, machine_notes, one_core, revision, verdict  # noqa: E402

from toolkit.readers import pdf, read_document  # noqa: E402

CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "unga-78-80"))
BEGIN, END = "<!-- pdf:begin -->", "<!-- pdf:end -->"
AIM_DOCS_PER_S = 10.0

#: Why the backends read an element differently, read in the file itself.
KNOWN_DIFFERENCES = {
    ("A_C.3_80_L.53.pdf", "OP4"): "pdfminer reads \u201chave b een uprooted\u201d (a gap inside the word); "
    "PDFium, pdftotext and PyMuPDF \u201chave been\u201d",
}
#: Passes over the corpus: (``pdf.read``, ``read_document``). pdfminer takes over a minute a pass.
PASSES = {"pdfium": (5, 5), "pdfminer": (1, 3)}


def corpus_files() -> list[str]:
    if not os.path.isdir(CORPUS):
        return []
    return sorted(os.path.join(CORPUS, n) for n in os.listdir(CORPUS) if n.endswith(".pdf"))


def expected_symbol(path: str) -> str:
    """``A_C.3_80_L.24.pdf`` ⇒ ``A/C.3/80/L.24``."""
    return os.path.basename(path)[: -len(".pdf")].replace("_", "/")


def available(backend: str) -> bool:
    return backend == "pdfium" or importlib.util.find_spec("pdfminer") is not None


@dataclass
class Reading:
    symbol: str | None = None
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)  # PPs, OPs, footnotes, markers
    error: str | None = None
    texts: dict[str, tuple] = field(default_factory=dict)  # element id -> (text, markers)


@dataclass
class Figures:
    backend: str
    reader_s: list[float] = field(default_factory=list)
    document_s: list[float] = field(default_factory=list)
    readings: dict[str, Reading] = field(default_factory=dict)


def measure(backend: str, paths: list[str], data: dict[str, bytes]) -> Figures:
    figures = Figures(backend)
    pdf.BACKEND = backend
    try:
        for path in paths[:3]:  # warm-up: imports, font caches
            pdf.read(path, data[path])
        for _ in range(PASSES[backend][0]):
            start = time.perf_counter()
            for path in paths:
                pdf.read(path, data[path])
            figures.reader_s.append(time.perf_counter() - start)
        for k in range(PASSES[backend][1]):
            start = time.perf_counter()
            for path in paths:
                try:
                    doc = read_document(path)
                except Exception as exc:
                    figures.readings[path] = Reading(error=f"{type(exc).__name__}: {exc}")
                    continue
                if k == 0:
                    elements = list(doc.walk_all() if hasattr(doc, "walk_all") else doc.walk())
                    markers = sum(len(e.markers) for e in elements)
                    texts = {e.id: (e.text, tuple((m.number, m.offset) for m in e.markers)) for e in elements}
                    texts.update({n.id: (n.text, ()) for n in doc.footnotes})
                    figures.readings[path] = Reading(
                        doc.metadata.symbol, (len(doc.preamble), len(doc.operative), len(doc.footnotes), markers), texts=texts
                    )
            figures.document_s.append(time.perf_counter() - start)
    finally:
        pdf.BACKEND = "pdfium"
    return figures


def speed_row(f: Figures, n: int) -> str:
    reader, whole = statistics.median(f.reader_s), statistics.median(f.document_s)
    return (f"| {f.backend} | {n / reader:.1f} | {1000 * reader / n:.0f} ms | {n / whole:.1f} | "
            f"{', '.join(f'{s:.1f}' for s in f.reader_s)} s; {', '.join(f'{s:.1f}' for s in f.document_s)} s "
            f"| {verdict(n / whole >= AIM_DOCS_PER_S)} |")


def quality_row(f: Figures, paths: list[str]) -> str:
    right = sum(1 for p in paths if f.readings.get(p, Reading()).symbol == expected_symbol(p))
    totals = [sum(r.counts[i] for r in f.readings.values()) for i in range(4)]
    errors = sum(1 for r in f.readings.values() if r.error)
    return (f"| {f.backend} | {right} of {len(paths)} | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} "
            f"| {errors} |")


def _unlike(name: str, element: str) -> str:
    why = KNOWN_DIFFERENCES.get((name, element))
    return f"{name} {element}" + (f" ({why})" if why else "")


def build_section() -> str:
    paths = corpus_files()
    commit = revision()
    lines = [BEGIN, "## Reading published PDFs (General Assembly, sessions 78–80)", "",
             f"Measured {dt.date.today().isoformat()}" + (f" at commit {commit}" if commit else "")
             + " with `bench/pdf_bench.py`.", "", machine_notes(), ""]
    if not paths:
        lines += [f"_Skipped: the corpus is not at `{CORPUS}` (expected `../shared/corpus/unga-78-80` "
                  "beside the repository)._"]
        return "\n".join(lines + [END])
    data = {p: open(p, "rb").read() for p in paths}
    mb = sum(len(d) for d in data.values()) / 1e6
    backends = [b for b in ("pdfium", "pdfminer") if available(b)]
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with one_core() as pinning:
        results = [measure(b, paths, data) for b in backends]
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    lines += [
        f"{len(paths)} PDFs ({mb:.1f} MB, MB = 10⁶ bytes; the files read from memory for `pdf.read`, from disk "
        f"for `read_document`), one process, {pinning}; medians of passes over all the files "
        f"(`pdf.read`; `read_document`: {', '.join(f'{b} {PASSES[b][0]}; {PASSES[b][1]}' for b in backends)}), "
        "after a warm-up on three files."
        + (f" Load average (1 min) {load_before:.1f} before, {load_after:.1f} after: other work shared the "
           "machine, so the figures are lower bounds." if load_before is not None and max(load_before, load_after) > 1.5
           else ""),
        "",
        "| backend | `pdf.read`, documents/s | per document | `read_document`, documents/s | passes (`pdf.read`; `read_document`) | "
        f"aim ≥ {AIM_DOCS_PER_S:.0f}/s |",
        "|---|---|---|---|---|---|",
    ]
    lines += [speed_row(f, len(paths)) for f in results]
    if len(results) == 2:
        a, b = (statistics.median(f.document_s) for f in results)
        lines += ["", f"PDFium reads the corpus **{b / a:.1f}×** as fast as pdfminer (whole `read_document`)."]
    else:
        lines += ["", "_pdfminer.six is not installed (`pip install -e '.[bench]'`): its row is missing._"]
    lines += [
        "",
        "What each backend read (sums over the files):",
        "",
        "| backend | symbols right | PPs | OPs | footnotes | markers (annexes included) | read errors |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [quality_row(f, paths) for f in results]
    if len(results) == 2:
        first, second = results
        differ = [p for p in paths if first.readings.get(p, Reading()).counts != second.readings.get(p, Reading()).counts
                  or first.readings.get(p, Reading()).symbol != second.readings.get(p, Reading()).symbol]
        lines += ["", f"Files where the two backends disagree (symbol, PPs, OPs, footnotes or markers): {len(differ)}."]
        elements = sum(len(first.readings.get(p, Reading()).texts) for p in paths)
        unlike = [(os.path.basename(p), k) for p in paths
                  for k in sorted(set(first.readings.get(p, Reading()).texts) | set(second.readings.get(p, Reading()).texts))
                  if first.readings.get(p, Reading()).texts.get(k) != second.readings.get(p, Reading()).texts.get(k)]
        lines += ["", f"Text of every paragraph, subparagraph and footnote, with its markers' numbers and offsets: "
                  f"{elements - len(unlike)} of {elements} the same from both backends"
                  + (f"; they differ in {', '.join(_unlike(n, k) for n, k in unlike[:12])}"
                     + (" …" if len(unlike) > 12 else "") if unlike else "") + "."]
        if differ:
            lines += ["", "| file | pdfium: symbol, PPs/OPs/notes/markers | pdfminer |", "|---|---|---|"]
            for p in differ:
                x, y = first.readings.get(p, Reading()), second.readings.get(p, Reading())
                lines.append(f"| {os.path.basename(p)} | {cell(str(x.symbol))} {'/'.join(map(str, x.counts))} "
                             f"| {cell(str(y.symbol))} {'/'.join(map(str, y.counts))} |")
    return "\n".join(lines + [END])


def main(argv: Sequence[str] | None = None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
