"""The Almaty report (../shared/corpus) through `eventwire extract` and the shared checker.

Not tuned to this article: it is one report among many, and the checker's facts are general ones
(an event on the right line with the right type, place, date, actor and source)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

MINIMUM = {"events": 8, "quotes": 4, "places": 4, "labels": 2}


def test_almaty_report_passes_its_check(shared, tmp_path):
    corpus = shared / "corpus"
    out = tmp_path / "out.jsonl"
    exe = Path(sys.executable).parent / "eventwire"
    subprocess.run([str(exe), "extract", "--quiet", str(corpus / "almaty-2022-01-06.input.jsonl"), "-o", str(out)],
                   check=True)
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == "almaty-2022-01-06"
    check = subprocess.run([sys.executable, str(shared / "eval" / "check_article.py"),
                            str(corpus / "almaty-2022-01-06.expected.json"), str(out)],
                           check=True, capture_output=True, text=True)
    summary = check.stdout.strip().splitlines()[-1]
    got = {k: int(a) for k, a, _ in re.findall(r"(\w+)=(\d+)/(\d+)", summary)}
    failures = {k: (got.get(k), need) for k, need in MINIMUM.items() if got.get(k, 0) < need}
    assert not failures, f"{summary}\n{check.stdout}"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
