"""The typed records that cross module boundaries.

Every record is a frozen dataclass. Extracted values carry the character span they came from
(`start`/`end` are Python string indices into `Article.text`, so `text[start:end] == span.text`).
`contract.py` turns a `DocumentResult` into the JSON contract of DESIGN.md; nothing else
serialises these records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "DocumentResult",
    "Entity",
    "Event",
    "Label",
    "Place",
    "Problem",
    "Quantity",
    "Quote",
    "Source",
    "Span",
    "TimeMention",
]

Modality = Literal["happened", "attempted", "planned", "threatened", "denied", "hypothetical"]
SourceKind = Literal["official", "witness", "media", "organisation", "person", "unnamed"]
QuoteKind = Literal["direct", "indirect", "according_to"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "week", "month", "year"]
GeoPrecision = Literal["city", "admin1", "country"]
CountKind = Literal["killed", "injured", "arrested", "crowd"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, as it came in.

    `fingerprint` is a hash of the normalised text: the same report read from two places has the
    same fingerprint and is stored once. `id` is the fingerprint too, unless the source names its
    own id (a JSONL `id`), which is kept so that output lines match their input.
    """

    id: str
    text: str
    fingerprint: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    origin: str | None = None  # where it was read from: file path, feed item, WARC record


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong for one document; the run goes on."""

    stage: str  # ingest | parse | extract | store
    code: str  # a short code from errors.PROBLEM_CODES
    message: str
    origin: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to the gazetteer (lat/lon None when it could not be resolved)."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: GeoPrecision | None = None
    population: int = 0


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression with its TimeML type and value; `date` is the calendar day it pins, if any."""

    text: str
    start: int
    end: int
    type: TimeType
    value: str
    precision: Precision | None = None
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count of people killed / injured / arrested / in a crowd; min <= best <= max."""

    kind: CountKind
    text: str
    start: int
    end: int
    min: int
    max: int
    best: int


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    start: int
    end: int
    kind: SourceKind


@dataclass(frozen=True, slots=True)
class Attribution:
    source: Source
    cue: Span


@dataclass(frozen=True, slots=True)
class Quote:
    cue: Span
    content: Span
    kind: QuoteKind
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    sector: str | None = None

    @property
    def code(self) -> str | None:
        """CAMEO-style actor code: country + sector (either part may be missing)."""
        joined = (self.country or "") + (self.sector or "")
        return joined or None


@dataclass(frozen=True, slots=True)
class Label:
    """A loaded word ("terrorists") and who used it: a quoted speaker or the outlet itself."""

    text: str
    start: int
    end: int
    used_by: str


@dataclass(frozen=True, slots=True)
class Event:
    trigger: Span
    plover_type: str
    plover_mode: str | None
    acled_type: str | None
    acled_sub_type: str | None
    cameo: str | None
    confidence: float
    modality: Modality = "happened"
    actor: Actor | None = None
    target: Actor | None = None
    location: Place | None = None
    date: TimeMention | None = None
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    arrested: Quantity | None = None
    attribution: Attribution | None = None
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything extracted from one article: the unit the store, the CLI and the eval read."""

    article: Article
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    incident: str | None = None
    errors: tuple[str, ...] = field(default=())
