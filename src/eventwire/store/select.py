"""The read side of the SQLite store: filters into WHERE clauses, and the SELECT statements of every
read path. Each statement function returns `(sql, params)`; the store (reads.py, sqlite.py) runs them.
Nothing here reads rows, and no filter is left for Python to apply: paging, counting and grouping all
happen in SQLite.

How each filter finds its rows (see schema.py for the indexes):

    since / until   events.date_end, events.date          (events_order, events_date_end)
    country, type   (column, page order) indexes           an equality walks them in page order
    near, bbox      the event_geo R*Tree, then the event's own lat/lon decide
    actor           the trigram index events_actor_fts, then `instr` on the casefolded words decides
    text            articles_fts rowids = events.article_num (no article row is read)

`type` names a PLOVER type, an ACLED event type or an ACLED sub-type; the store first looks up which
of the three columns hold the value (`type_probe`), so that one index answers instead of three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..errors import ConfigError
from .base import BBox, EventFilter, IncidentFilter
from .query import bounding_box, fts_query

__all__ = [
    "TYPE_COLUMNS",
    "count_events",
    "count_incidents",
    "event_points",
    "events_by_day",
    "events_by_type",
    "events_page",
    "incident_where",
    "incidents_page",
    "text_share",
    "type_probe",
    "where_clause",
]

Statement = tuple[str, list[Any]]

TYPE_COLUMNS = ("plover_type", "acled_type", "acled_sub_type")
# Both orders are walked by an index (events_sort and the (column, order) ones, incidents_sort).
_EVENT_ORDER = "e.date IS NULL, e.date, e.article_id, e.seq"
_INCIDENT_ORDER = "i.first_date IS NULL, i.first_date, i.id"
_DAY = {"event": ("e.date", "e.date_precision = 'day'"), "published": ("e.published", "e.published IS NOT NULL")}
_TYPE = {"plover": "e.plover_type", "acled": "e.acled_type", "acled_sub": "e.acled_sub_type", "cameo": "e.cameo"}

_TEXT = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
_IN_BOX = "SELECT id FROM event_geo WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?"
_ACTOR_FTS = "SELECT rowid FROM events_actor_fts WHERE events_actor_fts MATCH ?"
_MEMBER_EVENTS = "SELECT m.incident_id FROM incident_members m JOIN events e ON e.article_id = m.article_id WHERE {}"
_MEMBER_TEXT = ("SELECT m.incident_id FROM incident_members m JOIN articles a ON a.id = m.article_id"
                f" WHERE a.num IN ({_TEXT})")
_TRIGRAM = 3  # the trigram index finds substrings of at least this many characters


# -- WHERE clauses ---------------------------------------------------------------------------------


def type_probe(value: str) -> Statement:
    """One row: for each of TYPE_COLUMNS, whether some event holds `value` there."""
    exists = ", ".join(f"EXISTS (SELECT 1 FROM events WHERE {c} = ?1)" for c in TYPE_COLUMNS)
    return f"SELECT {exists}", [value.strip()]


def where_clause(f: EventFilter, type_columns: Sequence[str] = TYPE_COLUMNS, *, probe_text: bool = False
                 ) -> Statement:
    """The WHERE clause (over `events e`) and its parameters for a filter; `type` is looked for in
    `type_columns` only (the columns that hold it, from `type_probe`). With `probe_text` the text's
    articles are a set each event is looked up in, not where the query starts (see `text_share`)."""
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
        _type(f.type, type_columns, clauses, params)
    if f.article_id is not None:
        clauses.append("e.article_id = ?")
        params.append(f.article_id)
    if f.text is not None:
        match = fts_query(f.text)
        probe = "+" if probe_text else ""  # no words: nothing matches, as in `search`
        clauses.append("0" if match is None else f"{probe}e.article_num IN ({_TEXT})")
        params += [] if match is None else [match]
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


def _type(value: str, columns: Sequence[str], clauses: list[str], params: list[Any]) -> None:
    known = [c for c in columns if c in TYPE_COLUMNS]
    if not known:
        clauses.append("0")
        return
    clauses.append("(" + " OR ".join(f"e.{c} = ?" for c in known) + ")")
    params.extend([value.strip()] * len(known))


def _bbox(box: BBox, clauses: list[str], params: list[Any]) -> None:
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


def incident_where(f: IncidentFilter, type_columns: Sequence[str] = TYPE_COLUMNS) -> Statement:
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
        _incident_type(f.type.strip(), type_columns, clauses, params)
    # `+i.id`: the set of incidents is looked up while the incidents are walked (in page order, or by
    # country), rather than driving the query from an estimate the planner cannot make
    if f.near is not None or f.bbox is not None or f.actor is not None:
        where, more = where_clause(EventFilter(near=f.near, bbox=f.bbox, actor=f.actor))
        clauses.append(f"+i.id IN ({_MEMBER_EVENTS.format(where)})")
        params.extend(more)
    if f.text is not None:
        match = fts_query(f.text)
        clauses.append("0" if match is None else f"+i.id IN ({_MEMBER_TEXT})")
        params += [] if match is None else [match]
    return " AND ".join(clauses), params


def _incident_type(value: str, columns: Sequence[str], clauses: list[str], params: list[Any]) -> None:
    """The incident's own PLOVER type, or an ACLED type of one of its events: only the columns that
    hold the value are asked (no event of that PLOVER type, no incident of it either)."""
    options = []
    if "plover_type" in columns:
        options.append("i.plover_type = ?")
        params.append(value)
    acled = [c for c in columns if c in ("acled_type", "acled_sub_type")]
    if acled:
        options.append(f"+i.id IN ({_MEMBER_EVENTS.format(' OR '.join(f'e.{c} = ?' for c in acled))})")
        params.extend([value] * len(acled))
    clauses.append("(" + " OR ".join(options) + ")" if options else "0")


# -- statements ------------------------------------------------------------------------------------


def _paging(limit: int | None, offset: int) -> list[int]:
    if (limit is not None and limit < 0) or offset < 0:
        raise ConfigError(f"limit and offset must not be negative (got {limit}, {offset})")
    return [-1 if limit is None else limit, offset]


def _hits(costly: bool) -> str:
    """How the matching rows are kept for a page and its total: computed once (MATERIALIZED) when the
    filter is costly (R*Tree, trigram or full-text lookups); otherwise each use is planned on its own,
    so that a count is an index count and a page an index walk that stops at the page's end."""
    return "MATERIALIZED" if costly else "NOT MATERIALIZED"


