"""``symbol``: United Nations document symbols written by their grammar (DOMAIN.md §3).

A symbol is slash-separated parts: organ or series (A/, S/, E/, ST/, A/HRC/,
CRC/C/), subsidiary bodies (C.3, CN.4, Sub.2, AC.2, WG.1), session or year,
nature (L.55, PV.96, RES/, PRST/, CRP.1, SR.12, WP.4) and suffixes (Add.1,
Corr.1, Rev.1, Amend.1, "(Part II)"). Option ``check``:

- ``malformed``: an empty part ("A//70"), a trailing slash, a nature or suffix
  without its full stop ("A/70/L55", "Add2") or in the wrong case ("l.55",
  "ADD.1", "res"), a Security Council resolution without its year in
  parentheses ("S/RES/1373(2001)", "S/RES/1373/2001");
- ``shortened-suffix``: an addendum or corrigendum after its full symbol may be
  shortened: "A/70/826 and Corr.1" for "A/70/826 and A/70/826/Corr.1" (option
  ``footnotes``: also in notes, where official texts write both forms);
- ``official-records``: in "Official Records of the General Assembly, Seventieth
  Session, Supplement No. 53 (A/70/53)" the session word and the supplement
  number agree with the symbol (DOMAIN.md §4).

Only known faults are reported: an unfamiliar but well-formed series
("UNEP/OzL.Pro.31/9") is left alone.
"""

from __future__ import annotations

import re
from typing import Iterator

from toolkit import patterns
from toolkit.checks.context import Context
from toolkit.checks.finding import Finding
from toolkit.checks.kinds import Option
from toolkit.checks.rule import Rule
from toolkit.model import Document, Footnote
from toolkit.vocabulary import ordinal_value

NAME = "symbol"
OPTIONS = {
    "check": Option(str, choices=("malformed", "shortened-suffix", "official-records"), doc="what the rule verifies"),
    "footnotes": Option(bool, default=True, doc="also look in footnotes"),
}

#: Series that open a symbol. Longer names first, so "CRC/C" wins over "C".
SERIES = (
    "A", "S", "E", "ST", "T", "DP", "TD", "UNEP", "CRC", "CCPR", "CEDAW", "CERD", "CAT", "CMW", "CRPD", "CED",
    "ICEF", "UNW", "FCCC", "ECE", "ESCAP", "ESCWA", "ECA", "ECLAC", "SG", "TRADE", "CTOC", "HRI", "UNHCR",
)
_SERIES = "|".join(sorted(SERIES, key=len, reverse=True))
#: A candidate: a series, then parts after slashes (empty parts kept, to be reported).
CANDIDATE = patterns.compile(
    r"(?<![\w/.:\-@])(?P<sym>(?:" + _SERIES + r")(?:/{1,3}[A-Za-z0-9][A-Za-z0-9.\-]*)+/?)"
    r"(?:(?<=/)[ \t]+(?P<cont>(?:Add|Corr|Rev|Amend|L|PV|RES|PRST)\.?\d*\b[A-Za-z0-9./\-]*|\d{1,5}\b(?:/[A-Za-z0-9.\-]+)*))?"
    r"(?P<tail>\s*\(\d{4}\))?"
)

