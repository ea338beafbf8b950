"""untk audit: a Word draft against its official base; the revision facts of the .docx reader."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit_files import Draft, Line, from_document, package
from conftest import SAMPLES, SHARED, schema_errors, schema_validator
from toolkit.cli import main
from toolkit.readers import read_document
from toolkit.readers.docx_revisions import parse_revisions, read_revisions

MEXICO, CHILE, GHANA = ("Mexico", "2025-10-01T09:00:00Z"), ("Chile", "2025-10-02T10:30:00Z"), ("Ghana", "2025-10-03T16:45:00Z")
OFFICIAL = SHARED / "corpus" / "unga-78-80" / "A_RES_79_15.pdf"


@pytest.fixture(scope="module", params=["official", "sample"])
def base_path(request) -> str:
    """A real issued resolution (as published, PDF) where the shared corpus is present, and the bundled sample."""
    if request.param == "official":
        if not OFFICIAL.exists():
            pytest.skip(f"needs {OFFICIAL} (the shared corpus beside the checkout), which is absent")
        return str(OFFICIAL)
    return str(SAMPLES / "A_RES_70_291.txt")


@pytest.fixture(scope="module")
def base(base_path):
    return read_document(base_path)


def draft_of(base) -> Draft:
    return from_document(base)


def write(tmp_path: Path, draft: Draft, name: str = "draft.docx") -> str:
    path = tmp_path / name
    path.write_bytes(package(draft))
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def audit_json(*args: str) -> tuple[int, dict]:
    result = run("audit", *args, "--format", "json")
    return result.exit_code, json.loads(result.output)


_BODY = r"((?:[^\[\]]|\[\[[^\[\]]*\]\])*)"  # a change's text, its footnote references included


def _plain(marked: str) -> str:
    """A line's words as they read with every change rejected, without footnote references."""
    text = re.sub(r"\[\[(?:ins|moveTo)\|[^|]*\|[^|]*\|" + _BODY + r"\]\]", "", marked)
    text = re.sub(r"\[\[(?:del|moveFrom)\|[^|]*\|[^|]*\|" + _BODY + r"\]\]", r"\1", text)
    text = re.sub(r"\[\[comment\|\w+\|([^\[\]]*)\]\]", r"\1", text)
    return re.sub(r"\[\[note\|\d+\]\]", "", text)


def _line_of(draft: Draft, text: str) -> int:
    return next(k for k, line in enumerate(draft.lines) if _plain(line.text).startswith(text[:40]))


def _op(draft: Draft, base, number: int) -> int:
    """The line of operative paragraph ``number``."""
    return _line_of(draft, base.operative[number - 1].text)


def _pp(draft: Draft, base, number: int) -> int:
    return _line_of(draft, base.preamble[number - 1].text)


def _first_word(text: str) -> str:
    return text.split()[0]


def honest(base) -> Draft:
    """Three delegations' proposals, every one tracked: a reworded opening, a new paragraph, a deletion, a move, a comment."""
    draft = draft_of(base)
    k = _op(draft, base, 2)
    rest = draft.lines[k].text
    word = "Calls upon" if rest.startswith("Calls upon") else _first_word(rest)
    draft.lines[k].text = f"[[del|{MEXICO[0]}|{MEXICO[1]}|{word}]][[ins|{MEXICO[0]}|{MEXICO[1]}|Urges]]{rest[len(word):]}"
    # Chile proposes a new operative paragraph after the third (its mark and its text inserted).
    k = _op(draft, base, 3)
    draft.lines.insert(k + 1, Line(f"[[ins|{CHILE[0]}|{CHILE[1]}|Encourages cooperation on the peaceful uses of nuclear energy;]]", ("ins", *CHILE), numbered=True))
    # Ghana deletes the last preambular paragraph with its mark.
    k = _pp(draft, base, len(base.preamble))
    draft.lines[k] = Line(f"[[del|{GHANA[0]}|{GHANA[1]}|{draft.lines[k].text}]]", ("del", *GHANA))
    # Mexico moves the first preambular paragraph after the second.
    k = _pp(draft, base, 1)
    moved = draft.lines[k].text
    draft.lines[k] = Line(f"[[moveFrom|{MEXICO[0]}|{MEXICO[1]}|{moved}]]", ("moveFrom", *MEXICO))
    draft.lines.insert(k + 2, Line(f"[[moveTo|{MEXICO[0]}|{MEXICO[1]}|{moved}]]", ("moveTo", *MEXICO)))
    # A comment by Chile on the last operative paragraph's first words.
    k = _op(draft, base, len(base.operative))
    rest = draft.lines[k].text
    first = " ".join(rest.split()[:2])
    draft.lines[k].text = f"[[comment|7|{first}]]{rest[len(first):]}"
    draft.comments.append(("7", CHILE[0], CHILE[1], "Can we agree to defer this item?"))
    return draft


