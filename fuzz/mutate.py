"""Mutations of a valid input: of its text, of the XML parts of a .docx, of a PDF's bytes and streams.

Each mutator takes bytes and a ``random.Random`` and returns bytes; ``mutate`` stacks a
few, chosen by the kind of input, and names what it did so that a crash can be told
apart from another.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from typing import Callable

Mutator = Callable[[bytes, random.Random], bytes]

#: Pieces that have broken readers of text before, or would: controls, odd encodings,
#: huge or negative numbers, labels, markers, Markdown syntax, symbols and dates.
TOKENS = [
    b"\x1b]52;c;aGk=\x07", b"\x1b[2J", b"\xc2\x9b31m", b"\r", b"\r\n", b"\x00", b"\x0c", b"\x0b", b"\x7f",
    "\u2028".encode(), "\u2029".encode(), "\ufeff".encode(), "\u202e".encode(), "\u00ad".encode(),
    b"\xff", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc3", "\U0001f600".encode(), "\u0301".encode(),
    b"99999999999999999999999999", b"-1", b"0", b"1e308", b"NaN", b"4294967296",
    b"(a)", b"(i)", b"(zz)", b"(mmmmmmmmmmmm)", b"5 bis.", b"1.", b"0.", b"99999999999.", b"\t1.\t",
    b"[^1]", b"[^99999999999999999999]", b"[^]", b"[^1]: note", b"1\n", b"\xc2\xb9",
    b"\n\n", b"\n---\n", b"---\n", b"<!--", b"-->", b"*", b"**", b"_", b"\\", b"# ", b"## Annex", b"## Annex I\n",
    b"[", b"]", b"[Start1]", b"<<ODS JOB NO>>", b"A/RES/70/291", b"resolution 99999999999/99999999999",
    b"S/RES/99999999999 (99999999999)", b"31 February 2016", b"1 July 99999", b"The General Assembly,",
    b"The Security Council,", b"Decides", b"Recalling", b"annex", b"_______________\n",
    b"organ: General Assembly\n", b"adopted: 9999-99-99\n", b"agenda: " + b"1," * 200 + b"\n",
]


def _pos(data: bytes, rng: random.Random) -> int:
    return rng.randint(0, len(data))


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_token(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = _pos(data, rng)
        data = data[:at] + rng.choice(TOKENS) * rng.choice((1, 1, 1, 3, 50)) + data[at:]
    return data


def delete_span(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    b = min(len(data), a + rng.choice((1, 4, 64, 1024, len(data) // 3 + 1)))
    return data[:a] + data[b:]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    b = min(len(data), a + rng.choice((8, 200, 4000)))
    at = _pos(data, rng)
    return data[:at] + data[a:b] * rng.choice((1, 2, 10, 300)) + data[at:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: _pos(data, rng)]


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        if rng.random() < 0.3:
            k = rng.randrange(len(lines))
            lines[k:k] = [lines[k]] * rng.choice((2, 50, 2000))
    return b"\n".join(lines)


def line_ends(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:
        return data.replace(b"\n", b"\r\n")
    if choice == 1:
        return data.replace(b"\n", b"\r")
    if choice == 2:
        return data.replace(b"\n\n", b"\n")
    return data.replace(b"\n", b" ")


def reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "utf-8-sig"))
    return text.encode(codec, "replace")


def huge_numbers(data: bytes, rng: random.Random) -> bytes:
    numbers = list(re.finditer(rb"\d+", data))
    for m in rng.sample(numbers, min(len(numbers), rng.randint(1, 5))):
        data = data[: m.start()] + rng.choice((b"9" * 30, b"0", b"00000001", b"4294967297", b"-7")) + data[m.end():]
        break  # offsets after the first replacement are stale; one is enough per pass
    return data


def splice(data: bytes, rng: random.Random, others: list[bytes] | None = None) -> bytes:
    if not others:
        return duplicate_span(data, rng)
    other = rng.choice(others)
    a = _pos(other, rng)
    at = _pos(data, rng)
    return data[:at] + other[a : a + rng.choice((80, 2000, 20000))] + data[at:]


TEXT: list[tuple[str, Mutator]] = [
    ("flip", flip), ("token", insert_token), ("delete", delete_span), ("duplicate", duplicate_span),
    ("truncate", truncate), ("lines", shuffle_lines), ("line-ends", line_ends), ("encoding", reencode),
    ("numbers", huge_numbers),
]


# ------------------------------------------------------------------ .docx

XML_TOKENS = [
    b"<w:tbl><w:tr><w:tc>" * 40, b"</w:tc></w:tr></w:tbl>", b'<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
    b'<w:start w:val="2147483647"/>', b'<w:start w:val="-5"/>', b'<w:ilvl w:val="99999999999"/>',
    b'<w:footnoteReference w:id="1"/>' * 30, b'<w:footnoteReference w:id="99999999999"/>', b"<w:br/>" * 100,
    b"<!DOCTYPE w [<!ENTITY a 'aaaa'>]>", b"&a;", b"&#0;", b"&#x1b;", b"<![CDATA[x]]>", b"<w:p>", b"</w:p>",
    b'<w:ins w:id="1" w:author="x"><w:r><w:t>inserted</w:t></w:r></w:ins>', b"<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>",
    b'<w:fldChar w:fldCharType="begin"/>', b"<w:instrText>HYPERLINK</w:instrText>", b"<w:vanish/>",
]


def xml_token(data: bytes, rng: random.Random) -> bytes:
    tags = [m.end() for m in re.finditer(rb">", data)]
    at = rng.choice(tags) if tags else _pos(data, rng)
    return data[:at] + rng.choice(XML_TOKENS) * rng.choice((1, 1, 5, 200)) + data[at:]


def xml_element(data: bytes, rng: random.Random) -> bytes:
    """An element repeated, deleted, or nested in itself."""
    spans = [m.span() for m in re.finditer(rb"<(w:(?:p|r|tbl|tc|footnote))\b[^>]*>.*?</\1>", data, re.S)]
    if not spans:
        return xml_token(data, rng)
    a, b = rng.choice(spans)
    piece = data[a:b]
    choice = rng.randrange(3)
    if choice == 0:
        return data[:b] + piece * rng.choice((2, 100, 3000)) + data[b:]
    if choice == 1:
        return data[:a] + data[b:]
    end = piece.rindex(b"</")
    depth = rng.choice((10, 200, 2000))
    return data[:a] + piece[:end] * depth + piece[end:] * depth + data[b:]


def xml_utf16(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    if rng.random() < 0.5:
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return text.encode(rng.choice(("utf-16", "utf-16-le", "utf-16-be")))


XML: list[tuple[str, Mutator]] = [("xml-token", xml_token), ("xml-element", xml_element), ("xml-utf16", xml_utf16)]


def mutate_docx(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A mutation of one part of the package, or of the package itself."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        parts = {i.filename: z.read(i) for i in z.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError):
        name, mutator = rng.choice(TEXT)
        return mutator(data, rng), f"zip-{name}"
    roll = rng.random()
    if roll < 0.15:
        name, mutator = rng.choice(TEXT[:5])
        return mutator(data, rng), f"zip-{name}"
    if roll < 0.25:
        what = rng.randrange(4)
        if what == 0 and parts:
            parts.pop(rng.choice(sorted(parts)))
            label = "zip-drop-part"
        elif what == 1:
            parts[rng.choice(("word/document.xml", "word/footnotes.xml", "word/extra.bin"))] = b"\0" * rng.choice((1 << 20, 40 << 20))
            label = "zip-big-part"
        elif what == 2:
            return _zip(parts, zipfile.ZIP_STORED, duplicate=True), "zip-duplicate-name"
        else:
            parts["word/numbering.xml"] = _numbering(rng)
            label = "zip-numbering"
        return _zip(parts), label
    xml_parts = sorted(n for n in parts if n.endswith(".xml") or n.endswith(".rels"))
    target = "word/document.xml" if "word/document.xml" in parts and rng.random() < 0.6 else rng.choice(xml_parts or sorted(parts) or ["x"])
    body = parts.get(target, b"")
    labels = []
    for _ in range(rng.randint(1, 3)):
        name, mutator = rng.choice(XML + XML + TEXT)
        body = mutator(body, rng)
        labels.append(name)
    parts[target] = body
    return _zip(parts), f"{target.rsplit('/', 1)[-1]}:{'+'.join(labels)}"


def _numbering(rng: random.Random) -> bytes:
    start = rng.choice(("2147483647", "99999999999999999999", "-1", "0", "abc"))
    fmt = rng.choice(("decimal", "lowerLetter", "lowerRoman", "upperRoman", "bullet", "none", "chicago"))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        '<w:lvlText w:val="%1.%2.%3.%4.%5.%6.%7.%8.%9"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def _zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED, duplicate: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, body in parts.items():
            z.writestr(name, body)
        if duplicate and "word/document.xml" in parts:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                z.writestr("word/document.xml", b"<broken")
    return out.getvalue()


# ------------------------------------------------------------------ PDF

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def pdf_stream(data: bytes, rng: random.Random) -> bytes:
    """A content stream inflated, mutated, deflated again (its /Length left as it was)."""
    streams = list(_STREAM.finditer(data))
    if not streams:
        return flip(data, rng)
    m = rng.choice(streams)
    try:
        body = zlib.decompress(m[1])
    except zlib.error:
        body = m[1]
    name, mutator = rng.choice(TEXT[:6] + [("pdf-ops", pdf_ops)])
    body = mutator(body, rng)
    packed = zlib.compress(body) if rng.random() < 0.9 else body[: len(body) // 2]
    return data[: m.start(1)] + packed + data[m.end(1) :]


PDF_OPS = [
    b" 9999999 Ts ", b" -9999999 Tf ", b" 0 Tf ", b" 1e38 0 0 1e38 0 0 Tm ", b" [(a) -99999999 (b)] TJ ", b" (\\033]52;c;aGk=\\007) Tj ",
    b" q " * 200, b" Q ", b" /F9 10 Tf ", b" (" + b"x" * 100000 + b") Tj ", b" 3 Tr ", b" BT ", b" ET ",
]


def pdf_ops(data: bytes, rng: random.Random) -> bytes:
    at = _pos(data, rng)
    return data[:at] + rng.choice(PDF_OPS) + data[at:]


def pdf_dict(data: bytes, rng: random.Random) -> bytes:
    """A number in a dictionary made huge, negative or nested deep."""
    keys = list(re.finditer(rb"/(Count|Length|Size|W|Kids|MediaBox|Rotate|Parent|Root|Pages)\s+([^/>]*)", data))
    if not keys:
        return flip(data, rng)
    m = rng.choice(keys)
    value = rng.choice((b"99999999999 ", b"-1 ", b"0 ", b"[" * 5000 + b"]" * 5000 + b" ", b"1 0 R ", b"[0 0 1e30 1e30] ", b"<< /Type /Pages /Kids [2 0 R] >> "))
    return data[: m.start(2)] + value + data[m.end(2) :]


PDF: list[tuple[str, Mutator]] = [("pdf-stream", pdf_stream), ("pdf-stream", pdf_stream), ("pdf-dict", pdf_dict)] + TEXT[:5]


def mutate(data: bytes, kind: str, rng: random.Random, others: list[bytes] | None = None) -> tuple[bytes, str]:
    """``data`` mutated one to four times as suits its kind; returns the bytes and what was done."""
    if kind == "docx":
        return mutate_docx(data, rng)
    table = PDF if kind == "pdf" else TEXT + [("splice", lambda d, r: splice(d, r, others))]
    labels = []
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        name, mutator = rng.choice(table)
        data = mutator(data, rng)
        labels.append(name)
    return data, "+".join(labels)
