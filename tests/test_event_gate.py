"""The event-coding gate: `eventwire extract` on the event dev sets, scored by ../shared's own scorer.

Like trafilatura's eval gate, it pins the figures reached so that accuracy cannot fall silently.
Each dataset runs the real command and reads the figures that `score.py TASK` prints; the whole
gate skips cleanly when ../shared is absent. The minimums sit a little under the figures measured
with `make eval` (see eval/results/dev.md) to absorb run-to-run noise from nothing but the machine;
issue #3's targets are above them where not yet met.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# dataset -> (task, {figure: minimum}). Measured on 2026-12-02 (third session of the day) with `make
# eval` at the heads that `make train` fits (pentaclass head from conflibert and our sentences, margin
# and side release by the one-standard-error rule, repeated CV): plover_gsr accuracy 0.795, macro-F1
# 0.758, source country 0.824; case2021 weighted-F1 0.708, event type 0.795; petr_unittest source
# country 0.812, target 0.895; glocon F1 sentences 0.558, documents 0.679; gvdb (the whole pipeline,
# not the counting stage alone) killed 0.855, injured 0.815. Refits move these (the rule's choices
# flip on near-ties: with the same code, margin 4 gave case2021 0.696 / 0.771 and margin 10 0.657 /
# 0.747 before the selection CV was repeated; earlier refits chose margin 10 or 6, and plover_gsr
# moved 0.745 <-> 0.752 with that choice alone). Raised on 2026-12-03 (refit at d55257b, margin 6, CV 0.848):
# case2021 weighted-F1 0.741, event type 0.813; glocon sentences 0.619; plover_gsr 0.789 / 0.743 / 0.817.
# Raised again the same day to the targets (refit at 667d339, margin 6, CV 0.852): plover_gsr
# 0.814 / 0.767 / 0.831; case2021 weighted-F1 0.814, event type 0.855. Refit at a9ea8b6 (CV 0.852):
# glocon documents 0.692, the others unchanged.
MINIMUMS: dict[str, tuple[str, dict[str, float]]] = {
    "plover_gsr": ("plover", {"accuracy": 0.80, "macro_f1": 0.75, "source_country_accuracy": 0.80}),
    "case2021": ("acled_sub", {"weighted_f1": 0.75, "event_type_accuracy": 0.85}),
    "petr_unittest": ("cameo", {"source_country_match": 0.79, "target_country_match": 0.87}),
    "glocon_sents": ("protest", {"f1": 0.60}),
    "glocon_docs": ("protest", {"f1": 0.68}),
    "gvdb": ("casualties", {"killed_acc": 0.84, "injured_acc": 0.80}),
}

pytestmark = [pytest.mark.shared, pytest.mark.model]


def _eventwire() -> list[str]:
    script = Path(sys.executable).with_name("eventwire")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from eventwire.cli import main; main()"]


@pytest.mark.parametrize("dataset", sorted(MINIMUMS))
def test_gold_gate_event_coding(dataset: str, tmp_path: Path) -> None:
    data = SHARED / "eval" / "data"
    if not (data / f"{dataset}.dev.input.jsonl").is_file() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared/eval is not available")
    task, minimums = MINIMUMS[dataset]
    pred = tmp_path / f"{dataset}.dev.pred.jsonl"
    subprocess.run([*_eventwire(), "extract", "--quiet", str(data / f"{dataset}.dev.input.jsonl"), "-o", str(pred)],
                   check=True, capture_output=True, text=True, timeout=1800)
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), task,
                             str(data / f"{dataset}.dev.gold.jsonl"), str(pred)],
                            check=True, capture_output=True, text=True, timeout=600)
    summary = dict(kv.split("=", 1) for kv in scored.stdout.strip().splitlines()[-1].split()[1:])
    low = {k: float(summary[k]) for k, floor in minimums.items() if float(summary[k]) < floor}
    assert not low, f"{dataset}: below the gate {low} (minimums {minimums}; all figures {summary})"
