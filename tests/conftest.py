"""Shared test configuration: the hypothesis profile and the path to shared/reference."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# deadline=None: the first call of a Numba kernel pays its compile time (STYLE.md).
settings.register_profile("pensiones", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, max_examples=300, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "pensiones"))

ROOT = Path(__file__).resolve().parents[1]


def reference_dir() -> Path:
    return Path(os.environ.get("PENSIONES_REFERENCE", ROOT.parent / "shared" / "reference"))


@pytest.fixture(scope="session")
def ref() -> Path:
    """``../shared/reference`` (or $PENSIONES_REFERENCE).  Required in CI; skipped elsewhere if absent."""
    path = reference_dir()
    if not path.is_dir():
        if os.environ.get("PENSIONES_REQUIRE_REFERENCE"):
            pytest.fail(f"reference tables not found at {path}")
        pytest.skip(f"reference tables not found at {path} (set PENSIONES_REFERENCE)")
    return path


@pytest.fixture(scope="session")
def rs():
    import pensiones

    return pensiones.rules.load()
