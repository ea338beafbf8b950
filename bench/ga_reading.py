#!/usr/bin/env python3
"""Measure how untk reads the General Assembly documents of sessions 78–80, in every form.

    .venv/bin/python bench/ga_reading.py            print the figures as Markdown
    .venv/bin/python bench/ga_reading.py --write    also put them in bench/RESULTS.md
    .venv/bin/python bench/run.py --ga [--write]    the same, through the benchmark runner

For each of the 101 documents of ``../shared/corpus/unga-78-80`` (77 resolutions, 24
drafts and amendments): the published PDF, the PyMuPDF text of it (the ``text`` of its
``.json``, saved as a .txt as a user would) and, for 15, the Markdown extract. Figures:
symbols read right (the file name is the symbol), the metadata each kind of document
must have, and whether the forms of one document agree on its structure (preambular,
operative and annexed paragraphs, subparagraphs, footnotes, kind).
"""

from __future__ import annotations

import glob
import json
import os
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, bench_main, cell, revision  # noqa: E402

from toolkit.model import DocumentKind  # noqa: E402
from toolkit.readers import read_document  # noqa: E402

CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "unga-78-80"))
BEGIN, END = "<!-- ga-reading:begin -->", "<!-- ga-reading:end -->"


def _stems(suffix: str) -> list[str]:
    return sorted(os.path.basename(p)[: -len(suffix) - 1] for p in glob.glob(os.path.join(CORPUS, f"*.{suffix}")))


def _shape(doc) -> tuple:
    subs = sum(1 for _ in doc.walk_all()) - len(doc.paragraphs) - len(doc.annex_paragraphs)
    return (doc.kind.value, len(doc.preamble), len(doc.operative), len(doc.annex_paragraphs), subs, len(doc.footnotes))


def _complete(doc) -> list[str]:
    """The metadata fields a document of its kind must have and lacks."""
    m = doc.metadata
    need = {"symbol": m.symbol, "organ": m.organ, "session": m.session_number, "agenda item": m.agenda_items}
    if doc.kind is DocumentKind.RESOLUTION:
        need.update(adopted=m.adoption_date, meeting=m.meeting, basis=m.committee_line, title=m.title)
    else:
        d = doc.draft
        need.update(date=d.date, original=d.original, type=d.document_type, title=d.title, line=d.sponsor_line)
        if doc.kind is DocumentKind.AMENDMENT:
            need.update(amends=d.amends, instructions=doc.instructions)
    return [name for name, value in need.items() if value in (None, (), "")]


def build_section() -> str:
    if not os.path.isdir(CORPUS):
        return f"{BEGIN}\n## Reading the General Assembly documents of sessions 78–80\n\nSkipped: {CORPUS} is absent.\n{END}"
    folder = tempfile.mkdtemp(prefix="untk-ga-")
    texts = {}
    for stem in _stems("json"):
        path = os.path.join(folder, f"{stem}.txt")
        with open(os.path.join(CORPUS, f"{stem}.json"), encoding="utf-8") as handle:
            text = json.load(handle)["text"]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        texts[stem] = path
    forms = {"pdf": {s: os.path.join(CORPUS, f"{s}.pdf") for s in _stems("pdf")}, "text": texts,
             "markdown": {s: os.path.join(CORPUS, f"{s}.md") for s in _stems("md") if s != "PROVENANCE"}}
    read: dict[str, dict[str, object]] = {}
    seconds: dict[str, float] = {}
    for form, paths in forms.items():
        read[form] = {}
        start = time.perf_counter()
        for stem, path in paths.items():
            try:
                read[form][stem] = read_document(path)
            except Exception as error:  # a document that fails to read counts, with its reason
                read[form][stem] = error
        seconds[form] = time.perf_counter() - start
    rows = []
    kinds: Counter[str] = Counter()
    missing: list[str] = []
    for form, docs in read.items():
        right = sum(1 for s, d in docs.items() if not isinstance(d, Exception) and d.metadata.symbol == s.replace("_", "/"))
        failed = [s for s, d in docs.items() if isinstance(d, Exception)]
        for stem, doc in docs.items():
            if isinstance(doc, Exception):
                continue
            if form == "pdf":
                kinds[doc.kind.value] += 1
            if lacks := _complete(doc):
                missing.append(f"{form} {stem}: {', '.join(lacks)}")
        rows.append(f"| {form} | {len(docs)} | {right} | {len(failed)} | {seconds[form]:.1f} s |")
    agree = []
    for other in ("text", "markdown"):
        pairs = [(s, read["pdf"][s], d) for s, d in read[other].items() if s in read["pdf"]]
        same = [s for s, a, b in pairs if not isinstance(a, Exception) and not isinstance(b, Exception) and _shape(a) == _shape(b)]
        differ = sorted(set(s for s, _, _ in pairs) - set(same))
        agree.append((other, len(same), len(pairs), differ))
    lines = [
        BEGIN,
        "## Reading the General Assembly documents of sessions 78–80",
        "",
        f"Measured by `bench/ga_reading.py` at {revision() or 'an unknown revision'}: the 101 documents of "
        "`../shared/corpus/unga-78-80` (77 resolutions, 24 drafts and amendments) as published PDFs, as the "
        "PyMuPDF text of each PDF (saved as .txt) and, for 15, as Markdown extracts.",
        "",
        "| form | documents | symbol right | refused | time (one process) |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Kinds read from the PDFs: {', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}.",
        "",
        "Structure agreement with the PDF (kind; preambular, operative and annexed paragraphs; "
        "subparagraphs; footnotes):",
        "",
        "| form | same structure | differing |",
        "|---|---|---|",
    ]
    for other, same, total, differ in agree:
        lines.append(f"| {other} | {same} of {total} | {cell(', '.join(differ)) or '—'} |")
    lines += [
        "",
        "Metadata that a document of its kind must have (resolutions: symbol, organ, session, agenda item, "
        "adoption date, meeting, committee line, title; drafts: also date, original language, document type, "
        "sponsors line, title; amendments: also the draft amended and the instructions) and that a reading lacks: "
        + (", ".join(cell(m) for m in missing) if missing else "none") + ".",
        "",
        "Where the Markdown form differs, the extract itself lost what the page prints, and the readers do "
        "not guess it back: A/RES/80/57 has operative paragraph 4 pasted into footnote 3; A/RES/80/9 and "
        "80/11 lost the labels of subparagraphs (a)–(f) and of declaration paragraphs 6, 7 and 11; A/RES/80/3 "
        "interleaves lines of two declaration paragraphs.",
        END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return bench_main(__doc__ or "", build_section, BEGIN, END, argv)


if __name__ == "__main__":
    sys.exit(main())
