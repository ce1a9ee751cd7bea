"""Events -> incidents: the reports of many articles about one real-world incident, grouped.

    DocumentResult ──► features (small: content words, names, years, primary event) ──┐
    DocumentResult ──► features ───────────────────────────────────────────────────────┤
                                                                                       ▼
        candidate pairs (shared words, at most `window_days` apart) ──► pair score (text +
        what/where/when/who) ──► average-linkage clusters ──► Incident(id, members, why they
        merged, where they disagree)

An article's incident is the story it tells: its lead event (`lead_event`: early in the text, not
background) with the words, names and dates around it. Two articles join when their score clears
`threshold`:

- text: cosine of TF-IDF vectors over content words and named entities (the run is the corpus);
- when: years or days that the two reports give for their events and that cannot both be right
  lower the score (two earthquakes of the same kind, four years apart, share many words);
- where: event places more than `far_km` apart lower it, the same place raises it a little;
- what / who: the same event type and shared actor names raise it a little; lead events of other
  types on other days lower it (a deal signed on Friday, a port struck on Saturday).

Blocking: articles whose days (publication, else the lead event's) are more than `window_days`
apart are never compared, so grouping a store costs what its windows hold, not the square of its
size (bench/merge_scale.py); articles with no day are compared with every other.

Deterministic: articles are processed in a canonical order (fingerprint, id), every sum runs over
sorted keys, and an incident's id is a hash of its sorted member fingerprints, so the same input in
any order gives the same ids. No I/O: model records in, merge records out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ._merge_features import ArticleFeatures, article_features, article_toll, lead_event
from .model import Event, Quantity
from .ontology import OntologyError, plover_info
from .store.query import date_period

__all__ = [
    "ArticleFeatures",
    "CountReport",
    "Disagreement",
    "Incident",
    "MergeReason",
    "article_features",
    "article_toll",
    "cluster_articles",
    "lead_event",
    "summarise_disagreement",
]


@dataclass(frozen=True, slots=True)
class MergeReason:
    """Why two articles were put in one incident: the best-scoring pair across the two groups joined."""

    a: str  # article ids
    b: str
    score: float
    text: float  # TF-IDF cosine
    shared: tuple[str, ...]  # the heaviest shared words and names
    same_type: bool | None  # None: one of them has no event
    days_apart: int | None
    km_apart: float | None
    shared_actors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountReport:
    article_id: str
    min: int
    best: int
    max: int
    text: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Where the reports of one incident differ: counts by source, dates, actor labels."""

    fatalities: tuple[CountReport, ...] = ()
    injured: tuple[CountReport, ...] = ()
    fatalities_range: tuple[int, int] | None = None  # (lowest min, highest max) over the reports
    injured_range: tuple[int, int] | None = None
    dates: tuple[tuple[str, str], ...] = ()  # (article id, date value) when they conflict
    actors: tuple[tuple[str, str], ...] = ()  # (article id, actor name) when the names differ
    labels: tuple[tuple[str, str, str], ...] = ()  # (article id, loaded word, used by) when the reports' words differ

    @property
    def any(self) -> bool:
        def differ(reports: tuple[CountReport, ...]) -> bool:
            return len({r.best for r in reports}) > 1

        return (differ(self.fatalities) or differ(self.injured) or bool(self.dates) or bool(self.actors)
                or bool(self.labels))


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    article_ids: tuple[str, ...]  # canonical order
    plover_type: str | None  # the type most members' primary events have
    reasons: tuple[MergeReason, ...]
    disagreement: Disagreement


