"""The PDF reader: the General Assembly's published PDFs, PDFs made here, and bad input.

``write_pdf`` below is a small PDF writer: it sets a resolution in Helvetica
the way the United Nations prints one (masthead, first-line indents, running
heads and page numbers, superscript footnote markers, footnotes below a rule
at the foot of the page they are cited on), so the reader is tested on PDFs
whose truth is known.
"""

from __future__ import annotations

import re
import tempfile
import textwrap
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from resolutions import Spec, _walk, expected, observed, specs
from toolkit.dates import format_date
from toolkit.errors import InputError
from toolkit.readers import read_document
from toolkit.vocabulary import ordinal_words

# ------------------------------------------------------------------ the General Assembly's PDFs

#: Counted by reading each PDF: symbol, adoption date, preambular and operative
#: paragraphs, footnotes, and footnote markers (a repeated marker counts again).
GA = [
    # 73/3 adopts a political declaration: its one operative paragraph ("Adopts the
    # following political declaration ...:") quotes the 53 numbered paragraphs.
    ("A_RES_73_3-EN.pdf", "A/RES/73/3", "2018-10-10", 0, 1, 7, 7),
    # In 73/6 the marker repeating note 1 after "UNISPACE+50," (PP22) is printed at
    # full size on the baseline, so it is text, not a marker.
    ("A_RES_73_6-EN.pdf", "A/RES/73/6", "2018-10-26", 25, 14, 6, 8),
    ("A_RES_73_7-EN.pdf", "A/RES/73/7", "2018-10-29", 13, 28, 9, 11),
    ("A_RES_73_8-EN.pdf", "A/RES/73/8", "2018-11-01", 8, 5, 1, 1),
]


@pytest.mark.corpus
@pytest.mark.parametrize("name, symbol, adopted, pps, ops, notes, markers", GA)
def test_general_assembly_pdfs(name, symbol, adopted, pps, ops, notes, markers):
    doc = read_document(str(shared_path("corpus", "unga-pdf", name)))
    assert doc.source.format == "pdf"
    assert doc.metadata.symbol == symbol
    assert str(doc.metadata.adoption_date) == adopted
    assert (len(doc.preamble), len(doc.operative), len(doc.footnotes)) == (pps, ops, notes)
    assert sum(len(e.markers) for e in doc.walk_all()) == markers
    assert [n.number for n in doc.footnotes] == list(range(1, notes + 1))
    for element in doc.walk():  # no page furniture, no running head, no note text in a paragraph
        assert not re.search(r"\d{2}-\d{5}|\d+/\d+ \d{2}-|\[\^", element.text), element.id
        assert symbol not in element.text


@pytest.mark.corpus
def test_general_assembly_pdf_details():
    doc = read_document(str(shared_path("corpus", "unga-pdf", "A_RES_73_7-EN.pdf")))
    assert doc.metadata.title == "Report of the International Criminal Court"
    assert doc.metadata.meeting == "28th plenary meeting"
    pp2 = doc.preamble[1]
    assert pp2.text == "Recalling also that the Rome Statute of the International Criminal Court reaffirms the purposes and principles of the Charter of the United Nations,"
    assert [(m.number, pp2.text[: m.offset][-5:]) for m in pp2.markers] == [(1, "Court")]
    # A sentence broken by a page break is joined; "post-\nconflict" keeps its hyphen.
    assert "in conflict and post-conflict societies" in doc.preamble[4].text
    op21 = doc.find("OP21")
    assert "12 February 2013 in which" in op21.text and op21.markers[0].number == 9
    assert doc.footnotes[8].text.startswith("S/PRST/2013/2; see Resolutions and Decisions")
    # Line numbers lead back to the PDF's text lines.
    assert doc.source.line_starts and doc.find("OP1").span.start.line > 1
    six = read_document(str(shared_path("corpus", "unga-pdf", "A_RES_73_6-EN.pdf")))
    assert six.footnotes[5].text.endswith("A/AC.105/1180 and A/AC.105/1181.")  # a note continued overleaf
    assert "capacity-building for the twenty-first century" in six.find("PP24").text


# ------------------------------------------------------------------ sessions 78-80: resolutions, drafts, amendments
#
# Every expectation below was read on the rendered page (pdftoppm), not taken
# from the reader's output.

UNGA = ("corpus", "unga-78-80")


def _unga(name: str):
    return read_document(str(shared_path(*UNGA, name)))


