"""Rollover: next year's technical update drafted from the official text, each edit explained."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import schema_errors, schema_validator, shared_path
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.readers import parse_text, read_document
from toolkit.rollover import PLACEHOLDER, rollover
from toolkit.vocabulary import ordinal_words

ROOT = Path(__file__).resolve().parents[1]

PREVIOUS = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    symbol: A/RES/79/7
    session: Seventy-ninth session
    adopted: 2024-10-30
    agenda: 38
    ---

    # 79/7. Necessity of cooperation

    The General Assembly,

    Recalling its resolutions 77/7 of 2 November 2022 and 78/7 of 1 November 2023,

    Noting that, since the adoption of its resolutions 76/5, 77/7 and 78/7, the question remains,

    Recalling that it adopted at its seventy-eighth session the declaration on cooperation,

    Having considered the report of the Human Rights Council,[^1]

    1. Takes note of the report of the Secretary-General on the implementation of resolution 78/7;[^2]

    2. Requests the Secretary-General to submit to the General Assembly at its eightieth session a report on the implementation of the present resolution;

    3. Invites States to submit their views by 2025 and to report to the Human Rights Council at its fifty-ninth session;

    4. Decides to include in the provisional agenda of its eightieth session the item entitled "Necessity of cooperation".

    [^1]: Official Records of the General Assembly, Seventy-ninth Session, Supplement No. 53 (A/79/53).
    [^2]: A/79/80; see also A/77/12 and A/78/84.
    """
)


def _previous(text: str = PREVIOUS):
    return parse_text(text, "A_RES_79_7.md")


def _texts(doc) -> dict[str, str]:
    out = {e.id: e.text for e in doc.walk()}
    out.update({n.id: n.text for n in doc.footnotes})
    return out


@pytest.fixture(scope="module")
def rolled():
    return rollover(_previous(), 80, dt.date(2025, 10, 29))


def test_future_sessions_advance_and_past_ones_stay(rolled):
    texts = _texts(rolled.draft)
    assert "at its eighty-first session a report on the implementation of the present resolution" in texts["OP2"]
    assert "provisional agenda of its eighty-first session" in texts["OP4"]
    assert texts["PP3"] == _texts(rolled.previous)["PP3"]  # "adopted at its seventy-eighth session": history


def test_the_previous_text_joins_the_recalled_lists_and_replaces_its_predecessor(rolled):
    texts = _texts(rolled.draft)
    assert rolled.predecessor == "78/7"
    assert "resolutions 77/7 of 2 November 2022, 78/7 of 1 November 2023 and 79/7 of 30 October 2024," in texts["PP1"]
    assert "resolutions 76/5, 77/7, 78/7 and 79/7, the question" in texts["PP2"]  # an undated list stays undated
    assert "the implementation of resolution 79/7;" in texts["OP1"]


def test_a_lone_predecessor_is_replaced_and_noted():
    text = PREVIOUS.replace(
        "Recalling its resolutions 77/7 of 2 November 2022 and 78/7 of 1 November 2023,", "Recalling its resolution 78/7 of 1 November 2023,"
    )
    rolled = rollover(_previous(text), 80)
    assert _texts(rolled.draft)["PP1"] == "Recalling its resolution 79/7 of 30 October 2024,"
    assert ("PP1", "recalled-single") in {(n.element, n.reason) for n in rolled.notes}


def test_documents_of_the_new_session_are_placeholders_and_official_records_advance(rolled):
    texts = _texts(rolled.draft)
    assert texts["FN1"] == "Official Records of the General Assembly, Eightieth Session, Supplement No. 53 (A/80/53)."
    # next year's report is unknown; last year's joins the list of earlier ones
    assert texts["FN2"] == f"A/80/{PLACEHOLDER}; see also A/77/12, A/78/84 and A/79/80."


@pytest.mark.parametrize("asks_again, rolled_note", [(False, "A/79/88."), (True, f"A/80/{PLACEHOLDER}.")])
def test_a_report_the_predecessor_asked_for_stays_unless_asked_for_again(asks_again, rolled_note):
    request = "\n\n3. Requests the Secretary-General to submit a report to the General Assembly at its eightieth session." if asks_again else ""
    text = textwrap.dedent(
        """\
        ---
        organ: General Assembly
        symbol: A/RES/79/62
        session: Seventy-ninth session
        adopted: 2024-12-02
        ---

        The General Assembly,

        Recalling its resolution 78/241 of 22 December 2023,

        1. Notes with appreciation the report of the Secretary-General,[^1] submitted pursuant to resolution 78/241;

        2. Decides to include in the provisional agenda of its eightieth session the item entitled "Weapons".
        """
    ).rstrip("\n") + request + "\n\n[^1]: A/79/88.\n"
    rolled = rollover(parse_text(text, "A_RES_79_62.md"), 80)
    assert _texts(rolled.draft)["FN1"] == rolled_note


