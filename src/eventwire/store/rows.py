"""SQLite rows: a `DocumentResult` becomes an article row and event rows; an `EventFilter` becomes
a WHERE clause over `events e`, an `IncidentFilter` one over `incidents i`. Used by `sqlite.py` only.

Every filter is SQL: dates, country and types through their indexes, `near` and `bbox` through the
`event_geo` R*Tree (then checked exactly on the event's own coordinates), `actor` through the trigram
index `events_actor_fts`, `text` through `articles_fts`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..contract import to_contract
from ..model import DocumentResult, Event
from .base import EventFilter, IncidentFilter
from .features import features_json
from .query import bounding_box, date_period, fts_query, haversine_km

__all__ = ["actor_words", "actor_words_sql", "haversine_or_null", "incident_where", "insert_result", "where_clause"]

_EVENT_COLUMNS = (
    "article_id", "seq", "date", "date_end", "date_precision", "country", "lat", "lon",
    "plover_type", "plover_mode", "acled_type", "acled_sub_type", "cameo", "actor_code",
    "target_code", "fatalities_best", "modality", "confidence", "event_json", "actor_words",
)
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, fingerprint, title, url, outlet, published, origin, text, ingested_at,"
    " result_json, features_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_FTS_ARTICLES = (
    "SELECT fa.id FROM articles_fts JOIN articles fa ON fa.num = articles_fts.rowid"
    " WHERE articles_fts MATCH ?"
)
_IN_BOX = "SELECT id FROM event_geo WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?"
_ACTOR_FTS = "SELECT rowid FROM events_actor_fts WHERE events_actor_fts MATCH ?"
_MEMBER_EVENTS = ("SELECT m.incident_id FROM incident_members m JOIN events e ON e.article_id = m.article_id"
                  " WHERE {where}")
_TRIGRAM = 3  # the trigram index finds substrings of at least this many characters


def actor_words(event: dict[str, Any]) -> str | None:
    """What the `actor` filter searches: the actor's words, name and code, casefolded, one a line."""
    actor = event.get("actor") or {}
    words = [str(actor[key]).casefold() for key in ("text", "name", "code") if actor.get(key)]
    return "\n".join(words) if words else None


def actor_words_sql(event_json: str | None) -> str | None:
    """`actor_words` as the SQL function `eventwire_actor_words(event_json)` (fills old rows)."""
    return None if event_json is None else actor_words(json.loads(event_json))


def insert_result(conn: sqlite3.Connection, result: DocumentResult, now: str) -> int:
    """Insert one article and its events (triggers index them); returns the number of events."""
    article = result.article
    contract = to_contract(result)
    conn.execute(_INSERT_ARTICLE, (
        article.id, article.fingerprint, article.title, article.url, article.outlet,
        article.published.isoformat() if article.published else None, article.origin, article.text,
        now, json.dumps(contract, ensure_ascii=False, allow_nan=False), features_json(result)))
    rows = [_event_row(article.id, seq, event, data)
            for seq, (event, data) in enumerate(zip(result.events, contract["events"], strict=True))]
    conn.executemany(_INSERT_EVENT, rows)
    return len(rows)


def _event_row(article_id: str, seq: int, event: Event, data: dict[str, Any]) -> tuple[Any, ...]:
    period = date_period(event.date)
    place = event.location
    country = (place.country if place else None) or (event.actor.country if event.actor else None)
    has_point = place is not None and place.lat is not None and place.lon is not None
    return (
        article_id, seq,
        period[0].isoformat() if period else None,
        period[1].isoformat() if period else None,
        event.date.precision if event.date else None,
        country.upper() if country else None,
        place.lat if has_point and place else None,
        place.lon if has_point and place else None,
        event.plover_type, event.plover_mode, event.acled_type, event.acled_sub_type, event.cameo,
        event.actor.code if event.actor else None,
        event.target.code if event.target else None,
        event.fatalities.best if event.fatalities else None,
        event.modality, event.confidence,
        json.dumps(data, ensure_ascii=False, allow_nan=False),
        actor_words(data),
    )