def _unga_blocks(name: str) -> list[str]:
    from toolkit.readers import pdf

    path = shared_path(*UNGA, name)
    _, layout = pdf.read(str(path), path.read_bytes())
    return [b.text.text for b in layout.blocks]


def _markers(element) -> list[tuple[int, str]]:
    """Each marker's number and the word it follows."""
    return [(m.number, element.text[: m.offset].split()[-1]) for m in element.markers]


@pytest.mark.corpus
def test_unga_symbols():
    """The masthead symbol of all 101 PDFs: the file name is the symbol."""
    folder = shared_path(*UNGA)
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert len(names) == 101
    wrong = {}
    for name in names:
        expected = name[: -len(".pdf")].replace("_", "/")
        got = read_document(str(folder / name)).metadata.symbol
        if got != expected:
            wrong[name] = got
    assert wrong == {}


@pytest.mark.corpus
def test_unga_78_14():
    doc = _unga("A_RES_78_14.pdf")  # once read as A/RES/78/1: the last digit is no marker
    assert doc.metadata.symbol == "A/RES/78/14"
    assert (len(doc.preamble), len(doc.operative), len(doc.footnotes)) == (5, 8, 5)
    assert [_markers(e) for e in doc.preamble[1:4]] == [[(1, "1996,")], [(2, "occasion,")], [(3, "1996,")]]
    assert _markers(doc.find("OP4")) == [(4, "Treaty")]
    assert _markers(doc.find("OP6")) == [(5, "Weapons")]
    assert [n.text for n in doc.footnotes[:2]] == ["A/50/426, annex.", "A/51/113-S/1996/276, annex."]
    assert doc.footnotes[4].text == "United Nations, Treaty Series, vol. 729, No. 10485."  # on page 2
    assert _unga_blocks("A_RES_78_14.pdf")[:12] == [
        "United Nations", "A/RES/78/14", "General Assembly", "Distr.: General", "6 December 2023",
        "Seventy-eighth session", "Agenda item 92", "African Nuclear-Weapon-Free Zone Treaty",
        "Resolution adopted by the General Assembly\non 4 December 2023",
        "[on the report of the First Committee (A/78/402, para. 7)]",
        "78/14. African Nuclear-Weapon-Free Zone Treaty", "The General Assembly,",
    ]


@pytest.mark.corpus
def test_unga_draft_masthead_and_star_note():
    """A/C.3/80/L.24: the masthead of a draft, and its "*" note, which is no footnote."""
    blocks = _unga_blocks("A_C.3_80_L.24.pdf")
    assert blocks[:13] == [
        "United Nations", "A/C.3/80/L.24", "General Assembly", "Distr.: Limited", "31 October 2025",
        "Original: English", "Eightieth session", "Third Committee", "Agenda item 66",
        "Report of the Human Rights Council", "Mauritania:* draft resolution",
        "Report of the Human Rights Council", "The General Assembly,",
    ]
    doc = _unga("A_C.3_80_L.24.pdf")
    assert doc.metadata.symbol == "A/C.3/80/L.24"
    assert (len(doc.preamble), len(doc.operative)) == (4, 2)
    assert [n.number for n in doc.footnotes] == [1]
    assert doc.footnotes[0].text.startswith("Official Records of the General Assembly, Eightieth Session, Supplement No. 53")
    assert _markers(doc.preamble[3]) == [(1, "Council,")]
    # The "*" note is kept apart from the numbered footnotes, numbered 0.
    from toolkit.readers import pdf

    path = shared_path(*UNGA, "A_C.3_80_L.24.pdf")
    layout = pdf.read(str(path), path.read_bytes())[1]
    assert [(n.number, " ".join(n.text.text.split())) for n in layout.notes_unnumbered] == [
        (0, "On behalf of the States Members of the United Nations that are members of the Group of African States.")
    ]
    assert doc.draft is not None and doc.draft.sponsor_note == layout.notes_unnumbered[0].text.text.replace("\n", " ")


