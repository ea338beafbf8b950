"""What a check may know beyond the document: the registry, the previous version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

T = TypeVar("T")


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
    known_rules: frozenset[str] = frozenset()  # the ids of the rules being run (set by the engine)
    _shared: dict[tuple[str, int], tuple[Any, Any]] = field(default_factory=dict, repr=False)

    def rule_ids(self) -> frozenset[str]:
        """Every rule id there is: the bundled packs' and the run's own (for directives)."""
        from toolkit.checks.packs import load_bundled

        return frozenset(r.id for r in load_bundled()) | self.known_rules

    def skip(self, rule_id: str, needs: str = "--registry") -> None:
        """Note that a rule could not run, and what it needs (for the summary)."""
        self.skipped[rule_id] = needs

    def shared(self, name: str, doc: Any, compute: Callable[[Any], T]) -> T:
        """``compute(doc)``, worked out once per document and handed to every rule that asks.

        Extraction (references, citations) is done in one pass, not once per rule.
        """
        key = (name, id(doc))
        hit = self._shared.get(key)
        if hit is None or hit[0] is not doc:  # the document is kept, so its id is not reused
            hit = self._shared[key] = (doc, compute(doc))
        return hit[1]
