"""Every output is built behind the formatter registry, from one options object."""

from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLES, SEED, SHARED, load_schema, schema_errors, schema_validator
from toolkit.cli import main
from toolkit.render import DIFF_FORMATS, FINDINGS_FORMATS, formats_taking, formatter, render
from toolkit.render.options import RenderOptions

DRAFT = SAMPLES / "redraft-2018-review.md"


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


import toolkit.render as registry_of_formats

TABLES = {name: table for name, table in vars(registry_of_formats).items() if name.endswith("_FORMATS")}
FORMATS = [(table, name) for table in TABLES.values() for name in table]

#: Which table each command's --format chooses from.
COMMANDS = {
    ("show",): "DOCUMENT_FORMATS", ("diff",): "DIFF_FORMATS", ("history",): "HISTORY_FORMATS",
    ("check",): "FINDINGS_FORMATS", ("amend",): "AMEND_FORMATS", ("search",): "SEARCH_FORMATS",
    ("provenance",): "PROVENANCE_FORMATS", ("graph",): "GRAPH_FORMATS",
    ("registry", "show"): "REGISTRY_RECORD_FORMATS", ("registry", "stats"): "REGISTRY_STATS_FORMATS",
    ("rules", "list"): "RULE_LIST_FORMATS", ("rules", "show"): "RULE_FORMATS", ("rules", "test"): "RULE_TEST_FORMATS",
}


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_each_command_offers_exactly_the_formats_registered_for_it(path):
    import click

    command = main
    ctx = click.Context(main)
    for name in path:
        command = command.get_command(ctx, name)
    fmt = next(p for p in command.params if p.name == "fmt")
    assert list(fmt.type.choices) == list(TABLES[COMMANDS[path]])


def test_every_table_is_chosen_by_a_command_or_the_audit():
    assert set(TABLES) - set(COMMANDS.values()) <= {"AUDIT_FORMATS"}


@given(
    color=st.booleans(), context=st.booleans(), substantive=st.booleans(), quiet=st.booleans(),
    where=st.sampled_from(FORMATS),
)
def test_a_formatter_receives_only_the_options_it_names_and_only_those_asked(color, context, substantive, quiet, where):
    function = formatter(*where)
    options = RenderOptions(color=color, context=context, substantive=substantive, quiet=quiet)
    chosen = options.for_formatter(function)
    named = inspect.signature(function).parameters
    asked = {"color": color, "context": context, "substantive": substantive, "quiet": quiet}
    assert chosen == {k: True for k, v in asked.items() if v and k in named}


def test_the_rules_reach_sarif_as_a_list():
    rules = ("a", "b")
    assert RenderOptions(rules=rules).for_formatter(formatter(FINDINGS_FORMATS, "sarif")) == {"rules": ["a", "b"]}
    assert RenderOptions(rules=rules).for_formatter(formatter(FINDINGS_FORMATS, "text")) == {}


def test_render_gives_the_formatter_its_options(seed_doc):
    from toolkit.comparison import compare
    from toolkit.readers import read_document

    comparison = compare(seed_doc, read_document(str(DRAFT)))
    everything = render(DIFF_FORMATS, "text", comparison, RenderOptions(context=True))
    changes = render(DIFF_FORMATS, "text", comparison)
    assert len(everything) > len(changes)
    # json takes no context: the option changes nothing there.
    assert render(DIFF_FORMATS, "json", comparison, RenderOptions(context=True)) == render(DIFF_FORMATS, "json", comparison)


def test_substantive_is_refused_by_the_formats_that_keep_every_change():
    taking = formats_taking(DIFF_FORMATS, "substantive")
    assert "text" in taking and "json" not in taking
    for fmt in sorted(set(DIFF_FORMATS) - set(taking) - {"docx"}):
        result = invoke("diff", SEED, DRAFT, "--format", fmt, "--substantive")
        assert result.exit_code == 2
        assert f"{fmt} keeps every change" in result.output
        assert all(name in result.output for name in taking)


# --- JSON shapes of the registry commands, validated against their schemas -------------------


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """A registry with the samples indexed (and, when present, some adopted texts of the shared corpus)."""
    from toolkit.registry.index import index
    from toolkit.registry.store import connect

    path = tmp_path_factory.mktemp("registry") / "r.sqlite3"
    paths = [str(SAMPLES)]
    corpus = SHARED / "corpus" / "unga-78-80"
    if corpus.is_dir():
        paths += [str(p) for p in sorted(corpus.glob("*.pdf"))[:4]]
    index(connect(path), paths)
    return path


