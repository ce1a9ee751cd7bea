"""What the merge keeps of one article: `ArticleFeatures` (weighted words and names, years, the lead
event with the article's toll, loaded labels), small enough to store beside each article.

    DocumentResult ──► lead_event (the story), article_toll (its dead and injured), words, years ──► ArticleFeatures

No I/O; `merge.cluster_articles` reads these records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from ._merge_data import STOPWORDS
from .model import DocumentResult, Event, Quantity
from .store.query import date_period

__all__ = ["ArticleFeatures", "article_features", "article_toll", "lead_event"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}|(?:19|20)\d\d")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
_MAX_TERMS = 400
_LEAD_CHARS = 300
_LEAD_BONUS = 0.5  # an event at the very start of the text; none past _LEAD_CHARS
_UNREAL_PENALTY = 0.2
_BACKGROUND_DAYS = 30  # an event that ended this long before publication is background
_BACKGROUND_PENALTY = 2.0  # below every event of the story: the lead only when all are background


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What the merge needs of one article (kept instead of the parse, so a run stays small)."""

    article_id: str
    fingerprint: str
    terms: tuple[tuple[str, int], ...]  # (term, count), sorted by term; names are "n:"-prefixed
    years: frozenset[int]  # years the article's own dates and its text name most
    primary: Event | None = None  # the lead event (`lead_event`), counting the article's toll (`article_toll`)
    published: str | None = None
    labels: tuple[tuple[str, str], ...] = ()  # (loaded word, who used it) over the article's events, sorted


def article_features(result: DocumentResult) -> ArticleFeatures:
    """The small summary of one article that `cluster_articles` reads."""
    art = result.article
    text = f"{art.title}\n{art.text}" if art.title else art.text
    # The lead (title and first lines) says who did what where and when: its words and years count twice.
    text += "\n" + text[:_LEAD_CHARS]
    counts = Counter(w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOPWORDS)
    for ent in result.entities:
        if ent.label in _NAME_LABELS:
            counts["n:" + " ".join(ent.text.lower().split())] += 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_TERMS]
    primary = lead_event(result)
    if primary is not None:
        killed, injured = article_toll(result)
        primary = replace(primary, fatalities=killed, injured=injured)
    labels = sorted({(lb.text, lb.used_by) for e in result.events for lb in e.labels})
    return ArticleFeatures(article_id=art.id, fingerprint=art.fingerprint, terms=tuple(sorted(top)),
                           years=_years(result, text), primary=primary,
                           published=art.published.isoformat() if art.published else None, labels=tuple(labels))


def lead_event(result: DocumentResult) -> Event | None:
    """The event the article reports: its most confident event, where an event early in the lead
    counts for more (news puts what happened first: the first `_LEAD_CHARS` of the text, the earlier
    the more), and a background event (dated well before publication: "since Russia invaded in
    February") or one that did not happen (a threat, a plan, a denial) counts for less. Ties go to
    the earlier trigger."""
    rank = _ranker(result)
    return max(result.events, key=rank, default=None)


def article_toll(result: DocumentResult) -> tuple[Quantity | None, Quantity | None]:
    """The dead and the injured the article reports for its story: the counts of its best-ranked
    events (as `lead_event` ranks them) that give one, leaving out background and unreal events."""
    rank, published = _ranker(result), result.article.published
    told = sorted((e for e in result.events if e.modality in _REAL and not _background(e, published)),
                  key=rank, reverse=True)
    return (next((e.fatalities for e in told if e.fatalities is not None), None),
            next((e.injured for e in told if e.injured is not None), None))


_REAL = ("happened", "attempted")


def _ranker(result: DocumentResult) -> Callable[[Event], tuple[float, int]]:
    published = result.article.published

    def rank(e: Event) -> tuple[float, int]:
        score = e.confidence + _LEAD_BONUS * max(0.0, 1.0 - e.trigger.start / _LEAD_CHARS)
        if e.modality not in _REAL:
            score -= _UNREAL_PENALTY
        if _background(e, published):
            score -= _BACKGROUND_PENALTY
        return score, -e.trigger.start

    return rank


def _background(e: Event, published: dt.date | None) -> bool:
    """Whether the text dates the event well before the article's publication."""
    period = date_period(e.date) if e.date is not None and e.date.start >= 0 else None
    return published is not None and period is not None and (published - period[1]).days > _BACKGROUND_DAYS


def _years(result: DocumentResult, text: str) -> frozenset[int]:
    """The year(s) the article is about: its events' dates, else the years its text names most."""
    dated = Counter(e.date.date.year for e in result.events if e.date is not None and e.date.date is not None)
    if not dated:
        dated = Counter(int(y) for y in _YEAR.findall(text))
        if result.article.published:
            dated[result.article.published.year] += 2
    if not dated:
        return frozenset()
    top = max(dated.values())
    return frozenset(y for y, n in dated.items() if n == top)
