"""untk fix --write changes the bytes of the fixed spans and nothing else; the preview
shows exactly that; links are written through and read-only files refused."""

from __future__ import annotations

import codecs
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import shared_path
from toolkit.cli import main

#: A planted defect and what untk fix (safe fixes only) makes of it.
DEFECTS = {
    "Secretary General": "Secretary-General",
    "regional organisations": "regional organizations",
    "nongovernmental": "non-governmental",
}
ENCODINGS = {"utf-8": ("utf-8", b""), "utf-8-sig": ("utf-8", codecs.BOM_UTF8), "utf-16": ("utf-16-le", codecs.BOM_UTF16_LE)}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def encode(text: str, encoding: str) -> bytes:
    codec, bom = ENCODINGS[encoding]
    return bom + text.encode(codec)


def decode(data: bytes, encoding: str) -> str:
    codec, bom = ENCODINGS[encoding]
    assert data.startswith(bom), "the byte-order mark was lost"
    return data[len(bom) :].decode(codec)


def resolution(nl: str = "\n", defect: str = "Secretary General") -> str:
    return nl.join(
        [
            "The General Assembly,",
            "",
            "Recalling its resolution 70/291 of 1 July 2016,\f",
            "",
            f"1. Requests the {defect} to submit a report;\v",
            "",
            "2. Decides to remain seized of the matter.",
            "",
        ]
    )


def expected_after(text: str) -> str:
    for found, fixed in DEFECTS.items():
        text = text.replace(found, fixed)
    return text


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_write_keeps_every_byte_it_does_not_fix(tmp_path, encoding, nl):
    path = tmp_path / "draft.txt"
    text = resolution(nl)
    path.write_bytes(encode(text, encoding))
    result = run("fix", path, "--write", "--no-backup")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == encode(expected_after(text), encoding)


def test_mixed_line_endings_form_feeds_and_vertical_tabs_are_kept(tmp_path):
    path = tmp_path / "draft.txt"
    text = "The General Assembly,\r\n\r\nRecalling its resolution 70/291,\f\n\r1. Requests the Secretary General\vto report;\n\r\n2. Decides to remain seized of the matter.\r"
    path.write_bytes(text.encode())
    preview = run("fix", path)
    assert preview.exit_code == 1
    assert run("fix", path, "--write", "--no-backup").exit_code == 0
    assert path.read_bytes() == text.replace("Secretary General", "Secretary-General").encode()


def test_the_preview_shows_exactly_what_write_writes(tmp_path):
    import difflib

    path = tmp_path / "draft.txt"
    original = resolution("\r\n", "nongovernmental organizations and the Secretary General")
    path.write_bytes(encode(original, "utf-16"))
    preview = run("fix", path)
    assert preview.exit_code == 1
    assert run("fix", path, "--write", "--no-backup").exit_code == 0
    written = decode(path.read_bytes(), "utf-16")
    lines = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
    changed = [l for l in difflib.ndiff(lines.findall(original), lines.findall(written)) if l[:1] in "+-"]
    shown = [l for l in lines.findall(preview.stdout_bytes.decode()) if l[:1] in "+-" and not l.startswith(("+++", "---"))]
    assert shown and [l[0] + l[2:] for l in changed] == shown  # each line with its CRLF and vertical tab


def test_a_file_with_nothing_to_fix_is_left_byte_identical(tmp_path):
    path = tmp_path / "clean.txt"
    data = encode(resolution("\r\n", "Secretary-General"), "utf-8-sig")
    path.write_bytes(data)
    stamp = os.stat(path).st_mtime_ns
    result = run("fix", path, "--write")
    assert result.exit_code == 0 and result.stdout == ""
    assert path.read_bytes() == data and os.stat(path).st_mtime_ns == stamp
    assert not (tmp_path / "clean.txt.orig").exists()


