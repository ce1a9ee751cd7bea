"""Shared fixtures: the spaCy pipeline (loaded once) and the path of ../shared when it exists."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.parse import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (third-party gold data); tests that need it skip cleanly without it."""
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not available")
    return SHARED