@pytest.mark.corpus
def test_unga_amendment():
    """A/C.3/80/L.65 has no organ line: the masthead, sponsors, title and one instruction."""
    blocks = _unga_blocks("A_C.3_80_L.65.pdf")
    assert blocks[:10] == [
        "United Nations", "A/C.3/80/L.65", "General Assembly", "Distr.: Limited", "14 November 2025",
        "Original: English", "Eightieth session", "Third Committee", "Agenda item 66",
        "Report of the Human Rights Council",
    ]
    assert blocks[10].startswith("Bulgaria, Chile, Croatia, Cyprus, Denmark, Estonia, Finland, Germany,\n")
    assert blocks[10].endswith("and Uruguay: amendment to draft resolution A/C.3/80/L.24")
    assert blocks[11:] == ["Report of the Human Rights Council", "Delete the third preambular paragraph and operative paragraph 2."]
    doc = _unga("A_C.3_80_L.65.pdf")  # read, not refused
    assert doc.metadata.symbol == "A/C.3/80/L.65" and doc.footnotes == ()


@pytest.mark.corpus
def test_unga_78_115_notes_in_sequence():
    """Seven pages, 17 notes; note 2 has lines opening with figures ("28 and 29 June 2012")."""
    doc = _unga("A_RES_78_115.pdf")
    assert (len(doc.preamble), len(doc.operative)) == (35, 26)
    assert [n.number for n in doc.footnotes] == list(range(1, 18))
    assert doc.footnotes[1].text == (
        "The first to eighth reviews of the Strategy, held on 4 and 5 September 2008, 8 September 2010, "
        "28 and 29 June 2012, 12 and 13 June 2014, 30 June and 1 July 2016, 26 and 27 June 2018, "
        "30 June and 6 and 7 July 2021 and 22 and 23 June 2023, respectively."
    )
    assert doc.footnotes[16].text == "Ibid., vol. 2178, No. 38349."
    assert _markers(doc.preamble[1]) == [(1, "2006,"), (2, "Strategy,"), (3, "resolutions"), (4, "occasions,")]
    assert _markers(doc.preamble[34]) == [(10, "Secretary-General"), (11, "session,")]
    assert "seventy-eighth session," in doc.preamble[34].text
    assert _markers(doc.find("OP14")) == [(12, "Terrorism,"), (13, "Material,"), (14, "Navigation"), (15, "Shelf,")]
    # Paragraphs crossing a page: OP5 (pages 4-5) and OP22 (pages 6-7).
    assert doc.find("OP5").text == (
        "Reiterates its call upon all States to adopt further measures in accordance with the Charter of the "
        "United Nations and the relevant provisions of international law, including international standards of "
        "human rights, to prevent terrorism and to strengthen international cooperation in combating terrorism "
        "and, to that end, to consider, in particular, the implementation of the measures set out in paragraphs "
        "3 (a) to (f) of General Assembly resolution 51/210;"
    )
    op22 = doc.find("OP22").text
    assert "to enhance, through its mandate, the capabilities of the United Nations in the prevention" in op22
    assert op22.endswith("including through national capacity-building upon request;")


@pytest.mark.corpus
def test_unga_80_168_running_head_dropped():
    doc = _unga("A_RES_80_168.pdf")
    assert (len(doc.preamble), len(doc.operative), len(doc.footnotes)) == (6, 6, 2)
    assert doc.preamble[3].text.startswith("Noting the constructive dialogue in the Sixth Committee")
    assert _markers(doc.preamble[2]) == [(1, "jurisdiction,")]
    assert _markers(doc.find("OP1")) == [(2, "observers;")]
    assert doc.footnotes[1].text.startswith("A/80/274; see also A/65/181, A/66/93, A/66/93/Add.1,")
    for element in doc.walk():
        assert "A/RES/80/168" not in element.text and "25-20868" not in element.text, element.id


@pytest.mark.corpus
def test_unga_78_71_paragraph_across_pages():
    doc = _unga("A_RES_78_71.pdf")  # once read as A/RES/78/7
    assert doc.metadata.symbol == "A/RES/78/71"
    op4 = doc.find("OP4")
    assert op4.text == (
        "Notes with appreciation the work of the Scientific Committee, takes note of the report on its seventieth "
        "session, including the update on the Committee\u2019s long-term strategic directions and the revised "
        "governing principles and supporting procedure for the Committee\u2019s work, and encourages the Committee, "
        "over its coming sessions, to continue to work towards implementing strategies to support its long-term "
        "efforts to serve the scientific community, as well as wider audiences;"
    )
    assert _markers(op4) == [(2, "session,"), (3, "work,")]  # note 3 is on the next page
    assert [n.number for n in doc.footnotes] == [1, 2, 3]
    assert doc.footnotes[2].text == "Ibid., chap. II, sect. D."


