"""What the registry knows (``untk registry show`` and ``stats``): for the terminal and as JSON."""

from __future__ import annotations

import json

from toolkit.registry.lookup import Record
from toolkit.registry.summary import Summary


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
