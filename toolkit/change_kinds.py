"""What kind each change is: a yearly technical update, an editorial touch, or a real change.

``technical``: only session ordinals, years and dates, document symbols and resolution
numbers, lists of resolutions extended by their successors, and renumbered references
changed ("78/7" -> "79/7", "eightieth" -> "eighty-first", "paragraph 5" -> "paragraph 6").
``editorial``: only case, punctuation, hyphens, quotes and spelling variants ("States
parties" -> "States Parties", "co-operation" -> "cooperation"), with or without technical
changes beside them. Anything else is ``substantive``, and within it the notable edits:
the opening phrase moved up or down a ladder of strength, qualifiers ("as appropriate")
added or removed, modal verbs ("should" -> "shall") changed. The ladders and the
qualifiers are data: ``toolkit/data/strength.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from toolkit.dates import MONTHS

KINDS = ("technical", "editorial", "substantive")


@dataclass(frozen=True, slots=True)
class NotableEdit:
    """One edit worth a negotiator's eye: ``type`` is ``verb-stronger``, ``verb-weaker``,
    ``verb-changed``, ``qualifier-added``, ``qualifier-removed`` or ``modal-changed``."""

    type: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class ChangeClass:
    """The kind of a pair's change (None: unchanged) and its notable edits."""

    kind: str | None
    edits: tuple[NotableEdit, ...] = ()


UNCHANGED = ChangeClass(None)

# --- technical: what a yearly update changes -------------------------------------------

_ORDINAL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth|hundredth"
)
_MONTH = "|".join(MONTHS)
_YEAR = r"(?:19|20)\d\d"
_TECHNICAL = re.compile(
    "|".join(
        (
            rf"\b(?:[0-3]?\d(?:\s+(?:{_MONTH}))?\s*(?:to|and|-|\u2013)\s*)?[0-3]?\d\s+(?:{_MONTH})\s+{_YEAR}\b",  # 8 September 2006, 1 to 6 December 2025
            rf"\b(?:{_MONTH})\s+{_YEAR}\b",  # September 2006
            rf"\b{_YEAR}(?:\s*[-\u2013/]\s*(?:{_YEAR}|\d\d))?\b",  # 2025, 2025-2026, 2025/26
            r"(?-i:\b[A-Z]{1,6}(?:/[A-Z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)+)",  # A/79/123, A/RES/79/7, A/C.3/80/L.65
            r"\b(?:ES-|S-)?\d{1,3}/\d{1,4}(?:\s+[A-Z]\b)?",  # 79/7, 78/230 B
            r"\b\d{1,4}\s+\((?:19|20)\d\d\)",  # Security Council 2178 (2014)
            r"\b\d{1,4}\s+(?:[A-Z]\s+)?\([IVXLC]{1,6}\)",  # 217 A (III)
            rf"\b(?:{_ORDINAL})\b",  # eighty-first (session), third (preambular paragraph)
            r"(?<=\bparagraph )\d{1,4}(?:\s*\([a-z]{1,4}\))*",  # paragraph 5 (b)
            r"(?<=\bparagraphs )\d{1,4}(?:\s*\([a-z]{1,4}\))*(?:(?:,\s*|\s+and\s+|\s+to\s+)\d{1,4}(?:\s*\([a-z]{1,4}\))*)*",
        )
    ),
    re.IGNORECASE,
)
#: A masked list: "§, § and §", "§ of §, § of § and § of §" -- a list extended by one more.
_LIST = re.compile(r"§(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+(?:of|on|adopted\s+on)\s+|\s*,?\s+as\s+well\s+as\s+)§)+")
_PLURALS = re.compile(r"\b(resolution|decision|report|note|session|paragraph|year)s?\b", re.IGNORECASE)


def _masked(text: str) -> str:
    """The text with its technical facts replaced by ``§`` and lists of them by one ``§``."""
    out = _TECHNICAL.sub("§", text)
    out = _LIST.sub("§", out)
    out = _PLURALS.sub(lambda m: m[1] + "s", out)  # "resolution 78/7" -> "resolutions 78/7 and 79/7"
    return " ".join(out.split())


