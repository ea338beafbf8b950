"""Resolution symbols, normalised so that every way of writing one names the same record.

``S/RES/1373 (2001)``, ``S/RES/1373(2001)``, "resolution 1373 (2001)" and
"1373 (2001)" are one Security Council resolution; ``A/RES/60/288`` and
``60/288`` one General Assembly resolution; ``A/RES/217(III)[A]``,
``A/RES/217 (III) A`` and "217 A (III)" one old-style resolution with its part.

The knowledge lives in :mod:`toolkit.organs`; this module keeps the names the registry uses.
"""

from __future__ import annotations

from toolkit.organs import Symbol, parse_symbol

__all__ = ["Symbol", "key", "parse"]


def parse(raw: str, organ: str | None = None) -> Symbol | None:
    """The symbol a string names, or None when it names none."""
    return parse_symbol(raw, organ)


def key(raw: str, organ: str | None = None) -> str | None:
    """The look-up key of a symbol string, or None."""
    sym = parse_symbol(raw, organ)
    return sym.key if sym else None
