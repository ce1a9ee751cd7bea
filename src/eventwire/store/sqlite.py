"""`SQLiteStore`: the embedded default store (one file, WAL, one transaction per batch).

Every write goes through `_write`, which runs a function inside `BEGIN IMMEDIATE … COMMIT` under
the store's lock; reads go through `_read`. The connection is shared by threads under that lock;
other processes can read beside the writer thanks to WAL.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from ..errors import ConfigError, StoreError
from ..merge import ArticleFeatures
from ..model import DocumentResult, Problem
from . import select
from .base import (
    AddReport,
    IncidentFilter,
    IncidentMember,
    IncidentRef,
    SearchHit,
    StoredArticle,
    StoredIncident,
    StoredProblem,
    StoredRun,
    StoreStats,
)
from .features import features_from_json, from_contract, is_current
from .query import fts_query
from .reads import EventReads
from .rows import actor_words_sql, haversine_or_null, insert_result
from .schema import migrate

__all__ = ["SQLiteStore"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SQLiteStore(EventReads):
    """The `Store` protocol over one SQLite file (or `":memory:"`).

    `clock` gives the time stamps written (ingested_at, started_at…); tests pass their own.
    """

    def __init__(self, path: str | os.PathLike[str], *, clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self.path = str(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = _connect(self.path)

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writes -------------------------------------------------------------------------------

    def add_results(self, results: Sequence[DocumentResult]) -> AddReport:
        """Store a batch in one transaction. Fingerprints already stored are skipped (duplicates);
        an article that fails to insert is rolled back alone and reported as `store_failed`."""
        now = self._now()

        def write(conn: sqlite3.Connection) -> AddReport:
            added = duplicates = events = 0
            problems: list[Problem] = []
            for result in results:
                article = result.article
                if _has(conn, article.fingerprint):
                    duplicates += 1
                    continue
                conn.execute("SAVEPOINT article")
                try:
                    events += insert_result(conn, result, now)
                except (sqlite3.Error, ValueError, TypeError, OverflowError) as exc:
                    conn.execute("ROLLBACK TO article")
                    conn.execute("RELEASE article")
                    logger.warning("could not store article %s: %s", article.id, exc)
                    problems.append(Problem(stage="store", code="store_failed",
                                            message=f"could not store article {article.id}: {exc}",
                                            origin=article.origin, article_id=article.id))
                    continue
                conn.execute("RELEASE article")
                added += 1
            return AddReport(added=added, duplicates=duplicates, events=events, problems=tuple(problems))

        report = self._write(write)
        logger.debug("stored %s articles (%s events), %s duplicates, %s failed",
                     report.added, report.events, report.duplicates, len(report.problems))
        return report

    def add_problems(self, problems: Iterable[Problem], run_id: int | None = None) -> int:
        now = self._now()
        rows = [(run_id, p.stage, p.code, p.message, p.origin, p.article_id, now) for p in problems]

        def write(conn: sqlite3.Connection) -> int:
            conn.executemany(
                "INSERT INTO problems (run_id, stage, code, message, origin, article_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            return len(rows)

        return self._write(write)

    def start_run(self, command: str) -> int:
        now = self._now()

        def write(conn: sqlite3.Connection) -> int:
            cursor = conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, now))
            return int(cursor.lastrowid or 0)

        return self._write(write)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        now, counts_json = self._now(), json.dumps(dict(counts), sort_keys=True)

        def write(conn: sqlite3.Connection) -> None:
            cursor = conn.execute("UPDATE runs SET finished_at = ?, counts_json = ? WHERE id = ?",
                                  (now, counts_json, run_id))
            if cursor.rowcount == 0:
                raise StoreError(f"no run {run_id} in {self.path}")

        self._write(write)

    def set_incidents(self, incidents: Sequence[StoredIncident]) -> None:
        rows = [(inc.id, inc.plover_type, _iso(inc.first_date), _iso(inc.last_date), inc.country,
                 len(inc.members), _json(inc.summary)) for inc in incidents]
        members = [(inc.id, m.article_id, seq, None if m.reason is None else _json(m.reason))
                   for inc in incidents for seq, m in enumerate(inc.members)]

        def write(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM incident_members")
            conn.execute("DELETE FROM incidents")
            conn.executemany("INSERT INTO incidents (id, plover_type, first_date, last_date, country, articles,"
                             " summary_json) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany("INSERT INTO incident_members (incident_id, article_id, seq, reason_json)"
                             " VALUES (?, ?, ?, ?)", members)

        self._write(write)
        logger.debug("stored %s incidents of %s articles", len(rows), len(members))

    def optimize(self) -> None:
        """Refresh the statistics the query planner chooses indexes by (ANALYZE: ~0.2 s a 100,000 events)."""
        self._write(lambda conn: conn.execute("ANALYZE"))

    # -- reads --------------------------------------------------------------------------------

    def has_fingerprint(self, fingerprint: str) -> bool:
        return bool(self._read("SELECT 1 FROM articles WHERE fingerprint = ?", (fingerprint,)))

    def known_fingerprints(self, fingerprints: Iterable[str]) -> set[str]:
        wanted = json.dumps(list(fingerprints))
        rows = self._read("SELECT fingerprint FROM articles WHERE fingerprint IN"
                          " (SELECT value FROM json_each(?))", (wanted,))
        return {row[0] for row in rows}

    def article(self, article_id: str) -> StoredArticle | None:
        rows = self._read("SELECT a.*, m.incident_id FROM articles a"
                          " LEFT JOIN incident_members m ON m.article_id = a.id WHERE a.id = ?", (article_id,))
        if not rows:
            return None
        r = rows[0]
        result = json.loads(r["result_json"])
        result["incident"] = r["incident_id"]
        return StoredArticle(id=r["id"], fingerprint=r["fingerprint"], title=r["title"], url=r["url"],
                             outlet=r["outlet"], published=_date(r["published"]), origin=r["origin"],
                             text=r["text"], ingested_at=r["ingested_at"], result=result)

    def article_features(self) -> list[ArticleFeatures]:
        rows = self._read("SELECT id, fingerprint, features_json FROM articles ORDER BY id", ())
        out = []
        for r in rows:
            if is_current(r["features_json"]):
                out.append(features_from_json(r["id"], r["fingerprint"], r["features_json"]))
                continue
            # stored before schema v2, or by an older merge: rebuilt from the text and the contract JSON (no parse)
            full = self._read("SELECT title, text, published, result_json FROM articles WHERE id = ?", (r["id"],))[0]
            out.append(from_contract(r["id"], r["fingerprint"], full["title"], full["text"], full["published"],
                                     json.loads(full["result_json"])))
        return out

    def incidents(
        self, filter: IncidentFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredIncident]:
        f = filter or IncidentFilter()
        return self._with_members(self._read(*select.incidents_page(f, limit, offset, self._type_columns(f.type))))

    def page_incidents(
        self, filter: IncidentFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[int, list[StoredIncident]]:
        f = filter or IncidentFilter()
        rows = self._read(*select.incidents_page(f, limit, offset, self._type_columns(f.type), counted=True))
        total = int(rows[0]["total"]) if rows else 0 if offset == 0 else self.count_incidents(f)
        return total, self._with_members(rows)

    def count_incidents(self, filter: IncidentFilter | None = None) -> int:
        f = filter or IncidentFilter()
        return int(self._read(*select.count_incidents(f, self._type_columns(f.type)))[0][0])

    def incident(self, incident_id: str) -> StoredIncident | None:
        found = self._with_members(self._read("SELECT * FROM incidents i WHERE i.id = ?", (incident_id,)))
        return found[0] if found else None

    def incident_ids(self, prefix: str, limit: int = 2) -> list[str]:
        if limit < 0:
            raise ConfigError(f"limit must not be negative (got {limit})")
        rows = self._read("SELECT id FROM incidents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                          (prefix, prefix + "\U0010ffff", limit))
        return [r["id"] for r in rows]

    def incidents_of(self, article_ids: Iterable[str]) -> dict[str, IncidentRef]:
        wanted = json.dumps(sorted(set(article_ids)))
        rows = self._read(
            "SELECT m.article_id, i.id, i.articles, (SELECT count(DISTINCT coalesce(a.outlet, a.id))"
            " FROM incident_members o JOIN articles a ON a.id = o.article_id WHERE o.incident_id = i.id) AS sources"
            " FROM incident_members m JOIN incidents i ON i.id = m.incident_id"
            " WHERE m.article_id IN (SELECT value FROM json_each(?))", (wanted,))
        return {r["article_id"]: IncidentRef(id=r["id"], articles=r["articles"], sources=r["sources"]) for r in rows}

    def _with_members(self, rows: list[sqlite3.Row]) -> list[StoredIncident]:
        ids = json.dumps([r["id"] for r in rows])
        members: dict[str, list[IncidentMember]] = {}
        for m in self._read("SELECT m.incident_id, m.article_id, m.reason_json, a.title, a.outlet, a.url, a.published"
                            " FROM incident_members m JOIN articles a ON a.id = m.article_id"
                            " WHERE m.incident_id IN (SELECT value FROM json_each(?))"
                            " ORDER BY m.incident_id, m.seq", (ids,)):
            members.setdefault(m["incident_id"], []).append(IncidentMember(
                article_id=m["article_id"], reason=None if m["reason_json"] is None else json.loads(m["reason_json"]),
                title=m["title"], outlet=m["outlet"], url=m["url"], published=_date(m["published"])))
        return [StoredIncident(id=r["id"], plover_type=r["plover_type"], first_date=_date(r["first_date"]),
                               last_date=_date(r["last_date"]), country=r["country"],
                               summary=json.loads(r["summary_json"]), members=tuple(members.get(r["id"], ())))
                for r in rows]

    def search(self, query: str, limit: int = 20, *, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Articles matching `query` (words, "phrases", prefix*), best first; the snippet shows the
        matches between `mark`s. Input that holds no words finds nothing."""
        if limit < 0:
            raise ConfigError(f"limit must not be negative (got {limit})")
        match = fts_query(query)
        if match is None:
            return []
        rows = self._read(
            "SELECT a.id, a.title, snippet(articles_fts, -1, ?, ?, '…', 16) AS snippet,"
            " bm25(articles_fts, 4.0, 1.0) AS score"
            " FROM articles_fts JOIN articles a ON a.num = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY score, a.id LIMIT ?",
            (mark[0], mark[1], match, limit))
        return [SearchHit(article_id=r["id"], title=r["title"], snippet=r["snippet"], score=r["score"])
                for r in rows]

    def problems(self, run_id: int | None = None) -> list[StoredProblem]:
        if run_id is None:
            rows = self._read("SELECT * FROM problems ORDER BY id", ())
        else:
            rows = self._read("SELECT * FROM problems WHERE run_id = ? ORDER BY id", (run_id,))
        return [StoredProblem(id=r["id"], run_id=r["run_id"], stage=r["stage"], code=r["code"],
                              message=r["message"], origin=r["origin"], article_id=r["article_id"],
                              created_at=r["created_at"]) for r in rows]

    def runs(self, limit: int | None = None) -> list[StoredRun]:
        rows = self._read("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (-1 if limit is None else limit,))
        return [StoredRun(id=r["id"], command=r["command"], started_at=r["started_at"],
                          finished_at=r["finished_at"], counts=json.loads(r["counts_json"])) for r in rows]

    def stats(self) -> StoreStats:
        row = self._read(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM problems), (SELECT count(*) FROM runs)", ())[0]
        return StoreStats(articles=row[0], events=row[1], problems=row[2], runs=row[3])

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- the one writer and the reader -------------------------------------------------------

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                result = fn(conn)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(conn)
                raise StoreError(f"could not write to {self.path}: {exc}") from exc
            except BaseException:
                _rollback(conn)
                raise
            return result

    def _read(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._connection().execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"could not read from {self.path}: {exc}") from exc

    def _read_together(self, *statements: tuple[str, Sequence[Any]]) -> list[list[sqlite3.Row]]:
        """Several reads in one transaction: they see the same snapshot of the database."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN")
                try:
                    return [conn.execute(sql, params).fetchall() for sql, params in statements]
                finally:
                    conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"could not read from {self.path}: {exc}") from exc

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._conn

    def _now(self) -> str:
        return self._clock().isoformat(timespec="microseconds")


def _connect(path: str) -> sqlite3.Connection:
    if path != ":memory:":
        where = Path(path)
        if not where.parent.is_dir():
            raise StoreError(f"cannot open store {path}: the directory {where.parent} does not exist")
        if where.is_dir():
            raise StoreError(f"cannot open store {path}: it is a directory, not a database file")
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.create_function("haversine_km", 4, haversine_or_null, deterministic=True)
        conn.create_function("eventwire_actor_words", 1, actor_words_sql, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of pages: filters walk indexes and thin rows
        conn.execute("PRAGMA mmap_size = 268435456")  # and read them through a memory map
        migrate(conn, path)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot open store {path}: it is not an SQLite database ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    logger.debug("opened store %s (journal mode %s)", path, mode)
    return conn


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _has(conn: sqlite3.Connection, fingerprint: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE fingerprint = ?", (fingerprint,)).fetchone() is not None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)
