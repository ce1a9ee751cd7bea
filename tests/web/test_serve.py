"""`eventwire serve`: a thin command that hands the app to uvicorn (uvicorn itself is not started here)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi import FastAPI

import eventwire
from eventwire.cli import cli

STATIC = Path(eventwire.__file__).parent / "web" / "static"


def test_serve_help():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token"):
        assert option in result.output


def test_serve_needs_a_database(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.sqlite")])
    assert result.exit_code != 0 and "no database" in result.output


def test_serve_runs_the_app(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite"
    eventwire.open(path).close()
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", "8123", "--token", "t"])
    assert result.exit_code == 0, result.output
    (app, kw), = calls
    assert isinstance(app, FastAPI) and kw["host"] == "127.0.0.1" and kw["port"] == 8123
    app.state.db.close()
    assert CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", "0"]).exit_code != 0


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_script_parses():
    subprocess.run(["node", "--check", str(STATIC / "app.js")], check=True, capture_output=True, timeout=60)
