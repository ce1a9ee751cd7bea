"""A database of the bundled examples (built once per run), shared by the web tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ ingested into a fresh database (its incidents assigned)."""
    path = tmp_path_factory.mktemp("examples") / "examples.sqlite"
    with eventwire.open(path) as db:
        report = db.ingest([EXAMPLES])
        assert report.added > 0 and report.incidents, report.problems
    return path
