"""The `Store` interface and the small records it takes and returns.

A store keeps what a run produced: articles with their contract JSON (`contract.to_contract`), one
row per event for filtering, the problems met on the way, and the runs themselves. `SQLiteStore`
implements it; a PostgreSQL adapter can implement the same protocol. Callers (the pipeline, the
API) only ever see this module's types, never SQL.

Event dicts and article results are the JSON contract of DESIGN.md, exactly as `contract.py`
writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Protocol, Self, runtime_checkable

from ..errors import ConfigError
from ..merge import ArticleFeatures
from ..model import DocumentResult, Problem

__all__ = [
    "AddReport",
    "BBox",
    "DailyCounts",
    "DayBasis",
    "EventFilter",
    "EventPoint",
    "IncidentFilter",
    "IncidentMember",
    "IncidentRef",
    "SearchHit",
    "Store",
    "StoreStats",
    "StoredArticle",
    "StoredEvent",
    "StoredIncident",
    "StoredProblem",
    "StoredRun",
    "TypeScheme",
]

BBox = tuple[float, float, float, float]
"""(min_lon, min_lat, max_lon, max_lat), degrees."""

DayBasis = Literal["event", "published"]
"""Which day an event is counted on: its own date (when it is a day) or its article's publication."""

TypeScheme = Literal["plover", "acled", "acled_sub", "cameo"]
"""Which type events are counted by: PLOVER type, ACLED event type or sub-type, CAMEO root code."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field left as None matches everything.

    - `since` / `until`: inclusive bounds on the event's date. A date coarser than a day (a week, a
      month, a year) matches when its period overlaps the bounds. Events without a date never
      match a date bound.
    - `country`: ISO 3166-1 alpha-3 of the event's place, or of its actor when it has no place.
    - `type`: a PLOVER type, an ACLED event type or an ACLED sub-event type (case-insensitive).
    - `near`: `(lat, lon, km)`: events whose place lies within `km` kilometres (great circle).
    - `bbox`: `(min_lon, min_lat, max_lon, max_lat)`: events whose place lies in the box, edges
      included; `min_lon > max_lon` is a box across the antimeridian.
    - `actor`: events whose actor's words, name or code hold this text (case-insensitive).
    - `article_id`: events of one article.
    - `text`: a full-text query over the event's article (title and text); words, "quoted
      phrases" and `prefix*` terms, all required.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None
    near: tuple[float, float, float] | None = None
    article_id: str | None = None
    text: str | None = None
    bbox: BBox | None = None
    actor: str | None = None

    def __post_init__(self) -> None:
        _check_dates(self.since, self.until)
        _check_place(self.near, self.bbox)


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """Which incidents to read; every field left as None matches everything.

    - `since` / `until`: inclusive bounds; an incident matches when its first..last dates overlap
      them (an undated incident never matches a date bound).
    - `country`: ISO 3166-1 alpha-3 of the incident (its members' most reported country).
    - `type`: the incident's PLOVER type, or an ACLED event type or sub-type that one of its
      articles' events is coded with (case-insensitive).
    - `near`, `bbox`, `actor`: one event of one of its articles matches them all (as in `EventFilter`).
    - `text`: one of its articles matches this full-text query (as in `EventFilter`).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None
    near: tuple[float, float, float] | None = None
    bbox: BBox | None = None
    actor: str | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        _check_dates(self.since, self.until)
        _check_place(self.near, self.bbox)


def _check_dates(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise ConfigError(f"since ({since}) is after until ({until})")


def _check_place(near: tuple[float, float, float] | None, bbox: BBox | None) -> None:
    if near is not None:
        lat, lon, km = near
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise ConfigError(f"near: ({lat}, {lon}) is not a valid latitude/longitude")
        if not km > 0:
            raise ConfigError(f"near: the distance must be positive, not {km}")
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        if not all(-180.0 <= x <= 180.0 for x in (min_lon, max_lon)) or not all(
                -90.0 <= y <= 90.0 for y in (min_lat, max_lat)):
            raise ConfigError(f"bbox: {bbox} lies outside -180..180 / -90..90")
        if min_lat > max_lat:
            raise ConfigError(f"bbox: min_lat ({min_lat}) is above max_lat ({max_lat})")


@dataclass(frozen=True, slots=True)
class IncidentMember:
    """One article of an incident. `reason` says why it joined (None for the first member); the
    article's title, outlet, url and published date are filled in when read back."""

    article_id: str
    reason: dict[str, Any] | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class IncidentRef:
    """The incident an article belongs to, in brief: its id, how many articles it holds and from
    how many outlets (an article without an outlet counts as its own)."""

    id: str
    articles: int
    sources: int


@dataclass(frozen=True, slots=True)
class StoredIncident:
    """One incident: the reports of many articles about one real-world event (see merge.py).

    `summary` is JSON-ready: `reports` (each member's primary event: date, place, counts, actor),
    `disagreement` (fatalities/injured by source, conflicting dates, differing actor names).
    """

    id: str
    plover_type: str | None
    first_date: dt.date | None
    last_date: dt.date | None
    country: str | None
    summary: dict[str, Any]
    members: tuple[IncidentMember, ...]


@dataclass(frozen=True, slots=True)
class EventPoint:
    """Where and when one event happened, for a map: no JSON is read to give it."""

    article_id: str
    seq: int
    lat: float
    lon: float
    date: str | None  # the first day of its date's period (ISO), None when undated
    plover_type: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One stored event, with the article it came from.

    `event` is the contract dict of the event; `seq` its index in the article's `events`.
    `distance_km` is set when the filter had `near`.
    """

    article_id: str
    seq: int
    event: dict[str, Any]
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One stored article; `result` is its contract dict (events, places, times, quotes...)."""

    id: str
    fingerprint: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    origin: str | None
    text: str
    ingested_at: str
    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text search hit: the article, its title and a snippet with matches marked."""

    article_id: str
    title: str | None
    snippet: str
    score: float  # bm25: lower is better


@dataclass(frozen=True, slots=True)
class DailyCounts:
    """Matching events per day, in date order; `not_a_day` counts those without a day to count them on
    (undated, or dated only to a week, month or year), so that the days' counts + `not_a_day` = `total`."""

    days: tuple[tuple[dt.date, int], ...]
    not_a_day: int
    total: int


@dataclass(frozen=True, slots=True)
class StoredProblem:
    id: int
    run_id: int | None
    stage: str
    code: str
    message: str
    origin: str | None
    article_id: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class StoredRun:
    id: int
    command: str
    started_at: str
    finished_at: str | None
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class StoreStats:
    articles: int
    events: int
    problems: int
    runs: int


@dataclass(frozen=True, slots=True)
class AddReport:
    """What `add_results` did: articles added, already stored, events written, and failures.

    Failures are `Problem`s with code `store_failed`; record them with `add_problems`.
    """

    added: int = 0
    duplicates: int = 0
    events: int = 0
    problems: tuple[Problem, ...] = field(default=())


@runtime_checkable
class Store(Protocol):
    """Where results are kept. One writer per database; reads can run beside it."""

    def add_results(self, results: Sequence[DocumentResult]) -> AddReport:
        """Store a batch in one transaction; already stored fingerprints are skipped."""
        ...

    def has_fingerprint(self, fingerprint: str) -> bool: ...

    def known_fingerprints(self, fingerprints: Iterable[str]) -> set[str]: ...

    def add_problems(self, problems: Iterable[Problem], run_id: int | None = None) -> int:
        """Record problems (of a run, if given); returns how many were written."""
        ...

    def start_run(self, command: str) -> int: ...

    def optimize(self) -> None:
        """Refresh what the store's query planner knows of the data (after a run of writes)."""
        ...

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None: ...

    def runs(self, limit: int | None = None) -> list[StoredRun]:
        """The runs, latest first."""
        ...

    def problems(self, run_id: int | None = None) -> list[StoredProblem]:
        """Problems of one run, or all of them, in the order they were recorded."""
        ...

    def events(
        self, filter: EventFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredEvent]:
        """Matching events, ordered by date (undated last), then article id, then seq."""
        ...

    def count_events(self, filter: EventFilter | None = None) -> int: ...

    def page_events(
        self, filter: EventFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[int, list[StoredEvent]]:
        """(how many events match, one page of them): `count_events` and `events` in one go."""
        ...

    def event_points(self, filter: EventFilter | None = None, limit: int | None = None) -> list[EventPoint]:
        """The matching events that have coordinates, in the order of `events`."""
        ...

    def count_events_by_day(self, filter: EventFilter | None = None, basis: DayBasis = "event") -> DailyCounts:
        """Matching events per day of the event's date (or of its article's publication)."""
        ...

    def count_events_by_type(
        self, filter: EventFilter | None = None, scheme: TypeScheme = "plover"
    ) -> list[tuple[str | None, int]]:
        """Matching events per type of one scheme (None: not coded in it), most frequent first, then by type."""
        ...

    def article(self, article_id: str) -> StoredArticle | None:
        """One article; its result's `incident` is the stored incident that holds it, if any."""
        ...

    def article_features(self) -> list[ArticleFeatures]:
        """The merge's features of every stored article, by article id."""
        ...

    def set_incidents(self, incidents: Sequence[StoredIncident]) -> None:
        """Replace the stored incidents with these, in one transaction (members' article fields are
        ignored: they are read from the articles)."""
        ...

    def incidents(
        self, filter: IncidentFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredIncident]:
        """Matching incidents, ordered by first date (undated last), then id."""
        ...

    def count_incidents(self, filter: IncidentFilter | None = None) -> int: ...

    def page_incidents(
        self, filter: IncidentFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[int, list[StoredIncident]]:
        """(how many incidents match, one page of them): `count_incidents` and `incidents` in one go."""
        ...

    def incident(self, incident_id: str) -> StoredIncident | None: ...

    def incident_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids of incidents that begin with `prefix`, in order (at most `limit`)."""
        ...

    def incidents_of(self, article_ids: Iterable[str]) -> dict[str, IncidentRef]:
        """The incident of each of these articles that is in one (others are left out)."""
        ...

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article titles and texts, best first."""
        ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
