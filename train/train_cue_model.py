"""Fit the cue model (`eventwire/extract/_cue_model.py`) on PolNeAR train, seeded.

    python train/train_cue_model.py [--shared ../shared] [--cv 5] [--C 0.08] [--out .../cue_model.json]

Every verb candidate that `quotes.cue_candidates` finds in a train article is labelled by the
gold attributions: positive when the verb lies in a gold cue and its content overlaps that
attribution's content. A logistic regression over the candidates' sparse features is the model.
The threshold is chosen by grouped cross-validation on train, end to end: `find_quotes` with the
fold's model on the held-out articles, scored by `../shared/eval/score.py`'s quotes scorer (cue
F1 + source and content proportional F1). Dev sets are never read here.

The parsed train articles are cached in `train/.cache/` (the parse takes minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

import eventwire.headlines
import eventwire.parse
from eventwire.extract._cue_model import CueModel
from eventwire.extract._frames import Context
from eventwire.extract.quotes import cue_candidates, cue_lexicon, find_quotes
from eventwire.parse import load_nlp

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"  # --shared DIR replaces it
CACHE = ROOT / "train" / ".cache"
OUT = ROOT / "src" / "eventwire" / "extract" / "data" / "cue_model.json"
SEED = 13
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
_ATTRS = ["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH", "SENT_START", "SPACY"]


def load_split(split: str) -> tuple[list[Doc], list[dict[str, Any]]]:
    """Parsed articles of polnear.`split` (cached) and their gold attributions."""
    rows = [json.loads(line) for line in (SHARED / "data" / f"polnear.{split}.input.jsonl").open()]
    golds = {r["id"]: r["gold"] for r in map(json.loads, (SHARED / "data" / f"polnear.{split}.gold.jsonl").open())}
    nlp = load_nlp()
    cache, ids_file = CACHE / f"polnear_{split}.spacy", CACHE / f"polnear_{split}.ids.json"
    # the parse changes with the pipeline's set-up (eventwire/parse.py), not only with the texts
    ids = [r["id"] for r in rows]
    key = [*ids, *(hashlib.sha256(Path(m.__file__).read_bytes()).hexdigest()
                   for m in (eventwire.parse, eventwire.headlines))]
    if cache.exists() and ids_file.exists() and json.loads(ids_file.read_text()) == key:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        CACHE.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(attrs=_ATTRS)
        docs = []
        started = time.time()
        with nlp.select_pipes(disable=[p for p in ("event_vectors",) if p in nlp.pipe_names]):
            for k, doc in enumerate(nlp.pipe((r["text"] for r in rows), batch_size=16)):
                bin_.add(doc)
                docs.append(doc)
                if k % 50 == 0:
                    print(f"parsed {k}/{len(rows)} ({time.time() - started:.0f} s)", file=sys.stderr)
        bin_.to_disk(cache)
        ids_file.write_text(json.dumps(key))
    return docs, [golds[i] for i in ids]


def labelled_candidates(doc: Doc, gold: dict[str, Any]) -> tuple[list[dict[str, int]], list[int]]:
    ctx = Context.of(doc)
    lexicon = cue_lexicon()
    atts = [a for a in gold.get("attributions") or [] if a.get("cue") and a.get("content")]
    feats, labels = [], []
    for cand in cue_candidates(ctx):
        start = cand.verb.idx
        c0, c1 = doc[cand.first].idx, doc[cand.last].idx + len(doc[cand.last])
        hit = any(a["cue"][0] <= start < a["cue"][1] and min(c1, a["content"][1]) > max(c0, a["content"][0])
                  for a in atts)
        feats.append(dict.fromkeys(cand.features(ctx, lexicon), 1))
        labels.append(int(hit))
    return feats, labels


def fit(feats: list[dict[str, int]], labels: list[int], threshold: float, c: float = 0.5) -> CueModel:
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    lr = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    lr.fit(x, labels)
    weights = dict(zip(vec.get_feature_names_out(), lr.coef_[0].tolist(), strict=True))
    return CueModel(weights, float(lr.intercept_[0]), threshold)


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("spans", SHARED / "scorers" / "spans.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_pred(doc: Doc, model: CueModel) -> dict[str, Any]:
    def span(s: Any) -> dict[str, int] | None:
        return None if s is None else {"start": s.start, "end": s.end}

    return {"quotes": [{"cue": span(q.cue), "source": span(q.source), "content": span(q.content)}
                       for q in find_quotes(doc, model=model)]}


def cross_validate(docs: list[Doc], golds: list[dict[str, Any]], per_doc: list[tuple[Any, Any]],
                   folds: int, c: float) -> dict[float, dict[str, float]]:
    spans = _scorer()
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    results: dict[float, list[tuple[Any, Any, str]]] = {t: [] for t in THRESHOLDS}
    for k in range(folds):
        held = set(order[k::folds])
        feats = [f for i in order if i not in held for f in per_doc[i][0]]
        labels = [y for i in order if i not in held for y in per_doc[i][1]]
        base = fit(feats, labels, 0.5, c)
        for t in THRESHOLDS:
            model = CueModel(base.weights, base.bias, t)
            results[t].extend((golds[i], _as_pred(docs[i], model), docs[i].text) for i in held)
        print(f"fold {k + 1}/{folds} done", file=sys.stderr)
    table = {}
    for t, triples in results.items():
        summary = dict(spans.score_quotes(triples)["_summary"])
        table[t] = {k: round(summary[k] or 0.0, 4) for k in ("cue_f1", "source_prop_f1", "content_prop_f1")}
    return table


def main() -> None:
    global SHARED
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", type=int, default=5, help="folds for choosing the threshold (0: keep 0.5)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--C", type=float, default=0.08, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--shared", type=Path, default=SHARED.parent, help="the ../shared folder")
    args = ap.parse_args()
    SHARED = args.shared / "eval"
    if not (SHARED / "data" / "polnear.train.gold.jsonl").exists():
        sys.exit(f"no PolNeAR train set under {SHARED / 'data'}")
    docs, golds = load_split("train")
    per_doc = [labelled_candidates(d, g) for d, g in zip(docs, golds, strict=True)]
    n = sum(len(y) for _, y in per_doc)
    print(f"{len(docs)} articles, {n} candidates, {sum(sum(y) for _, y in per_doc)} positive", file=sys.stderr)
    threshold = 0.5
    if args.cv:
        table = cross_validate(docs, golds, per_doc, args.cv, args.C)
        for t, row in table.items():
            print(f"threshold {t}: " + " ".join(f"{k}={v}" for k, v in row.items()))
        threshold = max(table, key=lambda t: sum(table[t].values()))
        print(f"chosen threshold {threshold}")
    model = fit([f for fs, _ in per_doc for f in fs], [y for _, ys in per_doc for y in ys], threshold, args.C)
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(model.weights)} weights)")


if __name__ == "__main__":
    main()
