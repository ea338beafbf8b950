"""An audit as one self-contained HTML page: untracked changes, hiding formatting, who proposed what.

The page needs no network and runs no script: its stylesheet is inline and allowed by its
hash in a Content-Security-Policy that allows nothing else. Every piece of document text
is escaped, and control characters are shown as symbols.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Any, Iterable

from toolkit import __version__
from toolkit.audit import Audit, Edit
from toolkit.render.safe import visible

_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: #fff; }
h1 { font-size: 1.3rem; color: #0a3d66; } h2 { font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
td { font-variant-numeric: tabular-nums; }
.verdict { padding: .5rem .75rem; border-radius: 4px; font-weight: 600; }
.ok { background: #dafbe1; color: #116329; } .bad { background: #ffebe9; color: #a40e26; }
del { color: #a40e26; background: #ffebe9; } ins { color: #116329; background: #dafbe1; text-decoration: underline; }
.id { font-family: ui-monospace, monospace; white-space: nowrap; } .muted { color: #57606a; }
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


_CSP = f"default-src 'none'; style-src {_csp_hash(_CSS)}; img-src 'none'; base-uri 'none'; form-action 'none'"


def _e(text: object) -> str:
    return escape(visible(str(text)))


def render(result: Audit, **_: Any) -> str:
    facts = result.facts
    title = f"untk audit: {result.draft.source.path}"
    verdict = "The draft complies: with every tracked change rejected it reads as the official text." if result.clean else (
        "The draft does not comply: see below."
    )
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="muted">Official text: {_e(result.base.source.path)}</p>',
        f'<p class="verdict {"ok" if result.clean else "bad"}">{_e(verdict)}</p>',
        _section(
            f"Untracked changes ({len(result.untracked)})",
            ("paragraph", "official", "change", "words"),
            (
                (
                    f'<span class="id">{_e(u.paragraph)}</span>'
                    + (f' <span class="muted">(now {_e("+".join(u.accepted))})</span>' if u.accepted and u.accepted != u.draft else ""),
                    f'<span class="id">{_e("+".join(u.base))}</span>',
                    _e(u.op + (f" [{u.kind}]" if u.kind else "")),
                    "<br>".join(_edit(e) for e in u.edits),
                )
                for u in result.untracked
            ),
        ),
        _section(
            f"Changes hidden by formatting ({len(facts.hidden)})",
            ("paragraph", "kind", "how", "text"),
            ((_place(h.paragraph, h.line), _e(h.kind), _e(h.detail), _e(h.text)) for h in facts.hidden),
        ),
        _section(
            "Tracked changes by author",
            ("author", "insertions", "deletions", "moves", "formatting", "comments", "first", "last"),
            (
                (_e(a.author or "(no name)"), *(str(n) for n in (a.insertions, a.deletions, a.moves, a.formatting, a.comments)),
                 _e(a.first or "-"), _e(a.last or "-"))
                for a in result.authors
            ),
        ),
        _section(
            f"Tracked changes ({len(facts.changes)})",
            ("paragraph", "with every change rejected", "change", "author", "date", "text"),
            (
                (_place(c.paragraph, c.line), _place(c.rejected_paragraph, None), _e(c.kind), _e(c.author), _e(c.date or "-"), _e(c.text))
                for c in facts.changes
            ),
        ),
        _section(
            f"Comments ({len(facts.comments)})",
            ("paragraph", "author", "date", "comment", "on the words"),
            ((_place(c.paragraph, c.line), _e(c.author), _e(c.date or "-"), _e(c.text), _e(c.anchor)) for c in facts.comments),
        ),
        _section(
            f"Check findings of the text with every change accepted ({len(result.report.findings)})",
            ("paragraph", "severity", "rule", "message"),
            ((_e(f.paragraph or "-"), _e(f.severity), _e(f.rule), _e(f.message)) for f in result.report.findings),
        ),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="untk {escape(__version__)}">',
            f"<title>{_e(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body><main>",
            *body,
            f'<p class="muted">Made with untk {escape(__version__)}.</p>',
            "</main></body>",
            "</html>",
            "",
        ]
    )


def _place(paragraph: str | None, line: int | None) -> str:
    return f'<span class="id">{_e(paragraph or (f"line {line}" if line else "-"))}</span>'


def _edit(e: Edit) -> str:
    before = f'<span class="muted">… {_e(e.before)}</span> ' if e.before else ""
    old = f"<del>{_e(e.old)}</del>" if e.old else ""
    new = f"<ins>{_e(e.new)}</ins>" if e.new else ""
    return before + old + (" " if old and new else "") + new


def _section(title: str, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    rows = list(rows)
    if not rows:
        return f"<h2>{_e(title)}</h2><p class=\"muted\">None.</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    cells = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<h2>{_e(title)}</h2>\n<table><thead><tr>{head}</tr></thead><tbody>\n{cells}\n</tbody></table>"
