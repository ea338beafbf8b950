"""-o never destroys a user's document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture()
def drafts(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    text = (SAMPLES / "redraft-2018-review.md").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("Reiterates", "Strongly reiterates", 1), encoding="utf-8")
    return old, new


@pytest.mark.parametrize("command", [["diff", "{old}", "{new}", "--format", "html"], ["show", "{new}"], ["check", "{new}"]])
def test_output_onto_an_input_is_refused_and_the_input_kept(drafts, command):
    old, new = drafts
    before = new.read_bytes()
    args = [a.format(old=old, new=new) for a in command] + ["-o", str(new)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "would overwrite the input" in result.output
    assert new.read_bytes() == before


def test_output_through_a_link_to_an_input_is_refused(drafts, tmp_path):
    old, new = drafts
    link = tmp_path / "link.md"
    os.symlink(new, link)
    before = new.read_bytes()
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(link)])
    assert result.exit_code == 2
    assert new.read_bytes() == before and link.is_symlink()


def test_text_is_not_written_into_a_docx(drafts, tmp_path):
    old, new = drafts
    target = tmp_path / "redline.docx"
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "-o", str(target)])
    assert result.exit_code == 2 and "--format docx" in result.output
    assert not target.exists()
    ok = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "docx", "-o", str(target)])
    assert ok.exit_code == 1 and target.read_bytes()[:2] == b"PK"
