"""More sources for the registry: spreadsheets, other organs' lists, dates inside free text."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from click.testing import CliRunner

from conftest import shared_path
from toolkit.cli import main

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes one (repeats included)."""
    tables = []
    for name, rows in sheets.items():
        body = []
        for row in rows:
            cells = "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in row)
            body.append(f'<table:table-row>{cells}<table:table-cell table:number-columns-repeated="16000"/></table:table-row>')
        body.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>')
        tables.append(f'<table:table table:name="{name}">{"".join(body)}</table:table>')
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document-content>'
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
    return path


HRC = {
    "analysis": [["year", "count"], ["2022", "3"]],
    "data": [
        ["Session typ", "Adopted text", "Title", "Action taken", "status"],
        ["regular", "51/3", "Human rights and indigenous peoples", "Adopted without a vote | 40th meeting, 6 October 2022", "Adopted"],
        ["regular", "16/1", "Declaration on Human Rights Education", "Adopted on 23 March 2011 [without a vote]", "Adopted"],
        ["regular", "2/2.", "Incitement to racial and religious hatred", "", "Adopted"],
        ["regular", "51/40", "A withdrawn draft", "Withdrawn", "Withdrawn"],
        ["special", "ight", "Garbled", "", "Adopted"],
    ],
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_spreadsheet_of_another_organ_with_dates_in_free_text(tmp_path):
    sheet = ods(tmp_path / "hrc.ods", HRC)
    db = tmp_path / "r.sqlite3"
    refused = run("registry", "import", sheet, "--registry", db)
    assert refused.exit_code == 2 and "'51/3' is a bare number; say whose with --organ" in refused.stderr
    result = run("registry", "import", sheet, "--registry", db, "--organ", "Human Rights Council")
    assert result.exit_code == 0, result.output
    assert "symbol <- Adopted text, date <- Action taken, status <- status, title <- Title" in result.stdout
    assert "hrc.ods:5: rejected: 51/40: Withdrawn, not adopted" in result.stdout
    assert "hrc.ods:6: rejected: 'ight' is not a resolution symbol" in result.stdout
    assert "hrc.ods:4: imported without a date: A/HRC/RES/2/2: no date in 'Action taken'" in result.stdout
    rows = dict(sqlite3.connect(db).execute("SELECT symbol, adoption_date FROM documents").fetchall())
    assert rows == {"A/HRC/RES/51/3": "2022-10-06", "A/HRC/RES/16/1": "2011-03-23", "A/HRC/RES/2/2": None}
    again = run("registry", "import", sheet, "--registry", db, "--organ", "HRC")
    assert "0 new, 0 updated, 3 unchanged" in again.stdout


def test_a_spreadsheet_that_declares_entities_is_refused(tmp_path):
    path = tmp_path / "bomb.ods"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    result = run("registry", "import", path, "--registry", tmp_path / "r.sqlite3", "--organ", "Human Rights Council")
    assert result.exit_code == 2 and "DOCTYPE or entities" in result.stderr


def test_the_human_rights_council_list():
    """Spot checks against the OHCHR pages, as recorded beside the list."""
    listing = shared_path("registry", "candidates", "hrc-dw-data", "unhrc_resolutions.ods")
    from toolkit.registry.importer import records

    result, found = records(listing, "Human Rights Council")
    dates = {r.symbol: r.date for r in found}
    assert {s: dates[s] for s in ("A/HRC/RES/26/9", "A/HRC/RES/31/32", "A/HRC/RES/40/11", "A/HRC/RES/43/1", "A/HRC/RES/49/1")} == {
        "A/HRC/RES/26/9": "2014-06-26",
        "A/HRC/RES/31/32": "2016-03-24",
        "A/HRC/RES/40/11": "2019-03-21",
        "A/HRC/RES/43/1": "2020-06-19",
        "A/HRC/RES/49/1": "2022-03-04",
    }
    assert all(r.organ == "Human Rights Council" for r in found)
    assert len(found) > 1300 and sum(1 for r in found if r.date) > 1000
