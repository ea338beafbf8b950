"""Hostile .docx and PDF files: each is read or refused with one line, its cost bounded.

The files are built here, small: what is checked is the bound (the error, the size of
what is read), never the time taken.
"""

from __future__ import annotations

import binascii
import base64
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_docx import CT, DOC_RELS, HEADER, RELS, STYLES, W, note, p, r, ref
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.readers import docx, pdf, read_document
from toolkit.readers.pdf_streams import _lzw

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
NUMBERED = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'


def numbering(start: str = "1", fmt: str = "decimal", override: str | None = None, ilvl: str = "0") -> str:
    """One list whose first level starts at ``start`` (as written in the XML) in format ``fmt``."""
    over = f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{override}"/></w:lvlOverride>' if override else ""
    return (
        f"{XML}<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">"
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
        f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>{over}</w:num></w:numbering>'
    )


def package(body: str = "", notes: str = "", numbers: str | None = None, parts: dict[str, bytes | str] | None = None) -> bytes:
    """A .docx around WordprocessingML body content; ``parts`` replace or add parts."""
    contents: dict[str, bytes | str] = {
        "[Content_Types].xml": CT,
        "_rels/.rels": RELS,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": f"{XML}<w:document {W}><w:body>{''.join(HEADER)}{body}<w:sectPr/></w:body></w:document>",
        "word/footnotes.xml": f'{XML}<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>{notes}</w:footnotes>',
        "word/numbering.xml": numbers or numbering(),
        "word/styles.xml": STYLES,
    }
    contents.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in contents.items():
            z.writestr(name, data)
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def refused(tmp_path: Path, data: bytes, match: str, name: str = "hostile.docx") -> InputError:
    with pytest.raises(InputError, match=match) as info:
        read_document(write(tmp_path, data, name))
    assert "\n" not in str(info.value) and name in str(info.value)
    return info.value


def source_of(tmp_path: Path, data: bytes) -> docx.DocxContent:
    path = write(tmp_path, data, "read.docx")
    return docx.read(path, data)


# ------------------------------------------------------------------ .docx: tables


def nested_tables(depth: int) -> str:
    """Tables nested ``depth`` deep, a paragraph at every level."""
    inner = p(r("1. Decides to remain seized of the matter."))
    for level in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{p(r(f'[cell{level}]'))}{inner}</w:tc></w:tr></w:tbl>"
    return inner


def test_each_cell_of_nested_tables_is_read_once(tmp_path):
    content = source_of(tmp_path, package(nested_tables(12)))
    # Read again at every level, the innermost paragraph came out 2**11 times.
    assert content.source.count("Decides to remain seized") == 1
    assert all(content.source.count(f"[cell{level}]") == 1 for level in range(12))


def test_cells_in_content_controls_are_read(tmp_path):
    row = f"<w:tr><w:sdt><w:sdtContent><w:tc>{p(r('in a control'))}</w:tc></w:sdtContent></w:sdt></w:tr>"
    wrapped = f"<w:tbl><w:customXml>{row}</w:customXml></w:tbl>" + p(r("1. Decides to act."))
    assert source_of(tmp_path, package(wrapped)).source.count("in a control") == 1


def test_tables_nested_too_deep_are_refused(tmp_path):
    refused(tmp_path, package(nested_tables(docx.MAX_TABLE_DEPTH + 1)), f"nested more than {docx.MAX_TABLE_DEPTH} deep")


# ------------------------------------------------------------------ .docx: numbers


@pytest.mark.parametrize(
    ("start", "fmt", "label", "said"),
    [
        ("4000", "upperRoman", "4000.", "roman numerals"),
        ("3999", "upperRoman", "MMMCMXCIX.", None),
        (str(26 * docx.MAX_LETTERS + 1), "lowerLetter", f"{26 * docx.MAX_LETTERS + 1}.", "letters"),
        (str(26 * docx.MAX_LETTERS), "lowerLetter", "z" * docx.MAX_LETTERS + ".", None),
        ("999999999", "lowerRoman", "999999999.", "roman numerals"),
    ],
)
def test_roman_and_letter_labels_are_bounded(tmp_path, start, fmt, label, said):
    content = source_of(tmp_path, package(p(r("Decides to act."), ppr=NUMBERED), numbers=numbering(start, fmt)))
    labels = [f.label for f in content.paragraphs if f.label]
    assert labels == [label]
    notes = [d.message for d in content.layout.diagnostics]
    assert any(said in n for n in notes) if said else not notes


