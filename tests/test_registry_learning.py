"""The registry learns from what it reads: facts from adopted texts, evidence from their citations."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import main


def adopted(number: int, cites: str, date: str = "1 July 2016") -> str:
    """A small adopted resolution A/RES/70/<number> that recalls ``cites``."""
    return textwrap.dedent(
        f"""\
        ---
        organ: General Assembly
        symbol: A/RES/70/{number}
        session: Seventieth session
        adopted: 2016-07-0{number % 9 + 1}
        meeting: 10{number % 9}th plenary meeting
        ---

        The General Assembly,

        Recalling its resolution {cites},

        1. Decides to remain seized of the matter.
        """
    )


DRAFT = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    session: Seventy-first session
    ---

    The General Assembly,

    Recalling its resolution 68/276 of 16 June 2014,

    1. Decides to remain seized of the matter.
    """
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _texts(folder: Path, dates: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for k, date in enumerate(dates, 1):
        (folder / f"r{k}.md").write_text(adopted(k, f"68/276 of {date}"))


def test_consistent_evidence_of_two_texts_is_reported_naming_them(tmp_path):
    db = tmp_path / "r.sqlite3"
    _texts(tmp_path / "texts", ["13 June 2014", "13 June 2014"])
    assert run("index", tmp_path / "texts", "--registry", db).exit_code == 0
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    result = run("check", draft, "--registry", db)
    assert "[citation-registry-evidence-mismatch] A/RES/68/276 is dated 13 June 2014 by A/RES/70/1 (PP1), A/RES/70/2 (PP1), not 16 June 2014" in result.stdout
    draft.write_text(DRAFT.replace("16 June", "13 June"))
    assert "evidence-mismatch" not in run("check", draft, "--db", db).stdout  # --db names the same option


def test_one_text_or_disagreeing_texts_are_no_evidence(tmp_path):
    db = tmp_path / "r.sqlite3"
    _texts(tmp_path / "one", ["13 June 2014"])
    run("index", tmp_path / "one", "--registry", db)
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    assert "evidence-mismatch" not in run("check", draft, "--registry", db).stdout
    (tmp_path / "one" / "r2.md").write_text(adopted(2, "68/276 of 12 June 2014"))
    run("index", tmp_path / "one", "--registry", db)
    assert "evidence-mismatch" not in run("check", draft, "--registry", db).stdout
    conflicts = run("registry", "conflicts", "--registry", db)
    assert conflicts.exit_code == 1
    assert "A/RES/68/276: no recorded date" in conflicts.stdout
    assert "13 June 2014  stated by A/RES/70/1 PP1" in conflicts.stdout and "12 June 2014  stated by A/RES/70/2 PP1" in conflicts.stdout


def test_drafts_are_never_evidence(tmp_path):
    db = tmp_path / "r.sqlite3"
    folder = tmp_path / "drafts"
    folder.mkdir()
    for k in (1, 2):
        # No symbol: working drafts, indexed as drafts.
        text = adopted(k, "68/276 of 13 June 2014").replace(f"symbol: A/RES/70/{k}\n", "")
        (folder / f"d{k}.md").write_text(text)
    run("index", folder, "--registry", db)
    statuses = {row[0] for row in sqlite3.connect(db).execute("SELECT status FROM documents")}
    assert statuses == {"draft"}
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    assert "evidence-mismatch" not in run("check", draft, "--registry", db).stdout


def test_an_adopted_text_records_its_own_date_as_a_fact(tmp_path):
    db = tmp_path / "r.sqlite3"
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "r1.md").write_text(adopted(1, "60/288 of 8 September 2006"))
    run("index", tmp_path / "t", "--registry", db)
    row = sqlite3.connect(db).execute("SELECT adoption_date, date_source FROM documents WHERE symbol = 'A/RES/70/1'").fetchone()
    assert row[0] == "2016-07-02" and row[1] == f"text:{tmp_path / 't' / 'r1.md'}"
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT.replace("68/276 of 16 June 2014", "70/1 of 3 July 2016"))
    found = run("check", draft, "--registry", db).stdout
    assert "[citation-registry-date-mismatch] A/RES/70/1 was adopted on 2 July 2016 (its own text, r1.md), not 3 July 2016" in found
    stats = run("registry", "stats", "--registry", db).stdout
    assert "adopted texts" in stats and "adoption dates from:" in stats


def test_an_imported_list_is_a_fact_named_by_its_file(tmp_path):
    db = tmp_path / "r.sqlite3"
    listing = tmp_path / "resolutions.csv"
    listing.write_text("symbol,date,title\nA/RES/68/276,2014-06-13,The United Nations Global Counter-Terrorism Strategy Review\n")
    assert run("registry", "import", listing, "--registry", db).exit_code == 0
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    result = run("check", draft, "--registry", db)
    assert "A/RES/68/276 was adopted on 13 June 2014 (the list resolutions.csv), not 16 June 2014" in result.stdout
    assert "evidence-mismatch" not in result.stdout  # a fact decides; evidence is for what no fact settles
    assert "resolutions.csv" in run("registry", "stats", "--db", db).stdout