# --- editorial: case, punctuation, hyphens, quotes, spelling ----------------------------

_VARIANTS = (
    (re.compile(r"\borganis(?=ation|e|ed|es|ing)", re.I), "organiz"),
    (re.compile(r"\b(\w{2,})is(?=e\b|es\b|ed\b|ing\b|ation\b|ations\b)", re.I), r"\1iz"),
    (re.compile(r"\bprogram\b", re.I), "programme"),
    (re.compile(r"\bprograms\b", re.I), "programmes"),
    (re.compile(r"\bcenter(s?)\b", re.I), r"centre\1"),
    (re.compile(r"\blabor\b", re.I), "labour"),
    (re.compile(r"\bjudgment(s?)\b", re.I), r"judgement\1"),
    (re.compile(r"\bdefense\b", re.I), "defence"),
)
_PUNCTUATION = re.compile(r"[^\w\s§]|_")


def _editorial(text: str) -> str:
    """The words alone: case folded, punctuation, hyphens and quotes gone, spelling variants one,
    and the sequence adverb that opens a paragraph ("Also", "Further") left out: editors set
    it by the paragraph's neighbours, so it changes when they do."""
    text = _ADVERBS.sub("", _LABEL.sub("", text))
    for pattern, repl in _VARIANTS:
        text = pattern.sub(repl, text)
    text = re.sub(r"(?<=\w)[-\u2010\u2011]\s*(?=\w)", "", text)  # co-operation = cooperation = co- operation
    text = _PUNCTUATION.sub(" ", text.casefold())
    return " ".join(text.split())


# --- notable edits ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Strength:
    steps: dict[str, dict[str, float]]  # phrase (lower case) -> {ladder: step}
    phrases: tuple[str, ...]  # longest first
    qualifiers: tuple[str, ...]
    modals: tuple[str, ...]


@lru_cache(maxsize=1)
def strength() -> _Strength:
    """The ladders, qualifiers and modals of ``toolkit/data/strength.yaml``."""
    import os

    from toolkit.checks.yaml_cache import parsed

    def load(text: str):
        import yaml

        return yaml.safe_load(text)

    # Read beside the module (no importlib.resources to import) and parsed once per text:
    # the YAML data is kept in the user's cache, as the rule packs are.
    with open(os.path.join(os.path.dirname(__file__), "data", "strength.yaml"), encoding="utf-8") as handle:
        data = parsed(handle.read(), load)
    steps: dict[str, dict[str, float]] = {}
    for ladder, rungs in data["ladders"].items():
        for rank, phrases in enumerate(rungs):
            for phrase in phrases:
                for form in _forms(phrase.lower()):
                    steps.setdefault(form, {}).setdefault(ladder, float(rank))
    return _Strength(
        steps,
        tuple(sorted(steps, key=len, reverse=True)),
        tuple(q.lower() for q in data["qualifiers"]),
        tuple(m.lower() for m in data["modals"]),
    )


def _forms(phrase: str) -> tuple[str, ...]:
    """The operative form and its preambular participle: "urges" / "urging", "takes note" / "taking note"."""
    first, _, rest = phrase.partition(" ")
    participle = None
    if first.endswith("ies"):
        participle = first[:-3] + "ying"
    elif first.endswith("es"):  # welcomes, urges, notes, stresses: the e goes with the s
        participle = first[:-2] + "ing"
    elif first.endswith("s"):
        participle = first[:-1] + "ing"
    forms = [phrase]
    if participle:
        forms.append((participle + (" " + rest if rest else "")).strip())
    return tuple(forms)


_ADVERBS = re.compile(r"^(?:(?:also|further|again|once\s+again|moreover|furthermore|in\s+this\s+regard|in\s+that\s+regard),?\s+)+", re.I)
_LABEL = re.compile(r"^\s*(?:\d{1,4}\.|\([a-z0-9]{1,6}\))\s*")


