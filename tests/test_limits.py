"""How large a text untk reads: refused at once with the reason, never read for minutes.

Also the reading steps that hostile sizes made slow or large: a masthead pattern that
was quadratic in a run of letters, white space folded without a list of every word, and
metadata looked for in a bounded window.
"""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from toolkit import limits
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.readers import metadata, parse_text
from toolkit import structure

HEAD = "The General Assembly,\n\n"


def _run(args, env=None):
    result = CliRunner().invoke(main, args, env=env or {})
    return result.exit_code, result.output


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setenv("UNTK_MAX_TEXT_MIB", "0.01")  # 10,485 characters, 500 lines, 50 paragraphs
    return limits.max_text_chars()


def test_the_limits_follow_the_one_setting(monkeypatch):
    monkeypatch.delenv("UNTK_MAX_TEXT_MIB", raising=False)
    default = (limits.max_text_chars(), limits.max_lines(), limits.max_paragraphs())
    monkeypatch.setenv("UNTK_MAX_TEXT_MIB", str(limits.text_mib() * 2))
    assert (limits.max_text_chars(), limits.max_lines(), limits.max_paragraphs()) == tuple(2 * n for n in default)
    for nonsense in ("", "many", "-3", "0"):
        monkeypatch.setenv("UNTK_MAX_TEXT_MIB", nonsense)
        assert limits.max_text_chars() == default[0]


def test_a_text_over_the_limit_is_refused_in_one_line(tmp_path, small_limit):
    path = tmp_path / "long.txt"
    path.write_text(HEAD + "1. Decides " + "word " * small_limit + ".\n", encoding="utf-8")
    code, output = _run(["show", str(path)], env={"UNTK_MAX_TEXT_MIB": "0.01"})
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"untk: error: {path}:") and "MiB of text" in lines[0]
    assert "UNTK_MAX_TEXT_MIB" in lines[0]
    # The same file within a raised limit is read.
    code, _ = _run(["show", str(path)], env={"UNTK_MAX_TEXT_MIB": "1"})
    assert code == 0


def test_a_text_at_the_limit_is_read(small_limit):
    text = HEAD + "1. Decides this.\n"
    text += "x" * (small_limit - len(text))
    assert len(text) == small_limit
    assert parse_text(text).operative


def test_too_many_lines_are_refused(small_limit):
    with pytest.raises(InputError, match="lines; untk reads resolutions of up to 500 lines"):
        parse_text(HEAD + "1. Decides\n" + "x\n" * 600)
    assert parse_text(HEAD + "1. Decides\n" + "x\n" * 400).operative


def test_too_many_paragraphs_are_refused(small_limit):
    with pytest.raises(InputError, match="paragraphs; untk reads resolutions of up to 50 paragraphs"):
        parse_text(HEAD + "".join(f"{n}. Decides.\n\n" for n in range(1, 60)))
    assert len(parse_text(HEAD + "".join(f"{n}. Decides.\n\n" for n in range(1, 40))).operative) == 39


def test_too_many_footnote_markers_are_refused(small_limit):
    text = "---\nsymbol: A/RES/80/1\n---\n\nThe General Assembly,\n\n1. Decides " + "[^1]" * 100 + ".\n\n[^1]: A note.\n"
    with pytest.raises(InputError, match="footnote markers"):
        parse_text(text, "a.md")
    few = "---\nsymbol: A/RES/80/1\n---\n\nThe General Assembly,\n\n1. Decides[^1].\n\n[^1]: A note.\n"
    assert parse_text(few, "a.md").operative[0].markers


def test_the_session_of_a_masthead_is_found_in_linear_time():
    # "[a-z]+" tried at every letter of one long word before a failing "session":
    # 20,000 letters took about a minute; bounded words take milliseconds.
    started = time.process_time()
    assert "session" not in metadata.read_masthead("x" * 20_000 + " y" * 10)
    assert time.process_time() - started < 2
    found = metadata.read_masthead("General Assembly\nSeventy-ninth session\nAgenda item 12")
    assert found["session_number"] == 79


def test_metadata_is_looked_for_in_a_window():
    # A "masthead" of megabytes (a text with no organ line) is not scanned whole.
    header = "Seventy-ninth session\n" + "x " * 2**20
    assert metadata.read_masthead(header)["session_number"] == 79
    assert "session_number" not in metadata.read_masthead("x " * metadata.WINDOW + "\nSeventy-ninth session")


@given(st.text(alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000"), max_size=200))
def test_white_space_is_folded_alike_in_long_and_short_blocks(text):
    structure._plain.cache_clear()
    long = text + " " * 70_000  # past the length at which the word list is not built
    assert structure._plain(long) == " ".join(long.split())
    assert structure._plain(text) == " ".join(text.split())


def test_patterns_tried_at_every_letter_are_linear():
    # A long word with no hyphen at a PDF line's end, and a clause of many capitalised
    # words naming no body: each letter used to start a scan to the end of the run.
    from toolkit import rollover
    from toolkit.readers import layout, pdf

    started = time.process_time()
    for pattern, text in ((pdf._HEAD, "x" * 50_000), (layout._HEAD, "x" * 50_000), (rollover._BODY, "Aa " * 20_000)):
        assert list(pattern.finditer(text)) == []
    assert time.process_time() - started < 2
    assert pdf._HEAD.search("co-opera-")[1] == "opera" and layout._HEAD.search("inter-")[1] == "inter"