# -------------------------------------------------------------------- --revisions


def test_revisions_values_parse():
    assert parse_revisions("accept").mode == "accept"
    assert parse_revisions("author=Mexico, Chile").authors == ("Mexico", "Chile")
    assert parse_revisions("author=mexico").accepts("Mexico ")
    assert not parse_revisions("author=Mexico").accepts("Chile")
    for bad in ("both", "author=", "author= , ", "authors", "name=Mexico"):
        with pytest.raises(ValueError):
            parse_revisions(bad)


@pytest.mark.parametrize("value", ["both", "author="])
def test_bad_revisions_value_is_one_line_exit_2(tmp_path, base, value):
    path = write(tmp_path, honest(base))
    result = CliRunner().invoke(main, ["show", path, "--revisions", value])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "untk: error: --revisions" in result.output


def test_one_author_accepted_the_others_rejected(tmp_path, base):
    path = write(tmp_path, honest(base))
    mexico = read_document(path, revisions="author=Mexico")
    rejected = read_document(path, revisions="reject")
    accepted = read_document(path)
    assert mexico.operative[1].text.startswith("Urges") and not rejected.operative[1].text.startswith("Urges")
    # Chile's paragraph is not in Mexico's reading, Ghana's deletion not made; Mexico's move is.
    assert len(mexico.operative) == len(rejected.operative) == len(base.operative)
    assert len(accepted.operative) == len(base.operative) + 1
    assert len(mexico.preamble) == len(base.preamble) and len(accepted.preamble) == len(base.preamble) - 1
    assert mexico.preamble[1].text == base.preamble[0].text
    chile_ghana = read_document(path, revisions="author=Chile,Ghana")
    assert len(chile_ghana.operative) == len(base.operative) + 1 and len(chile_ghana.preamble) == len(base.preamble) - 1
    assert not chile_ghana.operative[1].text.startswith("Urges")


def test_history_shows_one_delegations_proposals(tmp_path, base, base_path):
    path = write(tmp_path, honest(base))
    result = run("diff", base_path, path, "--revisions", "author=Chile", "--format", "json")
    data = json.loads(result.output)
    changed = [p for p in data["pairs"] if p["op"] != "equal" or p["renumbered"]]
    assert [p["op"] for p in changed if p["op"] != "equal"] == ["insert"]
    assert result.exit_code == 1


def test_a_deletion_inside_anothers_insertion(tmp_path, base):
    draft = draft_of(base)
    k = _op(draft, base, 1)
    chile, ghana = (f'w:author="{a}" w:date="{d}"' for a, d in (CHILE, GHANA))
    nested = (f'<w:ins w:id="1" {chile}><w:r><w:t xml:space="preserve">and </w:t></w:r>'
              f'<w:del w:id="2" {ghana}><w:r><w:delText xml:space="preserve">regional </w:delText></w:r></w:del></w:ins>')
    rest = draft.lines[k].text
    cut = rest.index(" ") + 1
    draft.lines[k].text = rest[:cut] + f"[[xml|{nested}]]" + rest[cut:]
    path = write(tmp_path, draft)
    first = base.operative[0].text.split(" ")[0]
    readings = {mode: read_document(path, revisions=mode).operative[0].text for mode in ("accept", "reject", "author=Chile", "author=Ghana")}
    assert readings["accept"].startswith(f"{first} and ") and not readings["accept"].startswith(f"{first} and regional")
    assert readings["reject"] == readings["author=Ghana"] == base.operative[0].text
    assert readings["author=Chile"].startswith(f"{first} and regional ")
    _, facts = read_revisions(path)
    assert [(c.kind, c.author, c.text, c.paragraph, c.rejected_paragraph) for c in facts.changes] == [
        ("insertion", "Chile", "and regional", "OP1", "OP1"),
        ("deletion", "Ghana", "regional", "OP1", "OP1"),
    ]


