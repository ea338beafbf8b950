"""The registry: symbols, CSV import of both shapes, look-ups, transactions under concurrency."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import shared_path
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.registry.importer import import_csv
from toolkit.registry.lookup import Registry
from toolkit.registry.store import connect, schema_version
from toolkit.symbols import parse


@pytest.mark.parametrize(
    "forms, expected",
    [
        (["S/RES/1373 (2001)", "S/RES/1373(2001)", "resolution 1373 (2001)", "1373 (2001)", "Security Council resolution 1373 (2001)"], "S/RES/1373 (2001)"),
        (["A/RES/60/288", "60/288", "resolution 60/288", "its resolution 60/288"], "A/RES/60/288"),
        (["A/RES/217(III)[A]", "217 A (III)", "A/RES/217 (III) A"], "A/RES/217 (III) A"),
        (["A/RES/31/16A", "31/16 A", "resolutions 31/16 A"], "A/RES/31/16 A"),
        (["A/RES/ES-10/2", "ES-10/2"], "A/RES/ES-10/2"),
        (["A/HRC/RES/5/1"], "A/HRC/RES/5/1"),
        (["E/RES/1990/47"], "E/RES/1990/47"),
    ],
)
def test_symbols_normalise(forms, expected):
    assert {parse(f).text for f in forms} == {expected}
    assert len({parse(f).key for f in forms}) == 1


@pytest.mark.parametrize("text", ["article 12", "A/70/L.55", "2030", "rule 78", "", "N/A", "A/RES/36//235IX"])
def test_not_symbols(text):
    assert parse(text) is None


@given(st.integers(1, 2800), st.integers(1946, 2030))
def test_sc_symbol_round_trip(number, year):
    sym = parse(f"resolution {number} ({year})")
    assert sym.text == f"S/RES/{number} ({year})" and parse(sym.text) == sym and parse(sym.key) == sym


@given(st.integers(31, 80), st.integers(1, 400))
def test_ga_symbol_round_trip(session, number):
    sym = parse(f"{session}/{number}")
    assert sym.text == f"A/RES/{session}/{number}" and parse(sym.key) == sym


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def list_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "list.csv",
        ["symbol", "vote_date", "title"],
        [
            ["S/RES/1373(2001)", "2001-09-28", "Threats to international peace and security caused by terrorist acts"],
            ["A/RES/60/288", "2006-09-08", "The United Nations Global Counter-Terrorism Strategy"],
            ["A/RES/217(III)[A]", "1948-12-10", "Universal Declaration of Human Rights"],
            ["not a symbol", "2001-01-01", "x"],
            ["S/RES/2178(2014)", "24/09/2014", "bad date"],
            ["", "2001-01-01", "no symbol"],
        ],
    )


def voting_csv(tmp_path: Path, edition: int) -> Path:
    """Voting data, one row per Member State vote, in two editions' column names."""
    members = [("USA", "UNITED STATES", "Y"), ("FRA", "FRANCE", "Y"), ("RUS", "RUSSIAN FEDERATION", "A"), ("CUB", "CUBA", "N")]
    if edition == 2024:
        header = ["undl_id", "ms_codes", "ms_names", "ms_votes", "resolutions", "title", "modality", "draft", "committee_report", "meeting", "agenda_titles", "subjects", "date", "yes", "no", "abstentions", "non-voting", "total-voting", "undl_link"]
        rows = [["4001", c, n, v, "A/RES/78/1", "A resolution", "Recorded Vote", "A/78/L.1", "", "A/78/PV.5", "", "", "2023-10-05", "", "", "", "", "", "https://example.invalid/4001"] for c, n, v in members]
        rows += [["4002", c, n, "Y", "A/RES/78/2", "Another", "Recorded Vote", "", "", "A/78/PV.6", "", "", "2023-10-06", "4", "0", "0", "0", "4", ""] for c, n, _ in members]
    else:
        header = ["Resolution", "Vote date", "Title", "Country", "Vote"]
        rows = [["A/RES/78/1", "2023-10-05", "A resolution", n, v] for _, n, v in members]
    return write_csv(tmp_path / f"votes-{edition}.csv", header, rows)


def test_import_list_counts_rejections_and_idempotence(tmp_path):
    conn = connect(tmp_path / "r.sqlite3")
    assert schema_version(conn) >= 1
    path = list_csv(tmp_path)
    result = import_csv(conn, path)
    assert (result.new, result.updated, result.unchanged) == (3, 0, 0)
    assert [line for line, _ in result.rejected] == [5, 6, 7]
    again = import_csv(conn, path)
    assert (again.new, again.updated, again.unchanged, len(again.rejected)) == (0, 0, 3, 3)
    reg = Registry(conn)
    assert reg.lookup("resolution 1373 (2001)").adoption_date == dt.date(2001, 9, 28)
    assert reg.lookup("217 A (III)").title == "Universal Declaration of Human Rights"
    assert reg.lookup("70/291") is None