@pytest.mark.corpus
def test_unga_draft_with_subparagraphs():
    """A/C.1/80/L.40: three pages, 15 preambular and 6 operative paragraphs, 10 notes."""
    doc = _unga("A_C.1_80_L.40.pdf")
    assert (len(doc.preamble), len(doc.operative), len(doc.footnotes)) == (15, 6, 10)
    assert [s.id for s in doc.find("OP5").subparagraphs] == ["OP5(a)", "OP5(b)", "OP5(c)"]
    assert _markers(doc.preamble[0]) == [(1, "Tlatelolco)")]
    assert _markers(doc.preamble[7]) == [
        (3, "Rarotonga,"), (4, "Bangkok"), (5, "Pelindaba"), (6, "Asia,"), (7, "Treaty"),
    ]
    assert _markers(doc.find("OP4")) == [(9, "Tlatelolco"), (10, "Weapons,")]
    assert doc.footnotes[7].text.startswith("2010 Review Conference of the Parties to the Treaty on the Non-Proliferation")


@pytest.mark.corpus
def test_unga_80_l10_star_note_and_sponsors():
    blocks = _unga_blocks("A_80_L.10.pdf")
    assert blocks[8:11] == [
        "Sport for development and peace: building a peaceful and\nbetter world through sport and the Olympic ideal",
        "Italy and Turkmenistan:* draft resolution",
        "Building a peaceful and better world through sport and the\nOlympic ideal",
    ]
    doc = _unga("A_80_L.10.pdf")
    assert doc.footnotes[0].number == 1 and doc.footnotes[0].text == "Resolution 60/1."
    assert _markers(doc.preamble[3]) == [(1, "Outcome,")]
    assert doc.draft is not None and doc.draft.sponsor_note == (
        "Any changes to the list of sponsors will be reflected in the official record of the meeting."
    )


# ------------------------------------------------------------------ a small PDF writer


def _escape(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class Page:
    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(self, x: float, y: float, runs: list[tuple[str, str, float, float]]) -> None:
        """Runs of (font, text, size, rise) set from (x, y)."""
        parts = [f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm"]
        for font, text, size, rise in runs:
            parts.append(f"/{font} {size} Tf {rise} Ts ({_escape(text)}) Tj")
        parts.append("0 Ts ET")
        self.ops.append(" ".join(parts))


def pdf_bytes(pages: list[Page], encrypt: bool = False) -> bytes:
    """A PDF of the pages, with Helvetica (regular, bold, oblique)."""
    objects: list[bytes] = []
    fonts = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Helvetica-Oblique"}
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3-5 fonts, then page and content pairs.
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{6 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for name in fonts.values():
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>".encode())
    for i, page in enumerate(pages):
        resources = " ".join(f"/{k} {3 + j} 0 R" for j, k in enumerate(fonts))
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << {resources} >> >> /Contents {7 + 2 * i} 0 R >>".encode()
        )
        stream = zlib.compress("\n".join(page.ops).encode("latin-1"))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + obj + b"\nendobj\n"
    trailer_extra = b""
    if encrypt:
        # A standard security handler whose password is not empty: the reader cannot open it.
        offsets.append(len(out))
        out += (
            b"%d 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>\nendobj\n"
            % (len(objects) + 1, b"11" * 32, b"22" * 32)
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects) + 1, b"ab" * 16, b"ab" * 16)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, trailer_extra, xref)
    return bytes(out)


MARK = re.compile(r"\x01(\d+)\x02")


def _marked(text: str, markers) -> str:
    for m in sorted(markers, key=lambda m: -m.offset):
        text = text[: m.offset] + f"\x01{m.number}\x02" + text[m.offset :]
    return text


