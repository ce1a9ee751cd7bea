"""Runs the extraction stages over one parsed article, in order, and builds its `DocumentResult`.

A stage that fails on a document leaves its list empty and an entry in `errors`; the other stages
and the other documents go on.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.tokens import Doc

from ..model import Article, DocumentResult, Entity, Place
from .actors import ActorResolver
from .classify import candidate_triggers, classify_triggers, load_heads
from .events import find_triggers
from .labels import find_labels
from .link import Mentions, link_events
from .places import find_places
from .quantities import find_quantities
from .quotes import find_quotes
from .times import find_times

__all__ = ["extract_document", "focus_place"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def focus_place(places: Sequence[Place]) -> Place | None:
    """The article's main place: its most mentioned country, and within it the most mentioned city
    when that city is named at least twice. Used only when an event's own sentence names none."""
    resolved = [p for p in places if p.country and p.lat is not None]
    if not resolved:
        return None
    countries = Counter(p.country for p in resolved)
    top = countries.most_common(1)[0][0]
    cities = Counter(p.geonameid for p in resolved if p.country == top and p.precision == "city")
    if cities:
        gid, n = cities.most_common(1)[0]
        if n >= 2:
            return next(p for p in resolved if p.geonameid == gid)
    return next((p for p in resolved if p.country == top and p.precision == "country"),
                next(p for p in resolved if p.country == top))


def extract_document(article: Article, doc: Doc) -> DocumentResult:
    errors: list[str] = []

    def stage(name: str, fn: Callable[[], list[T]]) -> list[T]:
        try:
            return fn()
        except Exception as exc:  # one stage failing must not lose the others
            log.exception("stage %s failed on %s", name, article.id)
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            return []

    times = stage("times", lambda: find_times(doc, article.published))
    places = stage("places", lambda: find_places(doc))
    quantities = stage("quantities", lambda: find_quantities(doc))
    quotes = stage("quotes", lambda: find_quotes(doc))
    labels = stage("labels", lambda: find_labels(doc, quotes, article.outlet))
    focus = focus_place(places)
    mentions = Mentions(places=places, times=times, quantities=quantities, quotes=quotes,
                        labels=labels, focus_place=focus, published=article.published)

    def events() -> list:
        resolver = ActorResolver(doc, focus.country if focus else None, places)
        triggers = find_triggers(doc)
        heads = load_heads()
        if heads is not None:
            triggers = classify_triggers(doc, triggers + candidate_triggers(doc, triggers), heads)
        return link_events(doc, triggers, resolver, mentions)

    found = stage("events", events)
    entities = [Entity(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents]
    return DocumentResult(article=article, events=tuple(found), places=tuple(places), times=tuple(times),
                          quotes=tuple(quotes), entities=tuple(entities), errors=tuple(errors))
