"""The SQLite schema, as numbered migrations tracked in `PRAGMA user_version`.

Migration N takes a database at version N-1 to version N. Never edit a released migration: add
the next one. `migrate` applies the missing ones, each in its own transaction.

Tables:
    articles      one row per stored article (`num` is the stable integer key the FTS index uses;
                  `id` and `fingerprint` are unique); `result_json` is the contract line
    articles_fts  FTS5 over title + text, external content = articles, kept in sync by triggers
    events        one row per event with the columns that filters use (its JSON: event_docs, v4)
    event_geo     R*Tree of event points (lat/lon), kept in sync by triggers
    runs          one row per command run; `counts_json` is what it counted
    problems      what went wrong, per document and run
    incidents         (v2) one row per incident: its kind, first and last date, country, and a summary
                      JSON (sources' reports, disagreement); replaced as a whole by `set_incidents`
    incident_members  (v2) which articles each incident holds (an article is in at most one), in
                      canonical order, each with why it joined (`reason_json`)
    articles.features_json  (v2) the merge's small features of the article (store/features.py)
    events.actor_words  (v3) the actor's words, name and code, casefolded, one a line (filled by
                      the SQL function `eventwire_actor_words(event_json)` that `sqlite.py` registers)
    events_actor_fts  (v3) FTS5 trigram index of `actor_words` (substring search), kept in sync by triggers
    (v3) indexes for the read paths: the page order, counts per day, incidents in order
    event_docs        (v4) the event JSON, out of `events`, which keeps only what filters, sorts and
                      counts read (a scan of 100,000 events reads a few MiB, not the JSON)
    events.article_num, events.published  (v4) the article's `num` (what `articles_fts` returns) and
                      publication date, so that text search and counts by publication day need no
                      article row; the country and type indexes carry the page order
    (v5) ... and the end of the event's date: counts by type within dates read the type's index alone
"""

from __future__ import annotations

import logging
import sqlite3

from ..errors import StoreError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate"]

logger = logging.getLogger(__name__)

_V1 = """
CREATE TABLE articles (
    num          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    fingerprint  TEXT NOT NULL UNIQUE,
    title        TEXT,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,
    origin       TEXT,
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    result_json  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='num', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.num, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.num, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.num, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.num, new.title, new.text);
END;

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    date            TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    country         TEXT,
    lat             REAL,
    lon             REAL,
    plover_type     TEXT COLLATE NOCASE,
    plover_mode     TEXT,
    acled_type      TEXT COLLATE NOCASE,
    acled_sub_type  TEXT COLLATE NOCASE,
    cameo           TEXT,
    actor_code      TEXT,
    target_code     TEXT,
    fatalities_best INTEGER,
    modality        TEXT,
    confidence      REAL,
    event_json      TEXT NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX events_order ON events(date, article_id, seq);
CREATE INDEX events_date_end ON events(date_end);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_plover_type ON events(plover_type);
CREATE INDEX events_acled_type ON events(acled_type);
CREATE INDEX events_acled_sub_type ON events(acled_sub_type);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_actor_code ON events(actor_code);
CREATE INDEX events_target_code ON events(target_code);

CREATE VIRTUAL TABLE event_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TRIGGER event_geo_ai AFTER INSERT ON events
    WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
    INSERT INTO event_geo(id, min_lat, max_lat, min_lon, max_lon)
        VALUES (new.id, new.lat, new.lat, new.lon, new.lon);
END;
CREATE TRIGGER event_geo_ad AFTER DELETE ON events BEGIN
    DELETE FROM event_geo WHERE id = old.id;
END;
CREATE TRIGGER event_geo_au AFTER UPDATE OF lat, lon ON events BEGIN
    DELETE FROM event_geo WHERE id = old.id;
    INSERT INTO event_geo(id, min_lat, max_lat, min_lon, max_lon)
        SELECT new.id, new.lat, new.lat, new.lon, new.lon
        WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
END;

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    command      TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    counts_json  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE problems (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    stage       TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    origin      TEXT,
    article_id  TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX problems_run ON problems(run_id);
CREATE INDEX problems_code ON problems(code);
"""