def test_deadlines_and_other_bodies_sessions_are_noted_not_changed(rolled):
    assert _texts(rolled.draft)["OP3"] == _texts(rolled.previous)["OP3"]
    reasons = {(n.element, n.reason) for n in rolled.notes}
    assert ("OP3", "deadline") in reasons
    assert ("OP3", "other-body-session") in reasons


def test_metadata_names_the_new_session_with_placeholders(rolled):
    m = rolled.draft.metadata
    assert (m.session, m.session_number, m.adoption_date) == ("Eightieth session", 80, dt.date(2025, 10, 29))
    assert m.symbol == f"A/RES/80/{PLACEHOLDER}" and m.resolution_number == f"80/{PLACEHOLDER}"
    assert m.meeting is None and m.agenda_items == (PLACEHOLDER,)
    assert {e.element for e in rolled.edits if e.start is None} >= {"metadata.session", "metadata.symbol", "metadata.adoption_date"}


def test_a_draft_keeps_its_own_kind_of_symbol():
    text = textwrap.dedent(
        """\
        ---
        organ: General Assembly
        session: Eightieth session
        draft: A/C.3/80/L.24
        ---

        The General Assembly,

        Recalling the Charter,

        1. Decides to consider the question at its eightieth session.
        """
    )
    rolled = rollover(parse_text(text, "A_C.3_80_L.24.md"), 81)
    assert rolled.draft.metadata.draft_symbol == f"A/C.3/81/L.{PLACEHOLDER}"
    assert rolled.draft.metadata.resolution_number is None
    assert "at its eighty-first session" in _texts(rolled.draft)["OP1"]


def test_a_biennial_text_advances_by_two_sessions():
    text = textwrap.dedent(
        """\
        ---
        organ: General Assembly
        symbol: A/RES/79/9
        session: Seventy-ninth session
        adopted: 2024-11-19
        ---

        The General Assembly,

        Recalling its resolutions 75/9 of 1 December 2020 and 77/9 of 2 December 2022,

        Noting its resolution 78/30 of 5 December 2023,

        1. Decides to include in the provisional agenda of its eighty-first session the sub-item entitled "Sport".
        """
    )
    rolled = rollover(parse_text(text, "A_RES_79_9.md"), 81)
    texts = _texts(rolled.draft)
    assert rolled.predecessor == "77/9"  # one cycle back, not the latest citation (78/30)
    assert "provisional agenda of its eighty-third session" in texts["OP1"]
    assert "75/9 of 1 December 2020, 77/9 of 2 December 2022 and 79/9 of 19 November 2024," in texts["PP1"]
    assert texts["PP2"] == "Noting its resolution 78/30 of 5 December 2023,"


def test_markers_stay_with_their_words(rolled):
    before = rolled.previous.find("OP1")
    after = rolled.draft.find("OP1")
    assert before.text[: before.markers[0].offset].endswith("78/7;")
    assert after.text[: after.markers[0].offset].endswith("79/7;")


def test_a_session_that_is_not_later_is_refused():
    with pytest.raises(InputError, match="not after"):
        rollover(_previous(), 79)


@pytest.mark.parametrize(
    "front, message",
    [("organ: Security Council\n", "General Assembly's sessions only"), ("organ: General Assembly\n", "names no session")],
)
def test_a_text_without_an_assembly_session_is_refused(front, message):
    text = f"---\n{front}---\n\nThe General Assembly,\n\nRecalling the Charter,\n\n1. Decides to remain seized of the matter.\n"
    with pytest.raises(InputError, match=message):
        rollover(parse_text(text, "x.md"), 80)


