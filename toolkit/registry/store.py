"""The SQLite store: where it lives, how it is opened, and its versioned schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from toolkit.errors import UntkError
from toolkit.registry.location import default_path

#: Each entry upgrades the schema by one version; never edit a released entry.
MIGRATIONS: tuple[str, ...] = (
    # 1: documents, paragraphs with full-text search, footnotes, citations.
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        symbol TEXT NOT NULL,
        organ TEXT,
        session INTEGER,
        number TEXT,
        adoption_date TEXT,
        title TEXT,
        meeting_record TEXT,
        undl_record TEXT,
        votes_yes INTEGER,
        votes_no INTEGER,
        votes_abstain INTEGER,
        source_path TEXT,
        content_hash TEXT
    );
    CREATE TABLE paragraphs (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        element TEXT NOT NULL,
        kind TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (document_id, element)
    );
    CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
        text, content='paragraphs', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TABLE footnotes (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE citations (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        element TEXT,
        cited_key TEXT NOT NULL,
        cited_symbol TEXT NOT NULL,
        stated_date TEXT
    );
    CREATE INDEX citations_cited ON citations(cited_key);
    CREATE INDEX citations_document ON citations(document_id);
    CREATE INDEX paragraphs_document ON paragraphs(document_id);
    """,
    # 2: term statistics of the full-text index, for choosing a query's rarest words.
    """
    CREATE VIRTUAL TABLE paragraphs_vocab USING fts5vocab(paragraphs_fts, 'row');
    """,
    # 3: finding an indexed file by its path and content without reading every document.
    """
    CREATE INDEX documents_source ON documents(source_path, content_hash);
    """,
    # 4: what a document is (adopted text or draft: only adopted texts are agreed language),
    # and every file that holds it, so that two copies of one resolution are both known.
    """
    ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'adopted';
    UPDATE documents SET status = 'draft' WHERE key LIKE 'FILE:%';
    CREATE TABLE sources (
        path TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL
    );
    INSERT OR IGNORE INTO sources (path, document_id, content_hash)
        SELECT source_path, id, content_hash FROM documents WHERE source_path IS NOT NULL AND content_hash IS NOT NULL;
    CREATE INDEX sources_document ON sources(document_id);
    """,
    # 5: where a document's adoption date comes from: "list:<file>" (an imported list) or
    # "text:<file>" (the adopted text itself), so that a check can name its source.
    """
    ALTER TABLE documents ADD COLUMN date_source TEXT;
    UPDATE documents SET date_source = CASE
        WHEN adoption_date IS NULL THEN NULL
        WHEN content_hash IS NOT NULL AND status = 'adopted' THEN 'text:' || source_path
        ELSE 'list' END;
    CREATE INDEX citations_key_date ON citations(cited_key, stated_date);
    """,
)


class RegistryError(UntkError):
    """A registry file that cannot be opened or used."""


def connect(path: str | Path | None = None, create: bool = True) -> sqlite3.Connection:
    """Open (and create or upgrade) the registry: WAL, foreign keys, a busy timeout for concurrent use."""
    db = Path(path) if path else default_path()
    if not create and not db.exists():
        raise RegistryError(f"{db}: no registry here (create one with 'untk registry import' or 'untk index')")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(db, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        _migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{db}: not a usable registry ({exc})") from None
    except OSError as exc:
        raise RegistryError(f"{db}: {exc.strerror or exc}") from None
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _migrate(conn: sqlite3.Connection) -> None:
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise sqlite3.DatabaseError(f"schema version {current} is newer than this untk knows ({len(MIGRATIONS)})")
    for version in range(current, len(MIGRATIONS)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers hold semicolons of their own)."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            current = []
    if "\n".join(current).strip():
        out.append("\n".join(current))
    return out
