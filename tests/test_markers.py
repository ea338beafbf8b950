"""Footnote markers without superscript: found where they are, never in traps (DOMAIN.md §4, §7)."""

from __future__ import annotations

import pytest

from toolkit.markers import find_candidates, select
from toolkit.readers import parse_text


def markers_in(text: str, notes=range(1, 30), spaced: bool = False) -> list[tuple[int, str]]:
    """(number, text before the marker) for each marker found in one paragraph."""
    chosen = select(find_candidates(0, text, spaced=spaced), list(notes))
    return [(c.number, text[: c.start].rstrip()[-6:]) for c in chosen]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Recalling the Declaration on a Culture of Peace,1", [(1, "Peace,")]),
        ("Reaffirms the Strategy3 and its four pillars", [(3, "rategy")]),
        ('entitled "Activities of the system",4 welcomes', [(4, 'stem",')]),
        ("the International Covenant on Civil and Political Rights,8 including", [(8, "ights,")]),
        ("the Universal Declaration of Human Rights7 and article 17", [(7, "Rights")]),
        ("held on 7 and 8 April 2016,5 and welcomed", [(5, " 2016,")]),
        ("Recalls its resolution¹ and the report²", [(1, "lution"), (2, "report")]),
    ],
)
def test_glued_and_superscript_markers(text, expected):
    assert markers_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "as set out in article 12 of the Universal Declaration",
        "in accordance with Article 51 of the Charter",
        "under rule 78 of the rules of procedure",
        "agenda item 118",
        "annex I to the present resolution",
        "Goal 5 and target 16.2 of the 2030 Agenda",
        "the COVID-19 pandemic",
        "resolution 1373 (2001) of 28 September 2001",
        "resolution 217 A (III) and resolution 2200 A (XXI)",
        "paragraph 5 bis of the draft",
        "contained in document A/70/L.55 and A/HRC/25/59",
        "S/2015/123 and A/65/456/Add.2 (Part II)",
        "a zone of 8.5 km and 1 per cent of the budget",
        "in 2015, 2016 and 2017",
        "some 1,500 troops",
        "A/70/826 and Corr.1 and Add.2",
        "the G20 and the P5",
        "United Nations, Treaty Series, vol. 1577, No. 27531",
    ],
)
def test_traps_stay_silent(text):
    assert markers_in(text) == []
    assert markers_in(text, spaced=True) == []


@pytest.mark.parametrize(
    "text, notes, expected",
    [
        ("Having examined the application of Kenya, 18\nRecommends", [18], [18]),
        ("contained in document S/10352 46\nand also the letter", [46], [46]),
        ("the report of the Secretary-General, 1/ on his mission", [1], [1]),
        ("on 16 February 1946 15 in pursuance of Article 43", [15], [15]),
        ("Soviet Socialist Republics 2 and the Iranian Government 3 pursuant", [2, 3], [2, 3]),
        # a date wrapped across lines, and numbers that are references
        ("the Conference held in Rome on 30\nNovember 1993,", [30], []),
        ("in paragraph 30 of the report", [30], []),
        ("resolutions 425 (1978) and 426 (1978) of 19 March 1978,", [425], []),
        # not the next note in sequence
        ("approved by 7 votes to none", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], []),
    ],
)
def test_spaced_markers_in_pdf_text(text, notes, expected):
    assert [n for n, _ in markers_in(text, notes, spaced=True)] == expected


def test_a_marker_needs_its_footnote():
    # Glued digits are markers only when the document has such a note.
    assert markers_in("the Strategy3 and", notes=[1]) == []


def test_the_date_line_above_the_footnotes_is_no_footnote():
    text = "The General Assembly,\n\nRecalling its resolution 60/288,1\n\n1. Decides to remain seized of the matter.\n\n110th plenary meeting\n1 July 2016\n\n1 Resolution 60/288.\n"
    doc = parse_text(text)
    assert [n.number for n in doc.footnotes] == [1]
    assert doc.footnotes[0].text == "Resolution 60/288."
    assert doc.metadata.adoption_date.isoformat() == "2016-07-01"
    assert doc.preamble[0].markers[0].number == 1


def test_draft_markers_are_explicit_and_digits_are_left_alone():
    text = "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\nRecalling its resolution 60/288,[^1] and Rights7 and\n\n1. Decides;\n\n[^1]: Resolution 60/288.\n[^7]: Unused.\n"
    doc = parse_text(text)
    pp = doc.preamble[0]
    assert [(m.number, pp.text[: m.offset][-7:]) for m in pp.markers] == [(1, "60/288,")]
    assert "Rights7" in pp.text
