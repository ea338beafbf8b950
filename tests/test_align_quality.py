"""Alignment quality on edit scripts over real paragraphs (the truth is known)."""

from __future__ import annotations

import random

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from edits import Case, make_case, paragraph_pool
from toolkit.align import align


@pytest.fixture(scope="module")
def pool() -> list[str]:
    return paragraph_pool()


def predicted(case: Case) -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return {(l.op, l.old, l.new) for l in align(case.old, case.new)}


def test_pair_f1_over_generated_cases(pool):
    """Pair-level F1 (same old and new paragraphs) of at least 0.98 over 300 Hypothesis-built edit scripts."""
    totals = {"tp": 0, "predicted": 0, "truth": 0, "moved": 0, "moved_exact": 0}

    @settings(max_examples=300, deadline=None, database=None, phases=[Phase.generate])
    @given(st.randoms(use_true_random=False))
    def one_case(rng):
        case = make_case(pool, rng)
        truth = {(o, n) for _, o, n in case.truth}
        found = {(o, n) for _, o, n in predicted(case)}
        totals["tp"] += len(truth & found)
        totals["predicted"] += len(found)
        totals["truth"] += len(truth)
        for op, o, n in case.truth:
            if op == "move" and case.old[o[0]] == case.new[n[0]]:
                totals["moved"] += 1
                totals["moved_exact"] += (o, n) in found

    one_case()
    precision, recall = totals["tp"] / totals["predicted"], totals["tp"] / totals["truth"]
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.98, f"F1 {f1:.4f} (precision {precision:.4f}, recall {recall:.4f})"
    assert totals["moved"] > 50 and totals["moved_exact"] == totals["moved"], totals


def test_operation_labels(pool):
    """Splits, merges, insertions and deletions are named as such when found."""
    rng = random.Random(7)
    right = total = 0
    for _ in range(150):
        case = make_case(pool, rng)
        found = {(o, n): op for op, o, n in predicted(case)}
        for op, o, n in case.truth:
            if op in ("split", "merge", "insert", "delete") and (o, n) in found:
                total += 1
                right += found[(o, n)] == op
    assert total > 100 and right == total


@given(st.randoms(use_true_random=False), st.integers(1, 40))
def test_every_paragraph_in_exactly_one_pair(rng, size):
    pool = _small_pool()
    case = make_case(pool, rng, size=min(size, len(pool) - 10))
    links = align(case.old, case.new)
    olds = sorted(o for l in links for o in l.old)
    news = sorted(n for l in links for n in l.new)
    assert olds == list(range(len(case.old)))
    assert news == list(range(len(case.new)))
    for l in links:
        assert 0.0 <= l.similarity <= 1.0
        assert (l.op == "insert") == (not l.old) and (l.op == "delete") == (not l.new)


@given(st.randoms(use_true_random=False))
def test_unedited_moves_are_exact(rng):
    pool = _small_pool()
    old = rng.sample(pool, 20)
    new = list(old)
    moved = new.pop(rng.randrange(len(new)))
    new.insert(rng.randrange(len(new) + 1), moved)
    links = align(old, new)
    assert all(l.op in ("equal", "move") for l in links)
    assert {(l.old, l.new) for l in links} == {((i,), (new.index(t),)) for i, t in enumerate(old)}


def test_identical_and_renumbered_only():
    texts = [f"Decides that paragraph number {i} of the draft shall stand as adopted by consensus;" for i in range(30)]
    assert all(l.op == "equal" for l in align(texts, texts))
    links = align(texts[1:], texts)
    assert {(l.op, l.old, l.new) for l in links if l.op != "equal"} == {("insert", (), (0,))}
    assert all(l.new == (l.old[0] + 1,) for l in links if l.op == "equal")


_POOL: list[str] = []


def _small_pool() -> list[str]:
    if not _POOL:
        _POOL.extend(paragraph_pool(limit=400))
    return _POOL