def text_share(text: str) -> Statement:
    """One row: the share of the articles that the full-text query matches (FTS5 counts without
    reading them). Above a few percent, a page walks the events in page order and looks each one's
    article up in the matches (`probe_text`): it stops at the page's end instead of sorting them all."""
    match = fts_query(text) or '""'
    return ("SELECT (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?) * 1.0"
            " / max(1, (SELECT max(num) FROM articles))", [match])


def events_page(f: EventFilter, limit: int | None, offset: int, type_columns: Sequence[str] = TYPE_COLUMNS,
                *, counted: bool = False, probe_text: bool = False) -> Statement:
    """One page of events with their JSON, their article's fields, the distance when `near` is given,
    and (`counted`) the number of matching events in `total` on every row. The page is chosen over
    the thin `events` rows alone; only its rows' JSON is read. `probe_text`: see `text_share`."""
    where, params = where_clause(f, type_columns, probe_text=probe_text)
    distance, distance_params = "NULL", []
    if f.near is not None:
        distance, distance_params = "haversine_km(?, ?, e.lat, e.lon)", [*f.near[:2]]
    costly = any(x is not None for x in (f.near, f.bbox, f.actor)) or (f.text is not None and not probe_text)
    sql = (f"WITH hits AS {_hits(costly)} (SELECT e.id, e.date, e.article_id, e.seq FROM events e WHERE {where}),"
           f" page AS (SELECT id FROM hits ORDER BY date IS NULL, date, article_id, seq LIMIT ? OFFSET ?)"
           f" SELECT {'(SELECT count(*) FROM hits)' if counted else 'NULL'} AS total, e.article_id, e.seq,"
           f" d.json AS event_json, a.title, a.outlet, a.url, a.published, {distance} AS distance"
           f" FROM page JOIN events e ON e.id = page.id JOIN event_docs d ON d.id = e.id"
           f" JOIN articles a ON a.id = e.article_id ORDER BY {_EVENT_ORDER}")
    return sql, [*params, *_paging(limit, offset), *distance_params]


