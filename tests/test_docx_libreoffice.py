"""The Word redline as LibreOffice resolves it: Accept All gives NEW, Reject All gives OLD.

LibreOffice's own ``.uno:AcceptAllTrackedChanges`` and
``.uno:RejectAllTrackedChanges`` are run on the redlines of several pairs (the
sample pair, a title block whose inserted line stands before a deleted one, a
footnote reworded whole, paragraphs replaced, the real A/RES/79/7 -> A/RES/80/4
when ../shared is present, generated edits), and each result is compared,
paragraph by paragraph and footnote by footnote, with the version it must be.
The same files must resolve alike in Word's model (the XML resolved here) and
be read back by python-docx and untk's reader. The placing of paragraph marks is
also checked as a law over generated token diffs, without LibreOffice.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import libreoffice
from conftest import SAMPLES, SEED, SHARED, shared_path
from resolutions import NOTE_TEXTS, Element, draft, sentence, specs
from test_docx_redline import check_redline, expected_lines
from toolkit.comparison import compare
from toolkit.readers import parse_text, read_document
from toolkit.render.diff_docx import OutParagraph, Token, diff_blocks, diff_lines, render, settle_marks

REDRAFT = SAMPLES / "redraft-2018-review.md"
needs_uno = pytest.mark.skipif(libreoffice.missing() is not None, reason=libreoffice.missing() or "")

HEAD = "The General Assembly,\n\n*Recalling* its resolution 60/288,[^1]\n\n"


def _pairs() -> dict[str, tuple]:
    """Name -> (old, new) documents."""
    redraft = REDRAFT.read_text(encoding="utf-8")
    pairs = {
        "sample": (read_document(str(SEED)), read_document(str(REDRAFT))),
        # The symbol line of the redraft is new and shares no word with the old one:
        # an inserted title-block line right before a deleted one.
        "title-block": (
            read_document(str(SEED)),
            parse_text(redraft.replace("organ: General Assembly\n", "organ: General Assembly\nsymbol: A/RES/72/284\n"), path="redraft.md"),
        ),
        "footnote-reworded": (
            parse_text(
                "The General Assembly,\n\n*Noting* the report,\n\n1. *Takes note* of the report on resolution 78/7;[^1]\n\n"
                "2. *Decides* to act.\n\n[^1]: A/79/80.\n",
                path="old.md",
            ),
            parse_text(
                "The General Assembly,\n\n*Noting* the report,\n\n1. *Takes note* of the report on resolution 79/7;[^1]\n\n"
                "2. *Decides* to act.\n\n[^1]: Official Records of the General Assembly, Eightieth Session, Supplement No. 3 (A/80/3).\n",
                path="new.md",
            ),
        ),
        "paragraph-replaced": (
            parse_text(
                HEAD + "1. *Decides* to act;\n\n2. *Also decides* to report on the matter of gardens and rivers;[^2]\n\n"
                "3. *Requests* a report.\n\n[^1]: A/60/1.\n[^2]: A/70/2.\n",
                path="old.md",
            ),
            parse_text(
                HEAD + "1. *Decides* to act;\n\n2. *Welcomes* the bright yellow submarine strongly;[^2]\n\n"
                "3. *Requests* a report.\n\n[^1]: A/60/1.\n[^2]: A/71/9.\n",
                path="new.md",
            ),
        ),
        # The paragraph with the first footnote reference changed (its margin comment and the
        # notes after it), and paragraphs with footnotes deleted whole.
        "first-footnote-paragraph-changed": (
            parse_text(HEAD + "1. *Decides* to act;[^2]\n\n2. *Requests* a report.[^3]\n\n[^1]: A/60/1.\n[^2]: A/70/2.\n[^3]: A/70/3.\n", path="old.md"),
            parse_text(
                HEAD.replace("60/288,", "60/288 of 8 September 2006,")
                + "1. *Decides* to act;[^2]\n\n2. *Requests* a report.[^3]\n\n[^1]: A/60/1.\n[^2]: A/70/2.\n[^3]: A/70/3.\n",
                path="new.md",
            ),
        ),
        "footnoted-paragraphs-deleted": (
            parse_text(
                "The General Assembly,\n\n*Noting* the report,\n\n*Recalling* its resolution 60/288,[^1]\n\n"
                "*Reaffirming* its resolution 70/291,[^2]\n\n1. *Decides* to act.\n\n[^1]: A/60/1.\n[^2]: A/70/2.\n",
                path="old.md",
            ),
            parse_text("The General Assembly,\n\n*Noting* the report,\n\n1. *Decides* to act.\n", path="new.md"),
        ),
        "last-paragraphs-deleted": (
            parse_text(HEAD + "1. *Decides* to act;\n\n2. *Requests* a report;\n\n3. *Decides* to remain seized.\n\n[^1]: A/60/1.\n", path="old.md"),
            parse_text(HEAD + "1. *Decides* to act.\n\n[^1]: A/60/1.\n", path="new.md"),
        ),
    }
    return pairs


@pytest.fixture(scope="module")
def lo_results(tmp_path_factory):
    """LibreOffice's accept-all and reject-all of every pair's redline, in one start of soffice."""
    if libreoffice.missing():
        pytest.skip(libreoffice.missing())
    folder = tmp_path_factory.mktemp("lo")
    pairs = _pairs()
    corpus = SHARED / "corpus" / "unga-78-80"
    if (corpus / "A_RES_79_7.pdf").exists() and (corpus / "A_RES_80_4.pdf").exists():
        pairs["A/RES/79/7 -> A/RES/80/4"] = (read_document(str(corpus / "A_RES_79_7.pdf")), read_document(str(corpus / "A_RES_80_4.pdf")))
    files = {}
    for k, (name, (old, new)) in enumerate(pairs.items()):
        path = folder / f"pair{k}.docx"
        path.write_bytes(render(compare(old, new)))
        files[name] = path
    resolved = libreoffice.resolved(list(files.values()))
    return {name: (pairs[name], resolved[path]) for name, path in files.items()}


PAIR_NAMES = list(_pairs())


@needs_uno
@pytest.mark.parametrize("name", PAIR_NAMES)
def test_libreoffice_accept_all_gives_new_and_reject_all_gives_old(lo_results, name):
    (old, new), got = lo_results[name]
    assert got["accept"] == expected_lines(new)
    assert got["reject"] == expected_lines(old)


@needs_uno
def test_libreoffice_resolves_the_real_pair(lo_results):
    shared_path("corpus", "unga-78-80", "A_RES_80_4.pdf")
    (old, new), got = lo_results["A/RES/79/7 -> A/RES/80/4"]
    assert got["accept"] == expected_lines(new)
    assert got["reject"] == expected_lines(old)
    assert got["accept"][1] != got["reject"][1]  # the note was reworded: each side has its own text


@pytest.mark.parametrize("name", PAIR_NAMES)
def test_word_model_python_docx_and_untk_read_each_version_back(tmp_path, name):
    import docx

    old, new = _pairs()[name]
    data = check_redline(old, new, tmp_path)  # Word's model of the XML, untk's reader both ways
    opened = docx.Document(io.BytesIO(data))
    assert len(opened.paragraphs) >= len(expected_lines(new)[0])


def test_runs_are_merged():
    """Neighbouring words of one formatting and one change share a run; notes keep their own."""
    from lxml import etree

    old, new = _pairs()["sample"]
    data = render(compare(old, new))
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs, runs = list(root.iter(f"{w}p")), list(root.iter(f"{w}r"))
    words = sum(len((t.text or "").split()) for t in root.iter(f"{w}t", f"{w}delText"))
    assert len(runs) < 8 * len(paragraphs) < words

    def props(r) -> bytes:
        rpr = r.find(f"{w}rPr")
        return b"" if rpr is None else etree.tostring(rpr)

    def plain(r) -> bool:  # words, tabs and breaks only
        return all(c.tag in (f"{w}rPr", f"{w}t", f"{w}delText", f"{w}tab", f"{w}br") for c in r)

    for r in runs:
        if r.find(f"{w}footnoteReference") is not None:
            assert [c.tag for c in r if c.tag != f"{w}rPr"] == [f"{w}footnoteReference"]
    for parent in root.iter(f"{w}p", f"{w}ins", f"{w}del", f"{w}moveFrom", f"{w}moveTo"):
        children = list(parent)
        for a, b in zip(children, children[1:]):
            if a.tag == b.tag == f"{w}r" and plain(a) and plain(b):
                assert props(a) != props(b)


# ------------------------------------------------------------------ generated edits, through LibreOffice


@st.composite
def edited_pairs(draw):
    """A resolution and an edit of it: preambular paragraphs dropped and added, words
    added to an operative paragraph, a footnote reworded, another meeting."""
    old = draw(specs())
    preamble = list(old.preamble)
    droppable = [i for i, el in enumerate(preamble) if not el.markers]
    for i in sorted(draw(st.sets(st.sampled_from(droppable), max_size=2)) if droppable else (), reverse=True):
        del preamble[i]
    if draw(st.booleans()):
        text = draw(sentence())
        preamble.insert(draw(st.integers(0, len(preamble))), Element(None, "Welcoming " + text + ","))
    operative = list(old.operative)
    k = draw(st.integers(0, len(operative) - 1))
    operative[k] = dataclasses.replace(operative[k], text=operative[k].text + " " + draw(sentence(1, 4)))
    notes = list(old.notes)
    if notes:
        notes[draw(st.integers(0, len(notes) - 1))] = draw(st.sampled_from(NOTE_TEXTS))
    new = dataclasses.replace(old, preamble=tuple(preamble), operative=tuple(operative), notes=tuple(notes), meeting=old.meeting + 1)
    return draft(old), draft(new)


@needs_uno
@settings(max_examples=3, derandomize=True, database=None)
@given(edited_pairs())
def test_libreoffice_resolves_generated_edits(pair):
    old, new = parse_text(pair[0], path="old.md"), parse_text(pair[1], path="new.md")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "redline.docx"
        path.write_bytes(render(compare(old, new)))
        got = libreoffice.resolved([path])[path]
    assert got["accept"] == expected_lines(new)
    assert got["reject"] == expected_lines(old)


# ------------------------------------------------------------------ the placing of marks, as a law

WORDS = ("a", "b", "c", "d")


def _token(item) -> Token:
    if isinstance(item, int):
        return Token("note", "", f"n:{item}", note=item)
    return Token("text", item, "t:" + item)


@st.composite
def token_lines(draw):
    lines = draw(st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.integers(1, 3)), max_size=4), min_size=1, max_size=5))
    return [[_token(t) for t in line] + [Token("para", "", "p", style="pp")] for line in lines]


def _text(line) -> str:
    return "".join(f"[{t.key}]" if t.kind == "note" else t.text for t in line if t.kind != "para")


def _resolved(paragraphs: list[OutParagraph], mode: str) -> list[str]:
    """Word's model: a paragraph whose mark is gone joins the next."""
    visible = {"=", "+", "mt"} if mode == "accept" else {"=", "-", "mf"}
    out, carry = [], ""
    for p in paragraphs:
        carry += "".join(f"[{t.key}]" if t.kind == "note" else t.text for sign, t in p.runs if sign in visible)
        if p.mark in visible:
            out.append(carry)
            carry = ""
    if carry:
        out.append(carry)
    return out


