"""The formatters of ``untk diff``: text, JSON, Markdown and HTML.

Golden files
    ``tests/golden/diff/<case>/`` holds two small hand-written versions of one draft
    resolution (``old.txt``, ``new.txt``, in the Markdown draft form) and what
    ``untk diff old.txt new.txt`` must print for them, compared exactly:

    * ``expected.txt``  -- ``--format text`` (no colour);
    * ``expected.md``   -- ``--format markdown``;
    * ``expected.json`` -- ``--format json``, with ``untk_version`` replaced by
      ``"<untk_version>"``.

    The command runs inside the case folder, so the paths it prints are just
    ``old.txt`` and ``new.txt``. The expected files are the specification, not a
    snapshot: each was read line by line against the two versions, and
    ``CASES`` below states independently what each case must find. After a
    deliberate change to a formatter or to the comparison, rewrite them with::

        UNTK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_diff_render.py

    then read ``git diff tests/golden`` line by line before committing.
    (With Chromium present, the same variable also rewrites the screenshot
    ``docs/diff-html.png``.)

The HTML page
    Checked as text (well-formed, escaped, no network, ids and counts present)
    and in a real browser: headless Chromium (``/usr/bin/chromium``, Debian's
    ``chromium`` package; ``UNTK_CHROMIUM`` names another binary) loads the page,
    ``--dump-dom`` shows what its script did, ``--screenshot`` takes a PNG. The
    browser tests skip, saying why, when Chromium is not installed.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import conftest
from conftest import schema_errors, schema_validator
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from toolkit import __version__
from toolkit.cli import main
from toolkit.change_kinds import KINDS
from toolkit.comparison import OPS, Comparison, compare
from toolkit.readers import read_document
from toolkit.render import diff_html, diff_json

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "diff"
SAMPLE = ROOT / "samples" / "A_RES_70_291.txt"
DOCS_SCREENSHOT = ROOT / "docs" / "diff-html.png"
UPDATE = os.environ.get("UNTK_UPDATE_GOLDEN") == "1"

#: Each golden case, with what it must find (non-zero counts of the summary).
CASES = {
    # OP2 gains words; footnote 2 cites one more paragraph (both substantive: the kind of each
    # change is counted too).
    "reworded": {"equal": 8, "modify": 2, "substantive": 2},
    # PP2 is struck (PP3 moves up; preambular paragraphs have no number to renumber);
    # OP6 is added, and OP5 ends in ";" instead of "." (editorial).
    "deleted_inserted": {"equal": 8, "modify": 1, "insert": 1, "delete": 1, "substantive": 2, "editorial": 1},
    # OP4 moves up to become OP2; OP2 and OP3 become OP3 and OP4 (technical: renumbered only).
    "moved": {"equal": 9, "move": 1, "renumbered": 3, "substantive": 1, "technical": 2},
    # OP3 becomes OP3 and OP3 bis.
    "split": {"equal": 9, "split": 1, "substantive": 1},
    # OP4 and OP5 become one OP4.
    "merge": {"equal": 8, "merge": 1, "substantive": 1},
    # A draft's "2 bis." becomes 3, and 3 to 5 become 4 to 6; no wording changes.
    "renumbered": {"equal": 11, "renumbered": 4, "technical": 4},
    # The same text with other line breaks and blank lines.
    "identical": {"equal": 10},
}

FORMATS = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}

CHROMIUM = os.environ.get("UNTK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]
CHROMIUM_TIMEOUT = 60


# --- helpers -----------------------------------------------------------------


def run_diff(folder: Path, fmt: str, monkeypatch: pytest.MonkeyPatch, old: str = "old.txt", new: str = "new.txt"):
    """``untk diff OLD NEW --format FMT`` run inside ``folder``: (exit code, stdout)."""
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["diff", old, new, "--format", fmt], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""
    return result.exit_code, result.stdout


def normalise_json(text: str) -> str:
    data = json.loads(text)
    assert data["untk_version"] == __version__
    data["untk_version"] = "<untk_version>"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def compare_files(folder: Path, old: str = "old.txt", new: str = "new.txt") -> Comparison:
    return compare(read_document(str(folder / old)), read_document(str(folder / new)))


def edited_sample() -> str:
    """A/RES/70/291 edited as a drafter might: OP3 struck, OP10 reworded, OP11 split in two."""
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    op3 = [line for line in lines if line.startswith("\t3.\t")]
    assert len(op3) == 1
    lines.remove(op3[0])
    text = "\n".join(lines)
    edits = [
        ("\t10.\tEncourages civil society, including non-governmental organizations, to engage, as appropriate, in",
         "\t10.\tStrongly encourages civil society, including non-governmental organizations, to engage in"),
        ("the commission of terrorist acts and to address the conditions conducive",
         "the commission of terrorist acts;\n\t11 bis.\tAlso encourages Member States to address the conditions conducive"),
    ]
    for before, after in edits:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


@pytest.fixture(scope="module")
def sample_pair(tmp_path_factory) -> Path:
    """A folder holding the sample and its edited copy, under readable names."""
    folder = tmp_path_factory.mktemp("sample")
    shutil.copyfile(SAMPLE, folder / "A_RES_70_291.txt")
    (folder / "A_RES_70_291.v2.txt").write_text(edited_sample(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sample_comparison(sample_pair) -> Comparison:
    return compare_files(sample_pair, "A_RES_70_291.txt", "A_RES_70_291.v2.txt")


@pytest.fixture(scope="module")
def sample_html(sample_pair) -> str:
    """The page as ``untk diff`` writes it with ``-o`` (paths as typed, relative)."""
    cwd = os.getcwd()
    os.chdir(sample_pair)
    try:
        result = CliRunner().invoke(
            main,
            ["diff", "A_RES_70_291.txt", "A_RES_70_291.v2.txt", "--format", "html", "-o", "redline.html"],
            catch_exceptions=False,
        )
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.output
    return (sample_pair / "redline.html").read_text(encoding="utf-8")


def load_schema() -> dict:
    return conftest.load_schema("diff.schema.json")


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return schema_validator("diff.schema.json")


# --- golden files --------------------------------------------------------------


def test_every_case_folder_is_listed():
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("case", list(CASES))
def test_golden(case: str, fmt: str, monkeypatch: pytest.MonkeyPatch):
    folder = GOLDEN / case
    code, out = run_diff(folder, fmt, monkeypatch)
    assert code == (0 if case == "identical" else 1)
    if fmt == "json":
        out = normalise_json(out)
    expected_path = folder / FORMATS[fmt]
    if UPDATE:
        expected_path.write_text(out, encoding="utf-8", newline="\n")
    assert expected_path.exists(), f"{expected_path} is missing (UNTK_UPDATE_GOLDEN=1 writes it)"
    expected = expected_path.read_text(encoding="utf-8")
    assert out == expected, f"untk diff --format {fmt} differs from {expected_path.relative_to(ROOT)}"


@pytest.mark.parametrize("case", list(CASES))
def test_golden_case_finds_what_it_is_about(case: str):
    """Independent of the expected files: the counts each case was written to show."""
    summary = compare_files(GOLDEN / case).summary
    found = {op: n for op, n in summary.items() if n}
    assert found == CASES[case]


@pytest.mark.parametrize("case", list(CASES))
def test_markdown_marks_render(case: str, monkeypatch):
    """Rendered as CommonMark (as GitHub does): no ``~~`` or ``**`` left as text, and every
    <del>/<ins> opens and closes within one paragraph."""
    markdown_it = pytest.importorskip("markdown_it", reason="needs markdown-it-py to render the Markdown")
    _, out = run_diff(GOLDEN / case, "markdown", monkeypatch)
    page = markdown_it.MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(out)
    assert re.findall(r"[^<>]*(?:~~|\*\*)[^<>]*", page) == []
    for paragraph in re.findall(r"<p>(.*?)</p>", page, re.S):
        for tag in ("del", "ins"):
            assert paragraph.count(f"<{tag}>") == paragraph.count(f"</{tag}>"), paragraph


def test_text_has_no_colour_when_not_a_terminal(monkeypatch):
    _, out = run_diff(GOLDEN / "reworded", "text", monkeypatch)
    assert "\x1b[" not in out
    assert "{+all +}" in out


# --- JSON and its schema -------------------------------------------------------


def test_diff_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_diff_schema_closes_every_object_and_describes_every_field():
    """Every object forbids unknown keys; every property has a type (or a $ref) and a description."""
    problems: list[str] = []

    def visit(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object":
                if node.get("additionalProperties") is not False:
                    problems.append(f"{where}: additionalProperties is not false")
                for name, prop in node.get("properties", {}).items():
                    if "type" not in prop and "$ref" not in prop and "const" not in prop:
                        problems.append(f"{where}/{name}: untyped")
                    if "description" not in prop:
                        problems.append(f"{where}/{name}: no description")
                missing = set(node.get("properties", {})) - set(node.get("required", []))
                if missing:
                    problems.append(f"{where}: not required: {sorted(missing)}")
            for key, value in node.items():
                visit(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, f"{where}/{i}")

    visit(load_schema(), "#")
    assert problems == []


def test_diff_schema_follows_the_model():
    """A field added to the model, an operation or a reader format missing from the schema would fail here."""
    import dataclasses

    from toolkit.model import Metadata
    from toolkit.readers import FORMATS as READER_FORMATS

    schema = load_schema()
    version = schema["$defs"]["version"]["properties"]
    assert list(version) == ["path", "format", *(f.name for f in dataclasses.fields(Metadata))]
    assert set(version["format"]["enum"]) == set(READER_FORMATS)
    assert schema["$defs"]["pair"]["properties"]["op"]["enum"] == list(OPS)
    assert schema["properties"]["summary"]["required"] == [*OPS, "renumbered", "fields", *KINDS, "identical", "technical_only"]
    assert schema["$defs"]["pair"]["properties"]["kind"]["enum"] == [*KINDS, None]
    document = conftest.load_schema("document.schema.json")
    assert schema["$defs"]["paragraph_id"]["pattern"] == document["$defs"]["paragraph"]["properties"]["id"]["pattern"]
    assert schema["$defs"]["footnote_id"]["pattern"] == document["$defs"]["footnote"]["properties"]["id"]["pattern"]


def _json_cases(sample_pair) -> list[tuple[Path, str, str]]:
    cases = [(GOLDEN / c, "old.txt", "new.txt") for c in CASES]
    cases.append((sample_pair, "A_RES_70_291.txt", "A_RES_70_291.v2.txt"))
    cases.append((sample_pair, "A_RES_70_291.v2.txt", "A_RES_70_291.txt"))
    cases.append((sample_pair, "A_RES_70_291.txt", "A_RES_70_291.txt"))
    return cases


def test_json_validates_against_the_schema(validator, sample_pair, monkeypatch):
    for folder, old, new in _json_cases(sample_pair):
        _, out = run_diff(folder, "json", monkeypatch, old, new)
        data = json.loads(out)
        assert schema_errors(validator, data) == [], (folder.name, old, new)


def test_every_id_of_both_versions_is_in_exactly_one_pair(sample_pair, monkeypatch):
    for folder, old, new in _json_cases(sample_pair):
        _, out = run_diff(folder, "json", monkeypatch, old, new)
        data = json.loads(out)
        for side, name in (("old", old), ("new", new)):
            doc = read_document(str(folder / name))
            ids = {"paragraphs": [p.id for p in doc.paragraphs], "footnotes": [n.id for n in doc.footnotes]}
            for section, expected in ids.items():
                seen = [i for pair in data["pairs"] if pair["section"] == section for i in pair[side]]
                assert sorted(seen) == sorted(expected), (folder.name, name, section)
                assert len(seen) == len(set(seen)), (folder.name, name, section)


def test_json_summary_counts_the_pairs(sample_pair, monkeypatch):
    for folder, old, new in _json_cases(sample_pair):
        _, out = run_diff(folder, "json", monkeypatch, old, new)
        data = json.loads(out)
        ops = [p["op"] for p in data["pairs"]]
        for op in OPS:
            assert data["summary"][op] == ops.count(op)
        assert data["summary"]["renumbered"] == sum(p["renumbered"] for p in data["pairs"])
        changed = any(p["op"] != "equal" or p["renumbered"] for p in data["pairs"])
        assert data["summary"]["identical"] is (not changed)


def test_json_redline_rebuilds_both_texts(sample_comparison):
    data = diff_json.to_dict(sample_comparison)
    texts = {
        "old": {p.id: p.full_text for p in sample_comparison.old.paragraphs}
        | {n.id: n.text for n in sample_comparison.old.footnotes},
        "new": {p.id: p.full_text for p in sample_comparison.new.paragraphs}
        | {n.id: n.text for n in sample_comparison.new.footnotes},
    }
    for pair in data["pairs"]:
        old = "".join(t for op, t in pair["redline"] if op != "+")
        new = "".join(t for op, t in pair["redline"] if op != "-")
        assert old == "\n".join(texts["old"][i] for i in pair["old"])
        assert new == "\n".join(texts["new"][i] for i in pair["new"])


def _mutations():
    """(name, function that spoils a valid comparison in place)."""

    def pair(data, op):
        return next(p for p in data["pairs"] if p["op"] == op)

    return [
        ("unknown top-level key", lambda d: d.update(colour=True)),
        ("schema_version 2", lambda d: d.update(schema_version=2)),
        ("missing summary", lambda d: d.pop("summary")),
        ("unknown option", lambda d: d["options"].update(ignore_numbers=True)),
        ("option not a boolean", lambda d: d["options"].update(ignore_case="yes")),
        ("unknown metadata field", lambda d: d["old"].update(sponsor="Norway")),
        ("missing path", lambda d: d["new"].pop("path")),
        ("unknown reader format", lambda d: d["new"].update(format="rtf")),
        ("bad adoption date", lambda d: d["old"].update(adoption_date="1 July 2016")),
        ("unknown operation", lambda d: pair(d, "modify").update(op="reword")),
        ("unknown section", lambda d: pair(d, "modify").update(section="appendix")),
        ("extra key in a pair", lambda d: pair(d, "modify").update(note="reworded")),
        ("pair without redline", lambda d: pair(d, "modify").pop("redline")),
        ("lower-case paragraph id", lambda d: pair(d, "modify").update(old=["op10"])),
        ("footnote id among paragraphs", lambda d: pair(d, "modify").update(new=["FN3"])),
        ("paragraph id among footnotes", lambda d: next(p for p in d["pairs"] if p["section"] == "footnotes").update(old=["OP1"])),
        ("similarity above 1", lambda d: pair(d, "modify").update(similarity=1.5)),
        ("unknown redline mark", lambda d: pair(d, "modify")["redline"].append(["*", "text"])),
        ("empty redline text", lambda d: pair(d, "modify")["redline"].append(["+", ""])),
        ("redline part of three", lambda d: pair(d, "modify")["redline"].append(["+", "a", "b"])),
        ("split into one", lambda d: pair(d, "split").update(new=["OP11"])),
        ("insertion with an old id", lambda d: pair(d, "split").update(op="insert")),
        ("deletion with a new id", lambda d: pair(d, "delete").update(new=["OP3"])),
        ("renumbered deletion", lambda d: pair(d, "delete").update(renumbered=True)),
        ("modify of two", lambda d: pair(d, "modify").update(old=["OP10", "OP11"])),
        ("negative count", lambda d: d["summary"].update(equal=-1)),
        ("unknown summary key", lambda d: d["summary"].update(changed=3)),
        ("identical not a boolean", lambda d: d["summary"].update(identical="no")),
        ("untk_version not a version", lambda d: d.update(untk_version="latest!")),
    ]


@pytest.mark.parametrize("name, spoil", _mutations(), ids=[m[0] for m in _mutations()])
def test_schema_rejects_a_mutated_comparison(validator, sample_comparison, name, spoil):
    data = json.loads(diff_json.render(sample_comparison))
    assert schema_errors(validator, data) == []
    spoiled = copy.deepcopy(data)
    spoil(spoiled)
    assert spoiled != data
    assert schema_errors(validator, spoiled), f"the schema accepts: {name}"


# --- HTML as text --------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TreeChecker(HTMLParser):
    """Fails on an end tag that closes nothing open; records ids, texts and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"] or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.errors.append(f"self-closing <{tag}/> at {self.getpos()}")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}> at {self.getpos()}")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] not in ("script", "style"):
            self.text.append(data)


