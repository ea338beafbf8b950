"""Patterns built from the cache are the patterns re.compile gives: same code, groups and matches."""

from __future__ import annotations

import re

import pytest

from toolkit import patterns

CASES = [
    (r"\b(?P<day>[0-3]?\d)\s+(?P<month>January|February)\s+(?P<year>20\d\d)\b", 0),
    (r"resolutions?\s+(\d+)/(\d+)(?:\s+([A-Z])\b)?", re.IGNORECASE),
    (r"""
        (?P<organ> General\ Assembly | Security\ Council )  # the organ
        \s+ resolution
    """, re.VERBOSE),
    (r"^\t(\d+)\.\s*(?=\S)", re.MULTILINE),
    (r"[\u2018\u2019'](?:[^\u2019']+)[\u2019']|é+", re.UNICODE | re.DOTALL),
    (r"(a)|(?P<b>b)(?(1)c|d)", 0),
]
TEXT = "On 1 July 2016 the General Assembly  resolution 70/291 A\n\t5.  Decides ‘quoted’ ééé abd"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("UNTK_NO_CACHE", raising=False)
    patterns.TABLE.forget()
    yield patterns.TABLE
    patterns.TABLE.forget()


@pytest.mark.parametrize("pattern,flags", CASES)
def test_a_pattern_from_the_cache_equals_the_compiled_one(cache, pattern, flags):
    expected = re.compile(pattern, flags)
    first = patterns.compile(pattern, flags)
    cache.save()
    cache.forget()  # as the next process: read back from the file
    if patterns._SUPPORTED:
        assert cache.get((pattern, int(flags))) is not None
    again = patterns.compile(pattern, flags)
    for got in (first, again):
        assert got == expected  # same flags, pattern and engine code
        assert (got.groups, dict(got.groupindex), got.flags) == (expected.groups, dict(expected.groupindex), expected.flags)
        assert [m.span() for m in got.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]


def test_a_damaged_entry_is_compiled_again(cache):
    if not patterns._SUPPORTED:
        pytest.skip("this interpreter compiles every pattern the ordinary way")
    pattern = r"(?P<n>\d+)/(\d+)"
    patterns.compile(pattern)
    cache.put((pattern, 0), (0, [1, 2, 3], 0, {}, ()))  # code the engine refuses
    assert patterns.compile(pattern) == re.compile(pattern)
    cache.put((pattern, 0), "not arguments")
    assert patterns.compile(pattern) == re.compile(pattern)


def test_a_damaged_file_is_ignored(cache):
    patterns.compile(r"\d+")
    cache.save()
    with open(cache.path(), "r+b") as handle:
        handle.seek(20)
        handle.write(b"\xff" * 40)
    cache.forget()
    assert patterns.compile(r"\d+") == re.compile(r"\d+")


def test_bytes_and_debug_patterns_go_to_re(cache):
    assert patterns.compile(rb"\d+") == re.compile(rb"\d+")
    assert cache.get((rb"\d+", 0)) is None


def test_turned_off_nothing_is_written(cache, monkeypatch, tmp_path):
    monkeypatch.setenv("UNTK_NO_CACHE", "1")
    cache.forget()
    assert patterns.compile(r"x+") == re.compile(r"x+")
    cache.save()
    assert list(tmp_path.iterdir()) == []
