"""Where the user's registry lives, without opening it (so ``check`` need not import SQLite)."""

from __future__ import annotations

import os
from pathlib import Path


def default_path() -> Path:
    """``$UNTK_DB``, else the user's data directory (XDG): ``~/.local/share/untk/registry.sqlite3``."""
    if os.environ.get("UNTK_DB"):
        return Path(os.environ["UNTK_DB"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "untk" / "registry.sqlite3"
