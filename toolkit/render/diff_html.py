"""A comparison as one self-contained HTML page: a redline to read, navigate and print.

The page needs no network: its stylesheet and its small script are inline, and a
Content-Security-Policy allows nothing else (no fonts, images, frames or other
scripts; the inline script and stylesheet are allowed by their hashes). Every
piece of document text is escaped here, and the script never writes HTML: it only
switches attributes and sets ``textContent``.

Two views of the same pairs, switched with the buttons or the ``v`` key (or
opened with ``?view=side`` after the file name):

* **inline**: one redline per pair, deleted text struck through in red and
  inserted text underlined in green (``<del>`` and ``<ins>``);
* **side by side**: the old wording with its deletions on the left, the new
  wording with its insertions on the right, aligned pair by pair.

Each pair has its ids and operation in a margin (``OP27+OP28 → OP29 merge``).
Unchanged paragraphs are folded into runs (``u`` shows them, dimmed); ``j``/``n``
and ``k``/``p`` go to the next and previous change. Without the script the page
still reads (inline view, everything shown), and it prints as the inline redline.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Iterable

from toolkit import __version__
from toolkit.change_kinds import KINDS
from toolkit.comparison import OPS, Comparison, Pair
from toolkit.dates import format_date
from toolkit.model import Document

_NOT_STATED = '<span class="unknown">not stated</span>'
_SECTION_TITLES = {"paragraphs": "Paragraphs", "annexes": "Annexed instruments", "footnotes": "Footnotes"}
_UNIT = {
    "paragraphs": ("paragraph", "paragraphs"),
    "annexes": ("paragraph of an annex", "paragraphs of annexes"),
    "footnotes": ("footnote", "footnotes"),
}


def render(comparison: Comparison, substantive: bool = False) -> str:
    """The whole page, as one string; ``substantive`` opens it with only the substantive
    changes shown (the toolbar's buttons show the others again)."""
    old, new = comparison.old, comparison.new
    title = f"untk diff: {_label(old)} \u2192 {_label(new)}"
    body = [
        _masthead(comparison),
        _toolbar(comparison),
        '<main id="main">',
        _fields(comparison),
        *(_section(comparison, name) for name in ("paragraphs", "annexes", "footnotes")),
        "</main>",
        '<footer class="colophon">',
        f"<p>Made with untk {escape(__version__)}. Paragraphs and footnotes are paired by their wording; "
        "each side keeps the ids of its own version.</p>",
        "</footer>",
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
            '<meta name="color-scheme" content="light">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            '<body class="untk-diff"' + (' data-hide-technical="1" data-hide-editorial="1"' if substantive else "") + ">",
            '<a class="skip" href="#main">Skip to the changes</a>',
            *body,
            f"<script>{JS}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


# --- header -----------------------------------------------------------------


def _label(doc: Document) -> str:
    return doc.metadata.symbol or doc.metadata.resolution_number or doc.source.path


def _masthead(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    heading = new.metadata.title or old.metadata.title or "Comparison of two versions"
    out = [
        '<header class="masthead">',
        '<p class="kicker">untk diff <span aria-hidden="true">\u00b7</span> comparison of two versions</p>',
        f"<h1>{escape(heading)}</h1>",
        '<div class="versions">',
        _version_card(old, "old", "Old version"),
        '<span class="versions-arrow" aria-hidden="true">\u2192</span>',
        _version_card(new, "new", "New version"),
        "</div>",
        _summary(comparison),
        "</header>",
    ]
    return "\n".join(out)


def _version_card(doc: Document, side: str, caption: str) -> str:
    m = doc.metadata
    rows = [
        ("Symbol", escape(m.symbol) if m.symbol else None),
        ("Title", escape(m.title) if m.title else None),
        (
            "Adopted",
            f'<time datetime="{m.adoption_date.isoformat()}">{escape(format_date(m.adoption_date))}</time>'
            if m.adoption_date
            else None,
        ),
        ("File", f'<code class="path">{escape(doc.source.path)}</code>'),
    ]
    items = "".join(f"<dt>{name}</dt><dd>{_NOT_STATED if value is None else value}</dd>" for name, value in rows)
    return (
        f'<section class="version version-{side}" aria-labelledby="version-{side}">'
        f'<h2 id="version-{side}"><span class="side-tag side-tag-{side}">{caption}</span></h2>'
        f"<dl>{items}</dl></section>"
    )


def _summary(comparison: Comparison) -> str:
    counts = comparison.summary
    changes = len(comparison.changes())
    total = len(comparison.pairs)
    if comparison.identical:
        verdict = (
            '<p class="verdict verdict-identical" data-identical="1"><strong>identical</strong>: '
            "the two versions have the same wording, paragraph by paragraph and footnote by footnote.</p>"
        )
    else:
        verdict = (
            f'<p class="verdict" data-identical="0"><strong>{changes} {_plural(changes, "change", "changes")}</strong> '
            f"in {total} aligned {_plural(total, 'pair', 'pairs')} of paragraphs and footnotes"
            + (
                f", and {len(comparison.fields)} other {_plural(len(comparison.fields), 'field', 'fields')} changed"
                if comparison.fields
                else ""
            )
            + ".</p>"
        )
    items = []
    for op in (*OPS, "renumbered", "fields"):
        n = counts[op]
        zero = " zero" if not n else ""
        items.append(
            f'<li class="count op-{op}{zero}" data-op="{op}" data-count="{n}">'
            f'<span class="count-n">{n}</span> <span class="count-op">{op}</span></li>'
        )
    return (
        '<section class="summary" aria-labelledby="summary-h">'
        '<h2 id="summary-h" class="visually-hidden">Summary</h2>'
        f'{verdict}<ul class="counts">{"".join(items)}</ul>'
        '<p class="marks">Deleted text is <del>struck through in red</del>; '
        "inserted text is <ins>underlined in green</ins>.</p>"
        "</section>"
    )


def _kind_filters(comparison: Comparison) -> str:
    """A button per kind of change present: pressed shows it, released hides it."""
    counts = comparison.summary
    present = [k for k in KINDS if counts[k]]
    if not present:
        return ""
    buttons = "".join(
        f'<button type="button" data-action="kind" data-kind="{k}" aria-pressed="true">'
        f'{k.capitalize()} <span class="kind-n">{counts[k]}</span></button>'
        for k in present
    )
    return f'<div class="segmented kinds" role="group" aria-label="Kinds of change shown">{buttons}</div>'


def _toolbar(comparison: Comparison) -> str:
    changes = len(comparison.changes())
    disabled = " disabled" if not changes else ""
    status = f"{changes} {_plural(changes, 'change', 'changes')}" if changes else "No changes"
    return (
        '<nav class="toolbar" aria-label="Redline controls">'
        '<div class="toolbar-inner">'
        '<div class="segmented" role="group" aria-label="View">'
        '<button type="button" data-action="view" data-view="inline" aria-pressed="true">Inline</button>'
        '<button type="button" data-action="view" data-view="side" aria-pressed="false">Side by side</button>'
        "</div>"
        '<button type="button" class="toggle" data-action="unchanged" aria-pressed="false">Show unchanged</button>'
        + _kind_filters(comparison)
        + '<div class="stepper" role="group" aria-label="Changes">'
        f'<button type="button" data-action="prev"{disabled} aria-label="Previous change">'
        '<span aria-hidden="true">\u2191</span> Previous</button>'
        f'<span class="position" id="position" aria-live="polite">{status}</span>'
        f'<button type="button" data-action="next"{disabled} aria-label="Next change">'
        'Next <span aria-hidden="true">\u2193</span></button>'
        "</div>"
        '<p class="keys"><span class="visually-hidden">Keyboard shortcuts:</span>'
        "<span><kbd>j</kbd>/<kbd>n</kbd> next</span>"
        "<span><kbd>k</kbd>/<kbd>p</kbd> previous</span>"
        "<span><kbd>v</kbd> view</span>"
        "<span><kbd>u</kbd> unchanged</span>"
        "</p>"
        "</div>"
        "</nav>"
    )


# --- pairs ------------------------------------------------------------------


def _fields(comparison: Comparison) -> str:
    """The changed facts outside the paragraphs (title, number, dates, sponsors, annexes)."""
    if not comparison.fields:
        return ""
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(f.field)}</th><td class=\"old\"><del>{escape(f.old or '')}</del></td>"
        f"<td class=\"new\"><ins>{escape(f.new or '')}</ins></td></tr>"
        for f in comparison.fields
    )
    return (
        '<section class="section section-fields" id="fields" aria-labelledby="fields-h">'
        f'<h2 id="fields-h">Other changes <span class="section-note">{len(comparison.fields)} '
        f"{_plural(len(comparison.fields), 'field', 'fields')}</span></h2>"
        '<table class="fields"><thead><tr><th scope="col">Field</th><th scope="col">Old</th>'
        f'<th scope="col">New</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _section(comparison: Comparison, name: str) -> str:
    pairs = [(i, p) for i, p in enumerate(comparison.pairs) if p.section == name]
    if not pairs and name in ("footnotes", "annexes"):
        return ""
    one, many = _UNIT[name]
    changed = sum(1 for _, p in pairs if p.changed)
    same = len(pairs) - changed
    note = f"{changed} {_plural(changed, 'change', 'changes')}, {same} unchanged"
    out = [
        f'<section class="section section-{name}" id="{name}" aria-labelledby="{name}-h">',
        f'<h2 id="{name}-h">{_SECTION_TITLES[name]} <span class="section-note">{note}</span></h2>',
        '<div class="columns" aria-hidden="true">'
        f'<span class="columns-margin">Ids</span>'
        f'<span class="columns-old">Old \u2014 {escape(_label(comparison.old))}</span>'
        f'<span class="columns-new">New \u2014 {escape(_label(comparison.new))}</span></div>',
    ]
    if not pairs:
        out.append(f'<p class="empty">Neither version has any {many}.</p>')
    for run in _runs(pairs):
        if run[0][1].changed:
            out.extend(_pair(i, p) for i, p in run)
        else:
            out.append(_run(run, one, many))
    out.append("</section>")
    return "\n".join(out)


def _runs(pairs: list[tuple[int, Pair]]) -> Iterable[list[tuple[int, Pair]]]:
    """Each change alone, and each stretch of unchanged pairs together."""
    run: list[tuple[int, Pair]] = []
    for item in pairs:
        if item[1].changed:
            if run:
                yield run
                run = []
            yield [item]
        else:
            run.append(item)
    if run:
        yield run


def _run(run: list[tuple[int, Pair]], one: str, many: str) -> str:
    n = len(run)
    first, last = _ids(run[0][1].new), _ids(run[-1][1].new)
    span = first if n == 1 else f"{first}\u2013{last}"
    label = (
        '<span class="v-show">Show</span><span class="v-hide">Hide</span> '
        f'{n} unchanged {_plural(n, one, many)} <span class="run-range">{escape(span)}</span>'
    )
    pairs = "\n".join(_pair(i, p) for i, p in run)
    return (
        f'<div class="run" data-count="{n}">'
        f'<button type="button" class="run-toggle" aria-expanded="false">{label}</button>\n{pairs}\n</div>'
    )


def _pair(index: int, pair: Pair) -> str:
    pid = f"pair-{index + 1}"
    classes = ["pair", f"op-{pair.op}", "changed" if pair.changed else "unchanged"]
    if pair.renumbered:
        classes.append("renumbered")
    if pair.kind:
        classes.append(f"kind-{pair.kind}")
    badges = [f'<span class="badge op-{pair.op}">{pair.op}</span>']
    if pair.renumbered:
        badges.append('<span class="badge op-renumbered">renumbered</span>')
    if pair.kind:
        badges.append(f'<span class="badge kind kind-{pair.kind}">{pair.kind}</span>')
    sim = ""
    if pair.op in ("modify", "move", "split", "merge") and pair.similarity < 1:
        sim = f'<span class="similarity" title="Similarity of the wording">{round(pair.similarity * 100)}% alike</span>'
    focus = ' tabindex="-1"' if pair.changed else ""
    old_ids = escape(_ids(pair.old))
    new_ids = escape(_ids(pair.new))
    head = (
        f'<div class="margin"><h3 class="ids" id="{pid}-h">'
        f'<span class="ids-old">{old_ids}</span> '
        '<span class="ids-arrow" aria-hidden="true">\u2192</span><span class="visually-hidden">became</span> '
        f'<span class="ids-new">{new_ids}</span></h3>'
        f'<p class="badges">{"".join(badges)}{sim}<span class="change-no"></span></p>{_edits(pair)}</div>'
    )
    inline = f'<div class="view-inline"><p class="text">{_redline(pair, "=-+")}</p></div>'
    if pair.old:
        left = f'<p class="text">{_redline(pair, "=-")}</p>'
    else:
        left = '<p class="absent">Not in the old version</p>'
    if pair.new:
        right = f'<p class="text">{_redline(pair, "=+")}</p>'
    else:
        right = '<p class="absent">Not in the new version</p>'
    side = (
        '<div class="view-side">'
        f'<div class="side side-old" data-label="Old">{left}</div>'
        f'<div class="side side-new" data-label="New">{right}</div>'
        "</div>"
    )
    return (
        f'<article class="{" ".join(classes)}" id="{pid}" data-op="{pair.op}" '
        f'data-old="{old_ids}" data-new="{new_ids}" aria-labelledby="{pid}-h"{focus}>'
        f'{head}<div class="content">{inline}{side}</div></article>'
    )


def _edits(pair: Pair) -> str:
    """The notable edits of a substantive change, as a list under the badges."""
    if not pair.edits:
        return ""
    items = []
    for e in pair.edits:
        words = escape(e.type.replace("-", " "))
        what = f"{escape(e.old)} \u2192 {escape(e.new)}" if e.old and e.new else escape(e.old or e.new or "")
        items.append(f'<li class="edit edit-{escape(e.type)}"><span class="edit-type">{words}</span> {what}</li>')
    return f'<ul class="edits">{"".join(items)}</ul>'


def _ids(ids: tuple[str, ...]) -> str:
    return "+".join(ids) or "\u2205"


def _redline(pair: Pair, keep: str) -> str:
    """The redline of a pair as HTML: only the operations in ``keep`` ("=", "-", "+")."""
    parts = []
    for op, text in pair.redline:
        if op not in keep:
            continue
        if op == "=":
            parts.append(_text(text))
            continue
        tag = "del" if op == "-" else "ins"
        core = text.strip(" \t")  # spaces stay outside the mark; a paragraph break stays inside
        if not core:  # a change of white space alone: keep it visible
            parts.append(f'<{tag} class="space">{_text(text, mark=True)}</{tag}>')
            continue
        start = text.index(core)
        lead, trail = text[:start], text[start + len(core) :]
        parts.append(f"{_text(lead)}<{tag}>{_text(core, mark=True)}</{tag}>{_text(trail)}")
    return "".join(parts)


def _text(text: str, mark: bool = False) -> str:
    """Escaped text; a line break (between paragraphs of a split or merge) stays one.

    Inside a change the break gets a pilcrow, as a word processor shows a
    deleted or inserted paragraph mark.
    """
    escaped = escape(text)
    if "\n" not in escaped:
        return escaped
    brk = '<span class="pilcrow" aria-hidden="true">\u00b6</span><br>' if mark else "<br>"
    return escaped.replace("\n", brk)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# --- style and script -------------------------------------------------------

#: The redline page's style sheet (inlined here; the workbench serves it as diff.css).
CSS = """
:root {
  --ink: #1f2328; --muted: #57606a; --faint: #6e7781; --line: #d0d7de; --paper: #ffffff; --page: #f6f8fa;
  --un: #0b5fa5; --un-deep: #0a3d66; --focus: #1f6feb;
  --del-ink: #a40e26; --del-bg: #ffebe9; --ins-ink: #116329; --ins-bg: #dafbe1;
  --serif: "Times New Roman", Times, "Liberation Serif", "DejaVu Serif", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  --margin: 12.5rem;
}
* { box-sizing: border-box; }
html { background: var(--page); color: var(--ink); font: 16px/1.5 var(--sans); }
body { margin: 0; }
.visually-hidden, .skip:not(:focus) {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.skip:focus { position: fixed; top: .5rem; left: .5rem; z-index: 10; background: var(--paper); padding: .4rem .8rem;
  border: 2px solid var(--focus); border-radius: 6px; color: var(--ink); }
del, ins { text-decoration-thickness: 1.5px; border-radius: 2px; padding: 0 .08em; }
del { color: var(--del-ink); background: var(--del-bg); text-decoration-line: line-through; }
ins { color: var(--ins-ink); background: var(--ins-bg); text-decoration-line: underline; text-underline-offset: .18em; }
del + ins { margin-left: .12em; }
del.space, ins.space { padding: 0 .2em; }
del::before, del::after, ins::before, ins::after {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
del::before { content: " [deletion start] "; } del::after { content: " [deletion end] "; }
ins::before { content: " [insertion start] "; } ins::after { content: " [insertion end] "; }
.pilcrow { opacity: .75; padding-left: .1em; }
code, kbd { font-family: var(--mono); font-size: .86em; }
kbd { display: inline-block; min-width: 1.5em; padding: 0 .35em; border: 1px solid #b7c0ca; border-bottom-width: 2px;
  border-radius: 4px; background: var(--paper); text-align: center; line-height: 1.45; color: var(--ink); }

/* header */
.masthead { background: var(--paper); border-top: 6px solid var(--un); border-bottom: 1px solid var(--line); }
.masthead > * { max-width: 78rem; margin-left: auto; margin-right: auto; padding-left: 2rem; padding-right: 2rem; }
.kicker { margin-top: 0; padding-top: 1.1rem; margin-bottom: .2rem; color: var(--un); font-size: .8rem;
  font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin-top: 0; margin-bottom: 1rem; font: 600 1.9rem/1.2 var(--serif); color: var(--un-deep); }
.versions { display: grid; grid-template-columns: 1fr auto 1fr; gap: .75rem; align-items: stretch; }
.versions-arrow { align-self: center; font-size: 1.6rem; color: var(--faint); }
.version { border: 1px solid var(--line); border-radius: 10px; padding: .75rem 1rem; background: #fbfcfd; min-width: 0; }
.version h2 { margin: 0 0 .45rem; font-size: 1rem; }
.side-tag { display: inline-block; font-size: .72rem; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
  padding: .1rem .5rem; border-radius: 999px; }
.side-tag-old { background: var(--del-bg); color: var(--del-ink); }
.side-tag-new { background: var(--ins-bg); color: var(--ins-ink); }
.version dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .9rem; margin: 0; font-size: .92rem; }
.version dt { color: var(--muted); }
.version dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.path { color: var(--ink); background: var(--page); padding: .05rem .3rem; border-radius: 4px; }
.unknown { color: var(--faint); font-style: italic; }
.summary { padding-top: 1rem; padding-bottom: 1.1rem; }
.verdict { margin: 0 0 .6rem; font-size: 1.02rem; }
.verdict-identical strong { color: var(--ins-ink); background: var(--ins-bg); padding: .05rem .45rem; border-radius: 4px; }
.counts { list-style: none; margin: 0 0 .6rem; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
.count { display: inline-flex; align-items: baseline; gap: .35rem; padding: .2rem .65rem; border-radius: 999px;
  border: 1px solid transparent; font-size: .9rem; }
.count-n { font-weight: 700; font-variant-numeric: tabular-nums; }
.count.zero { background: transparent !important; border-color: var(--line); color: var(--faint) !important; }
.marks { margin: 0; color: var(--muted); font-size: .9rem; }

/* operations: badge colours (dark text on light tint) and the bar beside each pair */
.op-equal { --op-bg: #eaeef2; --op-ink: #424a53; --op-bar: #d0d7de; }
.op-modify { --op-bg: #fff1c7; --op-ink: #6f4400; --op-bar: #d4a72c; }
.op-move { --op-bg: #ede6fc; --op-ink: #5a32a3; --op-bar: #8250df; }
.op-split { --op-bg: #dbeeff; --op-ink: #0a4a85; --op-bar: #218bff; }
.op-merge { --op-bg: #d6f3ef; --op-ink: #0b5a52; --op-bar: #1a9c8c; }
.op-insert { --op-bg: var(--ins-bg); --op-ink: var(--ins-ink); --op-bar: #2da44e; }
.op-delete { --op-bg: var(--del-bg); --op-ink: var(--del-ink); --op-bar: #cf222e; }
.op-renumbered { --op-bg: #e4ebf5; --op-ink: #274466; --op-bar: #6e8db5; }
.count, .badge { background: var(--op-bg); color: var(--op-ink); }
.badge.kind-technical { background: #eef1f4; color: #57606a; }
.badge.kind-editorial { background: #f3eefc; color: #6639ba; }
.badge.kind-substantive { background: #ffe9d6; color: #953800; }
.edits { margin: .35rem 0 0; padding: 0; list-style: none; font-size: .78rem; color: var(--muted); }
.edit-type { font-weight: 700; }
.kinds .kind-n { font-variant-numeric: tabular-nums; opacity: .7; }
body[data-hide-technical] .pair.kind-technical, body[data-hide-editorial] .pair.kind-editorial,
body[data-hide-substantive] .pair.kind-substantive { display: none; }

/* toolbar */
.toolbar { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line);
  box-shadow: 0 1px 3px rgba(31,35,40,.06); }
body:not([data-ready]) .toolbar { display: none; }
.toolbar-inner { max-width: 78rem; margin: 0 auto; padding: .55rem 2rem; display: flex; flex-wrap: wrap; gap: .6rem 1rem;
  align-items: center; }
.toolbar button { font: inherit; font-size: .9rem; color: var(--ink); background: var(--paper); border: 1px solid #b7c0ca;
  border-radius: 6px; padding: .3rem .75rem; cursor: pointer; }
.toolbar button:hover:not(:disabled) { background: #f3f5f7; }
.toolbar button:disabled { color: var(--faint); cursor: default; }
.toolbar button[aria-pressed="true"] { background: var(--un-deep); border-color: var(--un-deep); color: #fff; }
button:focus-visible, .pair:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.segmented { display: inline-flex; }
.segmented button { border-radius: 0; }
.segmented button:first-child { border-radius: 6px 0 0 6px; }
.segmented button:last-child { border-radius: 0 6px 6px 0; border-left: 0; }
.stepper { display: inline-flex; align-items: center; gap: .5rem; }
.position { min-width: 8.5rem; text-align: center; font-size: .9rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.keys { margin: 0 0 0 auto; display: flex; flex-wrap: wrap; gap: .25rem .9rem; font-size: .82rem; color: var(--muted); }

/* sections and pairs */
main { max-width: 78rem; margin: 0 auto; padding: .5rem 2rem 2rem; }
.section > h2 { font: 600 1.35rem/1.3 var(--serif); color: var(--un-deep); margin: 1.6rem 0 .7rem;
  padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
.section-note { font: 400 .85rem var(--sans); color: var(--muted); margin-left: .5rem; }
.empty { color: var(--muted); }
.columns { display: none; }
.pair { display: grid; grid-template-columns: var(--margin) minmax(0, 1fr); background: var(--paper);
  border: 1px solid var(--line); border-left: 5px solid var(--op-bar); border-radius: 8px; margin: 0 0 .55rem;
  overflow: hidden; scroll-margin-top: 6rem; }
.pair.renumbered.op-equal { --op-bar: #6e8db5; }
.margin { padding: .7rem .8rem; border-right: 1px solid #eaeef2; min-width: 0; }
.ids { margin: 0; font: 600 .9rem/1.35 var(--mono); color: var(--ink); overflow-wrap: anywhere; }
.ids-arrow { color: var(--faint); font-weight: 400; }
.pair.renumbered .ids-old { color: var(--del-ink); }
.pair.renumbered .ids-new { color: var(--ins-ink); }
.badges { margin: .35rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; }
.badge { display: inline-block; font-size: .74rem; font-weight: 700; letter-spacing: .03em; padding: .05rem .5rem;
  border-radius: 999px; }
.similarity { font-size: .76rem; color: var(--muted); }
.change-no { font-size: .76rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.change-no:empty { display: none; }
.content { min-width: 0; padding: .6rem 1.1rem; }
.text { margin: 0; font: 1.06rem/1.62 var(--serif); overflow-wrap: break-word; }
.absent { margin: 0; color: var(--faint); font-style: italic; font-size: .9rem; }
.pair.unchanged { border-left-color: #e3e8ee; background: #fcfcfd; }
.pair.unchanged .text { color: #59636e; }
.pair.unchanged .ids { color: var(--muted); font-weight: 400; }
.pair.current { box-shadow: 0 0 0 3px var(--focus), 0 6px 18px rgba(31,111,235,.18); }
.pair.current .change-no { color: var(--focus); font-weight: 700; }
.pair:focus { outline: none; }

/* views */
.view-side { display: none; }
body[data-view="side"] .view-inline { display: none; }
body[data-view="side"] .view-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0; }
body[data-view="side"] .content { padding: 0; display: grid; }
body[data-view="side"] .side { padding: .6rem 1.1rem; min-width: 0; }
body[data-view="side"] .side-old { border-right: 1px solid #eaeef2; }
body[data-view="side"] .pair.changed .side-old { background: #fffafa; }
body[data-view="side"] .pair.changed .side-new { background: #fafffb; }
body[data-view="side"] .columns { display: grid; grid-template-columns: var(--margin) 1fr 1fr; position: sticky;
  top: 3.2rem; z-index: 4; margin: 0 0 .5rem; font-size: .75rem; font-weight: 700; letter-spacing: .06em;
  text-transform: uppercase; color: var(--muted); background: var(--page); padding: .35rem 0; border-bottom: 1px solid var(--line); }
.columns > span { padding: 0 1.1rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.columns-margin { padding-left: .8rem !important; }
.columns-old { color: var(--del-ink); } .columns-new { color: var(--ins-ink); }

/* unchanged runs */
.run-toggle { display: none; width: 100%; text-align: left; font: inherit; font-size: .88rem; color: var(--muted);
  background: transparent; border: 1px dashed #c5ced8; border-radius: 8px; padding: .45rem .9rem; margin: 0 0 .55rem;
  cursor: pointer; }
.run-toggle:hover { background: var(--paper); color: var(--ink); }
.run-range { font-family: var(--mono); font-size: .85em; margin-left: .35rem; }
.v-hide { display: none; }
body[data-unchanged="hidden"] .run > .run-toggle { display: block; }
body[data-unchanged="hidden"] .run:not(.open) > .pair { display: none; }
body[data-unchanged="hidden"] .run.open .v-show { display: none; }
body[data-unchanged="hidden"] .run.open .v-hide { display: inline; }

.colophon { max-width: 78rem; margin: 0 auto; padding: 1rem 2rem 2.5rem; color: var(--muted); font-size: .85rem; }

@media (max-width: 760px) {
  :root { --margin: 100%; }
  .pair { grid-template-columns: minmax(0, 1fr); }
  .margin { border-right: 0; border-bottom: 1px solid #eaeef2; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .badges { margin: 0; }
  .versions { grid-template-columns: 1fr; }
  .versions-arrow { display: none; }
  .keys { display: none; }
}

@media print {
  @page { margin: 16mm 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html { background: #fff; font-size: 10.5pt; }
  .toolbar, .skip, .change-no, .columns, .v-show, .v-hide { display: none !important; }
  .masthead { border-bottom: 0; }
  .masthead > *, main, .colophon { max-width: none; padding-left: 0; padding-right: 0; }
  .view-inline { display: block !important; }
  .view-side { display: none !important; }
  body[data-view="side"] .content { padding: .5rem .9rem; }
  .pair { break-inside: avoid; page-break-inside: avoid; box-shadow: none !important; margin-bottom: .4rem; }
  .section > h2 { break-after: avoid; page-break-after: avoid; }
  .run-toggle { border: 0; padding: .1rem 0; cursor: auto; }
  .run-toggle::after { content: " (not printed)"; }
  .run.open > .run-toggle::after, body[data-unchanged="shown"] .run-toggle::after { content: none; }
}
"""

#: The redline page's script (inlined here; the workbench serves it as diff.js).
JS = """
(function () {
  "use strict";
  var body = document.body;
  var every = Array.prototype.slice.call(document.querySelectorAll(".pair.changed"));
  var changes = every;
  var position = document.getElementById("position");
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = -1;

  changes.forEach(function (pair, i) {
    pair.setAttribute("data-change", String(i + 1));
    var no = pair.querySelector(".change-no");
    if (no) { no.textContent = "#" + (i + 1); }
  });

  function buttons(action) {
    return Array.prototype.slice.call(document.querySelectorAll('[data-action="' + action + '"]'));
  }
  function status() {
    if (!changes.length) { position.textContent = "No changes"; return; }
    position.textContent = current < 0
      ? changes.length + (changes.length === 1 ? " change" : " changes")
      : "Change " + (current + 1) + " of " + changes.length;
  }
  function keepInView() {
    if (current >= 0) { changes[current].scrollIntoView({ block: "center", behavior: "auto" }); }
  }
  function setView(view) {
    body.setAttribute("data-view", view);
    buttons("view").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-view") === view ? "true" : "false");
    });
    keepInView();
  }
  function setUnchanged(shown) {
    body.setAttribute("data-unchanged", shown ? "shown" : "hidden");
    buttons("unchanged").forEach(function (b) { b.setAttribute("aria-pressed", shown ? "true" : "false"); });
    keepInView();
  }
  function go(i) {
    if (!changes.length) { return; }
    i = Math.max(0, Math.min(changes.length - 1, i));
    if (current >= 0) { changes[current].classList.remove("current"); }
    current = i;
    var pair = changes[i];
    pair.classList.add("current");
    pair.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
    pair.focus({ preventScroll: true });
    status();
    if (window.history && history.replaceState) {
      try { history.replaceState(null, "", "#" + pair.id); } catch (e) { /* file: URLs may refuse */ }
    }
  }
  function nearest(below) {
    var top = document.querySelector(".toolbar").getBoundingClientRect().bottom;
    for (var i = 0; i < changes.length; i++) {
      var edge = changes[i].getBoundingClientRect().top;
      if (edge >= top - 1) { return below ? i : i - 1; }
    }
    return below ? changes.length - 1 : changes.length - 1;
  }
  function next() { go(current < 0 ? nearest(true) : current + 1); }
  function prev() { go(current < 0 ? Math.max(0, nearest(false)) : current - 1); }
  function toggleView() { setView(body.getAttribute("data-view") === "side" ? "inline" : "side"); }
  function toggleUnchanged() { setUnchanged(body.getAttribute("data-unchanged") !== "shown"); }
  function setKind(kind, shown) {
    if (shown) { body.removeAttribute("data-hide-" + kind); } else { body.setAttribute("data-hide-" + kind, "1"); }
    buttons("kind").forEach(function (b) {
      if (b.getAttribute("data-kind") === kind) { b.setAttribute("aria-pressed", shown ? "true" : "false"); }
    });
    if (current >= 0) { changes[current].classList.remove("current"); }
    current = -1;
    changes = every.filter(function (pair) {
      var k = (pair.className.match(/\\bkind-(\\w+)/) || [])[1];
      return !k || !body.hasAttribute("data-hide-" + k);
    });
    status();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button, .pair.changed") : null;
    if (!target) { return; }
    if (target.classList.contains("run-toggle")) {
      var run = target.parentNode;
      var open = run.classList.toggle("open");
      target.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var action = target.getAttribute("data-action");
    if (action === "view") { setView(target.getAttribute("data-view")); }
    else if (action === "unchanged") { toggleUnchanged(); }
    else if (action === "kind") { setKind(target.getAttribute("data-kind"), target.getAttribute("aria-pressed") !== "true"); }
    else if (action === "next") { next(); }
    else if (action === "prev") { prev(); }
    else if (target.classList.contains("pair")) {
      var selection = window.getSelection ? window.getSelection() : null;
      if (selection && !selection.isCollapsed) { return; }
      var i = changes.indexOf(target);
      if (i >= 0 && i !== current) {
        if (current >= 0) { changes[current].classList.remove("current"); }
        current = i;
        target.classList.add("current");
        status();
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    switch (event.key) {
      case "j": case "n": case "J": case "N": next(); break;
      case "k": case "p": case "K": case "P": prev(); break;
      case "v": case "V": toggleView(); break;
      case "u": case "U": toggleUnchanged(); break;
      default: return;
    }
    event.preventDefault();
  });

  var query = location.search || "";
  setView(/[?&]view=side(&|$)/.test(query) ? "side" : "inline");
  setUnchanged(/[?&]unchanged=shown(&|$)/.test(query));
  var substantiveOnly = /[?&]substantive(=1)?(&|$)/.test(query);
  ["technical", "editorial"].forEach(function (k) {
    if (substantiveOnly || body.hasAttribute("data-hide-" + k)) { setKind(k, false); }
  });
  status();
  var start = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (start && changes.indexOf(start) >= 0) { go(changes.indexOf(start)); }
  body.setAttribute("data-ready", "1");
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


#: Nothing may load from anywhere; only this page's own stylesheet and script run.
_CSP = (
    f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
)
