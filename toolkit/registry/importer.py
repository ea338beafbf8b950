"""Import resolution lists from CSV: a simple ``symbol,date,title`` file, or UN voting data.

The UN Dag Hammarskjöld Library's voting data has one row per Member State per
resolution, and its column names differ between editions, so columns are
mapped by meaning (a table of synonyms) and the mapping used is reported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.dates import parse_date
from toolkit.errors import InputError
from toolkit.symbols import parse as parse_symbol

#: Meaning -> header names that carry it (lower case, spaces and hyphens as underscores).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "symbol": ("symbol", "resolution", "resolutions", "resolution_symbol", "document_symbol", "res_symbol", "adopted_text"),
    # The last two are free text ("Adopted without a vote | 40th meeting, 6 October 2022"):
    # the date is found in the words.
    "date": ("date", "vote_date", "adoption_date", "date_of_vote", "voting_date", "action_taken", "action"),
    "status": ("status",),
    "title": ("title", "resolution_title"),
    "meeting": ("meeting", "meeting_record", "meeting_symbol"),
    "undl": ("undl_id", "undl_record", "record_id", "undl_link"),
    "member": ("ms_code", "ms_codes", "ms_name", "ms_names", "country", "member_state", "country_code"),
    "member_vote": ("ms_vote", "ms_votes", "vote", "country_vote"),
    "yes": ("yes", "yes_votes", "total_yes"),
    "no": ("no", "no_votes", "total_no"),
    "abstain": ("abstentions", "abstention", "abstain", "total_abstentions"),
}


@dataclass
class ImportResult:
    shape: str  # "list" or "voting data"
    mapping: dict[str, str]
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    #: (line, what was not read): rows imported without some fact, such as a date.
    partial: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Record:
    symbol: str
    key: str
    organ: str
    date: str | None
    title: str | None = None
    meeting: str | None = None
    undl: str | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    line: int = 0


def _norm(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower().lstrip("\ufeff"))


def map_columns(headers: list[str]) -> dict[str, str]:
    """Meaning -> the header that carries it, for the headers present."""
    normalised = {_norm(h): h for h in headers}
    mapping = {}
    for meaning, names in SYNONYMS.items():
        for name in names:
            if name in normalised:
                mapping[meaning] = normalised[name]
                break
    return mapping


def read_rows(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if raw.startswith(b"PK\x03\x04"):
        return _spreadsheet_rows(str(path), raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise InputError(str(path), "empty file: expected a CSV with a header row")
    return list(reader.fieldnames), list(reader)


def _spreadsheet_rows(path: str, raw: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The rows of a spreadsheet's sheet named "data", else of the first whose header names a symbol."""
    from toolkit.registry.spreadsheet import sheets

    found = sheets(path, raw)
    order = sorted(found, key=lambda name: name.lower() != "data")
    for name in order:
        rows = found[name]
        if rows and "symbol" in map_columns(rows[0]):
            headers = rows[0]
            return headers, [dict(zip(headers, r + [""] * (len(headers) - len(r)))) for r in rows[1:]]
    raise InputError(path, f"no sheet with a symbol column (sheets: {', '.join(found) or 'none'})")


#: A bare number as lists of one organ write them ("51/3" in the Human Rights Council's).
_BARE = re.compile(r"^(?:S-)?\d{1,4}/\d{1,4}$")


def parse_iso(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value[: len(dt.datetime(2000, 1, 1).strftime(fmt))], fmt).date().isoformat()
        except ValueError:
            continue
    found = parse_date(value)
    return found.isoformat() if found else None


