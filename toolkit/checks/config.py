"""Configuration: ``.untk.yaml`` or ``[tool.untk]`` in ``pyproject.toml``, found upward from the file.

A configuration (YAML mapping, or the TOML table) may hold::

    extends: default          # a bundled preset (default, strict) or a path to another config
    rule-packs: [my-rules.yaml]   # extra rule packs, relative to the config file
    packs: {terminology: false}   # turn whole packs off (or on)
    rules:
      terminology-variant: off    # or "on"
      citation-first-mention-date: {severity: error, options: {...}}
    fail-on: warning              # the least severity that makes the exit code 1

Everything is validated strictly: an unknown key, rule, pack, option or severity
is an error that names the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from toolkit.checks import yaml_cache
from toolkit.checks.finding import SEVERITIES
from toolkit.checks.packs import ConfigError, bundled_folder, load_bundled, load_file, load_yaml, with_overrides
from toolkit.checks.rule import Rule

CONFIG_NAMES = (".untk.yaml", ".untk.yml")
PRESETS = ("default", "strict")
_KEYS = {"extends", "rule-packs", "packs", "rules", "fail-on"}


@dataclass(frozen=True)
class Config:
    """The rules to run, as configured, and where the configuration came from."""

    rules: tuple[Rule, ...]
    fail_on: str = "error"
    sources: tuple[str, ...] = field(default_factory=tuple)


def find_config(start: str | Path) -> Path | None:
    """The nearest ``.untk.yaml`` (or ``pyproject.toml`` with ``[tool.untk]``) at or above ``start``."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _toml_table(pyproject) is not None:
            return pyproject
    return None


def load(
    path: str | Path | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
) -> Config:
    """Resolve a configuration (or the default preset) into the rules to run."""
    all_rules = {r.id: r for r in load_bundled()}
    state = _State(all_rules)
    sources: list[str] = []
    if path is None:
        state.apply(_preset("default"), "preset default", None, sources)
    else:
        state.apply(_read(Path(path)), str(path), Path(path).parent, sources)
    rules = [r for r in state.rules.values() if state.enabled(r)]
    rules = _filter(rules, list(select), list(ignore), state.rules)
    chosen_fail_on = fail_on or state.fail_on
    if chosen_fail_on not in SEVERITIES:
        raise ConfigError(f"fail-on {chosen_fail_on!r} is not one of {', '.join(SEVERITIES)}")
    return Config(tuple(rules), chosen_fail_on, tuple(sources))


