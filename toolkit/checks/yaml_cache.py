"""Rule packs and configurations parsed once: their YAML data kept in the user's cache.

Every ``untk check`` (the pre-commit hook runs one per commit) would otherwise import
PyYAML and parse the bundled packs again. The data is kept keyed by the exact text,
so an edited pack is parsed afresh and an entry can never stand for another text; the
table is named for the untk and Python versions, so an upgrade starts a new one (see
:mod:`toolkit.cache`).
"""

from __future__ import annotations

import marshal
import sys
from typing import Any, Callable

from toolkit import __version__
from toolkit.cache import Table

#: The bundled packs and presets, and a few users' packs and configurations.
TABLE = Table(f"yaml-{__version__}-{sys.implementation.cache_tag}.marshal", keep=64)


def cache_file() -> str | None:
    """Where the table is kept, or None when caching is turned off."""
    return TABLE.path()


def parsed(text: str, parse: Callable[[str], Any], form: str = "yaml") -> Any:
    """``parse(text)``, or the data it gave for this very text before; a fresh copy either way.

    ``form`` names the language when it is not YAML (``"toml"``): the same text in
    another language is another entry.
    """
    key: Any = text if form == "yaml" else (form, text)
    blob = TABLE.get(key)
    if isinstance(blob, bytes):
        try:
            return marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            pass
    data = parse(text)
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot keep (a YAML date, say): parsed every time
        return data
    TABLE.put(key, blob)
    return data


def save() -> None:
    """Write what this run parsed (done at exit by itself)."""
    TABLE.save()
