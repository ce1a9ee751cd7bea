"""The core API that the CLI, the REST API and Python users all call.

    >>> import eventwire
    >>> result = eventwire.extract("Police arrested 30 protesters in Minsk on Sunday.",
    ...                            published="2020-08-10")
    >>> db = eventwire.open("eventwire.sqlite")
    >>> db.ingest(["examples/"])
    >>> db.events(country="BLR")
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contract import to_contract
from .errors import ConfigError
from .export import ExportReport, write_export
from .incidents import incident_records
from .ingest import make_article, read_sources
from .model import DocumentResult, Problem
from .pipeline import RunCounts, run_pipeline, with_incidents
from .settings import DEFAULT_SETTINGS, Settings
from .store import (
    BBox,
    DailyCounts,
    DayBasis,
    EventFilter,
    EventPoint,
    IncidentFilter,
    Store,
    StoredArticle,
    StoredEvent,
    StoredIncident,
    StoredProblem,
    TypeScheme,
    open_store,
)

__all__ = ["Database", "IngestReport", "extract", "extract_sources", "open", "parse_date"]

Progress = Callable[[DocumentResult | Problem], None]

log = logging.getLogger(__name__)


def parse_date(value: str | dt.date | None, what: str = "date") -> dt.date | None:
    """A `YYYY-MM-DD` string (or a date) as a date; a clear ConfigError otherwise."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ConfigError(f"{what}: {value!r} is not a date like 2022-01-06") from None


def extract(text: str, *, published: str | dt.date | None = None, title: str | None = None,
            url: str | None = None, outlet: str | None = None, id: str | None = None,
            settings: Settings = DEFAULT_SETTINGS) -> DocumentResult:
    """Code one article's text: events, places, times, quotes and entities with their spans."""
    article = make_article(text=text, title=title, url=url, outlet=outlet,
                           published=parse_date(published, "published"), id=id,
                           verbatim=True)
    for item in run_pipeline([article], settings):
        if isinstance(item, DocumentResult):
            return item
        raise ConfigError(f"{item.code}: {item.message}")
    raise AssertionError("the pipeline returned nothing for one article")


def extract_sources(paths: Iterable[str | Path], *, published: dt.date | None = None,
                    settings: Settings = DEFAULT_SETTINGS, counts: RunCounts | None = None,
                    incidents: bool = True, progress: Progress | None = None
                    ) -> Iterator[DocumentResult | Problem]:
    """Stateless extraction of files and directories, in input order (what `eventwire extract` runs).

    With `incidents` (the default) every result's `incident` names the story it belongs to among
    this run's articles; the first result then comes only once the whole run is coded. `progress`
    is called as each article is coded.
    """
    items = run_pipeline(read_sources(paths, published=published, settings=settings), settings, counts=counts)
    if incidents:
        return with_incidents(items, seen=progress)
    if progress is None:
        return items
    return _tap(items, progress)


def _tap(items: Iterable[DocumentResult | Problem], progress: Progress) -> Iterator[DocumentResult | Problem]:
    for item in items:
        progress(item)
        yield item


@dataclass
class IngestReport:
    """What one ingest run did."""

    run_id: int
    counts: RunCounts
    added: int = 0
    duplicates: int = 0
    incidents: int | None = None  # how many incidents the store holds after the run (None: not re-assigned)
    problems: list[Problem] = field(default_factory=list)


