"""How much two texts may differ and still count as the same wording."""

from __future__ import annotations

from dataclasses import dataclass

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"})


@dataclass(frozen=True, slots=True)
class Normalization:
    """Differences to ignore when comparing wording.

    By default white space is folded (a re-wrapped paragraph is the same
    paragraph) and case, quotes and dashes count.
    """

    case: bool = False
    whitespace: bool = True
    quotes: bool = False
    dashes: bool = False

    def apply(self, text: str) -> str:
        if self.whitespace:
            # str.split() splits at exactly the characters that re's \s matches: runs of white space fold to one.
            text = " ".join(text.split())
        if self.quotes:
            text = text.translate(_QUOTES)
        if self.dashes:
            text = text.translate(_DASHES)
        if self.case:
            text = text.casefold()
        return text
