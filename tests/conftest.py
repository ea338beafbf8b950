"""Shared fixtures: the bundled sample and, when present, ../shared beside the checkout."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, settings

# "thorough" runs many more generated cases: HYPOTHESIS_PROFILE=thorough ./dev.py test.
# "ci" draws the same cases on every run, so that a merge is judged on its own change and
# not on a case no one has seen before; new cases are found locally and by ./dev.py fuzz.
settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "A_RES_70_291.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _no_user_registry(tmp_path_factory, monkeypatch):
    """Commands see only the registry a test makes, never the one in the user's home."""
    monkeypatch.delenv("UNTK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip saying why the test cannot run."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpus beside the checkout), which is absent")
    return path


@pytest.fixture(scope="session")
def seed_doc():
    from toolkit.readers import read_document

    return read_document(str(SEED))


def load_schema(name: str) -> dict:
    """One of the JSON Schemas shipped in the package (``document.schema.json``, ...)."""
    import json
    from importlib import resources

    return json.loads(resources.files("toolkit").joinpath(f"schemas/{name}").read_text(encoding="utf-8"))


def schema_validator(name: str):
    """A strict draft 2020-12 validator (dates checked) for a shipped schema."""
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(validator, instance: object) -> list[str]:
    """Every validation error, as "path: message"."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
