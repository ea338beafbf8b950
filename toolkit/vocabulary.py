"""Words that open paragraphs, name organs and count sessions (DOMAIN.md §1, §6)."""

from __future__ import annotations

import re

from toolkit import patterns
from toolkit import organs as _organs

#: Organs as their resolutions name them in the organ line ("The General Assembly,"),
#: from :mod:`toolkit.organs`, the one home of organ names.
ORGANS = tuple(o.name for o in _organs.ORGANS)

ORGAN_LINE = patterns.compile(
    r"^(?:Therefore,?\s+)?[Tt]he\s+(" + "|".join(o.replace(" ", r"\s+") for o in ORGANS) + r")\s*[,:;.]?\s*$",
    re.IGNORECASE,
)

#: Adverbs and particles that may stand before the opening word ("Also requests",
#: "Deeply concerned", "Once again calls upon").
MODIFIERS = frozenset(
    """also further again once strongly deeply gravely firmly fully seriously
    particularly especially profoundly sincerely warmly emphatically solemnly urgently equally
    hereby therefore accordingly finally""".split()
)

#: Opening words of preambular paragraphs that are neither "-ing" participles
#: nor "-ed" past participles.
PREAMBULAR_WORDS = frozenset(
    """mindful aware conscious cognizant desirous keen anxious confident sure
    resolved determined convinced concerned alarmed appalled dismayed disturbed
    distressed grateful gratified pleased satisfied encouraged heartened
    guided bearing acting recognizing in affirming reaffirming noting taking
    having whereas considering observing welcoming stressing underlining
    emphasizing reiterating regretting deploring condemning believing
    acknowledging appreciating commending indignant supportive""".split()
)

#: Words in "-ed" and "-ing" that never open a preambular paragraph ("United Nations").
NOT_OPENERS = frozenset(
    """united hundred need indeed seed speed during beijing king nothing something
    anything everything morning evening spring string thing things building buildings
    meeting meetings hearing hearings briefing briefings funding wording peacebuilding
    peacekeeping peacemaking financing trafficking training housing policing mainstreaming
    programming planning monitoring reporting wellbeing""".split()
)

#: Operative verbs (third person, present tense) that open operative paragraphs.
OPERATIVE_WORDS = frozenset(
    """accepts acknowledges adopts affirms agrees appeals appreciates approves
    asks assures authorizes calls commends concurs condemns confirms congratulates
    considers decides declares demands denounces deplores designates determines
    directs emphasizes encourages endorses establishes expresses extends
    invites finds entrusts appoints elects proclaims pays salutes reaffirms recalls recognizes recommends regrets reiterates
    rejects reminds renews requests resolves stresses strongly supports takes
    thanks underlines underscores urges welcomes notes highlights insists
    acknowledges warns condemns deems relies transmits submits instructs
    authorises organises""".split()
)

_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}
_ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
_CARDINAL_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}


def ordinal_value(words: str) -> int | None:
    """``"Seventieth"`` -> 70, ``"seventy-second"`` -> 72, ``"hundredth"`` -> 100."""
    w = words.strip().lower().replace("\u2011", "-").replace("\u2010", "-")
    hundred = 0
    if w.startswith("one hundred"):
        hundred, w = 100, w[len("one hundred") :].strip(" -")
        if w.startswith("and "):
            w = w[4:]
        if not w:
            return None
    elif w in ("hundredth", "one hundredth"):
        return 100
    if w in _ORDINAL_UNITS:
        return hundred + _ORDINAL_UNITS[w]
    if w in _ORDINAL_TENS:
        return hundred + _ORDINAL_TENS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _CARDINAL_TENS and unit in _ORDINAL_UNITS and _ORDINAL_UNITS[unit] < 10:
            return hundred + _CARDINAL_TENS[tens] + _ORDINAL_UNITS[unit]
    return None


_CARDINAL_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TENS_NAMES = {v: k for k, v in _CARDINAL_TENS.items()}
_ORDINAL_NAMES = {v: k for k, v in {**_ORDINAL_UNITS, **_ORDINAL_TENS}.items()}


def ordinal_words(n: int) -> str:
    """70 -> ``"seventieth"``, 72 -> ``"seventy-second"`` (1 to 199)."""
    if not 1 <= n < 200:
        raise ValueError(n)
    prefix = ""
    if n >= 100:
        if n == 100:
            return "hundredth"
        prefix, n = "one hundred and ", n - 100
    if n in _ORDINAL_NAMES:
        return prefix + _ORDINAL_NAMES[n]
    return prefix + f"{_TENS_NAMES[n - n % 10]}-{_CARDINAL_UNITS[n % 10]}"


def opening_words(text: str) -> list[str]:
    """The first few words of a paragraph, without italics markers or quotes."""
    return re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text[:80])[:4]


def opening_kind(text: str, guess: bool = False) -> str | None:
    """``"preambular"``, ``"operative"`` or ``None`` from a paragraph's opening words.

    With ``guess``, an unknown capitalised word in "-s" ("Entrusts") counts as an
    operative verb; line grouping leaves it off, since "Nations," may start a line.
    """
    words = opening_words(text)
    if not words or not words[0][:1].isupper():
        return None
    if re.match(r"It is (?:resolved|decided)\b", text):
        return "operative"
    i = 0
    while i < len(words) - 1 and words[i].lower() in MODIFIERS:
        i += 1
    head = words[i].lower()
    if head in OPERATIVE_WORDS:
        return "operative"
    if guess and head.endswith("s") and not head.endswith(("ss", "us", "is")) and len(head) > 4 and head not in PREAMBULAR_WORDS:
        return "operative"
    if head in NOT_OPENERS:
        return None
    if head in PREAMBULAR_WORDS or head.endswith("ing") or (head.endswith("ed") and len(head) > 4):
        return "preambular"
    return None


_ROMAN_VALUES = ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def from_roman(s: str) -> int:
    """``"xiv"`` -> 14 (lower-case numerals, as subparagraphs are labelled)."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


def to_roman(n: int) -> str:
    """14 -> ``"xiv"``."""
    out = []
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
