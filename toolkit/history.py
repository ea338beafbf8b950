"""The history of a resolution over a series of versions (60/288, ..., 70/291).

Consecutive versions are compared; each paragraph of the newest version is
traced back through the pairs to the version where it first appeared, noting
each version in which its wording changed. Paragraphs deleted on the way are
listed where they were dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from toolkit.comparison import Comparison, compare
from toolkit.model import Document
from toolkit.normalize import Normalization

_CHANGES = ("modify", "move", "split", "merge")


@dataclass(frozen=True, slots=True)
class Lineage:
    """One paragraph of the newest version and its past.

    ``ids`` holds its id in each version (``None`` before it appeared);
    versions are counted from 0, the oldest.
    """

    id: str
    first_version: int
    changed_in: tuple[int, ...]
    ids: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class Dropped:
    """A paragraph that a version deleted: its id and text in the version before."""

    version: int  # the version that no longer has it
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class History:
    versions: tuple[Document, ...]
    comparisons: tuple[Comparison, ...]
    paragraphs: tuple[Lineage, ...]
    dropped: tuple[Dropped, ...]


def history(versions: Sequence[Document], normalization: Normalization = Normalization()) -> History:
    """Trace every paragraph of the last version back through the earlier ones."""
    if len(versions) < 2:
        raise ValueError("a history needs at least two versions")
    comparisons = tuple(compare(a, b, normalization) for a, b in zip(versions, versions[1:]))
    # For each step k (versions[k] -> versions[k+1]): new id -> (op, old ids).
    back = []
    for comparison in comparisons:
        step = {}
        for pair in comparison.pairs:
            if pair.section == "footnotes":
                continue
            reworded = pair.op in ("split", "merge") or any(op != "=" for op, _ in pair.redline)
            for new_id in pair.new:
                step[new_id] = (pair.op, pair.old, reworded)
        back.append(step)
    lineages = []
    for para in versions[-1].paragraphs + versions[-1].annex_paragraphs:
        ids: list[str | None] = [None] * len(versions)
        ids[-1] = para.id
        changed: list[int] = []
        first = len(versions) - 1
        current = para.id
        for k in range(len(comparisons) - 1, -1, -1):
            op, olds, reworded = back[k].get(current, ("insert", (), True))
            if op == "insert" or not olds:
                break
            if op in _CHANGES and reworded:
                changed.append(k + 1)
            current = olds[0]
            ids[k] = current
            first = k
        lineages.append(Lineage(para.id, first, tuple(sorted(changed)), tuple(ids)))
    dropped = []
    for k, comparison in enumerate(comparisons):
        old_doc = versions[k]
        for pair in comparison.pairs:
            if pair.section != "footnotes" and pair.op == "delete":
                element = old_doc.find(pair.old[0])
                dropped.append(Dropped(k + 1, pair.old[0], element.full_text if element is not None else ""))
    return History(tuple(versions), comparisons, tuple(lineages), tuple(dropped))
