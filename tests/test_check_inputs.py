"""What ``untk check`` is given: many files, folders, standard input, configurations,
the user's registry, and the source's own mistakes (front matter, disable comments)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "A_RES_70_291.txt"
REDRAFT = ROOT / "samples" / "redraft-2018-review.md"

DRAFT = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    session: Seventy-second session
    ---

    The General Assembly,

    Recalling its resolution 70/291 of 1 July 2016,

    1. Requests the Secretary-General to submit a report;

    2. Decides to examine the report requested in paragraph 1 above.
    """
)


def run(*args: object, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """The user's data folder (XDG), where the default registry lives."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def test_an_unreadable_file_does_not_stop_the_others(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\x00\x01\x02 not text")
    good = tmp_path / "draft.md"
    good.write_text(DRAFT.replace("paragraph 1 above", "paragraph 9 above"))
    result = run("check", broken, good)
    assert result.exit_code == 2
    assert f"untk: error: {broken}: binary file" in result.stderr
    assert "reference-target-missing" in result.stdout  # the good file was still checked
    assert len([line for line in result.stderr.splitlines() if "error" in line]) == 1


def test_a_folder_is_searched_for_resolutions(tmp_path):
    (tmp_path / "drafts" / "2018").mkdir(parents=True)
    (tmp_path / "drafts" / ".git").mkdir()
    shutil.copy(REDRAFT, tmp_path / "drafts" / "2018" / "review.md")
    shutil.copy(SEED, tmp_path / "drafts" / "official.txt")
    (tmp_path / "drafts" / ".git" / "note.md").write_text(DRAFT.replace("paragraph 1", "paragraph 9"))
    (tmp_path / "drafts" / "README.md").write_text("# Our drafts\n\n1. Install untk.\n2. Run it.\n")
    (tmp_path / "drafts" / "notes.csv").write_text("a,b\n")
    result = run("-v", "check", tmp_path / "drafts", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    import json

    files = [Path(r["path"]).name for r in json.loads(result.stdout)["files"]]
    assert files == ["official.txt", "review.md"]  # sorted, nested, hidden folders left out
    assert "skipped" in result.stderr and "README.md" in result.stderr  # said with -v only
    quiet = run("check", tmp_path / "drafts", "--format", "json")
    assert "README.md" not in quiet.stderr


def test_a_named_file_is_read_whatever_its_name(tmp_path):
    odd = tmp_path / "draft.resolution"
    odd.write_text(DRAFT.replace("paragraph 1 above", "paragraph 9 above"))
    result = run("check", odd)
    assert result.exit_code == 1 and "reference-target-missing" in result.stdout


def test_standard_input():
    text = DRAFT.replace("paragraph 1 above", "paragraph 9 above")
    result = run("check", "-", input=text)
    assert result.exit_code == 1, result.output
    assert "-:12:" in result.stdout and "paragraph 9 above" in result.stdout  # place and source line


def test_standard_input_through_a_real_process():
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "check", "-"], input=SEED.read_bytes(), capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert b"1 file" in done.stdout


def test_a_misnamed_preset_is_named_as_such(tmp_path):
    config = tmp_path / ".untk.yaml"
    config.write_text("extends: pedantic\n")
    result = run("check", SEED, "--config", config)
    assert result.exit_code == 2
    assert "no preset named 'pedantic'" in result.stderr and "default, strict" in result.stderr
    assert "No such file" not in result.stderr


def test_verbose_names_the_configuration_used(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / ".untk.yaml").write_text("extends: strict\n")
    draft = team / "draft.md"
    draft.write_text(DRAFT)
    result = run("-v", "check", draft)
    assert f"configuration: {team / '.untk.yaml'} <- preset strict" in result.stderr
    elsewhere = tmp_path / "no-config"
    elsewhere.mkdir()
    alone = elsewhere / "draft.md"
    alone.write_text(DRAFT)
    assert "configuration: preset default" in run("-v", "check", alone).stderr


def test_front_matter_mistakes_fail_the_check(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT.replace("organ: General Assembly\n", "organ: General Assembly\nadopted: 2016-02-30\nsesion: 72\n"))
    result = run("check", draft)
    assert result.exit_code == 1
    lines = [l for l in result.stdout.splitlines() if "metadata-front-matter" in l]
    assert len(lines) == 2
    assert lines[0].startswith(f"{draft}:3:") and "not a date" in lines[0]
    assert lines[1].startswith(f"{draft}:4:") and "unknown front-matter key 'sesion'" in lines[1]


def test_a_misspelt_rule_in_a_disable_comment_is_reported(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        DRAFT.replace("2. Decides", "<!-- untk: disable-next=reference-target-mising -->\n2. Decides").replace(
            "paragraph 1 above", "paragraph 9 above"
        )
    )
    result = run("check", draft)
    assert "metadata-directive-unknown-rule" in result.stdout
    assert "did you mean 'reference-target-missing'" in result.stdout
    assert "[reference-target-missing]" in result.stdout  # the misspelt comment silenced nothing
    spelt = draft.read_text().replace("target-mising", "target-missing")
    draft.write_text(spelt)
    assert run("check", draft).exit_code == 0


def test_check_uses_the_registry_the_other_commands_use(tmp_path, monkeypatch):
    db = tmp_path / "mine.sqlite3"
    assert run("index", SEED, "--db", db).exit_code == 0
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT.replace("1 July 2016", "2 July 2016"))
    assert "[citation-registry-date-mismatch]" not in run("check", draft).stdout
    monkeypatch.setenv("UNTK_DB", str(db))
    found = run("check", draft)
    assert "[citation-registry-date-mismatch]" in found.stdout, found.output
    monkeypatch.delenv("UNTK_DB")
    assert run("index", SEED).exit_code == 0  # into the default registry, under XDG_DATA_HOME
    assert (tmp_path / "xdg" / "untk" / "registry.sqlite3").is_file()
    assert "[citation-registry-date-mismatch]" in run("check", draft).stdout


def test_index_keeps_drafts_out_of_agreed_language(tmp_path):
    db = tmp_path / "r.sqlite3"
    result = run("index", ROOT / "samples", "--db", db)
    assert result.exit_code == 0, result.output
    statuses = dict(sqlite3.connect(db).execute("SELECT symbol, status FROM documents").fetchall())
    assert statuses["A/RES/70/291"] == "adopted"
    assert sorted(statuses.values()) == ["adopted", "draft"]
    # The redraft's new wording is found only when drafts are asked for.
    phrase = "by June 2018, an examination of the report"
    assert "redraft" not in run("search", phrase, "--db", db, "--mode", "exact").stdout
    assert "FILE" not in run("search", phrase, "--db", db, "--mode", "exact").stdout
    with_drafts = run("search", phrase, "--db", db, "--mode", "exact", "--include-drafts")
    assert "redraft-2018-review.md" in with_drafts.stdout or "OP" in with_drafts.stdout


def test_two_files_with_one_symbol_do_not_replace_each_other(tmp_path):
    db = tmp_path / "r.sqlite3"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED, a)
    b.write_text(SEED.read_text(encoding="utf-8").replace("Reaffirming", "Reaffirming once more", 1), encoding="utf-8")
    first = run("index", a, b, "--db", db)
    assert "1 new, 0 updated, 0 unchanged, 1 copy of stored documents" in first.stdout, first.output
    assert f"{b}: another copy of A/RES/70/291; the registry keeps the text of {a}" in first.stderr
    second = run("index", a, b, "--db", db)
    assert "0 new, 0 updated, 2 unchanged" in second.stdout  # no flip-flop on every run
    stored = sqlite3.connect(db).execute("SELECT source_path FROM documents").fetchall()
    assert stored == [(str(a),)]
    a.unlink()  # the kept file is gone: the copy takes its place
    third = run("index", b, "--db", db)
    assert "0 new, 1 updated" in third.stdout, third.output


def test_an_older_registry_is_upgraded_with_statuses(tmp_path):
    from toolkit.registry.store import MIGRATIONS, connect

    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        "INSERT INTO documents (key, symbol, source_path, content_hash) VALUES ('A/RES/70/291', 'A/RES/70/291', '/x.txt', 'h'),"
        " ('FILE:/d.md', 'd.md', '/d.md', 'h2')"
    )
    conn.commit()
    conn.close()
    upgraded = connect(db)
    assert dict(upgraded.execute("SELECT key, status FROM documents").fetchall()) == {
        "A/RES/70/291": "adopted",
        "FILE:/d.md": "draft",
    }
    assert upgraded.execute("SELECT count(*) FROM sources").fetchone()[0] == 2
