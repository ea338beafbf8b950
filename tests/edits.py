"""Edit scripts over real paragraphs, with the alignment they should produce.

An edit script turns an old list of paragraphs into a new one by insertions,
deletions, moves, splits, merges and word edits (touching up to 30% of a
paragraph's words); it records the truth as pairs of old and new positions.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from conftest import SEED, SHARED

WORD_POOL = (
    "Member States international cooperation strengthen promote ensure effective relevant "
    "regional national measures support framework capacity urgent appropriate particular "
    "continued comprehensive sustainable development peace security human rights law"
).split()


def paragraph_pool(limit: int = 3000) -> list[str]:
    """Real paragraphs: the seed's, and the Security Council corpus's when it is beside the checkout."""
    from toolkit.readers import read_document

    texts = [p.full_text for p in read_document(str(SEED)).paragraphs]
    folder = SHARED / "corpus" / "unsc"
    if folder.exists():
        for path in sorted(folder.glob("S_RES_*.txt"))[::3]:
            try:
                doc = read_document(str(path))
            except Exception:
                continue
            texts += [p.full_text for p in doc.paragraphs]
            if len(texts) > limit:
                break
    seen: set[str] = set()
    unique = []
    for t in texts:
        key = " ".join(t.split()).casefold()
        if len(t.split()) >= 6 and key not in seen:
            seen.add(key)
            unique.append(" ".join(t.split()))
    return unique


@dataclass(frozen=True)
class Case:
    old: list[str]
    new: list[str]
    truth: set[tuple[str, tuple[int, ...], tuple[int, ...]]]  # (op, old positions, new positions)


def edit_words(text: str, rng: random.Random, share: float) -> str:
    """Replace, insert or delete up to ``share`` of a paragraph's words."""
    words = text.split()
    changes = max(1, int(len(words) * share))
    for _ in range(changes):
        i = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.5:
            words[i] = rng.choice(WORD_POOL)
        elif roll < 0.75:
            words.insert(i, rng.choice(WORD_POOL))
        elif len(words) > 4:
            del words[i]
    return " ".join(words)


def split_point(text: str) -> int | None:
    """Where a paragraph can be cut in two: at a comma or semicolon near the middle."""
    cuts = [m.end() for m in re.finditer(r"[,;] ", text)]
    if not cuts:
        return None
    middle = len(text) / 2
    cut = min(cuts, key=lambda c: abs(c - middle))
    if cut < 40 or len(text) - cut < 40:
        return None
    return cut


def make_case(pool: list[str], rng: random.Random, size: int | None = None) -> Case:
    size = size or rng.randint(8, 60)
    chosen = rng.sample(pool, size + 10)
    old, spare = chosen[:size], chosen[size:]
    # Each item: (text, origin) where origin is ("keep"|"modify"|"move"|"insert"|"split"|"merge", old positions).
    items: list[tuple[str, str, tuple[int, ...]]] = []
    moved: list[tuple[str, str, tuple[int, ...]]] = []
    i = 0
    while i < len(old):
        roll = rng.random()
        text = old[i]
        if roll < 0.05:
            i += 1  # deleted
            continue
        if roll < 0.10:
            moved.append((text, "move", (i,)))
        elif roll < 0.22:
            items.append((edit_words(text, rng, rng.uniform(0.05, 0.3)), "modify", (i,)))
        elif roll < 0.26 and (cut := split_point(text)):
            items.append((text[:cut].rstrip(), "split", (i,)))
            items.append((text[cut:].strip(), "split", (i,)))
        elif roll < 0.30 and i + 1 < len(old):
            items.append((old[i] + " " + old[i + 1], "merge", (i, i + 1)))
            i += 2
            continue
        else:
            items.append((text, "keep", (i,)))
        if rng.random() < 0.05 and spare:
            items.append((spare.pop(), "insert", ()))
        i += 1
    for entry in moved:
        items.insert(rng.randrange(len(items) + 1), entry)
    new = [text for text, _, _ in items]
    truth: dict[tuple[int, ...], list[int]] = {}
    ops: dict[tuple[int, ...], str] = {}
    for j, (_, op, origin) in enumerate(items):
        if op == "insert":
            truth[("insert", j)] = [j]  # type: ignore[index]
            ops[("insert", j)] = "insert"  # type: ignore[index]
            continue
        truth.setdefault(origin, []).append(j)
        ops[origin] = op
    pairs = set()
    for origin, news in truth.items():
        if ops[origin] == "insert":
            pairs.add(("insert", (), tuple(news)))
        else:
            pairs.add((ops[origin], tuple(origin), tuple(news)))
    present = {o for origin in truth if ops[origin] != "insert" for o in origin}
    for o in range(len(old)):
        if o not in present:
            pairs.add(("delete", (o,), ()))
    return Case(old, new, pairs)
