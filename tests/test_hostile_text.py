"""Texts that broke untk's reading or its outputs: each is read, or refused, in one line."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from toolkit.cli import main
from toolkit.readers import parse_text

HEAD = "---\norgan: General Assembly\n---\n\nThe General Assembly,\n\n"


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def test_the_private_use_character_untk_marks_notes_with_is_no_note():
    doc = parse_text(HEAD + "Recalling its resolution 70/291,\ue000\n\n1. Decides to act.\ue000[^1]\n\n[^1]: A/70/674.\n", "d.md")
    op = doc.operative[0]
    assert [m.number for m in op.markers] == [1]
    assert "\ufffd" in doc.preamble[0].text  # shown as the replacement character, not taken for a marker


def test_control_characters_reach_the_word_redline_as_symbols(tmp_path):
    from toolkit.comparison import compare
    from toolkit.render.diff_docx import render

    old = parse_text(HEAD + "1. Decides to act.\n", "a.md")
    new = parse_text(HEAD + "1. Decides to act \x1b[2J now.\n", "b.md")
    xml = zipfile.ZipFile(BytesIO(render(compare(old, new)))).read("word/document.xml").decode("utf-8")
    assert "\u241b" in xml and "\x1b" not in xml


def test_a_long_run_of_digits_after_a_comma_is_read_at_once(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(HEAD + "Recalling its resolution 70/291," + "1" * 40 + "\n\n1. Decides to act.\n")
    assert run("check", draft).exit_code in (0, 1)


def test_an_unreadable_file_with_a_line_break_in_its_name_is_one_line(tmp_path):
    bad = tmp_path / "forged\n::error::x.txt"
    bad.write_bytes(b"\x00\x01 binary")
    result = run("check", bad)
    assert result.exit_code == 2
    lines = [l for l in result.stderr.splitlines() if l]
    assert len(lines) == 1 and lines[0].startswith("untk: error: ") and "\u240a::error::x.txt" in lines[0]


def test_many_paragraphs_numbered_alike_get_distinct_ids():
    doc = parse_text("The General Assembly,\n\n" + "1. Decides.\n\n" * 500)
    ids = [p.id for p in doc.operative]
    assert len(ids) == len(set(ids)) == 500
    assert ids[:3] == ["OP1", "OP1-2", "OP1-3"] and ids[-1] == "OP1-500"


def test_the_organ_of_many_citations_in_one_paragraph_is_found_in_linear_time():
    import time

    from toolkit.checks.kinds.citation import organ_of
    from toolkit.citations import find_citations as find

    text = "Recalling the General Assembly; " + "noting resolution 71/1 of 1 July 2016; welcoming resolution 72/3; " * 2000
    cits = find(text)
    assert len(cits) == 4000 and {c.organ_source for c in cits} == {"form"}
    started = time.process_time()
    organs = {organ_of(text, c) for c in cits}
    assert time.process_time() - started < 3  # once per citation over the text before it took minutes
    assert organs == {"General Assembly"}
    council = "Human Rights Council resolutions on the subject, including resolution 60/5 of 6 October 2025"
    assert {organ_of(council, c) for c in find(council)} == {"Human Rights Council"}


def test_a_long_changed_paragraph_is_one_run_in_the_word_redline_in_linear_time():
    import time

    from toolkit.comparison import compare
    from toolkit.render.diff_docx import render

    words = " ".join(f"w{i}" for i in range(60_000))
    old = parse_text(HEAD + "1. Decides to act.\n", "a.md")
    new = parse_text(HEAD + f"1. Decides to act {words}.\n", "b.md")
    started = time.process_time()
    xml = zipfile.ZipFile(BytesIO(render(compare(old, new)))).read("word/document.xml").decode("utf-8")
    assert time.process_time() - started < 10  # each word appended to the run's text copied it
    assert words in xml


def test_a_redline_of_thousands_of_changes_has_one_margin_comment_each_in_linear_time():
    import time

    import docx

    from toolkit.comparison import compare
    from toolkit.render.diff_docx import render

    n = 2000
    old = parse_text(HEAD + "".join(f"{i}. Decides to act on item {i}.\n\n" for i in range(1, n + 1)), "a.md")
    new = parse_text(HEAD + "".join(f"{i}. Decides to act at once on item {i}.\n\n" for i in range(1, n + 1)), "b.md")
    started = time.process_time()
    data = render(compare(old, new))
    assert time.process_time() - started < 20  # python-docx's search for a free id per comment was quadratic
    comments = list(docx.Document(BytesIO(data)).comments)
    assert len(comments) == n and len({c.comment_id for c in comments}) == n
    assert {c.text for c in comments} == {"substantive"} and {c.author for c in comments} == {"untk"}
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:commentReference ") == n


def test_bare_numbers_among_many_citations_are_read_in_linear_time():
    import time

    from toolkit.citations import find_citations

    text = "Recalling " + "resolution 71/1 and 72/3, as well as 73/4 of 1 July 2018; " * 3000
    started = time.process_time()
    cits = find_citations(text)
    assert time.process_time() - started < 5  # each bare number was looked for in every citation found
    assert len(cits) >= 9000 and {c.symbol for c in cits[:3]} == {"A/RES/71/1", "A/RES/72/3", "A/RES/73/4"}


@given(st.text(alphabet="ab Z1\n.\u00e9", max_size=12), st.data())
def test_a_lone_letter_before_a_candidate_marker_is_seen_from_the_last_characters(text, data):
    # The same decision as the pattern it replaces, searched over all the text before a
    # candidate (quadratic in a long paragraph of digits glued to words).
    from toolkit.checks.kinds.footnote import _lone_letter_before

    end = data.draw(st.integers(0, len(text)))
    assert _lone_letter_before(text, end) == bool(re.search(r"(?:^|[^A-Za-z])[A-Za-z]$", text[:end]))
