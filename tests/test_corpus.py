"""The 902 Security Council resolutions of ../shared/corpus/unsc (skipped when absent)."""

from __future__ import annotations

import re

import pytest

from conftest import shared_path
from toolkit.readers import read_document

_JOB_NUMBER = re.compile(r"\b\d{2}-\d{5} \(E\)")


@pytest.fixture(scope="module")
def corpus():
    folder = shared_path("corpus", "unsc")
    files = sorted(folder.glob("S_RES_*_EN_GOLD.txt"))
    assert len(files) == 902
    return [(path, read_document(str(path))) for path in files]


#: Markers the corpus files keep although their notes were lost in the scan.
LOST_NOTES = {("S_RES_0143_1960_EN_GOLD.txt", "PP2", 7)}


def _expected_symbol(path) -> str:
    m = re.match(r"S_RES_(\d+)_(\d{4})", path.name)
    return f"S/RES/{int(m[1])} ({m[2]})"


def test_at_least_880_parse_with_symbol_date_and_an_operative_paragraph(corpus):
    good = [
        path
        for path, doc in corpus
        if doc.metadata.symbol == _expected_symbol(path) and doc.metadata.adoption_date and doc.operative
    ]
    assert len(good) >= 880, f"{len(good)} of {len(corpus)}"


def test_adoption_year_matches_the_symbol(corpus):
    for path, doc in corpus:
        m = doc.metadata
        if m.symbol and m.adoption_date and m.symbol == _expected_symbol(path):
            assert str(m.adoption_date.year) in m.symbol, path.name


def test_page_furniture_never_reaches_a_paragraph(corpus):
    for path, doc in corpus:
        for element in doc.walk():
            assert not _JOB_NUMBER.search(element.text), (path.name, element.id)
            assert "Distr.: General" not in element.text, (path.name, element.id)


def test_markers_point_at_existing_footnotes_and_into_the_source(corpus):
    for path, doc in corpus:
        numbers = {n.number for n in doc.footnotes}
        source = path.read_text(encoding="utf-8")
        for element in doc.walk():
            for marker in element.markers:
                at = source[marker.location.offset : marker.location.offset + 6]
                assert str(marker.number) in at, (path.name, element.id, marker)
                # A marker stands without its note only when unmistakable ("1/") or when it fits the
                # marker sequence: S/RES/143 (1960) "Congo,7", whose note 7 the file lost.
                lost = (path.name, element.id, marker.number) in LOST_NOTES
                assert marker.number in numbers or f"{marker.number}/" in at or lost, (path.name, element.id, marker)


def test_paragraphs_follow_source_order(corpus):
    for path, doc in corpus:
        starts = [p.span.start.offset for p in doc.paragraphs]
        assert starts == sorted(starts), path.name
