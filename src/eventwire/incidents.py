"""Incidents as a store keeps them and views show them: `merge.cluster_articles` over stored features,
each incident with its date range, country, its sources' reports and where they disagree.

    ArticleFeatures* ──► merge.cluster_articles ──► Incident* ──► StoredIncident* (summary JSON, member reasons)

Pure: no I/O. The same features in any order give equal records (ids, members, summaries).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from .merge import ArticleFeatures, Disagreement, Incident, MergeReason, cluster_articles
from .model import Event, Quantity
from .store.base import IncidentMember, StoredIncident
from .store.query import date_period

__all__ = ["incident_records"]


def incident_records(features: Sequence[ArticleFeatures]) -> list[StoredIncident]:
    """Every article in exactly one incident (a lone report is its own), ordered by id."""
    by_id = {f.article_id: f for f in features}
    return [_record(inc, [by_id[a] for a in inc.article_ids]) for inc in cluster_articles(features)]


def _record(inc: Incident, members: list[ArticleFeatures]) -> StoredIncident:
    days = [p for f in members if f.primary is not None and (p := date_period(f.primary.date)) is not None]
    if not days:  # no event is dated: the reports' publication days bound it
        days = [(d, d) for f in members if f.published and (d := _day(f.published)) is not None]
    countries = Counter(c for f in members if (c := _country(f.primary)))
    places = Counter(name for f in members if f.primary and f.primary.location and (name := f.primary.location.name))
    summary = {"articles": len(members), "place": _top(places), "reports": [_report(f) for f in members],
               "disagreement": _disagreement(inc.disagreement)}
    reasons = _reasons(inc.article_ids, inc.reasons)
    return StoredIncident(
        id=inc.id, plover_type=inc.plover_type, first_date=min(d[0] for d in days) if days else None,
        last_date=max(d[1] for d in days) if days else None, country=_top(countries), summary=summary,
        members=tuple(IncidentMember(article_id=a, reason=reasons.get(a)) for a in inc.article_ids))


def _top(votes: Counter[str]) -> str | None:
    return min(votes, key=lambda k: (-votes[k], k)) if votes else None


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _country(e: Event | None) -> str | None:
    if e is None:
        return None
    return (e.location.country if e.location else None) or (e.actor.country if e.actor else None)


def _count(q: Quantity | None) -> dict[str, Any] | None:
    return None if q is None else {"min": q.min, "best": q.best, "max": q.max, "text": q.text}


def _report(f: ArticleFeatures) -> dict[str, Any]:
    """One source's account: its lead event in a few fields, with the toll the article reports."""
    e = f.primary
    out: dict[str, Any] = {"article_id": f.article_id, "published": f.published}
    if e is None:
        return out | {"event": None}
    return out | {"event": {
        "type": e.plover_type, "mode": e.plover_mode, "trigger": e.trigger.text, "modality": e.modality,
        "date": e.date.value if e.date else None, "date_inferred": bool(e.date and e.date.start < 0),
        "place": (e.location.name or e.location.text) if e.location else None, "country": _country(e),
        "actor": e.actor.name if e.actor else None, "target": e.target.name if e.target else None,
        "fatalities": _count(e.fatalities), "injured": _count(e.injured), "arrested": _count(e.arrested),
        "source": e.attribution.source.text if e.attribution else None,
    }}


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {"any": d.any,
            "fatalities": [asdict(r) for r in d.fatalities], "injured": [asdict(r) for r in d.injured],
            "fatalities_range": list(d.fatalities_range) if d.fatalities_range else None,
            "injured_range": list(d.injured_range) if d.injured_range else None,
            "dates": [list(x) for x in d.dates], "actors": [list(x) for x in d.actors],
            "labels": [list(x) for x in d.labels]}


def _reasons(order: Sequence[str], links: Sequence[MergeReason]) -> dict[str, dict[str, Any]]:
    """Each member but the first gets the link that joined it: the merge's links form a tree, read
    from the first member outwards."""
    adjacent: dict[str, list[MergeReason]] = defaultdict(list)
    for why in links:
        adjacent[why.a].append(why)
        adjacent[why.b].append(why)
    out: dict[str, dict[str, Any]] = {}
    seen = {order[0]} if order else set()
    frontier = list(order[:1])
    while frontier:
        here = frontier.pop(0)
        for why in sorted(adjacent[here], key=lambda w: (w.a, w.b)):
            other = why.b if why.a == here else why.a
            if other in seen:
                continue
            seen.add(other)
            frontier.append(other)
            out[other] = {"joined": here, "score": why.score, "text": why.text, "shared": list(why.shared),
                          "same_type": why.same_type, "days_apart": why.days_apart, "km_apart": why.km_apart,
                          "shared_actors": list(why.shared_actors)}
    return out
