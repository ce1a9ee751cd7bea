"""Toponyms of an article, resolved to the gazetteer: `find_places(doc) -> list[Place]`.

Finding is `_toponyms.find_mentions` (names, demonyms, state abbreviations, and how strongly the text
says each is a place). Resolving (`_resolve`): each distinct name gets one reading per article
(document consistency). An explicit qualifier ("Paris, Texas", "Springfield, Ill.") restricts its
candidates. Candidates start from a prior (population, kind, primary name rather than alternate) and
are re-scored a few times against the rest of the article: readings inside the divisions and
countries that the other names point to, or near the other names' likely readings, gain; weak
mentions count less as context. A weak mention is kept only when its reading is a large place or is
supported that way by the rest of the article.
"""

from __future__ import annotations

import logging
import math

from spacy.tokens import Doc

from ..model import Place
from . import gazetteer as gz
from ._toponyms import Mention, find_mentions, within
from .gazetteer import GazetteerEntry

__all__ = ["find_places"]

log = logging.getLogger(__name__)

_PRECISION = {"city": "city", "county": "admin1", "admin1": "admin1", "country": "country"}
_KIND_PRIOR = {"country": 3.0, "admin1": 1.5, "county": 1.5, "region": 6.0, "continent": 2.0, "city": 0.0}
_ALT_PENALTY = 1.5
_WEAK_MIN_POPULATION = 500_000  # a weak mention stands alone only for a large place
_WEAK_MIN_SUPPORT = 1.0  # ... or when the article's other places are in its division or near it
_TOP_K = 30
_WEAK_WEIGHT = 0.25  # how much a weak mention counts as context for the others
_ROUNDS = 3


def find_places(doc: Doc) -> list[Place]:
    """Every toponym of the article with its resolved coordinates, country, admin1 and precision."""
    mentions = find_mentions(doc)
    if not mentions:
        return []
    chosen = _resolve(mentions)
    text = doc.text
    places = []
    for m in mentions:
        entry = chosen.get(m.key)
        if entry is None:
            continue
        places.append(Place(
            text=text[m.start:m.end], start=m.start, end=m.end, name=entry.name, country=entry.country,
            admin1=entry.admin1, lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid,
            precision=_PRECISION.get(entry.kind), population=entry.population,  # type: ignore[arg-type]
        ))  # fmt: skip
    log.debug("%d toponyms, %d places", len(mentions), len(places))
    return places


def _resolve(mentions: list[Mention]) -> dict[str, GazetteerEntry]:
    """One reading per distinct name, chosen with the rest of the article as context."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    cands: dict[str, list[GazetteerEntry]] = {}
    prior: dict[str, list[float]] = {}
    for key, ms in groups.items():
        entries = ms[0].entries[:_TOP_K]
        quals = {m.qualifier for m in ms if m.qualifier}
        if quals:
            entries = [e for e in ms[0].entries if any(within(e, q) for q in quals)] or entries
        cands[key] = entries
        prior[key] = [_prior(key, e) for e in entries]
    strong = {k for k, ms in groups.items() if any(m.strong for m in ms)}
    weight = {k: 1.0 if k in strong else _WEAK_WEIGHT for k in cands}
    probs = {k: _softmax(v) for k, v in prior.items()}
    support: dict[str, list[float]] = {}
    for _ in range(_ROUNDS):
        countries, admins, points = _context(cands, probs, weight)
        new = {}
        for key, entries in cands.items():
            scores = []
            sup = []
            for e, p0 in zip(entries, prior[key], strict=True):
                local = 3.0 * _support(admins, key, e.admin1_code if e.kind != "country" else None)
                local += 2.0 * _near(points, key, e)
                sup.append(local)
                scores.append(p0 + local + 2.0 * _support(countries, key, e.country))
            new[key] = _softmax(scores)
            support[key] = sup
        probs = new
    chosen = {}
    for key, p in probs.items():
        best = max(range(len(p)), key=p.__getitem__)
        entry = cands[key][best]
        if entry.kind == "admin1":  # "New York", "Almaty", "Moscow": the division's own big city
            city = next(
                (
                    i
                    for i, e in enumerate(cands[key])
                    if e.kind == "city"
                    and e.admin1_code == entry.admin1_code
                    and e.population >= 0.3 * entry.population
                ),
                None,
            )
            if city is not None:
                best, entry = city, cands[key][city]
        primary = gz.name_key(entry.name) == key
        if (
            key in strong
            or support[key][best] >= _WEAK_MIN_SUPPORT
            or (primary and entry.population >= _WEAK_MIN_POPULATION)
        ):
            chosen[key] = entry
    return chosen


def _prior(key: str, e: GazetteerEntry) -> float:
    score = math.log10(e.population + 10) + _KIND_PRIOR.get(e.kind, 0.0)
    if e.kind != "country" and gz.name_key(e.name) != key:
        score -= _ALT_PENALTY
    return score


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    ex = [math.exp(2.0 * (x - top)) for x in xs]
    total = sum(ex)
    return [x / total for x in ex]


_Ctx = dict[str, dict[str, float]]
_Points = dict[str, list[tuple[float, float, float]]]


def _context(
    cands: dict[str, list[GazetteerEntry]], probs: dict[str, list[float]], weight: dict[str, float]
) -> tuple[_Ctx, _Ctx, _Points]:
    """Per name: how strongly it points at each country and division, and its likely points."""
    countries: _Ctx = {}
    admins: _Ctx = {}
    points: _Points = {}
    for key, entries in cands.items():
        c: dict[str, float] = {}
        a: dict[str, float] = {}
        pts = []
        w = weight[key]
        for e, p0 in zip(entries, probs[key], strict=True):
            p = p0 * w
            if e.country:
                c[e.country] = c.get(e.country, 0.0) + p
            if e.admin1_code and e.kind != "country":
                a[e.admin1_code] = a.get(e.admin1_code, 0.0) + p
            if p0 > 0.05 and e.kind in {"city", "county"}:
                pts.append((e.lat, e.lon, p))
        countries[key], admins[key], points[key] = c, a, pts
    return countries, admins, points


def _support(ctx: _Ctx, key: str, code: str | None) -> float:
    if code is None:
        return 0.0
    return min(1.0, sum(d.get(code, 0.0) for k, d in ctx.items() if k != key))


def _near(points: _Points, key: str, e: GazetteerEntry) -> float:
    if e.kind not in {"city", "county"}:
        return 0.0
    total = 0.0
    for k, pts in points.items():
        if k == key:
            continue
        best = 0.0
        for lat, lon, p in pts:
            d = _km(e.lat, e.lon, lat, lon)
            if d < 150:
                best = max(best, p * (1.0 - d / 150))
        total += best
    return min(1.0, total)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)
