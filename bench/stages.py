"""Cost of each pipeline stage, in one process, on the same corpus as the throughput benchmark.

    python bench/stages.py --corpus ../shared/eval/data/polnear.train.input.jsonl --limit 200 --out bench/results

Times the spaCy parse, the classifier's MiniLM pass (the `event_vectors` pipe, which runs in the
parse workers) and every extraction stage separately (the same calls, in the same order, as
`extract.document.extract_document`) and writes `<date>-stages.json` and `.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from eventwire.extract.actors import ActorResolver
from eventwire.extract.classify import candidate_triggers, classify_triggers, load_heads
from eventwire.extract.document import focus_place
from eventwire.extract.embed import get_encoder
from eventwire.extract.events import find_triggers
from eventwire.extract.labels import find_labels
from eventwire.extract.link import Mentions, link_events
from eventwire.extract.places import find_places
from eventwire.extract.quantities import find_quantities
from eventwire.extract.quotes import find_quotes
from eventwire.extract.times import find_times
from eventwire.ingest import make_article
from eventwire.parse import load_nlp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--out", default="bench/results")
    args = ap.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    rows = [json.loads(x) for x in Path(args.corpus).read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = rows[: args.limit]
    articles = [make_article(r["text"], id=r.get("id"), published=dt.date.fromisoformat(r["published"][:10])
                             if r.get("published") else None, verbatim=True) for r in rows]
    cost: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    nlp = load_nlp()
    cost["load model"] = time.perf_counter() - t0
    from eventwire.extract.gazetteer import candidates

    t0 = time.perf_counter()
    candidates("Paris")  # the gazetteer loads on first use
    cost["load gazetteer"] = time.perf_counter() - t0
    heads = load_heads()
    vectors = nlp.get_pipe("event_vectors") if "event_vectors" in nlp.pipe_names else None
    if vectors is not None:
        t0 = time.perf_counter()
        get_encoder()
        cost["load encoder"] = time.perf_counter() - t0
    spacy_pipes = [p for p in nlp.pipe_names if p != "event_vectors"]

    def timed(name, fn):
        start = time.perf_counter()
        out = fn()
        cost[name] += time.perf_counter() - start
        return out

    for article in articles:
        with nlp.select_pipes(enable=spacy_pipes):
            doc = timed("parse (spaCy)", lambda a=article: nlp(a.text))
        if vectors is not None:
            timed("event vectors (MiniLM)", lambda d=doc: vectors(d))
        times = timed("times", lambda a=article, d=doc: find_times(d, a.published))
        places = timed("places", lambda d=doc: find_places(d))
        quantities = timed("quantities", lambda d=doc: find_quantities(d))
        quotes = timed("quotes", lambda d=doc: find_quotes(d))
        labels = timed("labels", lambda d=doc, q=quotes: find_labels(d, q, None))
        focus = focus_place(places)
        mentions = Mentions(places=places, times=times, quantities=quantities, quotes=quotes, labels=labels,
                            focus_place=focus, published=article.published)
        triggers = timed("events (triggers)", lambda d=doc: find_triggers(d))
        if heads is not None:
            triggers = timed("classify (heads)", lambda d=doc, t=triggers:
                             classify_triggers(d, t + candidate_triggers(d, t), heads))
        timed("link (actors + arguments)", lambda d=doc, t=triggers, m=mentions, f=focus:
              link_events(d, t, ActorResolver(d, f.country if f else None), m))

    per_article = {k: v / len(articles) * 1000 for k, v in cost.items() if not k.startswith("load")}
    total = sum(per_article.values())
    result = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "articles": len(articles),
              "load_average": round(os.getloadavg()[0], 2),
              "load_seconds": {k: round(v, 2) for k, v in cost.items() if k.startswith("load")},
              "ms_per_article": {k: round(v, 2) for k, v in per_article.items()},
              "share": {k: round(v / total, 3) for k, v in per_article.items()}}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{dt.date.today().isoformat()}-stages"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    lines = [f"# Stage costs, {result['date']} ({len(articles)} articles, one process, "
             f"load average {result['load_average']})\n",
             "| stage | ms / article | share |", "|---|---|---|"]
    lines += [f"| {k} | {v:.2f} | {result['share'][k]:.1%} |" for k, v in sorted(per_article.items(),
                                                                                 key=lambda kv: -kv[1])]
    lines.append("\nLoading: " + ", ".join(f"{k} {v} s" for k, v in result["load_seconds"].items()))
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
