"""Provenance of a draft: which paragraphs are agreed language, which are modified, which are new."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass

from toolkit.model import Document
from toolkit.redline import redline
from toolkit.registry.search import search
from toolkit.similarity import containment, profile, similarity

#: A paragraph is agreed language when all its words and word pairs stand in an adopted one.
AGREED = 0.999
#: At or above this it is agreed language, modified.
MODIFIED = 0.5


@dataclass(frozen=True, slots=True)
class SourceRef:
    symbol: str
    paragraph: str
    date: str | None
    similarity: float


@dataclass(frozen=True, slots=True)
class Provenance:
    paragraph: str
    status: str  # "agreed", "modified" or "new"
    sources: tuple[SourceRef, ...]
    new_words: tuple[str, ...]


def provenance(conn: sqlite3.Connection, doc: Document) -> list[Provenance]:
    """For each paragraph and subparagraph of ``doc``: its status and the earliest indexed sources."""
    own_path = os.path.abspath(doc.source.path)
    out = []
    for element in doc.walk_all():
        text = element.text
        if not text.strip():
            continue
        wanted = profile(text)
        candidates = []
        contained = {}
        for hit in search(conn, text, "near", limit=8, exclude_key=own_path):
            have = profile(hit.text)
            # A paragraph cut from a longer agreed one (a split) is agreed language too.
            inside = containment(wanted, have)
            sim = round(max(similarity(wanted, have), inside), 4)
            if sim >= MODIFIED:
                candidates.append((hit, sim))
                contained[id(hit)] = inside
        if not candidates:
            out.append(Provenance(element.id, "new", (), tuple(_words(text))))
            continue
        best_sim = max(sim for _, sim in candidates)
        status = "agreed" if max(contained.values()) >= AGREED else "modified"
        # Sources of the best wording, earliest first: agreed language is as old as its first adoption.
        close = [(h, s) for h, s in candidates if s >= best_sim - 0.02]
        close.sort(key=lambda hs: (hs[0].date or "9999", hs[0].symbol))
        sources = tuple(SourceRef(h.symbol, h.paragraph, h.date, s) for h, s in close)
        best = max(candidates, key=lambda hs: hs[1])[0]
        new_words = [] if status == "agreed" else _words(" ".join(t for op, t in redline(best.text, text) if op == "+"))
        out.append(Provenance(element.id, status, sources, tuple(new_words)))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[-'\u2019]\w+)*", text)
