"""Indexing resolutions, agreed-language search, provenance and the citation graph."""

from __future__ import annotations

import json
import random
import shutil

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, SEED, shared_path
from resolutions import draft, observed, specs
from toolkit.cli import main
from toolkit.readers import read_document
from toolkit.registry.graph import citation_graph, to_graphml
from toolkit.registry.index import index, parse_file, store
from toolkit.registry.provenance import provenance
from toolkit.registry.search import search
from toolkit.registry.store import connect

REDRAFT = SAMPLES / "redraft-2018-review.md"


@pytest.fixture()
def db(tmp_path):
    conn = connect(tmp_path / "r.sqlite3")
    index(conn, [str(SEED)])
    return conn


def test_index_is_incremental(tmp_path):
    conn = connect(tmp_path / "r.sqlite3")
    copy = tmp_path / "docs" / "A_RES_70_291.txt"
    copy.parent.mkdir()
    shutil.copy(SEED, copy)
    first = index(conn, [str(copy.parent)])
    assert (first.new, first.unchanged) == (1, 0)
    again = index(conn, [str(copy.parent)])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    copy.write_text(copy.read_text().replace("Reiterates its strong", "Reiterates its very strong"))
    changed = index(conn, [str(copy.parent)])
    assert changed.updated == 1
    assert conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 34 + 72
    assert search(conn, "Reiterates its very strong and unequivocal condemnation", "exact")


def test_seed_paragraphs_footnotes_citations_stored(db):
    count = lambda q: db.execute(q).fetchone()[0]  # noqa: E731
    assert count("SELECT count(*) FROM paragraphs") == 34 + 72
    assert count("SELECT count(*) FROM footnotes") == 9
    cited = {row[0] for row in db.execute("SELECT cited_symbol FROM citations")}
    assert {"A/RES/60/288", "A/RES/68/276", "S/RES/1373 (2001)", "S/RES/2178 (2014)"} <= cited


def test_search_finds_a_paragraph_from_a_fragment_with_a_word_changed(db):
    doc = read_document(str(SEED))
    rng = random.Random(5)
    for para in rng.sample(list(doc.paragraphs), 15):
        words = para.text.split()
        start = rng.randrange(0, max(1, len(words) - 14))
        fragment = words[start : start + 14]
        fragment[len(fragment) // 2] = "zzyzx"
        hits = search(db, " ".join(fragment), "near", limit=3)
        assert hits and (hits[0].symbol, hits[0].paragraph) == ("A/RES/70/291", para.id), para.id
        assert hits[0].spans and all(0 <= a < b <= len(hits[0].text) for a, b in hits[0].spans)


def test_exact_mode_needs_the_phrase(db):
    assert [(h.paragraph) for h in search(db, "comprehensive international framework", "exact")] == ["PP31"]
    assert search(db, "comprehensive framework international", "exact") == []


def test_provenance_of_the_redraft(db):
    rows = {r.paragraph: r for r in provenance(db, read_document(str(REDRAFT)))}
    assert rows["PP2"].status == "new"  # the paragraph recalling 70/291 is new
    assert rows["PP1"].status == "agreed" and rows["PP1"].sources[0].symbol == "A/RES/70/291"
    assert rows["OP3"].status == "modified" and "foreign" in rows["OP3"].new_words
    assert rows["OP42"].status == "new"
    assert sum(r.status == "agreed" for r in rows.values()) > 90


def test_graph(db, tmp_path):
    nodes, edges = citation_graph(db)
    assert any(e.source == "A/RES/70/291" and e.target == "A/RES/60/288" for e in edges)
    graphml = to_graphml(nodes, edges)
    import xml.dom.minidom

    parsed = xml.dom.minidom.parseString(graphml)
    assert len(parsed.getElementsByTagName("edge")) == len(edges)


def test_cli_index_search_provenance_graph(tmp_path):
    db = str(tmp_path / "r.sqlite3")
    runner = CliRunner()
    out = runner.invoke(main, ["index", str(SAMPLES), "--db", db])
    assert out.exit_code == 0 and "2 new" in out.output
    hits = json.loads(runner.invoke(main, ["search", "prevent refugee status from being abused", "--db", db, "--format", "json"]).output)
    assert {"symbol", "paragraph", "date", "score", "text"} <= set(hits[0])
    assert runner.invoke(main, ["search", "qqqq wwww", "--db", db]).exit_code == 1
    prov = json.loads(runner.invoke(main, ["provenance", str(REDRAFT), "--db", db, "--format", "json"]).output)
    assert {p["status"] for p in prov} <= {"agreed", "modified", "new"}
    assert all(set(p) == {"paragraph", "status", "sources", "new_words"} for p in prov)
    assert "<graphml" in runner.invoke(main, ["graph", "--db", db]).output
    assert runner.invoke(main, ["search", "x", "--db", str(tmp_path / "none.sqlite3")]).exit_code == 2


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs())
def test_documents_round_trip_through_the_store(tmp_path, spec):
    """What the index stores of a document reads back as the document's paragraphs and notes."""
    path = tmp_path / "doc.md"
    path.write_text(draft(spec))
    conn = connect(tmp_path / f"r{abs(hash(spec)) % 10**9}.sqlite3")
    parsed = parse_file(str(path))
    store(conn, parsed)
    doc = read_document(str(path))
    rows = conn.execute("SELECT element, text FROM paragraphs ORDER BY position").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(e.id, e.text) for e in doc.walk()]
    notes = conn.execute("SELECT number, text FROM footnotes ORDER BY id").fetchall()
    assert [tuple(n) for n in notes] == observed(doc)["notes"]


def test_index_the_security_council_corpus_with_jobs(tmp_path):
    folder = shared_path("corpus", "unsc")
    conn = connect(tmp_path / "r.sqlite3")
    result = index(conn, [str(folder)], jobs=2)
    assert result.new + result.updated >= 898 and not result.failed
    assert search(conn, "Decides to remain seized of the matter", "exact", limit=1)


def test_index_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="needs dask[distributed]")
    files = []
    for i in range(3):
        path = tmp_path / f"d{i}.md"
        path.write_text(f"---\norgan: General Assembly\nsymbol: A/RES/75/{i + 1}\n---\n\nThe General Assembly,\n\n1. Decides to consider item {i} at a later session.\n")
        files.append(str(path))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        conn = connect(tmp_path / "r.sqlite3")
        result = index(conn, files, scheduler=cluster.scheduler_address)
    assert result.new == 3
    assert {r[0] for r in conn.execute("SELECT symbol FROM documents")} == {"A/RES/75/1", "A/RES/75/2", "A/RES/75/3"}
