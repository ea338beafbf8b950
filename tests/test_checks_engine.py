"""The rule engine: bundled rules and their examples, configuration, inline disables, outputs."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import SEED, load_schema, shared_path
from toolkit.checks import config as configuration
from toolkit.checks.engine import check
from toolkit.checks.examples import run_example
from toolkit.checks.packs import ConfigError, load_bundled, parse_pack
from toolkit.cli import main
from toolkit.readers import parse_text

RULES = load_bundled()
EXAMPLES = [(r, i, e) for r in RULES for i, e in enumerate(r.examples)]


@pytest.mark.parametrize("rule,index,example", EXAMPLES, ids=[f"{r.id}-{'fail' if e.fails else 'pass'}{i}" for r, i, e in EXAMPLES])
def test_rule_example(rule, index, example):
    outcome = run_example(rule, example)
    assert outcome.ok, outcome.detail


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_failing_and_passing_examples(rule):
    assert any(e.fails for e in rule.examples) and any(not e.fails for e in rule.examples)
    assert rule.description and rule.message


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


DRAFT = textwrap.dedent(
    """\
    ---
    organ: General Assembly
    ---

    The General Assembly,

    Recalling the work of the Counter-Terrorism Committee,

    1. Encourages the CounterTerrorism Implementation Task Force to continue;

    2. Requests the Secretary General to report.
    """
)


def findings_of(text: str, rules=None):
    return [(f.rule, f.paragraph) for f in check(parse_text(text), rules or RULES).findings]


def test_seed_has_no_error_and_its_real_defects_are_found():
    report = check(parse_text(SEED.read_text()), configuration.load().rules)
    assert not [f for f in report.findings if f.severity == "error"]
    above_info = sorted((f.rule, f.paragraph) for f in report.findings if f.severity != "info")
    assert above_info == [
        ("terminology-lost-hyphen", "OP63"),
        ("terminology-lost-hyphen", "OP64"),
        ("terminology-lost-hyphen", "PP16"),
    ]


def test_inline_disables(tmp_path):
    base = findings_of(DRAFT)
    assert ("terminology-lost-hyphen", "OP1") in base and ("terminology-un-variant", "OP2") in base
    nxt = DRAFT.replace("1. Encourages", "<!-- untk: disable-next=terminology-lost-hyphen -->\n1. Encourages")
    assert ("terminology-lost-hyphen", "OP1") not in findings_of(nxt)
    assert ("terminology-un-variant", "OP2") in findings_of(nxt)
    ranged = DRAFT.replace("1. Encourages", "<!-- untk: disable -->\n\n1. Encourages").replace("2. Requests", "<!-- untk: enable -->\n\n2. Requests")
    assert findings_of(ranged) == [("terminology-un-variant", "OP2")]
    whole = DRAFT + "\n<!-- untk: disable-file=terminology-un-variant -->\n"
    assert ("terminology-un-variant", "OP2") not in findings_of(whole)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def test_config_found_upward_and_applied(tmp_path):
    draft = write(tmp_path / "a" / "b" / "draft.md", DRAFT)
    assert configuration.find_config(draft) is None
    write(tmp_path / "a" / ".untk.yaml", "rules:\n  terminology-un-variant: off\n  terminology-lost-hyphen: {severity: error}\n")
    found = configuration.find_config(draft)
    assert found == tmp_path / "a" / ".untk.yaml"
    cfg = configuration.load(found)
    ids = {r.id: r for r in cfg.rules}
    assert "terminology-un-variant" not in ids and ids["terminology-lost-hyphen"].severity == "error"
    result = run("check", draft)
    assert result.exit_code == 1 and "error [terminology-lost-hyphen]" in result.output
    assert "terminology-un-variant" not in result.output


def test_pyproject_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.untk]\nfail-on = "warning"\n[tool.untk.packs]\nterminology = true\n')
    draft = write(tmp_path / "draft.md", DRAFT)
    assert configuration.find_config(draft) == tmp_path / "pyproject.toml"
    assert configuration.load(tmp_path / "pyproject.toml").fail_on == "warning"


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour: red\n", "unknown key 'colour'"),
        ("rules:\n  no-such-rule: off\n", "no rule 'no-such-rule'"),
        ("rules:\n  terminology-lost-hyphen: {severity: fatal}\n", "severity 'fatal'"),
        ("rules:\n  terminology-lost-hyphen: {options: {bogus: 1}}\n", "unknown option 'bogus'"),
        ("rules:\n  terminology-lost-hyphen: {options: {hyphenation: yes please}}\n", "must be bool"),
        ("packs:\n  nonsense: false\n", "no rule pack named 'nonsense'"),
        ("extends: nowhere.yaml\n", "cannot read configuration"),
        ("rules: [\n", "not valid YAML"),
    ],
)
def test_bad_configuration_is_one_line_exit_2(tmp_path, text, message):
    cfg = write(tmp_path / ".untk.yaml", text)
    draft = write(tmp_path / "draft.md", DRAFT)
    result = run("check", draft)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("untk: error:") and message in lines[0]
    assert str(cfg) in lines[0] or "nowhere" in lines[0]


def test_presets_and_fail_on(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    assert run("check", draft).exit_code == 0  # warnings only, default fail-on error
    assert run("check", draft, "--fail-on", "warning").exit_code == 1
    write(tmp_path / ".untk.yaml", "extends: strict\n")
    assert run("check", draft).exit_code == 1


def test_select_and_ignore(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    only = run("check", draft, "--select", "terminology-un-variant", "--format", "json")
    rules = {f["rule"] for f in json.loads(only.output)["files"][0]["findings"]}
    assert rules == {"terminology-un-variant"}
    ignored = run("check", draft, "--ignore", "terminology", "--format", "json")
    assert json.loads(ignored.output)["summary"]["findings"] == 0
    assert run("check", draft, "--select", "nothing-like-this").exit_code == 2


def test_bad_rule_pack_is_rejected():
    with pytest.raises(ConfigError, match="unknown kind 'magic'"):
        parse_pack("pack: x\nrules:\n  - {id: x-y, kind: magic, category: terminology, severity: info, message: m, description: d}\n", "x.yaml")
    with pytest.raises(ConfigError, match="category 'style'"):
        parse_pack("pack: x\nrules:\n  - {id: x-y, kind: pattern, category: style, severity: info, message: m, description: d, options: {patterns: [a]}}\n", "x.yaml")


def test_json_output_matches_its_schema(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    data = json.loads(run("check", draft, SEED, "--format", "json").output)
    jsonschema.Draft202012Validator(load_schema("findings.schema.json")).validate(data)
    assert [f["path"] for f in data["files"]] == [str(draft), str(SEED)]
    fixes = [f["fix"] for f in data["files"][1]["findings"] if f["fix"]]
    source = SEED.read_text()
    assert fixes and all(source[x["start"] : x["end"]] in ("CounterTerrorism", "publicprivate", "counterterrorism") for x in fixes)
    bad = json.loads(json.dumps(data))
    bad["files"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema("findings.schema.json")).validate(bad)


def test_github_format_chosen_under_actions(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    out = run("check", draft, env={"GITHUB_ACTIONS": "true"}).output
    assert out.startswith("::warning file=") and ",line=" in out and "title=terminology-lost-hyphen::" in out


def test_sarif_structure_and_official_schema(tmp_path):
    draft = write(tmp_path / "draft.md", DRAFT)
    data = json.loads(run("check", draft, "--format", "sarif").output)
    run_ = data["runs"][0]
    assert data["version"] == "2.1.0" and run_["tool"]["driver"]["name"] == "untk"
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["level"] in ("error", "warning", "note")
    schema = json.loads(shared_path("schemas", "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(data)


def test_references_are_extracted_once_per_document(monkeypatch):
    """The reference rules share one extraction (one pass, as yamllint feeds its rules)."""
    from toolkit.checks.kinds import reference
    from toolkit.readers import read_document

    calls = []
    real = reference.references
    monkeypatch.setattr(reference, "references", lambda doc: calls.append(doc) or real(doc))
    doc = read_document(str(SEED))
    rules = [r for r in RULES if r.kind == "reference"]
    assert len(rules) > 1
    check(doc, rules)
    assert len(calls) == 1
