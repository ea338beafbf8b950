"""Load rule packs: YAML files of rules, bundled in ``toolkit/rules`` or given by the user."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from toolkit.checks import kinds as kind_registry
from toolkit.checks import yaml_cache
from toolkit.checks.finding import CATEGORIES, SEVERITIES
from toolkit.checks.rule import DEFAULT_FIX_SAFETY, FIX_SAFETY, SCOPES, Example, Rule
from toolkit.errors import UntkError

_RULE_KEYS = {"id", "kind", "category", "severity", "message", "description", "scope", "options", "examples", "fix"}
_PACK_KEYS = {"pack", "description", "rules"}


class ConfigError(UntkError):
    """A rule pack or configuration that cannot be used, with the file and the reason."""


def bundled_pack_files() -> list[tuple[str, str]]:
    """(name, YAML text) of every bundled pack, sorted by name."""
    folder = bundled_folder()
    packs = []
    for entry in folder.iterdir():
        if entry.name.endswith(".yaml") and entry.is_file():
            packs.append((entry.name, entry.read_text(encoding="utf-8")))
    return sorted(packs)


def bundled_folder() -> Any:
    """The folder of the bundled packs (a Path, or a resources Traversable inside a zip)."""
    import toolkit.rules

    for folder in getattr(toolkit.rules, "__path__", ()):
        if os.path.isdir(folder):  # installed as files: importlib.resources costs start-up time
            return Path(folder)
    from importlib import resources

    return resources.files("toolkit.rules")


def load_bundled() -> list[Rule]:
    rules: list[Rule] = []
    for name, text in bundled_pack_files():
        rules += parse_pack(text, f"rules/{name}")
    return _unique(rules)


def load_file(path: str | Path) -> list[Rule]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    return parse_pack(text, str(path))


def load_yaml(text: str, where: str) -> Any:
    """YAML text as data; a syntax error is a ConfigError naming the file, line and column."""
    return yaml_cache.parsed(text, lambda text: _yaml_data(text, where))


def _yaml_data(text: str, where: str) -> Any:
    import yaml

    # libyaml's loader when PyYAML has it: ten times faster, and the hook runs on every commit.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{where}{place}: not valid YAML: {getattr(exc, 'problem', exc)}") from None


def parse_pack(text: str, where: str) -> list[Rule]:
    """Rules of one pack, validated strictly: unknown keys, kinds, options are errors."""
    data = load_yaml(text, where)
    if not isinstance(data, dict) or "pack" not in data or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{where}: a rule pack is a mapping with 'pack' and a list of 'rules'")
    _no_unknown(data, _PACK_KEYS, where)
    pack = str(data["pack"])
    return [_rule(entry, pack, f"{where}: rule {i + 1}") for i, entry in enumerate(data["rules"])]


def _rule(entry: Any, pack: str, where: str) -> Rule:
    if not isinstance(entry, dict) or "id" not in entry:
        raise ConfigError(f"{where}: a rule is a mapping with an 'id'")
    where = f"{where.rsplit(':', 1)[0]}: rule {entry['id']}"
    _no_unknown(entry, _RULE_KEYS, where)
    for key in ("kind", "category", "severity", "message", "description"):
        if not isinstance(entry.get(key), str):
            raise ConfigError(f"{where}: '{key}' is required (a string)")
    if entry["category"] not in CATEGORIES:
        raise ConfigError(f"{where}: category {entry['category']!r} is not one of {', '.join(CATEGORIES)}")
    if entry["severity"] not in SEVERITIES:
        raise ConfigError(f"{where}: severity {entry['severity']!r} is not one of {', '.join(SEVERITIES)}")
    scope = entry.get("scope", "all")
    if scope not in SCOPES:
        raise ConfigError(f"{where}: scope {scope!r} is not one of {', '.join(SCOPES)}")
    fix_safety = entry.get("fix", DEFAULT_FIX_SAFETY)
    if fix_safety not in FIX_SAFETY:
        # YAML reads a bare "no" or "off" as false: name the value as the user wrote it.
        raise ConfigError(f"{where}: fix {fix_safety!r} is not one of {', '.join(FIX_SAFETY)}")
    try:
        kind = kind_registry.load(entry["kind"])
    except KeyError:
        raise ConfigError(f"{where}: unknown kind {entry['kind']!r} (known: {', '.join(kind_registry.available())})") from None
    try:
        options = kind_registry.validate_options(kind, dict(entry.get("options") or {}), where)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return Rule(
        id=str(entry["id"]),
        pack=pack,
        kind=entry["kind"],
        category=entry["category"],
        severity=entry["severity"],
        message=entry["message"],
        description=entry["description"].strip(),
        scope=scope,
        options=options,
        examples=_examples(entry.get("examples"), where),
        fix_safety=fix_safety,
    )


def _examples(data: Any, where: str) -> tuple[Example, ...]:
    if data is None:
        return ()
    if not isinstance(data, dict) or set(data) - {"fail", "pass"}:
        raise ConfigError(f"{where}: 'examples' is a mapping with 'fail' and 'pass' lists")
    out = []
    for key in ("fail", "pass"):
        for item in data.get(key) or []:
            if not isinstance(item, str):
                raise ConfigError(f"{where}: examples are strings")
            out.append(Example(item, fails=key == "fail"))
    return tuple(out)


def _no_unknown(data: dict, known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")


def _unique(rules: Iterable[Rule]) -> list[Rule]:
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise ConfigError(f"rule id {rule.id!r} is defined twice (packs {seen[rule.id].pack!r} and {rule.pack!r})")
        seen[rule.id] = rule
    return list(seen.values())


def with_overrides(rule: Rule, severity: str | None = None, options: dict[str, Any] | None = None, where: str = "") -> Rule:
    """A rule with its severity or options changed by configuration (options validated again)."""
    changes: dict[str, Any] = {}
    if severity is not None:
        if severity not in SEVERITIES:
            raise ConfigError(f"{where}: severity {severity!r} is not one of {', '.join(SEVERITIES)}")
        changes["severity"] = severity
    if options:
        merged = {**rule.options, **options}
        try:
            changes["options"] = kind_registry.validate_options(kind_registry.load(rule.kind), merged, where)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    return replace(rule, **changes) if changes else rule