def test_an_unknown_author_is_said(tmp_path, base):
    doc = read_document(write(tmp_path, honest(base)), revisions="author=Peru")
    assert any("no tracked change by 'Peru'" in d.message and "Chile" in d.message for d in doc.diagnostics)


# -------------------------------------------------------------------- revision facts


def test_revision_facts_name_author_date_text_and_paragraph(tmp_path, base):
    doc, facts = read_revisions(write(tmp_path, honest(base)))
    by_kind = {}
    for c in facts.changes:
        by_kind.setdefault(c.kind, []).append(c)
    ins = [c for c in by_kind["insertion"] if c.text == "Urges"]
    assert [(c.author, c.date, c.paragraph) for c in ins] == [(*MEXICO, "OP2")]
    assert [(c.author, c.paragraph) for c in by_kind["paragraph-insertion"]] == [("Chile", "OP4")]
    assert [c.author for c in by_kind["paragraph-deletion"]] == ["Ghana"]
    # A deleted paragraph is named where it stood: in the official numbering.
    last_pp = f"PP{len(base.preamble)}"
    assert {(c.author, c.rejected_paragraph) for c in by_kind["deletion"] if c.author == "Ghana"} == {("Ghana", last_pp)}
    assert {c.author for c in by_kind["move-from"] + by_kind["move-to"]} == {"Mexico"}
    assert [c.paragraph for c in by_kind["move-to"]] == ["PP2"] and [c.paragraph for c in by_kind["move-from"]] == ["PP1"]
    assert facts.authors == ("Mexico", "Ghana", "Chile")  # in document order: PP1, PP5, OP4
    (comment,) = facts.comments
    last = f"OP{len(base.operative) + 1}"
    assert (comment.author, comment.date, comment.paragraph) == (*CHILE, last)
    assert comment.text == "Can we agree to defer this item?"
    assert comment.anchor == " ".join(base.operative[-1].text.split()[:2])
    assert doc.find(last) is not None and not facts.hidden


def test_facts_in_footnotes_and_formatting(tmp_path, base):
    if not base.footnotes:
        pytest.skip("the base has no footnotes")
    draft = draft_of(base)
    number = base.footnotes[-1].number
    text = draft.notes[number]
    draft.notes[number] = f"[[ins|{GHANA[0]}|{GHANA[1]}|See ]]{text}"
    k = _op(draft, base, 1)
    rest = draft.lines[k].text
    draft.lines[k].text = f"[[fmt|{CHILE[0]}|{CHILE[1]}|{rest[:10]}]]{rest[10:]}"
    _, facts = read_revisions(write(tmp_path, draft))
    assert [(c.kind, c.author, c.paragraph) for c in facts.changes] == [("formatting", "Chile", "OP1"), ("insertion", "Ghana", f"FN{number}")]


# -------------------------------------------------------------------- the audit


def test_honest_draft_is_clean(tmp_path, base, base_path):
    path = write(tmp_path, honest(base))
    code, data = audit_json(path, "--base", base_path)
    assert data["untracked"] == [] and data["hidden"] == []
    authors = {a["author"]: a for a in data["authors"]}
    assert set(authors) == {"Mexico", "Chile", "Ghana"}
    assert (authors["Mexico"]["insertions"], authors["Mexico"]["deletions"], authors["Mexico"]["moves"]) == (1, 1, 1)
    assert authors["Chile"]["comments"] == 1 and authors["Chile"]["first"] == CHILE[1]
    assert authors["Ghana"]["deletions"] == 2 and authors["Ghana"]["last"] == GHANA[1]
    assert data["compliant"] is (data["summary"]["failing_findings"] == 0)
    assert code == (0 if data["compliant"] else 1)


