"""What the workbench shows, worked out by the library the command line uses.

A *study* is two of the versions given compared (``untk diff``), the newer one checked
with the older as its previous version (``untk check --against``), and, for three or more
versions, the history of the newest (``untk history``). The downloads are the command
line's own formats. Nothing here knows about HTTP or HTML.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from toolkit.checks.engine import Report
from toolkit.checks.finding import Finding
from toolkit.checks.rule import Rule
from toolkit.comparison import Comparison
from toolkit.history import History
from toolkit.web.uploads import Version


@dataclass(frozen=True, slots=True)
class Study:
    """Versions ``old`` and ``new`` (indexes into ``versions``) compared, and ``new`` checked."""

    versions: tuple[Version, ...]
    old: int
    new: int
    comparison: Comparison
    report: Report
    rules: tuple[Rule, ...]
    history: History | None = None

    @property
    def rule_index(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


@dataclass(frozen=True, slots=True)
class FixPreview:
    """A fix shown in its line: the text before, the characters replaced, the replacement, the text after."""

    before: str
    removed: str
    inserted: str
    after: str


@dataclass(frozen=True, slots=True)
class Download:
    data: bytes
    media_type: str
    filename: str


def study(
    versions: Sequence[Version],
    old: int,
    new: int,
    registry: str | None = None,
    history_of: History | None = None,
) -> Study:
    """Compare ``versions[old]`` with ``versions[new]`` and check ``versions[new]`` against it.

    ``registry`` is a registry file for the citation rules (None: they are skipped, as
    ``untk check`` skips them). ``history_of`` is a history already traced for these
    versions; with three or more versions and none given, it is traced here.
    """
    from toolkit.checks import config
    from toolkit.checks.context import Context
    from toolkit.checks.engine import check
    from toolkit.comparison import compare

    if len(versions) < 2:
        raise ValueError("a study needs at least two versions")
    if not (0 <= old < len(versions) and 0 <= new < len(versions)) or old == new:
        raise ValueError(f"versions {old} and {new}: choose two different versions of {len(versions)}")
    a, b = versions[old], versions[new]
    comparison = compare(a.document, b.document, sources=(a.text, b.text))
    rules = config.load(None).rules
    registered = _registry(registry)
    try:
        report = check(b.document, rules, Context(registry=registered, against=comparison))
    finally:
        if registered is not None:
            registered.conn.close()
    trace = history_of
    if trace is None and len(versions) > 2:
        from toolkit.history import history

        trace = history([v.document for v in versions])
    return Study(tuple(versions), old, new, comparison, report, tuple(rules), trace)


def _registry(path: str | None):
    if not path:
        return None
    from toolkit.registry.lookup import Registry
    from toolkit.registry.store import connect

    return Registry(connect(path, create=False))


def anchors(comparison: Comparison) -> dict[str, int]:
    """Each element id of the new version (and of the old one, where the new has no such id)
    -> the number of the pair that shows it (``pair-N`` in the redline page)."""
    found: dict[str, int] = {}
    for n, pair in enumerate(comparison.pairs, 1):
        for element in pair.old:
            found.setdefault(element, n)
    for n, pair in enumerate(comparison.pairs, 1):
        for element in pair.new:
            found[element] = n
    return found


def pair_number(finding: Finding, anchored: dict[str, int]) -> int | None:
    """The pair a finding stands in: its paragraph's, or its enclosing paragraph's for a subparagraph."""
    element = finding.paragraph
    while element:
        if element in anchored:
            return anchored[element]
        cut = max(element.rfind("."), element.rfind("("))
        element = element[:cut] if cut > 0 else ""
    return None


def fix_preview(text: str, finding: Finding, context: int = 60) -> FixPreview | None:
    """The fix of a finding shown in the source text around it (None: the finding has no fix)."""
    fix = finding.fix
    if fix is None or not (0 <= fix.start <= fix.end <= len(text)):
        return None
    start = max(0, text.rfind("\n", 0, fix.start) + 1, fix.start - context)
    end = text.find("\n", fix.end)
    end = min(len(text) if end < 0 else end, fix.end + context)
    return FixPreview(text[start : fix.start], text[fix.start : fix.end], fix.replacement, text[fix.end : end])


#: Download name -> (what it is, how it is made).
DOWNLOADS: dict[str, str] = {
    "redline.docx": "Word redline with tracked changes",
    "amendments.txt": "the changes as formal amendments",
    "diff.json": "the comparison as JSON",
    "findings.json": "the findings as JSON",
    "findings.sarif": "the findings as SARIF 2.1.0",
}


def download(s: Study, name: str) -> Download:
    """One of ``DOWNLOADS``, made by the renderer ``untk diff`` or ``untk check`` uses for it."""
    stem = _stem(s.versions[s.new].label)
    makers: dict[str, Callable[[], Download]] = {
        "redline.docx": lambda: Download(
            _docx(s.comparison), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", f"{stem}-redline.docx"
        ),
        "amendments.txt": lambda: Download(_text("amendments", s.comparison), "text/plain; charset=utf-8", f"{stem}-amendments.txt"),
        "diff.json": lambda: Download(_text("json", s.comparison), "application/json", f"{stem}-diff.json"),
        "findings.json": lambda: Download(_findings("json", s), "application/json", f"{stem}-findings.json"),
        "findings.sarif": lambda: Download(_findings("sarif", s), "application/sarif+json", f"{stem}.sarif"),
    }
    if name not in makers:
        raise KeyError(name)
    return makers[name]()


def _stem(label: str) -> str:
    """An ASCII file-name stem from a version's label (for Content-Disposition)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", label)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")
    return stem[:60] or "untk"


def _docx(comparison: Comparison) -> bytes:
    from toolkit.render import DIFF_FORMATS, formatter

    return formatter(DIFF_FORMATS, "docx")(comparison)


def _text(fmt: str, comparison: Comparison) -> bytes:
    from toolkit.render import DIFF_FORMATS, formatter

    return formatter(DIFF_FORMATS, fmt)(comparison).encode("utf-8")


def _findings(fmt: str, s: Study) -> bytes:
    from toolkit.render import FINDINGS_FORMATS, render
    from toolkit.render.options import RenderOptions

    return str(render(FINDINGS_FORMATS, fmt, [s.report], RenderOptions(rules=tuple(s.rules)))).encode("utf-8")


def agreed_language(registry: str, query: str, mode: str = "near", limit: int = 10, drafts: bool = False) -> list:
    """``untk search``: indexed paragraphs that say what ``query`` says, best first."""
    from toolkit.registry.search import search
    from toolkit.registry.store import connect

    with contextlib.closing(connect(registry, create=False)) as conn:
        return search(conn, query, mode, limit, drafts=drafts)


def provenance_of(registry: str, version: Version) -> list:
    """``untk provenance``: each paragraph of a version, agreed, modified or new, with its sources."""
    from toolkit.registry.provenance import provenance
    from toolkit.registry.store import connect

    with contextlib.closing(connect(registry, create=False)) as conn:
        return provenance(conn, version.document)
