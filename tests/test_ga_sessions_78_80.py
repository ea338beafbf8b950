"""The General Assembly documents of 2023–2025 (../shared/corpus/unga-78-80), in every form.

Each published PDF, the PyMuPDF text of it (the ``text`` of its ``.json``, page furniture
kept) and, for 15 of them, a Markdown extract must read with the symbol the file is named
after and the same structure. The expectations written out below were read off the
documents' pages (labels, openings and the notes under each page's rule counted by
hand), not taken from untk's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.model import DocumentKind
from toolkit.readers import read_document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "unga-78-80"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"needs the GA corpus of sessions 78-80 at {CORPUS}"),
]

# Where an extract lost what the page prints, the Markdown form cannot agree; each case is
# the extract's own fault, seen in the file:
MARKDOWN_FAULTS = {
    # operative paragraph 4 was pasted into the text of footnote 3 ("[^3]: A/79/88. 4. Decides…").
    "A_RES_80_57": "operative paragraph 4 inside footnote 3",
}


def _names(suffix: str) -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.stem for p in CORPUS.glob(f"*.{suffix}") if p.stem != "PROVENANCE")


def _symbol(stem: str) -> str:
    return stem.replace("_", "/")


@pytest.fixture(scope="module")
def text_forms(tmp_path_factory) -> dict[str, Path]:
    """The PyMuPDF text of every document, written out as the .txt a user would save."""
    folder = tmp_path_factory.mktemp("pymupdf")
    out = {}
    for stem in _names("json"):
        path = folder / f"{stem}.txt"
        path.write_text(json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))["text"], encoding="utf-8")
        out[stem] = path
    return out


def _shape(doc) -> tuple:
    return (
        len(doc.preamble),
        len(doc.operative),
        sum(1 for _ in doc.walk()) - len(doc.paragraphs),
        len(doc.footnotes),
        sum(len(a.paragraphs) for a in doc.annexes),
    )


@pytest.mark.parametrize("stem", _names("json"))
def test_text_form_reads_with_its_symbol(stem, text_forms):
    doc = read_document(str(text_forms[stem]))
    assert doc.metadata.symbol == _symbol(stem)
    assert doc.metadata.session_number == int(stem.split("_")[-2])
    assert doc.metadata.agenda_items


@pytest.mark.parametrize("stem", _names("pdf"))
def test_pdf_and_its_text_give_the_same_structure(stem, text_forms):
    pdf = read_document(str(CORPUS / f"{stem}.pdf"))
    text = read_document(str(text_forms[stem]))
    assert pdf.metadata.symbol == text.metadata.symbol == _symbol(stem)
    assert _shape(pdf)[:2] == _shape(text)[:2]
    assert len(pdf.footnotes) == len(text.footnotes)
    assert pdf.kind == text.kind


@pytest.mark.parametrize("stem", _names("md"))
def test_markdown_extract_gives_the_structure_of_the_text(stem, text_forms):
    if stem in MARKDOWN_FAULTS:
        pytest.skip(f"the extract's own fault: {MARKDOWN_FAULTS[stem]}")
    md = read_document(str(CORPUS / f"{stem}.md"))
    text = read_document(str(text_forms[stem]))
    assert md.metadata.symbol == text.metadata.symbol
    assert (len(md.preamble), len(md.operative), len(md.footnotes)) == (
        len(text.preamble),
        len(text.operative),
        len(text.footnotes),
    )


# Counted on the pages: preambular and operative paragraphs, footnotes.
PRINTED = {
    "A_RES_78_14": (5, 8, 5),  # African Nuclear-Weapon-Free Zone Treaty; notes 1-3 on p. 1, 4-5 on p. 2
    "A_RES_78_115": (35, 26, 17),  # notes at four page feet; a running head between PP23 and PP24
    "A_RES_80_4": (8, 5, 1),  # Cuba embargo; PP3's list of resolutions crosses the page
    "A_RES_80_222": (3, 37, 17),  # Iran; notes on eight pages
    "A_RES_79_281": (3, 19, 5),  # Joint Inspection Unit; part heading "I" above the third PP
    "A_C_3_80_L_24": (4, 2, 1),
}


@pytest.mark.parametrize("stem,printed", sorted(PRINTED.items()))
def test_structure_as_printed(stem, printed, text_forms):
    stem = stem.replace("A_C_3_80_L_24", "A_C.3_80_L.24")
    doc = read_document(str(text_forms[stem]))
    assert (len(doc.preamble), len(doc.operative), len(doc.footnotes)) == printed


def test_running_head_does_not_leak_into_a_paragraph(text_forms):
    """80/4's list of its earlier resolutions crosses from page 1 to page 2, under the
    running head (symbol, title on two lines, job number, page number)."""
    doc = read_document(str(text_forms["A_RES_80_4"]))
    [listing] = [p for p in doc.preamble if p.text.startswith("Recalling its resolutions 47/19")]
    assert "51/17 of 12 November 1996, 52/10 of 5 November 1997" in listing.text
    assert "Necessity of ending" not in listing.text and "25-17552" not in listing.text
    assert all("\n" not in p.text[:3] for p in doc.operative)


def test_page_foot_notes_are_collected_in_order(text_forms):
    doc = read_document(str(text_forms["A_RES_80_222"]))
    assert [n.number for n in doc.footnotes] == list(range(1, 18))
    assert doc.find("FN1").text == "Resolution 217 A (III)."
    assert doc.find("FN9").text == "See A/HRC/55/62 and A/HRC/55/67."
    # A note whose text wraps onto a line opening with a number is one note (78/115, note 2).
    notes = read_document(str(text_forms["A_RES_78_115"])).footnotes
    assert notes[1].text.startswith("The first to eighth reviews") and "28 and 29 June 2012" in notes[1].text
    assert [n.number for n in notes] == list(range(1, 18))


def test_draft_masthead_and_sponsors(text_forms):
    doc = read_document(str(text_forms["A_C.3_80_L.24"]))
    assert doc.kind is DocumentKind.DRAFT
    d = doc.draft
    assert (d.symbol, d.distribution, d.original, d.committee) == ("A/C.3/80/L.24", "Limited", "English", "Third Committee")
    assert d.date.isoformat() == "2025-10-31"
    assert d.sponsors == ("Mauritania",)
    assert d.sponsor_note.startswith("On behalf of the States Members of the United Nations that are members of the Group of African States")
    assert d.title == "Report of the Human Rights Council"
    assert doc.metadata.symbol == "A/C.3/80/L.24" and doc.metadata.agenda_items == ("66",)
    # The sponsors' asterisk note is no footnote: the draft has one note, on the fourth PP.
    assert [n.number for n in doc.footnotes] == [1]


def test_long_sponsor_lists_keep_names_with_and(text_forms):
    doc = read_document(str(text_forms["A_80_L.9"]))
    assert "Bosnia and Herzegovina" in doc.draft.sponsors
    assert "Netherlands (Kingdom of the)" in doc.draft.sponsors
    assert doc.draft.sponsors[0] == "Andorra"
    l40 = read_document(str(text_forms["A_C.1_80_L.40"])).draft
    assert l40.sponsors[-1] == "Venezuela (Bolivarian Republic of)"
    l4 = read_document(str(text_forms["A_C.4_80_L.4"])).draft
    assert l4.committee == "Special Political and Decolonization Committee (Fourth Committee)"
    assert l4.sponsors == ("the Chair",)
    l12 = read_document(str(text_forms["A_C.6_80_L.12"])).draft
    assert l12.sponsors == () and l12.document_type == "draft resolution"


@pytest.mark.parametrize("form", ["txt", "pdf"])
def test_amendment_is_read_as_instructions(form, text_forms):
    path = text_forms["A_C.3_80_L.65"] if form == "txt" else CORPUS / "A_C.3_80_L.65.pdf"
    doc = read_document(str(path))
    assert doc.kind is DocumentKind.AMENDMENT
    assert doc.draft.amends == "A/C.3/80/L.24"
    assert len(doc.draft.sponsors) == 20 and doc.draft.sponsors[-2:] == (
        "United Kingdom of Great Britain and Northern Ireland",
        "Uruguay",
    )
    assert [i.text for i in doc.instructions] == ["Delete the third preambular paragraph and operative paragraph 2."]


def test_annexed_declaration_keeps_its_paragraphs(text_forms):
    """80/9 adopts a political declaration annexed to it: one unnumbered operative
    sentence, then the declaration's 31 numbered paragraphs."""
    doc = read_document(str(text_forms["A_RES_80_9"]))
    assert len(doc.operative) == 1 and doc.operative[0].text.startswith("Adopts the 2025 Political Declaration")
    annex = doc.annexes[0]
    assert annex.title.startswith("2025 Political Declaration on the Implementation")
    assert [p.id for p in annex.paragraphs] == [f"ANNEX1.OP{i}" for i in range(1, 32)]
    assert doc.find("ANNEX1.OP8").text.startswith("We reiterate our strong condemnation of trafficking in persons")
    assert [m.number for m in doc.find("ANNEX1.OP4").markers] == [5, 6]


