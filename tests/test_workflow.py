"""Drafting workflow: untk fix, baseline mode, the pre-commit hook with the real framework, CLI polish."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLES, SEED
from toolkit.cli import main

REDRAFT = SAMPLES / "redraft-2018-review.md"

BROKEN = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    session: Seventy-second session
    ---

    The General Assembly,

    Recalling its resolution 70/291 of 1 July 2016,

    1. Requests the Secretary-General to submit a report on the implementation of the present resolution;

    2. Decides to consider the report requested in paragraph 9 above at its seventy-third session.
    """
)


def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


def test_fix_stale_reference_atomically(tmp_path):
    draft = tmp_path / "redraft.md"
    shutil.copy(REDRAFT, draft)
    before = run("check", draft, "--against", SEED, "--format", "json")
    import json

    stale = [f for f in json.loads(before.output)["files"][0]["findings"] if f["rule"] == "reference-stale-number"]
    assert stale and stale[0]["paragraph"] == "OP74" and stale[0]["fix"]["replacement"] == "73"
    preview = run("fix", draft, "--against", SEED)
    assert preview.exit_code == 1 and "+74. Decides" in preview.output and "paragraph 73 above" in preview.output
    assert draft.read_text() == REDRAFT.read_text()  # a preview writes nothing
    written = run("fix", draft, "--against", SEED, "--write")
    assert written.exit_code == 0, written.output
    assert (tmp_path / "redraft.md.orig").read_text() == REDRAFT.read_text()
    assert "requested in paragraph 73 above" in draft.read_text()
    after = json.loads(run("check", draft, "--against", SEED, "--format", "json").output)["files"][0]["findings"]
    assert not [f for f in after if f["rule"] in ("reference-stale-number", "terminology-lost-hyphen") and f["severity"] != "info"]
    assert run("fix", draft, "--against", SEED).exit_code == 0  # nothing left to fix


def test_fix_keeps_crlf_and_refuses_a_file_changed_meanwhile(tmp_path):
    from toolkit.fixes import fix_file, write
    from toolkit.checks import config as configuration
    from toolkit.checks.engine import check
    from toolkit.errors import InputError
    from toolkit.readers import parse_text

    draft = tmp_path / "d.md"
    draft.write_bytes(BROKEN.replace("Secretary-General", "Secretary General").replace("\n", "\r\n").encode())
    rules = configuration.load().rules
    fixed = fix_file(str(draft), lambda text: check(parse_text(text, path=str(draft)), rules))
    assert fixed.changed
    draft.write_bytes(draft.read_bytes() + b"\r\n")  # someone saves meanwhile
    with pytest.raises(InputError, match="changed on disk"):
        write(fixed)
    fixed = fix_file(str(draft), lambda text: check(parse_text(text, path=str(draft)), rules))
    write(fixed, backup=False)
    data = draft.read_bytes()
    assert b"Secretary-General" in data and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_baseline_reports_only_new_findings(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(BROKEN)
    # The new version inserts a paragraph (renumbering the old ones) and adds one new defect.
    new.write_text(
        BROKEN.replace(
            "1. Requests",
            "1. Encourages the CounterTerrorism Implementation Task Force and the Counter-Terrorism Committee to cooperate;\n\n2. Requests",
        ).replace("2. Decides", "3. Decides")
    )
    import json

    everything = json.loads(run("check", new, "--format", "json").output)["files"][0]["findings"]
    assert {f["rule"] for f in everything} >= {"reference-target-missing", "terminology-lost-hyphen"}
    only_new = json.loads(run("check", new, "--baseline", old, "--format", "json").output)["files"][0]["findings"]
    assert [(f["rule"], f["paragraph"]) for f in only_new] == [("terminology-lost-hyphen", "OP1")]


COMMANDS = [
    ["show"], ["diff"], ["history"], ["check"], ["fix"], ["rules"], ["rules", "list"], ["rules", "show"],
    ["rules", "test"], ["registry"], ["registry", "import"], ["registry", "show"], ["registry", "stats"], ["registry", "conflicts"],
    ["index"], ["search"], ["provenance"], ["graph"], ["amend"],
]


def test_every_command_has_help_with_an_example():
    names = {c.name for c in main.commands.values()}
    assert {c[0] for c in COMMANDS} >= names
    for command in COMMANDS:
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Example" in result.output, command


def test_version_and_no_color():
    assert run("--version").output.startswith("untk, version ")
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", str(REDRAFT)], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert "\x1b[" not in out.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_with_the_real_framework(tmp_path):
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("needs the pre-commit package (pip install pre-commit)")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("needs this repository's git history")
    hooks = subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT)
    if hooks.returncode != 0:
        pytest.skip("the hooks file is not committed yet")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env.pop("GITHUB_ACTIONS", None)
    repo = tmp_path / "drafts"
    repo.mkdir()

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)

    git("init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: untk-check\n"
    )
    (repo / "README.md").write_text("# Our drafts\n\nNot a resolution; the hook must let it pass.\n")
    # No configuration: the default rules refuse a broken reference.
    (repo / "draft.md").write_text(BROKEN)
    install = subprocess.run([str(pre_commit), "install"], cwd=repo, capture_output=True, text=True, env=env)
    assert install.returncode == 0, install.stderr
    git("add", ".")
    refused = git("commit", "-m", "first draft")
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "reference-target-missing" in refused.stdout + refused.stderr
    (repo / "draft.md").write_text(BROKEN.replace("paragraph 9 above", "paragraph 1 above"))
    git("add", ".")
    accepted = git("commit", "-m", "first draft, references fixed")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