def _km(a: Event | None, b: Event | None) -> float | None:
    pa, pb = (a.location if a else None), (b.location if b else None)
    if pa is None or pb is None or None in (pa.lat, pa.lon, pb.lat, pb.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (pa.lat, pa.lon, pb.lat, pb.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _days(a: Event | None, b: Event | None) -> int | None:
    da, db = (a.date if a else None), (b.date if b else None)
    if da is None or db is None or da.date is None or db.date is None:
        return None
    if da.precision not in (None, "day") or db.precision not in (None, "day"):
        return None
    return abs((da.date - db.date).days)


def _actors(e: Event | None) -> set[str]:
    if e is None:
        return set()
    return {a.name.lower() for a in (e.actor, e.target) if a is not None and a.name}


@dataclass(frozen=True)
class _Weights:
    threshold: float = 0.12
    year_conflict: float = 0.7  # factor when the two reports' years differ
    group_year_conflict: float = 0.7  # the same, between two groups' most named years
    day_conflict: float = 0.6  # factor when day dates are more than `max_days` apart
    max_days: int = 7
    far_km: float = 300.0
    far: float = 0.6  # factor when the events' places are more than far_km apart
    elsewhere_else_when: float = 0.1  # factor when both the days and the places are too far apart
    near_bonus: float = 0.05  # within near_km
    near_km: float = 100.0
    type_bonus: float = 0.03
    actor_bonus: float = 0.03
    other_day_other_type: float = 0.5  # factor when the events are of different types and days
    other_day_other_quad: float = 0.3  # the same, when the types are also of different PLOVER quads
    window_days: int = 31  # blocking: articles further apart in time are never compared


WEIGHTS = _Weights()


class _Vectors:
    """TF-IDF over the run, with an inverted index for candidate pairs."""

    def __init__(self, feats: Sequence[ArticleFeatures]) -> None:
        n = len(feats)
        df: Counter[str] = Counter()
        for f in feats:
            df.update(t for t, _ in f.terms)
        self.idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self.vecs: list[dict[str, float]] = []
        for f in feats:
            v = {t: (1.0 + math.log(c)) * self.idf[t] * (1.5 if t.startswith("n:") else 1.0) for t, c in f.terms}
            norm = math.sqrt(sum(x * x for _, x in sorted(v.items()))) or 1.0
            self.vecs.append({t: x / norm for t, x in v.items()})
        # Words in more than half the run (and at least 3 articles) say nothing about which story.
        cap = max(3, n // 2)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(feats):
            for t, _ in f.terms:
                if df[t] <= cap and df[t] > 1:
                    self.postings[t].append(i)

    def cosines(self, days: Sequence[int | None], window: int) -> dict[tuple[int, int], float]:
        """The cosine of every candidate pair (i < j): two articles that share a word, and whose days
        (`_day`) are at most `window` days apart or not both known. Sorting each posting list by day
        makes the dated pairs of a word cost what the window holds, not the square of the word's
        count; each pair's sum still runs over the words in sorted order."""
        acc: dict[tuple[int, int], float] = defaultdict(float)
        vecs = self.vecs
        for t in sorted(self.postings):
            docs = self.postings[t]
            dated = sorted((d, i) for i in docs if (d := days[i]) is not None)
            undated = [i for i in docs if days[i] is None]
            for x, i in enumerate(undated):  # an undated article is a candidate of every other
                wi = vecs[i][t]
                for j in undated[x + 1:]:
                    acc[min(i, j), max(i, j)] += wi * vecs[j][t]
                for _, j in dated:
                    acc[min(i, j), max(i, j)] += wi * vecs[j][t]
            for x, (di, i) in enumerate(dated):
                wi = vecs[i][t]
                for dj, j in dated[x + 1:]:
                    if dj - di > window:
                        break
                    acc[min(i, j), max(i, j)] += wi * vecs[j][t]
        return acc

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vecs[i], self.vecs[j]
        return sum(a[t] * b[t] for t in sorted(a.keys() & b.keys()))

    def shared(self, i: int, j: int, k: int = 5) -> tuple[str, ...]:
        a, b = self.vecs[i], self.vecs[j]
        common = sorted(a.keys() & b.keys(), key=lambda t: (-a[t] * b[t], t))
        return tuple(common[:k])


def _score(fa: ArticleFeatures, fb: ArticleFeatures, text: float, w: _Weights) -> float:
    s = text
    if fa.years and fb.years and not fa.years & fb.years:
        s *= w.year_conflict
    days = _days(fa.primary, fb.primary)
    km = _km(fa.primary, fb.primary)
    late = days is not None and days > w.max_days
    far = km is not None and km > w.far_km
    if late and far:  # another time and another place: another incident, however alike the words
        s *= w.elsewhere_else_when
    elif late:
        s *= w.day_conflict
    elif far:
        s *= w.far
    elif km is not None and km <= w.near_km:
        s += w.near_bonus
    if fa.primary and fb.primary and fa.primary.plover_type == fb.primary.plover_type:
        s += w.type_bonus
    if _actors(fa.primary) & _actors(fb.primary):
        s += w.actor_bonus
    return s * _what_when(fa.primary, fb.primary, days, w)


def _what_when(a: Event | None, b: Event | None, days: int | None, w: _Weights) -> float:
    """Reports of one incident agree on what happened or on the day it happened: lead events of
    different types on different days are two happenings (a deal signed on Friday, a port struck
    on Saturday), the more so when one is cooperation and the other conflict."""
    if a is None or b is None or not days or a.plover_type == b.plover_type:
        return 1.0
    return w.other_day_other_type if _quad(a.plover_type) == _quad(b.plover_type) else w.other_day_other_quad


def _quad(plover_type: str) -> int | None:
    try:
        return plover_info(plover_type).quad
    except OntologyError:
        return None


def _components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return [groups[r] for r in sorted(groups)]


def _dominant(votes: Counter[int]) -> frozenset[int]:
    if not votes:
        return frozenset()
    top = max(votes.values())
    return frozenset(y for y, n in votes.items() if n * 2 >= top)


def _average_linkage(members: list[int], score: dict[tuple[int, int], float], years: Sequence[frozenset[int]],
                     w: _Weights) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """UPGMA over one component: (cluster, the best pair of each merge) while the best average clears
    the threshold. Two groups whose members mostly name different years are held apart (`year_conflict`),
    so that the reports that give no year follow those that do."""
    clusters: dict[int, list[int]] = {k: [m] for k, m in enumerate(members)}
    links: dict[int, list[tuple[int, int]]] = {k: [] for k in clusters}
    votes: dict[int, Counter[int]] = {k: Counter({y: 2 for y in years[m]}) if len(years[m]) == 1
                                      else Counter(dict.fromkeys(years[m], 1)) for k, m in enumerate(members)}
    sim: dict[tuple[int, int], float] = {}
    adj: dict[tuple[int, int], float] = {}

    def adjust(a: int, b: int) -> float:
        ya, yb = _dominant(votes[a]), _dominant(votes[b])
        return sim[a, b] * (w.group_year_conflict if ya and yb and not ya & yb else 1.0)

    for x, i in enumerate(members):
        for y in range(x + 1, len(members)):
            sim[x, y] = score.get((i, members[y]), 0.0)
            adj[x, y] = adjust(x, y)
    # A heap with lazy deletion finds the best pair in O(log n) instead of a scan of every pair
    # (which made a large component cubic). Entries are (-score, a, b): the same order as taking the
    # highest score, then the lowest a, then the lowest b; stale entries are skipped when popped.
    heap = [(-v, a, b) for (a, b), v in adj.items()]
    heapq.heapify(heap)
    while len(clusters) > 1 and heap:
        neg, a, b = heapq.heappop(heap)
        if adj.get((a, b)) != -neg:
            continue  # merged away or rescored since it was pushed
        best = -neg
        if best < w.threshold:
            break
        na, nb = len(clusters[a]), len(clusters[b])
        pair = max(((i, j) for i in clusters[a] for j in clusters[b]),
                   key=lambda p: (score.get((min(p), max(p)), 0.0), -min(p), -max(p)))
        clusters[a] += clusters.pop(b)
        links[a] += [*links.pop(b), (min(pair), max(pair))]
        votes[a] += votes.pop(b)
        del sim[a, b], adj[a, b]
        for c in clusters:
            if c == a:
                continue
            ac, bc = (min(a, c), max(a, c)), (min(b, c), max(b, c))
            sim[ac] = (sim[ac] * na + sim.pop(bc) * nb) / (na + nb)
            del adj[bc]
            adj[ac] = adjust(*ac)
            heapq.heappush(heap, (-adj[ac], *ac))
    return [(sorted(clusters[k]), links[k]) for k in sorted(clusters)]


def cluster_articles(features: Sequence[ArticleFeatures], *, weights: _Weights = WEIGHTS) -> list[Incident]:
    """Group articles into incidents; every article is in exactly one (a lone report is its own)."""
    order = sorted(range(len(features)), key=lambda k: (features[k].fingerprint, features[k].article_id))
    feats = [features[k] for k in order]
    vec = _Vectors(feats)
    days = [_day(f) for f in feats]
    score = {pair: _score(feats[pair[0]], feats[pair[1]], cos, weights)
             for pair, cos in sorted(vec.cosines(days, weights.window_days).items())}
    edges = [pair for pair, s in score.items() if s >= weights.threshold]
    incidents: list[Incident] = []
    for comp in _components(len(feats), edges):
        for members, links in _average_linkage(comp, score, [f.years for f in feats], weights):
            group = [feats[m] for m in members]
            reasons = tuple(_reason(feats[i], feats[j], vec, i, j, score[i, j]) for i, j in links)
            incidents.append(_incident(group, reasons))
    return sorted(incidents, key=lambda inc: inc.id)


def _day(f: ArticleFeatures) -> int | None:
    """The day an article is about, for blocking: its publication day, else the day of its lead
    event (a date no coarser than a week); None when it has neither (it is then a candidate of
    every article)."""
    if f.published:
        try:
            return dt.date.fromisoformat(f.published[:10]).toordinal()
        except ValueError:
            pass
    when = f.primary.date if f.primary is not None else None
    period = date_period(when) if when is not None and when.precision in (None, "day", "week") else None
    return period[0].toordinal() if period else None


def _reason(fa: ArticleFeatures, fb: ArticleFeatures, vec: _Vectors, i: int, j: int, s: float) -> MergeReason:
    pa, pb = fa.primary, fb.primary
    km = _km(pa, pb)
    return MergeReason(a=fa.article_id, b=fb.article_id, score=round(s, 4), text=round(vec.cosine(i, j), 4),
                       shared=vec.shared(i, j), same_type=(pa.plover_type == pb.plover_type) if pa and pb else None,
                       days_apart=_days(pa, pb), km_apart=None if km is None else round(km, 1),
                       shared_actors=tuple(sorted(_actors(pa) & _actors(pb))))


def _incident(group: list[ArticleFeatures], reasons: tuple[MergeReason, ...]) -> Incident:
    digest = hashlib.sha1("\n".join(sorted(f.fingerprint for f in group)).encode()).hexdigest()[:16]
    types = Counter(f.primary.plover_type for f in group if f.primary is not None)
    kind = min(types, key=lambda t: (-types[t], t)) if types else None
    reports = [(f.article_id, f.primary) for f in group if f.primary is not None]
    labels = {f.article_id: f.labels for f in group}
    return Incident(id="inc-" + digest, article_ids=tuple(f.article_id for f in group), plover_type=kind,
                    reasons=reasons, disagreement=summarise_disagreement(reports, labels))


def _counts(reports: Sequence[tuple[str, Quantity | None]]) -> tuple[tuple[CountReport, ...], tuple[int, int] | None]:
    out = tuple(CountReport(aid, q.min, q.best, q.max, q.text) for aid, q in reports if q is not None)
    if not out:
        return (), None
    return out, (min(r.min for r in out), max(r.max for r in out))


def summarise_disagreement(reports: Sequence[tuple[str, Event]],
                           labels: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> Disagreement:
    """Where the (article id, event) reports of one incident differ. `labels` are the loaded words
    (word, who used it) of each article: listed when the articles do not all use the same ones
    (one calls them "terrorists", another uses no such word)."""
    reports = sorted(reports, key=lambda r: r[0])
    fatalities, f_range = _counts([(aid, e.fatalities) for aid, e in reports])
    injured, i_range = _counts([(aid, e.injured) for aid, e in reports])
    dates = tuple((aid, e.date.value) for aid, e in reports if e.date is not None and e.date.start >= 0)
    days = {e.date.date for _, e in reports if e.date is not None and e.date.start >= 0 and e.date.date is not None
            and e.date.precision in (None, "day")}
    actors = tuple((aid, e.actor.name) for aid, e in reports if e.actor is not None and e.actor.name)
    words = {aid: frozenset(w.lower() for w, _ in used) for aid, used in (labels or {}).items()}
    loaded = tuple((aid, w, by) for aid in sorted(words) for w, by in sorted(set((labels or {})[aid])))
    return Disagreement(fatalities=fatalities, injured=injured, fatalities_range=f_range, injured_range=i_range,
                        dates=dates if len(days) > 1 else (),
                        actors=actors if len({n.lower() for _, n in actors}) > 1 else (),
                        labels=loaded if len(set(words.values())) > 1 else ())
