"""Align the paragraphs of two versions: equal, modify, move, split, merge, insert, delete.

The method, in four passes (the README explains it for users):

1. **Anchors.** Paragraphs whose normalised wording is identical are paired
   (in order when a wording occurs several times). The longest chain of anchors
   that keeps the order of both versions is the backbone; an anchor off that
   chain has moved.
2. **Gaps.** Between consecutive backbone anchors the remaining paragraphs are
   aligned in order by dynamic programming on wording similarity (word and
   word-pair Dice), so a reworded paragraph pairs with its old self. Gaps are
   small in practice; a very large gap is aligned from index candidates
   instead, so the cost never grows quadratically with unchanged text.
3. **Moves.** Paragraphs still unpaired are looked up in an inverted index of
   each other's words and word pairs; a close enough pair is a move (also
   when edited).
4. **Splits and merges.** An old paragraph whose wording is spread over
   consecutive new paragraphs is a split; the reverse is a merge.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from toolkit.similarity import Profile, containment, profile, similarity

#: Below this similarity two paragraphs are different paragraphs.
MATCH = 0.4
#: A paragraph found away from its place must be this close to count as moved.
MOVE = 0.5
#: A part of a split (or merge) must have this much of its wording in the whole.
PART = 0.6
#: Gaps with more cells than this are aligned from index candidates, not by DP.
DP_CELLS = 10_000
#: How many unpaired paragraphs are tested as parts of one split or merge.
SPLIT_CANDIDATES = 12
#: Shingles found in more paragraphs than this say nothing about which is which.
COMMON = 40


@dataclass(frozen=True, slots=True)
class Link:
    """One alignment decision, by position in the old and new sequences."""

    op: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float


def align(old: Sequence[str], new: Sequence[str], kinds: tuple[Sequence[str], Sequence[str]] | None = None) -> list[Link]:
    """Align two sequences of (normalised) paragraph texts.

    ``kinds`` gives each paragraph's part ("preambular", "operative"); a pair
    that crosses parts is a move.
    """
    aligner = _Aligner(old, new)
    links = aligner.run()
    if kinds:
        links = [
            Link("move", l.old, l.new, l.similarity)
            if l.op in ("equal", "modify") and kinds[0][l.old[0]] != kinds[1][l.new[0]]
            else l
            for l in links
        ]
    return links


class _Aligner:
    def __init__(self, old: Sequence[str], new: Sequence[str]):
        self.old = list(old)
        self.new = list(new)
        self._profiles: dict[tuple[int, int], Profile] = {}
        self.pair_of_old: dict[int, int] = {}
        self.pair_of_new: dict[int, int] = {}
        self.kind: dict[int, str] = {}  # old index -> "anchor", "gap", "move"
        self.sim: dict[int, float] = {}

    def profile(self, side: int, i: int) -> Profile:
        key = (side, i)
        if key not in self._profiles:
            self._profiles[key] = profile((self.old if side == 0 else self.new)[i])
        return self._profiles[key]

    def run(self) -> list[Link]:
        backbone, off_chain = self._anchors()
        for o, n in backbone:
            self._pair(o, n, "anchor", 1.0)
        for o, n in off_chain:
            self._pair(o, n, "move", 1.0)
        bounds = [(-1, -1)] + backbone + [(len(self.old), len(self.new))]
        for (o0, n0), (o1, n1) in zip(bounds, bounds[1:]):
            olds = [i for i in range(o0 + 1, o1) if i not in self.pair_of_old]
            news = [j for j in range(n0 + 1, n1) if j not in self.pair_of_new]
            if olds and news:
                self._gap(olds, news)
        self._moves()
        return self._links()

    def _pair(self, o: int, n: int, kind: str, sim: float) -> None:
        self.pair_of_old[o] = n
        self.pair_of_new[n] = o
        self.kind[o] = kind
        self.sim[o] = sim

    # -- pass 1 --------------------------------------------------------------
    def _anchors(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        where: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(self.old):
            where[text].append(i)
        used: dict[str, int] = defaultdict(int)
        anchors = []
        for j, text in enumerate(self.new):
            slots = where.get(text)
            if slots and used[text] < len(slots):
                anchors.append((slots[used[text]], j))
                used[text] += 1
        chain = _longest_increasing(anchors)
        on_chain = set(chain)
        return chain, [a for a in anchors if a not in on_chain]

    # -- pass 2 --------------------------------------------------------------
    def _gap(self, olds: list[int], news: list[int]) -> None:
        if len(olds) * len(news) > DP_CELLS:
            self._sparse_gap(olds, news)
            return
        sims = [[similarity(self.profile(0, o), self.profile(1, n)) for n in news] for o in olds]
        rows, cols = len(olds), len(news)
        score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
        for r in range(1, rows + 1):
            row, prev, sim_row = score[r], score[r - 1], sims[r - 1]
            for c in range(1, cols + 1):
                best = prev[c] if prev[c] > row[c - 1] else row[c - 1]
                s = sim_row[c - 1]
                if s >= MATCH and prev[c - 1] + s > best:
                    best = prev[c - 1] + s
                row[c] = best
        r, c = rows, cols
        while r and c:
            s = sims[r - 1][c - 1]
            if s >= MATCH and score[r][c] == score[r - 1][c - 1] + s:
                self._pair(olds[r - 1], news[c - 1], "gap", s)
                r, c = r - 1, c - 1
            elif score[r][c] == score[r - 1][c]:
                r -= 1
            else:
                c -= 1

    def _sparse_gap(self, olds: list[int], news: list[int]) -> None:
        best = self._candidates(olds, news, MATCH)
        chain = _longest_increasing(sorted(best, key=lambda p: p[1]))
        for o, n in chain:
            self._pair(o, n, "gap", similarity(self.profile(0, o), self.profile(1, n)))

    def _candidates(self, olds: list[int], news: list[int], floor: float) -> list[tuple[int, int]]:
        """For each new paragraph, its most similar old one (if at least ``floor``), via an index."""
        index: dict[str, list[int]] = defaultdict(list)
        for o in olds:
            for key in self.profile(0, o).shingles:
                index[key].append(o)
        found = []
        taken: set[int] = set()
        scored = []
        for n in news:
            counts: dict[int, int] = defaultdict(int)
            for key in self.profile(1, n).shingles:
                holders = index.get(key)
                if holders and len(holders) <= COMMON:
                    for o in holders:
                        counts[o] += 1
            for o in sorted(counts, key=counts.get, reverse=True)[:5]:
                s = similarity(self.profile(0, o), self.profile(1, n))
                if s >= floor:
                    scored.append((s, o, n))
        done_new: set[int] = set()
        for s, o, n in sorted(scored, reverse=True):
            if o not in taken and n not in done_new:
                taken.add(o)
                done_new.add(n)
                found.append((o, n))
        return found

    # -- pass 3 --------------------------------------------------------------
    def _moves(self) -> None:
        olds = [i for i in range(len(self.old)) if i not in self.pair_of_old]
        news = [j for j in range(len(self.new)) if j not in self.pair_of_new]
        if olds and news:
            for o, n in self._candidates(olds, news, MOVE):
                self._pair(o, n, "move", similarity(self.profile(0, o), self.profile(1, n)))
        # A gap pair that breaks the order of its neighbours has moved too.
        ordered = sorted((o, n) for o, n in self.pair_of_old.items())
        chain = set(_longest_increasing(sorted(ordered, key=lambda p: p[1])))
        for o, n in ordered:
            if (o, n) not in chain and self.kind[o] != "move":
                self.kind[o] = "move"

    # -- pass 4 and output --------------------------------------------------
    def _links(self) -> list[Link]:
        links: list[Link] = []
        consumed_old: set[int] = set()
        consumed_new: set[int] = set()
        for o in sorted(self.pair_of_old):
            if o in consumed_old:
                continue
            n = self.pair_of_old[o]
            if n in consumed_new:
                continue
            split = self._grow(o, n, old_side=True, consumed=consumed_new)
            merge = self._grow(o, n, old_side=False, consumed=consumed_old) if len(split) == 1 else [o]
            if len(split) > 1:
                consumed_old.add(o)
                consumed_new.update(split)
                links.append(Link("split", (o,), tuple(split), self._whole_sim((o,), tuple(split))))
            elif len(merge) > 1:
                consumed_new.add(n)
                consumed_old.update(merge)
                links.append(Link("merge", tuple(merge), (n,), self._whole_sim(tuple(merge), (n,))))
            else:
                consumed_old.add(o)
                consumed_new.add(n)
                sim = self.sim[o]
                if self.kind[o] == "move":
                    op = "move"
                elif self.old[o] == self.new[n]:
                    op = "equal"
                else:
                    op = "modify"
                # 1.0 is for the same wording only; a change of punctuation alone scores just under.
                links.append(Link(op, (o,), (n,), 1.0 if self.old[o] == self.new[n] else min(round(sim, 4), 0.9999)))
        self._orphan_splits(links, consumed_old, consumed_new)
        for o in range(len(self.old)):
            if o not in consumed_old:
                links.append(Link("delete", (o,), (), 0.0))
        for n in range(len(self.new)):
            if n not in consumed_new:
                links.append(Link("insert", (), (n,), 0.0))
        return links

    def _grow(self, o: int, n: int, old_side: bool, consumed: set[int]) -> list[int]:
        """The run of unpaired neighbours of n (or o) that are parts of o (or n), with n (or o)."""
        centre = n if old_side else o
        if self.old[o] == self.new[n]:
            return [centre]  # same wording: no profile needed
        if old_side:
            whole, part_side, seq, paired = self.profile(0, o), 1, self.new, self.pair_of_new
        else:
            whole, part_side, seq, paired = self.profile(1, n), 0, self.old, self.pair_of_old
        run = [centre]
        for step in (-1, 1):
            k = centre + step
            while 0 <= k < len(seq) and k not in paired and k not in consumed:
                if containment(self.profile(part_side, k), whole) < PART:
                    break
                run.append(k)
                k += step
        run.sort()
        if len(run) == 1:
            return run
        parts = tuple(run)
        combined = self._whole_sim((o,), parts) if old_side else self._whole_sim(parts, (n,))
        return run if combined > self.sim[o] else [centre]

    def _orphan_splits(self, links: list[Link], consumed_old: set[int], consumed_new: set[int]) -> None:
        """An unpaired old paragraph spread over two or more unpaired new ones (and the reverse)."""
        for side in (0, 1):
            whole_used, part_used = (consumed_old, consumed_new) if side == 0 else (consumed_new, consumed_old)
            n_wholes, n_parts = (len(self.old), len(self.new)) if side == 0 else (len(self.new), len(self.old))
            free_parts = [k for k in range(n_parts) if k not in part_used]
            if len(free_parts) < 2:
                continue
            index: dict[str, list[int]] = defaultdict(list)
            for k in free_parts:
                for key in self.profile(1 - side, k).shingles:
                    index[key].append(k)
            for w in range(n_wholes):
                if w in whole_used:
                    continue
                whole = self.profile(side, w)
                counts: dict[int, int] = defaultdict(int)
                for key in whole.shingles:
                    holders = index.get(key)
                    if holders and len(holders) <= COMMON:
                        for k in holders:
                            counts[k] += 1
                # Only the parts that share most with the whole are worth a containment test.
                best = sorted((k for k in counts if k not in part_used), key=counts.__getitem__, reverse=True)[:SPLIT_CANDIDATES]
                contained = {k for k in best if containment(self.profile(1 - side, k), whole) >= PART}
                run = _longest_run(contained)
                if len(run) < 2:
                    continue
                parts = tuple(run)
                sim = self._whole_sim((w,), parts) if side == 0 else self._whole_sim(parts, (w,))
                if sim < MATCH:
                    continue
                links.append(Link("split", (w,), parts, sim) if side == 0 else Link("merge", parts, (w,), sim))
                whole_used.add(w)
                part_used.update(parts)

    def _whole_sim(self, olds: tuple[int, ...], news: tuple[int, ...]) -> float:
        a = profile(" ".join(self.old[i] for i in olds))
        b = profile(" ".join(self.new[j] for j in news))
        return round(similarity(a, b), 4)


def _longest_run(numbers: set[int]) -> list[int]:
    """The longest run of consecutive integers in a set."""
    best: list[int] = []
    for n in sorted(numbers):
        if n - 1 in numbers:
            continue
        run = [n]
        while run[-1] + 1 in numbers:
            run.append(run[-1] + 1)
        if len(run) > len(best):
            best = run
    return best


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of (old, new) pairs increasing in both, pairs given in new order."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = [-1] * len(pairs)
    for i, (o, _) in enumerate(pairs):
        k = bisect.bisect_left(tails, o)
        if k == len(tails):
            tails.append(o)
            tail_at.append(i)
        else:
            tails[k] = o
            tail_at[k] = i
        parent[i] = tail_at[k - 1] if k else -1
    chain = []
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        chain.append(pairs[i])
        i = parent[i]
    return chain[::-1]
