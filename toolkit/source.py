"""Load a file's bytes and decode them to text, refusing what is no text."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass

from toolkit.errors import InputError
from toolkit.limits import MAX_FILE_BYTES

#: The longest resolutions with annexes run to a few hundred kilobytes of text; anything
#: far larger is a wrong file, and reading it whole would only waste memory.
MAX_BYTES = MAX_FILE_BYTES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class RawSource:
    """A file's bytes, the text decoded from them and the facts about both."""

    path: str
    data: bytes
    text: str
    encoding: str
    sha256: str
    kind: str  # "text", "pdf", "docx"
    notes: tuple[str, ...] = ()


#: What "-" read from standard input: read once, so that a second look at the
#: source (source lines under a finding, a baseline) sees the same text.
_stdin: tuple[object, bytes] | None = None


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, or an :class:`InputError` saying why not; ``-`` is standard input."""
    if path == "-":
        return _read_stdin(max_bytes)
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a directory, not a file")
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(
                path,
                f"file is {size / 2**20:.1f} MiB; untk reads resolutions of up to {max_bytes / 2**20:g} MiB",
            )
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _read_stdin(max_bytes: int) -> bytes:
    import sys

    global _stdin
    if _stdin is None or _stdin[0] is not sys.stdin:  # a new standard input (as in tests)
        _stdin = (sys.stdin, sys.stdin.buffer.read(max_bytes + 1))
    data = _stdin[1]
    if len(data) > max_bytes:
        raise InputError("-", f"standard input is over {max_bytes / 2**20:g} MiB; untk reads resolutions of up to that size")
    return data


def sniff_container(data: bytes) -> str:
    """``pdf`` or ``docx`` for those containers, ``text`` otherwise."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    return "text"


def decode(path: str, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes to text with newlines normalised; returns (text, encoding, notes).

    Byte-order marks decide first; then strict UTF-8; then Windows-1252, which
    is what Word and older tools write on Windows, with a note saying so.
    """
    if not data:
        raise InputError(path, "file is empty")
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {encoding} text at byte {exc.start + len(bom)}") from None
            break
    else:
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file (contains NUL bytes); expected resolution text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                raise InputError(path, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
            notes.append(f"not UTF-8 (first invalid byte at offset {exc.start}); decoded as Windows-1252")
    # Form feeds mark page breaks in PDF text; a space keeps offsets and line numbers.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ").replace("\v", " ")
    if _looks_binary(text):
        raise InputError(path, "binary file (mostly control characters); expected resolution text")
    if not text.strip():
        raise InputError(path, "file holds only white space")
    return text, encoding, tuple(notes)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def load(path: str, max_bytes: int = MAX_BYTES) -> RawSource:
    """Read and decode a file; containers (PDF, Word) are returned undecoded."""
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff_container(data)
    if kind != "text":
        return RawSource(path, data, "", "binary", digest, kind)
    text, encoding, notes = decode(path, data)
    return RawSource(path, data, text, encoding, digest, kind, notes)


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets at which each line of ``text`` begins."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)
