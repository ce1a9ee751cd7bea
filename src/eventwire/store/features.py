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

__all__ = ["features_from_json", "features_json", "from_contract"]


def features_json(result: DocumentResult) -> str:
    """The features of one result, as stored."""
    f = article_features(result)
    return json.dumps({"terms": [list(t) for t in f.terms], "years": sorted(f.years),
                       "primary": None if f.primary is None else event_to_dict(f.primary),
                       "published": f.published}, ensure_ascii=False, allow_nan=False, sort_keys=True)


def features_from_json(article_id: str, fingerprint: str, data: str) -> ArticleFeatures:
    d = json.loads(data)
    return ArticleFeatures(article_id=article_id, fingerprint=fingerprint,
                           terms=tuple((t, int(c)) for t, c in d["terms"]), years=frozenset(d["years"]),
                           primary=None if d["primary"] is None else event_from_dict(d["primary"]),
                           published=d.get("published"))


def from_contract(article_id: str, fingerprint: str, title: str | None, text: str, published: str | None,
                  contract: dict[str, Any]) -> ArticleFeatures:
    """Features of an article stored without them, rebuilt from its text and contract JSON."""
    article = Article(id=article_id, text=text, fingerprint=fingerprint, title=title,
                      published=dt.date.fromisoformat(published) if published else None)
    result = DocumentResult(article=article, events=tuple(event_from_dict(e) for e in contract.get("events", [])),
                            entities=tuple(Entity(e["text"], e["start"], e["end"], e["label"])
                                           for e in contract.get("entities", [])))
    return article_features(result)
