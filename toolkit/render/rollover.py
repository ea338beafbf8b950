"""A rollover as text, Markdown or JSON (``toolkit/schemas/rollover.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from toolkit import __version__
from toolkit.rollover import NOTE_REASONS, REASONS, Rollover
from toolkit.render.safe import visible_name

SCHEMA_VERSION = 1


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _heading(r: Rollover) -> str:
    symbol = r.previous.metadata.symbol or r.previous.source.path
    return f"{symbol} (session {r.previous_session}) rolled over to session {r.session}"


def text(r: Rollover) -> str:
    """The edits, one a line (``element: before -> after  (reason)``), then the notes."""
    out = [visible_name(_heading(r))]
    out.append(f"predecessor: {r.predecessor or 'none found'}")
    out.append("")
    out.append(f"{len(r.edits)} edits")
    for e in r.edits:
        out.append(visible_name(f"  {e.element:<24} {_short(e.before, 70) or '(none)'} -> {_short(e.after, 70) or '(none)'}  ({e.reason}: {REASONS[e.reason]})"))
    out.append("")
    out.append(f"{len(r.notes)} to review (not changed)")
    for n in r.notes:
        out.append(visible_name(f"  {n.element:<24} {_short(n.text, 70)}  ({n.reason}: {NOTE_REASONS[n.reason]})"))
    return "\n".join(out) + "\n"


def _cell(value: str) -> str:
    return _short(value, 200).replace("|", "\\|").replace("`", "'") or "—"


def markdown(r: Rollover) -> str:
    """The edits and notes as two Markdown tables, for a pull request."""
    out = [f"### {_cell(_heading(r))}", "", f"Predecessor: {r.predecessor or 'none found'}.", ""]
    out += ["| element | before | after | reason |", "| --- | --- | --- | --- |"]
    out += [f"| {e.element} | {_cell(e.before)} | {_cell(e.after)} | {e.reason} |" for e in r.edits]
    out += ["", f"**To review** ({len(r.notes)}, not changed):", ""]
    if r.notes:
        out += ["| element | text | reason |", "| --- | --- | --- |"]
        out += [f"| {n.element} | {_cell(n.text)} | {NOTE_REASONS[n.reason]} |" for n in r.notes]
    else:
        out.append("nothing.")
    return "\n".join(out) + "\n"


def to_dict(r: Rollover) -> dict[str, Any]:
    m = r.draft.metadata
    return {
        "schema_version": SCHEMA_VERSION,
        "untk_version": __version__,
        "previous": {
            "path": r.previous.source.path,
            "symbol": r.previous.metadata.symbol,
            "session": r.previous_session,
            "adoption_date": r.previous.metadata.adoption_date.isoformat() if r.previous.metadata.adoption_date else None,
        },
        "session": r.session,
        "adoption_date": m.adoption_date.isoformat() if m.adoption_date else None,
        "predecessor": r.predecessor,
        "edits": [
            {
                "element": e.element,
                "start": e.start,
                "end": e.end,
                "before": e.before,
                "after": e.after,
                "reason": e.reason,
                "explanation": REASONS[e.reason],
            }
            for e in r.edits
        ],
        "notes": [
            {"element": n.element, "start": n.start, "text": n.text, "reason": n.reason, "explanation": NOTE_REASONS[n.reason]}
            for n in r.notes
        ],
        "summary": {
            "edits": len(r.edits),
            "notes": len(r.notes),
            "by_reason": {reason: sum(1 for e in r.edits if e.reason == reason) for reason in REASONS},
        },
    }


def json_text(r: Rollover) -> str:
    return json.dumps(to_dict(r), ensure_ascii=False, indent=2) + "\n"


def draft(r: Rollover) -> str:
    """The drafted text in the Markdown draft form (``untk show --format draft``)."""
    from toolkit.render.draft import render

    return render(r.draft)


AUTHOR = "untk rollover"


def docx(r: Rollover) -> bytes:
    """The draft as tracked changes against the previous text, in Word, each passage to
    review a margin comment on its paragraph."""
    from toolkit.comparison import compare
    from toolkit.render.diff_docx import render

    return _review_comments(render(compare(r.previous, r.draft), authors=lambda pair: AUTHOR), r)


def _review_comments(data: bytes, r: Rollover) -> bytes:
    """``data`` with a comment on each body paragraph that has notes (a note's paragraph is
    found by its text as the draft has it: the redline with its changes accepted)."""
    import io

    import docx as python_docx
    from lxml import etree

    from toolkit.render.diff_docx import _xml_text, w

    grouped: dict[str, list[str]] = {}
    for n in r.notes:
        if n.element.startswith(("PP", "OP")):
            grouped.setdefault(n.element, []).append(f"{n.text} ({NOTE_REASONS[n.reason]})")
    if not grouped:
        return data
    document = python_docx.Document(io.BytesIO(data))
    body = [(p, " ".join("".join(t.text or "" for t in p.iter(w("t"))).split())) for p in document.element.body.iter(w("p"))]
    for element_id, texts in grouped.items():
        element = r.draft.find(element_id)
        key = " ".join((element.text if element is not None else "").split())[:80]
        target = next((p for p, text in body if key and key in text), None)
        if target is None:
            continue
        comment = document.comments.add_comment(text=_xml_text("To review: " + "; ".join(texts)), author=AUTHOR, initials="u")
        cid = str(comment.comment_id)
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), cid)
        ppr = target.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            target.insert(0, start)
        etree.SubElement(target, w("commentRangeEnd")).set(w("id"), cid)
        ref = etree.SubElement(target, w("r"))
        etree.SubElement(etree.SubElement(ref, w("rPr")), w("rStyle")).set(w("val"), "CommentReference")
        etree.SubElement(ref, w("commentReference")).set(w("id"), cid)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


#: Rollover formatters for ``untk rollover``: name -> function.
FORMATS = {"docx": docx, "text": text, "markdown": markdown, "json": json_text, "draft": draft}
