"""Apply the fixes that findings offer, where they are unambiguous, to the file's own text.

A fix replaces a range of the decoded source. Readers see the text with its line
endings made "\\n" and its form feeds and vertical tabs made spaces; the fixes are
carried back to the text as the file holds it and applied there as edits of their
spans, so every character outside a fixed span keeps its bytes: line endings (CRLF,
CR, mixed), form feeds, the encoding and the byte-order mark. Fixes that overlap
another are left for a later pass; info-level findings are notes, not defects, and are
not applied; a fix whose rule declares it ``unsafe`` waits for ``unsafe_fixes``.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from toolkit.checks.engine import Report
from toolkit.checks.finding import Finding
from toolkit.errors import InputError
from toolkit.source import load, read_bytes

#: Severities whose fixes are applied.
APPLIED = ("warning", "error")
#: Passes: a fix can uncover another (a renumbered footnote, say).
PASSES = 4
#: Why an offered fix was not applied, as the summary line says it.
UNSAFE = "unsafe (use --unsafe-fixes)"

_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


@dataclass(frozen=True)
class Fixed:
    """A file's text as read and as fixed, both as the file holds them (line endings kept)."""

    path: str
    original: str
    fixed: str
    applied: tuple[Finding, ...]
    data: bytes = b""  # the file's bytes when it was read
    encoding: str = "utf-8"
    bom: bytes = b""
    skipped: Mapping[str, int] = field(default_factory=dict)  # reason -> fixes offered but not applied

    @property
    def changed(self) -> bool:
        return self.original != self.fixed

    def encoded(self) -> bytes:
        """The bytes ``write`` puts in the file: the fixed text in the file's encoding, after its BOM."""
        return self.bom + self.fixed.encode(self.encoding)

    def unified_diff(self) -> str:
        """The change as a unified diff of the file's lines, each with its own line ending."""
        absolute = os.path.isabs(self.path)
        lines = difflib.unified_diff(
            _LINE.findall(self.original),
            _LINE.findall(self.fixed),
            fromfile=self.path if absolute else f"a/{self.path}",
            tofile=f"{self.path} (fixed)" if absolute else f"b/{self.path}",
        )
        out = []
        for line in lines:
            if line.endswith("\r"):
                line += "\n"  # a CR-only line ending, kept, but each diff line on a line of its own
            elif not line.endswith("\n"):
                line += "\n\\ No newline at end of file\n"
            out.append(line)
        return "".join(out)


def normalise(text: str) -> str:
    """The text as the readers see it (see :func:`toolkit.source.decode`)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ").replace("\v", " ")


def apply(
    text: str,
    findings: Sequence[Finding],
    safe: Callable[[Finding], bool] = lambda f: True,
    encoding: str | None = None,
) -> tuple[str, list[Finding], dict[str, int]]:
    """``text`` (as a file holds it) with every non-overlapping fix applied; the findings
    whose fix was used; and how many fixes were left out, by reason.

    Fix offsets are offsets in the text as read (:func:`normalise`); each is carried back
    to ``text``, where a CRLF is two characters.
    """
    normal = normalise(text)
    to_file = _offsets(text)
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    skipped: dict[str, int] = {}
    for f in sorted(findings, key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0)):
        if f.fix is None or f.severity not in APPLIED:
            continue
        start, end = f.fix.start, f.fix.end
        if start > end or end > len(normal) or normal[start:end] == f.fix.replacement:
            continue
        if not safe(f):
            skipped[UNSAFE] = skipped.get(UNSAFE, 0) + 1
            continue
        if encoding is not None and not _encodable(f.fix.replacement, encoding):
            reason = f"the file's encoding ({encoding}) cannot hold them"
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        chosen.append(f)
    newline = _newline(text)
    pieces: list[str] = []
    pos = 0
    for f in sorted(chosen, key=lambda f: f.fix.start):
        start, end = to_file(f.fix.start), to_file(f.fix.end)
        pieces += [text[pos:start], f.fix.replacement.replace("\n", newline)]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), chosen, skipped


def fix_file(
    path: str,
    check: Callable[[str], Report],
    safety: Mapping[str, str] | None = None,
    unsafe_fixes: bool = False,
) -> Fixed:
    """Check, apply fixes, check again, until nothing more applies (at most ``PASSES`` times).

    ``check`` gets the text as the readers see it. ``safety`` maps rule ids to their
    ``fix`` declaration; fixes of rules not declared ``safe`` are applied only with
    ``unsafe_fixes``. Without ``safety`` the caller vouches for every fix its check offers.
    """
    raw = load(path)
    if raw.kind != "text":
        raise InputError(path, f"untk fix edits text files; this is a {raw.kind.upper()} file")
    bom = _BOMS.get(raw.encoding, b"")
    bom = bom if raw.data.startswith(bom) else b""
    text = raw.data[len(bom) :].decode(raw.encoding)
    if normalise(text) != raw.text or (bom + text.encode(raw.encoding)) != raw.data:
        # Never expected; but a fix written from a text other than the file's could lose bytes.
        raise InputError(path, "untk fix cannot keep this file's bytes as they are; nothing changed")

    def safe(f: Finding) -> bool:
        return unsafe_fixes or safety is None or safety.get(f.rule) == "safe"

    applied: list[Finding] = []
    current = text
    skipped: dict[str, int] = {}
    for _ in range(PASSES):
        report = check(normalise(current))
        current, used, skipped = apply(current, report.findings, safe, raw.encoding)
        if not used:
            break
        applied += used
    return Fixed(path, text, current, tuple(applied), raw.data, raw.encoding, bom, skipped)


def write(fixed: Fixed, backup: bool = True) -> str | None:
    """Replace the file atomically with the fixed text; returns the backup's path.

    A link is written through: the file it names is replaced and the link kept. A
    read-only file is refused, and nothing is written if the file changed since it was
    read (another editor saved it).
    """
    from toolkit.atomic import write_bytes

    if fixed.path == "-":
        raise InputError("-", "standard input cannot be written back; give the file's name to fix it")
    target = os.path.realpath(fixed.path)
    if not _writable(target):
        raise InputError(fixed.path, "read-only file; nothing written (make it writable to fix it)")
    now = read_bytes(target)
    if now != fixed.data:
        raise InputError(fixed.path, "changed on disk since it was read; nothing written (run untk fix again)")
    backup_path = None
    if backup:
        backup_path = fixed.path + ".orig"
        write_bytes(backup_path, now)
    # Last look just before the rename: the window for a lost update stays as small as it can be.
    if hashlib.sha256(read_bytes(target)).digest() != hashlib.sha256(now).digest():
        raise InputError(fixed.path, "changed on disk while fixing; nothing written")
    write_bytes(target, fixed.encoded())
    return backup_path


def _offsets(text: str) -> Callable[[int], int]:
    """Offset in the text as read -> offset in ``text``, where each CRLF is two characters."""
    # The offset, in the text as read, of the "\n" each CRLF became.
    crlf = [m.start() - i for i, m in enumerate(re.finditer("\r\n", text))]
    if not crlf:
        return lambda k: k
    return lambda k: k + bisect.bisect_left(crlf, k)


def _newline(text: str) -> str:
    """The file's first line ending, for a fix whose replacement holds a line break."""
    m = re.search(r"\r\n|\r|\n", text)
    return m.group() if m else "\n"


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _writable(path: str) -> bool:
    """Whether the user may write ``path``: the permission bits say so, not only ``access``
    (which says yes to root for any file)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True  # gone: reading it again says so
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