_V2 = """
ALTER TABLE articles ADD COLUMN features_json TEXT;

CREATE TABLE incidents (
    id            TEXT PRIMARY KEY,
    plover_type   TEXT COLLATE NOCASE,
    first_date    TEXT,
    last_date     TEXT,
    country       TEXT,
    articles      INTEGER NOT NULL,
    summary_json  TEXT NOT NULL
);
CREATE INDEX incidents_order ON incidents(first_date, id);
CREATE INDEX incidents_last_date ON incidents(last_date);
CREATE INDEX incidents_country ON incidents(country);
CREATE INDEX incidents_plover_type ON incidents(plover_type);

CREATE TABLE incident_members (
    incident_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    article_id   TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    reason_json  TEXT,
    PRIMARY KEY (incident_id, article_id)
);
"""

_V3 = """
ALTER TABLE events ADD COLUMN actor_words TEXT;
UPDATE events SET actor_words = eventwire_actor_words(event_json);

CREATE VIRTUAL TABLE events_actor_fts USING fts5(
    actor_words, content='events', content_rowid='id', tokenize='trigram'
);
INSERT INTO events_actor_fts(events_actor_fts) VALUES ('rebuild');
CREATE TRIGGER events_actor_fts_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_actor_fts(rowid, actor_words) VALUES (new.id, new.actor_words);
END;
CREATE TRIGGER events_actor_fts_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_actor_fts(events_actor_fts, rowid, actor_words) VALUES ('delete', old.id, old.actor_words);
END;
CREATE TRIGGER events_actor_fts_au AFTER UPDATE OF actor_words ON events BEGIN
    INSERT INTO events_actor_fts(events_actor_fts, rowid, actor_words) VALUES ('delete', old.id, old.actor_words);
    INSERT INTO events_actor_fts(rowid, actor_words) VALUES (new.id, new.actor_words);
END;

CREATE INDEX events_sort ON events(date IS NULL, date, article_id, seq);
CREATE INDEX events_day ON events(date_precision, date);
CREATE INDEX incidents_sort ON incidents(first_date IS NULL, first_date, id);
"""

_V4 = """
CREATE TABLE event_docs (
    id    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    json  TEXT NOT NULL
);
INSERT INTO event_docs (id, json) SELECT id, event_json FROM events;
ALTER TABLE events DROP COLUMN event_json;
ALTER TABLE events ADD COLUMN article_num INTEGER;
ALTER TABLE events ADD COLUMN published TEXT;
UPDATE events SET (article_num, published) = (SELECT a.num, a.published FROM articles a WHERE a.id = events.article_id);

DROP INDEX events_country;
DROP INDEX events_plover_type;
DROP INDEX events_acled_type;
DROP INDEX events_acled_sub_type;
CREATE INDEX events_country ON events(country, date IS NULL, date, article_id, seq);
CREATE INDEX events_plover_type ON events(plover_type, date IS NULL, date, article_id, seq);
CREATE INDEX events_acled_type ON events(acled_type, date IS NULL, date, article_id, seq);
CREATE INDEX events_acled_sub_type ON events(acled_sub_type, date IS NULL, date, article_id, seq);
CREATE INDEX events_article_num ON events(article_num, date IS NULL, date, article_id, seq);
CREATE INDEX events_published ON events(published);
"""

_V5 = """
DROP INDEX events_country;
DROP INDEX events_plover_type;
DROP INDEX events_acled_type;
DROP INDEX events_acled_sub_type;
CREATE INDEX events_country ON events(country, date IS NULL, date, article_id, seq, date_end);
CREATE INDEX events_plover_type ON events(plover_type, date IS NULL, date, article_id, seq, date_end);
CREATE INDEX events_acled_type ON events(acled_type, date IS NULL, date, article_id, seq, date_end);
CREATE INDEX events_acled_sub_type ON events(acled_sub_type, date IS NULL, date, article_id, seq, date_end);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
"""MIGRATIONS[i] takes the schema from version i to version i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, name: str) -> int:
    """Bring the database up to SCHEMA_VERSION; returns the version it was at.

    `conn` must be in autocommit mode (`isolation_level=None`). `name` is only used in messages.
    """
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{name} has schema version {found}, newer than this eventwire knows ({SCHEMA_VERSION}); "
            "upgrade eventwire"
        )
    if found == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
        if tables.fetchone()[0]:
            raise StoreError(f"{name} is an SQLite database, but not an eventwire store")
    for version in range(found + 1, SCHEMA_VERSION + 1):
        logger.info("migrating %s to schema version %s", name, version)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"could not migrate {name} to schema version {version}: {exc}") from exc
    return int(found)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies hold `;` of their own)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]!r}")
    return out
