"""Where a text names something: runs of Capitalised Words, which keep their own spelling.

A proper name of a body, programme, place or instrument ("Organisation for Economic
Co-operation and Development", "World Food Program USA", "Kennedy Center") is spelt as
its owner spells it, so no terminology fix may touch it. A name here is two or more
capitalised words, joined by spaces, by the small words names carry inside them ("of",
"for the", "de la") or by a comma ("United Nations Educational, Scientific and Cultural
Organization" holds the names "United Nations Educational, Scientific" and "Cultural
Organization"). The word that opens a sentence is capitalised for the sentence's sake:
it joins a name only when a capitalised word follows it directly.

    >>> text = "Welcomes the work of the Kennedy Center and of the center."
    >>> [text[s:e] for s, e in name_spans(text)]
    ['Kennedy Center']
"""

from __future__ import annotations

import bisect
import re

#: Small words inside names. "and" is left out: it joins two names as often as it
#: sits inside one ("Member States and UN entities").
CONNECTORS = frozenset("of for the on in against to de la le les du des et del".split())

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_INITIAL = re.compile(r"[A-Z]")
_SENTENCE_END = re.compile(r"(?:^|[.;:!?\"\u201c(]\s*)$")


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def name_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every capitalised name in ``text``, in order."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _capitalised(words[i][2]):
            i += 1
            continue
        run = [i]  # indices of the capitalised words of this name
        j = i + 1
        while j < len(words):
            k = _next_capitalised(text, words, run[-1], j)
            if k is None:
                break
            run.append(k)
            j = k + 1
        first = words[run[0]]
        if len(run) >= 2 and _SENTENCE_END.search(text[max(0, first[0] - 3) : first[0]]) is not None:
            # A sentence's first word joins a name only when a capitalised word follows it directly.
            if not text[first[1] : words[run[1]][0]].isspace():
                run = run[1:]
        if len(run) >= 2:
            spans.append((words[run[0]][0], words[run[-1]][1]))
        i = run[-1] + 1 if len(run) >= 2 else i + 1
    return spans


def _next_capitalised(text: str, words: list[tuple[int, int, str]], last: int, j: int) -> int | None:
    """The index of the capitalised word that continues a name after ``words[last]``, if any."""
    end = words[last][1]
    gap = text[end : words[j][0]]
    if _capitalised(words[j][2]):
        if gap.isspace() or re.fullmatch(r",\s+|\s*-\s*", gap):
            return j
        if gap.startswith(".") and gap[1:].isspace() and _INITIAL.fullmatch(words[last][2]):
            return j  # "John F. Kennedy"
        return None
    # Up to two small words between capitalised ones: "Organisation for the Prohibition".
    k = j
    while k < len(words) and k - j < 2 and words[k][2] in CONNECTORS:
        if not text[words[k - 1][1] if k > j else end : words[k][0]].isspace():
            return None
        k += 1
    if k == j or k >= len(words) or not _capitalised(words[k][2]):
        return None
    if not text[words[k - 1][1] : words[k][0]].isspace():
        return None
    return k


def short_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` is capitalised where a sentence would not capitalise it:
    a name cut short ("the Center", "the Organisation", meaning one named before). An
    acronym ("UN") is capitalised by itself and is not one."""
    m = _WORD.match(text, start)
    if m is None or not m.group()[0].isupper() or m.group().isupper():
        return False
    return _SENTENCE_END.search(text[max(0, start - 3) : start]) is None


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``..``end`` lies within one of ``spans`` (sorted, as :func:`name_spans` gives)."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