class _State:
    def __init__(self, rules: dict[str, Rule]):
        self.rules = dict(rules)
        self.packs: dict[str, bool] = {}
        self.switches: dict[str, bool] = {}
        self.fail_on = "error"

    def enabled(self, rule: Rule) -> bool:
        if rule.id in self.switches:
            return self.switches[rule.id]
        return self.packs.get(rule.pack, True)

    def apply(self, data: dict[str, Any], where: str, base: Path | None, sources: list[str], depth: int = 0) -> None:
        if depth > 8:
            raise ConfigError(f"{where}: 'extends' goes round in a circle")
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
        for parent in _as_list(data.get("extends"), where, "extends"):
            if parent in PRESETS:
                self.apply(_preset(parent), f"preset {parent}", None, sources, depth + 1)
            else:
                target = (base / parent) if base and not os.path.isabs(parent) else Path(parent)
                if not target.exists() and _looks_like_preset(parent):
                    raise ConfigError(
                        f"{where}: extends: no preset named {parent!r} (presets: {', '.join(PRESETS)}); "
                        "another configuration is named by its path, such as ./common.untk.yaml"
                    )
                self.apply(_read(target), str(target), target.parent, sources, depth + 1)
        sources.append(where)
        for pack_path in _as_list(data.get("rule-packs"), where, "rule-packs"):
            target = (base / pack_path) if base and not os.path.isabs(pack_path) else Path(pack_path)
            for rule in load_file(target):
                if rule.id in self.rules:
                    raise ConfigError(f"{target}: rule id {rule.id!r} is already defined")
                self.rules[rule.id] = rule
        packs = data.get("packs") or {}
        if not isinstance(packs, dict):
            raise ConfigError(f"{where}: 'packs' maps pack names to true or false")
        known_packs = {r.pack for r in self.rules.values()}
        for name, on in packs.items():
            if name not in known_packs:
                raise ConfigError(f"{where}: no rule pack named {name!r} (packs: {', '.join(sorted(known_packs))})")
            self.packs[name] = _switch(on, f"{where}: packs.{name}")
        rules = data.get("rules") or {}
        if not isinstance(rules, dict):
            raise ConfigError(f"{where}: 'rules' maps rule ids to off, on or settings")
        for rule_id, setting in rules.items():
            if rule_id not in self.rules:
                raise ConfigError(f"{where}: no rule {rule_id!r} (see 'untk rules list')")
            self._rule_setting(rule_id, setting, f"{where}: rules.{rule_id}")
        if "fail-on" in data:
            if data["fail-on"] not in SEVERITIES:
                raise ConfigError(f"{where}: fail-on must be one of {', '.join(SEVERITIES)}")
            self.fail_on = data["fail-on"]

    def _rule_setting(self, rule_id: str, setting: Any, where: str) -> None:
        if isinstance(setting, (bool, str)) and setting in (True, False, "on", "off"):
            self.switches[rule_id] = _switch(setting, where)
            return
        if not isinstance(setting, dict) or set(setting) - {"severity", "options", "enabled"}:
            raise ConfigError(f"{where}: expected off, on, or a mapping of severity, options, enabled")
        if "enabled" in setting:
            self.switches[rule_id] = _switch(setting["enabled"], where)
        else:
            self.switches[rule_id] = True
        options = setting.get("options")
        if options is not None and not isinstance(options, dict):
            raise ConfigError(f"{where}: options must be a mapping")
        self.rules[rule_id] = with_overrides(self.rules[rule_id], setting.get("severity"), options, where)


def _looks_like_preset(name: str) -> bool:
    """A bare word ("pedantic"), not a path: meant as the name of a preset."""
    return "/" not in name and os.sep not in name and not name.endswith((".yaml", ".yml", ".toml"))


def _switch(value: Any, where: str) -> bool:
    if value in (True, "on"):
        return True
    if value in (False, "off"):
        return False
    raise ConfigError(f"{where}: expected on or off")


def _as_list(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError(f"{where}: '{key}' is a name or a list of names")


def _filter(rules: list[Rule], select: list[str], ignore: list[str], known: dict[str, Rule]) -> list[Rule]:
    """``--select`` / ``--ignore``: rule ids, packs or categories."""
    names = set(known) | {r.pack for r in known.values()} | {r.category for r in known.values()}
    for name in select + ignore:
        if name not in names:
            raise ConfigError(f"--select/--ignore: no rule, pack or category named {name!r}")

    def matches(rule: Rule, name: str) -> bool:
        return name in (rule.id, rule.pack, rule.category)

    if select:
        chosen = {r.id for r in known.values() if any(matches(r, n) for n in select)}
        rules = [known[i] for i in known if i in chosen]
    return [r for r in rules if not any(matches(r, n) for n in ignore)]


def _preset(name: str) -> dict[str, Any]:
    text = (bundled_folder() / "presets" / f"{name}.yaml").read_text(encoding="utf-8")
    return _parse_yaml(text, f"preset {name}")


def _read(path: Path) -> dict[str, Any]:
    if path.name == "pyproject.toml":
        table = _toml_table(path)
        if table is None:
            raise ConfigError(f"{path}: no [tool.untk] table")
        return table
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    return _parse_yaml(text, str(path))


def _parse_yaml(text: str, where: str) -> dict[str, Any]:
    data = load_yaml(text, where)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a configuration is a mapping")
    return data


def _toml_table(path: Path) -> dict[str, Any] | None:
    def parse(text: str) -> Any:
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    data = yaml_cache.parsed(text, parse, form="toml")  # pyproject.toml is read on every check
    table = data.get("tool", {}).get("untk")
    return table if isinstance(table, dict) else None