def test_the_cli_refuses_a_wrong_session_in_one_line(tmp_path):
    path = tmp_path / "A_RES_79_7.md"
    path.write_text(PREVIOUS, encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(path), "--session", "78", "--format", "text"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_json_follows_its_schema_and_lists_every_edit(tmp_path, rolled):
    path = tmp_path / "A_RES_79_7.md"
    path.write_text(PREVIOUS, encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(path), "--session", "80", "--adopted", "2025-10-29", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert schema_errors(schema_validator("rollover.schema.json"), data) == []
    assert len(data["edits"]) == len(rolled.edits) and data["adoption_date"] == "2025-10-29"


def test_the_schema_names_every_reason():
    from conftest import load_schema
    from toolkit.rollover import NOTE_REASONS, REASONS

    defs = load_schema("rollover.schema.json")["$defs"]
    assert set(defs["reason"]["enum"]) == set(REASONS)
    assert set(defs["note_reason"]["enum"]) == set(NOTE_REASONS)


def test_a_count_of_consecutive_years_grows():
    text = PREVIOUS.replace("1. Takes note", "1. Reiterates, for the nineteenth consecutive year, its concern, and takes note")
    rolled = rollover(_previous(text), 81)
    assert _texts(rolled.draft)["OP1"].startswith("Reiterates, for the twenty-first consecutive year,")


def test_text_format_explains_each_edit(tmp_path):
    path = tmp_path / "A_RES_79_7.md"
    path.write_text(PREVIOUS, encoding="utf-8")
    out = CliRunner().invoke(main, ["rollover", str(path), "--session", "80", "--format", "text"]).stdout
    assert "OP4" in out and "eightieth -> eighty-first" in out and "session-advanced" in out
    assert "to review" in out and "deadline" in out


def test_markdown_format_has_a_row_per_edit_and_note(rolled):
    from toolkit.render.rollover import markdown

    out = markdown(rolled)
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith(("| element", "| ---"))]
    assert len(rows) == len(rolled.edits) + len(rolled.notes)


def test_draft_format_reads_back_as_the_draft(tmp_path, rolled):
    path = tmp_path / "A_RES_79_7.md"
    path.write_text(PREVIOUS, encoding="utf-8")
    out = tmp_path / "draft.md"
    result = CliRunner().invoke(main, ["rollover", str(path), "--session", "80", "-o", str(out), "--format", "draft"])
    assert result.exit_code == 0, result.output
    assert _texts(read_document(str(out))) == _texts(rolled.draft)


def test_docx_is_the_draft_as_tracked_changes(tmp_path, rolled):
    path = tmp_path / "A_RES_79_7.md"
    path.write_text(PREVIOUS, encoding="utf-8")
    out = tmp_path / "draft.docx"
    result = CliRunner().invoke(main, ["rollover", str(path), "--session", "80", "-o", str(out)])
    assert result.exit_code == 0, result.output
    accepted, rejected = read_document(str(out), revisions="accept"), read_document(str(out), revisions="reject")
    assert [p.full_text for p in accepted.paragraphs] == [p.full_text for p in rolled.draft.paragraphs]
    assert [p.full_text for p in rejected.paragraphs] == [p.full_text for p in rolled.previous.paragraphs]
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    assert "To review: " in comments and "2025 (a deadline" in comments  # OP3's "by 2025", unchanged, in the margin


# --- properties --------------------------------------------------------------------------

_PLAIN = st.sampled_from(
    [
        "the importance of cooperation among States",
        "the role of regional organizations",
        "that the question remains",
        "the work of the Special Rapporteur",
        "the need for dialogue",
    ]
)
_RISKY = st.sampled_from(
    [
        "its resolution 78/7",
        "its resolutions 77/7 and 78/7",
        "the General Assembly at its {s} session",
        "the provisional agenda of its {s} session",
        "the report A/{n}/123",
        "by {y}",
        "the Human Rights Council at its {s} session",
    ]
)


def _document(paragraphs: list[str], session: int = 79):
    body = "\n\n".join(f"{i}. Decides to consider {p};" for i, p in enumerate(paragraphs, 1))
    text = (
        f"---\norgan: General Assembly\nsymbol: A/RES/{session}/7\nsession: {ordinal_words(session).capitalize()} session\n"
        f"adopted: {1945 + session}-10-30\n---\n\nThe General Assembly,\n\nRecalling the Charter,\n\n{body}\n"
    )
    return parse_text(text, "previous.md")


def _apply(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        assert text[e.start : e.end] == e.before
        text = text[: e.start] + e.after + text[e.end :]
    return text


@given(
    st.lists(
        st.tuples(_RISKY, st.integers(75, 83), st.integers(2020, 2027)).map(
            lambda t: t[0].format(s=ordinal_words(t[1]), n=t[1], y=t[2])
        )
        | _PLAIN,
        min_size=1,
        max_size=6,
    ),
    st.integers(80, 82),
)
def test_no_paragraph_changes_without_a_listed_edit(paragraphs, session):
    result = rollover(_document(paragraphs), session)
    before, after = _texts(result.previous), _texts(result.draft)
    for element, text in before.items():
        edits = [e for e in result.edits if e.element == element]
        assert _apply(text, edits) == after[element]  # the listed edits make the whole change


@given(st.lists(_PLAIN, min_size=1, max_size=6), st.integers(80, 90))
def test_a_text_without_session_references_changes_only_in_its_metadata(paragraphs, session):
    result = rollover(_document(paragraphs), session)
    assert _texts(result.draft) == _texts(result.previous)
    assert all(e.element.startswith("metadata.") for e in result.edits)
    assert result.draft.metadata.session_number == session


# --- a real pair -------------------------------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("bench_rollover", ROOT / "bench" / "rollover.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "older, newer_name, at_least",
    [
        ("A_RES_79_6", "A_RES_80_6", 8),  # sessions, the recalled resolution, the Court's and the Secretary-General's reports
        ("A_RES_79_62", "A_RES_80_57", 1),  # a report asked for once, still cited a year on
    ],
)
def test_no_wrong_change_on_a_real_pair(older, newer_name, at_least):
    corpus = shared_path("corpus", "unga-78-80")
    previous = read_document(str(corpus / f"{older}.pdf"))
    newer = read_document(str(corpus / f"{newer_name}.pdf"))
    result = rollover(previous, newer.metadata.session_number, newer.metadata.adoption_date)
    verdicts = _bench().judge(result, newer)
    assert [(v.edit.element, v.edit.before, v.edit.after) for v in verdicts if v.verdict == "wrong"] == []
    assert sum(v.verdict == "right" for v in verdicts) >= at_least
