"""The story-clustering gate: `eventwire extract` on ECB+ dev, scored by ../shared's own scorer.

ECB+ topics each hold two different real incidents of the same kind (two earthquakes, two
shootings), so only the details tell them apart. The gate runs the real command (every article's
`incident` assigned across the run) and reads the B³ F1 that `score.py cluster` prints; it skips
cleanly when ../shared is absent. It codes 772 articles (about two minutes on two cores).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Reached on ecbplus.dev: B³ F1 0.90 (merge.py, lead words counted twice); the floor.
MINIMUM_B3_F1 = 0.85

pytestmark = [pytest.mark.shared, pytest.mark.model]


def _eventwire() -> list[str]:
    script = Path(sys.executable).with_name("eventwire")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from eventwire.cli import main; main()"]


def test_gold_gate_ecbplus(tmp_path: Path) -> None:
    data = SHARED / "eval" / "data"
    if not (data / "ecbplus.dev.input.jsonl").is_file() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared/eval is not available")
    pred = tmp_path / "ecbplus.dev.pred.jsonl"
    subprocess.run([*_eventwire(), "extract", "--quiet", str(data / "ecbplus.dev.input.jsonl"), "-o", str(pred)],
                   check=True, capture_output=True, text=True, timeout=1800)
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "cluster",
                             str(data / "ecbplus.dev.gold.jsonl"), str(pred)],
                            check=True, capture_output=True, text=True, timeout=600)
    summary = dict(kv.split("=", 1) for kv in scored.stdout.strip().splitlines()[-1].split()[1:])
    b3_f1 = float(summary["b3_f1"])
    lines = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines and all(line.get("incident") for line in lines if not line.get("errors"))
    assert b3_f1 >= MINIMUM_B3_F1, f"ecbplus B³ F1 {b3_f1:.3f} < {MINIMUM_B3_F1} ({summary})"
