"""The output contract of DESIGN.md: `DocumentResult` -> JSON-ready dict (and the schema that checks it).

This is the only place that knows the contract's field names; the CLI, the store and the eval all
go through `to_contract`.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from .model import (
    Actor,
    Attribution,
    DocumentResult,
    Event,
    Label,
    Place,
    Quantity,
    Quote,
    Source,
    Span,
    TimeMention,
)

__all__ = ["contract_schema", "event_from_dict", "event_to_dict", "to_contract"]


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def _source(s: Source | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end, "kind": s.kind}


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "start": a.start, "end": a.end, "name": a.name,
            "country": a.country, "sector": a.sector, "code": a.code}


def _place(p: Place | None, *, with_precision: bool) -> dict[str, Any] | None:
    if p is None:
        return None
    out: dict[str, Any] = {"text": p.text, "start": p.start, "end": p.end, "name": p.name,
                           "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon}
    if with_precision:
        out["precision"] = p.precision
    else:
        out["geonameid"] = p.geonameid
    return out


def _date(t: TimeMention | None) -> dict[str, Any] | None:
    if t is None:
        return None
    if t.start < 0:  # the publication date, taken when the text names no date: no span to point at
        return {"text": None, "start": None, "end": None, "value": t.value, "precision": t.precision}
    return {"text": t.text, "start": t.start, "end": t.end, "value": t.value, "precision": t.precision}


def _count(q: Quantity | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"min": q.min, "max": q.max, "best": q.best, "text": q.text, "start": q.start, "end": q.end}


def _attribution(a: Attribution | None) -> dict[str, Any] | None:
    return None if a is None else {"source": _source(a.source), "cue": _span(a.cue)}


def event_to_dict(e: Event) -> dict[str, Any]:
    return {
        "confidence": round(e.confidence, 4),
        "trigger": _span(e.trigger),
        "modality": e.modality,
        "plover": {"type": e.plover_type, "mode": e.plover_mode},
        "acled": {"event_type": e.acled_type, "sub_event_type": e.acled_sub_type},
        "cameo": {"code": e.cameo},
        "actor": _actor(e.actor),
        "target": _actor(e.target),
        "location": _place(e.location, with_precision=True),
        "date": _date(e.date),
        "fatalities": _count(e.fatalities),
        "injured": _count(e.injured),
        "arrested": _count(e.arrested),
        "attribution": _attribution(e.attribution),
        "labels": [{"text": lb.text, "start": lb.start, "end": lb.end, "used_by": lb.used_by} for lb in e.labels],
    }


def event_from_dict(d: dict[str, Any]) -> Event:
    """An event back from its contract dict (what the store keeps). The contract drops a few things:
    a count's kind comes back from its field, a date's resolved day from a `YYYY-MM-DD` value."""

    def span(x: dict[str, Any] | None) -> Span | None:
        return None if x is None else Span(x["text"], x["start"], x["end"])

    def actor(x: dict[str, Any] | None) -> Actor | None:
        return None if x is None else Actor(x["text"], x["start"], x["end"], x["name"], x.get("country"),
                                             x.get("sector"))

    def place(x: dict[str, Any] | None) -> Place | None:
        return None if x is None else Place(x["text"], x["start"], x["end"], name=x.get("name"),
                                             country=x.get("country"), admin1=x.get("admin1"), lat=x.get("lat"),
                                             lon=x.get("lon"), precision=x.get("precision"))

    def when(x: dict[str, Any] | None) -> TimeMention | None:
        if x is None:
            return None
        day = None
        if len(x["value"] or "") == 10 and x.get("precision") in (None, "day"):
            try:
                day = dt.date.fromisoformat(x["value"])
            except ValueError:
                day = None
        start = -1 if x.get("start") is None else x["start"]  # the publication date has no span
        return TimeMention(x.get("text") or "", start, -1 if x.get("end") is None else x["end"], "DATE",
                           x["value"], x.get("precision"), day)

    def count(kind: str, x: dict[str, Any] | None) -> Quantity | None:
        return None if x is None else Quantity(kind, x["text"], x["start"], x["end"], x["min"], x["max"],  # type: ignore[arg-type]
                                               x["best"])

    attribution = d.get("attribution")
    return Event(
        trigger=Span(d["trigger"]["text"], d["trigger"]["start"], d["trigger"]["end"]),
        plover_type=d["plover"]["type"], plover_mode=d["plover"]["mode"], acled_type=d["acled"]["event_type"],
        acled_sub_type=d["acled"]["sub_event_type"], cameo=d["cameo"]["code"], confidence=d["confidence"],
        modality=d.get("modality", "happened"), actor=actor(d.get("actor")), target=actor(d.get("target")),
        location=place(d.get("location")), date=when(d.get("date")),
        fatalities=count("killed", d.get("fatalities")), injured=count("injured", d.get("injured")),
        arrested=count("arrested", d.get("arrested")),
        attribution=None if attribution is None else Attribution(
            Source(attribution["source"]["text"], attribution["source"]["start"], attribution["source"]["end"],
                   attribution["source"]["kind"]), span(attribution["cue"]) or Span("", 0, 0)),
        labels=tuple(Label(lb["text"], lb["start"], lb["end"], lb["used_by"]) for lb in d.get("labels", ())),
    )


def _quote(q: Quote) -> dict[str, Any]:
    return {"source": _source(q.source), "cue": _span(q.cue), "content": _span(q.content), "kind": q.kind}


def to_contract(result: DocumentResult) -> dict[str, Any]:
    """One article's output line (DESIGN.md)."""
    return {
        "id": result.article.id,
        "events": [event_to_dict(e) for e in result.events],
        "places": [_place(p, with_precision=False) for p in result.places],
        "times": [{"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
                  for t in result.times],
        "quotes": [_quote(q) for q in result.quotes],
        "entities": [{"text": e.text, "start": e.start, "end": e.end, "label": e.label} for e in result.entities],
        "incident": result.incident,
        "errors": list(result.errors),
    }


@cache
def contract_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output line."""
    text = resources.files("eventwire.schema").joinpath("contract.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