@pytest.mark.parametrize(
    "numbers",
    [
        numbering(start="\u00b9"),  # superscript one: str.isdigit() says yes, int() says no
        numbering(start="9" * 5000),  # past Python's limit on digits for int()
        numbering(start="1" * 12),  # no 32-bit number: ignored, not a label of a trillion
        numbering(override="\u00b2"),
        numbering(override="2", ilvl="\u00b3"),
    ],
)
def test_numbers_that_are_not_ascii_or_too_long_fall_back(tmp_path, numbers):
    body = p(r("Decides to act."), ppr=NUMBERED) + p(r("Requests a report."), ppr=NUMBERED.replace('w:val="0"', 'w:val="\u00b9"'))
    content = source_of(tmp_path, package(body, numbers=numbers))
    assert [f.label for f in content.paragraphs if f.label] == ["1.", "2."]


def test_superscript_digits_in_a_raised_run_are_text(tmp_path):
    run = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>\u00b9\u00b2</w:t></w:r>'
    doc = read_document(write(tmp_path, package(p(r("1. Decides to act"), run, r("."))), "raised.docx"))
    assert doc.operative[0].text == "Decides to act\u00b9\u00b2."


# ------------------------------------------------------------------ .docx: footnotes


def test_a_footnote_referenced_again_is_written_once(tmp_path):
    text = "Official Records of the General Assembly, " * 200
    body = p(r("1. Decides to act"), *[ref(5)] * 500, r("."))
    content = source_of(tmp_path, package(body, notes=note(5, text)))
    # Written at every reference, the note came to 500 copies (4 MB here, gigabytes for a larger note).
    assert content.source.count("Official Records") == 200
    assert [n.number for n in content.layout.footnotes] == [1]
    assert [d.message for d in content.layout.diagnostics] == ["footnote 5 is referenced more than once"]
    assert content.source.count("Decides to act1111") == 1  # later references repeat the number


def test_a_source_text_past_the_budget_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(docx, "MAX_SOURCE_CHARS", 2000)
    refused(tmp_path, package(p(r("1. Decides " + "to act " * 400))), "longer than 2,000 characters")


# ------------------------------------------------------------------ .docx: damaged packages


def _local_data_offset(data: bytes, name: str) -> int:
    """Where the compressed bytes of part ``name`` start in a ZIP archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    start = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
    return start + 30 + name_length + extra_length


def test_a_damaged_deflate_stream_names_the_part(tmp_path):
    data = bytearray(package(p(r("1. Decides to act."))))
    data[_local_data_offset(bytes(data), "word/styles.xml")] = 0xFF  # a block type deflate does not have
    refused(tmp_path, bytes(data), r"damaged part word/styles\.xml")


def _patch_central_directory(data: bytes, name: bytes, offset: int, value: int) -> bytes:
    """``data`` with a 2-byte field of part ``name``'s central directory entry set to ``value``."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack("<H", out[at + 28 : at + 30])[0]
        if out[at + 46 : at + 46 + name_length] == name:
            struct.pack_into("<H", out, at + offset, value)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_an_unknown_compression_method_names_the_part(tmp_path):
    data = _patch_central_directory(package(p(r("1. Decides to act."))), b"word/styles.xml", 10, 99)
    refused(tmp_path, data, r"damaged part word/styles\.xml.*compression method")


def test_a_zip_version_zipfile_cannot_read_is_refused(tmp_path):
    data = _patch_central_directory(package(p(r("1. Decides to act."))), b"word/styles.xml", 6, 90)
    refused(tmp_path, data, r"damaged ZIP archive: zip file version 9\.0")


def test_a_part_name_with_a_line_break_stays_on_one_line(tmp_path):
    bad = f'{XML}<!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>'
    error = refused(tmp_path, package(p(r("1. Decides to act.")), parts={"customXml/item\n1.xml": bad}), "DOCTYPE")
    assert "item\\x0a1.xml" in str(error)


# ------------------------------------------------------------------ .docx: encodings


def _laughs(encoding: str, declared: str | None = None) -> bytes:
    declaration = f'<?xml version="1.0" encoding="{declared or encoding.upper()}"?>'
    xml = (
        f'{declaration}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f"<w:document {W}><w:body>{''.join(HEADER)}{p(r('1. Decides &lol2;'))}</w:body></w:document>"
    )
    return xml.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_doctype_is_found_in_any_unicode_encoding(tmp_path, encoding):
    refused(tmp_path, package(parts={"word/document.xml": _laughs(encoding, "UTF-16" if "16" in encoding else None)}), "DOCTYPE")


def test_a_doctype_in_a_styles_part_written_in_utf16_is_refused(tmp_path):
    styles = STYLES.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("<w:styles ", '<!DOCTYPE s [<!ENTITY e "e">]><w:styles ', 1)
    refused(tmp_path, package(p(r("1. Decides to act.")), parts={"word/styles.xml": styles.encode("utf-16")}), "styles.xml declares a DOCTYPE")


