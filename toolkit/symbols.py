"""Resolution symbols, normalised so that every way of writing one names the same record.

``S/RES/1373 (2001)``, ``S/RES/1373(2001)``, "resolution 1373 (2001)" and
"1373 (2001)" are one Security Council resolution; ``A/RES/60/288`` and
``60/288`` one General Assembly resolution; ``A/RES/217(III)[A]``,
``A/RES/217 (III) A`` and "217 A (III)" one old-style resolution with its part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = r"[IVXLC]+"
_SC = re.compile(r"^(?:S/RES/)?(\d{1,4})\s*\((\d{4})\)$")
# A part: "A", "B-1", "XI", or anything the Digital Library writes in brackets ("[PARA.2]").
_PART = r"(?:\[[A-Za-z0-9][A-Za-z0-9.\- ]{0,19}\]|[A-Z](?:-(?:\d{1,2}|[A-Z]|[IVXLC]{1,6}))?|[IVXLC]{1,6})"
_GA_NEW = re.compile(r"^(?:A/RES/)?((?:ES|S)-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4})\s*(" + _PART + r")?$")
_GA_OLD = re.compile(
    r"^(?:A/RES/)?(\d{1,4})\s*([A-Z](?:\s*(?:and|to|-)\s*[A-Z])?)?\s*\(((?:ES-|S-)?(?:"
    + _ROMAN
    + r"|\d{1,2}))\)\s*("
    + _PART
    + r")?$"
)
_HRC = re.compile(r"^A/HRC/RES/(\d{1,2}/\d{1,3})$")
_ECOSOC = re.compile(r"^E/RES/(\d{4}/\d{1,3})$")
_DECISION = re.compile(r"^A/DEC/(\d{1,3}/\d{3})$")
_LEAD = re.compile(r"^(?:(?:Security Council|General Assembly|Economic and Social Council|Human Rights Council)\s+)?(?:its\s+)?(?:resolutions?|decisions?)\s+", re.I)


@dataclass(frozen=True, slots=True)
class Symbol:
    """A normalised symbol: ``text`` for display, ``key`` for look-ups, and the organ."""

    text: str
    organ: str

    @property
    def key(self) -> str:
        return re.sub(r"\s+", "", self.text)


def parse(raw: str) -> Symbol | None:
    """The symbol a string names, or None when it names none."""
    s = " ".join(raw.strip().strip(".,;").split())
    s = _LEAD.sub("", s)
    if m := _SC.match(s):
        return Symbol(f"S/RES/{int(m[1])} ({m[2]})", "Security Council")
    if m := _HRC.match(s):
        return Symbol(f"A/HRC/RES/{m[1]}", "Human Rights Council")
    if m := _ECOSOC.match(s):
        return Symbol(f"E/RES/{m[1]}", "Economic and Social Council")
    if m := _DECISION.match(s):
        return Symbol(f"A/DEC/{m[1]}", "General Assembly")
    if m := _GA_NEW.match(s):
        part = f" {m[2].strip('[]')}" if m[2] else ""
        return Symbol(f"A/RES/{m[1]}{part}", "General Assembly")
    if m := _GA_OLD.match(s):
        part = m[4].strip("[]") if m[4] else (m[2] if m[2] and len(m[2]) == 1 else None)
        return Symbol(f"A/RES/{int(m[1])} ({m[3]})" + (f" {part}" if part else ""), "General Assembly")
    return None


def key(raw: str) -> str | None:
    """The look-up key of a symbol string, or None."""
    sym = parse(raw)
    return sym.key if sym else None
