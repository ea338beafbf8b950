"""Versions that come from the browser: uploaded bytes, or a symbol the registry has indexed.

An upload is read by the same readers, with the same limits, as a file named on the
command line: its size against ``toolkit.source.MAX_BYTES``, then the Word and PDF
readers' own bounds on parts, ratios and streams. Nothing from the client is used as a
path: its file name is only a label, cut to its last component.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
from dataclasses import dataclass

from toolkit.errors import InputError
from toolkit.model import Document
from toolkit.source import MAX_BYTES, RawSource, decode, sniff_container

#: How many versions one comparison takes at most (each up to MAX_BYTES).
MAX_VERSIONS = 8
#: The longest label kept from a client's file name.
_NAME_LENGTH = 120


@dataclass(frozen=True, slots=True)
class Version:
    """One version as read: its document and the text its source offsets point into."""

    label: str
    document: Document
    text: str


def label(name: str | None, index: int) -> str:
    """A display name for an upload: the last component of what the client sent, no controls."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", base).strip()
    if base in ("", ".", ".."):
        base = f"version-{index + 1}.txt"
    return base[:_NAME_LENGTH]


def read_upload(name: str, data: bytes, revisions: str = "accept") -> Version:
    """Read an uploaded file's bytes into the document model, as ``read_with_source`` reads a file."""
    from toolkit.readers import CONTAINER_FORMATS, read_container, parse_text
    from toolkit.readers.docx_package import OLE_MAGIC

    if len(data) > MAX_BYTES:
        raise InputError(name, f"file is over {MAX_BYTES / 2**20:g} MiB; untk reads resolutions of up to that size")
    if data.startswith(OLE_MAGIC):  # an encrypted .docx or an old .doc
        raise InputError(
            name, "an encrypted (password-protected) Word document or an old binary .doc; "
            "untk reads .docx saved without a password"
        )
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff_container(data)
    if kind in CONTAINER_FORMATS:
        document, text = read_container(RawSource(name, data, "", "binary", digest, kind), revisions)
        return Version(name, document, text)
    text, encoding, notes = decode(name, data)
    raw = RawSource(name, data, text, encoding, digest, kind, notes)
    return Version(name, parse_text(text, path=name, raw=raw), text)


def read_symbol(conn: sqlite3.Connection, symbol: str, revisions: str = "accept") -> Version:
    """The text the registry indexed for ``symbol`` (an adopted resolution), read from its file."""
    from toolkit.readers import read_with_source
    from toolkit.symbols import key

    wanted = key(symbol.strip())
    if wanted is None:
        raise InputError(symbol, "not a resolution symbol (A/RES/70/291, S/RES/1373 (2001), 70/291)")
    row = conn.execute("SELECT symbol, source_path FROM documents WHERE key = ?", (wanted,)).fetchone()
    if row is None:
        raise InputError(symbol, "not in the registry")
    if not row["source_path"]:
        raise InputError(row["symbol"], "the registry lists it but holds no text of it (index its file with 'untk index')")
    try:
        document, text = read_with_source(row["source_path"], None, revisions)
    except InputError as exc:
        raise InputError(row["symbol"], f"its indexed file cannot be read: {exc.message}") from None
    # The server's path stays on the server: the page and the downloads name the symbol.
    shown = dataclasses.replace(document, source=dataclasses.replace(document.source, path=row["symbol"]))
    return Version(row["symbol"], shown, text)
