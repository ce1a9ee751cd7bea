"""The one orchestrator: articles in, results out, problems counted.

    Article | Problem ──► skip known ──► parse (nlp.pipe, batched) ──► extract ──► DocumentResult
                                                                   └─ failure ──► Problem
    DocumentResult* ──► with_incidents (merge.cluster_articles over the whole run) ──► DocumentResult*

Articles stream through in input order; nothing holds the whole corpus, except `with_incidents`,
which must see the run's last article before it can name the first one's incident (it keeps the
results, which are small, and the merge's per-article features, never a parse).
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from .extract.document import extract_document
from .merge import ArticleFeatures, article_features, cluster_articles
from .model import Article, DocumentResult, Problem
from .parse import load_nlp, parse_texts
from .settings import DEFAULT_SETTINGS, Settings

__all__ = ["RunCounts", "run_pipeline", "with_incidents"]

log = logging.getLogger(__name__)

Item = Article | Problem


@dataclass
class RunCounts:
    """Running totals of one run, per kind of outcome and per problem code."""

    articles: int = 0
    events: int = 0
    skipped: int = 0
    problems: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, int]:
        out = {"articles": self.articles, "events": self.events, "skipped": self.skipped}
        out.update({f"problem:{code}": n for code, n in sorted(self.problems.items())})
        return out


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_pipeline(
    items: Iterable[Item],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    skip: Callable[[list[str]], set[str]] | None = None,
    counts: RunCounts | None = None,
) -> Iterator[DocumentResult | Problem]:
    """Parse and extract every Article; Problems pass through. `skip(fingerprints)` names the ones
    already done (e.g. stored), which are counted and not parsed again."""
    counts = counts if counts is not None else RunCounts()
    nlp = load_nlp(settings.model)
    # Chunks bound memory and let already stored articles be skipped before the parse. They feed one
    # `nlp.pipe` stream for the whole run: a stream per chunk would start (and load) its parse workers
    # again for every chunk and leave the cores idle while each one drains.
    chunk_size = max(settings.batch_size * max(settings.processes, 1) * 4, 64)
    passed: deque[Problem] = deque()  # problems met while feeding the parser, yielded as it returns

    def to_parse() -> Iterator[tuple[str, Article]]:
        for chunk in _chunks(items, chunk_size):
            articles = [a for a in chunk if isinstance(a, Article)]
            known = skip([a.fingerprint for a in articles]) if skip and articles else set()
            for item in chunk:
                if isinstance(item, Problem):
                    counts.problems[item.code] += 1
                    passed.append(item)
                elif item.fingerprint in known:
                    counts.skipped += 1
                else:
                    yield item.text, item

    for doc, article in parse_texts(to_parse(), batch_size=settings.batch_size, n_process=settings.processes,
                                    nlp=nlp):
        while passed:
            yield passed.popleft()
        try:
            result = extract_document(article, doc)
        except Exception as exc:  # a bad document never kills the batch
            log.exception("extraction failed on %s", article.id)
            counts.problems["extract_failed"] += 1
            yield Problem(stage="extract", code="extract_failed", message=f"{type(exc).__name__}: {exc}",
                          origin=article.origin, article_id=article.id)
            continue
        counts.articles += 1
        counts.events += len(result.events)
        yield result
    while passed:
        yield passed.popleft()


def with_incidents(items: Iterable[DocumentResult | Problem],
                   seen: Callable[[DocumentResult | Problem], None] | None = None
                   ) -> Iterator[DocumentResult | Problem]:
    """The same items in the same order, each result with its `incident` set: articles about one
    real-world incident share an id (see merge.py). `seen(item)` is called as each item arrives."""
    held: list[DocumentResult | Problem] = []
    feats: list[ArticleFeatures] = []
    for item in items:
        held.append(item)
        if isinstance(item, DocumentResult):
            feats.append(article_features(item))
        if seen:
            seen(item)
    incident_of: dict[str, str] = {}
    for inc in cluster_articles(feats):
        for aid in inc.article_ids:
            incident_of[aid] = inc.id
    log.info("%d articles in %d incidents", len(feats), len(set(incident_of.values())))
    for item in held:
        if isinstance(item, DocumentResult):
            yield replace(item, incident=incident_of.get(item.article.id))
        else:
            yield item
