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
    date_source: str | None = None  # "list:<file>" or "text:<file>"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A date another adopted text states for a resolution it cites."""

    citing: str  # the citing text's symbol
    element: str | None  # where in it: "PP1", "FN3"
    date: dt.date


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
                "SELECT symbol, organ, adoption_date, title, date_source FROM documents WHERE key = ? AND status = 'adopted'",
                (sym.key,),
            ).fetchone()
            self._cache[sym.key] = (
                Record(
                    row["symbol"],
                    row["organ"],
                    dt.date.fromisoformat(row["adoption_date"]) if row["adoption_date"] else None,
                    row["title"],
                    row["date_source"],
                )
                if row
                else None
            )
        return self._cache[sym.key]

    def evidence(self, symbol: str, exclude: str | None = None) -> list[Evidence]:
        """The dates adopted texts state when they cite ``symbol`` (drafts never count),
        leaving out the text whose symbol is ``exclude`` (the one being checked)."""
        sym = parse(symbol)
        if sym is None:
            return []
        skip = parse(exclude).key if exclude and parse(exclude) else None
        rows = self.conn.execute(
            "SELECT d.symbol, d.key, c.element, c.stated_date FROM citations c JOIN documents d ON d.id = c.document_id"
            " WHERE c.cited_key = ? AND c.stated_date IS NOT NULL AND d.status = 'adopted' ORDER BY d.symbol, c.id",
            (sym.key,),
        ).fetchall()
        found: dict[str, Evidence] = {}
        for row in rows:
            if row["key"] == skip or row["key"].startswith("FILE:"):
                continue
            found.setdefault(row["symbol"], Evidence(row["symbol"], row["element"], dt.date.fromisoformat(row["stated_date"])))
        return list(found.values())

    def conflicts(self) -> list[tuple[str, Record | None, list[Evidence]]]:
        """Resolutions whose stated dates disagree: between the texts that cite them, or with
        the date the registry records."""
        out = []
        keys = self.conn.execute(
            "SELECT c.cited_key, min(c.cited_symbol) FROM citations c JOIN documents d ON d.id = c.document_id"
            " WHERE c.stated_date IS NOT NULL AND d.status = 'adopted' GROUP BY c.cited_key"
            " HAVING count(DISTINCT c.stated_date) > 1 OR c.cited_key IN"
            " (SELECT key FROM documents WHERE adoption_date IS NOT NULL)"
            " ORDER BY c.cited_key"
        ).fetchall()
        for key, symbol in keys:
            record = self.lookup(symbol)
            evidence = self.evidence(symbol)
            dates = {e.date for e in evidence}
            if len(dates) > 1 or (record and record.adoption_date and dates - {record.adoption_date}):
                out.append((symbol, record, evidence))
        return out

    def sources(self) -> dict[str, int]:
        """How many adoption dates come from where: each imported list, adopted texts, none."""
        out: dict[str, int] = {}
        for source, count in self.conn.execute(
            "SELECT CASE WHEN date_source LIKE 'text:%' THEN 'adopted texts' WHEN date_source IS NULL THEN 'no date'"
            " ELSE date_source END, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
        ):
            out[source] = count
        return out

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
