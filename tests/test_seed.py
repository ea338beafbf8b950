"""A/RES/70/291 as the UN document system exports it: structure, footnotes, metadata.

The expected values are facts of the published resolution (read from its text),
not output recorded from untk.
"""

from __future__ import annotations

import datetime as dt

from toolkit.model import ParagraphKind


def test_counts(seed_doc):
    assert len(seed_doc.preamble) == 34
    assert len(seed_doc.operative) == 72
    assert len(seed_doc.footnotes) == 9


def test_ids_are_stable_and_in_order(seed_doc):
    assert [p.id for p in seed_doc.preamble] == [f"PP{i}" for i in range(1, 35)]
    assert [p.id for p in seed_doc.operative] == [f"OP{i}" for i in range(1, 73)]
    assert [n.id for n in seed_doc.footnotes] == [f"FN{i}" for i in range(1, 10)]
    assert all(p.kind is ParagraphKind.PREAMBULAR for p in seed_doc.preamble)
    assert [p.number for p in seed_doc.operative] == [str(i) for i in range(1, 73)]


def test_markers_sit_in_the_right_paragraphs(seed_doc):
    where = {m.number: el.id for el in seed_doc.walk() for m in el.markers}
    assert where == {1: "PP6", 2: "PP23", 3: "OP2", 4: "OP4", 5: "OP4", 6: "OP18", 7: "OP19", 8: "OP19", 9: "OP40"}


def test_markers_are_lifted_out_of_the_text_at_the_right_place(seed_doc):
    pp6 = seed_doc.find("PP6")
    assert pp6.text.endswith("Culture of Peace,")
    assert pp6.markers[0].offset == len(pp6.text)
    op4 = seed_doc.find("OP4")
    before = [op4.text[: m.offset] for m in op4.markers]
    assert before[0].endswith('Counter-Terrorism Strategy",')
    assert before[1].endswith("around the world")
    op19 = seed_doc.find("OP19")
    assert "article 12 of the Universal Declaration of Human Rights and article 17" in op19.text


def test_footnote_texts(seed_doc):
    notes = {n.number: n.text for n in seed_doc.footnotes}
    assert notes[1] == "Resolutions 53/243 A and B."
    assert notes[5] == "Ibid., annex II."
    assert notes[7] == "Resolution 217 A (III)."


def test_metadata(seed_doc):
    m = seed_doc.metadata
    assert m.organ == "General Assembly"
    assert m.symbol == "A/RES/70/291"
    assert m.session == "Seventieth session"
    assert m.session_number == 70
    assert m.agenda_items == ("117",)
    assert m.adoption_date == dt.date(2016, 7, 1)
    assert m.draft_symbol == "A/70/L.55"
    assert m.committee_line == "without reference to a Main Committee (A/70/L.55)"
    assert m.resolution_number == "70/291"
    assert m.title == "The United Nations Global Counter-Terrorism Strategy Review"
    assert m.meeting == "110th plenary meeting"
    assert m.distribution_date == dt.date(2016, 7, 19)
    assert seed_doc.organ_line == "The General Assembly,"


def test_story_never_leaks_into_paragraphs(seed_doc):
    texts = [el.text for el in seed_doc.walk()] + [n.text for n in seed_doc.footnotes]
    for furniture in ("<<ODS", "[Start1]", "Please recycle", "Distr.", "15-17045", "110th plenary meeting"):
        assert not any(furniture in t for t in texts), furniture
    assert seed_doc.operative[-1].text.endswith("to respond to changes.")


def test_every_span_points_at_its_source(seed_doc):
    source = (seed_doc.source.path and open(seed_doc.source.path, encoding="utf-8").read())
    lines = source.split("\n")
    for para in seed_doc.paragraphs:
        start = para.span.start
        assert source[start.offset :].startswith(para.number + "." if para.number else para.text[:20])
        assert lines[start.line - 1][start.column - 1 :].startswith(source[start.offset : start.offset + 5])
        # Every character of the clean text maps back to the same character of the source.
        for i in range(0, len(para.text), 7):
            ch = para.text[i]
            if ch != " ":
                assert source[seed_doc.locate(para, i).offset] == ch
    for note in seed_doc.footnotes:
        assert source[note.span.start.offset :].startswith(f"{note.number} {note.text[:10]}")
    for el in seed_doc.walk():
        for marker in el.markers:
            assert source[marker.location.offset : marker.location.offset + len(str(marker.number))] == str(marker.number)
