"""How large a document untk reads.

Far above any resolution (the longest, with an annexed convention, hold a few hundred
kilobytes of text and under a thousand paragraphs), and low enough that every command
on any input within them ends within seconds and a few hundred megabytes: a file that
is no resolution, or a hostile one, is refused at once with the reason, not read for
minutes. ``UNTK_MAX_TEXT_MIB`` raises (or lowers) the text limit; the line and
paragraph limits follow it in proportion.
"""

from __future__ import annotations

import os

from toolkit.errors import InputError

#: Bytes of a file (a PDF or Word file holds far more bytes than text).
MAX_FILE_BYTES = 16 * 1024 * 1024

_DEFAULT_TEXT_MIB = 1.0
_LINES_PER_MIB = 50_000  # hard-wrapped PDF text: about 80 characters a line
_PARAGRAPHS_PER_MIB = 5_000


def text_mib() -> float:
    """The text limit in MiB: ``$UNTK_MAX_TEXT_MIB`` when it is a positive number."""
    value = os.environ.get("UNTK_MAX_TEXT_MIB", "")
    try:
        mib = float(value)
    except ValueError:
        return _DEFAULT_TEXT_MIB
    return mib if mib > 0 else _DEFAULT_TEXT_MIB


def max_text_chars() -> int:
    return int(text_mib() * 2**20)


def max_lines() -> int:
    return int(text_mib() * _LINES_PER_MIB)


def max_paragraphs() -> int:
    return int(text_mib() * _PARAGRAPHS_PER_MIB)


def _refuse(path: str, what: str) -> None:
    raise InputError(path, f"{what}; set UNTK_MAX_TEXT_MIB (now {text_mib():g}) to read larger texts")


def check_text(path: str, text: str) -> None:
    """Refuse a text longer, or of more lines, than the limits allow."""
    if len(text) > (limit := max_text_chars()):
        _refuse(path, f"{len(text) / 2**20:.2f} MiB of text; untk reads resolutions of up to {limit / 2**20:g} MiB")
    lines = text.count("\n") + 1
    if lines > (limit := max_lines()):
        _refuse(path, f"{lines:,} lines; untk reads resolutions of up to {limit:,} lines")


def check_paragraphs(path: str, count: int) -> None:
    """Refuse a text laid out in more paragraphs than the limit allows."""
    if count > (limit := max_paragraphs()):
        _refuse(path, f"{count:,} paragraphs; untk reads resolutions of up to {limit:,} paragraphs")


def check_markers(path: str, count: int) -> None:
    """Refuse a text with more footnote markers than paragraphs allowed (a resolution
    has a few dozen at most)."""
    if count > (limit := max_paragraphs()):
        _refuse(path, f"{count:,} footnote markers; untk reads resolutions of up to {limit:,} markers")
