"""Shared fixtures: the bundled sample and, when present, ../shared beside the checkout."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import HealthCheck, settings

# "thorough" runs many more generated cases: HYPOTHESIS_PROFILE=thorough ./dev.py test
settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "A_RES_70_291.txt"
SHARED = ROOT.parent / "shared"


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
