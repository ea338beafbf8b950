"""Every reader and every command survive mangled input: exit 0, 1 or 2, on 2 one line
on stderr that names the file, never a traceback.

Inputs are valid documents of each form (generated resolutions in the UN export,
hard-wrapped and published-PDF text and the Markdown draft form; a small .docx and PDF)
with Hypothesis edits: bytes deleted, hostile pieces inserted, a .docx part's XML or a
PDF's content stream changed. About a minute in all; the long campaign is
``./dev.py fuzz``.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resolutions
from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from fuzz.mutate import TOKENS, XML_TOKENS  # noqa: E402
from fuzz.seeds import small_docx, small_ods, small_pdf  # noqa: E402

#: Examples per reader; six readers at this count take about a minute.
EXAMPLES = int(os.environ.get("UNTK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Command lines: IN is the edited input, BASE the valid document it was made from.
COMMANDS = [
    ["show", "IN"],
    ["show", "IN", "--format", "json"],
    ["show", "IN", "--format", "draft"],
    ["check", "IN"],
    ["check", "IN", "--format", "sarif"],
    ["check", "IN", "--format", "github", "--against", "BASE"],
    ["diff", "BASE", "IN"],
    ["diff", "BASE", "IN", "--format", "markdown"],
    ["diff", "IN", "BASE", "--format", "json"],
    ["fix", "IN"],
    ["fix", "IN", "--against", "BASE"],
    ["history", "BASE", "IN"],
]

_PIECE = st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12), st.text(max_size=8).map(str.encode))


@st.composite
def edited(draw, data: bytes, pieces=_PIECE) -> bytes:
    """``data`` with a few spans deleted and pieces inserted, at drawn places."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.sampled_from((0, 0, 1, 5, 100)))
        data = data[:at] + draw(pieces) + data[at + cut :]
    return data


def _generated(layout):
    return resolutions.specs().map(lambda spec: layout(spec).encode("utf-8"))


def _docx(data: bytes, part: str, new: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[part] = new
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


@st.composite
def docx_inputs(draw) -> bytes:
    """A .docx with one XML part edited, or the package's bytes themselves."""
    base = small_docx()
    if draw(st.integers(0, 4)) == 0:
        return draw(edited(base))
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        part = draw(st.sampled_from(sorted(z.namelist())))
        xml = z.read(part)
    pieces = st.one_of(_PIECE, st.sampled_from(XML_TOKENS))
    return _docx(base, part, draw(edited(xml, pieces)))


@st.composite
def pdf_inputs(draw) -> bytes:
    """A PDF with its content stream or its bytes edited."""
    base = small_pdf()
    if draw(st.booleans()):
        return draw(edited(base))
    start = base.index(b"stream\n") + len(b"stream\n")
    end = base.index(b"\nendstream")
    content = draw(edited(zlib.decompress(base[start:end])))
    return base[:start] + zlib.compress(content) + base[end:]


def _check(tmp_path: Path, data: bytes, base: bytes, suffix: str, command: list[str]) -> None:
    folder = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    names = {"IN": f"input{suffix}", "BASE": f"base{suffix}"}
    (folder / names["IN"]).write_bytes(data)
    (folder / names["BASE"]).write_bytes(base)
    argv = [str(folder / names[a]) if a in names else a for a in command]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    err = result.stderr
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if result.exit_code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("untk: error: "), err
        assert any(name in lines[0] for name in names.values()), err


def _commands():
    return st.sampled_from(COMMANDS)


@FUZZ
@given(data=st.data(), command=_commands())
def test_un_export_text(tmp_path_factory, data, command):
    base = data.draw(st.one_of(st.just(small_ods()), _generated(resolutions.ods)))
    _check(tmp_path_factory.mktemp("ods"), data.draw(edited(base)), base, ".txt", command)


@FUZZ
@given(data=st.data(), command=_commands())
def test_hard_wrapped_text(tmp_path_factory, data, command):
    base = data.draw(_generated(resolutions.wrapped))
    _check(tmp_path_factory.mktemp("text"), data.draw(edited(base)), base, ".txt", command)


@FUZZ
@given(data=st.data(), command=_commands())
def test_pdf_extracted_text(tmp_path_factory, data, command):
    base = data.draw(_generated(resolutions.published))
    _check(tmp_path_factory.mktemp("published"), data.draw(edited(base)), base, ".txt", command)


@FUZZ
@given(data=st.data(), command=_commands())
def test_markdown_draft(tmp_path_factory, data, command):
    base = data.draw(_generated(resolutions.draft))
    _check(tmp_path_factory.mktemp("draft"), data.draw(edited(base)), base, ".md", command)


@FUZZ
@given(data=st.data(), command=_commands())
def test_docx(tmp_path_factory, data, command):
    _check(tmp_path_factory.mktemp("docx"), data.draw(docx_inputs()), small_docx(), ".docx", command)


@FUZZ
@given(data=st.data(), command=_commands())
def test_pdf(tmp_path_factory, data, command):
    _check(tmp_path_factory.mktemp("pdf"), data.draw(pdf_inputs()), small_pdf(), ".pdf", command)


@pytest.mark.parametrize("kind", ["ods", "docx", "pdf"])
def test_the_seeds_are_valid(tmp_path, kind):
    """The inputs edits start from read cleanly, so edits test the readers, not the seeds."""
    data, suffix = {"ods": (small_ods(), ".txt"), "docx": (small_docx(), ".docx"), "pdf": (small_pdf(), ".pdf")}[kind]
    path = tmp_path / f"seed{suffix}"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["show", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "OP2(b)" in result.stdout and "FN1" in result.stdout


@pytest.mark.parametrize(
    "code, sig, err, timed_out, verdict",
    [
        (0, None, b"", False, "ok"),
        (2, None, b"untk: error: input.md: file is empty\n", False, "ok"),
        (2, None, b"untk: error: something went wrong\n", False, "bad-error"),
        (2, None, b"untk: error: internal error: KeyError: 'x' (set UNTK_DEBUG=1 for the traceback)\n", False, "crash"),
        (1, None, b'Traceback (most recent call last):\n  File "toolkit/x.py", line 3, in f\nValueError: x\n', False, "crash"),
        (None, 11, b"", False, "crash"),
        (2, None, b"untk: error: input.md: MemoryError\n", False, "oom"),
        (None, 9, b"", True, "hang"),
        (0, None, b"warning: input.md: \x1b[2J\n", False, "raw-control"),
    ],
)
def test_the_campaign_judges_outcomes(code, sig, err, timed_out, verdict):
    from fuzz.campaign import Run, judge
    from fuzz.runner import Outcome

    run = Run(0, "show", ["show", "input.md"], "draft", "seed.md", "flip", {"input.md": b""}, True)
    assert judge(run, Outcome(code, sig, b"", err, 0.1, 1000, timed_out))[0] == verdict
