"""What a check may know beyond the document: the registry, the previous version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Context:
    """Shared by every rule of one run over one document.

    ``registry`` answers what resolutions exist (None: registry checks are
    skipped and say so); ``against`` is the comparison from the previous
    version to this one (None: no stale-reference check).
    """

    registry: Any = None
    against: Any = None
    skipped: dict[str, str] = field(default_factory=dict)

    def skip(self, rule_id: str, needs: str = "--registry") -> None:
        """Note that a rule could not run, and what it needs (for the summary)."""
        self.skipped[rule_id] = needs
