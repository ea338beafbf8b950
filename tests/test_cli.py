"""The ``untk`` command line, tested as a user meets it.

Most tests drive ``toolkit.cli.main`` through click's ``CliRunner``; where a real
process matters (exit codes, tracebacks, the installed entry point) they run
``untk`` or ``python -m toolkit.cli`` with ``subprocess``.

The counts of the bundled sample A/RES/70/291 (34 preambular paragraphs, 72
operative paragraphs, 9 footnotes) are facts of the published document, not
figures taken from the library.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

import conftest
from conftest import schema_errors, schema_validator
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import toolkit
from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "A_RES_70_291.txt"

#: Paragraph and footnote ids of A/RES/70/291, in document order.
SAMPLE_PP = [f"PP{i}" for i in range(1, 35)]
SAMPLE_OP = [f"OP{i}" for i in range(1, 73)]
SAMPLE_FN = [f"FN{i}" for i in range(1, 10)]
SAMPLE_IDS = SAMPLE_PP + SAMPLE_OP + SAMPLE_FN

ERROR_PREFIX = "untk: error: "

SC_TEXT = """\
Resolution 1 (2002)
Adopted by the Security Council at its 4000th meeting, on 1 May 2002

The Security Council,

Recalling its previous resolutions on the situation in the region, in
particular resolution 1244 (1999) of 10 June 1999,

Acting under Chapter VII of the Charter of the United Nations,

1. Decides that all States shall take the following measures without
delay:

(a) Prevent the direct or indirect supply of arms and related materiel
of all types;

(b) Freeze the funds and other financial assets of the persons
concerned, in particular:

(i) those designated by the Committee established by paragraph 3;

(ii) those acting on their behalf or at their direction;

2. Requests the Secretary-General to report to the Council within
thirty days of the adoption of this resolution .
"""

DRAFT_TEXT = """\
---
organ: General Assembly
symbol: A/C.3/78/L.99
adopted: 2023-11-14
agenda: 71 (b), 72
title: Protection of migrants
---

# Protection of migrants

The General Assembly,

*Recalling* its resolution 77/200 of 15 December 2022,[^1]

*Noting* the report of the Secretary-General on the protection of migrants,[^2]

1. *Requests* the Secretary-General to submit a report at its
seventy-ninth session;

2. *Decides* to remain seized of the matter, and in particular:

(a) of the situation of migrant children;[^3]

(b) of the situation of migrant workers, in particular:

(i) seasonal workers;

(ii) domestic workers.

[^1]: Resolution 77/200.
[^2]: A/78/100.
[^3]: See A/78/101, annex.
"""


# --- helpers -----------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def top_level_ids(outline: str) -> list[str]:
    """Ids of the unindented paragraph and footnote rows of an outline."""
    return re.findall(r"^((?:PP|OP|FN)[0-9A-Za-z]+(?:-[0-9]+)?)\s", outline, re.M)


def all_outline_ids(outline: str) -> list[str]:
    """Ids of every paragraph, subparagraph and footnote row of an outline."""
    return re.findall(r"^\s*((?:PP|OP|FN)\S+)\s", outline, re.M)


def load_schema() -> dict:
    return conftest.load_schema("document.schema.json")


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return schema_validator("document.schema.json")


def show_json(runner: CliRunner, path: Path, *extra: str) -> dict:
    result = invoke(runner, "show", path, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


def walk(elements: list[dict]):
    for element in elements:
        yield element
        yield from walk(element["subparagraphs"])


def assert_one_error_line(result, path: Path | str) -> str:
    """The failure contract: exit 2, one ``untk: error:`` line naming the file, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(ERROR_PREFIX), line
    assert str(path) in line, line
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return line


def cli_commands() -> list[list[str]]:
    """Ways to start untk as a real process: the module, and the installed script."""
    commands = [[sys.executable, "-m", "toolkit.cli"]]
    script = Path(sys.executable).with_name("untk")
    if script.exists():
        commands.append([str(script)])
    return commands


