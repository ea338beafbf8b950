"""Similarity counts shared wording as Counter intersection does."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from toolkit.similarity import _shared, containment, profile, similarity

WORDS = st.lists(st.sampled_from("the of decides requests secretary-general report council assembly 70/291".split()), max_size=30)


@given(WORDS, WORDS)
def test_shared_wording_is_the_size_of_the_intersection(a, b):
    assert _shared(Counter(a), Counter(b)) == sum((Counter(a) & Counter(b)).values())


@given(WORDS, WORDS)
def test_similarity_is_symmetric_and_bounded(a, b):
    pa, pb = profile(" ".join(a)), profile(" ".join(b))
    assert similarity(pa, pb) == similarity(pb, pa)
    assert 0.0 <= similarity(pa, pb) <= 1.0 and 0.0 <= containment(pa, pb) <= 1.0
    assert similarity(pa, pa) == 1.0
