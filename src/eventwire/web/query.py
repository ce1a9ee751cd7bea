"""Request parameters into the keyword arguments of `eventwire.api.Database` reads.

Nothing here touches SQL, and nothing filters in Python: every filter is passed down to the store,
which pages, counts and groups in SQLite. Parsing checks the values (ConfigError otherwise, which the
app answers with 400).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from .. import api
from ..errors import ConfigError
from ..store import BBox

__all__ = ["Filters", "parse_bbox", "parse_near"]

MAX_KM = 20_100.0  # half the Earth's circumference, rounded up


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
    if not 0 < km <= MAX_KM:
        raise ConfigError(f"near: the distance must be between 0 and {MAX_KM:g} km, not {km}")
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


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@dataclass(frozen=True)
class Filters:
    """The filters of a request over events or incidents, checked (ConfigError otherwise)."""

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
              actor: str | None = None, q: str | None = None) -> Filters:
        if near is not None and bbox is not None:
            raise ConfigError("give near or bbox, not both")
        country = _blank(country)
        filters = cls(since=api.parse_date(_blank(since), "since"), until=api.parse_date(_blank(until), "until"),
                      country=country.upper() if country else None, type=_blank(type), near=parse_near(near),
                      bbox=parse_bbox(bbox), actor=_blank(actor), text=_blank(q))
        api.Database.event_filter(**filters.kwargs())  # the store's own checks (since > until...)
        return filters

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `Database.events`, `count_events`, `events_per_*`, `incidents`..."""
        return {"since": self.since, "until": self.until, "country": self.country, "type": self.type,
                "near": self.near, "bbox": self.bbox, "actor": self.actor, "text": self.text}
