"""Apply the fixes that findings offer, where they are unambiguous, to the source text.

A fix replaces a range of the decoded source. Fixes that overlap another are left
for a later pass; info-level findings are notes, not defects, and are not applied.
The file's encoding, byte-order mark and line endings are kept.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from typing import Callable, Sequence

from toolkit.checks.engine import Report
from toolkit.checks.finding import Finding
from toolkit.errors import InputError
from toolkit.source import load

#: Severities whose fixes are applied.
APPLIED = ("warning", "error")
#: Passes: a fix can uncover another (a renumbered footnote, say).
PASSES = 4


@dataclass(frozen=True)
class Fixed:
    path: str
    original: str  # decoded, newlines normalised
    fixed: str
    applied: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return self.original != self.fixed

    def unified_diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=self.path if os.path.isabs(self.path) else f"a/{self.path}",
                tofile=f"{self.path} (fixed)" if os.path.isabs(self.path) else f"b/{self.path}",
            )
        )


def apply(text: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """``text`` with every non-overlapping fix applied, and the findings whose fix was used."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0)):
        if f.fix is None or f.severity not in APPLIED:
            continue
        start, end = f.fix.start, f.fix.end
        if start > end or end > len(text) or any(start < b and a < end for a, b in taken):
            continue
        if text[start:end] == f.fix.replacement:
            continue
        taken.append((start, end))
        chosen.append(f)
    out = text
    for f in sorted(chosen, key=lambda f: f.fix.start, reverse=True):
        out = out[: f.fix.start] + f.fix.replacement + out[f.fix.end :]
    return out, chosen


def fix_file(path: str, check: Callable[[str], Report]) -> Fixed:
    """Check, apply fixes, check again, until nothing more applies (at most ``PASSES`` times)."""
    raw = load(path)
    if raw.kind != "text":
        raise InputError(path, f"untk fix edits text files; this is a {raw.kind.upper()} file")
    text = raw.text
    applied: list[Finding] = []
    current = text
    for _ in range(PASSES):
        report = check(current)
        current, used = apply(current, report.findings)
        if not used:
            break
        applied += used
    return Fixed(path, text, current, tuple(applied))


def write(fixed: Fixed, backup: bool = True) -> str | None:
    """Replace the file atomically with the fixed text; returns the backup's path.

    Nothing is written if the file changed since it was read (another editor saved it).
    """
    from toolkit.atomic import write_bytes

    now = load(fixed.path)
    if now.text != fixed.original:
        raise InputError(fixed.path, "changed on disk since it was read; nothing written (run untk fix again)")
    data = _encode(fixed.fixed, now.data, now.encoding)
    backup_path = None
    if backup:
        backup_path = fixed.path + ".orig"
        write_bytes(backup_path, now.data)
    # Last look just before the rename: the window for a lost update stays as small as it can be.
    if hashlib.sha256(open(fixed.path, "rb").read()).hexdigest() != now.sha256:
        raise InputError(fixed.path, "changed on disk while fixing; nothing written")
    write_bytes(fixed.path, data)
    return backup_path


def _encode(text: str, original: bytes, encoding: str) -> bytes:
    """Encode as the original file was: its encoding, byte-order mark and line endings."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    bom = b""
    for mark in (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff"):
        if original.startswith(mark):
            bom = mark
            break
    return bom + text.encode(encoding if encoding != "binary" else "utf-8")