def run_process(command: list[str], *args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "UNTK_DEBUG"}
    return subprocess.run(
        [*command, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def cp1252_sample(tmp_path: Path) -> Path:
    """The sample as Word on Windows saves it: typographic apostrophes, Windows-1252 bytes."""
    text = SAMPLE.read_text(encoding="utf-8").replace("'", "\u2019")
    path = tmp_path / "A_RES_70_291.cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    # Make sure the file really is not UTF-8, or the test would prove nothing.
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    return path


# --- untk show: the sample ---------------------------------------------------


def test_show_outline_names_every_paragraph_and_footnote(runner):
    result = invoke(runner, "show", SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert top_level_ids(result.stdout) == SAMPLE_IDS
    assert "34 preambular, 72 operative paragraphs" in result.stdout
    assert "9 footnotes" in result.stdout
    assert "The General Assembly," in result.stdout


def test_show_outline_from_another_directory(tmp_path):
    """A real process started elsewhere reads the sample by its absolute path."""
    for command in cli_commands():
        proc = run_process(command, "show", SAMPLE, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        assert top_level_ids(proc.stdout) == SAMPLE_IDS


def test_show_json_sample_validates_and_holds_the_document(runner, validator):
    doc = show_json(runner, SAMPLE)
    assert schema_errors(validator, doc) == []
    assert [p["id"] for p in doc["preamble"]] == SAMPLE_PP
    assert [p["id"] for p in doc["operative"]] == SAMPLE_OP
    assert [n["id"] for n in doc["footnotes"]] == SAMPLE_FN
    assert [n["number"] for n in doc["footnotes"]] == list(range(1, 10))
    assert doc["untk_version"] == toolkit.__version__
    assert doc["source"]["encoding"] == "utf-8"
    meta = doc["metadata"]
    assert meta["symbol"] == "A/RES/70/291"
    assert meta["adoption_date"] == "2016-07-01"
    assert meta["organ"] == "General Assembly"
    # Every footnote is referred to by exactly one marker somewhere in the text.
    marked = sorted(m["number"] for p in doc["preamble"] + doc["operative"] for e in walk([p]) for m in e["markers"])
    assert marked == list(range(1, 10))


def test_show_json_is_the_same_model_as_the_outline(runner):
    outline = invoke(runner, "show", SAMPLE).stdout
    doc = show_json(runner, SAMPLE)
    ids = [e["id"] for e in walk(doc["preamble"] + doc["operative"])] + [n["id"] for n in doc["footnotes"]]
    assert all_outline_ids(outline) == ids


# --- the JSON schema ---------------------------------------------------------


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_closes_every_object_and_describes_every_field():
    """Every object forbids unknown keys; every property has a type (or a $ref) and a description."""
    schema = load_schema()
    problems: list[str] = []

    def visit(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object":
                if node.get("additionalProperties") is not False:
                    problems.append(f"{where}: additionalProperties is not false")
                for name, prop in node.get("properties", {}).items():
                    if "type" not in prop and "$ref" not in prop and "const" not in prop:
                        problems.append(f"{where}/{name}: untyped")
                    if "description" not in prop and "$ref" not in prop:
                        problems.append(f"{where}/{name}: no description")
                missing = set(node.get("properties", {})) - set(node.get("required", []))
                if missing:
                    problems.append(f"{where}: not required: {sorted(missing)}")
            for key, value in node.items():
                visit(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, f"{where}/{i}")

    visit(schema, "#")
    assert problems == []


def test_schema_metadata_lists_every_metadata_field():
    """A field added to the model but not to the schema would make every output invalid."""
    from toolkit.model import Metadata
    from toolkit.readers import FORMATS

    schema = load_schema()
    assert list(schema["$defs"]["metadata"]["properties"]) == [f.name for f in dataclasses.fields(Metadata)]
    assert set(schema["properties"]["source"]["properties"]["format"]["enum"]) == set(FORMATS)


@pytest.mark.parametrize(
    "name, text, fmt",
    [("S_RES_1_2002.txt", SC_TEXT, "text"), ("draft.md", DRAFT_TEXT, "draft")],
)
def test_show_json_of_written_resolutions_validates(runner, validator, tmp_path, name, text, fmt):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = show_json(runner, path)
    assert schema_errors(validator, doc) == []
    assert doc["source"]["format"] == fmt
    assert doc["source"]["path"] == str(path)


def test_security_council_text_structure(runner, tmp_path):
    path = tmp_path / "S_RES_1_2002.txt"
    path.write_text(SC_TEXT, encoding="utf-8")
    doc = show_json(runner, path)
    assert doc["organ_line"] == "The Security Council,"
    assert doc["metadata"]["organ"] == "Security Council"
    assert doc["metadata"]["adoption_date"] == "2002-05-01"
    assert doc["metadata"]["resolution_number"] == "1 (2002)"
    assert [p["id"] for p in doc["preamble"]] == ["PP1", "PP2"]
    # Hard wraps are joined into one paragraph.
    assert doc["preamble"][0]["text"] == (
        "Recalling its previous resolutions on the situation in the region, "
        "in particular resolution 1244 (1999) of 10 June 1999,"
    )
    ids = [e["id"] for e in walk(doc["operative"])]
    assert ids == ["OP1", "OP1(a)", "OP1(b)", "OP1(b)(i)", "OP1(b)(ii)", "OP2"]
    assert doc["operative"][0]["number"] == "1"


def test_draft_structure(runner, tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT_TEXT, encoding="utf-8")
    doc = show_json(runner, path)
    assert doc["metadata"]["organ"] == "General Assembly"
    assert doc["metadata"]["adoption_date"] == "2023-11-14"
    assert doc["metadata"]["agenda_items"] == ["71 (b)", "72"]
    assert [p["id"] for p in doc["preamble"]] == ["PP1", "PP2"]
    assert [e["id"] for e in walk(doc["operative"])] == ["OP1", "OP2", "OP2(a)", "OP2(b)", "OP2(b)(i)", "OP2(b)(ii)"]
    assert [n["id"] for n in doc["footnotes"]] == ["FN1", "FN2", "FN3"]
    where = {m["number"]: e["id"] for e in walk(doc["preamble"] + doc["operative"]) for m in e["markers"]}
    assert where == {1: "PP1", 2: "PP2", 3: "OP2(a)"}
    # Emphasis and markers are lifted out of the clean text.
    assert doc["preamble"][0]["text"] == "Recalling its resolution 77/200 of 15 December 2022,"


def test_show_json_with_annex_and_diagnostics_validates(runner, validator, tmp_path):
    """Annexes and located diagnostics are parts of the schema the samples above do not reach."""
    text = DRAFT_TEXT.replace("title: Protection", "colour: blue\ntitle: Protection").replace(
        "[^1]: Resolution",
        "## Annex\n\nPlan of action\n\nStates will protect migrants.\n\n[^1]: Resolution",
    )
    path = tmp_path / "annexed.md"
    path.write_text(text, encoding="utf-8")
    doc = show_json(runner, path)
    assert schema_errors(validator, doc) == []
    assert [a["id"] for a in doc["annexes"]] == ["ANNEX1"]
    assert doc["annexes"][0]["title"] == "Plan of action"
    located = [d for d in doc["diagnostics"] if d["line"] is not None]
    assert located and "colour" in located[0]["message"]


def test_show_json_of_cp1252_file_validates(runner, validator, tmp_path):
    doc = show_json(runner, cp1252_sample(tmp_path))
    assert schema_errors(validator, doc) == []
    assert doc["source"]["encoding"] == "cp1252"
    assert any("Windows-1252" in d["message"] and d["line"] is None for d in doc["diagnostics"])


MUTATIONS = {
    "extra top-level key": lambda d: d.update(extra=1),
    "extra key in source": lambda d: d["source"].update(size=10),
    "extra key in metadata": lambda d: d["metadata"].update(colour="blue"),
    "extra key in a paragraph": lambda d: d["operative"][0].update(note="x"),
    "extra key in a nested subparagraph": lambda d: d["operative"][-1]["subparagraphs"][1]["subparagraphs"][0].update(
        note="x"
    ),
    "extra key in a span": lambda d: d["preamble"][0]["span"].update(length=3),
    "extra key in a footnote": lambda d: d["footnotes"][0].update(page=1),
    "missing source": lambda d: d.pop("source"),
    "missing paragraph text": lambda d: d["preamble"][0].pop("text"),
    "wrong paragraph id": lambda d: d["operative"][0].update(id="P1"),
    "paragraph id with a space": lambda d: d["operative"][0].update(id="OP 1"),
    "preambular id among operative paragraphs": lambda d: d["operative"][0].update(id="PP9"),
    "operative kind in the preamble": lambda d: d["preamble"][0].update(kind="operative"),
    "unknown kind": lambda d: d["operative"][0].update(kind="annex"),
    "wrong subparagraph id": lambda d: d["operative"][-1]["subparagraphs"][0].update(id="OP1a"),
    "wrong nested subparagraph id": lambda d: d["operative"][-1]["subparagraphs"][1]["subparagraphs"][0].update(
        id="OP1(b)[i]"
    ),
    "wrong footnote id": lambda d: d["footnotes"][0].update(id="F1"),
    "footnote number as text": lambda d: d["footnotes"][0].update(number="1"),
    "annex id without number": lambda d: d["annexes"].append(
        {"id": "ANNEX", "heading": "Annex", "title": None, "text": "", "span": copy.deepcopy(d["footnotes"][0]["span"])}
    ),
    "date not ISO": lambda d: d["metadata"].update(adoption_date="1 May 2002"),
    "impossible date": lambda d: d["metadata"].update(adoption_date="2002-02-30"),
    "session number as text": lambda d: d["metadata"].update(session_number="70"),
    "line as text": lambda d: d["preamble"][0]["span"]["start"].update(line="6"),
    "line zero": lambda d: d["preamble"][0]["span"]["start"].update(line=0),
    "negative offset": lambda d: d["preamble"][0]["span"]["end"].update(offset=-1),
    "marker without column": lambda d: d["preamble"][0]["markers"].append({"number": 1, "offset": 0, "line": 1}),
    "short sha256": lambda d: d["source"].update(sha256="abc"),
    "unknown input format": lambda d: d["source"].update(format="rtf"),
    "other schema version": lambda d: d.update(schema_version=2),
    "diagnostic without message": lambda d: d["diagnostics"].append({"line": 1, "column": 1}),
}


@pytest.fixture(scope="module")
def draft_document() -> dict:
    """A valid document with nested subparagraphs, markers and footnotes, to mutate."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.md"
        path.write_text(DRAFT_TEXT, encoding="utf-8")
        result = CliRunner().invoke(main, ["show", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_schema_rejects_a_mutated_document(validator, draft_document, mutation):
    doc = copy.deepcopy(draft_document)
    assert schema_errors(validator, doc) == []
    MUTATIONS[mutation](doc)
    assert schema_errors(validator, doc) != [], f"schema accepted: {mutation}"


# Generated resolutions: random preambles, numbered operative paragraphs with
# nested subparagraphs and footnotes, as Markdown drafts and as plain text.

PP_OPENINGS = ["Recalling", "Noting", "Reaffirming", "Welcoming", "Concerned", "Mindful", "Stressing"]
OP_OPENINGS = ["Decides", "Requests", "Urges", "Calls upon", "Encourages", "Invites", "Welcomes"]
WORDS = "the of Member States report Secretary-General implementation cooperation all its relevant".split()
LETTERS = "abcdefgh"
ROMANS = ["i", "ii", "iii", "iv", "v"]

phrase = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(" ".join)
subtree = st.lists(st.integers(min_value=0, max_value=3), min_size=0, max_size=4)  # romans under each letter


@st.composite
def drafts(draw):
    organ = draw(st.sampled_from(["General Assembly", "Security Council", "Human Rights Council"]))
    pps = draw(st.lists(st.tuples(st.sampled_from(PP_OPENINGS), phrase, st.booleans()), min_size=1, max_size=5))
    ops = draw(st.lists(st.tuples(st.sampled_from(OP_OPENINGS), phrase, subtree, st.booleans()), min_size=1, max_size=6))
    lines = ["---", f"organ: {organ}", "---", "", f"The {organ},", ""]
    notes: list[str] = []
    expected: dict = {"pp": len(pps), "ops": [], "notes": 0}

    def marker(flag: bool) -> str:
        if not flag:
            return ""
        notes.append(f"[^{len(notes) + 1}]: See document A/{len(notes) + 1}.")
        return f"[^{len(notes)}]"

    for opening, words, noted in pps:
        lines += [f"*{opening}* {words},{marker(noted)}", ""]
    for n, (opening, words, letters, noted) in enumerate(ops, 1):
        ids = [f"OP{n}"]
        tail = ":" if letters else ";"
        lines += [f"{n}. *{opening}* {words}{tail}{marker(noted)}", ""]
        for li, romans in enumerate(letters):
            letter = LETTERS[li]
            ids.append(f"OP{n}({letter})")
            lines += [f"({letter}) {words}{':' if romans else ';'}", ""]
            for ri in range(romans):
                ids.append(f"OP{n}({letter})({ROMANS[ri]})")
                lines += [f"({ROMANS[ri]}) {words};", ""]
        expected["ops"].append(ids)
    # The last paragraph (or subparagraph) ends the resolution with a full stop.
    last = max(i for i, line in enumerate(lines) if line and not line.startswith("[^"))
    lines[last] = re.sub(r"[;:](?=(\[\^\d+\])?$)", ".", lines[last])
    lines += notes
    expected["notes"] = len(notes)
    return "\n".join(lines) + "\n", expected


def as_plain_text(draft: str) -> str:
    """The same resolution as hard-wrapped text copied from a PDF: no front matter, no
    emphasis, markers glued to the text, numbered notes after the last paragraph."""
    body = draft.split("---\n", 2)[2]
    blocks, notes = [], []
    for block in body.split("\n\n"):
        block = block.strip()
        if block.startswith("[^"):
            notes += [re.sub(r"^\[\^(\d+)\]:", r"\1", line) for line in block.splitlines()]
        elif block:
            block = re.sub(r"\[\^(\d+)\]", r"\1", block).replace("*", "")
            blocks.append(textwrap.fill(block, 60))
    return "\n\n".join(blocks) + "\n\n" + "\n".join(notes) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(), st.sampled_from(["draft", "text"]))
def test_generated_resolutions_validate_against_the_schema(validator, case, fmt):
    text, expected = case
    if fmt == "text":
        text = as_plain_text(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("generated.md" if fmt == "draft" else "generated.txt")
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["show", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, (result.output, text)
    doc = json.loads(result.stdout)
    assert schema_errors(validator, doc) == [], text
    assert doc["source"]["format"] == fmt
    assert len(doc["preamble"]) == expected["pp"], text
    assert [e["id"] for e in walk(doc["operative"])] == [i for ids in expected["ops"] for i in ids], text
    assert [n["id"] for n in doc["footnotes"]] == [f"FN{i}" for i in range(1, expected["notes"] + 1)], text


# --- -o / --output -----------------------------------------------------------


def test_output_option_writes_the_file(runner, tmp_path, validator):
    printed = invoke(runner, "show", SAMPLE, "--format", "json").stdout
    out = tmp_path / "A_RES_70_291.json"
    result = invoke(runner, "show", SAMPLE, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == printed
    assert schema_errors(validator, json.loads(out.read_bytes())) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left behind


@pytest.mark.skipif(os.name == "nt", reason="POSIX rename semantics")
def test_output_option_replaces_an_existing_file_atomically(runner, tmp_path):
    out = tmp_path / "outline.txt"
    out.write_text("old outline\n" * 1000, encoding="utf-8")
    out.chmod(0o640)
    with out.open(encoding="utf-8") as reader:
        result = invoke(runner, "show", SAMPLE, "--output", out)
        # A reader that had the old file open still sees the old file whole: the
        # new content went to a new file that was renamed over it, not written in place.
        assert reader.read() == "old outline\n" * 1000
    assert result.exit_code == 0, result.output
    new = out.read_text(encoding="utf-8")
    assert new == invoke(runner, "show", SAMPLE).stdout
    assert top_level_ids(new) == SAMPLE_IDS
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_failed_command_leaves_the_output_file_alone(runner, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("keep me\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = invoke(runner, "show", missing, "--format", "json", "-o", out)
    assert_one_error_line(result, missing)
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_output_dash_means_standard_output(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "show", SAMPLE, "-o", "-")
    assert result.exit_code == 0, result.output
    assert top_level_ids(result.stdout) == SAMPLE_IDS
    assert list(tmp_path.iterdir()) == []


def test_output_into_missing_folder_is_one_error_line(runner, tmp_path):
    out = tmp_path / "no-such-folder" / "out.json"
    result = invoke(runner, "show", SAMPLE, "-o", out)
    assert_one_error_line(result, out.parent)
    assert not out.parent.exists()


def test_output_into_missing_folder_names_the_output_path(runner, tmp_path):
    out = tmp_path / "no-such-folder" / "out.json"
    result = invoke(runner, "show", SAMPLE, "-o", out)
    line = assert_one_error_line(result, out)
    assert ".untk-" not in line


# --- bad input ---------------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no-such-resolution.txt"


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "resolutions"
    path.mkdir()
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def _binary(tmp_path: Path) -> Path:
    rng = random.Random(20160701)
    data = bytearray(rng.randbytes(64 * 1024))
    for i in range(0, len(data), 97):
        data[i] = 0
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(data))
    return path


def _binary_after_text(tmp_path: Path) -> Path:
    """A text-looking start, then random bytes with NULs."""
    rng = random.Random(291)
    data = b"The General Assembly,\n\n" + rng.randbytes(32 * 1024).replace(b"\x00", b"") + b"\x00" * 64
    path = tmp_path / "mixed.bin"
    path.write_bytes(data)
    return path


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 2**20)  # sparse: no 20 MiB written to disk
    assert path.stat().st_size == 20 * 2**20
    return path


def _no_resolution(tmp_path: Path) -> Path:
    path = tmp_path / "hello.txt"
    path.write_text("hello world\n", encoding="utf-8")
    return path


BAD_INPUTS = {
    "missing": _missing,
    "directory": _directory,
    "empty": _empty,
    "binary": _binary,
    "binary after text": _binary_after_text,
    "20 MiB": _huge,
    "not a resolution": _no_resolution,
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
@pytest.mark.parametrize("fmt", ["outline", "json"])
def test_bad_input_is_one_error_line(runner, tmp_path, case, fmt):
    path = BAD_INPUTS[case](tmp_path)
    result = invoke(runner, "show", path, "--format", fmt)
    assert_one_error_line(result, path)


@pytest.mark.parametrize("case", ["missing", "directory", "binary", "20 MiB", "not a resolution"])
def test_bad_input_in_a_real_process(tmp_path, case):
    path = BAD_INPUTS[case](tmp_path)
    for command in cli_commands():
        proc = run_process(command, "show", path, cwd=tmp_path)
        assert proc.returncode == 2, (command, proc.stderr)
        assert proc.stdout == ""
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(ERROR_PREFIX) and str(path) in lines[0], proc.stderr


def test_error_messages_say_what_is_wrong(runner, tmp_path):
    """Each failure gives its own reason, so the user knows what to fix."""
    reasons = {}
    for case, make in BAD_INPUTS.items():
        folder = tmp_path / re.sub(r"\W", "_", case)
        folder.mkdir()
        path = make(folder)
        line = assert_one_error_line(invoke(runner, "show", path), path)
        reasons[case] = line.split(str(path), 1)[1]
    assert "20" in reasons["20 MiB"] and "MiB" in reasons["20 MiB"]
    assert len({reasons[c] for c in ("missing", "directory", "empty", "binary", "20 MiB", "not a resolution")}) == 6


def test_unknown_input_format_is_a_usage_error(runner):
    result = runner.invoke(main, ["show", str(SAMPLE), "--input-format", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert "--input-format" in result.stderr and "'xml'" in result.stderr
    assert "Traceback" not in result.output


def test_input_format_overrides_sniffing(runner, tmp_path):
    """The SC text read explicitly as text gives the same ids as when sniffed."""
    path = tmp_path / "S_RES_1_2002.txt"
    path.write_text(SC_TEXT, encoding="utf-8")
    sniffed = show_json(runner, path)
    forced = show_json(runner, path, "--input-format", "text")
    assert forced["source"]["format"] == "text"
    assert [e["id"] for e in walk(forced["operative"])] == [e["id"] for e in walk(sniffed["operative"])]


# --- encodings ---------------------------------------------------------------


@pytest.mark.parametrize("codec, bom, label", [("utf-16-le", b"\xff\xfe", "utf-16-le"), ("utf-16-be", b"\xfe\xff", "utf-16-be")])
def test_utf16_with_bom_is_read(runner, tmp_path, codec, bom, label):
    path = tmp_path / f"A_RES_70_291.{codec}.txt"
    path.write_bytes(bom + SAMPLE.read_text(encoding="utf-8").encode(codec))
    result = invoke(runner, "show", path)
    assert result.exit_code == 0, result.output
    assert top_level_ids(result.stdout) == SAMPLE_IDS
    assert f"({label})" in result.stdout
    assert "warning" not in result.output


def test_cp1252_is_read_with_a_warning(runner, tmp_path):
    path = cp1252_sample(tmp_path)
    result = invoke(runner, "show", path)
    assert result.exit_code == 0, result.output
    assert top_level_ids(result.stdout) == SAMPLE_IDS
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.output
    assert str(path) in warnings[0] and "Windows-1252" in warnings[0]
    # And the typographic apostrophe was decoded, not mangled.
    doc = show_json(runner, path)
    assert any("Da\u2019esh" in p["text"] for p in doc["operative"])


def test_utf8_sample_has_no_warning(runner):
    result = invoke(runner, "show", SAMPLE)
    assert "warning" not in result.output


# --- help and version --------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["show", "--help"]])
def test_help_has_examples(runner, args):
    result = invoke(runner, *args)
    assert result.exit_code == 0
    assert re.search(r"^\s*Examples:?\s*$", result.stdout, re.M), result.stdout
    assert re.search(r"^\s+untk show \S+", result.stdout, re.M), result.stdout


def test_main_help_lists_show(runner):
    result = invoke(runner, "--help")
    assert re.search(r"^\s+show\s", result.stdout, re.M), result.stdout


def test_show_help_documents_options(runner):
    result = invoke(runner, "show", "--help")
    for option in ("--format", "--input-format", "--output"):
        assert option in result.stdout


def test_version(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"untk, version {toolkit.__version__}"


def test_version_in_a_real_process(tmp_path):
    for command in cli_commands():
        proc = run_process(command, "--version", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert toolkit.__version__ in proc.stdout.split()


def test_installed_script_exists():
    """The console script ``untk`` is installed next to the interpreter running the tests."""
    assert shutil.which("untk", path=str(Path(sys.executable).parent)), "pip install -e . installs the untk script"
