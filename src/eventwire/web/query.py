"""Request parameters into `eventwire.api` calls, and stored records into JSON for the web layer.

Nothing here touches SQL: every read goes through `api.Database`. Parameters that the store does
not filter on yet (`bbox`, `actor`) are applied to the store's answer here, which then reads every
matching event before paging; the others are passed down and paged by the store.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import api
from ..errors import ConfigError
from ..store import EventFilter, StoredArticle, StoredEvent
from ..views import evidence_spans

__all__ = [
    "EventQuery",
    "article_json",
    "daily_counts",
    "event_json",
    "parse_bbox",
    "parse_near",
    "type_counts",
]

BBox = tuple[float, float, float, float]
TYPE_SCHEMES = ("plover", "acled", "acled_sub", "cameo")


def _floats(value: str, n: int, what: str, example: str) -> list[float]:
    parts = value.split(",")
    try:
        numbers = [float(x) for x in parts]
    except ValueError:
        numbers = []
    if len(numbers) != n or not all(math.isfinite(x) for x in numbers):
        raise ConfigError(f"{what}: {value!r} is not {n} comma-separated numbers like {example}")
    return numbers


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    """`lat,lon,km` as a tuple; ConfigError when malformed or out of range."""
    if value is None:
        return None
    lat, lon, km = _floats(value, 3, "near", "43.25,76.92,50")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ConfigError(f"near: ({lat}, {lon}) is not a valid latitude/longitude")
    if not 0 < km <= 20_100:
        raise ConfigError(f"near: the distance must be between 0 and 20100 km, not {km}")
    return lat, lon, km


def parse_bbox(value: str | None) -> BBox | None:
    """`minlon,minlat,maxlon,maxlat` (minlon > maxlon crosses the antimeridian); ConfigError if bad."""
    if value is None:
        return None
    minlon, minlat, maxlon, maxlat = _floats(value, 4, "bbox", "-10,35,30,60")
    if not all(-180.0 <= x <= 180.0 for x in (minlon, maxlon)) or not all(-90.0 <= y <= 90.0 for y in (minlat, maxlat)):
        raise ConfigError(f"bbox: {value!r} lies outside -180..180 / -90..90")
    if minlat > maxlat:
        raise ConfigError(f"bbox: minlat ({minlat}) is above maxlat ({maxlat})")
    return minlon, minlat, maxlon, maxlat


def _in_bbox(event: dict[str, Any], box: BBox) -> bool:
    loc = event.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return False
    minlon, minlat, maxlon, maxlat = box
    lon_ok = minlon <= lon <= maxlon if minlon <= maxlon else (lon >= minlon or lon <= maxlon)
    return lon_ok and minlat <= lat <= maxlat


def _has_actor(event: dict[str, Any], needle: str) -> bool:
    actor = event.get("actor") or {}
    return any(needle in str(actor.get(key) or "").casefold() for key in ("text", "name", "code"))


@dataclass(frozen=True)
class EventQuery:
    """The event filters of a request, validated (ConfigError otherwise)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None
    near: tuple[float, float, float] | None = None
    bbox: BBox | None = None
    actor: str | None = None
    text: str | None = None

    @classmethod
    def parse(cls, *, since: str | None = None, until: str | None = None, country: str | None = None,
              type: str | None = None, near: str | None = None, bbox: str | None = None,
              actor: str | None = None, q: str | None = None) -> EventQuery:
        query = cls(since=api.parse_date(since, "since"), until=api.parse_date(until, "until"),
                    country=country.strip().upper() if country and country.strip() else None,
                    type=type.strip() if type and type.strip() else None, near=parse_near(near),
                    bbox=parse_bbox(bbox), actor=actor.strip().casefold() if actor and actor.strip() else None,
                    text=q.strip() if q and q.strip() else None)
        query.store_filter()  # raises on since > until
        return query

    def store_filter(self) -> EventFilter:
        return EventFilter(since=self.since, until=self.until, country=self.country, type=self.type,
                           near=self.near, text=self.text)

    @property
    def local(self) -> bool:
        """Whether some filters are applied here rather than by the store."""
        return self.bbox is not None or self.actor is not None

    def _keep(self, rows: Iterable[StoredEvent]) -> list[StoredEvent]:
        return [r for r in rows if (self.bbox is None or _in_bbox(r.event, self.bbox))
                and (self.actor is None or _has_actor(r.event, self.actor))]

    def _read(self, db: api.Database, limit: int | None = None, offset: int = 0) -> list[StoredEvent]:
        return db.events(since=self.since, until=self.until, country=self.country, type=self.type,
                         near=self.near, text=self.text, limit=limit, offset=offset)

    def page(self, db: api.Database, limit: int, offset: int) -> tuple[int, list[StoredEvent]]:
        """(total matching, the events of one page)."""
        if self.local:
            rows = self._keep(self._read(db))
            return len(rows), rows[offset:offset + limit]
        return db.store.count_events(self.store_filter()), self._read(db, limit, offset)

    def all(self, db: api.Database) -> list[StoredEvent]:
        return self._keep(self._read(db))