@pytest.mark.parametrize("edition", [2024, 2019])
def test_import_voting_data_aggregates_by_resolution(tmp_path, edition):
    conn = connect(tmp_path / "r.sqlite3")
    result = import_csv(conn, voting_csv(tmp_path, edition))
    assert result.shape == "voting data"
    row = conn.execute("SELECT * FROM documents WHERE key = 'A/RES/78/1'").fetchone()
    assert (row["votes_yes"], row["votes_no"], row["votes_abstain"]) == (2, 1, 1)
    assert row["adoption_date"] == "2023-10-05"
    if edition == 2024:
        assert result.new == 2 and result.mapping["symbol"] == "resolutions"
        two = conn.execute("SELECT votes_yes FROM documents WHERE key = 'A/RES/78/2'").fetchone()[0]
        assert two == 4
    else:
        assert result.new == 1 and result.mapping["member"] == "Country"


def test_cli_import_show_stats(tmp_path):
    db = tmp_path / "r.sqlite3"
    runner = CliRunner()
    out = runner.invoke(main, ["registry", "import", str(list_csv(tmp_path)), "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "3 new, 0 updated, 0 unchanged, 3 rejected" in out.output
    assert f"{tmp_path / 'list.csv'}:5: rejected:" in out.output
    shown = runner.invoke(main, ["registry", "show", "S/RES/1373(2001)", "--db", str(db)])
    assert shown.exit_code == 0 and "2001-09-28" in shown.output
    assert runner.invoke(main, ["registry", "show", "1/1", "--db", str(db)]).exit_code == 1
    assert "documents    3" in runner.invoke(main, ["registry", "stats", "--db", str(db)]).output
    bad = write_csv(tmp_path / "bad.csv", ["a", "b"], [["1", "2"]])
    failed = runner.invoke(main, ["registry", "import", str(bad), "--db", str(db)])
    assert failed.exit_code == 2 and "need a symbol column and a date column" in failed.output


def test_real_registry_csv(tmp_path):
    path = shared_path("registry", "un-resolutions.csv")
    conn = connect(tmp_path / "r.sqlite3")
    result = import_csv(conn, path)
    assert result.new > 9800 and len(result.rejected) < 10
    reg = Registry(conn)
    assert reg.lookup("S/RES/1373 (2001)").adoption_date == dt.date(2001, 9, 28)
    assert reg.lookup("resolution 2178 (2014)").adoption_date == dt.date(2014, 9, 24)
    assert reg.lookup("217 A (III)").adoption_date == dt.date(1948, 12, 10)


def _big_csv(path: Path, n: int) -> Path:
    rows = [[f"A/RES/{100 + i // 9000}/{i % 9000 + 1}", "2001-01-01", f"title {i}"] for i in range(1, n)]
    return write_csv(path, ["symbol", "date", "title"], rows)


IMPORT = "import sys; from toolkit.registry.store import connect; from toolkit.registry.importer import import_csv; import_csv(connect(sys.argv[1]), sys.argv[2])"


def test_interrupted_import_leaves_the_previous_state(tmp_path):
    db = tmp_path / "r.sqlite3"
    import_csv(connect(db), list_csv(tmp_path))
    big = _big_csv(tmp_path / "big.csv", 300_000)
    proc = subprocess.Popen([sys.executable, "-c", IMPORT, str(db), str(big)])
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert count in (3, 3 + 299_999)  # all of the import or none of it
    assert Registry(conn).lookup("60/288") is not None


def test_readers_keep_reading_during_an_import(tmp_path):
    db = tmp_path / "r.sqlite3"
    import_csv(connect(db), list_csv(tmp_path))
    big = _big_csv(tmp_path / "big.csv", 100_000)
    proc = subprocess.Popen([sys.executable, "-c", IMPORT, str(db), str(big)])
    seen = set()
    reader = sqlite3.connect(db, timeout=30)
    while proc.poll() is None:
        seen.add(reader.execute("SELECT count(*) FROM documents").fetchone()[0])
    assert proc.returncode == 0
    seen.add(reader.execute("SELECT count(*) FROM documents").fetchone()[0])
    assert seen <= {3, 3 + 99_999} and 3 + 99_999 in seen


def test_unusable_registry_file(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(4096))
    result = CliRunner().invoke(main, ["registry", "stats", "--db", str(junk)])
    assert result.exit_code == 2 and "not a usable registry" in result.output
    with pytest.raises(InputError):
        import_csv(connect(tmp_path / "ok.sqlite3"), tmp_path / "missing.csv")
