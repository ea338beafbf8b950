"""Answer what the checks ask of the registry: is this resolution known, and when was it adopted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from toolkit.symbols import parse


@dataclass(frozen=True, slots=True)
class Record:
    symbol: str
    organ: str | None
    adoption_date: dt.date | None
    title: str | None


class Registry:
    """Read access to a registry file (``lookup`` is what the citation rules call)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._cache: dict[str, Record | None] = {}

    def lookup(self, symbol: str) -> Record | None:
        sym = parse(symbol)
        if sym is None:
            return None
        if sym.key not in self._cache:
            row = self.conn.execute(
                "SELECT symbol, organ, adoption_date, title FROM documents WHERE key = ? AND status = 'adopted'", (sym.key,)
            ).fetchone()
            self._cache[sym.key] = (
                Record(
                    row["symbol"],
                    row["organ"],
                    dt.date.fromisoformat(row["adoption_date"]) if row["adoption_date"] else None,
                    row["title"],
                )
                if row
                else None
            )
        return self._cache[sym.key]

    def stats(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "with_date": q("SELECT count(*) FROM documents WHERE adoption_date IS NOT NULL").fetchone()[0],
            "indexed": q("SELECT count(*) FROM documents WHERE content_hash IS NOT NULL").fetchone()[0],
            "paragraphs": q("SELECT count(*) FROM paragraphs").fetchone()[0],
            "footnotes": q("SELECT count(*) FROM footnotes").fetchone()[0],
            "citations": q("SELECT count(*) FROM citations").fetchone()[0],
        }

    def by_organ(self) -> dict[str, int]:
        return {
            (row[0] or "unknown"): row[1]
            for row in self.conn.execute("SELECT organ, count(*) FROM documents GROUP BY organ ORDER BY 2 DESC")
        }
