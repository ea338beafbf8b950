"""What kind each change is: technical, editorial or substantive, and the notable edits."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from toolkit.change_kinds import classify, notable_edits, opening
from toolkit.comparison import compare
from toolkit.readers import parse_text
from toolkit.vocabulary import ordinal_words

TECHNICAL = [
    # a list of resolutions extended by its successor
    (
        "Recalling its resolutions 77/7 of 3 November 2022 and 78/7 of 2 November 2023,",
        "Recalling its resolutions 77/7 of 3 November 2022, 78/7 of 2 November 2023 and 79/7 of 30 October 2024,",
    ),
    ("Recalling its resolution 78/7 of 2 November 2023,", "Recalling its resolutions 78/7 of 2 November 2023 and 79/7 of 30 October 2024,"),
    ("Decides to include in the provisional agenda of its eightieth session the item", "Decides to include in the provisional agenda of its eighty-first session the item"),
    ("Takes note of the report of the Secretary-General (A/79/123);", "Takes note of the report of the Secretary-General (A/80/456);"),
    ("Decides to examine the report requested in paragraph 71 above;", "Decides to examine the report requested in paragraph 72 above;"),
    ("to be held from 1 to 6 December 2025 in The Hague,", "to be held from 7 to 17 December 2026 in The Hague,"),
    ("Recalling Security Council resolution 2178 (2014),", "Recalling Security Council resolution 2396 (2017),"),
]
EDITORIAL = [
    ("Calls upon States parties to the Convention;", "Calls upon States Parties to the Convention;"),
    ("Stresses international co-operation;", "Stresses international cooperation;"),
    ("Welcomes the work of the programme;", "Welcomes the work of the Programme;"),
    ('Recalling the "Pact for the Future",', "Recalling the \u201cPact for the Future\u201d,"),
    ("Encourages the organisation of meetings;", "Encourages the organization of meetings;"),
]
SUBSTANTIVE = [
    ("Decides to allocate 5 million dollars;", "Decides to allocate 6 million dollars;"),
    ("Encourages Member States to cooperate;", "Encourages Member States to cooperate closely;"),
    ("Requests the Secretary-General to report;", "Requests the Secretary-General not to report;"),
]


@pytest.mark.parametrize(("before", "after"), TECHNICAL)
def test_technical(before, after):
    assert classify("modify", before, after).kind == "technical"


@pytest.mark.parametrize(("before", "after"), EDITORIAL)
def test_editorial(before, after):
    assert classify("modify", before, after).kind == "editorial"


@pytest.mark.parametrize(("before", "after"), SUBSTANTIVE)
def test_substantive(before, after):
    assert classify("modify", before, after).kind == "substantive"


def test_structure_and_numbers():
    assert classify("equal", "Decides to remain seized;", "Decides to remain seized;").kind is None
    assert classify("equal", "Decides to remain seized;", "Decides to remain seized;", renumbered=True).kind == "technical"
    assert classify("insert", "", "Decides to remain seized;").kind == "substantive"
    assert classify("delete", "Decides to remain seized;", "").kind == "substantive"
    assert classify("move", "Decides to remain seized;", "Decides to remain seized;").kind == "substantive"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("Encourages Member States to cooperate;", "Urges Member States to cooperate;", ("verb-stronger", "encourages", "urges")),
        ("3. Urges all States to act;", "3. Also encourages all States to act;", ("verb-weaker", "urges", "encourages")),
        ("Urges all States to act;", "Strongly urges all States to act;", ("verb-stronger", "urges", "strongly urges")),
        ("Welcomes the report;", "Takes note of the report;", ("verb-weaker", "welcomes", "takes note of")),
        ("Noting the importance of dialogue,", "Reaffirming the importance of dialogue,", ("verb-stronger", "noting", "reaffirming")),
        ("Invites States to report;", "Decides that States report;", ("verb-changed", "invites", "decides")),
        ("Encourages States to report;", "Encourages States, as appropriate, to report;", ("qualifier-added", None, "as appropriate")),
        ("Invites States, inter alia, to report;", "Invites States to report;", ("qualifier-removed", "inter alia", None)),
        ("States should report;", "States shall report;", ("modal-changed", "should", "shall")),
    ],
)
def test_notable_edits(before, after, expected):
    edits = classify("modify", before, after).edits
    assert (edits[0].type, edits[0].old, edits[0].new) == expected, edits


def test_a_longer_qualifier_is_not_counted_twice():
    edits = notable_edits("Invites States to report;", "Invites States to report, where appropriate;")
    assert [(e.type, e.new) for e in edits] == [("qualifier-added", "where appropriate")]


def test_openings_pass_over_labels_and_adverbs():
    assert opening("12. Further calls upon all States")[0] == "calls upon"
    assert opening("Also welcoming the report")[0] == "welcoming"
    assert opening("Decides to remain seized")[0] == "decides"
    assert opening("Expresses its deep concern at")[0] == "expresses its deep concern"
    assert opening("Bearing in mind the Charter")[0] == "bearing in mind"
    assert opening("Calling upon States") is not None and opening("Notwithstanding the above") is None


SESSIONS = st.integers(31, 98)
WORDS = st.lists(st.sampled_from("the States cooperation report Member international efforts support of to and".split()), min_size=2, max_size=10)


@given(SESSIONS, WORDS)
def test_a_yearly_update_is_technical(session, words):
    """Session, symbol, year and list extended: whatever the words around them."""
    text = " ".join(words)
    year = 1945 + session
    before = (
        f"Recalling its resolution {session - 1}/7 of 2 November {year - 1}, {text}, and its {ordinal_words(session)} session"
        f" (A/{session}/80),"
    )
    after = (
        f"Recalling its resolutions {session - 1}/7 of 2 November {year - 1} and {session}/4 of 30 October {year}, {text},"
        f" and its {ordinal_words(session + 1)} session (A/{session + 1}/83),"
    )
    assert classify("modify", before, after).kind == "technical"


@given(WORDS, st.data())
def test_case_and_hyphens_are_editorial(words, data):
    before = "Calls upon " + " ".join(words) + ";"
    k = data.draw(st.integers(0, len(words) - 1))
    changed = list(words)
    changed[k] = changed[k].upper() if changed[k].islower() else changed[k].lower()
    after = "Calls upon " + " ".join(changed) + ";"
    assume(after != before)
    assert classify("modify", before, after).kind == "editorial"


@given(WORDS, st.sampled_from(["not", "all", "immediately", "fully", "eleven"]), st.data())
def test_a_word_added_is_substantive(words, word, data):
    before = "Calls upon " + " ".join(words) + ";"
    k = data.draw(st.integers(0, len(words)))
    after = "Calls upon " + " ".join(words[:k] + [word] + words[k:]) + ";"
    assert classify("modify", before, after).kind == "substantive"


def test_pairs_carry_their_kind_and_a_replaced_note_is_modified():
    old = parse_text(
        "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\nRecalling its resolution 78/7 of 2 November 2023,\n\n"
        "1. Takes note of the report of the Secretary-General;[^1]\n\n2. Encourages States to act.\n\n[^1]: A/79/80.\n",
        "old.md",
    )
    new = parse_text(
        "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\nRecalling its resolutions 78/7 of 2 November 2023 and"
        " 79/7 of 30 October 2024,\n\n1. Takes note of the report of the Secretary-General;[^1]\n\n2. Urges States to act.\n\n"
        "[^1]: A/80/83.\n",
        "new.md",
    )
    pairs = {p.new: p for p in compare(old, new).pairs}
    assert pairs[("PP1",)].kind == "technical"
    assert pairs[("OP1",)].kind is None
    assert pairs[("OP2",)].kind == "substantive" and pairs[("OP2",)].edits[0].type == "verb-stronger"
    note = pairs[("FN1",)]
    assert (note.op, note.old, note.kind) == ("modify", ("FN1",), "technical")


def test_the_command_line_labels_filters_and_sums_up(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    head = "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\n"
    old = head + "Recalling its resolution 78/7 of 2 November 2023,\n\n1. Encourages States to act;\n\n2. Decides to remain seized.\n"
    yearly = head + "Recalling its resolutions 78/7 of 2 November 2023 and 79/7 of 30 October 2024,\n\n1. Encourages States to act;\n\n2. Decides to remain seized.\n"
    real = yearly.replace("Encourages", "Urges")
    paths = {}
    for name, text in (("old", old), ("yearly", yearly), ("real", real)):
        paths[name] = tmp_path / f"{name}.md"
        paths[name].write_text(text)
    run = lambda *a: CliRunner().invoke(main, ["diff", *map(str, a)])  # noqa: E731
    update = run(paths["old"], paths["yearly"])
    assert update.exit_code == 1 and "(technical update only)" in update.stdout.splitlines()[0]
    assert "PP1 -> PP1  modify  [technical]" in update.stdout
    changed = run(paths["old"], paths["real"])
    assert "(1 technical, 1 substantive)" in changed.stdout.splitlines()[0]
    assert "OP1 -> OP1  modify  [substantive]  verb stronger: encourages -> urges" in changed.stdout
    only = run(paths["old"], paths["real"], "--substantive")
    assert "PP1 -> PP1" not in only.stdout and "OP1 -> OP1" in only.stdout
    assert "1 not shown (--substantive)" in only.stdout
    assert run(paths["old"], paths["real"], "--substantive", "--format", "json").exit_code == 2


def test_the_word_redline_says_the_kind_in_a_comment():
    import re
    import zipfile
    from io import BytesIO

    from toolkit.render.diff_docx import render

    head = "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\nRecalling its resolution 78/7 of 2 November 2023,\n\n"
    old = parse_text(head + "1. Encourages States to act;\n\n2. Decides to remain seized.\n", "old.md")
    new = parse_text(head.replace("78/7 of 2 November 2023", "79/7 of 30 October 2024") + "1. Urges States to act;\n\n2. Decides to remain seized.\n", "new.md")
    package = zipfile.ZipFile(BytesIO(render(compare(old, new))))
    comments = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", package.read("word/comments.xml").decode("utf-8"))
    assert comments == ["technical", "substantive: verb stronger: encourages \u2192 urges"]
    body = package.read("word/document.xml").decode("utf-8")
    for cid in ("0", "1"):  # each anchored: a range over its paragraph and a reference
        assert f'<w:commentRangeStart w:id="{cid}"/>' in body and f'<w:commentRangeEnd w:id="{cid}"/>' in body
        assert f'<w:commentReference w:id="{cid}"/>' in body


@pytest.mark.parametrize(
    ("before", "after", "deleted", "inserted"),
    [
        ("Recalling its resolution 78/7,", "Recalling its resolution 79/7,", "78/7", "79/7"),
        ("See A/79/80.", "See A/80/83.", "A/79/80", "A/80/83"),
        ("amended by A/C.3/80/L.65 today", "amended by A/C.3/80/L.66 today", "A/C.3/80/L.65", "A/C.3/80/L.66"),
        ("Security Council resolution 2178 (2014),", "Security Council resolution 2396 (2017),", "2178 (2014)", "2396 (2017)"),
    ],
)
def test_symbols_change_as_a_whole(before, after, deleted, inserted):
    """ "78/7" -> "79/7" is one replacement, as Word shows it, not "[-78-]{+79+}/7"."""
    from toolkit.redline import redline

    parts = redline(before, after)
    assert [t for op, t in parts if op == "-"] == [deleted]
    assert [t for op, t in parts if op == "+"] == [inserted]
