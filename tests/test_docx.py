"""The .docx reader: paragraphs, automatic numbers, real footnotes, tracked changes, bad input."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from resolutions import draft, expected, observed, specs
from toolkit.errors import InputError
from toolkit.readers import parse_text, read_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>'
    '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="OP"><w:name w:val="Operative"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    "</w:styles>"
)
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)


def make_docx(body: str, notes: str = "", extra: dict[str, bytes] | None = None, document_xml: str | None = None) -> bytes:
    """A minimal .docx package around WordprocessingML body content."""
    document = document_xml or f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/footnotes.xml", footnotes)
        z.writestr("word/numbering.xml", NUMBERING)
        z.writestr("word/styles.xml", STYLES)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def r(text: str, italic: bool = False, style: str = "") -> str:
    rpr = ("<w:i/>" if italic else "") + (f'<w:rStyle w:val="{style}"/>' if style else "")
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def note(note_id: int, text: str) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
    )


REV = 'w:author="A" w:date="2020-01-01T00:00:00Z"'
NUMBERED = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'
SUB = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr>'

HEADER = [
    p(r("Seventy-third session")),
    p(r("Agenda item 77")),
    p(r("Resolution adopted by the General Assembly on 29 October 2018")),
    p(r("[without reference to a Main Committee (A/73/L.8)]")),
    p(r("73/7. Report of the International Criminal Court")),
    p(r("The General Assembly,", italic=True)),
]


def write(tmp_path: Path, data: bytes, name: str = "doc.docx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_typed_and_automatic_numbers_footnotes_and_italics(tmp_path):
    body = HEADER + [
        p(r("Recalling", italic=True), r(" its resolution 72/3 of 30 October 2017,"), ref(1)),
        p(r("Recalling also", style="Emphasis"), r(" that the Rome Statute"), ref(2), r(" reaffirms the Charter,")),
        p(r("1.\t"), r("Welcomes", italic=True), r(" the report of the Court;"), ref(3)),
        p(r("Notes", italic=True), r(" the recent ratifications:"), ppr=NUMBERED),
        p(r("First item;"), ppr=SUB),
        p(r("Second item;"), ppr=SUB),
        p(r("Invites", italic=True), r(" regional organizations to cooperate."), ppr='<w:pStyle w:val="OP"/>'),
        p(r("28th plenary meeting")),
        p(r("29 October 2018")),
    ]
    notes = note(5, "A/73/334.") + note(7, "United Nations, Treaty Series, vol. 2187, No. 38544.") + note(9, "Resolution 58/318.")
    path = write(tmp_path, make_docx("".join(body).replace('w:id="1"', 'w:id="5"').replace('w:id="2"', 'w:id="7"').replace('w:id="3"', 'w:id="9"'), notes))
    doc = read_document(path)
    assert doc.source.format == "docx"
    assert doc.metadata.symbol == "A/RES/73/7"
    assert str(doc.metadata.adoption_date) == "2018-10-29"
    assert doc.metadata.meeting == "28th plenary meeting"
    assert [x.id for x in doc.preamble] == ["PP1", "PP2"]
    assert [x.id for x in doc.operative] == ["OP1", "OP2", "OP3"]
    op2 = doc.operative[1]
    assert op2.text == "Notes the recent ratifications:"
    assert [(s.label, s.text) for s in op2.subparagraphs] == [("(a)", "First item;"), ("(b)", "Second item;")]
    assert doc.operative[2].text == "Invites regional organizations to cooperate."
    assert [(n.number, n.text) for n in doc.footnotes] == [
        (1, "A/73/334."),
        (2, "United Nations, Treaty Series, vol. 2187, No. 38544."),
        (3, "Resolution 58/318."),
    ]
    pp2 = doc.preamble[1]
    assert pp2.text == "Recalling also that the Rome Statute reaffirms the Charter,"
    assert [(m.number, pp2.text[: m.offset]) for m in pp2.markers] == [(2, "Recalling also that the Rome Statute")]
    assert [m.number for m in doc.operative[0].markers] == [3]
    # Line and column of a marker: the paragraph (line) and the place of its number in it.
    marker = doc.preamble[0].markers[0]
    assert marker.location.line == 7
    # Italic opening words are kept as a fact on each paragraph.
    from toolkit.readers import docx
    from toolkit.source import read_bytes

    facts = {f.text.split("\t")[-1][:12]: f.italic_opening for f in docx.read(path, read_bytes(path)).paragraphs}
    assert facts["Recalling it"] == "Recalling"
    assert facts["Recalling al"] == "Recalling also"
    assert facts["Welcomes the"] == "Welcomes"
    assert facts["Notes the re"] == "Notes"


def test_tracked_changes_read_accepted_or_rejected(tmp_path):
    body = HEADER + [
        p(r("Recalling", italic=True), r(" its resolution "), f'<w:del w:id="1" {REV}><w:r><w:delText>70/1</w:delText></w:r></w:del>',
          f'<w:ins w:id="2" {REV}><w:r><w:t>72/3</w:t></w:r></w:ins>', r(",")),
        # An inserted paragraph (its mark and its text).
        f'<w:p><w:pPr><w:rPr><w:ins w:id="3" {REV}/></w:rPr></w:pPr><w:ins w:id="4" {REV}><w:r><w:rPr><w:i/></w:rPr><w:t>Noting</w:t></w:r><w:r><w:t xml:space="preserve"> the report,</w:t></w:r></w:ins></w:p>',
        # Two old paragraphs merged: the first one's mark deleted.
        f'<w:p><w:pPr><w:rPr><w:del w:id="5" {REV}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">1. Decides to act</w:t></w:r><w:del w:id="6" {REV}><w:r><w:delText>;</w:delText></w:r></w:del></w:p>',
        f'<w:p><w:del w:id="7" {REV}><w:r><w:delText>2. Also decides</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> and to report.</w:t></w:r>'
        '<w:commentRangeStart w:id="9"/><w:r><w:commentReference w:id="9"/></w:r></w:p>',
        # A moved paragraph.
        f'<w:p><w:pPr><w:rPr><w:moveFrom w:id="10" {REV}/></w:rPr></w:pPr><w:moveFrom w:id="11" {REV}><w:r><w:t>3. Requests a report.</w:t></w:r></w:moveFrom></w:p>',
        f'<w:p><w:pPr><w:rPr><w:moveTo w:id="12" {REV}/></w:rPr></w:pPr><w:moveTo w:id="13" {REV}><w:r><w:t>2. Requests a report.</w:t></w:r></w:moveTo></w:p>',
    ]
    path = write(tmp_path, make_docx("".join(body)))
    accepted = read_document(path)
    rejected = read_document(path, revisions="reject")
    assert [x.text for x in accepted.preamble] == ["Recalling its resolution 72/3,", "Noting the report,"]
    assert [x.text for x in rejected.preamble] == ["Recalling its resolution 70/1,"]
    assert [(x.number, x.text) for x in accepted.operative] == [("1", "Decides to act and to report."), ("2", "Requests a report.")]
    assert [(x.number, x.text) for x in rejected.operative] == [
        ("1", "Decides to act;"),
        ("2", "Also decides and to report."),
        ("3", "Requests a report."),
    ]
    with pytest.raises(InputError, match="accept or reject"):
        read_document(path, revisions="both")


def test_soft_line_break_continues_a_paragraph(tmp_path):
    body = HEADER + [p(r("1. Adopts the following text:"), "<w:r><w:br/></w:r>", r("\u201cArticle 1 applies.\u201d"))]
    doc = read_document(write(tmp_path, make_docx("".join(body))))
    assert doc.operative[0].text == "Adopts the following text:\n\u201cArticle 1 applies.\u201d"


def test_superscript_number_repeating_a_note_is_a_marker(tmp_path):
    body = HEADER + [
        p(r("Recalling", italic=True), r(" the Statute,"), ref(1)),
        p(r("1. Welcomes the Statute,"), '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>', r(" and its parties.")),
    ]
    doc = read_document(write(tmp_path, make_docx("".join(body), note(1, "Treaty Series."))))
    op = doc.operative[0]
    assert op.text == "Welcomes the Statute, and its parties."
    assert [(m.number, m.offset) for m in op.markers] == [(1, len("Welcomes the Statute,"))]


def test_sniffing_and_input_format(tmp_path):
    path = write(tmp_path, make_docx("".join(HEADER + [p(r("1. Decides to act."))])))
    assert read_document(path, "docx").source.format == "docx"
    with pytest.raises(InputError, match="cannot be read as text"):
        read_document(path, "text")
    text = tmp_path / "plain.txt"
    text.write_text("The General Assembly,\n1. Decides to act.\n")
    with pytest.raises(InputError, match="not a DOCX file"):
        read_document(str(text), "docx")


# ------------------------------------------------------------------ bad input


def _refused(tmp_path: Path, data: bytes, match: str, name: str = "bad.docx") -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match=match) as info:
        read_document(write(tmp_path, data, name))
    assert time.perf_counter() - start < 10
    assert "\n" not in str(info.value) and name in str(info.value)


def test_corrupt_docx(tmp_path):
    good = make_docx("".join(HEADER))
    _refused(tmp_path, good[: len(good) // 2], "damaged|not a readable")


def test_encrypted_docx_is_an_ole_file(tmp_path):
    _refused(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "encrypted")


def test_zip_bomb(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        with z.open("word/document.xml", "w", force_zip64=True) as handle:
            block = b"\x00" * (1 << 20)
            for _ in range(200):  # 200 MiB of zeros, about 200 KiB compressed
                handle.write(block)
    assert len(out.getvalue()) < 1_000_000
    _refused(tmp_path, out.getvalue(), "ZIP bomb")


def test_entity_expansion(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    )
    _refused(tmp_path, make_docx("", document_xml=laughs), "DOCTYPE")


def test_zip_that_is_not_word(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    _refused(tmp_path, out.getvalue(), "Excel")


def test_docx_that_is_not_a_resolution(tmp_path):
    body = p(r("Minutes of the staff picnic")) + p(r("Lunch was served at noon and everyone enjoyed it."))
    _refused(tmp_path, make_docx(body), "does not look like a resolution")


# ------------------------------------------------------------------ round trip


@settings(max_examples=40)
@given(specs())
def test_generated_documents_written_as_docx_read_back_the_same(spec):
    """Documents generated from the model, written as .docx by untk and read back, keep their model."""
    import tempfile

    from toolkit.render.diff_docx import render_document

    doc = parse_text(draft(spec))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "round.docx"
        path.write_bytes(render_document(doc))
        again = read_document(str(path))
    assert observed(again) == expected(spec)
    assert observed(again) == observed(doc)
    assert again.organ_line == doc.organ_line
    assert again.metadata.meeting == doc.metadata.meeting


def test_italic_opening_words_reach_the_model(tmp_path):
    import docx as python_docx

    from toolkit.readers import read_document

    d = python_docx.Document()
    d.add_paragraph("The General Assembly,")
    p = d.add_paragraph()
    p.add_run("Recalling also").italic = True
    p.add_run(" its resolution 60/288 of 8 September 2006,")
    p = d.add_paragraph()
    p.add_run("1.\t")
    p.add_run("Decides").italic = True
    p.add_run(" to remain seized of the matter.")
    path = tmp_path / "italics.docx"
    d.save(path)
    doc = read_document(str(path))
    assert [(x.id, x.italic_opening) for x in doc.paragraphs] == [("PP1", "Recalling also"), ("OP1", "Decides")]
    assert read_document(str(__import__("conftest").SEED)).paragraphs[0].italic_opening is None
