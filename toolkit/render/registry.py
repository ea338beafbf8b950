"""What the registry knows and what was put in it (``untk registry``, ``untk index``):
for the terminal, and as JSON where programs read it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Sequence

from toolkit.registry.lookup import Record
from toolkit.registry.summary import Summary

if TYPE_CHECKING:
    from toolkit.registry.importer import ImportResult
    from toolkit.registry.index import IndexResult
    from toolkit.registry.lookup import Evidence


def record_text(record: Record) -> str:
    """A resolution's symbol, then its organ, adoption date and title ('-' for unknown)."""
    return (
        f"{record.symbol}\n"
        f"  organ    {record.organ or '-'}\n"
        f"  adopted  {record.adoption_date.isoformat() if record.adoption_date else '-'}\n"
        f"  title    {record.title or '-'}\n"
    )


def summary_text(summary: Summary) -> str:
    """The registry's path, its counts, its documents per organ and where its dates come from."""
    lines = [summary.path]
    lines += [f"  {name:<12} {count}" for name, count in summary.counts]
    lines += [f"  {organ:<28} {count}" for organ, count in summary.organs]
    lines.append("  adoption dates from:")
    lines += [f"    {source:<26} {count}" for source, count in summary.date_sources]
    return "".join(line + "\n" for line in lines)


def record_json(record: Record) -> str:
    """A resolution's record as JSON (``toolkit/schemas/registry-record.schema.json``)."""
    return json.dumps({
        "symbol": record.symbol,
        "organ": record.organ,
        "adoption_date": record.adoption_date.isoformat() if record.adoption_date else None,
        "title": record.title,
        "date_source": record.date_source,
    }, ensure_ascii=False, indent=2) + "\n"


def summary_json(summary: Summary) -> str:
    """The registry's counts as JSON (``toolkit/schemas/registry-stats.schema.json``)."""
    return json.dumps({
        "path": summary.path,
        "counts": dict(summary.counts),
        "organs": [{"organ": organ, "documents": n} for organ, n in summary.organs],
        "date_sources": [{"source": source, "documents": n} for source, n in summary.date_sources],
    }, ensure_ascii=False, indent=2) + "\n"


def import_text(source: str, result: ImportResult, registry: str) -> str:
    """How ``source`` was read (its shape and columns), each line not read or read without
    its date, then the counts."""
    mapping = ", ".join(f"{meaning} <- {column}" for meaning, column in result.mapping.items())
    lines = [f"{source}: read as {result.shape} ({mapping})"]
    if result.ignored_columns:
        lines.append(f"  columns not used: {', '.join(result.ignored_columns)}")
    lines += [f"{source}:{line}: rejected: {reason}" for line, reason in result.rejected]
    lines += [f"{source}:{line}: imported without a date: {reason}" for line, reason in result.partial]
    lines.append(
        f"{result.new} new, {result.updated} updated, {result.unchanged} unchanged, "
        f"{len(result.rejected)} rejected -> {registry}"
    )
    return "".join(line + "\n" for line in lines)


def index_text(result: IndexResult, registry: str) -> str:
    """The counts of an indexing run (its warnings go to stderr, one by one, as they are)."""
    n = len(result.copies)
    copies = f", {n} {'copy' if n == 1 else 'copies'} of stored documents" if n else ""
    return (
        f"{result.new} new, {result.updated} updated, {result.unchanged} unchanged{copies}, {len(result.failed)} failed"
        f" -> {registry}\n"
    )


def conflicts_text(found: Sequence[tuple[str, Record | None, Sequence[Evidence]]]) -> str:
    """Each resolution whose dates disagree: the recorded date, then each date stated for it."""
    from toolkit.dates import format_date

    lines = []
    for symbol, record, evidence in found:
        recorded = record and record.adoption_date
        fact = f"{format_date(record.adoption_date)} ({record.date_source or 'registry'})" if recorded else "no recorded date"
        lines.append(f"{symbol}: {fact}")
        lines += [f"    {format_date(e.date)}  stated by {e.citing}" + (f" {e.element}" if e.element else "") for e in evidence]
    lines.append(f"{len(found)} {'resolution' if len(found) == 1 else 'resolutions'} with dates that disagree")
    return "".join(line + "\n" for line in lines)
