"""What a registry holds, counted: the model ``untk registry stats`` prints."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.registry.lookup import Registry


@dataclass(frozen=True)
class Summary:
    """Counts of one registry file, each as (name, count) in the order the registry gives."""

    path: str
    counts: tuple[tuple[str, int], ...]  # documents, with_date, indexed, paragraphs, footnotes, citations
    organs: tuple[tuple[str, int], ...]  # documents per organ, most first
    date_sources: tuple[tuple[str, int], ...]  # where adoption dates come from, most first


def summarize(registry: Registry, path: str) -> Summary:
    """The counts of ``registry``, read from the file at ``path``."""
    return Summary(
        path, tuple(registry.stats().items()), tuple(registry.by_organ().items()), tuple(registry.sources().items())
    )
