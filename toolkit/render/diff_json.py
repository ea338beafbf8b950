"""A comparison as JSON (documented by ``toolkit/schemas/diff.schema.json``)."""

from __future__ import annotations

import json
from typing import Any, Mapping

from toolkit import __version__
from toolkit.comparison import Comparison
from toolkit.model import Document
from toolkit.render.json_model import metadata_dict

SCHEMA_VERSION = 1


def render(comparison: Comparison, change_authors: Mapping | None = None) -> str:
    """``change_authors`` names who made each change (:func:`toolkit.attribution.pair_authors`):
    a pair it credits lists them in ``authors`` (empty elsewhere)."""
    return json.dumps(to_dict(comparison, change_authors), ensure_ascii=False, indent=2) + "\n"


def to_dict(comparison: Comparison, change_authors: Mapping | None = None) -> dict[str, Any]:
    authors = change_authors or {}
    return {
        "schema_version": SCHEMA_VERSION,
        "untk_version": __version__,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "options": {
            "ignore_case": comparison.normalization.case,
            "ignore_whitespace": comparison.normalization.whitespace,
            "ignore_quotes": comparison.normalization.quotes,
            "ignore_dashes": comparison.normalization.dashes,
        },
        "pairs": [
            {
                "op": p.op,
                "section": p.section,
                "old": list(p.old),
                "new": list(p.new),
                "similarity": p.similarity,
                "renumbered": p.renumbered,
                "kind": p.kind,
                "edits": [{"type": e.type, "old": e.old, "new": e.new} for e in p.edits],
                "redline": [[op, text] for op, text in p.redline],
                "authors": list(authors.get((p.section, p.old, p.new), ())),
            }
            for p in comparison.pairs
        ],
        "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in comparison.fields],
        "summary": {**comparison.summary, "identical": comparison.identical, "technical_only": comparison.technical_only},
    }


def _side(doc: Document) -> dict[str, Any]:
    return {"path": doc.source.path, "format": doc.source.format, **metadata_dict(doc.metadata)}
