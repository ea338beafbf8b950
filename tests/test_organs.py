"""toolkit.organs: names, symbols and calendars in one place (DOMAIN.md §2, §3)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit import organs
from toolkit.organs import (
    COMMISSION_ON_HUMAN_RIGHTS as CHR,
    COMMISSION_ON_THE_STATUS_OF_WOMEN as CSW,
    ECONOMIC_AND_SOCIAL_COUNCIL as ECOSOC,
    GENERAL_ASSEMBLY as GA,
    HUMAN_RIGHTS_COUNCIL as HRC,
    SECURITY_COUNCIL as SC,
    canonical_name,
    format_symbol,
    hrc_session_years,
    normalise_symbol,
    parse_symbol,
    resolution_number,
)

D = dt.date


@pytest.mark.parametrize(
    "written, name",
    [
        ("Commission on Human Rights", CHR),
        ("COMMISSION ON HUMAN RIGHTS", CHR),
        ("commission  on\nhuman rights", CHR),
        ("Economic and Social Council", ECOSOC),
        ("ECONOMIC AND SOCIAL COUNCIL", ECOSOC),
        ("ECOSOC", ECOSOC),
        ("Assembly", GA),
        ("Commission on the Status of Women", CSW),
        ("Committee on Contributions", None),
        ("", None),
    ],
)
def test_canonical_names(written, name):
    assert canonical_name(written) == name


SYMBOLS = [
    # (written, citing organ, normalised text, organ)
    ("S/RES/1373(2001)", None, "S/RES/1373 (2001)", SC),
    ("resolution 1373 (2001)", None, "S/RES/1373 (2001)", SC),
    ("S/RES/161 (1961) A", None, "S/RES/161 (1961) A", SC),
    ("A/RES/60/288", None, "A/RES/60/288", GA),
    ("60/288", None, "A/RES/60/288", GA),
    ("31/16 A", None, "A/RES/31/16 A", GA),
    ("53/77 AA", None, "A/RES/53/77 AA", GA),
    ("A/RES/217(III)[A]", None, "A/RES/217 (III) A", GA),
    ("217 A (III)", None, "A/RES/217 (III) A", GA),
    ("A/RES/104(S-1)", None, "A/RES/104 (S-1)", GA),
    ("3362 (S-VII)", None, "A/RES/3362 (S-VII)", GA),
    ("A/RES/ES-10/2", None, "A/RES/ES-10/2", GA),
    ("S-8/1", None, "A/RES/S-8/1", GA),
    ("A/DEC/31/406", None, "A/DEC/31/406", GA),
    ("decision 78/546", None, "A/DEC/78/546", GA),
    ("E/RES/1990/47", None, "E/RES/1990/47", ECOSOC),
    ("1990/47", None, "E/RES/1990/47", ECOSOC),
    ("Economic and Social Council resolution 2023/15", None, "E/RES/2023/15", ECOSOC),
    ("E/RES/1733 (LIV)", None, "E/RES/1733 (LIV)", ECOSOC),
    ("1733 (LIV)", None, "E/RES/1733 (LIV)", ECOSOC),
    ("A/HRC/RES/5/1", None, "A/HRC/RES/5/1", HRC),
    ("5/1", HRC, "A/HRC/RES/5/1", HRC),
    ("Human Rights Council resolution 53/1", None, "A/HRC/RES/53/1", HRC),
    ("A/HRC/RES/S-1/1", None, "A/HRC/RES/S-1/1", HRC),
    ("E/CN.4/RES/2005/80", None, "E/CN.4/RES/2005/80", CHR),
    ("Commission on the Status of Women resolution 60/2", None, "E/CN.6/RES/60/2", CSW),
]


@pytest.mark.parametrize("written, citing, text, organ", SYMBOLS, ids=[s[0] for s in SYMBOLS])
def test_parse_symbol(written, citing, text, organ):
    sym = parse_symbol(written, citing)
    assert sym is not None and (sym.text, sym.organ) == (text, organ)
    assert parse_symbol(sym.text) == sym  # normalised symbols read back as themselves


@pytest.mark.parametrize("written", ["A/70/L.55", "article 12", "COVID-19", "8.5 km", "A/RES/217 (XYZ)", "Security Council resolution 60/288", ""])
def test_not_symbols(written):
    assert parse_symbol(written) is None


@pytest.mark.parametrize(
    "raw, normalised",
    [
        ("S/RES/1373(2001)", "S/RES/1373 (2001)"),
        ("  A/70/L.55 ", "A/70/L.55"),
        ("A/65/456/Add.2  (Part II)", "A/65/456/Add.2 (Part II)"),
        ("A/RES/217(III)[A]", "A/RES/217 (III) A"),
        ("E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1", "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1"),
    ],
)
def test_normalise_symbol(raw, normalised):
    assert normalise_symbol(raw) == normalised


def test_resolution_numbers_and_organs_of_series():
    assert resolution_number("A/RES/70/291") == "70/291"
    assert resolution_number("S/RES/1373 (2001)") == "1373 (2001)"
    assert resolution_number("A/HRC/RES/5/1") == "5/1"
    assert resolution_number("A/RES/ES-10/2") == "ES-10/2"
    assert resolution_number("70/291") is None
    assert organs.organ_of_symbol("A/HRC/25/59").name == HRC
    assert organs.organ_of_symbol("E/CN.4/2005/1").name == CHR
    assert organs.organ_of_symbol("A/70/L.55").name == GA


def test_format_symbol():
    assert format_symbol(GA, "resolution", "60", 288) == "A/RES/60/288"
    assert format_symbol(GA, "decision", "31", 406) == "A/DEC/31/406"
    assert format_symbol(GA, "resolution", "III", 217, parts=("A",)) == "A/RES/217 (III) A"
    assert format_symbol(GA, "resolution", "31", 6, parts=("A", "B")) == "A/RES/31/6"
    assert format_symbol(SC, "resolution", None, 1373, 2001) == "S/RES/1373 (2001)"
    assert format_symbol(ECOSOC, "resolution", None, 47, 1990) == "E/RES/1990/47"
    assert format_symbol(HRC, "resolution", "S-1", 1) == "A/HRC/RES/S-1/1"


def test_fits():
    assert organs.fits(GA, "old", "XXX") and not organs.fits(GA, "old", "LIV")
    assert organs.fits(ECOSOC, "old", "LIV") and organs.fits(ECOSOC, "year")
    assert not organs.fits(SC, "new") and organs.fits(HRC, "special", "S-35") and not organs.fits(HRC, "special", "ES-10")
    assert organs.fits("Committee on Contributions", "new")


@pytest.mark.parametrize(
    "session, date",
    [(1, D(2006, 6, 30)), (5, D(2007, 6, 18)), (7, D(2008, 3, 28)), (9, D(2008, 9, 24)), (34, D(2017, 3, 23)),
     (35, D(2017, 6, 23)), (42, D(2019, 9, 26)), (45, D(2020, 10, 6)), (51, D(2022, 10, 7)), (53, D(2023, 7, 11)),
     (57, D(2024, 10, 10)), (58, D(2025, 4, 3)), (60, D(2025, 10, 6))],
)
def test_hrc_calendar_fits_real_resolutions(session, date):
    first, last = hrc_session_years(session)
    assert first <= date.year <= last
    assert organs.date_fits_session(HRC, str(session), None, date)


def test_calendars():
    assert not organs.date_fits_session(HRC, "53", None, D(2016, 7, 1))
    assert organs.date_fits_session(GA, "70", None, D(2016, 7, 1))
    assert not organs.date_fits_session(GA, "64", None, D(2012, 6, 29))
    assert organs.date_fits_session(SC, None, 2001, D(2001, 9, 28))
    assert organs.date_fits_session(GA, "S-8", None, D(1990, 1, 30)) is None
    assert organs.session_opening(70) == D(2015, 9, 15)


@given(st.integers(7, 120))
def test_hrc_three_sessions_a_year(n):
    first, last = hrc_session_years(n)
    assert last - first <= 1
    assert hrc_session_years(n + 3)[0] == first + 1