def check_tree(page: str) -> TreeChecker:
    checker = TreeChecker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == [], f"left open: {checker.stack}"
    assert checker.doctype.lower() == "doctype html"
    assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
    return checker


def test_html_is_well_formed(sample_html, monkeypatch):
    check_tree(sample_html)
    for case in CASES:
        _, page = run_diff(GOLDEN / case, "html", monkeypatch)
        tree = check_tree(page)
        assert [t for t, _ in tree.tags].count("body") == 1


def test_html_language_headings_and_change_marks(sample_html):
    tree = check_tree(sample_html)
    tags = [t for t, _ in tree.tags]
    assert ("html", {"lang": "en"}) in tree.tags
    assert tags.count("h1") == 1
    assert {"h2", "h3", "ins", "del", "main", "nav", "header", "footer"} <= set(tags)
    assert re.search(r"<del>Encourages</del>\s*<ins>Strongly encourages</ins>", sample_html)


def test_html_header_names_both_versions(sample_html, sample_comparison):
    text = " ".join(check_tree(sample_html).text)
    for doc in (sample_comparison.old, sample_comparison.new):
        assert Path(doc.source.path).name in text  # the page was written with relative paths
        assert doc.metadata.symbol in text
        assert doc.metadata.title in text
    assert "1 July 2016" in text
    assert 'datetime="2016-07-01"' in sample_html


