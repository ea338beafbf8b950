"""Every output is built behind the formatter registry, from one options object."""

from __future__ import annotations

import inspect

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLES, SEED
from toolkit.cli import main
from toolkit.render import DIFF_FORMATS, FINDINGS_FORMATS, formats_taking, formatter, render
from toolkit.render.options import RenderOptions

DRAFT = SAMPLES / "redraft-2018-review.md"


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


FORMATS = [(DIFF_FORMATS, name) for name in DIFF_FORMATS] + [(FINDINGS_FORMATS, name) for name in FINDINGS_FORMATS]


@given(
    color=st.booleans(), context=st.booleans(), substantive=st.booleans(), quiet=st.booleans(),
    where=st.sampled_from(FORMATS),
)
def test_a_formatter_receives_only_the_options_it_names_and_only_those_asked(color, context, substantive, quiet, where):
    function = formatter(*where)
    options = RenderOptions(color=color, context=context, substantive=substantive, quiet=quiet)
    chosen = options.for_formatter(function)
    named = inspect.signature(function).parameters
    asked = {"color": color, "context": context, "substantive": substantive, "quiet": quiet}
    assert chosen == {k: True for k, v in asked.items() if v and k in named}


def test_the_rules_reach_sarif_as_a_list():
    rules = ("a", "b")
    assert RenderOptions(rules=rules).for_formatter(formatter(FINDINGS_FORMATS, "sarif")) == {"rules": ["a", "b"]}
    assert RenderOptions(rules=rules).for_formatter(formatter(FINDINGS_FORMATS, "text")) == {}


def test_render_gives_the_formatter_its_options(seed_doc):
    from toolkit.comparison import compare
    from toolkit.readers import read_document

    comparison = compare(seed_doc, read_document(str(DRAFT)))
    everything = render(DIFF_FORMATS, "text", comparison, RenderOptions(context=True))
    changes = render(DIFF_FORMATS, "text", comparison)
    assert len(everything) > len(changes)
    # json takes no context: the option changes nothing there.
    assert render(DIFF_FORMATS, "json", comparison, RenderOptions(context=True)) == render(DIFF_FORMATS, "json", comparison)


def test_substantive_is_refused_by_the_formats_that_keep_every_change():
    taking = formats_taking(DIFF_FORMATS, "substantive")
    assert "text" in taking and "json" not in taking
    for fmt in sorted(set(DIFF_FORMATS) - set(taking) - {"docx"}):
        result = invoke("diff", SEED, DRAFT, "--format", fmt, "--substantive")
        assert result.exit_code == 2
        assert f"{fmt} keeps every change" in result.output
        assert all(name in result.output for name in taking)
