"""Shared fixtures for the engine's black-box tests: where the real reference data lives."""

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The third-party reference data folder beside the checkout (skip when absent)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(
            f"reference data not found at {SHARED_DATA} (expected ../shared/data)"
        )
    return SHARED_DATA
