"""Rule packs and configurations parsed once: their YAML data kept in the user's cache.

Every ``untk check`` (the pre-commit hook runs one per commit) would otherwise import
PyYAML and parse the bundled packs again. The data is kept keyed by the exact text,
so an edited pack is parsed afresh and an entry can never stand for another text; the
file is named for the untk and Python versions, so an upgrade starts a new one. It
lives in ``$XDG_CACHE_HOME/untk`` (``~/.cache/untk``); ``UNTK_NO_CACHE=1`` turns it
off. A cache that cannot be read or written is silently done without.
"""

from __future__ import annotations

import marshal
import os
import sys
from typing import Any, Callable

from toolkit import __version__

_MAGIC = b"untk yaml cache 1\n"
_KEEP = 64  # entries: the bundled packs and presets, and a few users' packs and configurations

_table: dict[str, bytes] | None = None  # text -> marshalled data, as read from the file
_new: dict[str, bytes] = {}  # parsed by this process, written at exit


def cache_file() -> str | None:
    """Where the cache is kept, or None when it is turned off."""
    if os.environ.get("UNTK_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "untk", f"yaml-{__version__}-{sys.implementation.cache_tag}.marshal")


def parsed(text: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text)``, or the data it gave for this very text before; a fresh copy either way."""
    blob = _entries().get(text)
    if blob is not None:
        try:
            return marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            pass
    data = parse(text)
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot keep (a YAML date, say): parsed every time
        return data
    if not _new:
        import atexit

        atexit.register(save)
    _entries()[text] = _new[text] = blob
    return data


def save() -> None:
    """Write what this process parsed (with the older entries that still fit), atomically."""
    path = cache_file()
    if not _new or path is None:
        return
    kept = dict(_new)
    for text, blob in _read(path).items():  # another process may have written since
        if len(kept) >= _KEEP:
            break
        kept.setdefault(text, blob)
    try:
        from toolkit.atomic import write_bytes

        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_bytes(path, _MAGIC + marshal.dumps(kept))
    except OSError:
        return  # a read-only home, a full disk: the next run parses again
    _new.clear()


def _entries() -> dict[str, bytes]:
    global _table
    if _table is None:
        path = cache_file()
        _table = _read(path) if path else {}
    return _table


def _read(path: str) -> dict[str, bytes]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return {}
    if not raw.startswith(_MAGIC):
        return {}
    try:
        table = marshal.loads(raw[len(_MAGIC):])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, bytes) for k, v in table.items()):
        return {}
    return table
