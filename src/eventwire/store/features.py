"""The merge's small per-article features, kept as JSON beside each stored article.

`merge.cluster_articles` reads `ArticleFeatures` (weighted words and names, years, the primary
event); keeping them at insert time lets every ingest re-assign incidents over all stored articles
without parsing any of them again. Articles stored before the features existed get theirs rebuilt
from their text and contract JSON (`from_contract`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..contract import event_from_dict, event_to_dict
from ..merge import ArticleFeatures, article_features
from ..model import Article, DocumentResult, Entity

__all__ = ["FEATURES_VERSION", "features_from_json", "features_json", "from_contract", "is_current"]


# Bumped whenever `merge.article_features` changes what it keeps: stored features of another
# version are rebuilt from the article's text and contract JSON when read (`is_current`).
FEATURES_VERSION = 3


def features_json(result: DocumentResult) -> str:
    """The features of one result, as stored."""
    return _dumps(article_features(result))


def _dumps(f: ArticleFeatures) -> str:
    return json.dumps({"version": FEATURES_VERSION, "terms": [list(t) for t in f.terms], "years": sorted(f.years),
                       "primary": None if f.primary is None else event_to_dict(f.primary),
                       "published": f.published, "labels": [list(lb) for lb in f.labels]},
                      ensure_ascii=False, allow_nan=False, sort_keys=True)


def is_current(data: str | None) -> bool:
    """Whether stored features were written by this version of the merge (cheap: no JSON parse)."""
    return data is not None and f'"version": {FEATURES_VERSION}' in data


def features_from_json(article_id: str, fingerprint: str, data: str) -> ArticleFeatures:
    d = json.loads(data)
    return ArticleFeatures(article_id=article_id, fingerprint=fingerprint,
                           terms=tuple((t, int(c)) for t, c in d["terms"]), years=frozenset(d["years"]),
                           primary=None if d["primary"] is None else event_from_dict(d["primary"]),
                           published=d.get("published"), labels=tuple((w, by) for w, by in d.get("labels", ())))


def from_contract(article_id: str, fingerprint: str, title: str | None, text: str, published: str | None,
                  contract: dict[str, Any]) -> ArticleFeatures:
    """Features of an article stored without them, rebuilt from its text and contract JSON."""
    article = Article(id=article_id, text=text, fingerprint=fingerprint, title=title,
                      published=dt.date.fromisoformat(published) if published else None)
    result = DocumentResult(article=article, events=tuple(event_from_dict(e) for e in contract.get("events", [])),
                            entities=tuple(Entity(e["text"], e["start"], e["end"], e["label"])
                                           for e in contract.get("entities", [])))
    return article_features(result)
