"""The valid inputs that mutations start from, one kind per reader."""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

#: The readers, by the name ``--input-format`` gives them.
KINDS = ("ods", "text", "draft", "docx", "pdf")
SUFFIX = {"ods": ".txt", "text": ".txt", "draft": ".md", "docx": ".docx", "pdf": ".pdf"}


@dataclass(frozen=True)
class Seed:
    """A valid input: bytes made here, or a corpus file read when drawn (a forked run
    should not carry the whole corpus in its memory)."""

    name: str
    kind: str
    made: bytes | None = None
    path: Path | None = None

    @property
    def suffix(self) -> str:
        return SUFFIX[self.kind]

    @property
    def data(self) -> bytes:
        if self.made is not None:
            return self.made
        assert self.path is not None
        data = self.path.read_bytes()
        if self.path.suffix == ".json":  # the text an extractor took from the PDF
            data = json.loads(data).get("text", "").encode("utf-8")
        return data


# ------------------------------------------------------------------ a short resolution

RESOLUTION = [
    ("head", "Seventieth session"),
    ("head", "Agenda item 117"),
    ("head", "Resolution adopted by the General Assembly on 1 July 2016"),
    ("head", "[without reference to a Main Committee (A/70/L.55)]"),
    ("head", "70/291. The United Nations Global Counter-Terrorism Strategy Review"),
    ("organ", "The General Assembly,"),
    ("pp", "Recalling its resolution 60/288 of 8 September 2006,1"),
    ("pp", "Reaffirming the purposes and principles of the Charter of the United Nations,"),
    ("op", "1. Reiterates its strong and unequivocal condemnation of terrorism;"),
    ("op", "2. Requests the Secretary-General to report to it at its seventy-second session:"),
    ("sub", "(a) on the progress made in the implementation of the Strategy;"),
    ("sub", "(b) on the coordination of the entities of the United Nations system;"),
    ("op", "3. Decides to remain seized of the matter."),
    ("foot", "110th plenary meeting"),
    ("foot", "1 July 2016"),
    ("note", "1 Resolutions 53/243 A and B."),
]


def small_pdf() -> bytes:
    """A one-page PDF of ``RESOLUTION`` in Helvetica, its footnote marker raised and smaller."""
    ops, y = [], 740.0
    for role, text in RESOLUTION:
        x = {"sub": 144, "op": 108, "pp": 108, "organ": 108}.get(role, 72)
        if role == "note":
            ops.append("BT 1 0 0 1 72 90 Tm /F1 8 Tf (__________________) Tj ET")
            ops.append(f"BT 1 0 0 1 80 78 Tm /F1 5.5 Tf 3 Ts (1) Tj 0 Ts /F1 8.5 Tf ({_pdf_escape(text[1:])}) Tj ET")
            continue
        if role == "pp" and text.endswith(",1"):
            body = _pdf_escape(text[:-1])
            ops.append(f"BT 1 0 0 1 {x} {y:.1f} Tm /F1 10 Tf ({body}) Tj /F1 6.5 Tf 3.5 Ts (1) Tj 0 Ts ET")
        else:
            for k, line in enumerate(textwrap.wrap(text, 80)):
                ops.append(f"BT 1 0 0 1 {x if k == 0 else 72} {y:.1f} Tm /F1 10 Tf ({_pdf_escape(line)}) Tj ET")
                y -= 12
            y -= 6
            continue
        y -= 18
    stream = zlib.compress("\n".join(ops).encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def small_docx() -> bytes:
    """A Word document of ``RESOLUTION``: typed numbers, an italic opening word, a real footnote."""
    paras = []
    for role, text in RESOLUTION:
        if role == "note":
            continue
        if role == "pp" and text.endswith(",1"):
            paras.append(
                f'<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Recalling</w:t></w:r><w:r><w:t xml:space="preserve">{_xml(text[9:-1])}</w:t></w:r>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>'
            )
        else:
            paras.append(f'<w:p><w:r><w:t xml:space="preserve">{_xml(text)}</w:t></w:r></w:p>')
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{"".join(paras)}<w:sectPr/></w:body></w:document>'
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Resolutions 53/243 A and B.</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
        "</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/footnotes.xml", notes)
    return out.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def small_ods() -> bytes:
    """``RESOLUTION`` as the UN document system exports it: tabs before labels and paragraphs."""
    lines = ["[Start1]", "", ""]
    for role, text in RESOLUTION:
        if role in ("op", "sub"):
            label, _, rest = text.partition(" ")
            lines.append(f"\t{label}\t{rest}")
        elif role in ("pp", "organ"):
            lines.append("\t" + (text[:-1] if text.endswith(",1") else text))
        elif role == "note":
            lines += ["_______________", text]
        else:
            lines.append(text.replace(". ", ".\t", 1) if text.startswith("70/291") else text)
    return ("\n".join(lines) + "\n").encode("utf-8")


def wrapped(text: str, width: int = 72) -> str:
    """Text hard-wrapped the way a plain-text copy is: each paragraph broken at ``width``."""
    out = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width) or [""])
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ collection


def collect(shared: Path | None = SHARED, per_kind: int = 60) -> list[Seed]:
    """The samples, the inputs made here and, when present, up to ``per_kind`` corpus files of each kind."""
    samples = ROOT / "samples"
    official = (samples / "A_RES_70_291.txt").read_bytes()
    seeds = [
        Seed("A_RES_70_291.txt", "ods", official),
        Seed("redraft-2018-review.md", "draft", (samples / "redraft-2018-review.md").read_bytes()),
        Seed("A_RES_70_291-wrapped.txt", "text", wrapped(official.decode("utf-8")).encode("utf-8")),
        Seed("small.docx", "docx", small_docx()),
        Seed("small.pdf", "pdf", small_pdf()),
        Seed("small.txt", "ods", small_ods()),
    ]
    if shared is None or not shared.is_dir():
        return seeds
    found: dict[str, list[Seed]] = {k: [] for k in KINDS}
    for path in sorted(shared.glob("**/*")):
        kind = _kind(path)
        if kind and path.stat().st_size < 8 << 20:
            found[kind].append(Seed(path.name, kind, path=path))
    for kind, items in found.items():
        step = max(1, len(items) // per_kind)  # spread over the corpus, not its first files
        seeds += items[::step][:per_kind]
    return seeds


def _kind(path: Path) -> str | None:
    if path.name == "PROVENANCE.md" or not path.is_file():
        return None
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "text"  # the text an extractor took from the published PDF
    if suffix == ".txt":
        return "ods" if "unsc" not in path.parts else "text"
    return {".md": "draft", ".docx": "docx", ".pdf": "pdf"}.get(suffix)
