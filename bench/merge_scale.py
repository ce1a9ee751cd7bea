"""What regrouping a growing store costs: `merge.cluster_articles` over synthetic article features,
with the time-window blocking (`window_days`) and without it.

    python bench/merge_scale.py --sizes 1000 2000 4000 8000 --out bench/results

Every ingest groups all stored articles again (the result depends only on which articles are
stored); blocking keeps the candidate pairs to articles at most `window_days` apart, so the cost
grows with the articles of a window rather than with the square of the store. The features are
synthetic but shaped like news: a Zipf vocabulary of common words, and stories of one to five
reports published within three days of each other that share their own rare words and names, at a
steady rate of `--per-day` articles a day (a store grows by adding days, so a larger store spans
more time). Writes `<date>-merge-scale.json` and `.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from eventwire.merge import WEIGHTS, ArticleFeatures, cluster_articles

_VOCABULARY = 20_000


def synthetic(n: int, per_day: float = 4.0, seed: int = 7) -> list[ArticleFeatures]:
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) for rank in range(_VOCABULARY)]
    start = dt.date(2020, 1, 1)
    out: list[ArticleFeatures] = []
    story = 0
    while len(out) < n:
        story += 1
        day = start + dt.timedelta(days=rng.randrange(max(1, round(n / per_day))))
        own = [f"s{story}w{k}" for k in range(12)] + [f"n:s{story}name{k}" for k in range(3)]
        for _ in range(min(rng.randint(1, 5), n - len(out))):
            counts = Counter(f"w{k}" for k in rng.choices(range(_VOCABULARY), weights, k=150))
            counts.update(rng.sample(own, 10))
            aid = f"a{len(out):06d}"
            published = day + dt.timedelta(days=rng.randrange(3))
            out.append(ArticleFeatures(article_id=aid, fingerprint=aid, terms=tuple(sorted(counts.items())),
                                       years=frozenset({published.year}), published=published.isoformat()))
    return out


def _time(feats: list[ArticleFeatures], window: int) -> tuple[float, int]:
    weights = WEIGHTS.__class__(**{**WEIGHTS.__dict__, "window_days": window})
    began = time.perf_counter()
    incidents = cluster_articles(feats, weights=weights)
    return time.perf_counter() - began, len(incidents)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    ap.add_argument("--per-day", type=float, default=4.0, help="articles a day")
    ap.add_argument("--unblocked-max", type=int, default=4000, help="largest size also timed without blocking")
    ap.add_argument("--out", default="bench/results")
    args = ap.parse_args(argv)
    rows = []
    for n in args.sizes:
        feats = synthetic(n, args.per_day)
        blocked, groups = _time(feats, WEIGHTS.window_days)
        row: dict[str, float | int | None] = {"articles": n, "blocked_s": round(blocked, 2), "incidents": groups,
                                              "unblocked_s": None}
        if n <= args.unblocked_max:
            unblocked, same = _time(feats, 10**9)
            row["unblocked_s"], row["unblocked_incidents"] = round(unblocked, 2), same
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{dt.date.today().isoformat()}-merge-scale"
    meta = {"window_days": WEIGHTS.window_days, "per_day": args.per_day, "rows": rows}
    stem.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    title = f"# Regrouping cost (cluster_articles, window {WEIGHTS.window_days} days, {args.per_day:g} articles a day)"
    lines = [title, "",
             "| articles | blocked (s) | incidents | unblocked (s) | incidents |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['articles']} | {r['blocked_s']} | {r['incidents']} | "
                     f"{'—' if r['unblocked_s'] is None else r['unblocked_s']} | {r.get('unblocked_incidents', '—')} |")
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
