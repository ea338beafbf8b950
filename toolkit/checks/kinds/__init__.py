"""Rule kinds: each a module with ``NAME``, ``OPTIONS`` and ``check(rule, doc, context)``.

A kind is the Python half of a rule; the YAML rule says which kind it uses and
with which options. A kind whose rules need more than the text may define
``example_context(rule, doc) -> Context`` to give its rules' examples what they
need (a small registry, a previous version). Other packages add kinds through the entry-point group
``untk.rule_kinds`` (``name = "package.module"``); the module follows the same
contract.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any

BUILTIN = {
    name: f"toolkit.checks.kinds.{name}"
    for name in ("pattern", "consistency", "sequence", "structure", "reference", "footnote", "citation", "symbol", "date", "metadata")
}
ENTRY_POINT_GROUP = "untk.rule_kinds"

_REQUIRED = object()


@dataclass(frozen=True)
class Option:
    """An option of a rule kind: its type, default (or required) and allowed values."""

    type: type | tuple[type, ...]
    default: Any = _REQUIRED
    choices: tuple[Any, ...] | None = None
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@lru_cache(maxsize=None)
def available() -> dict[str, str]:
    """Kind name -> module path, built-in kinds first, then installed plug-ins."""
    kinds = dict(BUILTIN)
    try:
        from importlib.metadata import entry_points

        for ep in entry_points(group=ENTRY_POINT_GROUP):
            kinds.setdefault(ep.name, ep.value)
    except Exception:  # a broken plug-in must not stop the built-in checks
        pass
    return kinds


def load(name: str) -> ModuleType:
    """The module of a rule kind; KeyError for an unknown kind.

    Installed plug-ins are looked up only for a name that is not built in: reading
    entry points costs start-up time, and the pre-commit hook starts on every commit.
    """
    path = BUILTIN.get(name) or available()[name]
    return importlib.import_module(path)


def validate_options(kind: ModuleType, options: dict[str, Any], where: str) -> dict[str, Any]:
    """Options with defaults filled in; ValueError naming ``where`` for an unknown or ill-typed one."""
    spec: dict[str, Option] = getattr(kind, "OPTIONS", {})
    unknown = sorted(set(options) - set(spec))
    if unknown:
        raise ValueError(f"{where}: unknown option {unknown[0]!r} for kind {kind.NAME!r} (known: {', '.join(spec) or 'none'})")
    out = {}
    for name, opt in spec.items():
        if name in options:
            value = options[name]
            if not isinstance(value, opt.type) or (isinstance(value, bool) and opt.type in (int, float)):
                raise ValueError(f"{where}: option {name!r} must be {_type_name(opt.type)}, not {type(value).__name__}")
            if opt.choices is not None and value not in opt.choices:
                raise ValueError(f"{where}: option {name!r} must be one of {', '.join(map(str, opt.choices))}")
            out[name] = value
        elif opt.required:
            raise ValueError(f"{where}: option {name!r} is required for kind {kind.NAME!r}")
        else:
            out[name] = opt.default
    return out


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " or ".join(x.__name__ for x in t)
    return t.__name__
