"""Dates as resolutions write them: "1 July 2016" (DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt
import re

from toolkit import patterns

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH_NUMBER = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}

#: "1 July 2016", "29\nNovember 2001" (hard-wrapped), "1st July 2016" (a style error, still a date).
DATE = patterns.compile(
    r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>" + "|".join(MONTHS) + r")[.,]?\s+(?P<year>1[89]\d\d|20\d\d)\b"
)


def parse_date(text: str) -> dt.date | None:
    """The first valid date written in ``text``, or ``None``."""
    for m in DATE.finditer(text):
        found = to_date(m)
        if found:
            return found
    return None


def to_date(match: re.Match[str]) -> dt.date | None:
    """The date a :data:`DATE` match names, or ``None`` when it is impossible (31 June)."""
    try:
        return dt.date(int(match["year"]), _MONTH_NUMBER[match["month"].lower()], int(match["day"]))
    except ValueError:
        return None


def format_date(value: dt.date) -> str:
    """``date(2016, 7, 1)`` -> ``"1 July 2016"``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