def event_json(row: StoredEvent) -> dict[str, Any]:
    return {"article_id": row.article_id, "seq": row.seq, "title": row.title, "outlet": row.outlet,
            "url": row.url, "published": row.published.isoformat() if row.published else None,
            "distance_km": row.distance_km, "event": row.event}


def _spans(result: dict[str, Any], length: int) -> list[dict[str, Any]]:
    """Evidence spans tagged with the event they belong to (None for quotes), inside the text."""
    tagged: list[tuple[int, int, str, int | None]]
    tagged = [(s, e, kind, None) for s, e, kind in evidence_spans({"quotes": result.get("quotes") or []})]
    for seq, event in enumerate(result.get("events") or []):
        tagged += [(s, e, kind, seq) for s, e, kind in evidence_spans({"events": [event]})]
    return [{"start": s, "end": e, "kind": kind, "event": seq} for s, e, kind, seq in tagged
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= length]


def article_json(art: StoredArticle) -> dict[str, Any]:
    return {"id": art.id, "title": art.title, "url": art.url, "outlet": art.outlet,
            "published": art.published.isoformat() if art.published else None, "origin": art.origin,
            "ingested_at": art.ingested_at, "text": art.text, "result": art.result,
            "spans": _spans(art.result, len(art.text))}


def _day(row: StoredEvent, basis: str) -> str | None:
    if basis == "published":
        return row.published.isoformat() if row.published else None
    date = row.event.get("date") or {}
    value = date.get("value")
    if date.get("precision") == "day" and isinstance(value, str) and len(value) >= 10:
        return value[:10]
    return None


def daily_counts(rows: list[StoredEvent], basis: str = "event") -> dict[str, Any]:
    """Events per day, in date order; events whose date is not a day are counted apart."""
    days = Counter(_day(r, basis) for r in rows)
    undated = days.pop(None, 0)
    return {"basis": basis, "days": [{"date": d, "count": n} for d, n in sorted(days.items())],
            "not_a_day": undated, "total": len(rows)}


def _type(event: dict[str, Any], scheme: str) -> str | None:
    path = {"plover": ("plover", "type"), "acled": ("acled", "event_type"),
            "acled_sub": ("acled", "sub_event_type"), "cameo": ("cameo", "code")}[scheme]
    node = event.get(path[0]) or {}
    value = node.get(path[1])
    if scheme == "cameo" and isinstance(value, str):
        value = value[:2]  # the root code
    return value if isinstance(value, str) and value else None


def type_counts(rows: list[StoredEvent], scheme: str = "plover") -> dict[str, Any]:
    """Events per type of one scheme, most frequent first (CAMEO by root code)."""
    counts = Counter(_type(r.event, scheme) or "(none)" for r in rows)
    return {"scheme": scheme, "types": [{"type": t, "count": n} for t, n in
                                        sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
            "total": len(rows)}
