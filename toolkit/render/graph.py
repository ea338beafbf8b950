"""The registry's citation network (``untk graph``): as GraphML and as JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Sequence
from xml.sax.saxutils import escape, quoteattr

from toolkit.registry.graph import Edge, Node

#: What :func:`toolkit.registry.graph.citation_graph` returns: the resolutions and who cites whom.
Graph = tuple[Sequence[Node], Sequence[Edge]]


def json_text(graph: Graph) -> str:
    """Nodes and edges as JSON (``toolkit/schemas/graph.schema.json``)."""
    return json.dumps(to_dict(graph), ensure_ascii=False, indent=2) + "\n"


def to_dict(graph: Graph) -> dict[str, Any]:
    nodes, edges = graph
    return {"nodes": [dataclasses.asdict(n) for n in nodes], "edges": [dataclasses.asdict(e) for e in edges]}


def graphml(graph: Graph) -> str:
    """Nodes and edges as GraphML, for Gephi, yEd or networkx."""
    nodes, edges = graph
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
