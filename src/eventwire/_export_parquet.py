"""The Parquet layout of `export.py`: one flat, typed row per event (pyarrow is imported by the caller)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .model import Actor, Event, Quantity
from .ontology import cameo_info
from .store.base import IncidentRef, StoredEvent
from .store.query import date_period

__all__ = ["parquet_row", "parquet_schema"]

_TEXT = ("event_id", "article_id")
_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"), ("article_id", "string"), ("seq", "int32"), ("incident_id", "string"),
    ("event_date", "date32"), ("event_date_end", "date32"), ("date_precision", "string"), ("date_text", "string"),
    ("date_inferred", "bool"),
    ("plover_type", "string"), ("plover_mode", "string"), ("acled_type", "string"), ("acled_sub_type", "string"),
    ("cameo", "string"), ("quad_class", "int8"), ("goldstein", "float64"), ("modality", "string"),
    ("confidence", "float64"), ("trigger", "string"),
    ("actor", "string"), ("actor_code", "string"), ("actor_country", "string"), ("actor_sector", "string"),
    ("target", "string"), ("target_code", "string"), ("target_country", "string"), ("target_sector", "string"),
    ("location", "string"), ("admin1", "string"), ("country", "string"), ("latitude", "float64"),
    ("longitude", "float64"), ("geo_precision", "string"),
    ("fatalities", "int32"), ("fatalities_min", "int32"), ("fatalities_max", "int32"), ("injured", "int32"),
    ("arrested", "int32"), ("source", "string"), ("source_kind", "string"), ("labels", "list<string>"),
    ("title", "string"), ("outlet", "string"), ("url", "string"), ("published", "date32"),
)


def parquet_schema(pa: ModuleType) -> Any:
    """The pyarrow schema of the rows (every column nullable but the ids)."""
    types = {"string": pa.string(), "int32": pa.int32(), "int8": pa.int8(), "float64": pa.float64(),
             "date32": pa.date32(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types[kind], nullable=name not in _TEXT) for name, kind in _COLUMNS])


def _actor(prefix: str, a: Actor | None) -> dict[str, Any]:
    return {prefix: a.name if a else None, f"{prefix}_code": a.code if a else None,
            f"{prefix}_country": a.country if a else None, f"{prefix}_sector": a.sector if a else None}


def _best(q: Quantity | None) -> int | None:
    return q.best if q else None


def parquet_row(stored: StoredEvent, e: Event, inc: IncidentRef | None) -> dict[str, Any]:
    period = date_period(e.date)
    code = cameo_info(e.cameo) if e.cameo else None
    place = e.location
    return {
        "event_id": f"{stored.article_id}-{stored.seq}", "article_id": stored.article_id, "seq": stored.seq,
        "incident_id": inc.id if inc else None,
        "event_date": period[0] if period else None, "event_date_end": period[1] if period else None,
        "date_precision": e.date.precision if e.date else None,
        "date_text": e.date.text if e.date and e.date.start >= 0 else None,
        "date_inferred": (e.date.start < 0) if e.date else None,
        "plover_type": e.plover_type, "plover_mode": e.plover_mode, "acled_type": e.acled_type,
        "acled_sub_type": e.acled_sub_type, "cameo": e.cameo, "quad_class": code.quad_class if code else None,
        "goldstein": code.goldstein if code else None, "modality": e.modality, "confidence": e.confidence,
        "trigger": e.trigger.text, **_actor("actor", e.actor), **_actor("target", e.target),
        "location": (place.name or place.text) if place else None, "admin1": place.admin1 if place else None,
        "country": (place.country if place else None) or (e.actor.country if e.actor else None),
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "fatalities": _best(e.fatalities), "fatalities_min": e.fatalities.min if e.fatalities else None,
        "fatalities_max": e.fatalities.max if e.fatalities else None, "injured": _best(e.injured),
        "arrested": _best(e.arrested),
        "source": e.attribution.source.text if e.attribution else None,
        "source_kind": e.attribution.source.kind if e.attribution else None,
        "labels": [lb.text for lb in e.labels],
        "title": stored.title, "outlet": stored.outlet, "url": stored.url, "published": stored.published,
    }
