"""The citation network of the registry: resolutions as nodes, citations as edges."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr


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
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="symbol" for="node" attr.name="symbol" attr.type="string"/>',
        '  <key id="organ" for="node" attr.name="organ" attr.type="string"/>',
        '  <key id="date" for="node" attr.name="date" attr.type="string"/>',
        '  <key id="title" for="node" attr.name="title" attr.type="string"/>',
        '  <key id="paragraph" for="edge" attr.name="paragraph" attr.type="string"/>',
        '  <key id="stated_date" for="edge" attr.name="stated_date" attr.type="string"/>',
        '  <graph id="citations" edgedefault="directed">',
    ]
    for n in nodes:
        out.append(f"    <node id={quoteattr(n.key)}>")
        for name in ("symbol", "organ", "date", "title"):
            value = getattr(n, name)
            if value:
                out.append(f'      <data key="{name}">{escape(value)}</data>')
        out.append("    </node>")
    for i, e in enumerate(edges):
        out.append(f'    <edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(e.target)}>')
        if e.paragraph:
            out.append(f'      <data key="paragraph">{escape(e.paragraph)}</data>')
        if e.stated_date:
            out.append(f'      <data key="stated_date">{escape(e.stated_date)}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"