class Typesetter:
    """Sets a resolution on US-letter pages, the way the United Nations prints one."""

    def __init__(self, spec: Spec, width: int, per_page: int, note_style: str):
        self.spec, self.width, self.per_page, self.note_style = spec, width, per_page, note_style
        self.pages: list[Page] = []
        self.notes_on_page: list[list[int]] = []
        self.y = 0.0
        self.count = 0
        self.new_page()

    def new_page(self) -> None:
        if self.pages:
            self.finish_page()
        self.pages.append(Page())
        self.notes_on_page.append([])
        self.count = 0
        number = len(self.pages)
        if number > 1:  # running head
            self.pages[-1].text(72, 750, [("F2", self.spec.symbol, 8.5, 0)])
        self.y = 720

    def finish_page(self) -> None:
        page, notes = self.pages[-1], self.notes_on_page[-1]
        y = 60 + 11 * len(notes)
        if notes:
            page.text(72, y + 12, [("F2", "__________________", 8, 0)])
        for n in notes:
            text = self.spec.notes[n - 1]
            if self.note_style == "super":
                page.text(80, y, [("F1", str(n), 5.5, 3), ("F1", " " + text, 8.5, 0)])
            else:
                page.text(80, y, [("F1", f"{n} {text}", 8.5, 0)])
            y -= 11
        page.text(72, 36, [("F2", f"{len(self.pages)}/9", 8.5, 0)])
        page.text(500, 36, [("F1", "18-12345", 7, 0)])

    def line(self, x: float, text: str, size: float = 10, font: str = "F1", gap: float = 0) -> None:
        notes_room = 90 + 11 * (len(self.notes_on_page[-1]) + len(MARK.findall(text)))
        if self.count >= self.per_page or self.y - gap - size < notes_room:
            self.new_page()
            gap = 0
        self.y -= gap
        runs: list[tuple[str, str, float, float]] = []
        pos = 0
        for m in MARK.finditer(text):
            runs.append((font, text[pos : m.start()], size, 0))
            runs.append(("F1", m[1], size * 0.65, size * 0.35))
            self.notes_on_page[-1].append(int(m[1]))
            pos = m.end()
        runs.append((font, text[pos:], size, 0))
        self.pages[-1].text(x, self.y, [r for r in runs if r[1]])
        self.y -= size * 1.2
        self.count += 1

    def paragraph(self, text: str, indent: float = 36, left: float = 72, gap: float = 8) -> None:
        lines = textwrap.wrap(text, self.width, break_long_words=False, break_on_hyphens=False)
        for k, line in enumerate(lines):
            self.line(left + (indent if k == 0 else 0), line, gap=gap if k == 0 else 0)

    def build(self) -> bytes:
        spec = self.spec
        self.line(72, f"United Nations {spec.symbol}", 12)
        self.line(72, f"{spec.organ} Distr.: General", 12, gap=4)
        if spec.ga:
            self.line(72, f"{ordinal_words(spec.session).capitalize()} session", gap=12)
            self.line(72, f"Agenda item {spec.agenda}")
            self.line(108, f"Resolution adopted by the {spec.organ} on {format_date(spec.adopted)}", 12, "F2", gap=12)
            self.line(108, f"[without reference to a Main Committee (A/{spec.session}/L.{spec.draft})]", gap=10)
            self.line(72, f"{spec.resolution_number}. {spec.title}", 11, "F2", gap=12)
        else:
            self.line(72, f"Resolution {spec.resolution_number}", 12, "F2", gap=12)
            self.line(72, f"Adopted by the Security Council at its {spec.meeting_line}, on {format_date(spec.adopted)}", gap=8)
        self.line(108, f"The {spec.organ},", gap=14)
        for el in spec.preamble:
            self.paragraph(_marked(el.text, el.markers))
        for el, depth in _walk(spec.operative):
            label = f"{el.label}." if depth == 0 else el.label
            self.paragraph(f"{label} {_marked(el.text, el.markers)}", indent=36 * (depth + 1))
        if spec.ga:
            self.line(72, spec.meeting_line, gap=16)
            self.line(72, format_date(spec.adopted))
        self.finish_page()
        return pdf_bytes(self.pages)


def write_pdf(spec: Spec, width: int = 80, per_page: int = 30, note_style: str = "super") -> bytes:
    return Typesetter(spec, width, per_page, note_style).build()


def read_bytes_as_pdf(data: bytes, name: str = "made.pdf"):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return read_document(str(path))


@settings(max_examples=40)
@given(specs(), st.integers(60, 95), st.sampled_from([12, 20, 40]), st.sampled_from(["super", "plain"]))
def test_generated_pdfs_read_back(spec, width, per_page, note_style):
    doc = read_bytes_as_pdf(write_pdf(spec, width, per_page, note_style))
    assert observed(doc) == expected(spec)