def records(path: str | Path, organ: str | None = None) -> tuple[ImportResult, list[_Record]]:
    """Read a CSV (or a spreadsheet) of either shape into one record per resolution.

    ``organ`` names the organ of a list whose symbols are bare numbers ("51/3"): they
    are read as that organ's ("A/HRC/RES/51/3"); without it such a list is refused, since
    "51/3" would otherwise be read as a General Assembly resolution."""
    headers, rows = read_rows(path)
    series = _series(str(path), organ)
    mapping = map_columns(headers)
    if "symbol" not in mapping or "date" not in mapping:
        raise InputError(
            str(path),
            "not a resolution list or voting data: need a symbol column and a date column "
            f"(found: {', '.join(headers[:12])})",
        )
    voting = "member" in mapping or "member_vote" in mapping
    result = ImportResult("voting data" if voting else "list", mapping)
    used = set(mapping.values())
    result.ignored_columns = [h for h in headers if h not in used]
    grouped: dict[str, _Record] = {}
    tallies: dict[str, Counter] = {}
    for line, row in enumerate(rows, start=2):
        raw_symbol = (row.get(mapping["symbol"]) or "").strip()
        if not raw_symbol:
            result.rejected.append((line, "no symbol"))
            continue
        if "status" in mapping and (status := (row.get(mapping["status"]) or "").strip()) and status.lower() != "adopted":
            result.rejected.append((line, f"{raw_symbol}: {status}, not adopted"))
            continue
        if _BARE.match(raw_symbol.rstrip(". ")):  # "51/3", and "2/2." as some rows write it
            raw_symbol = raw_symbol.rstrip(". ")
            if series is None:
                raise InputError(
                    str(path),
                    f"line {line}: {raw_symbol!r} is a bare number; say whose with --organ (\"Human Rights Council\")",
                )
            raw_symbol = series + raw_symbol
        symbol = parse_symbol(raw_symbol)
        if symbol is None:
            result.rejected.append((line, f"{raw_symbol!r} is not a resolution symbol"))
            continue
        raw_date = (row.get(mapping["date"]) or "").strip()
        date = parse_iso(raw_date)
        free_text = _norm(mapping["date"]) in ("action_taken", "action")
        if raw_date and date is None and not free_text:
            result.rejected.append((line, f"{raw_date!r} is not a date"))
            continue
        if date is None and free_text:
            result.partial.append((line, f"{symbol.text}: no date in {mapping['date']!r}" + (f" ({raw_date[:60]!r})" if raw_date else "")))
        rec = grouped.get(symbol.key)
        if rec is None:
            rec = grouped[symbol.key] = _Record(symbol.text, symbol.key, symbol.organ, date, line=line)
            tallies[symbol.key] = Counter()
        elif not voting:
            result.rejected.append((line, f"{symbol.text} repeats line {rec.line}"))
            continue
        for meaning in ("title", "meeting", "undl"):
            if meaning in mapping and not getattr(rec, meaning):
                value = (row.get(mapping[meaning]) or "").strip()
                setattr(rec, meaning, value or None)
        for meaning in ("yes", "no", "abstain"):
            if meaning in mapping and getattr(rec, meaning) is None:
                value = (row.get(mapping[meaning]) or "").strip()
                setattr(rec, meaning, int(value) if value.isdigit() else None)
        if "member_vote" in mapping:
            tallies[symbol.key][(row.get(mapping["member_vote"]) or "").strip().upper()[:1]] += 1
    for key, rec in grouped.items():
        tally = tallies[key]
        if tally and rec.yes is None:
            rec.yes, rec.no, rec.abstain = tally["Y"], tally["N"], tally["A"]
    return result, list(grouped.values())


_FIELDS = ("symbol", "organ", "adoption_date", "title", "meeting_record", "undl_record", "votes_yes", "votes_no", "votes_abstain")


def _series(path: str, organ: str | None) -> str | None:
    """The resolution series of the organ named: "A/HRC/RES/" for the Human Rights Council."""
    if organ is None:
        return None
    from toolkit import organs

    name = organs.canonical_name(organ) or organ
    for known in organs.ORGANS:
        if known.name == name:
            return known.resolutions
    raise InputError(path, f"--organ {organ!r}: no such organ (for example \"Human Rights Council\", \"Security Council\")")


def import_csv(conn: sqlite3.Connection, path: str | Path, organ: str | None = None) -> ImportResult:
    """Import a CSV or spreadsheet into the registry in one transaction: all of it, or nothing."""
    result, recs = records(path, organ)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for rec in recs:
            values = (rec.symbol, rec.organ, rec.date, rec.title, rec.meeting, rec.undl, rec.yes, rec.no, rec.abstain)
            row = conn.execute(f"SELECT id, {', '.join(_FIELDS)} FROM documents WHERE key = ?", (rec.key,)).fetchone()
            source = f"list:{Path(path).name}" if rec.date else None
            if row is None:
                conn.execute(
                    f"INSERT INTO documents (key, {', '.join(_FIELDS)}, session, number, date_source)"
                    f" VALUES (?, {', '.join('?' * len(_FIELDS))}, ?, ?, ?)",
                    (rec.key, *values, _session(rec.symbol), _number(rec.symbol), source),
                )
                result.new += 1
                continue
            # Keep what is known when the new file leaves a field empty.
            merged = tuple(v if v is not None else row[f] for f, v in zip(_FIELDS, values))
            if merged == tuple(row[f] for f in _FIELDS):
                result.unchanged += 1
            else:
                conn.execute(
                    f"UPDATE documents SET {', '.join(f + ' = ?' for f in _FIELDS)} WHERE id = ?", (*merged, row["id"])
                )
                if rec.date and rec.date != row["adoption_date"]:
                    conn.execute("UPDATE documents SET date_source = ? WHERE id = ?", (source, row["id"]))
                result.updated += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return result


def _session(symbol: str) -> int | None:
    m = re.match(r"A/RES/(\d+)/", symbol)
    return int(m[1]) if m else None


def _number(symbol: str) -> str | None:
    m = re.match(r"(?:A|S|E|A/HRC)/RES/(.+)$", symbol)
    return m[1] if m else None