def opening(text: str) -> tuple[str, dict[str, float]] | None:
    """The opening phrase of a paragraph found on the ladders: (phrase, {ladder: step}), or None."""
    text = _ADVERBS.sub("", _LABEL.sub("", text)).lower()
    boost = 0.0
    if text.startswith("strongly "):
        text, boost = text[len("strongly ") :], 0.5
        text = _ADVERBS.sub("", text)
    table = strength()
    for phrase in table.phrases:
        if text.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalpha()):
            steps = {ladder: step + boost for ladder, step in table.steps[phrase].items()}
            return (("strongly " if boost else "") + phrase, steps)
    return None


def _first_words(text: str, n: int = 3) -> str:
    return " ".join(_ADVERBS.sub("", _LABEL.sub("", text)).split()[:n])


def notable_edits(before: str, after: str) -> tuple[NotableEdit, ...]:
    """The verb, qualifier and modal edits from ``before`` to ``after``."""
    edits: list[NotableEdit] = []
    a, b = opening(before), opening(after)
    if a and b and a[0] != b[0]:
        shared = [ladder for ladder in a[1] if ladder in b[1] and a[1][ladder] != b[1][ladder]]
        if shared:
            up = b[1][shared[0]] > a[1][shared[0]]
            edits.append(NotableEdit("verb-stronger" if up else "verb-weaker", a[0], b[0]))
        else:
            edits.append(NotableEdit("verb-changed", a[0], b[0]))
    elif (a is None) != (b is None) and _first_words(before).lower() != _first_words(after).lower():
        edits.append(NotableEdit("verb-changed", a[0] if a else _first_words(before), b[0] if b else _first_words(after)))
    table = strength()
    low_before, low_after = before.lower(), after.lower()
    counted_before = _phrase_counts(low_before, table.qualifiers)
    counted_after = _phrase_counts(low_after, table.qualifiers)
    for qualifier in table.qualifiers:
        diff = counted_after[qualifier] - counted_before[qualifier]
        if diff > 0:
            edits.append(NotableEdit("qualifier-added", None, qualifier))
        elif diff < 0:
            edits.append(NotableEdit("qualifier-removed", qualifier, None))
    modal_before = [w for w in re.findall(r"[a-z]+", low_before) if w in table.modals]
    modal_after = [w for w in re.findall(r"[a-z]+", low_after) if w in table.modals]
    if Counter(modal_before) != Counter(modal_after):
        gone = list((Counter(modal_before) - Counter(modal_after)).elements())
        came = list((Counter(modal_after) - Counter(modal_before)).elements())
        edits.append(NotableEdit("modal-changed", ", ".join(gone) or None, ", ".join(came) or None))
    return tuple(edits)


def _phrase_counts(text: str, phrases: tuple[str, ...]) -> Counter:
    """How often each phrase stands in ``text`` as whole words, a longer phrase taking its words first."""
    counts: Counter = Counter()
    taken: list[tuple[int, int]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                counts[phrase] += 1
    return counts


# --- the kind of a pair -----------------------------------------------------------------


def classify(op: str, before: str, after: str, renumbered: bool = False) -> ChangeClass:
    """The kind of change a pair makes, from its op and its old and new wording."""
    if op in ("insert", "delete"):
        return ChangeClass("substantive")
    same = " ".join(before.split()) == " ".join(after.split())
    if same:
        if op == "move":
            return ChangeClass("substantive")  # the text is the same, its place is not
        if op in ("split", "merge"):
            return ChangeClass("editorial")
        return ChangeClass("technical") if renumbered else UNCHANGED
    if op == "move":
        return ChangeClass("substantive", notable_edits(before, after))
    masked_before, masked_after = _masked(before), _masked(after)
    if masked_before == masked_after:
        return ChangeClass("technical")
    if _editorial(before) == _editorial(after) or _editorial(masked_before) == _editorial(masked_after):
        return ChangeClass("editorial")
    return ChangeClass("substantive", notable_edits(before, after))
