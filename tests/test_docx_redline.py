"""``untk diff --format docx``: a Word redline whose accepted text is NEW and rejected text is OLD.

Accepting and rejecting are done here on the XML, independently of untk's
reader, and the result is compared with the paragraphs each version should
have; untk's reader (``revisions="accept"|"reject"``) must give back each
version's model; python-docx must open the file; LibreOffice must open and
convert it, and its own re-save must still accept to NEW and reject to OLD.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from lxml import etree

from conftest import SAMPLES, SEED
from resolutions import draft, observed, specs
from toolkit.comparison import compare
from toolkit.model import Document
from toolkit.readers import parse_text, read_document
from toolkit.render import DIFF_FORMATS, formatter
from toolkit.render.diff_docx import footer_lines, header_lines, render

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


REDRAFT = SAMPLES / "redraft-2018-review.md"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="needs LibreOffice (soffice): apt-get install libreoffice-writer, as .ci/run does"
)


# ------------------------------------------------------------------ accept/reject on the XML


def resolve(data: bytes, mode: str) -> tuple[list[str], list[str]]:
    """Paragraph texts and footnote texts with every change accepted (or rejected).

    Footnote references read ``[^n]``, numbered in order as Word numbers them;
    a tab reads ``\\t`` and a line break ``\\n``.
    """
    gone = (w("del"), w("moveFrom")) if mode == "accept" else (w("ins"), w("moveTo"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(w("body"))
        notes_root = etree.fromstring(z.read("word/footnotes.xml"))
    notes = {n.get(w("id")): n for n in notes_root.findall(w("footnote"))}

    def paragraphs(container) -> list[tuple[str, list[str]]]:
        out: list[tuple[str, list[str]]] = []
        carry, carry_refs = "", []
        for p in container.iter(w("p")):
            text, refs = [], []
            for el in p.iter():
                if any(a.tag in gone and a.getparent().tag != w("rPr") for a in el.iterancestors()):
                    continue
                if el.tag in (w("t"), w("delText")):
                    text.append(el.text or "")
                elif el.tag == w("tab") and el.getparent().tag == w("r"):
                    text.append("\t")
                elif el.tag == w("br"):
                    text.append("\n")
                elif el.tag == w("footnoteReference"):
                    refs.append(el.get(w("id")))
                    text.append("\x00")
            rpr = p.find(f"{w('pPr')}/{w('rPr')}")
            if rpr is not None and any(rpr.find(tag) is not None for tag in gone):
                carry += "".join(text)
                carry_refs += refs
                continue
            out.append((carry + "".join(text), carry_refs + refs))
            carry, carry_refs = "", []
        return out

    lines, note_texts, count = [], [], 0
    for text, refs in paragraphs(body):
        for ref in refs:
            count += 1
            text = text.replace("\x00", f"[^{count}]", 1)
            note_text = " ".join(t for t, _ in paragraphs(notes[ref]))
            note_texts.append(note_text.strip())
        lines.append(text)
    return lines, note_texts


def expected_lines(doc: Document) -> tuple[list[str], list[str]]:
    """The paragraphs a version's redline must accept (or reject) to, from its model."""
    lines = [text for text, _ in header_lines(doc.metadata)]
    if doc.organ_line:
        lines.append(doc.organ_line)
    notes: list[str] = []
    by_number = {n.number: n.text for n in doc.footnotes}
    seen: set[int] = set()

    def marked(text: str, markers) -> str:
        out, pos = [], 0
        for m in sorted(markers, key=lambda m: m.offset):
            out.append(text[pos : m.offset])
            if m.number in seen:
                out.append(str(m.number))
            else:
                seen.add(m.number)
                notes.append(by_number.get(m.number, ""))
                out.append(f"[^{len(notes)}]")
            pos = m.offset
        out.append(text[pos:])
        return "".join(out)

    def subs(element) -> None:
        for sub in element.subparagraphs:
            lines.append(f"{sub.label}\t{marked(sub.text, sub.markers)}")
            subs(sub)

    for para in doc.paragraphs:
        label = f"{para.number}.\t" if para.number else ""
        lines.append(label + marked(para.text, para.markers))
        subs(para)
    lines += [text for text, _ in footer_lines(doc)]
    for annex in doc.annexes:
        lines.append(annex.heading)
        if annex.title:
            lines.append(annex.title)
        lines += [b for b in annex.text.split("\n") if b]
    return lines, notes


def model(doc: Document) -> tuple:
    return (
        observed(doc),
        [(p.id, p.full_text) for p in doc.paragraphs],
        [(n.number, n.text) for n in doc.footnotes],
        doc.organ_line,
    )


def check_redline(old: Document, new: Document, tmp: Path) -> bytes:
    data = render(compare(old, new))
    assert resolve(data, "accept") == expected_lines(new)
    assert resolve(data, "reject") == expected_lines(old)
    path = tmp / "redline.docx"
    path.write_bytes(data)
    assert model(read_document(str(path), revisions="accept")) == model(new)
    assert model(read_document(str(path), revisions="reject")) == model(old)
    return data


