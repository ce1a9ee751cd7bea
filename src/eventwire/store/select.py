"""The SELECT statements of the read paths, built from the filters (`rows.py` writes their WHERE
clauses). Each function returns `(sql, params)`; `sqlite.py` runs them. Nothing here reads rows, and
no filter is left for Python to apply: paging, counting and grouping all happen in SQLite.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from .base import EventFilter, IncidentFilter
from .rows import incident_where, where_clause

__all__ = ["count_events", "count_incidents", "events_by_day", "events_by_type", "events_page", "incidents_page"]

Statement = tuple[str, list[Any]]

# Both orders are walked by an index (events_sort, incidents_sort): a page needs no full sort.
_EVENT_ORDER = "e.date IS NULL, e.date, e.article_id, e.seq"
_INCIDENT_ORDER = "i.first_date IS NULL, i.first_date, i.id"
_DAY = {"event": ("CASE WHEN e.date_precision = 'day' THEN e.date END", "events e"),
        "published": ("a.published", "events e JOIN articles a ON a.id = e.article_id")}
_TYPE = {"plover": "e.plover_type", "acled": "e.acled_type", "acled_sub": "e.acled_sub_type",
         "cameo": "substr(e.cameo, 1, 2)"}


def _paging(limit: int | None, offset: int) -> list[int]:
    if (limit is not None and limit < 0) or offset < 0:
        raise ConfigError(f"limit and offset must not be negative (got {limit}, {offset})")
    return [-1 if limit is None else limit, offset]


def events_page(f: EventFilter, limit: int | None, offset: int) -> Statement:
    """One page of events with their article's fields, and the distance when `near` is given.

    The page is chosen over ids and sort keys alone; only its rows' JSON is read.
    """
    where, params = where_clause(f)
    distance, distance_params = "NULL", []
    if f.near is not None:
        distance, distance_params = "haversine_km(?, ?, e.lat, e.lon)", [*f.near[:2]]
    sql = (f"SELECT e.article_id, e.seq, e.event_json, a.title, a.outlet, a.url, a.published,"
           f" {distance} AS distance FROM events e JOIN articles a ON a.id = e.article_id"
           f" WHERE e.id IN (SELECT e.id FROM events e WHERE {where} ORDER BY {_EVENT_ORDER} LIMIT ? OFFSET ?)"
           f" ORDER BY {_EVENT_ORDER}")
    return sql, [*distance_params, *params, *_paging(limit, offset)]


def count_events(f: EventFilter) -> Statement:
    where, params = where_clause(f)
    return f"SELECT count(*) FROM events e WHERE {where}", params


def events_by_day(f: EventFilter, basis: str) -> Statement:
    """Rows of (day, n), in day order; a NULL day counts the events without one."""
    if basis not in _DAY:
        raise ConfigError(f"basis must be one of {', '.join(_DAY)}, not {basis!r}")
    day, source = _DAY[basis]
    where, params = where_clause(f)
    return f"SELECT {day} AS day, count(*) AS n FROM {source} WHERE {where} GROUP BY day ORDER BY day", params


def events_by_type(f: EventFilter, scheme: str) -> Statement:
    """Rows of (type, n); a NULL type counts the events not coded in the scheme."""
    if scheme not in _TYPE:
        raise ConfigError(f"scheme must be one of {', '.join(_TYPE)}, not {scheme!r}")
    where, params = where_clause(f)
    return (f"SELECT NULLIF({_TYPE[scheme]}, '') AS type, count(*) AS n FROM events e WHERE {where}"
            " GROUP BY type", params)


def incidents_page(f: IncidentFilter, limit: int | None, offset: int) -> Statement:
    where, params = incident_where(f)
    return (f"SELECT * FROM incidents i WHERE {where} ORDER BY {_INCIDENT_ORDER} LIMIT ? OFFSET ?",
            [*params, *_paging(limit, offset)])


def count_incidents(f: IncidentFilter) -> Statement:
    where, params = incident_where(f)
    return f"SELECT count(*) FROM incidents i WHERE {where}", params
