"""Property tests: generated resolutions, in every text layout, read back to the same model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hypothesis import assume

from resolutions import draft, expected, observed, ods, published, specs, wrapped
from toolkit.errors import InputError
from toolkit.readers import parse_text, sniff
from toolkit.render import draft as draft_renderer

SETTINGS = settings()


def assert_same(got: dict, want: dict) -> None:
    """Field by field, paragraph by paragraph, so a failure names what differs."""
    for key in want:
        if isinstance(want[key], list):
            for i, (g, w) in enumerate(zip(got[key], want[key])):
                assert g == w, f"{key}[{i}]"
            assert len(got[key]) == len(want[key]), key
        else:
            assert got[key] == want[key], key


@SETTINGS
@given(specs())
def test_ods_export_reads_back(spec):
    text = ods(spec)
    assert sniff(text) == "ods"
    assert_same(observed(parse_text(text)), expected(spec))


@SETTINGS
@given(specs(), st.integers(40, 100), st.sampled_from([0, 7, 13]))
def test_hard_wrapped_text_reads_back(spec, width, page_every):
    text = wrapped(spec, width, page_every)
    assert sniff(text) == "text"
    assert_same(observed(parse_text(text)), expected(spec))


@SETTINGS
@given(specs(), st.integers(50, 100), st.integers(4, 20), st.booleans())
def test_published_pdf_text_reads_back(spec, width, page_lines, blank_between):
    """As an extractor gives a published GA PDF: notes at each page's foot, running heads
    between pages, numbers on lines of their own."""
    assume(spec.ga)
    text = published(spec, width, page_lines, blank_between)
    assert sniff(text) == "text"
    assert_same(observed(parse_text(text)), expected(spec))


@SETTINGS
@given(specs())
def test_markdown_draft_reads_back(spec):
    text = draft(spec)
    assert sniff(text) == "draft"
    assert_same(observed(parse_text(text)), expected(spec))


@SETTINGS
@given(specs())
def test_draft_renderer_round_trip(spec):
    """Any layout, written out as a draft by untk and read again, keeps its model."""
    doc = parse_text(ods(spec))
    again = parse_text(draft_renderer.render(doc))
    assert observed(again) == observed(doc)
    assert again.metadata == doc.metadata


@settings()
@given(st.text(max_size=3000), st.sampled_from([None, "ods", "text", "draft"]))
def test_no_text_makes_a_reader_raise(text, fmt):
    try:
        doc = parse_text(text, input_format=fmt)
    except InputError:
        return
    for element in doc.walk():
        assert isinstance(element.text, str)


@settings()
@given(specs(), st.data())
def test_damaged_layouts_never_crash(spec, data):
    """Cut, duplicated or shuffled lines still read without an exception."""
    lines = wrapped(spec).split("\n")
    i = data.draw(st.integers(0, len(lines)))
    j = data.draw(st.integers(i, len(lines)))
    damaged = "\n".join(lines[:i] + lines[j:] + lines[i:j])
    try:
        parse_text(damaged)
    except InputError:
        pass
