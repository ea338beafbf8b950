"""Similarity of paragraph wordings, on words and word pairs.

Resolutions repeat their function words and formulas ("Requests the
Secretary-General to"), so two unrelated paragraphs share many single words;
word pairs (bigrams) tell them apart. The score is the mean of the Dice
coefficients of content words and of word pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from toolkit import patterns

_WORD = patterns.compile(r"\w+(?:[-'\u2019]\w+)*")
STOPWORDS = frozenset(
    "the of and to in a an for on with by its their all as at be or that this which is are from".split()
)


@dataclass(frozen=True, slots=True)
class Profile:
    """What similarity needs of one text, computed once."""

    words: Counter
    pairs: Counter
    size: int  # number of words

    @property
    def shingles(self) -> frozenset[str]:
        """Keys for an inverted index: content words and word pairs."""
        return frozenset(self.words) | frozenset(self.pairs)


def profile(text: str) -> Profile:
    tokens = [t.casefold() for t in _WORD.findall(text)]
    content = Counter(t for t in tokens if t not in STOPWORDS)
    pairs = Counter(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return Profile(content, pairs, len(tokens))


def _shared(a: Counter, b: Counter) -> int:
    """``sum((a & b).values())`` without building the intersection (counts are positive)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[key]) for key, count in a.items() if key in b)


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    return 2 * _shared(a, b) / total


def similarity(a: Profile, b: Profile) -> float:
    """1.0 for the same wording, near 0 for unrelated paragraphs."""
    if not a.size and not b.size:
        return 1.0
    if not a.size or not b.size:
        return 0.0
    return (_dice(a.words, b.words) + _dice(a.pairs, b.pairs)) / 2


def containment(part: Profile, whole: Profile) -> float:
    """How much of ``part``'s wording is found in ``whole`` (for splits and merges)."""
    total = sum(part.words.values()) + sum(part.pairs.values())
    if not total:
        return 0.0
    shared = _shared(part.words, whole.words) + _shared(part.pairs, whole.pairs)
    return shared / total
