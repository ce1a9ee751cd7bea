"""Opening stores: pragmas, migrations, bad paths, URLs, life cycle."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import ConfigError, StoreError
from eventwire.store import SQLiteStore, Store, StoreStats, open_store
from eventwire.store.schema import SCHEMA_VERSION


def test_pragmas_wal_foreign_keys_synchronous(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SQLiteStore(path) as store:
        conn = store._connection()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # WAL sticks to the file
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    raw.close()
    assert {"articles", "articles_fts", "events", "event_geo", "problems", "runs", "incidents",
            "incident_members"} <= tables


def test_data_survives_reopening(tmp_path: Path, results: dict) -> None:  # type: ignore[type-arg]
    path = tmp_path / "events.db"
    with SQLiteStore(path) as store:
        store.add_results([results["lyon"]()])
        run = store.start_run("extract")
    with SQLiteStore(path) as store:
        assert store.stats() == StoreStats(articles=1, events=1, problems=0, runs=1)
        assert store.runs()[0].id == run
        assert [h.article_id for h in store.search("pensions")] == ["lyon"]
        assert store.add_results([results["lyon"]()]).duplicates == 1


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "nowhere" / "events.db")
    assert not (tmp_path / "nowhere").exists()


def test_a_directory_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        SQLiteStore(tmp_path)


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not an SQLite database"):
        SQLiteStore(path)
    assert path.read_text().startswith("these are notes")


def test_someone_elses_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE articles (x)")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        SQLiteStore(path)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    SQLiteStore(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="newer than this eventwire knows"):
        SQLiteStore(path)


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "events.db")
    with store:
        assert store.stats().articles == 0
    with pytest.raises(StoreError, match="is closed"):
        store.stats()
    store.close()  # closing twice is fine


def test_in_memory_store(results: dict) -> None:  # type: ignore[type-arg]
    with SQLiteStore(":memory:") as store:
        assert store.add_results([results["almaty"]()]).added == 1
        assert store.count_events() == 2


def test_open_store_takes_paths_and_sqlite_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(tmp_path / "a.db") as store:
        assert isinstance(store, SQLiteStore) and isinstance(store, Store)
        assert store.path == str(tmp_path / "a.db")
    with open_store(f"sqlite:///{tmp_path}/b.db") as store:  # tmp_path is absolute: four slashes
        assert isinstance(store, SQLiteStore)
        assert store.path == f"{tmp_path}/b.db"
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///c.db") as store:
        assert isinstance(store, SQLiteStore)
        assert store.path == "c.db"
    assert {p.name for p in tmp_path.glob("*.db")} == {"a.db", "b.db", "c.db"}


@pytest.mark.parametrize("url", ["postgresql://user@localhost/events", "postgres://h/db",
                                 "postgresql+psycopg://h/db"])
def test_postgresql_is_not_available_yet(url: str) -> None:
    with pytest.raises(ConfigError, match="PostgreSQL stores are not available yet"):
        open_store(url)


@pytest.mark.parametrize(("url", "message"), [("mysql://h/db", "unknown store URL scheme"),
                                              ("sqlite://", "bad SQLite URL"),
                                              ("sqlite:///", "names no file")])
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        open_store(url)