#: Natures and suffixes with their written case ("L.55", "Add.1"), by lower-case name.
_NATURES = {
    n.lower(): n
    for n in (
        "L", "PV", "CRP", "SR", "WP", "INF", "Add", "Corr", "Rev", "Amend", "Sub", "AC", "CN", "WG", "C",
        "CONF", "GC", "Summary", "Misc", "NGO", "R", "PC", "BUR", "CP",
    )
}
_STRUCTURAL = {w.lower(): w for w in ("RES", "DEC", "PRST", "HRC", "INF", "BUR", "SR", "PV")}
#: Natures that are never written without a number after a full stop.
_GLUED = patterns.compile(r"^(?P<nature>L|PV|Add|Corr|Rev|Amend|CRP|WP|SR|CN|AC|WG|Sub)(?P<number>\d{1,4})$", re.IGNORECASE)
_DOTTED = patterns.compile(r"^(?P<nature>[A-Za-z]{1,7})\.(?P<number>\d{1,4}[A-Za-z]?)$")
_SUFFIX = patterns.compile(r"^(?:Add|Corr|Rev|Amend)\.\d{1,3}$")
#: A series word run into the session: "A/HRC25/59", "S/RES1373".
_JOINED = patterns.compile(r"^(?P<word>HRC|RES|DEC|PRST)(?P<number>\d{1,4})$", re.IGNORECASE)
#: A shortened suffix after a symbol, without its full stop: "A/70/826 and Corr1".
_SHORT_SUFFIX = patterns.compile(r"(?P<sep>\s*,\s*(?:and\s+)?|\s+and\s+)(?P<suffix>(?P<nature>Add|Corr|Rev|Amend)\.?\s*(?P<number>\d{1,3}))\b")


def check(rule: Rule, doc: Document, context: Context) -> Iterator[Finding]:
    what, in_notes = rule.options["check"], rule.options["footnotes"]
    for element in rule.elements(doc):
        text = element.text
        if "/" not in text or (not in_notes and isinstance(element, Footnote)):
            continue
        if what == "malformed":
            for m in CANDIDATE.finditer(text):
                problem = _fault(m)
                if problem:
                    reason, fixed = problem
                    start, end = m.start(), m.end() - (len(m["cont"]) - len(m["cont"].rstrip(".-")) if m["cont"] else 0)
                    yield rule.at(doc, element, start, end, fix=fixed, found=text[start:end].rstrip(), expected=fixed, reason=reason)
                # "A/70/826 and Corr1": the shortened suffix after it needs its full stop too.
                after = m.end() - (len(m["sym"]) - len(m["sym"].rstrip(".-"))) if not m["tail"] and not m["cont"] else m.end()
                while s := _SHORT_SUFFIX.match(text, after):
                    if "." not in s["suffix"]:  # "Corr. 1" is how older texts print it: accepted
                        fixed = f"{s['nature']}.{s['number']}"
                        yield rule.at(
                            doc, element, s.start("suffix"), s.end("suffix"), fix=fixed, found=s["suffix"], expected=fixed,
                            reason=f"a suffix is written '{fixed}'",
                        )
                    after = s.end()
        elif what == "shortened-suffix":
            yield from _shortened(rule, doc, element)
        else:
            yield from _official_records(rule, doc, element)


