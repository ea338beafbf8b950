"""Page furniture of printed resolutions: mastheads, running heads, job numbers, page numbers."""

from __future__ import annotations

import re

SYMBOL = re.compile(
    r"(?:A/(?:HRC/)?RES/(?:(?:ES|S)-\d+/)?\d+/\d+(?:\s*\([A-Z-]+\))?"
    r"|S/RES/\d+\s*\(\d{4}\)"
    r"|E/RES/\d{4}/\d+)"
)

_FURNITURE = [
    re.compile(r"^\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\S+)?$"),  # job number "02-75941 (E)"
    re.compile(r"^\*\d{7,}\*.*$"),  # bar code "*0275941*", often with "Please recycle"
    re.compile(r"^Please recycle\s*\S?$", re.IGNORECASE),
    re.compile(r"^(?:Page\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?$"),  # "2/2", "15", "Page 3"
    re.compile(r"^-\s*\d{1,3}\s*-$"),  # "- 2 -"
    re.compile(r"^_{5,}$|^-{5,}$"),
    re.compile(r"^(?:" + SYMBOL.pattern + r")$"),  # running head: the symbol alone
    re.compile(r"^(?:United Nations|UNITED NATIONS)(?:\s+" + SYMBOL.pattern + r")?$"),
    re.compile(r"^(?:General Assembly|Security Council|Economic and Social Council)?\s*Distr\.(?::\s*|\s*$)(?:General|GENERAL|Limited|LIMITED)?$"),
    re.compile(r"^(?:GENERAL|LIMITED|S|A|E)$"),
    re.compile(r"^Original:\s*\w+$"),
]


_ANY_FURNITURE = re.compile("|".join(f"(?:{p.pattern})" for p in _FURNITURE))


def is_furniture(line: str) -> bool:
    """Whether a (stripped) line is page furniture that never belongs to a paragraph."""
    if not line or len(line) > 120:
        return False
    return _ANY_FURNITURE.fullmatch(line) is not None
