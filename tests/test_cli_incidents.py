"""`eventwire incidents` and `eventwire incident` through click's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli

pytestmark = pytest.mark.model

REPORTS = {
    "2019-08-04-el-paso-a": "Shooting in El Paso\nA gunman killed 20 shoppers at a Walmart in El Paso, Texas, on "
                            "Saturday; police arrested a 21-year-old suspect from Allen.",
    "2019-08-05-el-paso-b": "El Paso mourns\nA gunman killed 22 people at a Walmart store in El Paso on Saturday, "
                            "police said; the suspect from Allen, Texas, surrendered.",
    "2020-08-09-minsk": "Arrests in Minsk\nPolice arrested 3,000 protesters in Minsk on Sunday night after the "
                        "presidential election, the interior ministry said.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incidents")
    for name, text in REPORTS.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    path = root / "db.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(root), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 incidents" in result.output
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_incidents_formats(db: Path) -> None:
    rows = [json.loads(line) for line in _run("incidents", "--db", str(db), "--format", "jsonl").splitlines()]
    assert [r["first_date"] for r in rows] == ["2019-08-03", "2020-08-09"]
    el_paso = rows[0]
    assert el_paso["plover_type"] == "ASSAULT" and el_paso["country"] == "USA"
    assert sorted(m["title"] for m in el_paso["members"]) == ["El Paso mourns", "Shooting in El Paso"]
    assert el_paso["summary"]["disagreement"]["fatalities_range"] == [20, 22]

    table = list(csv.DictReader(io.StringIO(_run("incidents", "--db", str(db), "--format", "csv"))))
    assert [r["articles"] for r in table] == ["2", "1"] and table[0]["disagreement"] == "killed 20-22"
    assert table[0]["id"] == el_paso["id"] and len(table[0]["article_ids"].split()) == 2

    shown = _run("incidents", "--db", str(db))
    assert "2 incidents" in shown and "killed 20-22" in shown and el_paso["id"] in shown


def test_incidents_filters(db: Path) -> None:
    def ids(*args: str) -> list[str]:
        out = _run("incidents", "--db", str(db), "--format", "jsonl", *args)
        return [json.loads(line)["country"] for line in out.splitlines()]

    assert ids("--country", "blr") == ["BLR"]
    assert ids("--type", "ASSAULT") == ["USA"]
    assert ids("--since", "2020-01-01") == ["BLR"] and ids("--until", "2020-01-01") == ["USA"]
    bad = CliRunner().invoke(cli, ["incidents", "--db", str(db), "--since", "2021-01-01", "--until", "2020-01-01"])
    assert bad.exit_code != 0 and "after" in bad.output


def test_incident_shows_sources_timeline_and_disagreements(db: Path) -> None:
    [el_paso] = [json.loads(line) for line in _run("incidents", "--db", str(db), "--format", "jsonl",
                                                   "--country", "USA").splitlines()]
    shown = _run("incident", el_paso["id"][:12], "--db", str(db))
    for words in ("sources", "Shooting in El Paso", "El Paso mourns", "joined", "timeline", "2019-08-03",
                  "disagreements", "killed: 20", "22 ("):
        assert words in shown, words
    assert json.loads(_run("incident", el_paso["id"], "--db", str(db), "--json")) == el_paso


def test_unknown_incident_and_missing_database(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["incident", "inc-nothing", "--db", str(db)])
    assert result.exit_code != 0 and "no incident" in result.output
    result = CliRunner().invoke(cli, ["incidents", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code != 0 and "no database" in result.output