def symbols_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, symbol) of every symbol candidate in ``text``, trailing punctuation left out."""
    out = []
    for m in CANDIDATE.finditer(text):
        sym = m["sym"].rstrip(".-")
        out.append((m.start(), m.start() + len(sym), sym))
    return out


def _fault(m: re.Match[str]) -> tuple[str, str] | None:
    """(what is wrong, the symbol written right) for a candidate, or None when it is well formed."""
    raw = m["sym"]
    sym = raw.rstrip(".-")  # a sentence's full stop is not part of the symbol
    tail = m["tail"] or ""
    if "//" in sym:
        fixed = re.sub(r"/{2,}", "/", sym)
        return "an empty part between slashes", fixed + tail
    if m["cont"]:
        return "a space inside the symbol", sym + m["cont"].rstrip(".-") + tail
    if sym.endswith("/"):
        return "a slash with nothing after it", sym.rstrip("/") + tail
    parts = sym.split("/")
    fixed_parts = list(parts)
    reasons = []
    for i, part in enumerate(parts[1:], start=1):
        if g := _GLUED.match(part):
            nature = _NATURES[g["nature"].lower()]
            fixed_parts[i] = f"{nature}.{g['number']}"
            reasons.append(f"'{part}' needs a full stop: '{fixed_parts[i]}'")
        elif (d := _DOTTED.match(part)) and d["nature"].lower() in _NATURES and d["nature"] != _NATURES[d["nature"].lower()]:
            if _case_is_wrong(d["nature"], parts[0]):
                fixed_parts[i] = f"{_NATURES[d['nature'].lower()]}.{d['number']}"
                reasons.append(f"'{part}' is written '{fixed_parts[i]}'")
        elif j := _JOINED.match(part):
            word = _STRUCTURAL[j["word"].lower()]
            fixed_parts[i] = f"{word}/{j['number']}"
            reasons.append(f"'{part}' needs a slash: '{fixed_parts[i]}'")
        elif part.lower() in _STRUCTURAL and part != _STRUCTURAL[part.lower()] and part.isalpha():
            fixed_parts[i] = _STRUCTURAL[part.lower()]
            reasons.append(f"'{part}' is written '{fixed_parts[i]}'")
    fixed = "/".join(fixed_parts)
    # Security Council resolutions: "S/RES/1373 (2001)".
    if sc := re.fullmatch(r"S/RES/(\d{1,4})(?:/(\d{4}))?", fixed):
        year = sc[2] or (re.search(r"\d{4}", tail)[0] if tail else None)
        if year and (sc[2] or not tail.startswith(" ")):
            reasons.append("a Security Council resolution takes its year in parentheses after a space")
            return "; ".join(reasons), f"S/RES/{sc[1]} ({year})"
    if reasons:
        return "; ".join(reasons), fixed + tail
    return None


def _case_is_wrong(nature: str, series: str) -> bool:
    """"l.55" and "ADD.1" are wrong; treaty-body series write some natures their own way."""
    if series in ("A", "S", "E", "ST", "T"):
        return True
    return nature.islower()


_LIST_SEP = patterns.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _suffix_after(a: str, b: str) -> str | None:
    """The suffixes ``b`` adds to ``a`` or to ``a``'s base: ("A/70/826", "A/70/826/Corr.1") -> "Corr.1".

    "A/71/53/Add.1 and A/71/53/Add.1/Corr.1" -> "Corr.1"; "A/70/826/Add.1 and A/70/826/Add.2" -> "Add.2".
    """
    base = a
    while True:
        if b.startswith(base + "/"):
            rest = b[len(base) + 1 :]
            return rest if all(_SUFFIX.match(p) for p in rest.split("/")) else None
        head, _, last = base.rpartition("/")
        if not head or not _SUFFIX.match(last):
            return None
        base = head


def _shortened(rule: Rule, doc: Document, element) -> Iterator[Finding]:
    text = element.text
    found = symbols_in(text)
    for (s1, e1, a), (s2, e2, b) in zip(found, found[1:]):
        if not _LIST_SEP.fullmatch(text[e1:s2]):
            continue
        rest = _suffix_after(a, b)
        if rest:
            yield rule.at(doc, element, s2, e2, fix=rest, found=b, expected=rest, full=a)


_OFFICIAL_RECORDS = patterns.compile(
    r"Official\s+Records\s+of\s+the\s+General\s+Assembly,\s+(?P<session>[A-Z][a-z]+(?:[- ][a-z]+)?)\s+Session,"
    r"\s+Supplement\s+No\.\s*(?P<supplement>\d{1,3})[A-Z]?"
    r"(?:\s+and\s+(?:corrigend(?:um|a)|addend(?:um|a)))?\s*\((?P<symbol>A/(?P<s_session>\d{1,3})/(?P<s_number>\d{1,3})[^)]*)\)"
)


def _official_records(rule: Rule, doc: Document, element) -> Iterator[Finding]:
    for m in _OFFICIAL_RECORDS.finditer(element.text):
        session = ordinal_value(m["session"])
        problems = []
        if session is not None and session != int(m["s_session"]):
            problems.append(f"the {m['session']} Session is session {session}, but {m['symbol']} belongs to session {int(m['s_session'])}")
        if int(m["supplement"]) != int(m["s_number"]):
            problems.append(f"Supplement No. {m['supplement']} is {m['symbol'].split('/')[0]}/{m['s_session']}/{int(m['supplement'])}, not {m['symbol']}")
        if problems:
            yield rule.at(doc, element, m.start(), m.end(), found=m.group(), symbol=m["symbol"], reason="; ".join(problems))