def json_of(registry, *args: object):
    import json

    result = invoke(*args, "--registry", registry)
    return result, json.loads(result.output)


@pytest.mark.parametrize("mode", ["near", "exact"])
def test_search_json_validates_and_marks_the_wording_searched(registry, mode):
    phrase = "Global Counter-Terrorism Strategy"
    result, hits = json_of(registry, "search", phrase, "--mode", mode, "--format", "json")
    assert result.exit_code == 0 and hits
    assert schema_errors(schema_validator("search.schema.json"), hits) == []
    for hit in hits:
        for start, end in hit["matches"]:
            assert hit["text"][start:end].lower() in phrase.lower() or phrase.lower() in hit["text"][start:end].lower()


def test_search_json_of_nothing_found_is_an_empty_list(registry):
    result, hits = json_of(registry, "search", "zzqx wqyz", "--format", "json")
    assert (result.exit_code, hits) == (1, [])
    assert schema_errors(schema_validator("search.schema.json"), hits) == []


def test_provenance_json_validates_and_gives_each_paragraph_once(registry):
    result, rows = json_of(registry, "provenance", DRAFT, "--format", "json")
    assert result.exit_code == 0
    assert schema_errors(schema_validator("provenance.schema.json"), rows) == []
    statuses = {row["status"] for row in rows}
    assert "agreed" in statuses and len(statuses) > 1
    assert all(row["sources"] for row in rows if row["status"] != "new")
    assert len(rows) == len({row["paragraph"] for row in rows})
    agreed = [row["sources"][0]["similarity"] for row in rows if row["status"] == "agreed"]
    modified = [row["sources"][0]["similarity"] for row in rows if row["status"] == "modified"]
    assert min(agreed) > max(modified, default=0)


def test_graph_json_validates_and_every_edge_joins_two_nodes(registry):
    result, graph = json_of(registry, "graph", "--format", "json")
    assert result.exit_code == 0 and graph["edges"]
    assert schema_errors(schema_validator("graph.schema.json"), graph) == []
    keys = {node["key"] for node in graph["nodes"]}
    assert all(edge["source"] in keys and edge["target"] in keys for edge in graph["edges"])
    graphml = invoke("graph", "--registry", registry).output
    assert graphml.count("<node ") == len(graph["nodes"]) and graphml.count("<edge ") == len(graph["edges"])


def test_history_json_validates_with_one_id_a_version(tmp_path):
    import json

    later = tmp_path / "later.md"
    text = DRAFT.read_text(encoding="utf-8")
    later.write_text(text.replace("Member States", "all Member States", 1), encoding="utf-8")
    result = invoke("history", SEED, DRAFT, later, "--format", "json")
    assert result.exit_code == 0
    history = json.loads(result.output)
    assert schema_errors(schema_validator("history.schema.json"), history) == []
    assert all(len(p["ids"]) == 3 for p in history["paragraphs"])
    assert sum(2 in p["changed_in"] for p in history["paragraphs"]) == 1


NEW_SCHEMAS = [
    "search.schema.json", "provenance.schema.json", "graph.schema.json", "history.schema.json",
    "registry-record.schema.json", "registry-stats.schema.json", "rules.schema.json", "rule.schema.json",
    "rules-test.schema.json",
]


@pytest.mark.parametrize("name", NEW_SCHEMAS)
def test_every_object_is_closed_and_every_field_required_and_described(name):
    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:  # a free map (a rule's options) has none
                assert node.get("additionalProperties") is False
                assert set(node["required"]) == set(node["properties"])
                assert all("description" in field for field in node["properties"].values())
            elif node.get("type") == "object":
                assert "additionalProperties" not in node and "description" in node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema(name))


def test_a_rule_without_a_fail_and_a_pass_example_fails_rules_test():
    import dataclasses

    from toolkit.checks.examples import run_examples
    from toolkit.checks.packs import load_bundled
    from toolkit.render.rules import examples_text

    rule = next(r for r in load_bundled() if any(e.fails for e in r.examples) and any(not e.fails for e in r.examples))
    whole = run_examples([rule])
    assert (whole.incomplete, whole.failed) == ((), 0)
    passes_only = dataclasses.replace(rule, examples=tuple(e for e in rule.examples if not e.fails))
    run = run_examples([rule, passes_only])
    assert run.incomplete == (rule.id,) and run.failed == 1
    assert run.passed == whole.passed + len(passes_only.examples)
    text = examples_text(run)
    assert f"FAIL {rule.id}: needs at least one fail and one pass example" in text
    assert text.endswith(f"{run.passed} passed, 1 failed\n")


