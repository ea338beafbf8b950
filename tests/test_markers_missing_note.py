"""A marker whose note is missing is a marker (issue 10, item 4; DOMAIN.md §4, §7).

The drafter deletes a note and keeps its marker: in ODS and PDF text the digits
glued to the word are still lifted out of the paragraph when their number fits the
sequence of the markers around them, and ``footnote-marker-without-note`` reports
them. Numbers of DOMAIN.md §7 stay in the text even where the sequence expects them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from conftest import ROOT, SEED
from toolkit.checks.context import Context
from toolkit.checks.engine import check
from toolkit.checks.packs import parse_pack
from toolkit.markers import find_candidates, select
from toolkit.readers import parse_text

RULES = parse_pack((ROOT / "rules" / "footnotes.yaml").read_text(encoding="utf-8"), "rules/footnotes.yaml")
WITHOUT_NOTE = "footnote-marker-without-note"


def ods_text(body: list[str], notes: dict[int, str]) -> str:
    """A minimal ODS export: body lines (tab-indented), footer, notes."""
    head = "[Start1]\n\n\nResolution adopted by the General Assembly on 1 July 2016\n70/291.\tThe Strategy Review\n\n\n\tThe General Assembly,\n"
    tail = "\n110th plenary meeting\n1 July 2016\n\n" + "".join(f"{n} {t}\n" for n, t in sorted(notes.items()))
    return head + "".join(f"\t{line}\n" for line in body) + tail


def without_note(text: str) -> set[tuple[str | None, int]]:
    """(paragraph, number) of each ``footnote-marker-without-note`` finding."""
    doc = parse_text(text)
    findings = check(doc, RULES, Context()).findings
    return {(f.paragraph, int(re.search(r"\d+", f.message)[0])) for f in findings if f.rule == WITHOUT_NOTE}


def markers_of(doc) -> dict[str, list[int]]:
    return {e.id: [m.number for m in e.markers] for e in doc.walk() if e.markers}


# ---------------------------------------------------------------- the seed


def test_the_seed_without_note_9_still_lifts_its_marker():
    seed = SEED.read_text(encoding="utf-8")
    cut, n = re.subn(r"(?m)^9 See A/70/674\.\n", "", seed)
    assert n == 1
    whole, broken = parse_text(seed), parse_text(cut)
    op40 = next(p for p in broken.operative if p.number == "40")
    assert "Plan of Action to Prevent Violent Extremism, recommends" in op40.text
    assert [m.number for m in op40.markers] == [9]
    # Nothing else moves: every paragraph keeps its text and markers.
    assert [(e.id, e.text, e.markers) for e in broken.walk()] == [(e.id, e.text, e.markers) for e in whole.walk()]
    assert without_note(cut) == {("OP40", 9)}


# ---------------------------------------------------------------- the defect shapes

NOTES = {1: "Resolution 60/288.", 2: "A/70/674.", 3: "A/70/826.", 4: "Resolution 217 A (III).", 5: "A/HRC/25/59.", 6: "See A/70/674."}


def notes_without(*missing: int, upto: int = 6) -> dict[int, str]:
    return {n: t for n, t in NOTES.items() if n <= upto and n not in missing}


DEFECTS = [
    # "Extremism,9": the next expected number, above the last note
    (
        ["Recalling its resolution 60/288,1", "1.\tReaffirms the Strategy2 and its four pillars;", "2.\tTakes note of his Plan of Action to Prevent Violent Extremism,3 recommends that States act;"],
        notes_without(upto=2),
        {"OP2": [3]},
    ),
    # "resolution 79/7;1": after a semicolon, closing a symbol, before marker 2
    (
        ["1.\tTakes note of the report on the implementation of resolution 79/7;1", "2.\tReaffirms the Strategy2 and its four pillars;"],
        notes_without(1, upto=2),
        {"OP1": [1]},
    ),
    # a marker that skips a number: 4 after 2, notes 3 and 4 both gone
    (
        ["Recalling its resolution 60/288,1", "1.\tReaffirms the Strategy2 and its four pillars;", "2.\tRecalls the Universal Declaration of Human Rights4 and article 17;"],
        notes_without(upto=2),
        {"OP2": [4]},
    ),
    # a marker that fills the gap between its neighbours: 4 between 1 and 6
    (
        ["Recalling its resolution 60/288,1", "1.\tRecalls the International Covenant on Civil and Political Rights,4 including article 17;", "2.\tTakes note of the report of the Secretary-General.6"],
        {1: NOTES[1], 6: NOTES[6]},
        {"OP1": [4]},
    ),
    # two markers above the last note, in a row; a marker in the middle whose note is gone
    (
        ["Recalling the Declaration on a Culture of Peace,1", "1.\tReaffirms the Strategy2 and its four pillars;", "2.\tWelcomes the work of entities around the world3 and the report,4 and the Convention on the Rights of the Child,5"],
        notes_without(3, upto=4),
        {"OP2": [3, 5]},
    ),
]


@pytest.mark.parametrize("body, notes, orphans", DEFECTS)
def test_a_marker_without_note_is_lifted_and_reported(body, notes, orphans):
    text = ods_text(body, notes)
    doc = parse_text(text)
    assert doc.source.format == "ods"
    found = markers_of(doc)
    for eid, numbers in orphans.items():
        assert set(numbers) <= set(found[eid])
        element = next(e for e in doc.walk() if e.id == eid)
        for number in numbers:
            # the digits are gone from the text: no stray number for diff, search, provenance
            assert not re.search(rf"[A-Za-z,;.]{number}(?!\d)", element.text)
    assert without_note(text) == {(eid, n) for eid, numbers in orphans.items() for n in numbers}


# ---------------------------------------------------------------- the traps of §7

TRAPS = [
    "as set out in article 12 of the Universal Declaration",
    "in accordance with Article 51 of the Charter",
    "under rule 78 of the rules of procedure",
    "under agenda item 118,",
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
    "held on 1 July 2016 and 8 September 2006",
    "recalls paragraph 12 above and paragraphs 3 to 5",
    "an area of 40 km2 of land",
    "as shown in figure I.2 and table A.3",
    "the territorial integrity o1 all States",
    "resolutions 70/1, 70/3 and 71/2;",
]


def _numbers(trap: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r"\d+", trap) if 1 <= int(n) <= 999})


@pytest.mark.parametrize("trap", TRAPS)
def test_a_trap_stays_text_even_where_the_sequence_expects_its_number(trap):
    for k in _numbers(trap):
        # k comes next after the marker before it, and fills the gap up to the marker after it.
        before = f"the Culture of Peace,{k - 1} " if k > 1 else ""
        text = f"{before}{trap} and the Strategy{k + 1} and"
        notes = [n for n in range(1, k + 2) if n != k]
        chosen = select(find_candidates(0, text), notes)
        assert [c.number for c in chosen] == ([k - 1] if k > 1 else []) + [k + 1], (trap, k)
        chosen = select(find_candidates(0, text, spaced=True), notes)
        assert k not in [c.number for c in chosen], (trap, k)


def test_glued_digits_alone_are_no_evidence():
    # "Strategy3" with only note 1 and no marker before it: 3 is neither next nor in a gap.
    assert select(find_candidates(0, "the Strategy3 and"), [1]) == []
    # A text without notes has no marker to lose.
    assert select(find_candidates(0, "the Culture of Peace,1 and"), []) == []
    # Not at or above the marker after it, not at or below the marker before it.
    chosen = select(find_candidates(0, "the Peace,1 and the Rights,4 and the Strategy3 and the report,2"), [1, 3])
    assert [c.number for c in chosen] == [1, 3]
    # Too far above the marker before it, with no marker after it and not right after the last note.
    chosen = select(find_candidates(0, "the Peace,2 and the Strategy5 and the Rights,3 and the report,1"), [1, 2])
    assert [c.number for c in chosen] == [2, 3, 1]


def test_spaced_digits_without_note_stay_text():
    text = "contained in document S/10352 46\nand the Peace,45"
    assert [c.number for c in select(find_candidates(0, text, spaced=True), [45])] == [45]


# ---------------------------------------------------------------- property


def _seed_paragraphs() -> list[str]:
    """Real paragraph text from the seed, one line each, with no marker-shaped digits."""
    doc = parse_text(SEED.read_text(encoding="utf-8"))
    texts = [e.text for e in doc.preamble + doc.operative if not e.subparagraphs]
    return [t for t in texts if "\n" not in t and not find_candidates(0, t) and 40 < len(t) < 600]


PARAGRAPHS = _seed_paragraphs()
_WORD_END = re.compile(r"(?<![A-Za-z])[A-Za-z]*[a-z]{3}[,;]?(?= [a-z])")


@given(st.data())
def test_deleting_any_note_keeps_its_marker_lifted_and_changes_nothing_else(data):
    count = data.draw(st.integers(2, 7), label="paragraphs")
    chosen = data.draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=count, max_size=count), label="texts")
    body = []
    for k, text in enumerate(chosen, start=1):
        ends = [m.end() for m in _WORD_END.finditer(text)]
        assume(ends)
        at = data.draw(st.sampled_from(ends), label=f"marker {k}")
        body.append(text[:at] + str(k) + text[at:])
    # the first paragraph opens the preamble; the others are operative paragraphs
    lines = [body[0]] + [f"{i}.\t{t}" for i, t in enumerate(body[1:], start=1)]
    notes = {k: f"A/70/{600 + k}." for k in range(1, count + 1)}
    missing = data.draw(st.integers(1, count), label="deleted note")
    whole = parse_text(ods_text(lines, notes))
    cut_text = ods_text(lines, {n: t for n, t in notes.items() if n != missing})
    cut = parse_text(cut_text)
    assert [(e.id, [m.number for m in e.markers]) for e in whole.walk()] == [(e.id, [k]) for k, e in enumerate(whole.walk(), start=1)]
    assert [(e.id, e.text, e.markers) for e in cut.walk()] == [(e.id, e.text, e.markers) for e in whole.walk()]
    holder = list(whole.walk())[missing - 1].id
    assert without_note(cut_text) == {(holder, missing)}
