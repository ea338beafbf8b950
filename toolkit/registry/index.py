"""Index resolution files into the registry: metadata, paragraphs, footnotes, citations.

Files are parsed in worker processes (``jobs``) or on a Dask cluster
(``scheduler``); only this process writes to SQLite, one transaction per file.
A file whose content hash is already stored is skipped.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from toolkit.symbols import parse as parse_symbol

#: File endings untk reads; other files in a folder are passed over.
READABLE = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf")


@dataclass(frozen=True)
class Parsed:
    """What the index keeps of one file (plain data, so it can cross process boundaries)."""

    path: str
    sha256: str
    key: str
    symbol: str
    organ: str | None
    session: int | None
    number: str | None
    adoption_date: str | None
    title: str | None
    paragraphs: tuple[tuple[str, str, int, str], ...]  # (element id, kind, position, text)
    footnotes: tuple[tuple[int, str], ...]
    citations: tuple[tuple[str | None, str, str, str | None], ...]  # (element, cited key, cited symbol, stated date)
    error: str | None = None
    status: str = "adopted"  # or "draft": never agreed language, never a source of facts


#: What a stored document is: an adopted text, or a draft (proposals, amendments, working texts).
STATUSES = ("adopted", "draft")


@dataclass
class IndexResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # found in a folder, no resolution
    #: (path, symbol, the file whose text the registry keeps): another copy of a stored document
    copies: list[tuple[str, str, str]] = field(default_factory=list)


def files_under(paths: Iterable[str]) -> list[str]:
    """The readable files named, and those inside the folders named (sorted, recursively;
    hidden and tool folders left out, as ``untk check`` searches them)."""
    return [path for path, _ in _targets(paths)]


def _targets(paths: Iterable[str]) -> list[tuple[str, bool]]:
    from toolkit.discover import expand

    found = dict(expand(list(paths)))  # path -> found in a folder
    return sorted(found.items())


def file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(path: str, discovered: bool = False) -> Parsed:
    """Read one file for the index; errors are returned, not raised, so one bad file stops nothing.

    A file found in a folder is passed over (``error`` says so, starting "skipped:") when it
    names no organ, draft masthead or amendment: notes and READMEs beside the texts."""
    from toolkit.citations import find_citations
    from toolkit.errors import UntkError
    from toolkit.readers import read_document

    try:
        doc = read_document(path)
    except UntkError as exc:
        if discovered and "does not look like a resolution" in str(exc):
            return Parsed(path, "", "", "", None, None, None, None, None, (), (), (), error=f"skipped: {exc}")
        return Parsed(path, "", "", "", None, None, None, None, None, (), (), (), error=str(exc))
    from toolkit.discover import names_itself

    if discovered and not names_itself(doc):
        return Parsed(path, "", "", "", None, None, None, None, None, (), (), (), error="skipped: no organ line or masthead")
    m = doc.metadata
    sym = parse_symbol(m.symbol) if m.symbol else None
    key = sym.key if sym else f"FILE:{os.path.abspath(path)}"
    status = status_of(doc, sym is not None)
    paragraphs = []
    citations = []
    for position, element in enumerate(doc.walk_all()):  # an annexed declaration's paragraphs too
        kind = "preambular" if element.id.split(".")[-1].startswith("PP") else "operative"
        paragraphs.append((element.id, kind, position, element.text))
        for c in find_citations(element.text, m.organ):
            cited = parse_symbol(c.symbol)
            if cited is not None:
                citations.append((element.id, cited.key, cited.text, c.date.isoformat() if c.date else None))
    for note in doc.footnotes:
        for c in find_citations(note.text, m.organ):
            cited = parse_symbol(c.symbol)
            if cited is not None:
                citations.append((note.id, cited.key, cited.text, c.date.isoformat() if c.date else None))
    return Parsed(
        path=path,
        sha256=doc.source.sha256,
        key=key,
        symbol=sym.text if sym else (m.symbol or os.path.basename(path)),
        organ=m.organ,
        session=m.session_number,
        number=m.resolution_number,
        adoption_date=m.adoption_date.isoformat() if m.adoption_date else None,
        title=m.title,
        paragraphs=tuple(paragraphs),
        footnotes=tuple((n.number, n.text) for n in doc.footnotes),
        citations=tuple(citations),
        status=status,
    )


def status_of(doc, has_symbol: bool) -> str:
    """``adopted`` for a resolution that carries its symbol; ``draft`` for L. documents,
    amendments and working texts (a Markdown redraft with no symbol)."""
    from toolkit.model import DocumentKind

    if doc.kind is not DocumentKind.RESOLUTION or not has_symbol:
        return "draft"
    return "adopted"


def _parse_one(target: tuple[str, bool]) -> Parsed:
    return parse_file(*target)


def _parse_all(targets: list[tuple[str, bool]], jobs: int, scheduler: str | None) -> Iterator[Parsed]:
    """Each (path, found in a folder) parsed: here, in local processes, or on a Dask cluster."""
    if scheduler:
        from dask.distributed import Client

        with Client(scheduler) as client:
            futures = client.map(_parse_one, targets, pure=False)
            for future in futures:
                yield future.result()
        return
    if jobs > 1 and len(targets) > 1:
        from multiprocessing import get_context

        with get_context("spawn").Pool(jobs) as pool:
            yield from pool.imap(_parse_one, targets, chunksize=8)
        return
    for target in targets:
        yield _parse_one(target)


def index(
    conn: sqlite3.Connection,
    paths: Iterable[str],
    jobs: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IndexResult:
    """Index files and folders; unchanged files (same content hash) are skipped before parsing."""
    result = IndexResult()
    todo = []
    targets = _targets(paths)
    discovered = dict(targets)
    for path, _ in targets:
        try:
            digest = file_hash(path)
        except OSError as exc:
            result.failed.append((path, exc.strerror or str(exc)))
            continue
        row = conn.execute(
            "SELECT d.source_path FROM sources s JOIN documents d ON d.id = s.document_id WHERE s.path = ? AND s.content_hash = ?",
            (os.path.abspath(path), digest),
        ).fetchone()
        # A copy whose kept file has gone is read again, to take that file's place.
        if row and (row["source_path"] == os.path.abspath(path) or os.path.exists(row["source_path"] or "")):
            result.unchanged += 1
        else:
            todo.append(path)
    total = len(todo)
    for done, parsed in enumerate(_parse_all([(p, discovered[p]) for p in todo], jobs, scheduler), 1):
        if parsed.error and parsed.error.startswith("skipped: "):
            result.skipped.append((parsed.path, parsed.error[len("skipped: ") :]))
        elif parsed.error:
            result.failed.append((parsed.path, parsed.error))
        else:
            outcome, kept = store(conn, parsed)
            if outcome == "new":
                result.new += 1
            elif outcome == "updated":
                result.updated += 1
            else:
                result.copies.append((parsed.path, parsed.symbol, kept))
        if progress:
            progress(done, total)
    return result


def store(conn: sqlite3.Connection, p: Parsed) -> tuple[str, str]:
    """Write one parsed file in one transaction.

    Returns ``("new", path)``, ``("updated", path)``, or ``("copy", kept)`` when another
    file that still exists already holds this document: its text stays (an adopted text
    is never replaced by a draft), and this file is recorded as a copy, so that the two
    do not replace each other on every run.
    """
    path = os.path.abspath(p.path)
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT id, source_path, status FROM documents WHERE key = ?", (p.key,)).fetchone()
        fields = (p.symbol, p.organ, p.session, p.number, p.adoption_date, p.title, path, p.sha256, p.status)
        if row is not None and _held_elsewhere(row, path, p.status):
            conn.execute(
                "INSERT OR REPLACE INTO sources (path, document_id, content_hash) VALUES (?, ?, ?)", (path, row["id"], p.sha256)
            )
            conn.execute("COMMIT")
            return "copy", row["source_path"]
        if row is None:
            cur = conn.execute(
                "INSERT INTO documents (key, symbol, organ, session, number, adoption_date, title, source_path, content_hash, status,"
                " date_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (p.key, *fields, f"text:{path}" if p.adoption_date and p.status == "adopted" else None),
            )
            doc_id, outcome = cur.lastrowid, "new"
        else:
            doc_id, outcome = row["id"], "updated"
            # What an imported list knew (an official date or title) stays unless the text says otherwise.
            conn.execute(
                "UPDATE documents SET symbol = ?, organ = coalesce(?, organ), session = coalesce(?, session),"
                " number = coalesce(?, number), adoption_date = coalesce(?, adoption_date),"
                " title = coalesce(title, ?), source_path = ?, content_hash = ?, status = ? WHERE id = ?",
                (*fields, doc_id),
            )
            # An adopted text states its own date: a fact from the text, where no list gave one.
            if p.adoption_date and p.status == "adopted":
                conn.execute(
                    "UPDATE documents SET date_source = ? WHERE id = ? AND (date_source IS NULL OR date_source LIKE 'text:%')",
                    (f"text:{path}", doc_id),
                )
            for table in ("paragraphs", "footnotes", "citations"):
                conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
        conn.execute("INSERT OR REPLACE INTO sources (path, document_id, content_hash) VALUES (?, ?, ?)", (path, doc_id, p.sha256))
        conn.executemany(
            "INSERT INTO paragraphs (document_id, element, kind, position, text) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, *para) for para in p.paragraphs],
        )
        conn.executemany("INSERT INTO footnotes (document_id, number, text) VALUES (?, ?, ?)", [(doc_id, *n) for n in p.footnotes])
        conn.executemany(
            "INSERT INTO citations (document_id, element, cited_key, cited_symbol, stated_date) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, *c) for c in p.citations],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return outcome, path


def _held_elsewhere(row: sqlite3.Row, path: str, status: str) -> bool:
    """Whether another existing file's text stands for this document and should stay."""
    held = row["source_path"]
    if held is None or held == path or not os.path.exists(held):
        return False  # a record from an imported list, this very file, or a file gone
    return not (row["status"] == "draft" and status == "adopted")  # the adopted text replaces a draft
