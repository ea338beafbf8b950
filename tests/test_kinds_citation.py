"""The citation, symbol, date and metadata kinds and their packs (DOMAIN.md §2, §3, §6).

Findings are compared by (rule, paragraph) only, so wording can change freely.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, SAMPLES, shared_path
from toolkit.checks.context import Context
from toolkit.checks.engine import check
from toolkit.checks.examples import document_of, run_all
from toolkit.checks.finding import severity_rank
from toolkit.checks.packs import parse_pack
from toolkit.checks.rule import Example
from toolkit.readers import parse_text, read_document

PACKS = {"citations": "citation", "symbols": "symbol", "dates": "date", "metadata": "metadata"}
RULES = [rule for name in PACKS for rule in parse_pack((ROOT / "rules" / f"{name}.yaml").read_text(encoding="utf-8"), f"rules/{name}.yaml")]
BY_ID = {rule.id: rule for rule in RULES}
REGISTRY_RULES = [r for r in RULES if r.options.get("check", "").startswith("registry-")]


class FakeRegistry:
    """What the SQLite registry will answer: ``lookup(symbol)`` -> None or an entry."""

    def __init__(self, entries):
        self.entries = {e.symbol: e for e in entries}
        self.asked: list[str] = []

    def lookup(self, symbol):
        self.asked.append(symbol)
        return self.entries.get(symbol)

    def evidence(self, symbol, exclude=None):
        """Dates two adopted texts state for a consensus resolution the list lacks."""
        if symbol != "A/RES/68/276":
            return []
        cited = [("A/RES/72/284", "PP2"), ("A/RES/75/291", "PP3")]
        return [SimpleNamespace(citing=c, element=e, date=dt.date(2014, 6, 13)) for c, e in cited if c != exclude]


def entry(symbol, date, title=None):
    return SimpleNamespace(symbol=symbol, adoption_date=date, title=title)


REGISTRY = FakeRegistry(
    [
        entry("S/RES/1373 (2001)", dt.date(2001, 9, 28)),
        entry("S/RES/1624 (2005)", dt.date(2005, 9, 14)),
        entry("S/RES/2178 (2014)", dt.date(2014, 9, 24)),
        entry("A/RES/60/288", dt.date(2006, 9, 8), "The United Nations Global Counter-Terrorism Strategy : resolution / adopted by the General Assembly"),
        entry("A/RES/70/254", dt.date(2016, 2, 12), "Secretary-General's Plan of Action to Prevent Violent Extremism"),
        entry("A/RES/217 (III) A", dt.date(1948, 12, 10), "Universal Declaration of Human Rights"),
    ]
)


def findings(text: str, rules=None, registry=None) -> set[tuple[str, str | None]]:
    """(rule, paragraph) of every finding of our packs on a fragment or a whole draft."""
    doc = document_of(Example(textwrap.dedent(text), fails=True))
    report = check(doc, rules or RULES, Context(registry=registry))
    return {(f.rule, f.paragraph) for f in report.findings}


# ---------------------------------------------------------------------------
# The packs and their own examples


def test_packs_parse_and_follow_the_conventions():
    assert len(RULES) == len(BY_ID), "rule ids are unique"
    for rule in RULES:
        prefix = {"citation": "citation-", "symbol": "symbol-", "date": "date-", "metadata": "metadata-"}[rule.category]
        assert rule.id.startswith(prefix) and rule.id == rule.id.lower(), rule.id
        assert rule.kind == PACKS[rule.pack], rule.id
        assert any(e.fails for e in rule.examples) and any(not e.fails for e in rule.examples), rule.id
        assert rule.description and rule.message


def test_every_example_without_a_registry():
    outcomes = run_all([r for r in RULES if r not in REGISTRY_RULES])
    bad = [(o.rule.id, o.example.text[:60], o.detail) for o in outcomes if not o.ok]
    assert not bad


@pytest.mark.parametrize("rule", REGISTRY_RULES, ids=lambda r: r.id)
@pytest.mark.parametrize("registry", ["fake", "example_context"])
def test_registry_examples_with_a_registry(rule, registry):
    """With a registry, as ``example_context`` (the kind's hook for running its own examples) gives one."""
    from toolkit.checks.kinds import citation

    for example in rule.examples:
        context = Context(registry=REGISTRY) if registry == "fake" else citation.example_context(rule)
        report = check(document_of(example), [rule], context)
        assert bool(report.findings) == example.fails, (example.text, [f.message for f in report.findings])


@pytest.mark.parametrize("rule", REGISTRY_RULES, ids=lambda r: r.id)
def test_registry_rules_skip_without_a_registry(rule):
    example = next(e for e in rule.examples if e.fails)
    report = check(document_of(example), [rule], Context())
    assert report.findings == () and report.skipped == (rule.id,)


# ---------------------------------------------------------------------------
# The bundled samples


def test_the_seed_gives_nothing_above_info(seed_doc):
    report = check(seed_doc, RULES, Context())
    assert [f for f in report.findings if severity_rank(f.severity) > 0] == []


def test_the_seed_with_a_registry_gives_only_info(seed_doc):
    report = check(seed_doc, RULES, Context(registry=REGISTRY))
    assert {f.severity for f in report.findings} <= {"info"}
    unknown = {f.message.split()[0] for f in report.findings if f.rule == "citation-registry-unknown"}
    assert "A/RES/60/288" not in unknown and "A/RES/68/276" in unknown


def test_the_redraft_shows_its_stale_dates():
    """A draft for session 72 without an adoption date that copies last time's deadlines."""
    doc = read_document(str(SAMPLES / "redraft-2018-review.md"))
    got = {(f.rule, f.paragraph, f.severity) for f in check(doc, RULES, Context()).findings}
    assert got == {
        ("date-deadline-before-adoption", "OP72", "error"),  # "by May 2017": before session 72 opens
        ("date-session-before-adopting", "OP72", "error"),  # "during its seventy-first session"
        ("date-deadline-before-session", "OP74", "warning"),  # "by June 2018" for the seventy-fourth session
    }


# ---------------------------------------------------------------------------
# Table tests per kind: fragment -> {(rule, paragraph)}

CITATION_CASES = [
    ("1. Recalls its resolution 31/16A;", {("citation-part-letters", "OP1"), ("citation-first-mention-date", "OP1")}),
    ("1. Recalls its resolution 60/288 of 8 September 2006 and Security Council resolution 1373(2001) of 28 September 2001;", {("citation-form", "OP1")}),
    ("1. Recalls A/RES/60/288;", {("citation-symbol-in-text", "OP1")}),
    ("Recalling its resolution 60/288 of 8 September 2006,[^1]\n\n1. Decides to act.\n\n[^1]: A/RES/60/288.", set()),
    ("1. Recalls its resolution 68/276 of 13 June 2015;", {("citation-session-calendar", "OP1")}),
    ("1. Recalls its resolution ES-10/2 of 25 April 1997 and resolution S-8/1 of 1 May 1985;", set()),
    ("1. Recalls Security Council resolution 2178 (2014) of 24 September 2015;", {("citation-sc-year-mismatch", "OP1")}),
    ("1. Recalls its resolution 70/254 of 29 February 2015;", {("citation-impossible-date", "OP1")}),
    (
        "Recalling its resolution 60/288 of 8 September 2006,\n\n1. Recalls resolution 60/288 and its resolution 66/10;",
        {("citation-first-mention-date", "OP1")},
    ),
    ("1. Recalls Human Rights Council resolutions 5/1 and 5/2 of 18 June 2007;", set()),
    ("1. Recalls its resolutions 62/272 of 5 September 2008, 64/297 and 66/282 of 29 June 2012;", {("citation-first-mention-date", "OP1")}),
    ("1. Recalls its resolution 70/300 of 10 September 2016;", {("citation-after-adoption", "OP1")}),
    ("1. Recalls its resolution 71/1 of 19 September 2016;", {("citation-after-adoption", "OP1")}),
    ("1. Recalls its resolution 68/1 of 19 September 2014;", {("citation-session-calendar", "OP1")}),
    ("1. Recalls its resolution 2178 (2014) of 24 September 2014;", {("citation-organ-mismatch", "OP1")}),
    ("1. Recalls resolution 1373 (2001) of 28 September 2001;", {("citation-unnamed-organ", "OP1")}),
    (
        "1. Recalls Security Council resolutions 1373 (2001) of 28 September 2001 and 1624 (2005) of 14 September 2005, and Council resolution 2129 (2013) of 17 December 2013;",
        set(),
    ),
    ("1. Recalls its resolution 25/2625 of 24 October 1970;", {("citation-session-style", "OP1")}),
    ("1. Notes article 12, rule 78, agenda item 118, target 16.2 of the 2030 Agenda, COVID-19, paragraph 5 bis, 8.5 km and 1 per cent;", set()),
]


@pytest.mark.parametrize("text, expected", CITATION_CASES, ids=[c[0][:50] for c in CITATION_CASES])
def test_citation_kind(text, expected):
    assert findings(text) == expected


def test_registry_findings():
    text = """\
        Recalling its resolution 60/288 of 8 September 2006, entitled "The Global Strategy",

        1. Recalls Security Council resolutions 1373 (2001) of 27 September 2001 and 9999 (2001) of 1 January 2001;
        """
    assert findings(text, registry=REGISTRY) == {
        ("citation-registry-title-mismatch", "PP1"),
        ("citation-registry-date-mismatch", "OP1"),
        ("citation-registry-unknown", "OP1"),
    }
    # each part of "53/243 A and B" is looked up on its own, then the resolution as a whole
    registry = FakeRegistry([])
    findings("1. Recalls its resolutions 53/243 A and B of 15 September 1999;", [BY_ID["citation-registry-unknown"]], registry)
    assert registry.asked == ["A/RES/53/243 A", "A/RES/53/243", "A/RES/53/243 B", "A/RES/53/243"]
    registry = FakeRegistry([entry("S/RES/161 (1961)", dt.date(1961, 2, 21))])
    assert findings("1. Recalls Security Council resolution 161 A (1961) of 21 February 1961;", [BY_ID["citation-registry-unknown"]], registry) == set()


def test_with_the_sqlite_registry(tmp_path):
    """The real registry answers the symbols the extractor writes, in the library's spelling too."""
    from toolkit.registry.importer import import_csv
    from toolkit.registry.lookup import Registry
    from toolkit.registry.store import connect

    csv = tmp_path / "list.csv"
    csv.write_text(
        "symbol,vote_date,title\n"
        "S/RES/1373(2001),2001-09-28,Security Council resolution 1373 (2001) [on threats to international peace]\n"
        "A/RES/217(III)[A],1948-12-10,International Bill of Human Rights : Universal Declaration of Human Rights : resolution / adopted by the General Assembly\n",
        encoding="utf-8",
    )
    conn = connect(tmp_path / "registry.sqlite3")
    import_csv(conn, csv)
    registry = Registry(conn)
    text = """\
        Recalling the Universal Declaration of Human Rights, resolution 217 A (III) of 10 December 1948, entitled "Universal Declaration of Human Rights",

        1. Recalls Security Council resolution 1373 (2001) of 29 September 2001 and its resolution 60/288 of 8 September 2006;
        """
    assert findings(text, registry=registry) == {
        ("citation-registry-date-mismatch", "OP1"),  # 1373 (2001) was adopted on 28 September
        ("citation-registry-unknown", "OP1"),  # 60/288 was adopted without a vote: not in the list
    }


SYMBOL_CASES = [
    ("1. Takes note of document A/70/L55;", {("symbol-malformed", "OP1")}),
    ("1. Takes note of the report (A//70/674);", {("symbol-malformed", "OP1")}),
    ("1. Takes note of the report (A/70/l.55);", {("symbol-malformed", "OP1")}),
    ("1. Takes note of the report (A/70/826/Add2);", {("symbol-malformed", "OP1")}),
    ("1. Takes note of S/RES/1373/2001;", {("symbol-malformed", "OP1"), ("citation-symbol-in-text", "OP1")}),
    ("1. Takes note of resolution A/RES/70/291.", {("citation-symbol-in-text", "OP1")}),
    (
        "1. Takes note of documents A/70/L.55, A/HRC/25/59, A/C.3/78/L.41, A/65/456/Add.2 (Part II), "
        "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1, S/2015/123, UNEP/OzL.Pro.31/9 and CRC/C/GC/25;",
        set(),
    ),
    ("1. Takes note of the report (A/70/826 and A/70/826/Corr.1);", {("symbol-shortened-suffix", "OP1")}),
    ("1. Takes note of the reports (A/70/826/Add.1 and A/70/826/Add.2);", {("symbol-shortened-suffix", "OP1")}),
    ("1. Takes note of the reports (A/70/826 and Corr.1, and A/70/827);", set()),
    (
        "Recalling the report,[^1]\n\n1. Decides to act.\n\n[^1]: Official Records of the General Assembly, Seventieth Session, Supplement No. 53 (A/70/53).",
        set(),
    ),
    (
        "Recalling the report,[^1]\n\n1. Decides to act.\n\n[^1]: Official Records of the General Assembly, Seventy-first Session, Supplement No. 53 (A/70/53).",
        {("symbol-official-records-mismatch", "FN1")},
    ),
]


@pytest.mark.parametrize("text, expected", SYMBOL_CASES, ids=[c[0][:50] for c in SYMBOL_CASES])
def test_symbol_kind(text, expected):
    assert findings(text) == expected


DATE_CASES = [
    ("1. Decides to meet on July 1, 2017;", {("date-format", "OP1")}),
    ("1. Decides to meet on 1st July 2017;", {("date-format", "OP1")}),
    ("1. Decides to meet on 1 July, 2017;", {("date-format", "OP1")}),
    ("1. Decides to meet on 7 and 8 April 2017 and in May 2017;", set()),
    ("1. Decides to meet on 31 June 2017;", {("date-impossible", "OP1")}),
    ("1. Requests a report by June 2016;", {("date-deadline-before-adoption", "OP1")}),
    ("1. Requests a report no later than 30 April 2016;", {("date-deadline-before-adoption", "OP1")}),
    ("1. Requests a report by the end of 2015;", {("date-deadline-before-adoption", "OP1")}),
    ("1. Requests a report by July 2016, by 1 July 2016 and by 2030;", set()),
    ("Taking note of the request to report by 30 April 2015,\n\n1. Decides to act.", set()),
    ("1. Notes the measures taken by 2015 levels and the meeting held on 7 April 2015;", set()),
    ("1. Decides to include in the provisional agenda of its sixty-ninth session the item;", {("date-session-before-adopting", "OP1")}),
    ("1. Requests a report to the General Assembly at its sixty-ninth session;", {("date-session-before-adopting", "OP1")}),
    ("1. Requests the Commission on the Status of Women to consider the matter at its sixtieth session;", set()),
    ("1. Takes note of the report of the International Law Commission on the work of its sixty-seventh session;", set()),
    ("1. Recalls the decision adopted at its sixty-ninth session;", set()),
    ("1. Requests a report to the General Assembly at its seventieth session and at its seventy-first session;", set()),
    (
        "1. Decides to include in the provisional agenda of its seventy-fourth session the item in order to undertake, by June 2018, an examination;",
        {("date-deadline-before-session", "OP1")},
    ),
    ("1. Requests a report by May 2019 for consideration at its seventy-fourth session;", set()),
]


@pytest.mark.parametrize("text, expected", DATE_CASES, ids=[c[0][:50] for c in DATE_CASES])
def test_date_kind(text, expected):
    assert findings(text) == expected


def draft(front: str, body: str = "1. Decides to remain seized of the matter.") -> str:
    return f"---\n{textwrap.dedent(front).strip()}\n---\n\nThe General Assembly,\n\n{body}\n"


METADATA_CASES = [
    ("organ: General Assembly\nsession: Seventieth session\nnumber: 70/291\ndraft: A/70/L.55\nadopted: 2016-07-01\nmeeting: 110th plenary meeting", set()),
    ("organ: General Assembly\nsession: Seventy-first session\nnumber: 70/291\ndraft: A/70/L.55", {("metadata-session-mismatch", None)}),
    ("organ: General Assembly\nsession: Seventieth session\nnumber: 70/291\ndraft: A/71/L.55", {("metadata-session-mismatch", None)}),
    ("organ: General Assembly\nsymbol: A/RES/70/291\nnumber: 70/290", {("metadata-number-mismatch", None)}),
    ("organ: General Assembly\nnumber: 70/291\nadopted: 2015-07-01", {("metadata-adoption-outside-session", None)}),
    ("organ: General Assembly\nsession: Tenth emergency special session\nnumber: ES-10/19\nadopted: 2017-12-21", set()),
    ("organ: Security Council\nsymbol: S/RES/1373 (2001)\nadopted: 2001-09-28\nmeeting: 4385th meeting", set()),
    ("organ: Security Council\nsymbol: S/RES/1373 (2001)\nadopted: 2002-01-28", {("metadata-year-mismatch", None)}),
    ("organ: General Assembly\nsymbol: S/RES/1373 (2001)", {("metadata-organ-mismatch", None)}),
    ("organ: General Assembly\nnumber: 70/291\nmeeting: 110 plenary meeting", {("metadata-meeting-figures", None)}),
    ("organ: General Assembly\nnumber: 70/291\nmeeting: 52d plenary meeting", set()),
    ("organ: General Assembly\nsession: Seventy-second session", set()),  # a draft: nothing to compare
]


@pytest.mark.parametrize("front, expected", METADATA_CASES, ids=[c[0].replace("\n", " ")[:60] for c in METADATA_CASES])
def test_metadata_kind(front, expected):
    got = findings(draft(front))
    assert {f for f in got if f[0].startswith("metadata-")} == expected


def test_fixes_rewrite_the_source():
    text = draft("organ: General Assembly\nnumber: 70/291\nadopted: 2016-07-01", "1. Recalls its resolution 31/16A, A/RES/60/288 and a meeting on July 1, 2016;")
    doc = parse_text(text, path="<fix>")
    fixes = {f.rule: (text[f.fix.start : f.fix.end], f.fix.replacement) for f in check(doc, RULES, Context()).findings if f.fix}
    assert fixes["citation-part-letters"] == ("31/16A", "31/16 A")
    assert fixes["citation-symbol-in-text"] == ("A/RES/60/288", "resolution 60/288")
    assert fixes["date-format"] == ("July 1, 2016", "1 July 2016")


# ---------------------------------------------------------------------------
# The Security Council corpus: nothing crashes, and what is found is few and real


@pytest.fixture(scope="module")
def unsc():
    folder = shared_path("corpus", "unsc")
    return [(path.name, read_document(str(path))) for path in sorted(Path(folder).glob("S_RES_*_EN_GOLD.txt"))]


@pytest.mark.corpus
def test_the_security_council_corpus(unsc):
    counts: dict[str, int] = {}
    for name, doc in unsc:
        for f in check(doc, RULES, Context(registry=FakeRegistry([]))).findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    # Reviewed by hand: typos and scanning errors of the texts themselves ("194(1964)",
    # "274 (1959) of 11 December 1969", "2145 (XXII) of 27 October 1966", "2773th meeting").
    assert counts.get("citation-form", 0) <= 20
    assert counts.get("citation-sc-year-mismatch", 0) <= 3
    assert counts.get("citation-session-calendar", 0) <= 3
    assert counts.get("metadata-meeting-figures", 0) <= 12
    for rule in ("citation-organ-mismatch", "citation-after-adoption", "date-deadline-before-adoption", "date-format", "metadata-session-mismatch"):
        assert counts.get(rule, 0) <= 1, (rule, counts.get(rule))


def test_citations_are_found_once_per_document(seed_doc, monkeypatch):
    """Every citation rule reads one table per document, not a size-capped cache."""
    import toolkit.checks.kinds.citation as citation_kind

    calls = []
    real = citation_kind.find_citations
    monkeypatch.setattr(citation_kind, "find_citations", lambda text, organ=None: calls.append(text) or real(text, organ))
    citation_kind._found[:] = [None, {}]
    rules = [r for r in RULES if r.kind == "citation"]
    assert len(rules) > 1
    check(seed_doc, rules, Context(registry=REGISTRY))
    assert len(calls) == len(set(calls)) > 0