def event_points(f: EventFilter, limit: int | None, type_columns: Sequence[str] = TYPE_COLUMNS) -> Statement:
    """The placed events, in page order, from the thin rows alone."""
    where, params = where_clause(f, type_columns)
    return (f"SELECT e.article_id, e.seq, e.lat, e.lon, e.date, e.plover_type, e.country FROM events e"
            f" WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL ORDER BY {_EVENT_ORDER} LIMIT ?",
            [*params, _paging(limit, 0)[0]])


def count_events(f: EventFilter, type_columns: Sequence[str] = TYPE_COLUMNS) -> Statement:
    where, params = where_clause(f, type_columns)
    return f"SELECT count(*) FROM events e WHERE {where}", params


def _group(column: str, f: EventFilter) -> str:
    """What to GROUP BY: the column itself when nothing but dates is filtered (its index, which holds
    the dates, is walked in order); `+column` otherwise, so that the filters choose the index and the
    groups are sorted after, rather than the whole table walked in group order, each row looked up."""
    return column if replace(f, since=None, until=None) == EventFilter() else "+" + column


def events_by_day(f: EventFilter, basis: str, type_columns: Sequence[str] = TYPE_COLUMNS) -> Statement:
    """Rows of (day, n), in day order, of the events that have a day (their own, or their article's)."""
    if basis not in _DAY:
        raise ConfigError(f"basis must be one of {', '.join(_DAY)}, not {basis!r}")
    day, has_day = _DAY[basis]
    rest = replace(f, since=None, until=None) if basis == "event" else f
    where, params = where_clause(rest, type_columns)
    if basis == "event":  # an event dated to a day starts and ends on it: its `date` alone is bounded,
        for bound, op in ((f.since, ">="), (f.until, "<=")):  # and events_day walks (day, date) ranges
            if bound is not None:
                where += f" AND e.date {op} ?"
                params.append(bound.isoformat())
    return (f"SELECT {day} AS day, count(*) AS n FROM events e WHERE {where} AND {has_day}"
            f" GROUP BY {_group(day, rest)} ORDER BY 1", params)


def events_by_type(f: EventFilter, scheme: str, type_columns: Sequence[str] = TYPE_COLUMNS) -> Statement:
    """Rows of (type, n), NULL for events not coded in the scheme; CAMEO by full code (the caller
    groups them by root: grouping by the column itself walks its index)."""
    if scheme not in _TYPE:
        raise ConfigError(f"scheme must be one of {', '.join(_TYPE)}, not {scheme!r}")
    where, params = where_clause(f, type_columns)
    column = _TYPE[scheme]
    return f"SELECT {column} AS type, count(*) AS n FROM events e WHERE {where} GROUP BY {_group(column, f)}", params


def incidents_page(f: IncidentFilter, limit: int | None, offset: int, type_columns: Sequence[str] = TYPE_COLUMNS,
                   *, counted: bool = False) -> Statement:
    """One page of incidents (and, `counted`, how many match in `total` on every row)."""
    where, params = incident_where(f, type_columns)
    costly = any(x is not None for x in (f.near, f.bbox, f.actor, f.text)) or (
        f.type is not None and any(c != "plover_type" for c in type_columns))
    sql = (f"WITH hits AS {_hits(costly)} (SELECT i.id, i.first_date FROM incidents i WHERE {where}),"
           f" page AS (SELECT id FROM hits ORDER BY first_date IS NULL, first_date, id LIMIT ? OFFSET ?)"
           f" SELECT {'(SELECT count(*) FROM hits)' if counted else 'NULL'} AS total, i.*"
           f" FROM page JOIN incidents i ON i.id = page.id ORDER BY {_INCIDENT_ORDER}")
    return sql, [*params, *_paging(limit, offset)]


def count_incidents(f: IncidentFilter, type_columns: Sequence[str] = TYPE_COLUMNS) -> Statement:
    where, params = incident_where(f, type_columns)
    return f"SELECT count(*) FROM incidents i WHERE {where}", params
