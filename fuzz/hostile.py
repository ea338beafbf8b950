"""Inputs made to hurt: deep nesting, huge numbers, control characters, huge lines.

Each generator takes a ``random.Random`` and returns (bytes, kind); the kind is the
reader it is aimed at, which also gives the file its suffix.
"""

from __future__ import annotations

import io
import random
import zipfile
from typing import Callable

from fuzz.seeds import ROOT, small_docx, small_pdf

HEAD = (
    "---\norgan: General Assembly\nsymbol: A/RES/70/291\n---\n\n# 70/291. Title\n\n*The General Assembly,*\n\n"
    "*Recalling* its resolution 60/288,\n\n"
)


def deep_subparagraphs(rng: random.Random) -> tuple[bytes, str]:
    """A draft whose subparagraphs go thousands of levels down, each label one deeper."""
    depth = rng.choice((100, 1000, 5000))
    labels = ["(a)", "(i)", "a.", "i."]
    lines = ["1. *Decides* that:"] + [" " * (2 * k) + f"{labels[k % 4]} level {k};" for k in range(depth)]
    return (HEAD + "\n\n".join(lines) + "\n").encode(), "draft"


def deep_quotes(rng: random.Random) -> tuple[bytes, str]:
    """Markdown block quotes, brackets and emphasis nested deep."""
    depth = rng.choice((1000, 20000, 100000))
    body = rng.choice((">" * depth + " text", "[" * depth + "x" + "]" * depth, "*" * depth + "x" + "*" * depth, "<!--" * depth))
    return (HEAD + "1. *Decides* " + body + ";\n").encode(), "draft"


def huge_numbers(rng: random.Random) -> tuple[bytes, str]:
    """Labels, markers, sessions and dates with numbers past any integer type."""
    n = "9" * rng.choice((12, 30, 400, 5000))
    text = (
        f"---\norgan: General Assembly\nadopted: {n}-01-01\nagenda: {n}\n---\n\n# {n}/{n}. Title\n\n*The General Assembly,*\n\n"
        f"*Recalling* its resolution {n}/{n} of {n} July {n},[^{n}]\n\n"
        f"{n}. *Decides* to act under paragraph {n} of resolution {n} ({n});\n\n"
        f"{n} bis. *Also decides* as in S/RES/{n} ({n});\n\n"
        f"[^{n}]: Resolution {n}/{n}.\n"
    )
    return text.encode(), "draft"


def control_characters(rng: random.Random) -> tuple[bytes, str]:
    """C0 and C1 controls and terminal escapes sprinkled through an official text (a few
    dozen: a text made mostly of controls is refused as binary, rightly)."""
    controls = [chr(c) for c in range(1, 32) if c not in (9, 10)] + [chr(c) for c in range(0x7F, 0xA0)]
    controls += ["\x1b]52;c;aGk=\x07", "\x1b[2J\x1b[H", "\x1b]0;title\x07", "\u202e", "\u2028", "\x00"]
    text = (ROOT / "samples" / rng.choice(("A_RES_70_291.txt", "redraft-2018-review.md"))).read_text(encoding="utf-8")
    for _ in range(rng.choice((5, 30, 100))):
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(controls) + text[at:]
    return text.encode("utf-8"), "draft" if text.startswith("---") else "ods"


def huge_line(rng: random.Random) -> tuple[bytes, str]:
    """One line of megabytes: a paragraph with no break, or no space at all."""
    size = rng.choice((1 << 20, 4 << 20, 16 << 20))
    word = rng.choice(("terrorism ", "x", "1. ", "(a) ", "[^1]", "\u00e9"))
    body = (word * (size // len(word.encode())))
    head = "\tThe General Assembly,\n\t1.\tDecides " if rng.random() < 0.5 else ""
    return (head + body + "\n").encode(), rng.choice(("ods", "text", "draft"))


def many_lines(rng: random.Random) -> tuple[bytes, str]:
    """Hundreds of thousands of short lines or empty paragraphs."""
    count = rng.choice((50000, 200000))
    unit = rng.choice(("\n", "1.\n", "(a)\n", "\t\n", "x\n\n"))
    return ("\tThe General Assembly,\n" + unit * count).encode(), rng.choice(("ods", "text", "draft"))


def deep_docx(rng: random.Random) -> tuple[bytes, str]:
    """A Word document with tables nested hundreds deep, or a run split a hundred thousand times."""
    base = io.BytesIO(small_docx())
    with zipfile.ZipFile(base) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    depth = rng.choice((50, 500, 3000))
    if rng.random() < 0.5:
        nested = "<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>1. Decides;</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * depth
    else:
        nested = "<w:p>" + "<w:r><w:t>x</w:t></w:r>" * (depth * 100) + "</w:p>"
    doc = parts["word/document.xml"].decode()
    parts["word/document.xml"] = doc.replace("<w:sectPr/>", nested + "<w:sectPr/>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue(), "docx"


def deep_pdf(rng: random.Random) -> tuple[bytes, str]:
    """A PDF with arrays nested deep, or a page tree that points at itself."""
    data = small_pdf()
    if rng.random() < 0.5:
        depth = rng.choice((1000, 100000))
        data = data.replace(b"/MediaBox [0 0 612 792]", b"/MediaBox " + b"[" * depth + b"0 0 612 792" + b"]" * depth)
    else:
        data = data.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [2 0 R 3 0 R] /Count 99999999")
    return data, "pdf"


GENERATORS: list[tuple[str, Callable[[random.Random], tuple[bytes, str]]]] = [
    ("deep-subparagraphs", deep_subparagraphs),
    ("deep-quotes", deep_quotes),
    ("huge-numbers", huge_numbers),
    ("control-characters", control_characters),
    ("huge-line", huge_line),
    ("many-lines", many_lines),
    ("deep-docx", deep_docx),
    ("deep-pdf", deep_pdf),
]