def test_every_document_reads_with_its_symbol_in_every_form(text_forms):
    wrong = []
    for suffix in ("pdf", "md"):
        for stem in _names(suffix):
            doc = read_document(str(CORPUS / f"{stem}.{suffix}"))
            if doc.metadata.symbol != _symbol(stem):
                wrong.append((stem, suffix, doc.metadata.symbol))
    assert wrong == []


def test_declaration_headings_stand_above_their_paragraphs(text_forms):
    """80/3's annexed Awaza Political Declaration: 25 paragraphs under part headings
    I–III and two unnumbered subheadings, printed without blank lines between them."""
    doc = read_document(str(text_forms["A_RES_80_3"]))
    paragraphs = doc.annexes[0].paragraphs
    assert [p.id for p in paragraphs] == [f"ANNEX1.OP{i}" for i in range(1, 26)]
    headings = {p.id: p.heading for p in paragraphs if p.heading}
    assert headings == {
        "ANNEX1.OP3": "I. Global context and shared commitments",
        "ANNEX1.OP13": "II. Implementation of the Awaza Programme of Action for Landlocked Developing Countries "
        "for the Decade 2024–2034",
        "ANNEX1.OP17": "Partnerships and support mechanisms",
        "ANNEX1.OP20": "Governance, accountability and monitoring",
        "ANNEX1.OP23": "III. Conclusion and call to action",
    }
    assert doc.find("ANNEX1.OP12").text.endswith("to be hosted by Tajikistan.")
