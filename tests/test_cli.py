"""The CLI through click's runner: help, extract, ingest, events, show, problems, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "ex.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_help_explains_each_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "ingest", "events", "show", "problems", "search", "incidents", "incident", "export"):
        assert command in result.output
        sub = CliRunner().invoke(cli, [command, "--help"])
        assert sub.exit_code == 0 and len(sub.output.splitlines()) > 3


def test_extract_writes_one_line_per_input(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "Police arrested twelve protesters in Lagos on Friday.", "published": "2020-10-23"},
            {"id": "b", "text": "Warplanes struck a market in Idlib on Sunday, killing nine civilians.",
             "published": "2019-07-22"}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    arrest = lines[0]["events"][0]
    assert arrest["plover"]["type"] == "COERCE" and arrest["arrested"]["best"] == 12
    strike = max(lines[1]["events"], key=lambda e: e["confidence"])
    assert strike["fatalities"]["best"] == 9


def test_extract_rejects_a_bad_date(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Title\nSome text.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(src), "--published", "yesterday"])
    assert result.exit_code == 2
    assert "not a date" in result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_events_formats(db, fmt):
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        first = json.loads(result.output.splitlines()[0])
        assert {"article_id", "plover", "acled", "cameo"} <= set(first)
    if fmt == "csv":
        assert result.output.startswith("article_id,seq,date,place")


def test_events_filters(db):
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl", "--type", "PROTEST"])
    assert result.exit_code == 0
    types = {json.loads(x)["plover"]["type"] for x in result.output.splitlines()}
    assert types == {"PROTEST"}
    bad = CliRunner().invoke(cli, ["events", "--db", str(db), "--near", "nowhere"])
    assert bad.exit_code == 2


def test_show_marks_evidence(db):
    first = json.loads(CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"]).output.splitlines()[0])
    result = CliRunner().invoke(cli, ["show", first["article_id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "event 0" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert "no database" in result.output


def test_examples_merge_the_almaty_reports_and_keep_near_misses_apart(db):
    """The five reports of the Almaty unrest are one incident whose sources disagree on the toll; the
    grain deal signed in Istanbul and the next day's strike on Odesa are two."""
    import eventwire

    with eventwire.open(db) as database:
        incident_of = {m.article_id: i for i in database.incidents() for m in i.members}
        titles = {m.article_id: m.title or "" for i in database.incidents() for m in i.members}
    by_title = {title: incident_of[aid] for aid, title in titles.items()}
    almaty = incident_of["ex-2022-01-16-kazakhstan-toll-225"]
    assert incident_of["ex-2022-01-09-kazakhstan-toll-protesters"] is almaty
    assert by_title["Dozens killed in Almaty as Russian-led bloc agrees to send troops to Kazakhstan"] is almaty
    tolls = {r["best"] for r in almaty.summary["disagreement"]["fatalities"]}
    assert {164, 225} <= tolls and almaty.summary["disagreement"]["any"]
    deal = by_title["Russia and Ukraine sign deals in Istanbul to reopen Black Sea grain exports"]
    strike = by_title["Russian missiles hit Odesa port a day after grain export deal"]
    assert deal.id != strike.id
