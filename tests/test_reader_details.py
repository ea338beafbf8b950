"""Shapes of published General Assembly texts that the readers must get right.

Each case is a small text in the shape the 2023–2025 documents have (DOMAIN.md §9);
the corpus tests check the same on the documents themselves.
"""

from __future__ import annotations

from toolkit.model import DocumentKind
from toolkit.readers import parse_text

HEAD = """\
United Nations
A/RES/78/230

General Assembly
Distr.: General
27 December 2023

Seventy-eighth session
Agenda item 16 (h)
Macroeconomic policy questions

Resolution adopted by the General Assembly
on 22 December 2023

[on the report of the Second Committee (A/78/459/Add.8, para. 7)]

78/230. Promotion of international tax cooperation

The General Assembly,

Recalling its resolution 77/244 of 30 December 2022,

"""


def test_a_resumed_meeting_is_the_footer():
    doc = parse_text(HEAD + "1. Decides to include the item in its agenda.\n\n50th (resumed) plenary meeting\n22 December 2023\n")
    assert doc.operative[-1].text == "Decides to include the item in its agenda."
    assert doc.metadata.meeting == "50th (resumed) plenary meeting"
    assert doc.metadata.adoption_date.isoformat() == "2023-12-22"
    assert doc.metadata.draft_symbol == "A/78/459/Add.8"
    assert doc.metadata.agenda_title == "Macroeconomic policy questions"


def test_headings_stand_above_paragraphs_not_in_them():
    body = (
        "1. Welcomes the report;\n\nPeacebuilding financing\n\n2. Calls for financing;\n\n"
        "II\n\nReport of the Joint Inspection Unit\n\n3. Takes note of the report.\n\n50th plenary meeting\n"
    )
    doc = parse_text(HEAD + body)
    assert [p.text for p in doc.operative] == ["Welcomes the report;", "Calls for financing;", "Takes note of the report."]
    assert [p.heading for p in doc.operative] == [None, "Peacebuilding financing", "II. Report of the Joint Inspection Unit"]


def test_a_list_a_colon_introduces_is_no_heading():
    body = '1. Decides on the following items:\n\n"Opening of the session"\n\n2. Decides to end.\n'
    doc = parse_text(HEAD + body)
    assert doc.operative[1].heading is None
    assert "Opening of the session" in doc.operative[0].text


def test_an_operative_number_alone_or_lost_is_read_from_the_sequence():
    body = "1.\nWelcomes the report;\n\n2. Requests a report;\n\nAlso requests a second report;\n\n4. Decides to end.\n"
    doc = parse_text(HEAD + body)
    assert [p.number for p in doc.operative] == ["1", "2", "3", "4"]
    assert doc.operative[0].text == "Welcomes the report;"
    assert any("read as 3" in d.message for d in doc.diagnostics)


def test_emphasis_is_dropped_from_draft_footnotes():
    text = (
        "---\nsymbol: A/RES/80/6\n---\n\n*The General Assembly,*\n\n*Recalling* the report,[^1]\n\n"
        "1. *Decides* to end.\n\n[^1]: See *Official Records of the General Assembly, Eightieth Session*.\n"
    )
    doc = parse_text(text)
    assert doc.footnotes[0].text == "See Official Records of the General Assembly, Eightieth Session."


def test_an_amendment_without_organ_line_is_read():
    text = """\
United Nations
A/C.3/80/L.65

General Assembly
Distr.: Limited
14 November 2025
Original: English

Eightieth session
Third Committee
Agenda item 66
Report of the Human Rights Council

Chile, Trinidad and Tobago and Uruguay: amendments to draft resolution A/C.3/80/L.24

Report of the Human Rights Council

1. Delete the third preambular paragraph.

2. After operative paragraph 1, insert a new paragraph reading:

"Encourages Member States to streamline requests;"
"""
    doc = parse_text(text)
    assert doc.kind is DocumentKind.AMENDMENT
    assert doc.draft.sponsors == ("Chile", "Trinidad and Tobago", "Uruguay")
    assert doc.draft.amends == "A/C.3/80/L.24"
    assert [(i.id, i.number) for i in doc.instructions] == [("AM1", 1), ("AM2", 2)]
    assert doc.instructions[1].text.endswith('"Encourages Member States to streamline requests;"')
    assert not doc.preamble and not doc.operative


QUOTING = """\
---
symbol: A/RES/73/3
---

# 73/3. Political declaration on the fight against tuberculosis

*The General Assembly*

*Adopts* the following political declaration:

    \\Political declaration on the fight against tuberculosis

    \\We, Heads of State and Government, assembled on 26 September 2018,

    \\1. Reaffirm the 2030 Agenda for Sustainable Development;[^1]

    \\2. Further reaffirm the 2016 political declaration;

    \\3. Commit to end the epidemic:

       \\(a) by 2030;

[^1]: Resolution 70/1.
"""


