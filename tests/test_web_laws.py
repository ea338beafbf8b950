"""Laws of the workbench's pure parts: upload labels, fix previews, pair anchors, CSRF tokens."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLES, SEED
from toolkit.checks.finding import Finding, Fix
from toolkit.web.security import Policy
from toolkit.web.uploads import label
from toolkit.web.workbench import anchors, fix_preview, pair_number


@given(st.text(max_size=300), st.integers(0, 20))
def test_a_label_is_one_file_name_and_labelling_it_again_changes_nothing(name, index):
    shown = label(name, index)
    assert shown and "/" not in shown and "\\" not in shown
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", shown)
    assert shown not in (".", "..") and len(shown) <= 120
    assert label(shown, index) == shown


@st.composite
def fixes(draw):
    text = draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    replacement = draw(st.text(max_size=20))
    finding = Finding("rule", "terminology", "warning", "m", None, 1, 1, start, end, Fix(replacement, start, end))
    return text, finding


@given(fixes())
def test_a_fix_preview_is_the_source_around_the_fix_and_shows_the_fixed_line(case):
    text, finding = case
    preview = fix_preview(text, finding)
    fix = finding.fix
    assert preview is not None
    shown = preview.before + preview.removed + preview.after
    start = fix.start - len(preview.before)
    assert text[start : start + len(shown)] == shown  # a stretch of the source, unchanged
    assert preview.removed == text[fix.start : fix.end]
    assert "\n" not in preview.before + preview.after  # within the line of the fix
    fixed = text[: fix.start] + fix.replacement + text[fix.end :]
    assert preview.before + preview.inserted + preview.after in fixed


def test_no_preview_without_a_fix_or_with_offsets_outside_the_text():
    finding = Finding("rule", "date", "error", "m", "OP1", 1, 1, 0, 3, None)
    assert fix_preview("abc", finding) is None
    outside = Finding("rule", "date", "error", "m", "OP1", 1, 1, 0, 3, Fix("x", 2, 9))
    assert fix_preview("abc", outside) is None


def test_every_element_of_the_new_version_anchors_to_the_pair_that_shows_it():
    from toolkit.comparison import compare
    from toolkit.readers import read_document

    old, new = read_document(str(SEED)), read_document(str(SAMPLES / "redraft-2018-review.md"))
    comparison = compare(old, new)
    anchored = anchors(comparison)
    for element in [p.id for p in new.paragraphs] + [n.id for n in new.footnotes]:
        assert element in comparison.pairs[anchored[element] - 1].new
    for element in [p.id for p in old.paragraphs]:  # an old id the new version lacks: where it went
        if element not in {e for pair in comparison.pairs for e in pair.new}:
            assert element in comparison.pairs[anchored[element] - 1].old
    # A subparagraph's finding goes to its paragraph.
    first = new.operative[0].id
    finding = Finding("rule", "structure", "info", "m", f"{first}.a.i", 1, 1, 0, 0)
    assert pair_number(finding, anchored) == anchored[first]
    assert pair_number(Finding("rule", "metadata", "info", "m", None, 1, 1, 0, 0), anchored) is None


@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=64),
       st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=64))
def test_a_csrf_token_opens_its_own_session_only(session, other):
    policy = Policy(frozenset({"testserver"}), 80)
    token = policy.csrf_token(session)
    assert policy.csrf_ok(session, token)
    assert policy.csrf_ok(other, token) == (other == session)
    assert not policy.csrf_ok(session, None) and not policy.csrf_ok(None, token)
    assert not Policy(frozenset({"testserver"}), 80).csrf_ok(session, token)  # another server's secret
