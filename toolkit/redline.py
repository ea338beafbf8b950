"""Word-level redline of two wordings with diff-match-patch.

Each word (and each run of spaces or punctuation) is encoded as one character,
so diff-match-patch compares words, not letters; its semantic clean-up then
merges scattered small edits into readable changes. Tokens are compared by
their normalised form (case, quotes, dashes as the options say) but shown as
written: deletions as in the old text, the rest as in the new.
"""

from __future__ import annotations

from typing import Iterable

from diff_match_patch import diff_match_patch

from toolkit import patterns
from toolkit.normalize import Normalization

#: How long diff-match-patch may search per paragraph pair before it settles
#: for a coarser (still correct) diff.
TIMEOUT_SECONDS = 1.0

#: Tokens: a document symbol ("A/RES/79/7", "A/C.3/80/L.65"), a resolution number ("79/7")
#: and a Security Council citation ("2178 (2014)") change as a whole, as Word shows them;
#: then words (with inner hyphens and apostrophes), runs of spaces, and single marks.
_TOKEN = patterns.compile(
    r"\b[A-Z]{1,6}(?:\.\d{1,2})?(?:/[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)+"
    r"|\b(?:ES-|S-)?\d{1,4}/\d{1,4}\b(?!/)"
    r"|\b\d{1,4} \((?:19|20)\d\d\)"
    r"|\w+(?:[-'\u2019]\w+)*|\s+|[^\w\s]"
)
# Encoded tokens start above the surrogates so that every code is a valid character.
_FIRST_CODE = 0xE000

Redline = tuple[tuple[str, str], ...]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def redline(old: str, new: str, normalization: Normalization = Normalization()) -> Redline:
    """``(("=", same), ("-", deleted), ("+", inserted), ...)`` turning ``old`` into ``new``."""
    if old == new:
        return (("=", new),) if new else ()
    a, b = tokens(old), tokens(new)
    codes: dict[str, str] = {}  # normalised token -> its character
    code_of: dict[str, str] = {}  # token as written -> the same character (_key once per distinct token)

    def encode(words: list[str]) -> str:
        out = []
        for word in words:
            code = code_of.get(word)
            if code is None:
                key = _key(word, normalization)
                if key not in codes:
                    codes[key] = chr(_FIRST_CODE + len(codes)) if len(codes) < 0x10FFFF - _FIRST_CODE else "\uffff"
                code = code_of[word] = codes[key]
            out.append(code)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = TIMEOUT_SECONDS
    diffs = dmp.diff_main(encode(a), encode(b), False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[tuple[str, str]] = []
    i = j = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            out.append(("=", "".join(b[j : j + n])))
            i, j = i + n, j + n
        elif op == -1:
            out.append(("-", "".join(a[i : i + n])))
            i += n
        else:
            out.append(("+", "".join(b[j : j + n])))
            j += n
    return tuple(_merge(out))


def _key(word: str, normalization: Normalization) -> str:
    if word.isspace():
        return " " if normalization.whitespace else word
    return normalization.apply(word) if (normalization.case or normalization.quotes or normalization.dashes) else word


def _merge(parts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for op, text in parts:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def old_text(line: Redline) -> str:
    return "".join(t for op, t in line if op != "+")


def new_text(line: Redline) -> str:
    return "".join(t for op, t in line if op != "-")