class Database:
    """An eventwire database: ingest sources into it, read events and articles out of it."""

    def __init__(self, store: Store, settings: Settings = DEFAULT_SETTINGS) -> None:
        self.store = store
        self.settings = settings

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, paths: Iterable[str | Path], *, published: dt.date | None = None,
               progress: Progress | None = None, command: str = "ingest") -> IngestReport:
        """Read, code and store sources; one transaction per batch; stored articles are skipped.

        When articles were added, incidents are assigned again over every stored article (from the
        features kept with each, so nothing is parsed again): the result depends only on which
        articles are stored, never on the order or the runs they came in.
        """
        run_id = self.store.start_run(command)
        report = IngestReport(run_id=run_id, counts=RunCounts())
        items = read_sources(paths, published=published, settings=self.settings)
        batch: list[DocumentResult] = []

        def flush() -> None:
            added = self.store.add_results(batch)
            report.added += added.added
            report.duplicates += added.duplicates
            if added.problems:
                self._problems(report, list(added.problems))
            batch.clear()

        skip = self.store.known_fingerprints
        for item in run_pipeline(items, self.settings, skip=lambda fps: skip(fps), counts=report.counts):
            if isinstance(item, Problem):
                self._problems(report, [item])
            else:
                batch.append(item)
                if len(batch) >= self.settings.store_batch:
                    flush()
            if progress:
                progress(item)
        if batch:
            flush()
        if report.added or not self.store.incidents(limit=1):
            report.incidents = self.assign_incidents()
        if report.added:
            self.store.optimize()
        counts = report.counts.as_dict() | {"added": report.added, "duplicates": report.duplicates}
        if report.incidents is not None:
            counts["incidents"] = report.incidents
        self.store.finish_run(run_id, counts)
        return report

    def assign_incidents(self) -> int:
        """Group every stored article into incidents (merge.py) and store them; returns how many.

        The grouping is done again over the whole store, from the features kept with each article,
        so that it depends only on which articles are stored (TF-IDF weights are the store's, and
        a new article can join, split or bridge incidents). Its cost stays near-linear in the store:
        only articles at most `window_days` apart are compared (bench/results/*-merge-scale.md)."""
        records = incident_records(self.store.article_features())
        self.store.set_incidents(records)
        log.info("%d incidents", len(records))
        return len(records)

    def incidents(self, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
                  country: str | None = None, type: str | None = None,
                  near: tuple[float, float, float] | None = None, bbox: BBox | None = None,
                  actor: str | None = None, text: str | None = None, limit: int | None = None,
                  offset: int = 0) -> list[StoredIncident]:
        """Stored incidents matching every filter given (see `store.IncidentFilter`), by first date."""
        flt = self.incident_filter(since=since, until=until, country=country, type=type, near=near, bbox=bbox,
                                   actor=actor, text=text)
        return self.store.incidents(flt, limit=limit, offset=offset)

    def count_incidents(self, **filters: Any) -> int:
        """How many incidents match the filters of `incidents`."""
        return self.store.count_incidents(self.incident_filter(**filters))

    def incidents_page(self, limit: int | None = None, offset: int = 0,
                       **filters: Any) -> tuple[int, list[StoredIncident]]:
        """(how many incidents match the filters of `incidents`, the page of them from `offset`)."""
        return self.store.page_incidents(self.incident_filter(**filters), limit=limit, offset=offset)

    @staticmethod
    def incident_filter(*, since: str | dt.date | None = None, until: str | dt.date | None = None,
                        country: str | None = None, type: str | None = None,
                        near: tuple[float, float, float] | None = None, bbox: BBox | None = None,
                        actor: str | None = None, text: str | None = None) -> IncidentFilter:
        return IncidentFilter(since=parse_date(since, "since"), until=parse_date(until, "until"),
                              country=country.upper() if country else None, type=type, near=near, bbox=bbox,
                              actor=actor, text=text)

    def incident(self, incident_id: str) -> StoredIncident | None:
        """One incident with its sources; an unambiguous prefix of its id (4 characters or more) will do."""
        found = self.store.incident(incident_id)
        if found is not None or len(incident_id) < 4:
            return found
        matches = self.store.incident_ids(incident_id, limit=2)
        return self.store.incident(matches[0]) if len(matches) == 1 else None

    def _problems(self, report: IngestReport, problems: list[Problem]) -> None:
        report.problems.extend(problems)
        self.store.add_problems(problems, report.run_id)

    def events(self, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
               country: str | None = None, type: str | None = None,
               near: tuple[float, float, float] | None = None, article_id: str | None = None,
               text: str | None = None, bbox: BBox | None = None, actor: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[StoredEvent]:
        """Stored events matching every filter given (see `store.EventFilter`), by date (undated last)."""
        flt = self.event_filter(since=since, until=until, country=country, type=type, near=near,
                                article_id=article_id, text=text, bbox=bbox, actor=actor)
        return self.store.events(flt, limit=limit, offset=offset)

    def count_events(self, **filters: Any) -> int:
        """How many events match the filters of `events`."""
        return self.store.count_events(self.event_filter(**filters))

    def events_page(self, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[int, list[StoredEvent]]:
        """(how many events match the filters of `events`, the page of them from `offset`)."""
        return self.store.page_events(self.event_filter(**filters), limit=limit, offset=offset)

    def event_points(self, limit: int | None = None, **filters: Any) -> list[EventPoint]:
        """Where the matching events (the filters of `events`) happened, in the same order: for maps."""
        return self.store.event_points(self.event_filter(**filters), limit)

    def events_per_day(self, basis: DayBasis = "event", **filters: Any) -> DailyCounts:
        """Matching events (the filters of `events`) per day of their date, or of publication."""
        return self.store.count_events_by_day(self.event_filter(**filters), basis)

    def events_per_type(self, scheme: TypeScheme = "plover", **filters: Any) -> list[tuple[str | None, int]]:
        """Matching events (the filters of `events`) per type of a scheme, most frequent first."""
        return self.store.count_events_by_type(self.event_filter(**filters), scheme)

    @staticmethod
    def event_filter(*, since: str | dt.date | None = None, until: str | dt.date | None = None,
                     country: str | None = None, type: str | None = None,
                     near: tuple[float, float, float] | None = None, article_id: str | None = None,
                     text: str | None = None, bbox: BBox | None = None, actor: str | None = None) -> EventFilter:
        """The store's filter for these arguments (dates as strings or dates; ConfigError when bad)."""
        return EventFilter(since=parse_date(since, "since"), until=parse_date(until, "until"),
                           country=country.upper() if country else None, type=type, near=near,
                           article_id=article_id, text=text, bbox=bbox, actor=actor)

    def export(self, format: str, output: str | Path, *, since: str | dt.date | None = None,
               until: str | dt.date | None = None, country: str | None = None, type: str | None = None,
               near: tuple[float, float, float] | None = None, text: str | None = None) -> ExportReport:
        """Write the matching events (the filters of `events`) to `output` as `acled` (CSV), `gdelt`
        (TSV), `jsonl` or `parquet` (see `eventwire.export`); rows stream from the store."""
        flt = EventFilter(since=parse_date(since, "since"), until=parse_date(until, "until"),
                          country=country.upper() if country else None, type=type, near=near, text=text)
        return write_export(self.store, format, output, flt)

    def article(self, article_id: str) -> StoredArticle | None:
        return self.store.article(article_id)

    def search(self, query: str, limit: int = 20) -> list[Any]:
        return self.store.search(query, limit)

    def problems(self, run_id: int | None = None) -> list[StoredProblem]:
        return self.store.problems(run_id)


def open(path: str | os.PathLike[str] = "eventwire.sqlite", settings: Settings = DEFAULT_SETTINGS) -> Database:
    """Open (or create) an eventwire database: a SQLite path or a `sqlite:///` URL."""
    return Database(open_store(path), settings)


def result_line(result: DocumentResult) -> dict[str, Any]:
    """The contract JSON of one result (what `eventwire extract` writes)."""
    return to_contract(result)


def problem_line(problem: Problem) -> dict[str, Any] | None:
    """An output line for an article that could not be coded, so that ids stay aligned."""
    if problem.article_id is None or (problem.stage == "ingest" and problem.code in {"not_utf8", "bad_date"}):
        return None
    return {"id": problem.article_id, "events": [], "places": [], "times": [], "quotes": [], "entities": [],
            "incident": None, "errors": [f"{problem.stage}/{problem.code}: {problem.message}"]}