def test_html_shows_ids_ops_and_summary_counts(sample_html, sample_comparison):
    tree = check_tree(sample_html)
    articles = [a for t, a in tree.tags if t == "article"]
    assert len(articles) == len(sample_comparison.pairs)
    for attributes, pair in zip(articles, sample_comparison.pairs):
        assert attributes["data-op"] == pair.op
        assert attributes["data-old"] == ("+".join(pair.old) or "\u2205")
        assert attributes["data-new"] == ("+".join(pair.new) or "\u2205")
        assert ("changed" in attributes["class"].split()) is pair.changed
    text = " ".join(tree.text)
    for ids in ("OP3", "OP10", "OP11+OP11bis", "PP1", "FN9"):
        assert ids in text
    counts = {a["data-op"]: int(a["data-count"]) for t, a in tree.tags if t == "li" and "count" in (a.get("class") or "")}
    assert counts == {op: n for op, n in sample_comparison.summary.items() if op in (*OPS, "renumbered", "fields")}
    kinds = {a["data-kind"]: a["aria-pressed"] for t, a in tree.tags if t == "button" and a.get("data-action") == "kind"}
    assert kinds == {k: "true" for k in KINDS if sample_comparison.summary[k]}  # a filter for each kind present
    assert counts["delete"] == 1 and counts["modify"] == 1 and counts["split"] == 1
    assert "3 changes" in text


