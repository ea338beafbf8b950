"""Hostile text in a file name or a document is shown, never obeyed: no terminal escape
reaches the terminal, no HTML reaches a pull-request comment, no line break starts a
new workflow command."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from toolkit.cli import main
from toolkit.render.safe import json_safe, visible, visible_name

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DRAFT = SAMPLES / "redraft-2018-review.md"
OSC52 = "\x1b]52;c;aGk=\x07"  # writes "hi" to the clipboard of a terminal that obeys it
CSI = "\x9b31m"  # the C1 form of ESC [
RAW = ("\x1b", "\x07", "\x9b", "\r")


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def hostile(tmp_path):
    """The draft with escapes in a paragraph (line 44, before a finding) and in its name."""
    lines = DRAFT.read_text(encoding="utf-8").split("\n")
    lines[43] = lines[43].replace("the role", f"the r{OSC52}ole", 1).replace("combating", f"comb{OSC52}ating{CSI}", 1)
    path = tmp_path / f"draft{OSC52}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _no_raw_controls(output: str) -> None:
    for ch in RAW:
        assert ch not in output, f"{ch!r} reached the output"


def test_visible_conventions():
    assert visible("a\x1bb\tc\nd\x7f\x00") == "a\u241bb\tc\nd\u2421\u2400"
    assert visible("\x9b\x85") == "\\x9b\\x85"
    assert visible_name("a\nb\tc") == "a\u240ab\u2409c"
    assert visible_name("\udcff.md") == "\\xff.md"  # an undecodable byte of a file name
    assert visible("plain text, « quoted » \u2014 \u0627\u0644") == "plain text, « quoted » \u2014 \u0627\u0644"


@pytest.mark.parametrize(
    "command",
    [
        ["show", "{f}"],
        ["check", "{f}"],
        ["check", "{f}", "--format", "github"],
        ["diff", "{f}", str(DRAFT)],
        ["diff", "{f}", str(DRAFT), "--context"],
        ["diff", "{f}", str(DRAFT), "--format", "markdown"],
        ["history", "{f}", str(DRAFT)],
    ],
)
def test_text_outputs_show_control_characters(hostile, command):
    result = _run(*[a.format(f=hostile) for a in command])
    assert result.exit_code in (0, 1)
    _no_raw_controls(result.stdout)
    assert "\u241b" in result.stdout  # ESC shown as its control picture


def test_check_caret_stays_under_its_word(hostile):
    out = _run("check", str(hostile)).stdout.split("\n")
    at = next(i for i, line in enumerate(out) if ":44:" in line and "CounterTerrorism" in line)
    source, caret = out[at + 1], out[at + 2]
    assert "\\x9b31m" in source and "\u241b" not in source[: source.index("\\x9b")].split("comb")[0]
    assert caret.index("^") == source.index("CounterTerrorism")
    assert caret.count("^") == len("CounterTerrorism")


def test_a_line_break_in_a_file_name_starts_no_workflow_command(tmp_path):
    path = tmp_path / "a\n::error file=x.md::forged\r.md"
    path.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    out = _run("check", str(path), "--format", "github").stdout
    lines = out.rstrip("\n").split("\n")
    assert all(line.startswith("::") for line in lines[:-1]) and not lines[-1].startswith("::")
    assert not any("::error file=x.md" in line and line.startswith("::error file=x") for line in lines)
    first = lines[0]
    assert "%0A%3A%3Aerror file=x.md%3A%3Aforged%0D.md" in first  # properties escape ':' and ','


def test_github_annotation_escapes_percent_and_shows_escapes(tmp_path):
    path = tmp_path / f"100%,{OSC52}.md"
    path.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    out = _run("check", str(path), "--format", "github").stdout
    _no_raw_controls(out)
    assert "100%25%2C\u241b]52;c;aGk=\u2407.md" in out


def _markdown_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(text)


def test_markdown_heading_holds_no_html_from_a_file_name(tmp_path):
    name = "<img src=x onerror=alert(1)>`<b>x<b>`*y*.md"
    path = tmp_path / name
    path.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    out = _run("diff", str(path), str(SAMPLES / "A_RES_70_291.txt"), "--format", "markdown").stdout
    heading = out.split("\n")[0]
    rendered = _markdown_html(heading)
    assert "<img" not in rendered and "<b>" not in rendered and "<em>" not in rendered
    assert html.escape(name, quote=False) in rendered  # the name, shown as written


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_escaped_markdown_renders_as_the_text(text):
    """Whatever a paragraph says, the Markdown shows it as written (one paragraph, no markup)."""
    from toolkit.render.diff_markdown import _escape

    flat = " ".join(visible(text).split())
    if not flat:
        return
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": True}).parse(_escape(flat))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text", "text_special"}, children
    assert "".join(c.content for c in children) == flat


@pytest.mark.parametrize("line", ["1. Decides", "- item", "===", "---", "  2. Also", "> quote", "# heading"])
def test_quoted_text_opens_no_block(line):
    from toolkit.render.diff_markdown import _escape

    rendered = _markdown_html("> first line\n> " + _escape(line))
    assert "<ol" not in rendered and "<ul" not in rendered and "<h" not in rendered and "<hr" not in rendered
    assert rendered.count("<blockquote>") == 1


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_findings_json_escapes_c1_controls_and_keeps_the_name(tmp_path, monkeypatch, fmt):
    name = f"x{CSI}\x1b\x7f.md"
    (tmp_path / name).write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a relative name: SARIF keeps it as written
    out = _run("check", name, "--format", fmt).stdout
    _no_raw_controls(out)
    assert "\x7f" not in out
    data = json.loads(out)
    paths = [f["path"] for f in data["files"]] if fmt == "json" else [a["location"]["uri"] for a in data["runs"][0]["artifacts"]]
    assert any(p.endswith(name) for p in paths)


def test_json_safe_keeps_the_value():
    value = {"a": "\x9b\x1b\x7f\udcff é"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert all(ch not in text for ch in "\x9b\x1b\x7f\udcff")
    assert json.loads(text) == value


def test_an_error_naming_a_hostile_file_shows_its_escapes(tmp_path):
    path = tmp_path / f"notes{OSC52}\n.txt"
    path.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(path)])
    assert result.exit_code == 2
    _no_raw_controls(result.stderr)
    lines = result.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and "notes\u241b]52;c;aGk=\u2407\u240a.txt" in lines[0]


def test_the_line_of_a_file_fixed_shows_the_escapes_of_its_name(tmp_path):
    # A fixable lost hyphen ("CounterTerrorism" beside "Counter-Terrorism") in a file whose
    # name carries an escape sequence and a line break.
    path = tmp_path / f"draft{OSC52}\n.md"
    path.write_text(
        "The General Assembly,\n\nRecalling the Counter-Terrorism Strategy,\n\n"
        "1. Decides to review the CounterTerrorism Strategy.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["fix", "--write", str(path)])
    fixed = [line for line in result.output.splitlines() if line.startswith("fixed ")]
    assert fixed and "draft\u241b]52;c;aGk=\u2407\u240a.md" in fixed[0]
    _no_raw_controls(result.output)


def test_a_symbol_not_in_the_registry_is_named_with_its_escapes(tmp_path):
    from toolkit.registry.store import connect

    db = tmp_path / "r.sqlite3"
    connect(str(db)).close()
    result = CliRunner().invoke(main, ["registry", "show", f"A/RES/1/{OSC52}", "--db", str(db)])
    assert result.exit_code == 1
    _no_raw_controls(result.stderr)
    assert "\u241b]52;c;aGk=\u2407: not in the registry" in result.stderr