def where_clause(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over `events e`) and its parameters for a filter."""
    clauses: list[str] = ["1"]
    params: list[Any] = []
    if f.since is not None:
        clauses.append("e.date_end >= ?")
        params.append(f.since.isoformat())
    if f.until is not None:
        clauses.append("e.date <= ?")
        params.append(f.until.isoformat())
    if f.country is not None:
        clauses.append("e.country = ?")
        params.append(f.country.strip().upper())
    if f.type is not None:
        clauses.append("(e.plover_type = ? OR e.acled_type = ? OR e.acled_sub_type = ?)")
        params.extend([f.type.strip()] * 3)
    if f.article_id is not None:
        clauses.append("e.article_id = ?")
        params.append(f.article_id)
    if f.text is not None:
        match = fts_query(f.text)
        if match is None:
            clauses.append("0")  # no words to look for: nothing matches, as in `search`
        else:
            clauses.append(f"e.article_id IN ({_FTS_ARTICLES})")
            params.append(match)
    if f.near is not None:
        lat, lon, km = f.near
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
        clauses.append(f"e.id IN ({_IN_BOX})")
        params.extend([min_lat, max_lat, min_lon, max_lon])
        clauses.append("haversine_km(?, ?, e.lat, e.lon) <= ?")
        params.extend([lat, lon, km])
    if f.bbox is not None:
        _bbox(f.bbox, clauses, params)
    if f.actor is not None:
        _actor(f.actor, clauses, params)
    return " AND ".join(clauses), params


def _bbox(box: tuple[float, float, float, float], clauses: list[str], params: list[Any]) -> None:
    """The R*Tree finds candidates (its 32-bit boxes are rounded outwards, so it misses none); the
    event's own lat/lon decide. A box with min_lon > max_lon crosses the antimeridian: two ranges."""
    min_lon, min_lat, max_lon, max_lat = box
    if min_lon <= max_lon:
        clauses.append(f"e.id IN ({_IN_BOX})")
        params.extend([min_lat, max_lat, min_lon, max_lon])
        clauses.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?")
        params.extend([min_lat, max_lat, min_lon, max_lon])
    else:
        clauses.append(f"e.id IN ({_IN_BOX} UNION ALL {_IN_BOX})")
        params.extend([min_lat, max_lat, min_lon, 180.0, min_lat, max_lat, -180.0, max_lon])
        clauses.append("e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?)")
        params.extend([min_lat, max_lat, min_lon, max_lon])


def _actor(needle: str, clauses: list[str], params: list[Any]) -> None:
    """A substring of the actor's words: the trigram index narrows it down when the needle is long
    enough, `instr` decides (blank matches every event)."""
    words = needle.strip().casefold()
    if not words:
        return
    if len(words) >= _TRIGRAM:
        clauses.append(f"e.id IN ({_ACTOR_FTS})")
        params.append('"' + words.replace('"', '""') + '"')
    clauses.append("instr(e.actor_words, ?) > 0")
    params.append(words)


def incident_where(f: IncidentFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over `incidents i`) and its parameters for a filter."""
    clauses: list[str] = ["1"]
    params: list[Any] = []
    if f.since is not None:
        clauses.append("i.last_date >= ?")
        params.append(f.since.isoformat())
    if f.until is not None:
        clauses.append("i.first_date <= ?")
        params.append(f.until.isoformat())
    if f.country is not None:
        clauses.append("i.country = ?")
        params.append(f.country.strip().upper())
    if f.type is not None:
        acled = _MEMBER_EVENTS.format(where="e.acled_type = ? OR e.acled_sub_type = ?")
        clauses.append(f"(i.plover_type = ? OR i.id IN ({acled}))")
        params.extend([f.type.strip()] * 3)
    if f.near is not None or f.bbox is not None or f.actor is not None:
        where, more = where_clause(EventFilter(near=f.near, bbox=f.bbox, actor=f.actor))
        clauses.append(f"i.id IN ({_MEMBER_EVENTS.format(where=where)})")
        params.extend(more)
    if f.text is not None:
        match = fts_query(f.text)
        if match is None:
            clauses.append("0")
        else:
            clauses.append(f"i.id IN (SELECT m.incident_id FROM incident_members m WHERE m.article_id IN"
                           f" ({_FTS_ARTICLES}))")
            params.append(match)
    return " AND ".join(clauses), params


def haversine_or_null(lat1: float | None, lon1: float | None, lat2: float | None,
                       lon2: float | None) -> float | None:
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)