def test_html_says_identical(sample_pair, monkeypatch):
    code, page = run_diff(sample_pair, "html", monkeypatch, "A_RES_70_291.txt", "A_RES_70_291.txt")
    assert code == 0
    tree = check_tree(page)
    assert 'data-identical="1"' in page
    assert "identical" in " ".join(tree.text)
    assert "No changes" in " ".join(tree.text)


HOSTILE = """\
---
symbol: A/C.6/99/L.1 <b>&amp;</b>
title: Tom & Jerry <i>"quoted"</i>
adopted: 2024-01-02
---

# Tom & Jerry <i>"quoted"</i>

*The General Assembly,*

*Recalling* the rule of law & the Charter,

1. *Decides* that cats & mice shall coexist;

2. *Requests* a report;
"""


def test_html_escapes_document_text(tmp_path, monkeypatch):
    folder = tmp_path / "a&b <i>"
    folder.mkdir()
    (folder / "old.txt").write_text(HOSTILE, encoding="utf-8")
    new = HOSTILE.replace(
        "2. *Requests* a report;",
        "2. *Requests* a report <script>alert(1)</script> & more;\n\n3. <img src=x onerror=alert(2)> 'quoted' \"too\";",
    )
    (folder / "new.txt").write_text(new, encoding="utf-8")
    old_path, new_path = str(folder / "old.txt"), str(folder / "new.txt")
    page = diff_html.render(compare(read_document(old_path), read_document(new_path)))

    tree = check_tree(page)
    tags = [t for t, _ in tree.tags]
    assert tags.count("script") == 1  # the page's own
    assert "img" not in tags and "i" not in tags and "b" not in tags
    assert not any(name.startswith("on") for _, attrs in tree.tags for name in attrs)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "Tom &amp; Jerry &lt;i&gt;&quot;quoted&quot;&lt;/i&gt;" in page
    assert "A/C.6/99/L.1 &lt;b&gt;&amp;amp;&lt;/b&gt;" in page
    assert "a&amp;b &lt;i&gt;" in page  # the folder name, in the paths
    markup = re.sub(r"<(script|style)>.*?</\1>", "", page, flags=re.S)
    assert re.search(r"&(?!(?:amp|lt|gt|quot|#x27);)", markup) is None, "a bare & in the markup"
    text = "".join(tree.text)
    assert "report <script>alert(1)</script> & more;" in text  # what the reader sees
    assert "<img src=x onerror=alert(2)> 'quoted' \"too\";" in text
    assert "Tom & Jerry" in text and "cats & mice" in text
    assert old_path in text and new_path in text


