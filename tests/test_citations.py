"""The citation extractor: every form of DOMAIN.md §2 found with its symbol, date and span; traps of §7 left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.citations import (
    ECOSOC,
    GA,
    HRC,
    SC,
    expand_parts,
    find_citations,
    in_session,
    roman_value,
    session_opening,
)
from toolkit.dates import format_date

D = dt.date


def cite(symbol: str, date: dt.date | None, text: str) -> tuple[str, dt.date | None, str]:
    """One expected citation: normalised symbol, stated date, the item's text as written."""
    return (symbol, date, text)


def found(text: str, organ: str | None = GA) -> list[tuple[str, dt.date | None, str]]:
    out = []
    for c in find_citations(text, organ):
        assert text[c.start : c.end] == c.text  # spans point into the text
        assert text[c.core_start : c.core_end] == c.core
        if c.date_span:
            assert c.date_text.endswith(text[c.date_start : c.date_end])
        out.append((c.symbol, c.date, c.text))
    return out


CASES = [
    # General Assembly, from the 31st session on
    ("Recalling its resolution 60/288 of 8 September 2006,", [cite("A/RES/60/288", D(2006, 9, 8), "60/288 of 8 September 2006")]),
    ("in resolution 70/291 of 1 July 2016", [cite("A/RES/70/291", D(2016, 7, 1), "70/291 of 1 July 2016")]),
    ("resolutions 31/6 A and B", [cite("A/RES/31/6", None, "31/6 A and B")]),
    ("resolution 31/16 A;", [cite("A/RES/31/16 A", None, "31/16 A")]),
    ("decisions 31/406 A to E", [cite("A/DEC/31/406", None, "31/406 A to E")]),
    ("Resolutions 53/243 A and B.", [cite("A/RES/53/243", None, "53/243 A and B")]),
    ("the resolution 31/16A", [cite("A/RES/31/16 A", None, "31/16A")]),
    # up to the 30th session
    ("Resolution 217 A (III).", [cite("A/RES/217 (III) A", None, "217 A (III)")]),
    ("See resolution 2200 A (XXI), annex.", [cite("A/RES/2200 (XXI) A", None, "2200 A (XXI)")]),
    ("resolutions 3411 A and B (XXX)", [cite("A/RES/3411 (XXX)", None, "3411 A and B (XXX)")]),
    ("resolution 1514 (XV) of 14 December 1960", [cite("A/RES/1514 (XV)", D(1960, 12, 14), "1514 (XV) of 14 December 1960")]),
    ("the Universal Declaration of Human Rights, 217 A (III),", [cite("A/RES/217 (III) A", None, "217 A (III)")]),
    ("resolution 2200 (XXI) A", [cite("A/RES/2200 (XXI) A", None, "2200 (XXI) A")]),
    # special and emergency special sessions
    ("resolution 3362 (S-VII)", [cite("A/RES/3362 (S-VII)", None, "3362 (S-VII)")]),
    ("resolutions 997 (ES-I) and 998 (ES-I)", [cite("A/RES/997 (ES-I)", None, "997 (ES-I)"), cite("A/RES/998 (ES-I)", None, "998 (ES-I)")]),
    ("as in 1474 (ES-IV) of 20 September 1960", [cite("A/RES/1474 (ES-IV)", D(1960, 9, 20), "1474 (ES-IV) of 20 September 1960")]),
    ("resolution S-8/1", [cite("A/RES/S-8/1", None, "S-8/1")]),
    ("its resolution ES-10/2 of 25 April 1997", [cite("A/RES/ES-10/2", D(1997, 4, 25), "ES-10/2 of 25 April 1997")]),
    ("the Declaration in S-26/2 on HIV", [cite("A/RES/S-26/2", None, "S-26/2")]),
    # Security Council
    ("resolution 1373 (2001) of 28 September 2001", [cite("S/RES/1373 (2001)", D(2001, 9, 28), "1373 (2001) of 28 September 2001")]),
    ("Security Council resolution 2178 (2014)", [cite("S/RES/2178 (2014)", None, "2178 (2014)")]),
    (
        "Security Council resolutions 1373 (2001) of 28 September 2001, 1624 (2005) of 14 September 2005 and 2178 (2014)",
        [
            cite("S/RES/1373 (2001)", D(2001, 9, 28), "1373 (2001) of 28 September 2001"),
            cite("S/RES/1624 (2005)", D(2005, 9, 14), "1624 (2005) of 14 September 2005"),
            cite("S/RES/2178 (2014)", None, "2178 (2014)"),
        ],
    ),
    (
        "resolutions 38 (1948) of 17 January, 39 (1948) of 20 January and 47 (1948) of 21 April 1948",
        [
            cite("S/RES/38 (1948)", D(1948, 1, 17), "38 (1948) of 17 January"),
            cite("S/RES/39 (1948)", D(1948, 1, 20), "39 (1948) of 20 January"),
            cite("S/RES/47 (1948)", D(1948, 4, 21), "47 (1948) of 21 April 1948"),
        ],
    ),
    ("resolution 161 A (1961) of 21 February 1961", [cite("S/RES/161 (1961) A", D(1961, 2, 21), "161 A (1961) of 21 February 1961")]),
    ("resolution 1373(2001)", [cite("S/RES/1373 (2001)", None, "1373(2001)")]),
    # Economic and Social Council, Human Rights Council, Commission on Human Rights
    ("Economic and Social Council resolution 1990/47 of 24 May 1990", [cite("E/RES/1990/47", D(1990, 5, 24), "1990/47 of 24 May 1990")]),
    ("resolution 1990/47", [cite("E/RES/1990/47", None, "1990/47")]),
    ("Council resolution 1733 (LIV)", [cite("E/RES/1733 (LIV)", None, "1733 (LIV)")]),
    ("resolution 1733 (LIV)", [cite("E/RES/1733 (LIV)", None, "1733 (LIV)")]),
    ("Human Rights Council resolution 5/1 of 18 June 2007", [cite("A/HRC/RES/5/1", D(2007, 6, 18), "5/1 of 18 June 2007")]),
    ("Commission on Human Rights resolution 2005/80", [cite("E/CN.4/RES/2005/80", None, "2005/80")]),
    # symbols written out
    ("A/RES/217(III)[A]", [cite("A/RES/217 (III) A", None, "A/RES/217(III)[A]")]),
    ("see A/RES/60/288 and S/RES/1373(2001).", [cite("A/RES/60/288", None, "A/RES/60/288"), cite("S/RES/1373 (2001)", None, "S/RES/1373(2001)")]),
    ("E/RES/1990/47 and A/HRC/RES/S-1/1", [cite("E/RES/1990/47", None, "E/RES/1990/47"), cite("A/HRC/RES/S-1/1", None, "A/HRC/RES/S-1/1")]),
    # dates in other forms, impossible dates, titles
    ("resolution 992 (X), adopted by the General Assembly on 21 November 1955,", [cite("A/RES/992 (X)", D(1955, 11, 21), "992 (X), adopted by the General Assembly on 21 November 1955")]),
    ("resolution 70/1 of September 25, 2015", [cite("A/RES/70/1", D(2015, 9, 25), "70/1 of September 25, 2015")]),
    ("resolution 70/1 of 31 June 2016", [cite("A/RES/70/1", None, "70/1 of 31 June 2016")]),
    # several citations in one text
    (
        "contained in General Assembly resolution 60/288 of 8 September 2006, and recalling Assembly resolution 68/276 of 13 June 2014, which",
        [cite("A/RES/60/288", D(2006, 9, 8), "60/288 of 8 September 2006"), cite("A/RES/68/276", D(2014, 6, 13), "68/276 of 13 June 2014")],
    ),
    (
        "in accordance with its mandate and Council resolution 2129 (2013) of 17 December 2013,",
        [cite("S/RES/2129 (2013)", D(2013, 12, 17), "2129 (2013) of 17 December 2013")],
    ),
    ("Resolution 217 A (III) and resolution 60/288", [cite("A/RES/217 (III) A", None, "217 A (III)"), cite("A/RES/60/288", None, "60/288")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_forms(text, expected):
    assert found(text) == expected


TRAPS = [
    "as set out in article 12 of the Universal Declaration",
    "in accordance with Article 51 of the Charter",
    "under rule 78 of the rules of procedure",
    "agenda item 118",
    "annex I to the present resolution",
    "Goal 5 and target 16.2 of the 2030 Agenda for Sustainable Development",
    "the COVID-19 pandemic",
    "paragraph 5 bis of the draft",
    "a zone of 8.5 km and 1 per cent of the budget",
    "in 2015, 2016 and 2017",
    "Official Records, pp. 43-46",
    "United Nations, Treaty Series, vol. 1577, No. 27531",
    "contained in document A/70/L.55 and A/HRC/25/59",
    "S/2015/123 and A/65/456/Add.2 (Part II)",
    "A/70/826 and Corr.1",
    "some 1,500 (II) troops",
    "the present resolution 5 and resolution 78",
    "Protocol 2 (II) and chapter 3 (IV)",
    "on 7 and 8 April 2016, resolution of the conflict",
    "the resolution adopted by 15 votes to none",
    "1 July 2016",
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_stay_empty(text):
    assert find_citations(text, GA) == ()


@pytest.mark.parametrize(
    "text, citing, organ, source",
    [
        ("its resolution 60/288", GA, GA, "its"),
        ("its resolution 5/1", HRC, HRC, "its"),
        ("its resolution 1373 (2001)", SC, SC, "its"),
        ("resolution 60/288", GA, GA, "form"),
        ("resolution 35/1", HRC, HRC, "form"),
        ("Security Council resolution 2178 (2014)", GA, SC, "named"),
        ("Assembly resolution 68/276", GA, GA, "named"),
        ("Human Rights Council resolution 35/1", GA, HRC, "named"),
        ("resolution 1373 (2001)", GA, SC, "form"),
        ("the General Assembly in its resolution 194 (III)", SC, GA, "named"),
        ("the Council in its resolution 687 (1991)", SC, SC, "named"),
        ("the General Assembly might take under the terms of its resolution 3292 (XXIX)", SC, GA, "named"),
        ("the Committee established by its resolution 1267 (1999)", SC, SC, "its"),
    ],
)
def test_organ(text, citing, organ, source):
    (c,) = find_citations(text, citing)
    assert (c.organ, c.organ_source) == (organ, source)


def test_list_items_carry_their_own_dates_and_positions():
    text = "Recalling its resolutions 62/272 of 5 September 2008, 64/297 of 8 September 2010 and 66/282,"
    items = find_citations(text, GA)
    assert [c.list_index for c in items] == [0, 1, 2]
    assert [c.keyword for c in items] == [True, False, False]
    assert [c.date for c in items] == [D(2008, 9, 5), D(2010, 9, 8), None]


def test_parts_and_flags():
    (c,) = find_citations("resolution 31/16A", GA)
    assert c.glued_parts and c.parts == ("A",) and c.base == "A/RES/31/16"
    (c,) = find_citations("resolution 2200 (XXI) A", GA)
    assert c.parts_after_session and c.symbol == "A/RES/2200 (XXI) A"
    (c,) = find_citations("resolutions 31/6 A and B", GA)
    assert c.symbols == ("A/RES/31/6 A", "A/RES/31/6 B")
    assert expand_parts("A to E") == ("A", "B", "C", "D", "E")
    assert expand_parts("A, B and D") == ("A", "B", "D")


def test_title_and_impossible_date():
    (c,) = find_citations('its resolution 70/1 of 25 September 2015, entitled "Transforming our world: the 2030 Agenda",', GA)
    assert c.title == "Transforming our world: the 2030 Agenda"
    (c,) = find_citations("resolution 70/1 of 31 June 2016", GA)
    assert c.date is None and c.date_text == "of 31 June 2016"


def test_roman_values():
    assert [roman_value(r) for r in ("I", "III", "XXI", "XXX", "XLIV", "LIV", "XC")] == [1, 3, 21, 30, 44, 54, 90]
    assert roman_value("IIII") is None and roman_value("") is None and roman_value("VX") is None


def test_session_calendar():
    assert session_opening(70) == D(2015, 9, 15)
    assert session_opening(71) == D(2016, 9, 13)
    assert session_opening(72) == D(2017, 9, 12)
    assert session_opening(73) == D(2018, 9, 18)
    assert session_opening(1) == D(1946, 1, 10)
    assert in_session(70, D(2016, 7, 1)) and in_session(70, D(2016, 9, 12))
    assert not in_session(70, D(2016, 9, 13)) and not in_session(70, D(2015, 9, 14))


# ---------------------------------------------------------------------------
# Properties: generated citations in every form are found in filler text

ROMANS = {n: r for n, r in enumerate(
    "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI XXII XXIII XXIV XXV XXVI XXVII XXVIII XXIX XXX".split(), start=1)}
FILLER = st.lists(
    st.sampled_from(
        "the of and to in Member States calls upon urges report on its work programme budget "
        "article 12 rule 78 agenda item 118 target 16.2 2030 Agenda COVID-19 8.5 km 1 per cent "
        "in 2015 pp. 43-46 vol. 1577, No. 27531 A/70/L.55 annex II".split(" ")
    ),
    max_size=12,
).map(" ".join)
PARTS = st.sampled_from([(), ("A",), ("A", "B"), ("A", "B", "C")])


def _parts_text(parts: tuple[str, ...]) -> str:
    if not parts:
        return ""
    if len(parts) == 1:
        return f" {parts[0]}"
    return " " + ", ".join(parts[:-1]) + f" and {parts[-1]}"


def _suffix(parts: tuple[str, ...]) -> str:
    return f" {parts[0]}" if len(parts) == 1 else ""


@st.composite
def citations(draw):
    """(text, citing organ, symbol, date) of one citation in any form."""
    form = draw(st.sampled_from(["new", "old", "special-new", "special-old", "sc", "ecosoc", "hrc", "symbol"]))
    date = draw(st.none() | st.dates(D(1946, 1, 1), D(2030, 12, 31)))
    parts = draw(PARTS)
    number = draw(st.integers(1, 3541))
    if form == "new":
        session = draw(st.integers(31, 99))
        text, organ, symbol = f"its resolution {session}/{number}{_parts_text(parts)}", GA, f"A/RES/{session}/{number}{_suffix(parts)}"
    elif form == "old":
        roman = ROMANS[draw(st.integers(1, 30))]
        text, organ, symbol = f"resolution {number}{_parts_text(parts)} ({roman})", GA, f"A/RES/{number} ({roman}){_suffix(parts)}"
    elif form == "special-new":
        prefix = draw(st.sampled_from(["S", "ES"]))
        k = draw(st.integers(1, 30))
        text, organ, symbol = f"resolution {prefix}-{k}/{number}", GA, f"A/RES/{prefix}-{k}/{number}"
    elif form == "special-old":
        prefix = draw(st.sampled_from(["S", "ES"]))
        roman = ROMANS[draw(st.integers(1, 12))]
        text, organ, symbol = f"resolution {number} ({prefix}-{roman})", GA, f"A/RES/{number} ({prefix}-{roman})"
    elif form == "sc":
        year = date.year if date else draw(st.integers(1946, 2030))
        text, organ, symbol = f"Security Council resolution {number} ({year})", GA, f"S/RES/{number} ({year})"
    elif form == "ecosoc":
        year = date.year if date else draw(st.integers(1978, 2030))
        text, organ, symbol = f"Economic and Social Council resolution {year}/{number}", GA, f"E/RES/{year}/{number}"
    elif form == "hrc":
        session = draw(st.integers(1, 60))
        text, organ, symbol = f"its resolution {session}/{number}", HRC, f"A/HRC/RES/{session}/{number}"
    else:
        session = draw(st.integers(31, 99))
        text, organ, symbol = f"A/RES/{session}/{number}", GA, f"A/RES/{session}/{number}"
        date = None
    if date:
        text += f" of {format_date(date)}"
    return text, organ, symbol, date


@given(before=FILLER, citation=citations(), sep=st.sampled_from([", ", "; ", " ", ". "]), after=FILLER)
def test_generated_citations_are_found(before, citation, sep, after):
    text, organ, symbol, date = citation
    whole = f"{before} {text}{sep}{after}".strip()
    start = whole.index(text)
    found_ = [c for c in find_citations(whole, organ) if c.start >= start]
    assert found_, whole
    first = found_[0]
    assert (first.symbol, first.date) == (symbol, date), whole
    assert first.end <= start + len(text)


@given(st.lists(st.tuples(st.integers(1, 2700), st.dates(D(1946, 1, 1), D(2030, 12, 31)), st.booleans()), min_size=1, max_size=5))
def test_generated_lists_give_each_item_its_date(items):
    texts = [f"{n} ({d.year})" + (f" of {format_date(d)}" if dated else "") for n, d, dated in items]
    listed = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
    got = find_citations(f"Recalling its resolutions {listed},", SC)
    assert [(c.symbol, c.date) for c in got] == [(f"S/RES/{n} ({d.year})", d if dated else None) for n, d, dated in items]


CITATION_ALPHABET = st.sampled_from(list("0123456789 ()/,.-ABCDEISVXLRT") + [
    "resolution ", "resolutions ", "decision ", " of ", " and ", " to ", "A/RES/", "S/RES/", "ES-", "S-",
    "January", " 2016", "June ", "Council ", "its ", "entitled \"", "General Assembly ",
])


@given(st.text() | st.lists(CITATION_ALPHABET, max_size=40).map("".join), st.sampled_from([None, GA, SC, ECOSOC, HRC]))
def test_no_text_makes_it_raise(text, organ):
    for c in find_citations(text, organ):
        assert 0 <= c.start <= c.core_start < c.core_end <= c.end <= len(text)
        assert c.symbol


# ---------------------------------------------------------------------------
# Every organ's form with its organ and date (issue 10, item 7)


def organ_dates(text: str, organ: str | None = GA) -> list[tuple[str, str, dt.date | None]]:
    return [(c.symbol, c.organ, c.date) for c in find_citations(text, organ)]


ORGAN_CASES = [
    # (text, citing organ, [(symbol, organ, date)])
    ("its resolution 78/241 of 22 December 2023", GA, [("A/RES/78/241", GA, D(2023, 12, 22))]),
    ("its resolution 2625 (XXV) of 24 October 1970", GA, [("A/RES/2625 (XXV)", GA, D(1970, 10, 24))]),
    ("its resolution S-8/1 of 30 January 1990", GA, [("A/RES/S-8/1", GA, D(1990, 1, 30))]),
    ("its resolution ES-10/2 of 25 April 1997", GA, [("A/RES/ES-10/2", GA, D(1997, 4, 25))]),
    ("resolution 3362 (S-VII) of 16 September 1975", GA, [("A/RES/3362 (S-VII)", GA, D(1975, 9, 16))]),
    ("its decision 78/546 of 22 December 2023", GA, [("A/DEC/78/546", GA, D(2023, 12, 22))]),
    ("Security Council resolution 2178 (2014) of 24 September 2014", GA, [("S/RES/2178 (2014)", SC, D(2014, 9, 24))]),
    ("Economic and Social Council resolution 2023/15 of 25 July 2023", GA, [("E/RES/2023/15", ECOSOC, D(2023, 7, 25))]),
    ("Economic and Social Council resolution 1733 (LIV) of 16 May 1973", GA, [("E/RES/1733 (LIV)", ECOSOC, D(1973, 5, 16))]),
    ("Human Rights Council resolution 53/1 of 11 July 2023", GA, [("A/HRC/RES/53/1", HRC, D(2023, 7, 11))]),
    ("Human Rights Council resolution S-35/1 of 24 November 2022", GA, [("A/HRC/RES/S-35/1", HRC, D(2022, 11, 24))]),
    ("Commission on Human Rights resolution 2005/80 of 21 April 2005", GA, [("E/CN.4/RES/2005/80", "Commission on Human Rights", D(2005, 4, 21))]),
    ("Commission on the Status of Women resolution 60/2 of 24 March 2016", GA,
     [("E/CN.6/RES/60/2", "Commission on the Status of Women", D(2016, 3, 24))]),
    # hard-wrapped text: "of\n4 December 1998"
    ("its resolutions 53/77 AA of\n4 December 1998 and 54/54 U of 1\nDecember 1999", GA,
     [("A/RES/53/77 AA", GA, D(1998, 12, 4)), ("A/RES/54/54 U", GA, D(1999, 12, 1))]),
    # two-letter part letters do not stop the list
    ("resolutions 52/38 L of 9 December 1997, 53/77 AA of 4 December 1998, 54/54 U of 1 December 1999, 55/33 T of 20 November 2000", GA,
     [("A/RES/52/38 L", GA, D(1997, 12, 9)), ("A/RES/53/77 AA", GA, D(1998, 12, 4)), ("A/RES/54/54 U", GA, D(1999, 12, 1)),
      ("A/RES/55/33 T", GA, D(2000, 11, 20))]),
    # footnote markers that lost their superscript, inside a list and glued to a year
    ("Human Rights Council resolutions 34/8 of 23 March 2017,4 35/34 of 23 June 2017, 5 40/16 of 22 March 20197, 42/18 of 26 September 2019,8 and 51/24 of 7 October 2022,10", GA,
     [("A/HRC/RES/34/8", HRC, D(2017, 3, 23)), ("A/HRC/RES/35/34", HRC, D(2017, 6, 23)), ("A/HRC/RES/40/16", HRC, D(2019, 3, 22)),
      ("A/HRC/RES/42/18", HRC, D(2019, 9, 26)), ("A/HRC/RES/51/24", HRC, D(2022, 10, 7))]),
    # carried-forward organs
    ("Recalling Human Rights Council resolutions 5/1 and 5/2 of 18 June 2007, and resolutions 32/13 of 1 July 2016,", GA,
     [("A/HRC/RES/5/1", HRC, None), ("A/HRC/RES/5/2", HRC, D(2007, 6, 18)), ("A/HRC/RES/32/13", HRC, D(2016, 7, 1))]),
    ("Recalling its resolutions 60/251 of 15 March 2006, by which it established the Human Rights Council, and 65/281 of 17 June 2011 on the review", GA,
     [("A/RES/60/251", GA, D(2006, 3, 15)), ("A/RES/65/281", GA, D(2011, 6, 17))]),
    ("Recalling Security Council resolution 1397 (2002), and noting that the Council in its resolution 1515 (2003) of 19 November 2003", GA,
     [("S/RES/1397 (2002)", SC, None), ("S/RES/1515 (2003)", SC, D(2003, 11, 19))]),
    ("Recalling its resolution 5/1 of 18 June 2007", HRC, [("A/HRC/RES/5/1", HRC, D(2007, 6, 18))]),
    ("Recalling its resolution 1373 (2001) of 28 September 2001", SC, [("S/RES/1373 (2001)", SC, D(2001, 9, 28))]),
    # a later keyword after another organ keeps to its own organ when the form says so
    ("Human Rights Council resolution 53/1 of 11 July 2023, and resolution 2178 (2014) of 24 September 2014", GA,
     [("A/HRC/RES/53/1", HRC, D(2023, 7, 11)), ("S/RES/2178 (2014)", SC, D(2014, 9, 24))]),
]


@pytest.mark.parametrize("text, citing, expected", ORGAN_CASES, ids=[c[0][:50] for c in ORGAN_CASES])
def test_every_organ_form_with_its_organ_and_date(text, citing, expected):
    assert organ_dates(text, citing) == expected


def test_shared_dates():
    a, b = find_citations("Recalling its resolutions 56/234 and 56/236 of 24 December 2001,", GA)
    assert (a.date, a.shared_date, b.date) == (None, D(2001, 12, 24), D(2001, 12, 24))
    # 64/297 was not adopted in June 2012 (session 64 ended in September 2010): nothing shared
    items = find_citations("Recalling its resolutions 62/272 of 5 September 2008, 64/297 and 66/282 of 29 June 2012,", GA)
    assert [c.shared_date for c in items] == [None, None, None]


PAGE = (
    "Recalling its resolutions 51/17 of 12 November\n\n"
    "A/RES/78/7 \nNecessity of ending the economic, commercial and financial embargo\n \n23-21472\n2/2 \n"
    "1996, 52/10 of 5 November 1997 and 53/4 of 14 October 1998 and Human Rights Council resolutions 34/8 of 23 March 2017,4 42/18 of \n"
    "__________________ \n \n1 Resolution 217 A (III). \n \n4 See A/72/53, chap. IV. \n\n"
    "A/RES/80/213 \nTerrorism and human rights\n \n25-20975\n3/8 \n \n \n"
    "26 September 2019,8 45/11 of 6 October 2020,\n"
)


def test_page_furniture_and_footnotes_are_stepped_over():
    got = find_citations(PAGE, GA)
    assert [(c.symbol, c.organ, c.date) for c in got] == [
        ("A/RES/51/17", GA, D(1996, 11, 12)),
        ("A/RES/52/10", GA, D(1997, 11, 5)),
        ("A/RES/53/4", GA, D(1998, 10, 14)),
        ("A/HRC/RES/34/8", HRC, D(2017, 3, 23)),
        ("A/HRC/RES/42/18", HRC, D(2019, 9, 26)),
        ("A/RES/217 (III) A", GA, None),  # in the footnote, read in place
        ("A/HRC/RES/45/11", HRC, D(2020, 10, 6)),
    ]
    for c in got:  # spans still point into the source
        assert PAGE[c.core_start : c.core_end] == c.core and PAGE[c.start : c.end] == c.text
        assert c.date_span is None or PAGE[c.date_end - 4 : c.date_end] == str(c.date.year)


@pytest.mark.parametrize("text", ["article 12", "rule 78", "agenda item 118", "target 16.2", "COVID-19", "8.5 km",
                                  "on 15 and 16 February 2023", "page 2/5 of the report", "23-26252 2/2", "vol. 1342, No. 22495",
                                  "the 2030 Agenda", "Security Council, of 24 September 2014"])
def test_no_false_citations(text):
    assert find_citations(text, GA) == ()
    assert find_citations(f"Recalling its resolution 70/1, {text}, and", GA)[1:] == ()


# A round trip over generated lists of every organ's form: each item found with its organ and date.
ITEM_FORMS = {
    "ga-new": (GA, lambda n, d: (f"{d.year - 1945 - (d.month < 9)}/{n}", f"A/RES/{d.year - 1945 - (d.month < 9)}/{n}")),
    "ga-old": (GA, lambda n, d: (f"{n} (XXV)", f"A/RES/{n} (XXV)")),
    "ga-special": (GA, lambda n, d: (f"ES-10/{n}", f"A/RES/ES-10/{n}")),
    "sc": (SC, lambda n, d: (f"{n} ({d.year})", f"S/RES/{n} ({d.year})")),
    "ecosoc": (ECOSOC, lambda n, d: (f"{d.year}/{n}", f"E/RES/{d.year}/{n}")),
    "hrc": (HRC, lambda n, d: (f"{(d.year - 2008) * 3 + 7}/{n}", f"A/HRC/RES/{(d.year - 2008) * 3 + 7}/{n}")),
}
LEADS = {GA: "its resolutions", SC: "Security Council resolutions", ECOSOC: "Economic and Social Council resolutions",
         HRC: "Human Rights Council resolutions"}


@given(
    form=st.sampled_from(sorted(ITEM_FORMS)),
    items=st.lists(st.tuples(st.integers(1, 399), st.dates(D(2009, 1, 1), D(2030, 12, 31)), st.booleans(),
                             st.sampled_from([" ", "\n"]), st.sampled_from(["", "3", "12"])), min_size=1, max_size=6),
)
def test_generated_lists_round_trip_with_organ_and_date(form, items):
    organ, make = ITEM_FORMS[form]
    texts, expected = [], []
    for n, d, dated, space, marker in items:
        number, symbol = make(n, d)
        texts.append(number + (f" of{space}{format_date(d)}{marker}" if dated else ""))
        expected.append((symbol, organ, d if dated else None))
    listed = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
    assert organ_dates(f"Recalling {LEADS[organ]} {listed},", GA) == expected
