"""What a check reports: an immutable finding with its place and an optional fix."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")
CATEGORIES = (
    "footnote",
    "internal-reference",
    "citation",
    "symbol",
    "numbering",
    "structure",
    "terminology",
    "date",
    "metadata",
)


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace source characters ``start``..``end`` (offsets in the decoded file) with ``replacement``."""

    replacement: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, how bad, what it says, where it is, and how to fix it."""

    rule: str
    category: str
    severity: str
    message: str
    paragraph: str | None  # "OP11", "PP3", "FN4", or None (metadata, whole document)
    line: int
    column: int
    offset: int
    end_offset: int
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.offset, self.column, self.rule)