def test_fix_files_is_the_fix_command_without_the_command_line(tmp_path):
    from toolkit.checks.run import Options
    from toolkit.errors import InputError
    from toolkit.fixing import fix_files

    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    options = Options(against=str(SEED))
    fixed = list(fix_files([str(DRAFT)], options))
    assert [f.path for f in fixed] == [str(DRAFT)] and fixed[0].changed
    assert invoke("fix", DRAFT, "--against", SEED).output == fixed[0].unified_diff()
    with pytest.raises(InputError):
        list(fix_files([str(DRAFT), str(empty)], options))


def _private_uses(path) -> set[tuple[str, str]]:
    """(module, name) for each private name of another toolkit module that ``path`` uses."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> toolkit module imported under it
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    used.add((node.module, alias.name))
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
            if node.attr.startswith("_") and not node.attr.startswith("__"):
                used.add((modules[node.value.id], node.attr))
    return used


def test_the_workbench_and_the_command_line_use_public_names_only():
    from tests.conftest import ROOT

    toolkit = ROOT / "toolkit"
    paths = [*sorted((toolkit / "web").glob("*.py")), toolkit / "cli.py", toolkit / "cli_serve.py", toolkit / "audit.py"]
    used = set().union(*(_private_uses(p) for p in paths))
    assert not used, used
    everywhere = set().union(*(_private_uses(p) for p in toolkit.rglob("*.py") if "checks" not in p.parts))
    assert not any(name == "_Checker" for _, name in everywhere)


def test_registry_show_and_stats_json_validate_and_agree_with_the_text(registry):
    result, record = json_of(registry, "registry", "show", "70/291", "--format", "json")
    assert result.exit_code == 0
    assert schema_errors(schema_validator("registry-record.schema.json"), record) == []
    text = invoke("registry", "show", "70/291", "--registry", registry).output
    assert text.splitlines()[0] == record["symbol"] and record["adoption_date"] in text
    missing = invoke("registry", "show", "99/999", "--format", "json", "--registry", registry)
    assert (missing.exit_code, missing.stdout) == (1, "")

    result, stats = json_of(registry, "registry", "stats", "--format", "json")
    assert result.exit_code == 0
    assert schema_errors(schema_validator("registry-stats.schema.json"), stats) == []
    assert sum(o["documents"] for o in stats["organs"]) == stats["counts"]["documents"]
    assert sum(s["documents"] for s in stats["date_sources"]) == stats["counts"]["documents"]


def test_rules_json_validates_and_lists_what_the_text_lists(tmp_path):
    import json

    from toolkit.checks.packs import load_bundled

    config = tmp_path / ".untk.yaml"
    config.write_text("packs: {terminology: false}\n", encoding="utf-8")
    listed = json.loads(invoke("rules", "list", "--config", config, "--format", "json").output)
    assert schema_errors(schema_validator("rules.schema.json"), listed) == []
    text = invoke("rules", "list", "--config", config).output.splitlines()
    assert [r["id"] for r in listed] == [line[2:].split()[0] for line in text]
    assert [r["enabled"] for r in listed] == [line[0] == " " for line in text]
    assert {r["pack"] for r in listed if not r["enabled"]} == {"terminology"}

    rule = next(r for r in load_bundled() if r.options and r.examples)
    shown = json.loads(invoke("rules", "show", rule.id, "--format", "json").output)
    assert schema_errors(schema_validator("rule.schema.json"), shown) == []
    assert (shown["id"], len(shown["examples"]), set(shown["options"])) == (rule.id, len(rule.examples), set(rule.options))


def test_rules_test_json_validates_and_counts_every_example():
    import json

    result = invoke("rules", "test", "--format", "json")
    run = json.loads(result.output)
    assert schema_errors(schema_validator("rules-test.schema.json"), run) == []
    assert run["passed"] == sum(e["ok"] for e in run["examples"])
    assert run["failed"] == len(run["examples"]) - run["passed"] + len(run["incomplete"])
    assert result.exit_code == (1 if run["failed"] else 0)