def test_html_loads_nothing_from_the_network(sample_html):
    assert "http://" not in sample_html and "https://" not in sample_html
    assert not re.search(r"""(?:src|href|action|poster|srcset|data|xlink:href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", sample_html, re.I)
    assert not re.search(r"@import|url\(", sample_html, re.I)
    tree = check_tree(sample_html)
    tags = [t for t, _ in tree.tags]
    assert not {"link", "img", "iframe", "object", "embed", "audio", "video", "source"} & set(tags)
    assert all(not a.get("src") for _, a in tree.tags)
    assert all((a.get("href") or "#").startswith("#") for _, a in tree.tags)
    csp = next(a["content"] for t, a in tree.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def test_html_policy_allows_exactly_its_own_style_and_script(sample_html):
    script = re.findall(r"<script>(.*?)</script>", sample_html, re.S)
    style = re.findall(r"<style>(.*?)</style>", sample_html, re.S)
    assert len(script) == 1 and len(style) == 1
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', sample_html).group(1)
    assert f"script-src {_hash(script[0])}" in csp
    assert f"style-src {_hash(style[0])}" in csp


def test_html_script_never_writes_markup(sample_html):
    script = re.search(r"<script>(.*?)</script>", sample_html, re.S).group(1)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script
    for key in ('"j"', '"n"', '"k"', '"p"', '"v"', '"u"'):
        assert f"case {key}" in script
    assert 'setAttribute("data-ready", "1")' in script


def test_html_prints_the_inline_redline_in_colour(sample_html):
    style = re.search(r"<style>(.*?)</style>", sample_html, re.S).group(1)
    print_css = style[style.index("@media print") :]
    assert "print-color-adjust: exact" in print_css
    assert "break-inside: avoid" in print_css
    assert re.search(r"\.toolbar[^{]*\{\s*display: none", print_css)
    assert re.search(r"\.view-side \{ display: none !important", print_css)
    assert re.search(r"\.view-inline \{ display: block !important", print_css)


def test_html_legend_names_the_keys(sample_html):
    text = " ".join(check_tree(sample_html).text)
    for words in ("next", "previous", "view", "unchanged", "Side by side", "Show unchanged"):
        assert words in text
    assert sample_html.count("<kbd>") >= 6


def test_html_puts_footnotes_in_their_own_section(sample_html, sample_comparison):
    body = sample_html[sample_html.index('<section class="section section-footnotes"') :]
    body = body[: body.index("</section>")]
    footnote_pairs = [p for p in sample_comparison.pairs if p.section == "footnotes"]
    assert body.count("<article ") == len(footnote_pairs) == 9
    assert "Footnotes" in body


def test_html_split_keeps_its_paragraph_break_visible(sample_html):
    assert re.search(r"<ins>;<span class=\"pilcrow\" aria-hidden=\"true\">\u00b6</span><br>Also encourages Member States</ins>", sample_html)


# --- HTML in a real browser ----------------------------------------------------


def chromium(*args: str, user_data: Path) -> subprocess.CompletedProcess:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(
            f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium'; "
            "or set UNTK_CHROMIUM): the page is not checked in a real browser"
        )
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={user_data}", *args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium took more than {CHROMIUM_TIMEOUT} s: {' '.join(command)}")
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def page_file(sample_html, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "redline.html"
    path.write_text(sample_html, encoding="utf-8")
    return path


def dump_dom(url: str, tmp_path: Path) -> TreeChecker:
    """The DOM after the page's script ran; fails on any console message (a script error, a policy violation)."""
    result = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", url, user_data=tmp_path / "profile")
    assert "<body" in result.stdout, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    checker = TreeChecker()
    checker.feed(result.stdout)
    checker.close()
    return checker


def _body(tree: TreeChecker) -> dict:
    return next(a for t, a in tree.tags if t == "body")


def test_browser_runs_the_script_and_numbers_the_changes(page_file, sample_comparison, tmp_path):
    tree = dump_dom(page_file.as_uri(), tmp_path)
    body = _body(tree)
    assert body.get("data-ready") == "1", "the page's script did not run (blocked by its own policy?)"
    assert body.get("data-view") == "inline"
    assert body.get("data-unchanged") == "hidden"
    numbered = [a for t, a in tree.tags if t == "article" and "data-change" in a]
    changes = sample_comparison.changes()
    assert [a["data-change"] for a in numbered] == [str(i) for i in range(1, len(changes) + 1)]
    assert [(a["data-old"], a["data-new"]) for a in numbered] == [
        ("+".join(p.old) or "\u2205", "+".join(p.new) or "\u2205") for p in changes
    ]
    text = " ".join(tree.text)
    assert "#1" in text and f"#{len(changes)}" in text
    assert f"{len(changes)} changes" in text


def test_browser_opens_side_by_side_at_a_change(page_file, sample_comparison, tmp_path):
    changes = sample_comparison.changes()
    index = sample_comparison.pairs.index(changes[1])
    tree = dump_dom(f"{page_file.as_uri()}?view=side&unchanged=shown#pair-{index + 1}", tmp_path)
    body = _body(tree)
    assert body.get("data-view") == "side"
    assert body.get("data-unchanged") == "shown"
    current = [a for t, a in tree.tags if t == "article" and "current" in a["class"].split()]
    assert [a["id"] for a in current] == [f"pair-{index + 1}"]
    assert f"Change 2 of {len(changes)}" in " ".join(tree.text)
    pressed = [a["data-view"] for t, a in tree.tags if t == "button" and a.get("aria-pressed") == "true" and "data-view" in a]
    assert pressed == ["side"]


#: Appended to the page's own script (and allowed by a recomputed hash): press keys, click, record.
PROBE = """
(function () {
  var seen = [];
  function press(key) {
    document.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true }));
    var current = document.querySelectorAll(".pair.current");
    seen.push(current.length === 1 ? current[0].getAttribute("data-change") : "none:" + current.length);
  }
  ["j", "n", "n", "n", "k", "p", "p"].forEach(press);
  press("v");
  press("u");
  document.querySelector(".run-toggle").click();
  var body = document.body;
  body.setAttribute("data-probe", seen.join(","));
  body.setAttribute("data-probe-position", document.getElementById("position").textContent);
  body.setAttribute("data-probe-run", document.querySelector(".run").className + "/" +
    document.querySelector(".run-toggle").getAttribute("aria-expanded"));
})();
"""


def test_browser_keys_move_between_changes_and_switch_views(sample_html, sample_comparison, tmp_path):
    script = re.search(r"<script>(.*?)</script>", sample_html, re.S).group(1)
    page = sample_html.replace(script, script + PROBE).replace(_hash(script), _hash(script + PROBE))
    path = tmp_path / "probe.html"
    path.write_text(page, encoding="utf-8")
    body = _body(dump_dom(path.as_uri(), tmp_path))
    assert body.get("data-ready") == "1"
    n = len(sample_comparison.changes())
    assert n == 3
    # j, n, n, n (stays on the last), k, p, p (stays on the first); v and u keep the current change.
    assert body.get("data-probe") == "1,2,3,3,2,1,1,1,1"
    assert body.get("data-probe-position") == "Change 1 of 3"
    assert body.get("data-view") == "side"
    assert body.get("data-unchanged") == "shown"
    assert body.get("data-probe-run") == "run open/true"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_browser_screenshot(page_file, tmp_path):
    shot = tmp_path / "diff-html.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,1600", page_file.as_uri(), user_data=tmp_path / "profile")
    assert shot.exists(), "Chromium wrote no screenshot"
    data = shot.read_bytes()
    assert png_size(data) == (1280, 1600)
    # A blank or nearly blank page compresses to a few kilobytes; the redline does not.
    assert len(data) > 60_000, f"screenshot suspiciously small ({len(data)} bytes)"
    if UPDATE:
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)