# ------------------------------------------------------------------ tests


def test_registered_as_a_diff_format():
    assert formatter(DIFF_FORMATS, "docx") is render


def test_sample_redline_accepts_to_new_and_rejects_to_old(tmp_path):
    old, new = read_document(str(SEED)), read_document(str(REDRAFT))
    comparison = compare(old, new)
    assert {"move", "split", "insert", "modify"} <= {p.op for p in comparison.pairs}
    data = check_redline(old, new, tmp_path)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for tag in ("<w:ins ", "<w:del ", "<w:moveFrom ", "<w:moveTo ", "w:moveFromRangeStart", 'w:author="untk"', "w:footnoteReference"):
        assert tag in xml, tag
    # python-docx opens it and sees NEW's paragraphs (with the tracked text too).
    import docx

    opened = docx.Document(io.BytesIO(data))
    assert any(p.text.startswith("The General Assembly") for p in opened.paragraphs)


def test_merge_and_renumbering(tmp_path):
    head = "The General Assembly,\n\n*Recalling* its resolution 60/288,[^1]\n\n"
    old = parse_text(
        head + "1. *Decides* to act;\n\n2. *Also decides* to report;\n\n3. *Requests* a report.[^2]\n\n[^1]: A/60/1.\n[^2]: A/70/2.\n",
        path="old.md",
    )
    new = parse_text(
        head + "1. *Requests* a report;[^2]\n\n2. *Decides* to act and to report.\n\n[^1]: A/60/1.\n[^2]: A/70/2 and Corr.1.\n",
        path="new.md",
    )
    ops = {p.op for p in compare(old, new).pairs}
    assert "merge" in ops or "modify" in ops
    check_redline(old, new, tmp_path)


def test_docx_old_keeps_its_styles(tmp_path):
    """When OLD is a .docx its package (styles) is the start of the redline."""
    from toolkit.render.diff_docx import render_document

    seed = read_document(str(SEED))
    base = render_document(seed)
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        styles = z.read("word/styles.xml").replace(b"</w:styles>", b'<w:style w:type="paragraph" w:styleId="UntkMarker"><w:name w:val="Untk marker"/></w:style></w:styles>')
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/styles.xml"] = styles
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    old_path = tmp_path / "old.docx"
    old_path.write_bytes(out.getvalue())
    old = read_document(str(old_path))
    new = read_document(str(REDRAFT))
    data = check_redline(old, new, tmp_path)
    assert b"UntkMarker" in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


@settings(max_examples=25)
@given(specs(), specs())
def test_generated_pairs_accept_to_new_and_reject_to_old(a, b):
    old, new = parse_text(draft(a), path="old.md"), parse_text(draft(b), path="new.md")
    with tempfile.TemporaryDirectory() as tmp:
        check_redline(old, new, Path(tmp))


@settings(max_examples=25)
@given(specs())
def test_generated_document_against_itself_has_no_changes(a):
    doc = parse_text(draft(a))
    data = render(compare(doc, doc))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert b"<w:ins " not in xml and b"<w:del " not in xml
    assert resolve(data, "accept") == resolve(data, "reject") == expected_lines(doc)


# ------------------------------------------------------------------ LibreOffice


def soffice_convert(path: Path, target: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", target, "--outdir", str(outdir), str(path)],
            capture_output=True,
            text=True,
            timeout=180,
        )
    out = outdir / (path.stem + "." + target.split(":")[0])
    assert result.returncode == 0 and out.exists() and out.stat().st_size > 0, result.stderr
    return out


@needs_libreoffice
def test_libreoffice_opens_and_keeps_the_changes(tmp_path):
    old, new = read_document(str(SEED)), read_document(str(REDRAFT))
    data = render(compare(old, new))
    path = tmp_path / "redline.docx"
    path.write_bytes(data)
    # LibreOffice opens it (a damaged file fails to load headless) and prints it.
    pdf = soffice_convert(path, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    # Its own re-save keeps the tracked changes: accept gives NEW, reject gives OLD.
    resaved = soffice_convert(path, 'docx:"MS Word 2007 XML"'.replace('"', ""), tmp_path / "resaved")
    assert model(read_document(str(resaved), revisions="accept")) == model(new)
    assert model(read_document(str(resaved), revisions="reject")) == model(old)
    text = soffice_convert(path, "txt:Text (encoded):UTF8", tmp_path / "txt").read_text("utf-8-sig")
    assert "Seventy-second session" in text
    # The kind of each change rides along as a margin comment, and LibreOffice keeps them.
    import zipfile

    kept = zipfile.ZipFile(resaved).read("word/comments.xml").decode("utf-8")
    assert kept.count("substantive") == sum(1 for p in compare(old, new).pairs if p.kind == "substantive" and p.section == "paragraphs")
