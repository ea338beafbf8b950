"""The workbench's pages as HTML: the upload form, a study, provenance, search, errors.

The comparison itself is the page ``untk diff --format html`` writes
(:mod:`toolkit.render.diff_html`), taken whole from its ``<body>``; its stylesheet and
script are served as files (``/static/diff.css``, ``/static/diff.js``) so that the
workbench's Content-Security-Policy needs nothing inline. Everything from a document, a
file name or the registry is escaped here; the workbench's script only moves elements
and sets ``textContent``.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from string import Template
from typing import Sequence

from toolkit import __version__
from toolkit.web.uploads import MAX_VERSIONS, Version
from toolkit.web.workbench import DOWNLOADS, Study, anchors, fix_preview, pair_number

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template(resources.files("toolkit.web").joinpath(f"templates/{name}").read_text(encoding="utf-8"))


def page(title: str, body: str, *, diff: bool = False, skip: tuple[str, str] = ("main", "Skip to the content")) -> str:
    """A whole page around ``body`` (HTML made here): styles and scripts are files of this server."""
    styles = ['<link rel="stylesheet" href="/static/workbench.css">']
    scripts = ['<script src="/static/workbench.js" defer></script>']
    if diff:
        styles.insert(0, '<link rel="stylesheet" href="/static/diff.css">')
        scripts.insert(0, '<script src="/static/diff.js" defer></script>')
    return _template("page.html").substitute(
        version=escape(__version__),
        title=escape(title),
        styles="\n".join(styles),
        scripts="\n".join(scripts),
        body_class="untk-diff wb" if diff else "wb",
        skip_target=escape(skip[0]),
        skip_label=escape(skip[1]),
        body=body,
    )


def error_line(message: str) -> str:
    return f'<p class="wb-error" role="alert"><strong>untk: error:</strong> {escape(message)}</p>'


def home(csrf: str, registry: str | None, max_mib: float, error: str | None = None) -> str:
    note = (
        "Looked up in the registry this workbench was started with."
        if registry
        else "No registry: start untk serve with --registry FILE (or index texts with untk index) to name symbols."
    )
    body = _template("home.html").substitute(
        csrf=escape(csrf),
        error=error_line(error) if error else "",
        max_versions=MAX_VERSIONS,
        max_mib=f"{max_mib:g}",
        registry_disabled="" if registry else "disabled",
        registry_note=escape(note),
    )
    return page("untk workbench", body)


# --- a study ------------------------------------------------------------------------


def study_page(s: Study, study_id: str, registry: str | None) -> str:
    """The comparison with its findings, the versions, the downloads and (3+ versions) the history."""
    from toolkit.render.diff_html import render

    redline = render(s.comparison)
    start = redline.index(">", redline.index("<body")) + 1
    end = redline.rindex("<script>")
    diff_body = redline[start:end]
    old, new = s.versions[s.old], s.versions[s.new]
    base = f"/s/{escape(study_id)}"
    query = f"?old={s.old}&amp;new={s.new}"
    body = "\n".join(
        [
            '<div class="wb-layout">',
            '<div class="wb-diff">',
            diff_body,
            "</div>",
            '<div class="wb-side">',
            _versions(s, study_id),
            _downloads(base, query),
            _findings(s, new),
            _moves(s),
            _history(s),
            _registry_links(base, query, registry),
            # With a registry, the script gives each new paragraph a link to search its wording.
            '<p id="wb-search-here" hidden></p>' if registry else "",
            "</div>",
            "</div>",
        ]
    )
    return page(f"untk workbench: {old.label} \u2192 {new.label}", body, diff=True, skip=("findings", "Skip to the findings"))


def _versions(s: Study, study_id: str) -> str:
    items = []
    for i, v in enumerate(s.versions):
        m = v.document.metadata
        tag = " (old)" if i == s.old else " (new)" if i == s.new else ""
        symbol = f' <span class="wb-symbol">{escape(m.symbol)}</span>' if m.symbol else ""
        items.append(f'<li><span class="wb-vno">v{i}</span> <code class="path">{escape(v.label)}</code>{symbol}{escape(tag)}</li>')

    def options(chosen: int) -> str:
        return "".join(
            f'<option value="{i}"{" selected" if i == chosen else ""}>v{i} {escape(v.label)}</option>'
            for i, v in enumerate(s.versions)
        )

    chooser = (
        f'<form class="wb-choose wb-noprint" method="get" action="/s/{escape(study_id)}">'
        f'<label>Old <select name="old">{options(s.old)}</select></label> '
        f'<label>New <select name="new">{options(s.new)}</select></label> '
        '<button type="submit">Compare these</button></form>'
    )
    return (
        '<section class="wb-panel" aria-labelledby="versions-h"><h2 id="versions-h">Versions</h2>'
        f'<ol class="wb-versions">{"".join(items)}</ol>{chooser}</section>'
    )


def _downloads(base: str, query: str) -> str:
    links = "".join(
        f'<li><a href="{base}/download/{name}{query}" download>{escape(name)}</a> '
        f'<span class="wb-hint">{escape(what)}</span></li>'
        for name, what in DOWNLOADS.items()
    )
    return f'<section class="wb-panel wb-noprint" aria-labelledby="downloads-h"><h2 id="downloads-h">Downloads</h2><ul class="wb-downloads">{links}</ul></section>'


def _findings(s: Study, new: Version) -> str:
    report = s.report
    anchored = anchors(s.comparison)
    rules = s.rule_index
    counts = {sev: sum(1 for f in report.findings if f.severity == sev) for sev in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}" for sev, n in counts.items() if n) or "none"
    items = []
    for n, f in enumerate(report.findings, 1):
        target = pair_number(f, anchored)
        where = f'<code class="wb-para">{escape(f.paragraph)}</code> ' if f.paragraph else ""
        place = f"{where}line {f.line}, column {f.column}"
        head = (
            f'<a class="wb-goto" href="#pair-{target}" data-pair="pair-{target}">{place}</a>'
            if target
            else f'<span class="wb-place">{place}</span>'
        )
        rule = rules.get(f.rule)
        items.append(
            f'<li class="wb-finding sev-{escape(f.severity)}" id="finding-{n}"'
            + (f' data-pair="pair-{target}"' if target else "")
            + f'><p class="wb-finding-head"><span class="wb-sev">{escape(f.severity)}</span> {head}</p>'
            f'<p class="wb-message">{escape(f.message)}</p>'
            + _fix(new.text, f)
            + _rule_details(f.rule, rule)
            + "</li>"
        )
    skipped = ""
    if report.skipped:
        skipped = (
            f'<p class="wb-hint">Not run: {escape(", ".join(report.skipped))} '
            f"(they need {escape(' and '.join(report.needs) or 'more')}).</p>"
        )
    listing = f'<ol class="wb-findings">{"".join(items)}</ol>' if items else '<p class="wb-none">No findings.</p>'
    return (
        '<section class="wb-panel" id="findings" aria-labelledby="findings-h" tabindex="-1">'
        f'<h2 id="findings-h">Findings <span class="wb-count">{escape(summary)}</span></h2>'
        f'<p class="wb-hint">{escape(new.label)}, checked with the default rules and against '
        f"{escape(s.versions[s.old].label)} for references its renumbering made stale.</p>{skipped}{listing}</section>"
    )


def _fix(text: str, finding) -> str:
    preview = fix_preview(text, finding)
    if preview is None:
        return ""
    return (
        '<p class="wb-fix"><span class="wb-fix-label">Fix:</span> '
        f"<span>\u2026{escape(preview.before)}</span><del>{escape(preview.removed)}</del>"
        f"<ins>{escape(preview.inserted)}</ins><span>{escape(preview.after)}\u2026</span></p>"
    )


def _rule_details(rule_id: str, rule) -> str:
    if rule is None:
        return f'<p class="wb-rule"><code>{escape(rule_id)}</code></p>'
    fails = next((e.text for e in rule.examples if e.fails), None)
    passes = next((e.text for e in rule.examples if not e.fails), None)
    examples = ""
    if fails:
        examples += f'<p class="wb-example">Flagged: <code>{escape(fails)}</code></p>'
    if passes:
        examples += f'<p class="wb-example">Not flagged: <code>{escape(passes)}</code></p>'
    return (
        f'<details class="wb-rule"><summary><code>{escape(rule.id)}</code> '
        f'<span class="wb-hint">{escape(rule.category)}, fix {escape(rule.fix_safety)}</span></summary>'
        f"<p>{escape(' '.join(rule.description.split()))}</p>{examples}</details>"
    )


def _moves(s: Study) -> str:
    """Where each moved, split or merged paragraph stood before: a link to the pair after
    which it stood (the page's script puts each link into its pair's margin)."""
    anchored_old: dict[str, int] = {}
    for n, pair in enumerate(s.comparison.pairs, 1):
        for element in pair.old:
            anchored_old[element] = n
    order = [e.id for e in s.comparison.old.paragraphs] + [e.id for e in s.comparison.old.annex_paragraphs]
    position = {element: i for i, element in enumerate(order)}
    links = []
    for n, pair in enumerate(s.comparison.pairs, 1):
        if pair.op not in ("move", "split", "merge") or not pair.old or pair.old[0] not in position:
            continue
        i = position[pair.old[0]]
        if i == 0:
            links.append(f'<li data-pair="pair-{n}"><a href="#pair-1">was first in the old version</a></li>')
            continue
        before = order[i - 1]
        target = anchored_old.get(before)
        if target and target != n:
            links.append(
                f'<li data-pair="pair-{n}"><a href="#pair-{target}">was after old {escape(before)}</a></li>'
            )
    if not links:
        return ""
    return (
        '<section class="wb-panel wb-noprint" aria-labelledby="moves-h"><h2 id="moves-h">Moved paragraphs</h2>'
        f'<ul class="wb-moves" id="moves">{"".join(links)}</ul></section>'
    )


def _history(s: Study) -> str:
    h = s.history
    if h is None:
        return ""
    labels = [v.label for v in s.versions]
    rows = []
    for lineage in h.paragraphs:
        origin = lineage.ids[lineage.first_version]
        since = f"v{lineage.first_version}" + (f" (as {origin})" if origin and origin != lineage.id else "")
        changed = ", ".join(f"v{k}" for k in lineage.changed_in) or "\u2014"
        rows.append(f"<tr><th scope=\"row\">{escape(lineage.id)}</th><td>{escape(since)}</td><td>{escape(changed)}</td></tr>")
    dropped = "".join(
        f"<li>v{d.version - 1} <code>{escape(d.id)}</code>: dropped in v{d.version}</li>" for d in h.dropped
    )
    legend = ", ".join(f"v{i} {label}" for i, label in enumerate(labels))
    return (
        '<section class="wb-panel" aria-labelledby="history-h"><h2 id="history-h">History of the newest version</h2>'
        f'<p class="wb-hint">{escape(legend)}</p>'
        '<table class="wb-history"><thead><tr><th scope="col">Paragraph</th><th scope="col">Since</th>'
        f'<th scope="col">Changed in</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + (f'<h3>Dropped along the way</h3><ul>{dropped}</ul>' if dropped else "")
        + "</section>"
    )


def _registry_links(base: str, query: str, registry: str | None) -> str:
    if not registry:
        return (
            '<section class="wb-panel wb-noprint" aria-labelledby="registry-h"><h2 id="registry-h">Agreed language</h2>'
            '<p class="wb-hint">No registry: start untk serve with --registry FILE to search agreed language '
            "and trace the provenance of each paragraph.</p></section>"
        )
    return (
        '<section class="wb-panel wb-noprint" aria-labelledby="registry-h"><h2 id="registry-h">Agreed language</h2>'
        f'<ul><li><a href="{base}/provenance{query}">Provenance of the new version, paragraph by paragraph</a></li>'
        '<li><a href="/search">Search agreed language</a></li></ul></section>'
    )


# --- registry pages -------------------------------------------------------------------


def provenance_page(study_id: str, s: Study, traced: Sequence) -> str:
    anchored = anchors(s.comparison)
    rows = []
    counts = {"agreed": 0, "modified": 0, "new": 0}
    for p in traced:
        counts[p.status] = counts.get(p.status, 0) + 1
        sources = ", ".join(f"{src.symbol} {src.paragraph}" + (f" ({src.date})" if src.date else "") for src in p.sources[:3])
        new_words = " ".join(p.new_words[:20])
        n = anchored.get(p.paragraph) or anchored.get(p.paragraph.split(".")[0])
        link = (
            f'<a href="/s/{escape(study_id)}?old={s.old}&amp;new={s.new}#pair-{n}">{escape(p.paragraph)}</a>' if n else escape(p.paragraph)
        )
        rows.append(
            f'<tr class="prov-{escape(p.status)}"><th scope="row">{link}</th><td>{escape(p.status)}</td>'
            f"<td>{escape(sources)}</td><td>{escape(new_words)}</td></tr>"
        )
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    body = (
        '<main id="main" class="wb-page">'
        f"<h1>Provenance of {escape(s.versions[s.new].label)}</h1>"
        f'<p class="wb-lead">{escape(summary)}. <em>agreed</em>: every word and word pair stands in an adopted paragraph '
        "(the earliest sources are listed); <em>modified</em>: close to one, with the words that are new; <em>new</em>.</p>"
        '<table class="wb-table"><thead><tr><th scope="col">Paragraph</th><th scope="col">Status</th>'
        f'<th scope="col">Sources</th><th scope="col">New words</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<p><a href="/s/{escape(study_id)}?old={s.old}&amp;new={s.new}">Back to the comparison</a></p></main>'
    )
    return page(f"untk workbench: provenance of {s.versions[s.new].label}", body)


def search_page(query: str, mode: str, hits: Sequence | None, registry: str | None, error: str | None = None) -> str:
    modes = "".join(
        f'<label><input type="radio" name="mode" value="{m}"{" checked" if m == mode else ""}> {label}</label>'
        for m, label in (("near", "near-verbatim"), ("exact", "the phrase as written"))
    )
    form = (
        '<form class="wb-search" method="get" action="/search" role="search">'
        '<label for="q">Wording to find in adopted resolutions</label>'
        f'<textarea id="q" name="q" rows="3">{escape(query)}</textarea>'
        f'<fieldset><legend>Mode</legend>{modes}</fieldset>'
        '<p><button type="submit" class="wb-primary">Search</button></p></form>'
    )
    results = ""
    if not registry:
        results = '<p class="wb-hint">No registry: start untk serve with --registry FILE to search agreed language.</p>'
    elif error:
        results = error_line(error)
    elif hits is not None:
        items = "".join(
            f'<li class="wb-hit"><p class="wb-hit-head"><strong>{escape(h.symbol)}</strong> <code>{escape(h.paragraph)}</code> '
            f'<span class="wb-hint">{escape(h.date or "")} score {h.score:.2f}</span></p>'
            f'<p class="wb-hit-text">{_marked(h.text, h.spans)}</p></li>'
            for h in hits
        )
        results = (
            f'<h2 id="hits-h">{len(hits)} {"match" if len(hits) == 1 else "matches"}</h2>'
            + (f'<ol class="wb-hits" aria-labelledby="hits-h">{items}</ol>' if hits else '<p class="wb-none">No match.</p>')
        )
    body = f'<main id="main" class="wb-page"><h1>Agreed language</h1>{form}<div aria-live="polite">{results}</div></main>'
    return page("untk workbench: agreed language", body)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out += [escape(text[pos:a]), f"<mark>{escape(text[a:b])}</mark>"]
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def error_page(message: str, status_title: str = "Cannot compare") -> str:
    body = f'<main id="main" class="wb-page"><h1>{escape(status_title)}</h1>{error_line(message)}<p><a href="/">Back</a></p></main>'
    return page(f"untk workbench: {status_title.lower()}", body)
