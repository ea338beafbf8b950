"""Text that is safe to print: control characters are shown, never obeyed.

A file name or a document may hold terminal escape sequences (ESC, an OSC 52
clipboard write, a carriage return that hides the line before it). Text formats
show them instead of sending them to the terminal:

- C0 controls and DEL as their Unicode control pictures, one column wide like the
  character they stand for, so carets stay under their column: ESC is ``␛``
  (U+241B), NUL ``␀``, CR ``␍``, DEL ``␡``;
- C1 controls (U+0080 to U+009F) as ``\\x9b``;
- a byte of a file name that is not UTF-8 (a lone surrogate) as ``\\xff``, other
  lone surrogates as ``\\udc00``.

Tab and line feed are kept in running text (``visible``) and shown in one-line
fields such as file names (``visible_name``).
"""

from __future__ import annotations

import re


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xDC80 <= code <= 0xDCFF:  # how Python spells an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0xD800, 0xE000)]


class _Pictures(dict):
    """``str.translate`` table of control characters to their symbols, each made when first
    met: building all 2,200 at import cost every command's start-up several milliseconds."""

    def __init__(self, keep: frozenset[int] = frozenset()):
        super().__init__()
        self.keep = keep

    def __missing__(self, code: int) -> str | int:
        picture: str | int = _picture(code) if code in _CONTROL_SET and code not in self.keep else code
        self[code] = picture  # a character that stays maps to itself (None would delete it)
        return picture


_CONTROL_SET = frozenset(_CONTROLS)
_TEXT_TABLE = _Pictures(keep=frozenset((0x09, 0x0A)))
_NAME_TABLE = _Pictures()
_TEXT_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NAME_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def visible(text: str) -> str:
    """``text`` with every control character but tab and line feed shown as a symbol."""
    return text.translate(_TEXT_TABLE) if _TEXT_UNSAFE.search(text) else text


def visible_name(text: str) -> str:
    """A file name (or another one-line field) with every control character shown, line feeds too."""
    return text.translate(_NAME_TABLE) if _NAME_UNSAFE.search(text) else text


def json_safe(serialised: str) -> str:
    """JSON text with DEL, C1 controls and lone surrogates written as ``\\u`` escapes.

    ``json.dumps(ensure_ascii=False)`` escapes C0 controls only; the others would reach
    a terminal raw (or fail to encode). They can only stand inside strings, where the
    escape means the same character, so the JSON stays equal to what was serialised.
    """
    if not _JSON_UNSAFE.search(serialised):
        return serialised
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", serialised)
