"""Who made each change of a comparison whose newer side is a Word draft with tracked changes.

``untk diff OFFICIAL DRAFT.docx`` compares the official text with the draft as it reads
with every change accepted. Each tracked change of the draft is met in a pair of that
comparison: text it adds (an insertion, a move's arrival, a formatting change) stands in
the draft's paragraph with the change's accepted id; text it removes stood in the
paragraph with its id in the reading with every change rejected, which is the official
numbering the older side has. A changed pair is credited to the authors of the changes
met in it.
"""

from __future__ import annotations

from toolkit.comparison import Comparison, Pair
from toolkit.readers.docx_revisions import RevisionFacts

#: Changes whose text is gone from the accepted reading: found where they stood before.
_REMOVING = frozenset({"deletion", "move-from", "paragraph-deletion"})

PairKey = tuple[str, tuple[str, ...], tuple[str, ...]]


def key(pair: Pair) -> PairKey:
    return (pair.section, pair.old, pair.new)


def _top(element_id: str | None) -> str | None:
    """``OP4(a)(ii)`` -> ``OP4``, ``ANNEX1.OP8(b)`` -> ``ANNEX1.OP8``: pairs are of whole paragraphs."""
    return element_id.split("(", 1)[0] if element_id else None


def pair_authors(comparison: Comparison, facts: RevisionFacts) -> dict[PairKey, tuple[str, ...]]:
    """For each changed pair, the authors of the tracked changes met in it, in document order."""
    new_at: dict[str, list[str]] = {}
    old_at: dict[str, list[str]] = {}
    for change in facts.changes:
        if change.kind in _REMOVING:
            where, table = _top(change.rejected_paragraph), old_at
        else:
            where, table = _top(change.paragraph), new_at
        if where is not None:
            table.setdefault(where, []).append(change.author)
    found: dict[PairKey, tuple[str, ...]] = {}
    for pair in comparison.changes():
        names = [a for i in pair.new for a in new_at.get(i, ())] + [a for i in pair.old for a in old_at.get(i, ())]
        if names:
            found[key(pair)] = tuple(dict.fromkeys(names))
    return found