def test_unchanged_official_text_complies(tmp_path, base, base_path):
    result = run("audit", write(tmp_path, draft_of(base)), "--base", base_path)
    assert "No untracked change" in result.output and result.output.rstrip().endswith("the draft complies")
    assert result.exit_code == 0


def test_a_reference_a_tracked_insertion_made_stale_is_an_error(tmp_path):
    """The sample's last operative paragraph cites "paragraph 71 above": a paragraph inserted before it, with
    tracking, leaves that reference stale in the accepted text; the check finding fails the audit."""
    base_path = str(SAMPLES / "A_RES_70_291.txt")
    base = read_document(base_path)
    draft = draft_of(base)
    k = _op(draft, base, 3)
    draft.lines.insert(k + 1, Line(f"[[ins|{CHILE[0]}|{CHILE[1]}|Encourages regional cooperation;]]", ("ins", *CHILE), numbered=True))
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert data["untracked"] == [] and data["hidden"] == []
    stale = [f for f in data["findings"] if f["rule"] == "reference-stale-number"]
    assert stale and stale[0]["severity"] == "error" and "72" in stale[0]["message"]
    assert data["compliant"] is False and code == 1


def test_a_word_changed_without_tracking_is_found(tmp_path, base, base_path):
    draft = honest(base)
    k = _op(draft, base, 5)
    rest = draft.lines[k].text
    words = rest.split(" ")
    victim = next(w for w in words[3:] if w.isalpha() and len(w) > 4)
    draft.lines[k].text = f"" + rest.replace(victim, "solemnly", 1)
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert code == 1 and data["compliant"] is False
    (change,) = data["untracked"]
    assert (change["paragraph"], change["base"], change["op"]) == ("OP5", ["OP5"], "modify")
    assert change["accepted"] == ["OP6"]  # Chile's new paragraph renumbers it in the accepted reading
    assert [(e["old"], e["new"]) for e in change["edits"]] == [(victim, "solemnly")]
    text = run("audit", write(tmp_path, draft, "again.docx"), "--base", base_path).output
    assert f"\u201c{victim}\u201d -> \u201csolemnly\u201d" in text and "OP5 (now OP6)" in text


def test_a_footnote_edited_silently_is_found(tmp_path, base, base_path):
    if not base.footnotes:
        pytest.skip("the base has no footnotes")
    draft = honest(base)
    note = base.footnotes[0]
    draft.notes[note.number] = note.text.rstrip(".") + ", para. 3."
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert code == 1
    (change,) = data["untracked"]
    assert change["section"] == "footnotes" and change["paragraph"] == note.id
    assert change["edits"][0]["new"].startswith(",")


def test_an_untracked_paragraph_and_a_silent_deletion_are_found(tmp_path, base, base_path):
    draft = draft_of(base)
    k = _op(draft, base, 2)
    draft.lines.insert(k, Line("Stresses the importance of universal adherence;", numbered=True))
    k = _op(draft, base, 4)
    del draft.lines[k]
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert code == 1
    ops = sorted(c["op"] for c in data["untracked"])
    assert "delete" in ops and ("insert" in ops or "merge" in ops or "modify" in ops)
    deleted = [c for c in data["untracked"] if c["op"] == "delete"]
    assert deleted[0]["base"] == ["OP4"]


