"""SQLite rows: a `DocumentResult` becomes an article row, event rows and their JSON (`event_docs`).
Used by `sqlite.py` only; `select.py` reads them back.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..contract import to_contract
from ..model import DocumentResult, Event
from .features import features_json
from .query import date_period, haversine_km

__all__ = ["actor_words", "actor_words_sql", "haversine_or_null", "insert_result"]

_EVENT_COLUMNS = (
    "article_id", "seq", "date", "date_end", "date_precision", "country", "lat", "lon",
    "plover_type", "plover_mode", "acled_type", "acled_sub_type", "cameo", "actor_code",
    "target_code", "fatalities_best", "modality", "confidence", "actor_words", "article_num", "published",
)
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, fingerprint, title, url, outlet, published, origin, text, ingested_at,"
    " result_json, features_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_DOC = "INSERT INTO event_docs (id, json) VALUES ((SELECT id FROM events WHERE article_id = ? AND seq = ?), ?)"


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
    published = article.published.isoformat() if article.published else None
    cursor = conn.execute(_INSERT_ARTICLE, (
        article.id, article.fingerprint, article.title, article.url, article.outlet, published, article.origin,
        article.text, now, json.dumps(contract, ensure_ascii=False, allow_nan=False), features_json(result)))
    num = cursor.lastrowid
    pairs = list(enumerate(zip(result.events, contract["events"], strict=True)))
    conn.executemany(_INSERT_EVENT, [(*_event_row(article.id, seq, event, data), num, published)
                                     for seq, (event, data) in pairs])
    conn.executemany(_INSERT_DOC, [(article.id, seq, json.dumps(data, ensure_ascii=False, allow_nan=False))
                                   for seq, (_, data) in pairs])
    return len(pairs)


def _event_row(article_id: str, seq: int, event: Event, data: dict[str, Any]) -> tuple[Any, ...]:
    """The event's columns, but for the article's num and publication date."""
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
        event.modality, event.confidence, actor_words(data),
    )


def haversine_or_null(lat1: float | None, lon1: float | None, lat2: float | None,
                       lon2: float | None) -> float | None:
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)
