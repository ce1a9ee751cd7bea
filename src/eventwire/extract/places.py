"""Toponyms of an article, resolved to the gazetteer: `find_places(doc) -> list[Place]`.

Finding is `_toponyms.find_mentions`: names, demonyms and state abbreviations, each with its
gazetteer candidates and how strongly the text says it is a place (strong or weak).

Resolving (`_resolve`) gives each distinct name one reading per article (document consistency). An
explicit qualifier ("Paris, Texas", "Springfield, Ill.") restricts its candidates. Each candidate
starts from a prior: log population, a bonus by kind (countries, regions) and for national capitals,
a penalty when reached through an alternate name. Then, for a few rounds, every name is re-scored
against the others' current beliefs:

- division: the other names' belief that they lie in the same first-order division ("Alexandria"
  with "Rapides Parish" is Alexandria, Louisiana), on a log scale so that a name spread over many
  readings ("Boone County": eight states) still votes;
- nearness: their belief in readings within ~150 km (regions and countries reach further);
- country focus: the share of the other places that lie in the candidate's country (country names
  count little: "U.S. officials" says what a story is about, not where it happens);
- same place: another name reads as this very feature ("Georgia" next to "Georgian").

Division and nearness count fully only for readings in a country that the other places are in
(else half): a list of world cities ("London ... Melbourne ... Washington") must not turn Melbourne
into a village near London. Weak mentions count a quarter as context, and are kept only when their
reading is a large place or is supported by the division or nearness of the others. Precision: city,
admin1 (US counties too: the contract has no admin2), country; None for regions and continents.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from spacy.tokens import Doc

from ..model import GeoPrecision, Place
from . import gazetteer as gz
from ._toponyms import Mention, find_mentions, within
from .gazetteer import GazetteerEntry

__all__ = ["find_places"]

log = logging.getLogger(__name__)

# counties (no "admin2" precision in the contract) are reported as admin1: coarser than a town;
# regions and continents have no precision
_PRECISION: dict[str, GeoPrecision] = {
    "city": "city",
    "county": "admin1",
    "admin1": "admin1",
    "country": "country",
}
_KIND_PRIOR = {"country": 3.0, "admin1": 0.0, "county": 1.5, "region": 6.0, "continent": 2.0, "city": 0.0}
_ALT_PENALTY = 1.5
_SHARPNESS = 2.0  # softmax slope over scores
_W_COUNTRY, _W_ADMIN, _W_NEAR = 3.0, 3.0, 2.0  # weights of the three kinds of context
_COUNTRY_NAME_WEIGHT = 0.3  # country names count once and little: they say what, not where
_W_SAME = 3.0  # another name reads as the very same place ("Georgia" and "Georgian")
_CAPITAL_PRIOR = 1.5  # capitals stand for their governments and are named far more often
_LOCAL_FLOOR = 0.5  # division and nearness count fully only in a country the article is about
_FOCUS_PRIOR_COUNT = 1.0  # pseudo-count of places elsewhere: one other name is not yet a focus
_EPS = 0.1
_LOG_MAX = math.log1p(1 / _EPS)
_SUPPORT_CAP = 1.5
_POINT_MIN = 0.01
_RADIUS = {"city": 150.0, "county": 150.0, "region": 400.0, "country": 500.0}  # km: "near" a reading
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
            precision=_PRECISION.get(entry.kind), population=entry.population,
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
        entries = _plausible(key, ms[0].entries)[:_TOP_K]
        quals = {m.qualifier for m in ms if m.qualifier}
        if quals:
            entries = [e for e in ms[0].entries if any(within(e, q) for q in quals)] or entries
        kinds = {m.kind for m in ms if m.kind}
        if len(kinds) == 1:  # "the city of Basra": not the province
            entries = [e for e in entries if e.kind in kinds] or entries
        cands[key] = entries
        prior[key] = [_prior(key, e) for e in entries]
    strong = {k for k, ms in groups.items() if any(m.strong for m in ms)}
    weight = {k: 1.0 if k in strong else _WEAK_WEIGHT for k in cands}
    probs = {k: _softmax(v) for k, v in prior.items()}
    local: dict[str, list[float]] = {}
    for _ in range(_ROUNDS):
        ctx = [_Context(cands[k], probs[k], weight[k], k) for k in cands]
        for key, entries in cands.items():
            others = [c for c in ctx if c.key != key]
            scores, local[key] = [], []
            for e, p0 in zip(entries, prior[key], strict=True):
                near = _capped(c.weight * _fit(c.near(e)) for c in others)
                admin = 0.0
                if e.kind != "country" and e.admin1_code:
                    admin = _capped(c.weight * _fit(c.admins.get(e.admin1_code, 0.0)) for c in others)
                country = _focus(others, e.country)
                local_weight = _LOCAL_FLOOR + (1.0 - _LOCAL_FLOOR) * _focus(others, e.country, pseudo=0.0)
                same = max(
                    (c.weight * c.beliefs.get(e, 0.0) for c in others), default=0.0
                )  # Georgia, Georgian
                local[key].append(local_weight * (_W_ADMIN * admin + _W_NEAR * near))
                scores.append(p0 + local[key][-1] + _W_COUNTRY * country + _W_SAME * same)
            probs[key] = _softmax(scores)
    chosen = {}
    for key, p in probs.items():
        best = max(range(len(p)), key=p.__getitem__)
        entry = cands[key][best]
        if entry.kind == "admin1":  # "New York", "Almaty", "Moscow": the division's own big city
            city = next((i for i, e in enumerate(cands[key]) if e.kind == "city" and
                         e.admin1_code == entry.admin1_code and e.population >= 0.3 * entry.population),
                        None)  # fmt: skip
            if city is not None:
                best, entry = city, cands[key][city]
        primary = gz.name_key(entry.name) == key
        if (
            key in strong
            or local[key][best] >= _WEAK_MIN_SUPPORT
            or (primary and entry.population >= _WEAK_MIN_POPULATION)
        ):
            chosen[key] = entry
    return chosen


def _plausible(key: str, entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """Readings through an alternate name only when much bigger than the towns named so ("Moscow" is
    not the Moscow oblast, "Kaliningrad" not Korolev, once called Kaliningrad; but "New York" may be
    New York City, whose GeoNames name is longer)."""
    primary = max(
        (e.population for e in entries if e.kind == "city" and gz.name_key(e.name) == key), default=None
    )
    if primary is None:
        return entries
    return [e for e in entries if e.population >= 10 * primary or gz.name_key(e.name) == key
            or e.kind in {"country", "region", "continent"}]  # fmt: skip


def _prior(key: str, e: GazetteerEntry) -> float:
    score = math.log10(e.population + 10) + _KIND_PRIOR.get(e.kind, 0.0)
    if gz.is_capital(e):
        score += _CAPITAL_PRIOR
    if e.kind != "country" and gz.name_key(e.name) != key:
        score -= _ALT_PENALTY
    return score


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    ex = [math.exp(_SHARPNESS * (x - top)) for x in xs]
    total = sum(ex)
    return [x / total for x in ex]


def _focus(others: list[_Context], code: str | None, pseudo: float = _FOCUS_PRIOR_COUNT) -> float:
    """The share of the article's other places that lie in country `code` (0..1): its focus.

    Towns and divisions count fully; country names count little ("U.S. officials said" is about
    the United States, not in it)."""
    if not code or not others:
        return 0.0
    inside = total = 0.0
    for c in others:
        here = c.countries.get(code, 0.0) + _COUNTRY_NAME_WEIGHT * c.named.get(code, 0.0)
        inside += c.weight * here
        total += c.weight * (c.located + _COUNTRY_NAME_WEIGHT * (1.0 - c.located))
    total += pseudo
    return inside / total if total else 1.0


def _fit(mass: float) -> float:
    """How well one other name fits a reading, from the share of its belief that agrees (0..1).

    Logarithmic, so that a name spread over many readings ("Boone County": eight states) still
    says clearly which readings it allows."""
    return math.log1p(mass / _EPS) / _LOG_MAX if mass > 0 else 0.0


def _capped(values: Iterable[float]) -> float:
    return min(_SUPPORT_CAP, sum(values))


class _Context:
    """What one name says about the others: its belief per country, per division, and its points."""

    __slots__ = ("admins", "beliefs", "countries", "key", "located", "named", "points", "weight")

    def __init__(self, entries: list[GazetteerEntry], probs: list[float], weight: float, key: str) -> None:
        self.key, self.weight = key, weight
        self.beliefs = dict(zip(entries, probs, strict=True))
        self.countries: dict[str, float] = {}  # from towns and divisions: where the story happens
        self.named: dict[str, float] = {}  # from country names: what the story is about
        self.admins: dict[str, float] = {}
        self.points: list[tuple[float, float, float, float]] = []  # lat, lon, belief, radius km
        self.located = 0.0  # belief that the name is a place inside a country rather than a country
        for e, p in zip(entries, probs, strict=True):
            if e.kind == "country" and e.country:
                self.named[e.country] = self.named.get(e.country, 0.0) + p
            elif e.country:
                self.countries[e.country] = self.countries.get(e.country, 0.0) + p
                self.located += p
            if e.admin1_code and e.kind != "country":
                self.admins[e.admin1_code] = self.admins.get(e.admin1_code, 0.0) + p
            if p > _POINT_MIN:
                self.points.append((e.lat, e.lon, p, _RADIUS.get(e.kind, 0.0)))

    def near(self, e: GazetteerEntry) -> float:
        """Belief that this name is a place near `e` (within its radius, fading with distance)."""
        total = 0.0
        for lat, lon, p, radius in self.points:
            if radius and abs(lat - e.lat) * 111 < radius:
                d = _km(e.lat, e.lon, lat, lon)
                if d < radius:
                    total += p * (1.0 - d / radius)
        return total


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)
