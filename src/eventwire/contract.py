"""The output contract of DESIGN.md: `DocumentResult` -> JSON-ready dict (and the schema that checks it).

This is the only place that knows the contract's field names; the CLI, the store and the eval all
go through `to_contract`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .model import (
    Actor,
    Attribution,
    DocumentResult,
    Event,
    Place,
    Quantity,
    Quote,
    Source,
    Span,
    TimeMention,
)

__all__ = ["contract_schema", "event_to_dict", "to_contract"]


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
