"""Writing: round trip, idempotent re-adds, a failing article in a batch, problems and runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Callable

import pytest

from eventwire.contract import to_contract
from eventwire.errors import StoreError
from eventwire.model import Article, DocumentResult, Problem
from eventwire.store import EventFilter, SQLiteStore, StoreStats

Results = dict[str, Callable[[], DocumentResult]]


def test_round_trip_of_an_article_and_its_events(store: SQLiteStore, results: Results) -> None:
    result = results["almaty"]()
    report = store.add_results([result])
    assert (report.added, report.duplicates, report.events, report.problems) == (1, 0, 2, ())

    stored = store.article("almaty")
    assert stored is not None
    assert stored.fingerprint == "fp-almaty"
    assert stored.title == "Unrest in Almaty"
    assert stored.url == "https://news.example/almaty"
    assert stored.outlet == "Example News"
    assert stored.published == dt.date(2022, 1, 6)
    assert stored.origin == "fixtures/almaty.txt"
    assert stored.text == result.article.text
    assert stored.ingested_at == "2024-05-01T12:01:00.000000+00:00"
    assert stored.result == to_contract(result)

    events = store.events(EventFilter(article_id="almaty"))
    assert [(e.article_id, e.seq) for e in events] == [("almaty", 0), ("almaty", 1)]
    assert [e.event for e in events] == to_contract(result)["events"]
    assert events[0].event["plover"] == {"type": "PROTEST", "mode": "riot"}
    assert events[1].event["arrested"]["best"] == 24
    assert (events[0].title, events[0].outlet, events[0].url, events[0].published) == (
        "Unrest in Almaty", "Example News", "https://news.example/almaty", dt.date(2022, 1, 6))
    assert events[0].distance_km is None
    assert store.article("nowhere") is None


def test_indexed_columns_hold_the_event_values(filled: SQLiteStore) -> None:
    with sqlite3.connect(filled.path) as raw:
        rows = raw.execute(
            "SELECT article_id, seq, date, date_end, date_precision, country, lat, lon, plover_type,"
            " plover_mode, acled_type, acled_sub_type, cameo, actor_code, target_code, fatalities_best,"
            " modality, confidence FROM events ORDER BY article_id, seq").fetchall()
    raw.close()
    assert rows == [
        ("almaty", 0, "2022-01-05", "2022-01-05", "day", "KAZ", 43.2567, 76.9286, "PROTEST", "riot",
         "Riots", "Violent demonstration", "145", "KAZCVL", None, 8, "happened", 0.9),
        ("almaty", 1, "2022-01-06", "2022-01-06", "day", "KAZ", 43.2567, 76.9286, "COERCE", "arrest",
         "Strategic developments", "Arrests", "173", "KAZCOP", "KAZCVL", None, "happened", 0.8),
        ("kharkiv", 0, "2022-03-01", "2022-03-31", "month", "UKR", 49.9935, 36.2304, "ASSAULT", "explosion",
         "Explosions/Remote violence", "Shelling/artillery/missile attack", "195", "RUSMIL", None, None,
         "happened", 0.7),
        ("lyon", 0, None, None, None, "FRA", None, None, "PROTEST", "strike", "Protests", "Peaceful protest",
         "143", "FRALAB", None, None, "happened", 0.6),
    ]


def test_re_adding_changes_nothing(store: SQLiteStore, results: Results) -> None:
    first = store.add_results([results["almaty"](), results["lyon"]()])
    assert (first.added, first.duplicates, first.events) == (2, 0, 3)
    before = store.article("almaty")
    assert before is not None

    again = store.add_results([results["almaty"](), results["lyon"](), results["kharkiv"]()])
    assert (again.added, again.duplicates, again.events, again.problems) == (1, 2, 1, ())
    assert store.stats() == StoreStats(articles=3, events=4, problems=0, runs=0)
    assert store.article("almaty") == before  # not even ingested_at moved

    twice = store.add_results([results["kharkiv"](), results["kharkiv"]()])
    assert (twice.added, twice.duplicates) == (0, 2)
    assert store.stats().events == 4


def test_the_same_fingerprint_twice_in_one_batch_is_stored_once(store: SQLiteStore, results: Results) -> None:
    report = store.add_results([results["lyon"](), results["lyon"]()])
    assert (report.added, report.duplicates, report.events) == (1, 1, 1)


def test_fingerprint_lookups(filled: SQLiteStore) -> None:
    assert filled.has_fingerprint("fp-almaty") is True
    assert filled.has_fingerprint("fp-missing") is False
    assert filled.known_fingerprints(["fp-lyon", "fp-missing", "fp-kharkiv"]) == {"fp-lyon", "fp-kharkiv"}
    assert filled.known_fingerprints(iter(())) == set()
    assert filled.known_fingerprints(['x"; DROP TABLE articles; --']) == set()
    assert filled.stats().articles == 3


def test_a_failing_article_does_not_sink_its_batch(store: SQLiteStore, results: Results) -> None:
    good, also_good = results["almaty"](), results["lyon"]()
    kharkiv = results["kharkiv"]()
    not_json = dataclasses.replace(kharkiv, events=(dataclasses.replace(kharkiv.events[0],
                                                                        confidence=float("nan")),))
    report = store.add_results([good, not_json, also_good])

    assert (report.added, report.duplicates, report.events) == (2, 0, 3)
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert (problem.stage, problem.code, problem.article_id) == ("store", "store_failed", "kharkiv")
    assert "could not store article kharkiv" in problem.message
    assert store.stats() == StoreStats(articles=2, events=3, problems=0, runs=0)
    assert store.article("kharkiv") is None
    assert not store.has_fingerprint("fp-kharkiv")
    assert [e.article_id for e in store.events()] == ["almaty", "almaty", "lyon"]

    # fixed, it goes in on the next batch
    assert store.add_results([kharkiv]).added == 1
    # the rolled-back article left nothing behind in the full-text or spatial indexes
    conn = store._connection()
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT count(*) FROM event_geo").fetchone()[0] == 3
    assert [h.article_id for h in store.search("Kharkiv")] == ["kharkiv"]


def test_an_id_stored_under_another_fingerprint_fails_alone(store: SQLiteStore, results: Results) -> None:
    lyon = results["lyon"]()
    clash = DocumentResult(article=Article(id="lyon", text="Another text.", fingerprint="fp-other"))
    report = store.add_results([lyon, clash, results["almaty"]()])
    assert (report.added, report.events) == (2, 3)
    assert [(p.code, p.article_id) for p in report.problems] == [("store_failed", "lyon")]
    assert "UNIQUE constraint failed: articles.id" in report.problems[0].message
    stored = store.article("lyon")
    assert stored is not None and stored.text == lyon.article.text


def test_runs_and_problems(store: SQLiteStore) -> None:
    run = store.start_run("eventwire extract feed.xml")
    other = store.start_run("eventwire extract other.jsonl")
    written = store.add_problems([
        Problem(stage="ingest", code="empty", message="no text", origin="feed.xml#3"),
        Problem(stage="extract", code="extract_failed", message="boom", article_id="a1"),
    ], run_id=run)
    assert written == 2
    assert store.add_problems([Problem(stage="ingest", code="bad_json", message="line 2")]) == 1
    store.finish_run(run, {"articles": 10, "problems": 2})

    got = store.problems(run)
    assert [(p.run_id, p.stage, p.code, p.message, p.origin, p.article_id) for p in got] == [
        (run, "ingest", "empty", "no text", "feed.xml#3", None),
        (run, "extract", "extract_failed", "boom", None, "a1"),
    ]
    assert [p.code for p in store.problems()] == ["empty", "extract_failed", "bad_json"]
    assert store.problems(other) == []

    latest, first = store.runs()
    assert (latest.id, latest.command, latest.finished_at, latest.counts) == (
        other, "eventwire extract other.jsonl", None, {})
    assert (first.id, first.command, first.counts) == (run, "eventwire extract feed.xml",
                                                       {"articles": 10, "problems": 2})
    assert first.started_at == "2024-05-01T12:01:00.000000+00:00"
    assert first.finished_at == "2024-05-01T12:05:00.000000+00:00"
    assert [r.id for r in store.runs(limit=1)] == [other]
    assert store.stats() == StoreStats(articles=0, events=0, problems=3, runs=2)


def test_unknown_runs_are_store_errors(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="no run 42"):
        store.finish_run(42, {})
    with pytest.raises(StoreError, match="FOREIGN KEY"):
        store.add_problems([Problem(stage="ingest", code="empty", message="x")], run_id=42)
    assert store.stats().problems == 0