def test_browser_filters_by_kind_of_change(tmp_path):
    """?substantive (or --substantive) opens with technical and editorial changes hidden,
    and the stepper counts only the changes shown."""
    comparison = compare_files(GOLDEN / "moved")
    assert comparison.summary["technical"] == 2 and comparison.summary["substantive"] == 1
    page = tmp_path / "kinds.html"
    page.write_text(diff_html.render(comparison), encoding="utf-8")
    tree = dump_dom(page.as_uri() + "?substantive", tmp_path)
    body = _body(tree)
    assert body.get("data-hide-technical") == "1" and "data-hide-substantive" not in body
    pressed = {a["data-kind"]: a["aria-pressed"] for t, a in tree.tags if t == "button" and a.get("data-action") == "kind"}
    assert pressed == {"technical": "false", "substantive": "true"}
    assert re.search(r"(?<![\d])1 change(?!s)", " ".join(tree.text))  # the stepper: the one change shown
    opened = tmp_path / "substantive.html"
    opened.write_text(diff_html.render(comparison, substantive=True), encoding="utf-8")
    assert _body(dump_dom(opened.as_uri(), tmp_path)).get("data-hide-technical") == "1"
    shown_all = _body(dump_dom(page.as_uri(), tmp_path))
    assert "data-hide-technical" not in shown_all
