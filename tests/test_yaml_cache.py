"""Rule packs parsed once: the cached YAML data is the data of that very text, or nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SEED
from toolkit.checks import packs, yaml_cache

PACK = """\
pack: house
rules:
  - id: house-no-etc
    kind: pattern
    category: terminology
    severity: warning
    message: "avoid {match}"
    description: No etc.
    options: {patterns: ['etc\\.']}
    examples:
      fail: ["1. Decides etc.;"]
      pass: ["1. Decides;"]
"""


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache in a folder of its own, as a new process sees it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("UNTK_NO_CACHE", raising=False)

    def restart() -> None:
        yaml_cache.TABLE.forget()

    restart()
    yield restart
    restart()


def counting(parse):
    calls = []

    def wrapped(text):
        calls.append(text)
        return parse(text)

    return wrapped, calls


def test_a_text_parsed_once_is_read_back_from_the_cache(fresh):
    parse, calls = counting(lambda text: {"text": text, "items": [1, 2.5, None, True]})
    first = yaml_cache.parsed("a: 1", parse)
    yaml_cache.save()
    fresh()
    again = yaml_cache.parsed("a: 1", parse)
    assert again == first and len(calls) == 1
    assert os.path.isfile(yaml_cache.cache_file())


def test_an_edited_text_is_parsed_afresh(fresh):
    parse, calls = counting(lambda text: {"text": text})
    yaml_cache.parsed("severity: warning", parse)
    yaml_cache.save()
    fresh()
    assert yaml_cache.parsed("severity: error", parse) == {"text": "severity: error"}
    assert calls == ["severity: warning", "severity: error"]


def test_each_caller_gets_its_own_copy(fresh):
    data = yaml_cache.parsed("x", lambda text: {"rules": [{"id": "a"}]})
    data["rules"].append("changed")
    assert yaml_cache.parsed("x", lambda text: pytest.fail("parsed again")) == {"rules": [{"id": "a"}]}


def test_data_marshal_cannot_keep_is_parsed_every_time(fresh):
    import datetime as dt

    parse, calls = counting(lambda text: {"date": dt.date(2016, 7, 1)})
    assert yaml_cache.parsed("date: 2016-07-01", parse) == yaml_cache.parsed("date: 2016-07-01", parse)
    assert len(calls) == 2


def test_a_damaged_cache_file_is_ignored(fresh):
    yaml_cache.parsed("a", lambda text: 1)
    yaml_cache.save()
    path = yaml_cache.cache_file()
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) // 2)
    fresh()
    assert yaml_cache.parsed("a", lambda text: 2) == 2
    with open(path, "wb") as handle:
        handle.write(b"not a cache")
    fresh()
    assert yaml_cache.parsed("a", lambda text: 3) == 3


def test_an_unwritable_cache_is_done_without(tmp_path, fresh, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("in the way of the cache folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert yaml_cache.parsed("a", lambda text: 1) == 1
    yaml_cache.save()  # no error
    assert not os.path.isdir(blocker)


def test_turned_off_nothing_is_written(tmp_path, fresh, monkeypatch):
    monkeypatch.setenv("UNTK_NO_CACHE", "1")
    yaml_cache.parsed("a", lambda text: 1)
    yaml_cache.save()
    assert list(tmp_path.iterdir()) == []


def test_packs_read_through_the_cache_are_the_packs(fresh):
    direct = packs.parse_pack(PACK, "house.yaml")
    yaml_cache.save()
    fresh()
    assert packs.parse_pack(PACK, "house.yaml") == direct
    assert packs.load_bundled() == packs.load_bundled()


def test_a_yaml_error_is_reported_every_time(fresh):
    for _ in range(2):
        with pytest.raises(packs.ConfigError, match=r"bad\.yaml:\d+:\d+: not valid YAML"):
            packs.parse_pack("pack: x\nrules: [\n", "bad.yaml")


def test_a_check_started_anew_does_not_import_yaml(tmp_path):
    """The second run of the hook reads the packs from the cache (PyYAML is never imported)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("UNTK_NO_CACHE", None)
    probe = (
        "import sys; from toolkit.cli import main\n"
        "try: main(['check', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    runs = [subprocess.run([sys.executable, "-c", probe, str(SEED)], cwd=ROOT, env=env, capture_output=True, text=True)
            for _ in range(2)]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout


def test_a_pyproject_table_is_read_afresh_when_edited(fresh, tmp_path):
    from toolkit.checks import config as configuration

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.untk]\nfail-on = "warning"\n', encoding="utf-8")
    assert configuration.load(pyproject).fail_on == "warning"
    yaml_cache.save()
    fresh()
    assert configuration.load(pyproject).fail_on == "warning"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.untk]\nfail-on = "info"\n', encoding="utf-8")
    assert configuration.load(pyproject).fail_on == "info"
    pyproject.write_text('[tool.untk\nfail-on = "info"\n', encoding="utf-8")
    with pytest.raises(packs.ConfigError, match="pyproject.toml: cannot read"):
        configuration.load(pyproject)


def test_the_same_text_in_another_language_is_another_entry(fresh):
    assert yaml_cache.parsed("a = 1", lambda text: "as YAML") == "as YAML"
    assert yaml_cache.parsed("a = 1", lambda text: "as TOML", form="toml") == "as TOML"
