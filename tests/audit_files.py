"""Word drafts for the audit's tests, written as raw WordprocessingML from an official text.

An official text (a Document) is laid out as one Word paragraph per line — title block,
organ line, paragraphs with typed labels, footer — each paragraph's text in one run, its
footnote references as real ``w:footnoteReference`` runs and its footnotes in
``footnotes.xml``. A test then marks up the lines it changes, in a small notation:

``[[ins|AUTHOR|DATE|text]]``, ``[[del|…]]``, ``[[moveFrom|…]]``, ``[[moveTo|…]]``
    a tracked insertion, deletion or move;
``[[fmt|AUTHOR|DATE|text]]``
    text made bold as a tracked formatting change;
``[[white|text]]``, ``[[vanish|text]]``, ``[[strike|text]]``, ``[[highlight|text]]``
    formatting without any revision;
``[[comment|ID|text]]``
    text a comment is anchored to (the comment itself is given to :func:`package`);
``[[note|N]]``
    a reference to footnote N;
``[[xml|…]]``
    WordprocessingML written as it is (changes nested in changes).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html import escape

from toolkit.model import Document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
#: One level of nesting: a footnote reference inside a tracked change.
_MARKUP = re.compile(r"\[\[((?:[^\[\]]|\[\[[^\[\]]*\]\])*)\]\]", re.S)
_SPLITS = {"ins": 3, "del": 3, "moveFrom": 3, "moveTo": 3, "fmt": 3, "comment": 2, "xml": 1}


@dataclass
class Line:
    """One Word paragraph: its marked-up text, and whether its paragraph mark is a tracked insertion."""

    text: str
    mark: tuple[str, str, str] | None = None  # ("ins" or "del", author, date) for the paragraph mark
    numbered: bool = False  # numbered by Word ("1.", "2.", … as operative paragraphs are), not typed


@dataclass
class Draft:
    lines: list[Line]
    notes: dict[int, str]
    comments: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, author, date, text

    def find(self, start: str) -> int:
        """The index of the first line whose text starts with ``start``."""
        return next(k for k, line in enumerate(self.lines) if line.text.startswith(start))


def with_notes(text: str, markers) -> str:
    """``text`` with ``[[note|N]]`` where each footnote marker stands."""
    out, pos = [], 0
    for m in sorted(markers, key=lambda m: m.offset):
        out += [text[pos : m.offset], f"[[note|{m.number}]]"]
        pos = m.offset
    return "".join(out) + text[pos:]


def from_document(doc: Document) -> Draft:
    """The official text as a Word draft without any change."""
    from toolkit.render.diff_docx import footer_lines, header_lines

    lines = [Line(text) for text, _ in header_lines(doc.metadata)]
    if doc.organ_line:
        lines.append(Line(doc.organ_line))
    for para in doc.paragraphs:
        lines.append(Line(with_notes(para.text, para.markers), numbered=para.number is not None))
        for sub in _subs(para):
            lines.append(Line(f"{sub.label} " + with_notes(sub.text, sub.markers)))
    lines += [Line(text) for text, _ in footer_lines(doc)]
    return Draft(lines, {n.number: n.text for n in doc.footnotes})


def _subs(element):
    for sub in element.subparagraphs:
        yield sub
        yield from _subs(sub)


class _Ids:
    def __init__(self) -> None:
        self.n = 100

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _t(text: str, tag: str = "t") -> str:
    return f'<w:{tag} xml:space="preserve">{escape(text, quote=False)}</w:{tag}>'


def _run(text: str, rpr: str = "", tag: str = "t") -> str:
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{_t(text, tag)}</w:r>"


def _runs(text: str, ids: _Ids, notes: dict[int, int]) -> str:
    """The runs of one line's marked-up text."""
    out = []
    pos = 0
    for m in _MARKUP.finditer(text):
        if m.start() > pos:
            out.append(_run(text[pos : m.start()]))
        pos = m.end()
        kind = m[1].split("|", 1)[0]
        _, *rest = m[1].split("|", _SPLITS.get(kind, 1))
        if kind in ("ins", "del", "moveFrom", "moveTo"):
            author, date, words = rest
            tag = "delText" if kind in ("del", "moveFrom") else "t"
            inner = _runs(words, ids, notes)  # its footnote references included
            if tag == "delText":
                inner = inner.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
            out.append(f'<w:{kind} w:id="{ids()}" w:author="{author}" w:date="{date}">{inner}</w:{kind}>')
        elif kind == "fmt":
            author, date, words = rest
            change = f'<w:rPrChange w:id="{ids()}" w:author="{author}" w:date="{date}"><w:rPr/></w:rPrChange>'
            out.append(_run(words, "<w:b/>" + change))
        elif kind == "white":
            out.append(_run(rest[0], '<w:color w:val="FFFFFF"/>'))
        elif kind == "vanish":
            out.append(_run(rest[0], "<w:vanish/>"))
        elif kind == "strike":
            out.append(_run(rest[0], "<w:strike/>"))
        elif kind == "highlight":
            out.append(_run(rest[0], '<w:highlight w:val="yellow"/>'))
        elif kind == "comment":
            cid, words = rest
            out.append(f'<w:commentRangeStart w:id="{cid}"/>{_run(words)}<w:commentRangeEnd w:id="{cid}"/>'
                       f'<w:r><w:commentReference w:id="{cid}"/></w:r>')
        elif kind == "xml":
            out.append(m[1][4:])
        elif kind == "note":
            number = int(rest[0])
            notes.setdefault(number, len(notes) + 1)
            out.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{notes[number]}"/></w:r>')
        else:
            raise ValueError(kind)
    if pos < len(text):
        out.append(_run(text[pos:]))
    return "".join(out)


def package(draft: Draft) -> bytes:
    """The draft as the bytes of a .docx."""
    ids = _Ids()
    note_ids: dict[int, int] = {}
    body = []
    for line in draft.lines:
        ppr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if line.numbered else ""
        if line.mark:
            kind, author, date = line.mark
            ppr += f'<w:rPr><w:{kind} w:id="{ids()}" w:author="{author}" w:date="{date}"/></w:rPr>'
        ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
        body.append(f"<w:p>{ppr}{_runs(line.text, ids, note_ids)}</w:p>")
    document = f"{_HEAD}<w:document {W}><w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
    notes = "".join(
        f'<w:footnote w:id="{note_ids[number]}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f"{_runs(' ' + draft.notes[number], ids, {})}</w:p></w:footnote>"
        for number in sorted(note_ids, key=note_ids.get)
    )
    footnotes = (
        f"{_HEAD}<w:footnotes {W}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    )
    comments = f"{_HEAD}<w:comments {W}>" + "".join(
        f'<w:comment w:id="{cid}" w:author="{author}" w:date="{date}"><w:p>{_run(text)}</w:p></w:comment>'
        for cid, author, date, text in draft.comments
    ) + "</w:comments>"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{ct}.document.main+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{ct}.footnotes+xml"/>'
            f'<Override PartName="/word/comments.xml" ContentType="{ct}.comments+xml"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{ct}.numbering+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'{_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            f'{_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/comments" Target="comments.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/numbering" Target="numbering.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", document)
        z.writestr("word/footnotes.xml", footnotes)
        z.writestr("word/comments.xml", comments)
        z.writestr(
            "word/numbering.xml",
            f'{_HEAD}<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>',
        )
    return out.getvalue()
