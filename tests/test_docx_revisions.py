"""The .docx reader's readings of tracked changes by author, and its revision facts, on generated drafts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audit_files import Draft, Line, package
from toolkit.readers import read_document
from toolkit.readers.docx_revisions import parse_revisions, read_revisions

AUTHORS = ("Mexico", "Chile", "Ghana")
DATE = "2025-10-01T09:00:00Z"
WORDS = st.sampled_from(["States", "cooperation", "regional", "Treaty", "support", "implementation", "full", "urgent"])
EDIT = st.tuples(st.sampled_from(["keep", "delete", "insert", "replace"]), st.sampled_from(AUTHORS), WORDS)


def _draft(words: list[str], edits: list[tuple[str, str, str]]) -> tuple[Draft, list[tuple[str, str, str | None, str | None]]]:
    """The operative paragraph "Decides WORDS… accordingly;" with each word's edit marked up, and for each word
    (author, kind, old word or None, new word or None)."""
    parts, plan = ["Decides"], []
    for word, (op, author, other) in zip(words, edits):
        if op == "keep":
            parts.append(word)
            plan.append(("", op, word, word))
        elif op == "delete":
            parts.append(f"[[del|{author}|{DATE}|{word}]]")
            plan.append((author, op, word, None))
        elif op == "insert":
            parts.append(f"[[ins|{author}|{DATE}|{other}]] {word}")
            plan.append((author, op, None, other))
            plan.append(("", "keep", word, word))
        else:
            parts.append(f"[[del|{author}|{DATE}|{word}]][[ins|{author}|{DATE}|{other}]]")
            plan.append((author, op, word, other))
    lines = [Line("The General Assembly,"), Line("Recalling its resolution 70/1,"), Line(" ".join(parts) + " accordingly;", numbered=True)]
    return Draft(lines, {}), plan


def _expected(plan, accepted: set[str]) -> str:
    words = ["Decides"]
    for author, op, old, new in plan:
        if op == "keep":
            words.append(old)
        elif op == "delete":
            words += [] if author in accepted else [old]
        elif op == "insert":
            words += [new] if author in accepted else []
        else:
            words.append(new if author in accepted else old)
    return " ".join(words) + " accordingly;"


@settings(max_examples=40)
@given(st.lists(WORDS, min_size=1, max_size=6), st.lists(EDIT, min_size=6, max_size=6), st.sets(st.sampled_from(AUTHORS)))
def test_each_reading_applies_exactly_the_chosen_authors_changes(words, edits, chosen):
    draft, plan = _draft(words, edits)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "draft.docx")
        Path(path).write_bytes(package(draft))
        readings = {"accept": set(AUTHORS), "reject": set()}
        if chosen:
            readings["author=" + ",".join(sorted(chosen))] = chosen
        for revisions, accepted in readings.items():
            text = read_document(path, revisions=revisions).operative[0].text
            assert " ".join(text.split()) == _expected(plan, accepted), revisions
        _, facts = read_revisions(path)
    wanted = [(a, "deletion") for a, op, _, _ in plan if op in ("delete", "replace")]
    wanted += [(a, "insertion") for a, op, _, _ in plan if op in ("insert", "replace")]
    assert sorted((c.author, c.kind) for c in facts.changes) == sorted(wanted)
    assert {c.paragraph for c in facts.changes} <= {"OP1"} and {c.rejected_paragraph for c in facts.changes} <= {"OP1"}


@given(st.lists(st.text(st.characters(blacklist_characters=",=", blacklist_categories=("Cs",)), min_size=1).filter(str.strip), min_size=1, max_size=4))
def test_author_lists_read_back(names):
    choice = parse_revisions("author=" + ",".join(names))
    assert choice.authors == tuple(n.strip() for n in names)
    assert all(choice.accepts(n) for n in names)


def _cell_draft(tmp_path, fill: str) -> str:
    body = (
        '<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Decides to act;</w:t></w:r></w:p>'
        f'<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="{fill}"/></w:tcPr>'
        '<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Heading in a dark cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )
    data = package(Draft([Line("The General Assembly,")], {}))
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = content.decode()
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr/>")
                content = (text[:start] + body + text[end:]).encode()
            z.writestr(info, content)
    path = tmp_path / f"cell-{fill}.docx"
    path.write_bytes(out.getvalue())
    return str(path)


def test_white_text_on_a_dark_cell_is_read_on_the_page(tmp_path):
    _, facts = read_revisions(_cell_draft(tmp_path, "1F3864"))
    assert not facts.hidden
    _, facts = read_revisions(_cell_draft(tmp_path, "FFFFFF"))
    assert [h.kind for h in facts.hidden] == ["white-text"]


def test_many_comment_ranges_never_closed_are_bounded(tmp_path):
    opened = "".join(f'<w:commentRangeStart w:id="{k}"/>' for k in range(3000))
    runs = "".join(f"[[xml|<w:r><w:t>word{k} </w:t></w:r>]]" for k in range(5000))
    draft = Draft([Line("The General Assembly,"), Line(f"[[xml|{opened}]]Decides {runs};", numbered=True)], {},
                  [(str(k), "A", DATE, "note") for k in range(3000)])
    path = tmp_path / "ranges.docx"
    path.write_bytes(package(draft))
    _, facts = read_revisions(str(path))
    assert len(facts.comments) == 3000
    anchors = [c.anchor for c in facts.comments if c.anchor]
    assert len(anchors) <= 64 and max(map(len, anchors)) < 20_000  # 5,000 runs of about 9 characters are not all kept


def test_a_table_row_inserted_with_tracking(tmp_path):
    row = '<w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>'
    inserted = row.replace("<w:tr>", f'<w:tr><w:trPr><w:ins w:id="9" w:author="Chile" w:date="{DATE}"/></w:trPr>', 1)
    table = "<w:tbl>" + row.format("Andorra", "0.005") + inserted.format("Angola", "0.010") + "</w:tbl>"
    draft = Draft([Line("The General Assembly,"), Line("Adopts the following scale:", numbered=True), Line(f"[[xml|</w:p>{table}<w:p>]]")], {})
    path = tmp_path / "rows.docx"
    path.write_bytes(package(draft))
    # Where the cells' text lands in the model does not matter here: the whole model's text is searched.
    accepted, rejected = (repr(read_document(str(path), revisions=mode)) for mode in ("accept", "reject"))
    assert "Angola" in accepted and "Andorra" in accepted
    assert "Angola" not in rejected and "Andorra" in rejected
    _, facts = read_revisions(str(path))
    assert [(c.kind, c.author, c.text) for c in facts.changes] == [("insertion", "Chile", "Angola 0.010")]


_REVISION_TOKENS = [
    b'<w:commentRangeStart w:id="7"/>', b'<w:commentRangeEnd w:id="7"/>', b'<w:commentRangeEnd w:id="99999999999"/>',
    b'<w:moveFrom w:id="3" w:author="\x1b[2J"><w:r><w:t>moved</w:t></w:r></w:moveFrom>', b'<w:moveTo w:id="3">',
    b'<w:rPrChange w:id="4"><w:rPr/></w:rPrChange>', b'<w:pPrChange w:id="4" w:author="A"/>', b'<w:color w:val="FFFFFF"/>',
    b'<w:color w:val="zzzzzz"/>', b'<w:shd w:fill="FFFFF"/>', b'<w:highlight w:val="\xff"/>', b"<w:strike/>",
    b'<w:trPr><w:del w:author="B"/></w:trPr>', b'<w:ins w:author="A" w:date="\x00">', b"</w:ins>", b"</w:del>",
    b"<w:p>", b"</w:p>", b"<w:r>", b"</w:r>", b'<w:footnoteReference w:id="1"/>' * 20, b"<w:vanish/>", b"&#x1b;", b"\xff",
    b'<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill="000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
]


@settings(max_examples=40)
@given(st.data())
def test_audit_of_a_damaged_draft_is_a_result_or_one_line(data):
    """A draft's XML cut and spliced with markup of changes and comments: a result, or a one-line error (exit 2)."""
    from click.testing import CliRunner

    from toolkit.cli import main

    lines = [Line("The General Assembly,"), Line("Recalling its resolution 70/1,"),
             Line(f"[[comment|7|Decides]] to [[del|Chile|{DATE}|act]][[ins|Ghana|{DATE}|[[note|1]]move]] [[white|now]];", numbered=True)]
    draft = Draft(lines, {1: "A/80/1."}, [("7", "Peru", DATE, "Why?")])
    clean = package(draft)
    part = data.draw(st.sampled_from(["word/document.xml", "word/comments.xml", "word/footnotes.xml"]))
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(clean)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts[part]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(xml)))
        cut = data.draw(st.sampled_from((0, 1, 7, 40)))
        xml = xml[:at] + data.draw(st.sampled_from(_REVISION_TOKENS)) + xml[at + cut :]
    parts[part] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in parts.items():
            z.writestr(name, body)
    with tempfile.TemporaryDirectory() as folder:
        path, base = Path(folder) / "draft.docx", Path(folder) / "base.docx"
        path.write_bytes(out.getvalue())
        base.write_bytes(clean)
        for fmt in ("text", "json"):
            result = CliRunner().invoke(main, ["audit", str(path), "--base", str(base), "--format", fmt], catch_exceptions=False)
            assert result.exit_code in (0, 1, 2), result.output
            assert "internal error" not in result.output and "Traceback" not in result.output, result.output
            if result.exit_code == 2:
                assert result.output.count("\n") == 1 and result.output.startswith("untk: error: "), result.output