@settings(max_examples=300)
@given(token_lines(), token_lines(), st.booleans())
def test_settled_marks_keep_both_versions(old, new, blocks):
    paragraphs = (diff_blocks if blocks else diff_lines)(old, new)
    settled = settle_marks(paragraphs)
    assert _resolved(settled, "accept") == [_text(line) for line in new]
    assert _resolved(settled, "reject") == [_text(line) for line in old]
    if settled:
        assert settled[-1].mark == "="


@settings(max_examples=300)
@given(token_lines(), token_lines())
def test_no_kept_mark_between_two_insertions(old, new):
    settled = settle_marks(diff_lines(old, new))
    first_note = next((p for p in settled if any(t.kind == "note" for _, t in p.runs)), None)
    for p, q in zip(settled, settled[1:]):
        if p.mark == "=" and p.runs and q.runs and p is not first_note:
            assert not (p.runs[-1][0] == "+" and q.runs[0][0] == "+")


def test_a_deleted_last_paragraph_leaves_the_last_mark_kept():
    a = [[_token("a"), Token("para", "", "p", style="pp")], [_token("b"), Token("para", "", "p", style="op")]]
    settled = settle_marks(diff_lines(a, a[:1]))
    assert [p.mark for p in settled] == ["-", "="]
    assert _resolved(settled, "accept") == ["a"] and _resolved(settled, "reject") == ["a", "b"]


def test_the_paragraph_with_the_first_note_keeps_its_mark():
    line = lambda *items: [_token(i) for i in items] + [Token("para", "", "p", style="pp")]  # noqa: E731
    old = [line("a"), line("b", 1), line("c")]
    settled = settle_marks(diff_lines(old, [line("a"), line("c")]))
    with_note = [p for p in settled if any(t.kind == "note" for _, t in p.runs)]
    assert [p.mark for p in with_note] == ["="]
    assert _resolved(settled, "accept") == ["a", "c"] and _resolved(settled, "reject") == ["a", "b[n:1]", "c"]
