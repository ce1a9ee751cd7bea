"""Shared fixtures: the spaCy pipeline (loaded once) and the path of ../shared when it exists."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def read_jsonl() -> Callable[[Path], list[dict]]:
    """Reads a JSONL file into a list of dicts (blank lines skipped)."""
    return _read_jsonl


@pytest.fixture(scope="session")
def spans_scorer(shared: Path) -> ModuleType:
    """The shared span scorer (../shared/eval/scorers/spans.py), imported as it is: never forked."""
    path = shared / "eval" / "scorers" / "spans.py"
    spec = importlib.util.spec_from_file_location("_shared_eval_spans", path)
    if spec is None or spec.loader is None:
        pytest.skip(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
