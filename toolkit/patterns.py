"""Regular expressions compiled once per Python build, not once per run.

CPython turns a pattern into code for its matching engine in Python (a parser and
a code generator), then hands the code to the C engine. untk's long alternations
of organ names and citation forms made that a large part of the start-up of every
``untk check``. :func:`compile` keeps the generated code in the user's cache
(:mod:`toolkit.cache`), keyed by pattern and flags, in a table named for the exact
interpreter build and engine version, and builds the pattern from it directly.

The code is stored only after the pattern built from it has proved equal (same
flags, groups and code) to what :func:`re.compile` gives; on any doubt (another
interpreter, an engine without the internals used here, a damaged entry) patterns
are compiled the ordinary way.
"""

from __future__ import annotations

import re
import sys
import zlib
from typing import Any

from toolkit.cache import Table

try:
    import _sre
    from re import _compiler, _parser

    _SUPPORTED = sys.implementation.name == "cpython" and all(
        hasattr(m, a) for m, a in ((_sre, "compile"), (_sre, "MAGIC"), (_compiler, "_code"), (_parser, "parse"))
    )
except ImportError:  # another interpreter, or a later CPython that moved them
    _SUPPORTED = False

TABLE = Table(
    f"regex-{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0) if _SUPPORTED else 0}-"
    f"{zlib.crc32(sys.version.encode()):08x}.marshal",
    keep=2048,
)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """The same as :func:`re.compile` for a text pattern, faster from the second run on."""
    flags = int(flags)
    if not _SUPPORTED or flags & re.DEBUG or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    args = TABLE.get(key)
    if args is not None:
        try:
            return _sre.compile(pattern, *args)
        except Exception:  # a damaged entry: compile the ordinary way below
            pass
    compiled = re.compile(pattern, flags)
    try:
        args = _engine_arguments(pattern, flags)
        rebuilt = _sre.compile(pattern, *args)
        if rebuilt == compiled and rebuilt.groups == compiled.groups and rebuilt.groupindex == compiled.groupindex:
            TABLE.put(key, args)  # equal flags, code and groups: the entry stands for this pattern
    except Exception:
        pass
    return compiled


def _engine_arguments(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re`` hands the engine for this pattern (as ``re._compiler.compile`` does)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # plain ints: the opcodes are an int subclass
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