def test_a_link_is_written_through_and_kept(tmp_path):
    target = tmp_path / "drafts" / "real.txt"
    target.parent.mkdir()
    target.write_bytes(resolution("\r\n").encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = run("fix", link, "--write")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert b"Secretary-General" in target.read_bytes()
    assert (tmp_path / "link.txt.orig").read_bytes() == resolution("\r\n").encode()


def test_a_read_only_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "draft.txt"
    data = resolution().encode()
    path.write_bytes(data)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        result = run("fix", path, "--write")
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "read-only" in result.stderr and str(path) in result.stderr
        assert "Traceback" not in result.output
        assert path.read_bytes() == data and not (tmp_path / "draft.txt.orig").exists()
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_security_council_text_with_form_feeds_keeps_them(tmp_path):
    folder = shared_path("corpus", "unsc")
    paged = [p for p in sorted(folder.glob("*.txt")) if b"\f" in p.read_bytes() and b"Secretary-General" in p.read_bytes()]
    assert paged, "no text with form feeds and the Secretary-General"
    source = paged[0].read_bytes()
    # Plant one defect; the fix must restore the published bytes exactly, form feeds and all.
    at = source.index(b"Secretary-General")
    planted = source[:at] + b"Secretary General" + source[at + len(b"Secretary-General") :]
    path = tmp_path / paged[0].name
    path.write_bytes(planted)
    result = run("fix", path, "--write", "--no-backup", "--select", "terminology-un-variant")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == source


# --- the property ----------------------------------------------------------------------

_PARAGRAPHS = [
    "Recalling its resolution 70/291 of 1 July 2016,",
    "Noting the work of {defect},",
    "1. Requests the {defect} to submit a report;",
    "2. Encourages {defect} to cooperate;",
    "3. Decides to remain seized of the matter.",
]
_FILLERS = ["the Committee", "Member States", "Secretary General", "regional organisations", "nongovernmental actors"]


@st.composite
def texts(draw):
    """A resolution with line endings, form feeds and vertical tabs of every kind."""
    newline = st.sampled_from(["\n", "\r\n", "\r"])
    pieces = ["The General Assembly,", draw(newline), draw(newline)]
    for template in _PARAGRAPHS:
        pieces.append(template.format(defect=draw(st.sampled_from(_FILLERS))))
        pieces.append(draw(st.sampled_from(["", "", " ", "\f", "\v", "\f\r\n", " \v "])))
        pieces.append(draw(newline))
        pieces.append(draw(st.sampled_from(["", "\f", "\r\n", "\n", "\r"])))
        pieces.append(draw(newline))
    return "".join(pieces)


@given(text=texts(), encoding=st.sampled_from(sorted(ENCODINGS)))
def test_write_changes_only_the_fixed_spans(text, encoding):
    from toolkit.checks import config as configuration
    from toolkit.checks.engine import check
    from toolkit.fixes import fix_file, write
    from toolkit.readers import parse_text

    rules = configuration.load().rules
    safety = {r.id: r.fix_safety for r in rules}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.txt"
        data = encode(text, encoding)
        path.write_bytes(data)
        fixed = fix_file(str(path), lambda t: check(parse_text(t, path=str(path)), rules), safety)
        if fixed.changed:
            write(fixed, backup=False)
        after = path.read_bytes()
    if not fixed.applied:
        assert after == data
        return
    # Outside the planted defects every character is the same; each defect is fixed or kept.
    pieces = re.split("(" + "|".join(map(re.escape, DEFECTS)) + ")", text)
    pattern = "".join(
        f"(?:{re.escape(p)}|{re.escape(DEFECTS[p])})" if p in DEFECTS else re.escape(p) for p in pieces
    )
    written = decode(after, encoding)
    assert re.fullmatch(pattern, written, flags=re.DOTALL), (text, written)
    assert after == encode(written, encoding)


def test_standard_input_is_never_written_to_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fix", "-", "--write"], input=resolution())
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "-").exists() and not (tmp_path / "-.orig").exists()