def test_hyphenation_running_heads_and_page_numbers():
    from resolutions import Element, Marker
    import datetime as dt

    text = (
        "Recalling the implementation of the capacity-building programme and the strengthening of national "
        "capacity-building efforts, and the self-determination of peoples,"
    )
    spec = Spec(
        organ="General Assembly", session=73, number=5, adopted=dt.date(2018, 10, 20), title="Capacity-building",
        meeting=25, draft=4, agenda=30,
        preamble=(Element(None, text, (Marker(1, len(text)),)),),
        operative=(Element("1", "Decides to remain seized of the matter."),),
        notes=("Resolution 60/288.",),
    )
    # Typeset by hand: "implemen-/tation" broken by hyphenation, "capacity-/building" at its hyphen.
    ts = Typesetter(spec, 80, 40, "super")
    ts.line(72, f"United Nations {spec.symbol}", 12)
    ts.line(72, "Seventy-third session", gap=12)
    ts.line(108, "Resolution adopted by the General Assembly on 20 October 2018", 12, "F2", gap=12)
    ts.line(72, "73/5. Capacity-building", 11, "F2", gap=12)
    ts.line(108, "The General Assembly,", gap=14)
    ts.line(108, "Recalling the implemen-", gap=8)
    ts.line(72, "tation of the capacity-building programme and the strengthening of national capacity-")
    ts.new_page()
    ts.line(72, "building efforts, and the self-determination of peoples,\x011\x02")
    ts.line(108, "1. Decides to remain seized of the matter.", gap=8)
    ts.line(72, "25th plenary meeting", gap=16)
    ts.line(72, "20 October 2018")
    ts.finish_page()
    doc = read_bytes_as_pdf(pdf_bytes(ts.pages))
    assert doc.preamble[0].text == text
    assert [(m.number, m.offset) for m in doc.preamble[0].markers] == [(1, len(text))]
    assert [(n.number, n.text) for n in doc.footnotes] == [(1, "Resolution 60/288.")]
    assert doc.operative[0].text == "Decides to remain seized of the matter."
    assert doc.metadata.symbol == "A/RES/73/5" and doc.metadata.meeting == "25th plenary meeting"


# ------------------------------------------------------------------ bad input


def _refused(tmp_path: Path, data: bytes, match: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    start = time.perf_counter()
    with pytest.raises(InputError, match=match) as info:
        read_document(str(path))
    assert time.perf_counter() - start < 20
    assert "\n" not in str(info.value) and "bad.pdf" in str(info.value)


def test_corrupt_pdf(tmp_path):
    _refused(tmp_path, b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "not a readable PDF|no text")


def test_truncated_pdf(tmp_path):
    from resolutions import Element
    import datetime as dt

    spec = Spec("General Assembly", 73, 1, dt.date(2018, 10, 1), "Title", 20, 1, 5, (), (Element("1", "Decides to act."),))
    data = write_pdf(spec)
    _refused(tmp_path, data[: len(data) // 3], "not a readable PDF|no text")


def test_encrypted_pdf(tmp_path):
    from resolutions import Element
    import datetime as dt

    spec = Spec("General Assembly", 73, 1, dt.date(2018, 10, 1), "Title", 20, 1, 5, (), (Element("1", "Decides to act."),))
    ts = Typesetter(spec, 80, 40, "super")
    ts.line(72, "1. Decides to act.")
    _refused(tmp_path, pdf_bytes(ts.pages, encrypt=True), "encrypted PDF")


def test_decompression_bomb(tmp_path):
    bomb = zlib.compress(b"\x00" * (100 * 1024 * 1024), 9)
    head = b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(bomb)).encode() + b" /Filter /FlateDecode >>\nstream\n"
    data = head + bomb + b"\nendstream\nendobj\n%%EOF\n"
    _refused(tmp_path, data, "decompression bomb")


def test_too_many_pages(tmp_path):
    page = Page()
    page.text(72, 700, [("F1", "The General Assembly,", 10, 0)])
    _refused(tmp_path, pdf_bytes([page] * 401), "more than 400 pages")


def test_no_text_layer(tmp_path):
    _refused(tmp_path, pdf_bytes([Page(), Page()]), "no text layer")


def test_pdf_that_is_not_a_resolution(tmp_path):
    page = Page()
    page.text(72, 700, [("F1", "Minutes of the staff picnic", 12, 0)])
    page.text(72, 680, [("F1", "Lunch was served at noon and everyone enjoyed it.", 10, 0)])
    _refused(tmp_path, pdf_bytes([page]), "does not look like a resolution")
