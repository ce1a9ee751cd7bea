"""SQLite rows: a `DocumentResult` becomes an article row and event rows; an `EventFilter` becomes
a WHERE clause over `events e`. Used by `sqlite.py` only.
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

__all__ = ["haversine_or_null", "incident_where", "insert_result", "where_clause"]

_EVENT_COLUMNS = (
    "article_id", "seq", "date", "date_end", "date_precision", "country", "lat", "lon",
    "plover_type", "plover_mode", "acled_type", "acled_sub_type", "cameo", "actor_code",
    "target_code", "fatalities_best", "modality", "confidence", "event_json",
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
    return " AND ".join(clauses), params


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
        clauses.append("i.plover_type = ?")
        params.append(f.type.strip())
    return " AND ".join(clauses), params


def haversine_or_null(lat1: float | None, lon1: float | None, lat2: float | None,
                       lon2: float | None) -> float | None:
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)