def test_an_instrument_quoted_whole_keeps_its_paragraphs():
    doc = parse_text(QUOTING)
    assert [p.text for p in doc.operative] == ["Adopts the following political declaration:"]
    [quote] = doc.annexes
    assert (quote.id, quote.quoted_in, quote.heading) == ("QUOTE1", "OP1", "")
    assert quote.title == "Political declaration on the fight against tuberculosis"
    assert [p.id for p in quote.paragraphs] == ["QUOTE1.PP1", "QUOTE1.OP1", "QUOTE1.OP2", "QUOTE1.OP3"]
    assert doc.find("QUOTE1.OP3(a)").text == "by 2030;"
    assert [m.number for m in doc.find("QUOTE1.OP1").markers] == [1]


def test_a_quoted_instrument_survives_the_draft_form():
    from toolkit.render import draft

    doc = parse_text(QUOTING)
    again = parse_text(draft.render(doc))
    assert [(p.id, p.text) for p in again.annex_paragraphs] == [(p.id, p.text) for p in doc.annex_paragraphs]
    assert again.operative[0].text == doc.operative[0].text


def test_a_short_quotation_stays_in_its_paragraph():
    cut = ("2. Further reaffirm", "3. Commit to end", "(a) by 2030")
    text = "\n".join(line for line in QUOTING.splitlines() if not any(c in line for c in cut)) + "\n"
    doc = parse_text(text)
    assert not doc.annexes
    assert "Reaffirm the 2030 Agenda" in doc.operative[0].text


def test_operative_numbers_go_past_999_where_the_sequence_reaches_them():
    body = "".join(f"{i}. Requests report number {i};\n\n" for i in range(1, 1003)) + "1003. Decides to end.\n"
    doc = parse_text(HEAD + body)
    assert [p.number for p in doc.operative[-4:]] == ["1000", "1001", "1002", "1003"]
    assert doc.operative[999].text == "Requests report number 1000;"


def test_a_year_opening_a_line_is_no_operative_label():
    body = "1. Requests a report;\n\n2. Decides that the report shall cover the years\n2016. Then it ends;\n\n3. Decides to end.\n"
    doc = parse_text(HEAD + body)
    assert [p.number for p in doc.operative] == ["1", "2", "3"]


def test_a_markdown_file_without_front_matter_is_read_as_a_draft(tmp_path):
    from toolkit.readers import read_document

    path = tmp_path / "draft.md"
    path.write_text(
        "*The General Assembly,*\n\n*Recalling* its resolution 60/288,\n\n1. *Decides* to adopt the annexed text.\n\n"
        "## Annex\n\n1. We commit to act.\n",
        encoding="utf-8",
    )
    doc = read_document(str(path))
    assert doc.source.format == "draft"
    assert doc.preamble[0].text == "Recalling its resolution 60/288,"
    assert [p.id for p in doc.operative] == ["OP1"] and doc.find("ANNEX1.OP1").text == "We commit to act."


def _subparagraph_labels(labels: list[str]) -> list[str]:
    """The labels read under OP1 when it lists subparagraphs with the given labels."""
    items = "\n\n".join(f"{label} Text of the item;" for label in labels)
    doc = parse_text(HEAD + f"1. Decides the following:\n\n{items}\n\n2. Requests a report.\n")
    assert [p.number for p in doc.operative] == ["1", "2"]
    return [s.label for s in doc.operative[0].subparagraphs]


def test_a_roman_numeral_among_letters_is_a_sibling_and_the_letters_go_on():
    # "(xlix)" has no successor at a letter level; it used to stop the reader with a TypeError.
    assert _subparagraph_labels(["(a)", "(b)", "(xlix)", "(c)"]) == ["(a)", "(b)", "(xlix)", "(c)"]
    assert _subparagraph_labels(["(a)", "(xlix)", "(l)"]) == ["(a)", "(xlix)", "(l)"]


def test_long_lists_run_to_doubled_and_tripled_letters_and_long_numerals():
    from toolkit.vocabulary import to_roman

    letters = [chr(ord("a") + i) for i in range(26)]
    lettered = [f"({c})" for c in letters] + [f"({c * 2})" for c in letters] + ["(aaa)", "(bbb)"]
    assert _subparagraph_labels(lettered) == lettered
    numerals = [f"({to_roman(n)})" for n in range(1, 120)]  # "(lxxxviii)" among them
    assert _subparagraph_labels(numerals) == numerals


def test_odd_labels_read_without_error():
    for labels in (["(0)", "(1)"], ["(99)"], ["(a)", "(zz)"], ["(h)", "(iv)"], ["(zz)", "(aaa)"], ["(a)", "(0)", "(b)"]):
        assert _subparagraph_labels(labels) == labels


def test_a_scanned_z_is_the_two_that_is_due():
    """S/RES/686 (1991) as scanned: "Z. Demands that Iraq" is operative paragraph 2, read with a note."""
    from toolkit.readers import parse_text

    text = "The Security Council,\n\n1. Affirms the resolutions;\n\nZ. Demands that Iraq comply;\n\n3. Decides to remain seized.\n"
    doc = parse_text(text)
    assert [p.number for p in doc.operative] == ["1", "2", "3"]
    assert any("read label 'Z' as '2'" in d.message for d in doc.diagnostics)
    # Not where another number is due: "Z." after paragraph 2 stays text of that paragraph.
    later = parse_text(text.replace("1. Affirms", "1. Affirms;\n\n2. Notes"))
    assert [p.number for p in later.operative] == ["1", "2", "3"]
