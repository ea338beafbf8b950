"""Fix safety: each rule declares its fix safe, unsafe or none; untk fix applies only safe
fixes unless asked, and no terminology fix touches a proper name."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, shared_path
from toolkit.checks.packs import ConfigError, bundled_pack_files, load_bundled, load_yaml, parse_pack
from toolkit.cli import main

HEAD = "---\norgan: General Assembly\nsession: Eightieth session\n---\n\nThe General Assembly,\n\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def draft(tmp_path: Path, body: str, name: str = "draft.md") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return path


# --- the declaration -------------------------------------------------------------------


def _pack(fix_line: str) -> str:
    return (
        "pack: house\nrules:\n  - id: house-colour\n    kind: pattern\n    category: terminology\n"
        f"    severity: warning\n{fix_line}    message: m\n    description: d\n"
        "    options: {patterns: [color], replacement: colour}\n"
    )


@pytest.mark.parametrize("value", ["maybe", "yes", "no", "true", "1"])
def test_an_unknown_fix_safety_is_an_error_naming_the_pack_and_the_rule(value):
    with pytest.raises(ConfigError) as exc:
        parse_pack(_pack(f"    fix: {value}\n"), "house.yaml")
    message = str(exc.value)
    assert message.startswith("house.yaml: rule house-colour: fix ")
    assert "safe, unsafe, none" in message and "\n" not in message


def test_a_rule_that_does_not_declare_its_fix_is_unsafe():
    [rule] = parse_pack(_pack(""), "house.yaml")
    assert rule.fix_safety == "unsafe"
    [rule] = parse_pack(_pack("    fix: safe\n"), "house.yaml")
    assert rule.fix_safety == "safe"


def test_a_user_pack_with_a_bad_fix_value_exits_2_with_one_line(tmp_path):
    (tmp_path / "house.yaml").write_text(_pack("    fix: sure\n"))
    (tmp_path / ".untk.yaml").write_text("rule-packs: [house.yaml]\n")
    path = draft(tmp_path, "1. Requests a color report.\n")
    result = run("fix", path)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "house.yaml: rule house-colour: fix 'sure'" in result.output


def test_every_bundled_rule_declares_its_fix():
    for name, text in bundled_pack_files():
        for entry in load_yaml(text, name)["rules"]:
            assert entry.get("fix") in ("safe", "unsafe", "none"), f"{name}: {entry['id']} declares no fix safety"


def test_a_rule_declared_none_offers_no_fix_and_one_that_offers_a_fix_declares_it():
    from toolkit.checks import kinds
    from toolkit.checks.context import Context
    from toolkit.checks.engine import check
    from toolkit.checks.examples import document_of
    from toolkit.checks.rule import Rule
    from dataclasses import replace

    for rule in load_bundled():
        offered = False
        trusting = replace(rule, fix_safety="unsafe")  # what the kind offers, before the declaration
        for example in rule.examples:
            kind = kinds.load(rule.kind)
            doc = document_of(example)
            context = kind.example_context(rule, doc) if hasattr(kind, "example_context") else Context()
            offered |= any(f.fix for f in check(doc, [trusting], context).findings)
        if rule.fix_safety == "none":
            assert not offered, f"{rule.id} is declared fix: none but its examples offer fixes"
        if offered:
            assert rule.fix_safety in ("safe", "unsafe"), rule.id
        assert isinstance(trusting, Rule)


def test_a_rule_declared_none_drops_the_fix_its_kind_offers():
    [rule] = parse_pack(_pack("    fix: none\n"), "house.yaml")
    from toolkit.checks.engine import check
    from toolkit.readers import parse_text

    findings = check(parse_text(HEAD + "1. Requests a color report.\n"), [rule]).findings
    assert findings and all(f.fix is None for f in findings)


def test_rules_show_and_list_give_the_fix_safety():
    shown = run("rules", "show", "terminology-programme")
    assert shown.exit_code == 0 and "fix: unsafe (untk fix applies it only with --unsafe-fixes)" in shown.output
    assert "fix: safe" in run("rules", "show", "terminology-un-variant").output
    assert "fix: none" in run("rules", "show", "footnote-marker-order").output
    listed = {line[2:].split()[0]: line.split()[-1] for line in run("rules", "list").output.splitlines()}
    assert listed["terminology-programme"] == "unsafe" and listed["reference-stale-number"] == "safe"
    assert listed["numbering-operative-gap"] == "none"


# --- what untk fix applies -------------------------------------------------------------

#: (what the text says, what untk fix must leave exactly as written)
PROPER_NAMES = [
    ("1. Invites the United Nations Educational, Scientific and Cultural Organisation to report;\n",
     "United Nations Educational, Scientific and Cultural Organisation"),
    ("1. Notes the work of the Organisation for Economic Co-operation and Development;\n",
     "Organisation for Economic Co-operation and Development"),
    ("1. Notes the Organisation of Islamic Cooperation and the Organisation of African Unity;\n",
     "the Organisation of Islamic Cooperation and the Organisation of African Unity"),
    ("1. Welcomes the contribution of the World Food Program USA;\n", "World Food Program USA"),
    ("1. Recalls the *Program of Action for the Least Developed Countries*;\n", "Program of Action for the Least Developed Countries"),
    ("1. Welcomes the Special Program for Food Security and the Carter Center;\n", "Special Program for Food Security and the Carter Center"),
    ("1. Welcomes the concert at the Kennedy Center;\n", "Kennedy Center"),
    ("1. Welcomes the John F. Kennedy Center for the Performing Arts;\n", "John F. Kennedy Center for the Performing Arts"),
    ("1. Takes note of the report of UN Watch;\n", "UN Watch"),
    ("1. Invites the Secretary General of the Organization of American States to report;\n", "Secretary General of the Organization"),
    # A name cut short: "the Center" is the Carter Center named before it.
    ("1. Welcomes the work of the Carter Center and invites the Center to report;\n", "invites the Center to report"),
    ("1. Notes the report of the Organisation and of its Program;\n", "the Organisation and of its Program"),
]


@pytest.mark.parametrize("body, name", PROPER_NAMES, ids=[n for _, n in PROPER_NAMES])
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe-too"])
def test_no_fix_touches_a_proper_name(tmp_path, body, name, unsafe):
    path = draft(tmp_path, "Recalling its resolution 79/1 of 1 October 2024,\n\n" + body)
    result = run("fix", path, "--write", "--no-backup", *(["--unsafe-fixes"] if unsafe else []))
    assert result.exit_code == 0, result.output
    assert name in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, word",
    [("Black Sea Economic Co-operation Organisation", "cooperation"), ("Inter-Parliamentary Union", "interparliamentary")],
)
def test_a_hyphen_is_not_copied_from_a_bodys_name(tmp_path, name, word):
    # Names the pack does not list: their hyphen still says nothing of the common word.
    path = draft(tmp_path, f"Noting the {name},\n\n1. Calls for {word} dialogue among Member States.\n")
    before = path.read_text()
    result = run("fix", path, "--write", "--no-backup", "--unsafe-fixes")
    assert result.exit_code == 0 and path.read_text() == before


SAFE_BODY = """\
    Recalling the work of the Counter-Terrorism Committee and of public-private partnerships,

    1. Requests the Secretary General to report on regional organisations and regional centers;

    2. Encourages the CounterTerrorism Implementation Task Force to build publicprivate partnerships;

    3. Welcomes the program of work of the Office.
    """


def test_safe_fixes_are_applied_and_unsafe_ones_are_counted(tmp_path):
    path = draft(tmp_path, SAFE_BODY)
    preview = run("fix", path)
    assert preview.exit_code == 1
    assert "1 fix not applied: unsafe (use --unsafe-fixes)" in preview.stderr
    written = run("fix", path, "--write", "--no-backup")
    assert written.exit_code == 0, written.output
    text = path.read_text()
    for fixed in ("Secretary-General", "regional organizations", "regional centres",
                  "Counter-Terrorism Implementation Task Force", "public-private partnerships;"):
        assert fixed in text
    assert "program of work" in text  # unsafe: left for the drafter
    again = run("fix", path)
    assert again.exit_code == 0 and again.stdout == ""
    assert "1 fix not applied: unsafe (use --unsafe-fixes)" in again.stderr
    unsafe = run("fix", path, "--write", "--no-backup", "--unsafe-fixes")
    assert unsafe.exit_code == 0 and "programme of work" in path.read_text()


def test_a_spelling_fix_keeps_the_case_of_a_sentence_start(tmp_path):
    path = draft(tmp_path, "1. Encourages Member States and regional organizations to cooperate;\n\n(a) Organisations of civil society;\n")
    run("fix", path, "--write", "--no-backup")
    assert "(a) Organizations of civil society" in path.read_text()


def test_the_hook_applies_only_safe_fixes():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert "--unsafe-fixes" not in hooks["untk-fix"]["entry"]
    assert hooks["untk-fix"]["entry"].startswith("untk fix --write")


def test_check_offers_no_fix_inside_a_name_but_still_reports(tmp_path):
    path = draft(tmp_path, "1. Encourages Member States to collaborate with the United Nations Counter-Terrorism Center.\n")
    data = json.loads(run("check", path, "--format", "json").output)
    [finding] = [f for f in data["files"][0]["findings"] if f["rule"] == "terminology-center"]
    assert finding["severity"] == "warning" and finding["fix"] is None


# --- the official texts ----------------------------------------------------------------

#: The one safe fix untk fix proposes on the 77 adopted resolutions of sessions 78-80: a
#: real defect of A/RES/80/57 (PP12 prints "the Secretary General" on the PDF page too).
EXPECTED_ON_OFFICIAL_TEXTS = {("A_RES_80_57", "terminology-un-variant", "Secretary General", "Secretary-General")}


def test_safe_fixes_on_the_adopted_resolutions_are_only_real_defects(tmp_path):
    from toolkit.checks import config as configuration
    from toolkit.checks.engine import check
    from toolkit.fixes import fix_file, normalise
    from toolkit.readers import parse_text

    folder = shared_path("corpus", "unga-78-80")
    rules = configuration.load().rules
    safety = {r.id: r.fix_safety for r in rules}
    proposed = set()
    files = sorted(folder.glob("A_RES_*.json"))
    assert len(files) == 77
    for source in files:
        path = tmp_path / (source.stem + ".txt")
        path.write_text(json.loads(source.read_text(encoding="utf-8"))["text"], encoding="utf-8")
        fixed = fix_file(str(path), lambda text, p=str(path): check(parse_text(text, path=p), rules), safety)
        for f in fixed.applied:
            proposed.add((source.stem, f.rule, normalise(fixed.original)[f.fix.start : f.fix.end], f.fix.replacement))
    assert proposed == EXPECTED_ON_OFFICIAL_TEXTS