def test_an_encoding_that_hides_markup_is_refused(tmp_path):
    ebcdic = _laughs("utf-8", "IBM037").decode("utf-8").encode("cp037")
    refused(tmp_path, package(parts={"word/document.xml": ebcdic}), "not XML in UTF-8 or UTF-16")
    declared = _laughs("utf-8").replace(b'encoding="UTF-8"', b'encoding="UTF-7"').replace(b"<!DOCTYPE", b"+ADwAIQ-DOCTYPE")
    refused(tmp_path, package(parts={"word/document.xml": declared}), "UTF-7 encoding")


def test_a_document_written_in_utf16_is_read(tmp_path):
    xml = f'<?xml version="1.0" encoding="UTF-16"?><w:document {W}><w:body>{"".join(HEADER)}{p(r("1. Decides to act."))}</w:body></w:document>'
    doc = read_document(write(tmp_path, package(parts={"word/document.xml": xml.encode("utf-16")}), "utf16.docx"))
    assert doc.operative[0].text == "Decides to act."


# ------------------------------------------------------------------ PDF: filter chains


def tiny_pdf(stream_dict: bytes, stream: bytes, extra: list[bytes] = ()) -> bytes:
    """One page whose content stream is ``stream`` under ``stream_dict``; ``extra`` objects follow (6 0 obj ...)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< " + stream_dict + b" /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return bytes(out)


SMALL_LIMIT = 2**20
BOMB = zlib.compress(b" " * (2 * SMALL_LIMIT), 9)  # past the limit the tests set, in 2 kB
BIG_BOMB = zlib.compress(b" " * (80 * 2**20), 9)  # past the real limit (64 MiB), in 80 kB


@pytest.fixture
def small_limit(monkeypatch):
    """Stream limits of 1 MiB, so that bombs stay small and quick to build."""
    monkeypatch.setattr(pdf, "MAX_STREAM_BYTES", SMALL_LIMIT)
    monkeypatch.setattr(pdf, "MAX_CONTENT_BYTES", SMALL_LIMIT)


def _run_length(data: bytes) -> bytes:
    """Run-length encoded as literal runs of up to 128 bytes."""
    chunks = [data[k : k + 128] for k in range(0, len(data), 128)]
    return b"".join(bytes((len(chunk) - 1,)) + chunk for chunk in chunks) + b"\x80"


@pytest.mark.parametrize(
    ("filters", "encoded"),
    [
        (b"/Filter [/ASCIIHexDecode /FlateDecode]", binascii.hexlify(BOMB) + b">"),
        (b"/Filter [/AHx /Fl]", binascii.hexlify(BOMB, b"\n", 32) + b">"),
        (b"/Filter [/ASCII85Decode /FlateDecode]", base64.a85encode(BOMB) + b"~>"),
        (b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(BOMB)),
        (b"/Filter [/RunLengthDecode /FlateDecode]", _run_length(BOMB)),
        (b"/Filter 6 0 R", zlib.compress(BOMB)),
        (b"/DecodeParms << /Filter /Nothing >> /Filter /FlateDecode", BOMB),
    ],
    ids=["hex-flate", "abbreviated", "a85-flate", "flate-flate", "rl-flate", "indirect", "nested-dictionary"],
)
def test_every_filter_chain_counts_against_the_inflate_limit(tmp_path, small_limit, filters, encoded):
    data = tiny_pdf(filters, encoded, extra=[b"[/FlateDecode /FlateDecode]"])
    refused(tmp_path, data, "decompression bomb", name="hostile.pdf")


def _deflate_around(text: bytes, spaces: int) -> bytes:
    """A zlib stream of ``spaces`` spaces, ``text`` stored as it is, and ``spaces`` spaces again."""
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = first.compress(b" " * spaces) + first.flush(zlib.Z_FULL_FLUSH)
    stored = b"\x00" + struct.pack("<HH", len(text), 0xFFFF ^ len(text)) + text
    second = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = second.compress(b" " * spaces) + second.flush()
    whole = b" " * spaces + text + b" " * spaces
    return b"\x78\x9c" + head + stored + tail + struct.pack(">I", zlib.adler32(whole))


def test_a_stream_is_read_to_its_length_past_an_endstream_inside_it(tmp_path, small_limit):
    # PDFium reads a stream to its /Length when "endstream" follows there, "endstream" in the data or not.
    spaces = SMALL_LIMIT * 3 // 4
    stream = _deflate_around(b"endstream", spaces)
    assert zlib.decompress(stream) == b" " * spaces + b"endstream" + b" " * spaces
    refused(tmp_path, tiny_pdf(b"/Filter /FlateDecode", stream), "decompression bomb", name="hostile.pdf")


def test_page_content_has_a_tighter_bound_than_fonts_and_images(tmp_path):
    # PDFium parses a content stream into objects of some 350 bytes each: 4 MiB of "(a)Tj" is 250 MB.
    content = zlib.compress(b"BT /F1 10 Tf 72 700 Td " + b"(a)Tj " * (pdf.MAX_CONTENT_BYTES // 6) + b"ET", 9)
    refused(tmp_path, tiny_pdf(b"/Filter /FlateDecode", content), "content stream decodes to more than 4 MiB", name="hostile.pdf")
    font = zlib.compress(b"\x00" * (pdf.MAX_CONTENT_BYTES + 1))
    extra = [b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n" % (len(font), pdf.MAX_CONTENT_BYTES + 1) + font + b"\nendstream"]
    refused(tmp_path, tiny_pdf(b"", b"BT ET", extra=extra), "no text layer", name="font.pdf")


def test_a_page_crowded_with_objects_is_refused(tmp_path):
    from toolkit.readers import pdf_chars

    content = b"BT /F1 10 Tf 72 700 Td (The General Assembly,) Tj " + b"(a)Tj " * pdf_chars.MAX_PAGE_OBJECTS + b"ET"
    refused(tmp_path, tiny_pdf(b"/Filter /FlateDecode", zlib.compress(content)), "page 1 holds more than 20,000 objects", name="hostile.pdf")


def test_filters_named_in_a_way_that_cannot_be_checked_are_refused(tmp_path, small_limit):
    refused(tmp_path, tiny_pdf(b"/Filter (FlateDecode)", BOMB), "cannot check", name="hostile.pdf")


def test_lzw_decodes_as_the_pdf_reference_shows():
    # The example of the PDF Reference (7.4.4.2): "-----A---B" in 9-bit codes.
    assert _lzw(bytes.fromhex("800B6050220C0C8501"), 100) == b"-----A---B"


# ------------------------------------------------------------------ through the command line


@pytest.mark.parametrize(
    ("name", "build", "reason"),
    [
        ("nested.docx", lambda: package(nested_tables(40)), "tables nested more than"),
        ("laughs.docx", lambda: package(parts={"word/document.xml": _laughs("utf-16")}), "declares a DOCTYPE"),
        ("bomb.pdf", lambda: tiny_pdf(b"/Filter [/ASCIIHexDecode /FlateDecode]", binascii.hexlify(BIG_BOMB) + b">"), "decompression bomb"),
    ],
    ids=["nested-tables", "utf16-doctype", "hex-flate-bomb"],
)
def test_show_refuses_hostile_files_with_one_line(tmp_path, name, build, reason):
    path = write(tmp_path, build(), name)
    result = CliRunner().invoke(main, ["show", path])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("untk: error: ") and name in lines[0]
    assert reason in lines[0] and "Traceback" not in result.output


# ------------------------------------------------------------------ .docx: size


def test_a_package_of_more_paragraphs_than_a_resolution_has_is_refused(tmp_path):
    from toolkit.readers import docx_package

    many = "<w:p/>" * (docx_package.MAX_PARAGRAPHS + 1)
    refused(tmp_path, package(p(r("1. Decides to act.")) + many), "the document has 20,0[0-9]{2} paragraphs; untk reads resolutions of up to 20,000")


def test_a_package_of_more_runs_than_a_resolution_has_is_refused(tmp_path, monkeypatch):
    from toolkit.readers import docx_package

    monkeypatch.setattr(docx_package, "MAX_RUNS", 50)
    runs = "".join(r(f"word{k} ") for k in range(60))
    refused(tmp_path, package(p(r("1. Decides "), runs)), "runs of text; untk reads resolutions of up to 50")


def test_stream_keywords_far_from_any_object_header_are_refused_at_once():
    # A damaged PDF: an object header, then megabytes where every "stream" keyword follows a
    # ">>" but no "N G obj" header stands within reach; each was read from the file's start.
    import time

    from toolkit.readers import pdf_streams

    data = b"%PDF-1.7\n1 0 obj\n<< /Length 5 >>\nstream\nhello\nendstream\nendobj\n"
    data += (b"x" * 1000 + b"<< /Length 5 >>\nstream\nhello\nendstream\n") * 2000
    started = time.process_time()
    with pytest.raises(InputError, match="dictionary starts more than 64 KiB before it ends"):
        pdf_streams.check("d.pdf", data, 2**26, 2**27, 2**24, 2**26)
    assert time.process_time() - started < 2
    # A stream dictionary within reach of its header is checked as before.
    pdf_streams.check("d.pdf", data[: data.index(b"endobj") + 7], 2**26, 2**27, 2**24, 2**26)
