"""Work untk can redo, kept between runs in the user's cache folder.

A table lives in ``$XDG_CACHE_HOME/untk`` (``~/.cache/untk``), one file per table,
whose name says what its entries depend on (the untk version, the Python build).
It is read on first use and written once, at exit, when the run added entries.
``UNTK_NO_CACHE=1`` turns every table off; a table that cannot be read or written
is silently done without: the work is then done again.
"""

from __future__ import annotations

import marshal
import os
import zlib
from typing import Any

_MAGIC = b"untk cache 2\n"  # then the CRC-32 of the rest, then the marshalled table


def folder() -> str | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("UNTK_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "untk")


class Table:
    """A mapping of marshal-able keys and values, kept in one file of the cache folder.

    ``keep`` bounds the file: the entries added by this run, then older ones.
    """

    def __init__(self, name: str, keep: int):
        self.name = name
        self.keep = keep
        self._entries: dict[Any, Any] | None = None
        self._new: dict[Any, Any] = {}

    def path(self) -> str | None:
        base = folder()
        return os.path.join(base, self.name) if base else None

    def get(self, key: Any) -> Any:
        return self._loaded().get(key)

    def put(self, key: Any, value: Any) -> None:
        if not self._new:
            import atexit

            atexit.register(self.save)
        self._loaded()[key] = self._new[key] = value

    def save(self) -> None:
        """Write this run's entries (and the older ones that still fit) atomically."""
        path = self.path()
        if not self._new or path is None:
            return
        kept = dict(self._new)
        for key, value in _read(path).items():  # another process may have written since
            if len(kept) >= self.keep:
                break
            kept.setdefault(key, value)
        try:
            payload = marshal.dumps(kept)
        except ValueError:
            return
        data = _MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload
        try:
            from toolkit.atomic import write_bytes

            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_bytes(path, data)
        except OSError:
            return  # a read-only home, a full disk: the next run does the work again
        self._new.clear()

    def forget(self) -> None:
        """Read the file afresh on next use (as a new process would)."""
        self._entries = None
        self._new = {}

    def _loaded(self) -> dict[Any, Any]:
        if self._entries is None:
            path = self.path()
            self._entries = _read(path) if path else {}
        return self._entries


def _read(path: str) -> dict[Any, Any]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return {}
    if not raw.startswith(_MAGIC):
        return {}
    crc, payload = raw[len(_MAGIC) : len(_MAGIC) + 4], raw[len(_MAGIC) + 4 :]
    if zlib.crc32(payload).to_bytes(4, "big") != crc:  # a damaged file is never read
        return {}
    try:
        table = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}
