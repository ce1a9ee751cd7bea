"""Incidents in the store: features kept at insert, incidents replaced as a whole and read back with
their members, filters, the v1 -> v2 migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from eventwire.contract import event_from_dict, event_to_dict
from eventwire.errors import ConfigError
from eventwire.incidents import incident_records
from eventwire.store import IncidentFilter, IncidentMember, SQLiteStore, StoredIncident
from eventwire.store.schema import MIGRATIONS, SCHEMA_VERSION, _statements

from .conftest import almaty, kharkiv, lyon


def _incident(id: str, members: list[str], first: str | None, country: str | None = None,
              type: str | None = "PROTEST") -> StoredIncident:
    day = dt.date.fromisoformat(first) if first else None
    return StoredIncident(id=id, plover_type=type, first_date=day, last_date=day, country=country,
                          summary={"articles": len(members), "disagreement": {"any": False}},
                          members=tuple(IncidentMember(a, None if n == 0 else {"joined": members[0], "score": 0.5})
                                        for n, a in enumerate(members)))


def test_event_dicts_round_trip() -> None:
    for result in (almaty(), kharkiv(), lyon()):
        for event in result.events:
            assert event_to_dict(event_from_dict(event_to_dict(event))) == event_to_dict(event)


def test_features_are_kept_at_insert(filled: SQLiteStore) -> None:
    feats = {f.article_id: f for f in filled.article_features()}
    assert sorted(feats) == ["almaty", "kharkiv", "lyon"]
    assert feats["almaty"].primary is not None and feats["almaty"].primary.plover_type == "PROTEST"
    assert feats["almaty"].years == frozenset({2022}) and dict(feats["almaty"].terms)["almaty"] >= 2
    assert feats["lyon"].published is None and feats["kharkiv"].published == "2022-03-02"


def test_features_missing_from_old_rows_are_rebuilt(filled: SQLiteStore) -> None:
    kept = {f.article_id: f for f in filled.article_features()}
    filled._write(lambda conn: conn.execute("UPDATE articles SET features_json = NULL"))
    rebuilt = {f.article_id: f for f in filled.article_features()}
    for aid, f in kept.items():
        assert (rebuilt[aid].terms, rebuilt[aid].years, rebuilt[aid].published) == (f.terms, f.years, f.published)
        assert event_to_dict(rebuilt[aid].primary) == event_to_dict(f.primary)  # type: ignore[arg-type]


def test_features_of_an_older_merge_are_rebuilt(filled: SQLiteStore) -> None:
    kept = {f.article_id: f for f in filled.article_features()}
    # features as the first merge kept them: no version, no labels, the most confident event as primary
    filled._write(lambda conn: conn.execute(
        "UPDATE articles SET features_json = json_remove(features_json, '$.version', '$.labels')"))
    assert all('"version"' not in r[0] for r in filled._read("SELECT features_json FROM articles", ()))
    rebuilt = {f.article_id: f for f in filled.article_features()}
    for aid, f in kept.items():
        assert (rebuilt[aid].terms, rebuilt[aid].labels) == (f.terms, f.labels)
        assert event_to_dict(rebuilt[aid].primary) == event_to_dict(f.primary)  # type: ignore[arg-type]


def test_set_read_and_replace_incidents(filled: SQLiteStore) -> None:
    filled.set_incidents([_incident("inc-b", ["almaty", "lyon"], "2022-01-05", "KAZ"),
                          _incident("inc-a", ["kharkiv"], "2022-03-01", "UKR", type="ASSAULT")])
    got = filled.incidents()
    assert [i.id for i in got] == ["inc-b", "inc-a"]  # by first date
    first = got[0]
    assert [m.article_id for m in first.members] == ["almaty", "lyon"]
    assert first.members[0].reason is None and first.members[1].reason == {"joined": "almaty", "score": 0.5}
    assert (first.members[0].title, first.members[0].outlet, first.members[0].published) == (
        "Unrest in Almaty", "Example News", dt.date(2022, 1, 6))
    assert first.summary["articles"] == 2 and first.first_date == dt.date(2022, 1, 5)
    assert filled.incident("inc-a") == got[1] and filled.incident("nope") is None
    assert filled.article("lyon").result["incident"] == "inc-b"  # type: ignore[union-attr]

    filled.set_incidents([_incident("inc-c", ["almaty"], None)])
    assert [i.id for i in filled.incidents()] == ["inc-c"]
    assert filled.article("lyon").result["incident"] is None  # type: ignore[union-attr]


def test_incident_filters_and_pages(filled: SQLiteStore) -> None:
    filled.set_incidents([_incident("inc-1", ["almaty"], "2022-01-05", "KAZ"),
                          _incident("inc-2", ["kharkiv"], "2022-03-01", "UKR", type="ASSAULT"),
                          _incident("inc-3", ["lyon"], None, "FRA")])
    ids = lambda **kw: [i.id for i in filled.incidents(IncidentFilter(**kw))]  # noqa: E731
    assert ids() == ["inc-1", "inc-2", "inc-3"]  # undated last
    assert ids(since=dt.date(2022, 2, 1)) == ["inc-2"]
    assert ids(until=dt.date(2022, 2, 1)) == ["inc-1"]
    assert ids(country="ukr") == ["inc-2"] and ids(type="assault") == ["inc-2"]
    assert [i.id for i in filled.incidents(limit=1, offset=1)] == ["inc-2"]
    with pytest.raises(ConfigError):
        IncidentFilter(since=dt.date(2022, 2, 1), until=dt.date(2022, 1, 1))
    with pytest.raises(ConfigError):
        filled.incidents(limit=-1)


def test_incidents_from_stored_features(filled: SQLiteStore) -> None:
    records = incident_records(filled.article_features())
    assert sorted(a for r in records for a in (m.article_id for m in r.members)) == ["almaty", "kharkiv", "lyon"]
    filled.set_incidents(records)
    [kz] = [r for r in filled.incidents() if r.members[0].article_id == "almaty"]
    assert kz.country == "KAZ" and kz.plover_type == "PROTEST" and kz.first_date == dt.date(2022, 1, 5)
    report = kz.summary["reports"][0]["event"]
    assert report["fatalities"]["best"] == 8 and report["place"] == "Almaty"


def test_a_v1_database_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    with SQLiteStore(path) as store:
        store.add_results([lyon()])
        assert [f.article_id for f in store.article_features()] == ["lyon"]
        assert store.incidents() == []
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()
