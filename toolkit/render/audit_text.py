"""An audit for the terminal: untracked changes first, then who proposed what."""

from __future__ import annotations

from typing import Any

from toolkit.audit import Audit, Edit
from toolkit.render.safe import visible, visible_name

_CHANGE_NAMES = {
    "insertion": "inserted",
    "deletion": "deleted",
    "move-from": "moved from here",
    "move-to": "moved here",
    "paragraph-insertion": "paragraph mark inserted",
    "paragraph-deletion": "paragraph mark deleted",
    "formatting": "formatting changed",
    "paragraph-formatting": "paragraph formatting changed",
}


def render(result: Audit, **_: Any) -> str:
    out: list[str] = []
    add = out.append
    facts = result.facts
    add(visible_name(f"untk audit: {result.draft.source.path} against {result.base.source.path}"))
    add("")
    textual = result.base.source.format in ("text", "draft", "ods")
    if result.untracked:
        add(f"Untracked changes ({len(result.untracked)}): with every tracked change rejected the draft differs from the official text")
        for u in result.untracked:
            where = u.paragraph
            if u.accepted and tuple(u.accepted) != tuple(u.draft):
                where += f" (now {'+'.join(u.accepted)})"
            if u.section == "fields":
                add(f"  {where}")
            else:
                base = "+".join(u.base) or "-"
                # A line means something in a text file; in a PDF or a .docx it is a line of untk's own reading.
                line = f", line {u.base_line} of the official text" if u.base_line and textual else ""
                kind = f"  [{u.kind}]" if u.kind else ""
                add(f"  {where}  {u.op}{kind}  (official: {base}{line})")
            for e in u.edits:
                add("      " + _edit(e))
    else:
        add("No untracked change: with every tracked change rejected the draft reads as the official text.")
    add("")
    if facts.hidden:
        add(f"Changes hidden by formatting ({len(facts.hidden)}):")
        for h in facts.hidden:
            add(f"  {_place(h.paragraph, h.line)}  {h.kind} ({h.detail}): {_quote(h.text)}")
        add("")
    if result.authors:
        add("Tracked changes by author:")
        header = ("author", "insertions", "deletions", "moves", "formatting", "comments", "first", "last")
        rows = [
            (a.author or "(no name)", str(a.insertions), str(a.deletions), str(a.moves), str(a.formatting), str(a.comments),
             a.first or "-", a.last or "-")
            for a in result.authors
        ]
        rows = [tuple(visible_name(c) for c in row) for row in rows]
        widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
        for row in [header, *rows]:
            add("  " + "  ".join(c.ljust(widths[k]) if k in (0, 6, 7) else c.rjust(widths[k]) for k, c in enumerate(row)).rstrip())
        add("")
    if facts.changes:
        add(f"Tracked changes ({len(facts.changes)}):")
        for c in facts.changes:
            text = f": {_quote(c.text)}" if c.text else ""
            was = f" (was {c.rejected_paragraph})" if c.rejected_paragraph and c.rejected_paragraph != c.paragraph else ""
            add(visible(f"  {_place(c.paragraph, c.line)}{was}  {_CHANGE_NAMES.get(c.kind, c.kind)} by {c.author or '(no name)'}, {c.date or 'undated'}") + text)
        add("")
    if facts.comments:
        add(f"Comments ({len(facts.comments)}):")
        for c in facts.comments:
            anchor = f" on {_quote(c.anchor)}" if c.anchor else ""
            add(visible(f"  {_place(c.paragraph, c.line)}  {c.author or '(no name)'}, {c.date or 'undated'}") + f": {_quote(c.text)}{anchor}")
        add("")
    findings = result.report.findings
    if findings:
        add(f"Check findings of the text with every change accepted ({len(findings)}):")
        for f in findings:
            add(visible(f"  {f.paragraph or '-'}  {f.severity}  {f.rule}: {f.message}"))
        add("")
    verdict = "complies" if result.clean else "does not comply"
    add(
        f"{len(result.untracked)} untracked, {len(facts.hidden)} hidden by formatting, {len(facts.changes)} tracked "
        f"{'change' if len(facts.changes) == 1 else 'changes'} by {len(result.authors)} "
        f"{'author' if len(result.authors) == 1 else 'authors'}, {len(facts.comments)} "
        f"{'comment' if len(facts.comments) == 1 else 'comments'}, {result.failing_findings} "
        f"{'finding' if result.failing_findings == 1 else 'findings'} at {result.fail_on} level or above: the draft {verdict}"
    )
    return "\n".join(out) + "\n"


def _edit(e: Edit) -> str:
    before = f"after {_quote('… ' + e.before)}: " if e.before else ""
    if e.old and e.new:
        return before + f"{_quote(e.old)} -> {_quote(e.new)}"
    if e.old:
        return before + f"deleted {_quote(e.old)}"
    return before + f"inserted {_quote(e.new)}"


def _quote(text: str, limit: int = 160) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return visible(f"\u201c{text}\u201d")


def _place(paragraph: str | None, line: int | None) -> str:
    return paragraph or (f"line {line}" if line else "-")
