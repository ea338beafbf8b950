"""The citation network of the registry: resolutions as nodes, citations as edges."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    symbol: str
    organ: str | None
    date: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # citing document key
    target: str  # cited document key
    paragraph: str | None
    stated_date: str | None


def citation_graph(conn: sqlite3.Connection) -> tuple[list[Node], list[Edge]]:
    """Every citation between documents, with the documents at either end (cited ones may be unknown)."""
    edges = [
        Edge(row["citing"], row["cited_key"], row["element"], row["stated_date"])
        for row in conn.execute(
            "SELECT d.key AS citing, c.cited_key, c.element, c.stated_date FROM citations c JOIN documents d ON d.id = c.document_id ORDER BY d.key, c.id"
        )
    ]
    keys = {e.source for e in edges} | {e.target for e in edges}
    known = {
        row["key"]: Node(row["key"], row["symbol"], row["organ"], row["adoption_date"], row["title"])
        for row in conn.execute("SELECT key, symbol, organ, adoption_date, title FROM documents")
        if row["key"] in keys
    }
    cited_symbols = {row[0]: row[1] for row in conn.execute("SELECT cited_key, cited_symbol FROM citations")}
    nodes = [known.get(k) or Node(k, cited_symbols.get(k, k), None, None, None) for k in sorted(keys)]
    return nodes, edges


def to_graphml(nodes: list[Node], edges: list[Edge]) -> str:
    """The graph as GraphML (built by :func:`toolkit.render.graph.graphml`)."""
    from toolkit.render.graph import graphml

    return graphml((nodes, edges))