@pytest.mark.parametrize(
    "markup, kind, untracked",
    [("white", "white-text", False), ("strike", "struck-through", False), ("highlight", "highlighted", False), ("vanish", "hidden-text", True)],
)
def test_changes_hidden_by_formatting_are_found(tmp_path, base, base_path, markup, kind, untracked):
    draft = draft_of(base)
    k = _op(draft, base, 3)
    rest = draft.lines[k].text
    words = rest.split(" ")
    phrase = " ".join(words[2:4])
    start = rest.index(phrase)
    draft.lines[k].text = f"{rest[:start]}[[{markup}|{phrase}]]{rest[start + len(phrase):]}"
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert code == 1 and data["compliant"] is False
    (hidden,) = data["hidden"]
    assert (hidden["kind"], hidden["paragraph"], hidden["text"]) == (kind, "OP3", phrase)
    # Hidden text is also missing from the reading: an untracked deletion; the others still read as the base.
    assert bool(data["untracked"]) is untracked
    if untracked:
        assert data["untracked"][0]["paragraph"] == "OP3"


def test_struck_text_inside_a_tracked_deletion_is_no_hidden_change(tmp_path, base, base_path):
    draft = draft_of(base)
    k = _op(draft, base, 3)
    draft.lines[k].text = draft.lines[k].text.replace(" ", f" [[del|{GHANA[0]}|{GHANA[1]}|", 1) + "]]"
    _, facts = read_revisions(write(tmp_path, draft))
    assert not facts.hidden and facts.changes[0].kind == "deletion"


