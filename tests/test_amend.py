"""Amendments: instructions read, applied to a draft with attribution, and written from a diff."""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED, shared_path
from toolkit.amend import Amendment, amend, from_text
from toolkit.cli import main
from toolkit.comparison import compare
from toolkit.instructions import NotUnderstood, Target, read
from toolkit.readers import parse_text, read_document
from toolkit.render.amendments import instructions, render

ROOT = Path(__file__).resolve().parents[1]
REDRAFT = ROOT / "samples" / "redraft-2018-review.md"

DRAFT = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    session: Eightieth session
    draft: A/C.3/80/L.99
    ---

    The General Assembly,

    Recalling its resolution 79/7 of 30 October 2024,

    Noting the report of the Secretary-General,

    Reaffirming the importance of dialogue,

    1. Encourages Member States to cooperate with the Special Rapporteur;

    2. Invites States, as appropriate, to report to the Council;

    3. Requests the Secretary-General to submit a report at its eighty-first session;

    4. Decides to remain seized of the matter.
    """
)


def _draft():
    return parse_text(DRAFT, "draft.md")


def _amend(*texts: str, name: str = "A/C.3/80/L.100"):
    return amend(_draft(), [Amendment(name, ("Chile",), tuple((f"AM{i}", t) for i, t in enumerate(texts, 1)))])


def _ops(result) -> list[str]:
    return [p.full_text for p in result.document.operative]


def _pps(result) -> list[str]:
    return [p.full_text for p in result.document.preamble]


# --- reading instructions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("instruction", "expected"),
    [
        ("Delete the third preambular paragraph and operative paragraph 2.", [("delete", Target("pp", 3)), ("delete", Target("op", 2))]),
        ("Delete operative paragraphs 3, 5 and 7.", [("delete", Target("op", 3)), ("delete", Target("op", 5)), ("delete", Target("op", 7))]),
        ("Delete the third and fourth preambular paragraphs.", [("delete", Target("pp", 3)), ("delete", Target("pp", 4))]),
        ("In operative paragraph 3, replace \u201cencourages\u201d with \u201curges\u201d.", [("replace-words", Target("op", 3))]),
        ("In operative paragraph 4 (b), after \u201cStates\u201d, insert \u201cand organizations\u201d.", [("insert-words", Target("op", 4, "(b)"))]),
        ("In the eighth preambular paragraph, delete the words \u201cand gender\u201d.", [("delete-words", Target("pp", 8))]),
        ("At the end of operative paragraph 6, add \u201c, as appropriate\u201d.", [("add", Target("op", 6))]),
        ("Replace operative paragraph 9 with the following: \u201cDecides to remain seized of the matter.\u201d", [("replace", Target("op", 9))]),
        ("After the fifth preambular paragraph, insert a new paragraph reading: \u201cRecalling also its resolution 79/7,\u201d", [("insert", Target("pp", 5))]),
        ("Insert a new operative paragraph after operative paragraph 4, to read: \u201cRequests a report;\u201d", [("insert", Target("op", 4))]),
        ("In operative paragraphs 3 and 5, replace \u201cX\u201d with \u201cY\u201d.", [("replace-words", Target("op", 3)), ("replace-words", Target("op", 5))]),
    ],
)
def test_instruction_forms(instruction, expected):
    assert [(op.action, op.target) for op in read(instruction)] == expected


def test_a_quoted_paragraph_may_quote():
    (op,) = read("Replace the sixth preambular paragraph with the following: \u201cNoting the \u201cso-called\u201d reports,\u201d")
    assert op.text == "Noting the \u201cso-called\u201d reports,"


@pytest.mark.parametrize("instruction", ["Make it stronger.", "Delete the words \u201call\u201d.", "In operative paragraph 2, strengthen \u201curges\u201d."])
def test_what_cannot_be_read_is_said(instruction):
    with pytest.raises(NotUnderstood):
        read(instruction)


# --- applying ------------------------------------------------------------------------


def test_deletions_are_named_in_the_drafts_numbers_and_renumbered():
    result = _amend("Delete the second preambular paragraph and operative paragraph 1.", "In operative paragraph 3, replace \u201ceighty-first\u201d with \u201ceighty-second\u201d.")
    assert result.problems == ()
    assert _pps(result)[1] == "Reaffirming the importance of dialogue,"
    # OP3 of the draft is OP2 now, and the second amendment still named it "operative paragraph 3".
    assert [p.number for p in result.document.operative] == ["1", "2", "3"]
    assert _ops(result)[1] == "Requests the Secretary-General to submit a report at its eighty-second session;"


def test_words_inserted_added_and_replaced():
    result = _amend(
        "In operative paragraph 1, replace \u201cEncourages\u201d with \u201cUrges\u201d and after \u201cMember States\u201d, insert \u201cand observers\u201d.",
        "At the end of operative paragraph 2, add \u201c, in writing\u201d.",
        "In operative paragraph 2, delete \u201c, as appropriate,\u201d.",
    )
    assert result.problems == ()
    assert _ops(result)[0] == "Urges Member States and observers to cooperate with the Special Rapporteur;"
    assert _ops(result)[1] == "Invites States to report to the Council, in writing;"


def test_new_paragraphs_in_order():
    result = _amend(
        "After the first preambular paragraph, insert a new paragraph reading: \u201cRecalling also its resolution 78/7,\u201d",
        "After operative paragraph 4, insert a new paragraph reading: \u201cDecides to include the item in its agenda;\u201d",
        "Before operative paragraph 1, insert a new paragraph reading: \u201cWelcomes the report;\u201d",
    )
    assert result.problems == ()
    assert _pps(result)[1] == "Recalling also its resolution 78/7,"
    assert _ops(result)[0] == "Welcomes the report;" and _ops(result)[-1] == "Decides to include the item in its agenda;"
    assert [p.id for p in result.document.operative] == ["OP1", "OP2", "OP3", "OP4", "OP5", "OP6"]


@pytest.mark.parametrize(
    ("instruction", "reason"),
    [
        ("In operative paragraph 1, replace \u201curges\u201d with \u201cdemands\u201d.", "is not in operative paragraph 1"),
        ("In operative paragraph 2, delete \u201cto\u201d.", "stands 2 times"),
        ("Delete operative paragraph 9.", "the draft has no operative paragraph 9"),
        ("Delete the fifth preambular paragraph.", "has no the fifth preambular paragraph"),
        ("In operative paragraph 2 (c), delete \u201cStates\u201d.", "has no subparagraph (c)"),
    ],
)
def test_an_instruction_that_does_not_apply_is_reported_not_guessed(instruction, reason):
    result = _amend(instruction)
    assert len(result.problems) == 1 and reason in result.problems[0].reason
    assert _ops(result) == [p.full_text for p in _draft().operative]  # nothing changed


def test_two_amendments_on_the_same_words_conflict():
    ours = Amendment("A/C.3/80/L.100", (), (("AM1", "In operative paragraph 1, replace \u201cEncourages\u201d with \u201cUrges\u201d."),))
    theirs = Amendment("A/C.3/80/L.101", (), (("AM1", "In operative paragraph 1, replace \u201cUrges\u201d with \u201cCalls upon\u201d."),))
    result = amend(_draft(), [ours, theirs])
    assert [p.amendment for p in result.problems] == ["A/C.3/80/L.101"]
    assert "conflicts with A/C.3/80/L.100" in result.problems[0].reason
    deleting = Amendment("A/C.3/80/L.102", (), (("AM1", "Delete operative paragraph 1."),))
    assert "conflicts" in amend(_draft(), [ours, deleting]).problems[0].reason


def test_a_footnote_marker_stays_with_its_words():
    draft = parse_text(DRAFT.replace("Special Rapporteur;", "Special Rapporteur;[^1]") + "\n[^1]: A/80/123.\n", "draft.md")
    result = amend(draft, [Amendment("x", (), (("AM1", "In operative paragraph 1, replace \u201cEncourages\u201d with \u201cStrongly encourages\u201d."),))])
    op1 = result.document.operative[0]
    assert [(m.number, op1.text[: m.offset][-11:]) for m in op1.markers] == [(1, "Rapporteur;")]


def test_the_real_amendment_of_the_third_committee():
    draft = read_document(str(shared_path("corpus", "unga-78-80", "A_C.3_80_L.24.pdf")))
    amendment = read_document(str(shared_path("corpus", "unga-78-80", "A_C.3_80_L.65.pdf")))
    from toolkit.amend import from_document

    chosen = from_document(amendment)
    assert chosen.name == "A/C.3/80/L.65" and "Chile" in chosen.sponsors
    result = amend(draft, [chosen])
    assert result.problems == ()
    assert [(a.action, a.target) for a in result.applied] == [("delete", "PP3"), ("delete", "OP2")]
    assert len(result.document.preamble) == len(draft.preamble) - 1
    assert [p.text for p in result.document.operative] == [p.text for p in draft.operative if p.id != "OP2"]
    assert draft.preamble[2].text not in [p.text for p in result.document.preamble]
    kept = compare(draft, result.document)
    assert {p.op for p in kept.pairs} == {"equal", "delete"}


def test_the_command_line(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    ours = tmp_path / "ours.txt"
    ours.write_text("Amendments to A/C.3/80/L.99\n\n1. Delete operative paragraph 2.\n\n2. In operative paragraph 1, replace\n\u201cEncourages\u201d with \u201cUrges\u201d.\n")
    runner = CliRunner()
    result = runner.invoke(main, ["amend", str(draft), str(ours)])
    assert result.exit_code == 0, result.output
    assert "2 changes applied, 0 problems" in result.stdout and "[-Encourages-]{+Urges+}" in result.stdout
    out = tmp_path / "amended.md"
    assert runner.invoke(main, ["amend", str(draft), str(ours), "--format", "draft", "-o", str(out)]).exit_code == 0
    assert [p.text for p in read_document(str(out)).operative][0].startswith("Urges Member States")
    bad = tmp_path / "bad.txt"
    bad.write_text("1. In operative paragraph 1, replace \u201cdemands\u201d with \u201curges\u201d.\n")
    failed = runner.invoke(main, ["amend", str(draft), str(bad)])
    assert failed.exit_code == 1 and "not applied" in failed.stderr and "is not in operative paragraph 1" in failed.stderr
    docx = tmp_path / "amended.docx"
    assert runner.invoke(main, ["amend", str(draft), str(ours), "--format", "docx", "-o", str(docx)]).exit_code == 0
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert 'w:author="' + str(ours) + '"' in xml  # each change by the amendment that made it
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("Some notes.\n")
    assert runner.invoke(main, ["amend", str(draft), str(nothing)]).exit_code == 2


# --- writing amendments --------------------------------------------------------------


def _round_trip(old, new) -> None:
    written = instructions(compare(old, new))
    assert written.unwritten == ()
    back = from_text("written", render(compare(old, new)))
    result = amend(old, [back] if back else [])
    assert result.problems == ()
    assert [(p.kind, p.full_text) for p in result.document.paragraphs] == [(p.kind, p.full_text) for p in new.paragraphs]
    assert [n.text for n in result.document.footnotes] == [n.text for n in new.footnotes]


def test_written_amendments_reproduce_the_sample_redraft():
    _round_trip(read_document(str(SEED)), read_document(str(REDRAFT)))


def test_written_amendments_in_the_assemblys_style():
    new = DRAFT.replace("Encourages", "Urges").replace("Noting the report of the Secretary-General,\n\n", "").replace(
        "4. Decides", "4. Requests a report;\n\n5. Decides"
    )
    text = render(compare(_draft(), parse_text(new, "new.md")))
    assert "Delete the second preambular paragraph." in text
    assert "In operative paragraph 1, replace \u201cEncourages\u201d with \u201cUrges\u201d." in text
    assert "After operative paragraph 3, insert a new paragraph reading: \u201cRequests a report;\u201d" in text


def _pool() -> list[str]:
    doc = read_document(str(SEED))
    return [p.text for p in doc.operative if not p.subparagraphs and not p.markers][:30]


POOL = _pool()
EDIT = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10**6)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(POOL)),
    st.tuples(st.just("replace-word"), st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(["urges", "fully", "all", "Member States", "2025", ","])),
    st.tuples(st.just("delete-word"), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.just("insert-word"), st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(["also", "inter alia,", "as appropriate", "all"])),
)


def _doc(paragraphs: list[str]):
    body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, 1))
    return parse_text(f"---\norgan: General Assembly\n---\n\nThe General Assembly,\n\nRecalling its resolution 70/291,\n\n{body}\n", "d.md")


@settings(deadline=None)
@given(st.lists(EDIT, min_size=1, max_size=6))
def test_written_amendments_reproduce_any_edit_script(script):
    """Generated edit scripts on real operative paragraphs: amend(OLD, diff(OLD, NEW)) is NEW."""
    old_texts = POOL[:12]
    texts = list(old_texts)
    for edit in script:
        if edit[0] == "delete" and len(texts) > 1:
            texts.pop(edit[1] % len(texts))
        elif edit[0] == "insert":
            texts.insert(edit[1] % (len(texts) + 1), edit[2])
        elif texts:
            k = edit[1] % len(texts)
            words = texts[k].split(" ")
            w = edit[2] % len(words)
            if edit[0] == "replace-word" and w > 0:
                words[w] = edit[3]
            elif edit[0] == "delete-word" and len(words) > 3 and 0 < w < len(words) - 1:
                words.pop(w)
            elif edit[0] == "insert-word" and w > 0:
                words.insert(w, edit[3])
            texts[k] = " ".join(words)
    _round_trip(_doc(old_texts), _doc(texts))


def test_json_follows_its_schema(tmp_path):
    from conftest import schema_errors, schema_validator

    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    ours = tmp_path / "ours.txt"
    ours.write_text("1. Delete operative paragraph 2.\n2. In operative paragraph 9, delete \u201cthe\u201d.\n")
    result = CliRunner().invoke(main, ["amend", str(draft), str(ours), "--format", "json"])
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert schema_errors(schema_validator("amend.schema.json"), data) == []
    assert schema_errors(schema_validator("document.schema.json"), data["document"]) == []
    assert [a["target"] for a in data["applied"]] == ["OP2"] and "no operative paragraph 9" in data["problems"][0]["reason"]
