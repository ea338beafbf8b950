"""``untk diff --strict-whitespace``: white space within lines counts, wrapping does not."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from toolkit.cli import main
from toolkit.comparison import compare
from toolkit.normalize import Normalization
from toolkit.readers import parse_text

STRICT = Normalization(whitespace=False)

BASE = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    ---

    The General Assembly,

    Recalling its resolution 70/291 of 1 July 2016,

    1. Requests the Secretary-General to submit a report on the implementation of the present resolution;

    2. Decides to remain seized of the matter.
    """
)


def _compare(old: str, new: str, normalization: Normalization):
    return compare(parse_text(old, "old.md"), parse_text(new, "new.md"), normalization, (old, new))


def test_a_double_space_counts_only_when_asked():
    spaced = BASE.replace("submit a report", "submit  a report")
    assert _compare(BASE, spaced, Normalization()).identical
    strict = _compare(BASE, spaced, STRICT)
    assert not strict.identical
    changed = [p for p in strict.pairs if p.op != "equal"]
    assert [p.new for p in changed] == [("OP1",)]


def test_a_tab_and_a_no_break_space_count():
    for run in ("\t", "\u00a0"):
        other = BASE.replace("the matter", f"the{run}matter")
        assert _compare(BASE, other, Normalization()).identical
        assert not _compare(BASE, other, STRICT).identical, repr(run)


def test_wrapping_is_layout_not_white_space():
    wrapped = BASE.replace("submit a report on the implementation", "submit a report\non the implementation")
    assert _compare(BASE, wrapped, STRICT).identical


def test_the_command_line_shows_it(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(BASE)
    new.write_text(BASE.replace("submit a report", "submit  a report"))
    runner = CliRunner()
    assert runner.invoke(main, ["diff", str(old), str(new)]).exit_code == 0
    result = runner.invoke(main, ["diff", str(old), str(new), "--strict-whitespace", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"op": "modify"' in result.stdout


WORDS = st.lists(st.sampled_from(["calls", "upon", "Member", "States", "to", "report", "on", "it"]), min_size=3, max_size=12)
GAPS = st.sampled_from([" ", "  ", "\t", "\n", " \n ", "\u00a0"])


@given(WORDS, st.data())
def test_only_runs_within_lines_count(words, data):
    gaps = [data.draw(GAPS) for _ in words[1:]]
    body = words[0] + "".join(g + w for g, w in zip(gaps, words[1:]))
    old = BASE.replace("Decides to remain seized of the matter.", " ".join(words) + ".")
    new = BASE.replace("Decides to remain seized of the matter.", body + ".")
    assert _compare(old, new, Normalization()).identical
    counts = any(g not in (" ", "\n", " \n ") for g in gaps)
    assert _compare(old, new, STRICT).identical is not counts
