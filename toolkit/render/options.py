"""What a formatter may be asked besides its result: one object, built once per command.

A command fills in what the user asked (colour, context, substantive changes only,
quiet) and what it knows (the authors of each change, the rules run); each formatter
takes the fields it declares as parameters and leaves the others, so that no command
chooses options by format name.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, fields
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class RenderOptions:
    """Formatter options; a formatter receives those among them its ``render`` names."""

    color: bool = False  # ANSI colour: only on a terminal without NO_COLOR
    context: bool = False  # also the paragraphs that did not change
    substantive: bool = False  # only substantive changes (the others are counted)
    quiet: bool = False  # findings only, without their source lines
    verbose: bool = False  # every item, not only the failures
    change_authors: Mapping[Any, tuple[str, ...]] | None = None  # who made each change (a Word draft's)
    rules: tuple[Any, ...] = ()  # the rules run, for formats that describe them (SARIF)

    def _asked(self, name: str) -> bool:
        return getattr(self, name) != getattr(_DEFAULTS, name)

    def for_formatter(self, render: Callable[..., Any]) -> dict[str, Any]:
        """The keyword arguments ``render`` takes from these options (set ones only)."""
        taken = inspect.signature(render).parameters
        chosen: dict[str, Any] = {}
        for f in fields(self):
            if f.name in taken and self._asked(f.name):
                value = getattr(self, f.name)
                chosen[f.name] = list(value) if f.name == "rules" else value
        return chosen


_DEFAULTS = RenderOptions()


def accepts(render: Callable[..., Any], option: str) -> bool:
    """Whether the formatter ``render`` has a use for ``option``."""
    return option in inspect.signature(render).parameters
