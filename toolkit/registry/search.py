"""Agreed-language search: find indexed paragraphs that say what a phrase says.

``exact`` mode finds the phrase as written (FTS5 phrase query). ``near`` mode
finds near-verbatim wording: the query's rarest content words fetch candidates
from the full-text index, and candidates are ranked by how much of the query's
wording (words and word pairs) they contain, so a changed word still finds its
paragraph.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, replace

from toolkit.similarity import STOPWORDS, containment, profile, similarity

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: How many candidates the full-text index hands to the ranking.
CANDIDATES = 120


@dataclass(frozen=True, slots=True)
class Hit:
    symbol: str
    paragraph: str
    date: str | None
    score: float
    text: str
    spans: tuple[tuple[int, int], ...]  # where the query's wording is in ``text``
    path: str | None = None


def search(
    conn: sqlite3.Connection,
    query: str,
    mode: str = "near",
    limit: int = 10,
    exclude_key: str | None = None,
    drafts: bool = False,
) -> list[Hit]:
    """The best-matching indexed paragraphs, best first: of adopted texts only (agreed
    language), unless ``drafts`` asks for indexed drafts too."""
    words = [w.casefold() for w in _TOKEN.findall(query)]
    if not words:
        return []
    if mode == "exact":
        match = '"' + " ".join(words) + '"'
        rows = _candidates(conn, match, limit * 5, drafts)
        hits = []
        for row in rows:
            spans = _phrase_spans(row["text"], words)
            if spans:
                hits.append(_hit(row, 1.0, spans))
        return _rank(hits, exclude_key, limit)
    content = [w for w in dict.fromkeys(words) if w not in STOPWORDS and len(w) > 2] or list(dict.fromkeys(words))
    rare = _rarest(conn, content, 8)
    if not rare:
        return []
    rows = _candidates(conn, " OR ".join(f'"{w}"' for w in rare), CANDIDATES, drafts)
    wanted = profile(query)
    hits = []
    for row in rows:
        have = profile(row["text"])
        score = round(0.7 * containment(wanted, have) + 0.3 * similarity(wanted, have), 4)
        if score >= 0.3:
            hits.append(_hit(row, score, ()))
    # Only the hits shown get their matching stretches (a word-level diff each).
    return [replace(h, spans=_matching_spans(query, h.text)) for h in _rank(hits, exclude_key, limit)]


def _candidates(conn: sqlite3.Connection, match: str, limit: int, drafts: bool = False) -> list[sqlite3.Row]:
    adopted = "" if drafts else "AND d.status = 'adopted'"
    return conn.execute(
        f"""
        SELECT p.text, p.element, d.symbol, d.adoption_date, d.key, d.source_path
        FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id
        WHERE paragraphs_fts MATCH ? {adopted} ORDER BY bm25(paragraphs_fts) LIMIT ?
        """,
        (match, limit),
    ).fetchall()


#: Words in more than this share of paragraphs fetch too many candidates to be worth it.
COMMON_SHARE = 0.05


def _rarest(conn: sqlite3.Connection, words: list[str], n: int) -> list[str]:
    """The query words found in the fewest paragraphs (a word in none cannot find anything).

    Words found in more than ``COMMON_SHARE`` of all paragraphs are left out (at least
    three words stay), since each such word makes the index rank a large part of the registry.
    """
    marks = ",".join("?" * len(words))
    rows = conn.execute(f"SELECT term, doc FROM paragraphs_vocab WHERE term IN ({marks})", words).fetchall()
    counts = sorted((row["doc"], row["term"]) for row in rows if row["doc"])
    total = conn.execute("SELECT max(rowid) FROM paragraphs").fetchone()[0] or 1
    rare = [term for doc, term in counts if doc <= COMMON_SHARE * total]
    if len(rare) < 3:
        rare = [term for _, term in counts[:3]]
    return rare[:n]


def _hit(row: sqlite3.Row, score: float, spans: tuple[tuple[int, int], ...]) -> Hit:
    return Hit(row["symbol"], row["element"], row["adoption_date"], score, row["text"], spans, row["source_path"])


def _rank(hits: list[Hit], exclude_key: str | None, limit: int) -> list[Hit]:
    if exclude_key:
        hits = [h for h in hits if h.path != exclude_key]
    # Best score first; among equals, the earliest adopted (agreed language is older).
    hits.sort(key=lambda h: (-h.score, h.date or "9999", h.symbol, h.paragraph))
    return hits[:limit]


def _phrase_spans(text: str, words: list[str]) -> tuple[tuple[int, int], ...]:
    tokens = [(m.group().casefold(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(words)
    spans = []
    for i in range(len(tokens) - n + 1):
        if [t[0] for t in tokens[i : i + n]] == words:
            spans.append((tokens[i][1], tokens[i + n - 1][2]))
    return tuple(spans)


def _matching_spans(query: str, text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of ``text`` made of word pairs that the query also has."""
    wanted = [w.casefold() for w in _TOKEN.findall(query)]
    pairs = set(zip(wanted, wanted[1:]))
    tokens = [(m.group().casefold(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    for (a, start, _), (b, _, end) in zip(tokens, tokens[1:]):
        if (a, b) in pairs:
            if spans and start <= spans[-1][1] + 1 or (spans and text[spans[-1][1] : start].strip(" ,;:") == ""):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return tuple(spans)
