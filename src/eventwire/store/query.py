"""Helpers that turn user input into safe SQL pieces: FTS5 queries, date periods, distances.

Nothing here touches a connection. `fts_query` is the one gate between user text and FTS5's own
query language: everything it returns is a quoted string of word characters, so no user input can
make a FTS5 syntax error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re

from ..model import TimeMention

__all__ = ["EARTH_RADIUS_KM", "bounding_box", "date_period", "fts_query", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088

_TOKEN = re.compile(r'"([^"]*)"|(\w+)(\*?)')
_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str | None:
    """Turn free user text into an FTS5 query that cannot be a syntax error.

    Bare words become quoted terms, `"quoted words"` stay phrases, a trailing `*` on a bare word
    keeps it a prefix query; all terms are required (AND). Operators, brackets, column filters
    and stray quotes are read as plain text or dropped. Returns None when nothing is left.
    """
    terms: list[str] = []
    for match in _TOKEN.finditer(text):
        phrase, word, star = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        elif word:
            terms.append(f'"{word}"' + ("*" if star else ""))
    return " ".join(terms) if terms else None


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def date_period(when: TimeMention | None) -> tuple[dt.date, dt.date] | None:
    """The first and last calendar day a time mention stands for, or None when it pins none.

    Reads the TimeML value (`2022-01-06`, `2022-W01`, `2022-01`, `2022`), else the mention's `date`.
    """
    if when is None:
        return None
    value = when.value or ""
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if m := _YEAR.match(value):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        pass  # e.g. month 13: fall back to the resolved date, if any
    if when.date is not None:
        return when.date, when.date
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within `km` of (lat, lon).

    Slightly generous; near a pole or across the antimeridian it spans all longitudes.
    """
    angle = km / EARTH_RADIUS_KM  # angular radius, radians
    rlat = math.radians(lat)
    min_lat = math.degrees(rlat - angle) - 1e-9
    max_lat = math.degrees(rlat + angle) + 1e-9
    if min_lat <= -90.0 or max_lat >= 90.0:
        return max(-90.0, min_lat), min(90.0, max_lat), -180.0, 180.0
    # the cap's widest longitude offset (Matuschek, "Finding points within a distance")
    dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(rlat)))) + 1e-9
    if lon - dlon < -180.0 or lon + dlon > 180.0:
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, lon - dlon, lon + dlon