def test_output_formats(tmp_path, base, base_path):
    draft = honest(base)
    k = _op(draft, base, 1)
    draft.lines[k].text = draft.lines[k].text.replace(" ", " [[white|<b>&amp;\x9b]]", 1)
    path = write(tmp_path, draft)
    code, data = audit_json(path, "--base", base_path)
    assert code == 1
    assert not schema_errors(schema_validator("audit.schema.json"), data)
    html = run("audit", path, "--base", base_path, "--format", "html").output
    assert "<b>&amp;" not in html and "&lt;b&gt;&amp;amp;" in html and "\x9b" not in html
    assert "Content-Security-Policy" in html and "<script" not in html
    sarif = json.loads(run("audit", path, "--base", base_path, "--format", "sarif").output)
    results = sarif["runs"][0]["results"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    hidden = [r for r in results if r["ruleId"] == "audit-hidden-formatting"]
    assert len(hidden) == 1 and rules[hidden[0]["ruleIndex"]]["id"] == "audit-hidden-formatting"
    assert hidden[0]["locations"][0]["logicalLocations"][0]["name"] == "OP1"
    official = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if official.exists():
        from jsonschema import Draft7Validator

        assert not list(Draft7Validator(json.loads(official.read_text())).iter_errors(sarif))
    out = tmp_path / "audit.html"
    assert run("audit", path, "--base", base_path, "--format", "html", "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_input_is_one_line_exit_2(tmp_path, base_path):
    not_docx = tmp_path / "draft.docx"
    not_docx.write_bytes(b"PK\x03\x04 broken")
    for args in (["audit", str(not_docx), "--base", base_path], ["audit", base_path, "--base", base_path],
                 ["audit", str(tmp_path / "missing.docx"), "--base", base_path]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, args
        assert result.output.count("\n") == 1 and result.output.startswith("untk: error:")


# -------------------------------------------------------------------- LibreOffice


def test_libreoffice_resave_keeps_tracked_changes_and_formatting(tmp_path, base, base_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("needs LibreOffice (soffice) to re-save the draft")
    source = tmp_path / "in" / "draft.docx"
    source.parent.mkdir()
    draft = honest(base)
    k = _op(draft, base, 5)
    draft.lines[k].text = draft.lines[k].text.replace(" the ", " all the ", 1)
    k = _op(draft, base, 3)
    words = draft.lines[k].text.split(" ")
    draft.lines[k].text = " ".join(words[:2] + [f"[[strike|{words[2]}]]"] + words[3:])
    source.write_bytes(package(draft))
    out = tmp_path / "out"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx", "--outdir", str(out), str(source)],
        capture_output=True, timeout=300,
    )
    resaved = out / "draft.docx"
    if done.returncode != 0 or not resaved.exists():
        pytest.skip(f"LibreOffice could not convert: {done.stderr.decode(errors='replace')[:200]}")
    code, data = audit_json(str(resaved), "--base", base_path)
    authors = {a["author"] for a in data["authors"]}
    assert {"Mexico", "Chile", "Ghana"} <= authors
    assert [(c["paragraph"], c["op"]) for c in data["untracked"]] == [("OP5", "modify")]
    assert [(h["kind"], h["paragraph"]) for h in data["hidden"]] == [("struck-through", "OP3")]
    assert [c["author"] for c in data["comments"]] == ["Chile"]
    assert code == 1


def test_a_title_changed_without_tracking_is_found(tmp_path, base, base_path):
    draft = honest(base)
    title = base.metadata.title
    k = next(k for k, line in enumerate(draft.lines) if line.text.endswith(title))
    draft.lines[k].text = draft.lines[k].text[: -len(title)] + title + " and beyond"
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert code == 1
    (change,) = data["untracked"]
    assert (change["section"], change["paragraph"]) == ("fields", "metadata.title")
    assert change["edits"][0]["new"].endswith("and beyond")


def test_check_and_history_read_one_authors_changes(tmp_path, base, base_path):
    path = write(tmp_path, honest(base))
    history = json.loads(run("history", base_path, path, "--revisions", "author=Mexico", "--format", "json").output)
    rows = {row["id"]: row for row in history["paragraphs"]}
    assert rows["OP2"]["changed_in"] == [1]  # Mexico's rewording
    assert not [r for r in history["paragraphs"] if r["first_version"] == 1]  # Chile's new paragraph is not in it
    assert history["dropped"] == []  # nor Ghana's deletion
    assert run("check", path, "--revisions", "author=Ghana,Chile", "--format", "json").exit_code in (0, 1)


def test_a_note_edited_beside_its_twin_is_the_one_reported(tmp_path, base):
    """Two notes with the same text (as "Ibid."-free lists repeat a treaty): the edited one is named, not its twin."""
    if len(base.footnotes) < 2:
        pytest.skip("the base has fewer than two footnotes")
    official = draft_of(base)
    first, last = base.footnotes[0].number, base.footnotes[-1].number
    official.notes[last] = official.notes[first]
    base_docx = write(tmp_path, official, "official.docx")
    official.notes[first] = official.notes[first].rstrip(".") + ", para. 3."
    code, data = audit_json(write(tmp_path, official), "--base", base_docx)
    assert code == 1
    assert [(c["section"], c["paragraph"], c["op"]) for c in data["untracked"]] == [("footnotes", f"FN{first}", "modify")]


def _python_docx(base, tmp_path: Path, name: str, edit=None) -> str:
    """The official text (without its footnotes, which python-docx does not write) as python-docx writes a
    document: operative paragraphs in Word's "List Number" style; ``edit(document)`` changes it first."""
    import docx

    from toolkit.render.diff_docx import footer_lines, header_lines

    document = docx.Document()
    for text, _ in header_lines(base.metadata):
        document.add_paragraph(text)
    document.add_paragraph(base.organ_line)
    for para in base.preamble:
        document.add_paragraph(para.text)
    for para in base.operative:
        document.add_paragraph(para.full_text, style="List Number")
    for text, _ in footer_lines(base):
        document.add_paragraph(text)
    if edit is not None:
        edit(document)
    path = tmp_path / name
    document.save(str(path))
    return str(path)


def _tracked(run, tag: str, author: str, date: str):
    """Wrap a python-docx run in a tracked insertion or deletion."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    wrapper = OxmlElement(f"w:{tag}")
    wrapper.set(qn("w:id"), str(id(run) % 10**6))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), date)
    run._r.addprevious(wrapper)
    wrapper.append(run._r)
    if tag == "del":
        for t in wrapper.iter(qn("w:t")):
            t.tag = qn("w:delText")


def test_python_docx_draft_with_tracked_changes_comments_and_white_text(tmp_path, base):
    from docx.shared import RGBColor

    base_docx = _python_docx(base, tmp_path, "official.docx")
    from toolkit.render.diff_docx import header_lines

    op_start = len(header_lines(base.metadata)) + 1 + len(base.preamble)  # the title block, the organ line, the preamble

    def propose(document):
        paragraph = document.paragraphs[op_start + 1]  # OP2
        first, _, rest = paragraph.text.partition(" ")
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        old = paragraph.add_run(first)
        new = paragraph.add_run("Strongly " + first.lower())
        paragraph.add_run(" " + rest)
        _tracked(old, "del", *MEXICO)
        _tracked(new, "ins", *CHILE)
        target = document.paragraphs[op_start + 2]  # OP3
        document.add_comment(target.runs, text="Which conference?", author="Ghana", initials="GH")
        paragraph = document.paragraphs[op_start]  # OP1: its second word made white, so that it looks deleted
        first, second, rest = paragraph.text.split(" ", 2)
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        paragraph.add_run(first + " ")
        paragraph.add_run(second).font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        paragraph.add_run(" " + rest)

    draft = _python_docx(base, tmp_path, "draft.docx", propose)
    code, data = audit_json(draft, "--base", base_docx)
    authors = {a["author"]: a for a in data["authors"]}
    assert (authors["Mexico"]["deletions"], authors["Chile"]["insertions"], authors["Ghana"]["comments"]) == (1, 1, 1)
    assert [(c["author"], c["paragraph"]) for c in data["comments"]] == [("Ghana", "OP3")]
    assert data["comments"][0]["anchor"] == " ".join(base.operative[2].full_text.split())
    # The white word is in both readings, as in the official text: not untracked, but hidden.
    second = base.operative[0].text.split(" ")[1]
    assert data["untracked"] == [] and [(h["kind"], h["paragraph"], h["text"]) for h in data["hidden"]] == [("white-text", "OP1", second)]
    assert code == 1


def test_diff_names_the_authors_of_each_change(tmp_path, base, base_path):
    from toolkit.attribution import pair_authors
    from toolkit.comparison import compare

    path = write(tmp_path, honest(base))
    comparison = compare(base, read_document(path))
    authors = pair_authors(comparison, read_revisions(path)[1])
    ops = {(p.section, p.old, p.new): p.op for p in comparison.pairs}
    assert authors[("paragraphs", ("OP2",), ("OP2",))] == ("Mexico",) and ops[("paragraphs", ("OP2",), ("OP2",))] == "modify"
    assert authors[("paragraphs", (), ("OP4",))] == ("Chile",)
    assert authors[("paragraphs", (f"PP{len(base.preamble)}",), ())] == ("Ghana",)
    assert all(ops[k] != "equal" for k in authors)
    lines = run("diff", base_path, path).output.splitlines()
    assert [line for line in lines if line.startswith("OP2 -> OP2  modify")][0].endswith("by Mexico")
    assert [line for line in lines if line.startswith(f"PP{len(base.preamble)} -> ")][0].endswith("by Ghana")
    # Read otherwise than with its changes accepted, the draft's changes are not credited.
    assert "  by " not in run("diff", base_path, path, "--revisions", "reject").output
    # JSON: the pairs credited carry their authors (valid against the schema), the others none.
    import json

    from conftest import schema_validator

    data = json.loads(run("diff", base_path, path, "--format", "json").output)
    schema_validator("diff.schema.json").validate(data)
    credited = {(p["section"], tuple(p["old"]), tuple(p["new"])): p["authors"] for p in data["pairs"] if p["authors"]}
    assert credited == {k: list(v) for k, v in authors.items()}
    rejected = json.loads(run("diff", base_path, path, "--format", "json", "--revisions", "reject").output)
    assert not any(p["authors"] for p in rejected["pairs"])


def test_html_page_in_a_real_browser(tmp_path, base, base_path):
    """Chromium applies the page's own stylesheet (allowed by its hash) and reports no policy violation."""
    import os

    browser = os.environ.get("UNTK_CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(browser) and os.access(browser, os.X_OK)):
        pytest.skip(f"Chromium is not installed at {browser} (Debian package 'chromium'; or set UNTK_CHROMIUM)")
    draft = honest(base)
    k = _op(draft, base, 3)
    draft.lines[k].text = draft.lines[k].text.replace(" ", " [[strike|<script>alert(1)</script>]] ", 1)
    page = tmp_path / "audit.html"
    assert run("audit", write(tmp_path, draft), "--base", base_path, "--format", "html", "-o", str(page)).exit_code == 1
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line or "Content Security Policy" in line] == []
    assert "does not comply" in done.stdout and "<script>" not in done.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done.stdout


def test_an_untracked_word_beside_a_tracked_change_is_found(tmp_path, base, base_path):
    draft = honest(base)
    k = _op(draft, base, 2)  # Mexico's tracked rewording of its opening words is in this paragraph
    text = draft.lines[k].text
    head, tail = text.split("]]", 2)[:2], text.split("]]", 2)[2]
    victim = next(w for w in tail.split(" ")[2:] if w.isalpha() and len(w) > 3)
    draft.lines[k].text = "]]".join(head) + "]]" + tail.replace(f" {victim}", f" {victim} and", 1)
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert code == 1
    (change,) = data["untracked"]
    assert change["paragraph"] == "OP2" and [(e["old"], e["new"]) for e in change["edits"]] == [("", "and")]


def test_facts_of_adoption_left_out_of_a_draft_are_no_change(tmp_path, base, base_path):
    draft = draft_of(base)
    adopted = next(k for k, line in enumerate(draft.lines) if line.text.startswith("Resolution adopted by"))
    meeting = next(k for k, line in enumerate(draft.lines) if line.text.endswith("plenary meeting"))
    for k in sorted((adopted, meeting), reverse=True):
        del draft.lines[k]
    code, data = audit_json(write(tmp_path, draft), "--base", base_path)
    assert data["untracked"] == []


def test_a_footnote_inserted_with_tracking_is_no_untracked_change(tmp_path, base, base_path):
    draft = honest(base)
    k = _op(draft, base, 1)
    draft.lines[k].text = draft.lines[k].text.rstrip(";,.") + f"[[ins|{CHILE[0]}|{CHILE[1]}|[[note|999]]]]" + draft.lines[k].text[len(draft.lines[k].text.rstrip(";,.")):]
    draft.notes[999] = "A/80/123, annex."
    path = write(tmp_path, draft)
    code, data = audit_json(path, "--base", base_path)
    assert data["untracked"] == []
    accepted = read_document(path)
    assert "A/80/123, annex." in [n.text for n in accepted.footnotes]
    assert len(accepted.footnotes) == len(base.footnotes) + 1


def test_a_paragraph_formatting_change_is_kept(tmp_path, base):
    draft = draft_of(base)
    k = _pp(draft, base, 1)
    change = f'<w:pPr><w:jc w:val="center"/><w:pPrChange w:id="5" w:author="{GHANA[0]}" w:date="{GHANA[1]}"><w:pPr/></w:pPrChange></w:pPr>'
    draft.lines[k].text = f"[[xml|{change}]]" + draft.lines[k].text
    _, facts = read_revisions(write(tmp_path, draft))
    assert [(c.kind, c.author, c.paragraph) for c in facts.changes] == [("paragraph-formatting", "Ghana", "PP1")]
    assert facts.changes[0].text.startswith(base.preamble[0].text.split(" ")[0])


def test_audit_schema_closes_every_object_and_describes_every_field():
    from conftest import load_schema

    problems: list[str] = []

    def visit(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object":
                if node.get("additionalProperties") is not False:
                    problems.append(f"{where}: additionalProperties is not false")
                for name, prop in node.get("properties", {}).items():
                    if not {"type", "$ref", "const", "enum", "oneOf", "anyOf"} & set(prop):
                        problems.append(f"{where}/{name}: untyped")
                    if "description" not in prop and "$ref" not in prop:
                        problems.append(f"{where}/{name}: no description")
                if set(node.get("properties", {})) - set(node.get("required", [])):
                    problems.append(f"{where}: not every property required")
            for k, value in node.items():
                visit(value, f"{where}/{k}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, f"{where}/{i}")

    visit(load_schema("audit.schema.json"), "#")
    assert problems == []
