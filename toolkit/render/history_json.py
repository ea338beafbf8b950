"""A history as JSON."""

from __future__ import annotations

import json
from typing import Any

from toolkit import __version__
from toolkit.history import History


def render(h: History) -> str:
    return json.dumps(to_dict(h), ensure_ascii=False, indent=2) + "\n"


def to_dict(h: History) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "untk_version": __version__,
        "versions": [
            {
                "version": i,
                "path": d.source.path,
                "symbol": d.metadata.symbol,
                "adoption_date": d.metadata.adoption_date.isoformat() if d.metadata.adoption_date else None,
            }
            for i, d in enumerate(h.versions)
        ],
        "paragraphs": [
            {"id": l.id, "first_version": l.first_version, "changed_in": list(l.changed_in), "ids": list(l.ids)}
            for l in h.paragraphs
        ],
        "dropped": [{"version": d.version, "id": d.id, "text": d.text} for d in h.dropped],
    }
