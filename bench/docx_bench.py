#!/usr/bin/env python3
"""Size of the Word redline: runs per paragraph, bytes of the file and of its body.

    .venv/bin/python bench/docx_bench.py

For the seed pair (samples/) and, when ../shared is present, the real pair
A/RES/79/7 -> A/RES/80/4, it writes ``untk diff --format docx`` in memory and
counts the ``w:r`` elements of the body per ``w:p``, the file's size and the
uncompressed size of word/document.xml, and the time the writer took (best of 3).
"""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "unga-78-80"))
PAIRS = (
    ("seed: A/RES/70/291 -> samples' redraft", os.path.join(ROOT, "samples", "A_RES_70_291.txt"), os.path.join(ROOT, "samples", "redraft-2018-review.md")),
    ("real: A/RES/79/7 -> A/RES/80/4 (PDF)", os.path.join(CORPUS, "A_RES_79_7.pdf"), os.path.join(CORPUS, "A_RES_80_4.pdf")),
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def measure(old_path: str, new_path: str) -> dict:
    from lxml import etree

    from toolkit.comparison import compare
    from toolkit.readers import read_document
    from toolkit.render.diff_docx import render

    comparison = compare(read_document(old_path), read_document(new_path))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        data = render(comparison)
        times.append(time.perf_counter() - start)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body_xml = z.read("word/document.xml")
        notes_xml = z.read("word/footnotes.xml")
    body = etree.fromstring(body_xml).find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    runs = [len(list(p.iter(f"{W}r"))) for p in paragraphs]
    return {
        "paragraphs": len(paragraphs),
        "runs": sum(runs),
        "per_paragraph": sum(runs) / max(1, len(paragraphs)),
        "max_runs": max(runs, default=0),
        "file": len(data),
        "document_xml": len(body_xml),
        "footnotes_xml": len(notes_xml),
        "seconds": min(times),
    }


def main() -> None:
    print("| pair | paragraphs | runs | runs per paragraph (max) | .docx bytes | document.xml bytes | footnotes.xml bytes | writer s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, old, new in PAIRS:
        if not (os.path.exists(old) and os.path.exists(new)):
            print(f"| {name} | absent | | | | | | |")
            continue
        m = measure(old, new)
        print(
            f"| {name} | {m['paragraphs']} | {m['runs']:,} | {m['per_paragraph']:.1f} ({m['max_runs']}) | {m['file']:,} "
            f"| {m['document_xml']:,} | {m['footnotes_xml']:,} | {m['seconds']:.3f} |"
        )


if __name__ == "__main__":
    main()
