"""`untk diff` and `untk history` through the command line, and compare() end to end."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from conftest import SEED
from edits import make_case, paragraph_pool
from toolkit.cli import main
from toolkit.comparison import compare
from toolkit.readers import parse_text


def draft(paragraphs: list[str], numbered_from: int = 0) -> str:
    """A draft with the given paragraphs: the first ``numbered_from`` preambular, the rest numbered."""
    out = ["---", "organ: General Assembly", "---", "", "The General Assembly,", ""]
    n = 0
    for i, text in enumerate(paragraphs):
        if i < numbered_from:
            out += [f"Recalling {text}", ""]
        else:
            n += 1
            out += [f"{n}. Decides {text}", ""]
    return "\n".join(out)


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env or {})


def test_exit_codes(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(draft(["that the item shall be considered;", "to remain seized of the matter."]))
    new.write_text(draft(["that the item shall be considered;", "to remain actively seized of the matter."]))
    assert run("diff", str(old), str(old)).exit_code == 0
    result = run("diff", str(old), str(new))
    assert result.exit_code == 1
    assert "OP2 -> OP2  modify" in result.output
    assert "{+actively +}" in result.output
    missing = run("diff", str(old), str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "untk: error:" in missing.output


def test_no_colour_when_piped_or_no_color(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(draft(["to consider the item;", "to remain seized."]))
    new.write_text(draft(["to consider the whole item;", "to remain seized."]))
    for env in ({}, {"NO_COLOR": "1"}):
        assert "\x1b[" not in run("diff", str(old), str(new), env=env).output


def test_renumbering_alone_is_no_text_change(tmp_path):
    body = [f"on point {w} of the programme of work;" for w in ("alpha", "beta", "gamma", "delta", "epsilon")]
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(draft(body))
    new.write_text(draft(["on a new first point of the programme of work;"] + body))
    data = json.loads(run("diff", str(old), str(new), "--format", "json").output)
    pairs = {tuple(p["new"]): p for p in data["pairs"]}
    assert pairs[("OP1",)]["op"] == "insert"
    for i in range(2, 7):
        pair = pairs[(f"OP{i}",)]
        assert pair["op"] == "equal" and pair["old"] == [f"OP{i - 1}"] and pair["renumbered"]
        assert all(op == "=" for op, _ in pair["redline"])
    assert data["summary"]["renumbered"] == 5 and data["summary"]["equal"] == 5


def test_every_paragraph_appears_in_exactly_one_pair_end_to_end():
    pool = paragraph_pool(limit=600)
    rng = random.Random(3)
    for _ in range(25):
        case = make_case(pool, rng, size=rng.randint(5, 25))
        old = parse_text(draft(case.old, numbered_from=2))
        new = parse_text(draft(case.new, numbered_from=2))
        comparison = compare(old, new)
        seen_old = sorted(i for p in comparison.pairs if p.section == "paragraphs" for i in p.old)
        seen_new = sorted(i for p in comparison.pairs if p.section == "paragraphs" for i in p.new)
        assert seen_old == sorted(p.id for p in old.paragraphs)
        assert seen_new == sorted(p.id for p in new.paragraphs)


def test_seed_against_itself_is_identical():
    result = run("diff", str(SEED), str(SEED), "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["summary"]["identical"]
    assert data["summary"]["equal"] == 34 + 72 + 9


def test_history_traces_paragraphs(tmp_path):
    v1 = ["to keep the first item;", "to keep the second item under review;", "to close the third item;"]
    v2 = [v1[0], "to keep the second item under close review;", v1[2], "to open a fourth item;"]
    v3 = [v2[1], v2[3], v2[0]]  # drops the third, moves the first to the end
    paths = []
    for i, body in enumerate((v1, v2, v3)):
        path = tmp_path / f"v{i}.md"
        path.write_text(draft(body))
        paths.append(str(path))
    result = run("history", *paths, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_id = {p["id"]: p for p in data["paragraphs"]}
    assert by_id["OP1"]["first_version"] == 0 and by_id["OP1"]["changed_in"] == [1]
    assert by_id["OP1"]["ids"] == ["OP2", "OP2", "OP1"]
    assert by_id["OP2"]["first_version"] == 1 and by_id["OP2"]["changed_in"] == []
    assert by_id["OP3"]["first_version"] == 0 and by_id["OP3"]["changed_in"] == []
    assert [(d["version"], d["id"]) for d in data["dropped"]] == [(2, "OP3")]
    assert run("history", paths[0]).exit_code == 2
