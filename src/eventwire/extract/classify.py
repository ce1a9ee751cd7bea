"""The learned half of event typing: two linear heads over MiniLM vectors and the rules' reading.

For each trigger the features are (1) the vector of its sentence, (2) the contextual vector of the
trigger word, (3) what the lexicon said: its PLOVER type, the other types in the sentence, the
modality and whether the trigger is a noun. Two heads read them:

- a PLOVER head (16 types), trained on the NGEC synthetic stories and our own examples;
- a quad head (statement, verbal/material cooperation, verbal/material conflict), trained on the
  ConfliBERT pentaclass sentences and our own examples;
- a mode head ("PROTEST:riot", "ASSAULT:aerial"...), asked only when the lexicon gives no mode.

The type is the one both heads agree on best: p(type) * p(quad of type). Because the rule type is
a feature, the heads learn when to trust the lexicon and when the context overrides it. An article
in which the lexicon finds nothing gets candidate events from the main verbs of its first
sentences, typed by the heads alone and with a lower confidence.

The weights live in `data/event_heads.npz`, written by `make train` (train/train_event_heads.py).
Without that file, or with EVENTWIRE_EVENT_HEADS=off, events keep their lexicon types.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..ontology import load_tables
from .embed import DIM, get_encoder
from .events import Trigger, find_triggers, means_near, modality_of

__all__ = ["EventHeads", "candidate_triggers", "classify_triggers", "load_heads", "trigger_features"]

log = logging.getLogger(__name__)

HEADS_FILE = "data/event_heads.npz"
VECTORS_KEY = "eventwire_event_vectors"
MODALITY_ORDER = ("happened", "attempted", "planned", "threatened", "denied", "hypothetical")
QUADS = 5  # 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
FALLBACK_SENTENCES = 2


@cache
def plover_types() -> tuple[str, ...]:
    return tuple(load_tables().plover)


@cache
def _quad_of_type() -> np.ndarray:
    return np.array([load_tables().plover[t].quad for t in plover_types()])


def rule_features(trig: Trigger, sentence_types: Sequence[str], fallback: bool) -> np.ndarray:
    types = plover_types()
    n = len(types)
    out = np.zeros(2 * n + len(MODALITY_ORDER) + 3, dtype=np.float32)
    if not fallback:
        out[types.index(trig.plover)] = 1.0
    for t in sentence_types:
        out[n + types.index(t)] = 1.0
    out[2 * n + MODALITY_ORDER.index(trig.modality)] = 1.0
    out[-3] = float(trig.is_noun)
    out[-2] = float(trig.means is not None)
    out[-1] = float(fallback)
    return out


def trigger_features(trig: Trigger, sentence_types: Sequence[str], fallback: bool, vectors: np.ndarray) -> np.ndarray:
    """The classifier's input for one trigger; `vectors` is its sentence vector then its word's."""
    return np.concatenate([vectors, rule_features(trig, sentence_types, fallback)])


@dataclass(frozen=True)
class EventHeads:
    """Two multinomial logistic-regression heads over the same features."""

    type_w: np.ndarray
    type_b: np.ndarray
    quad_w: np.ndarray
    quad_b: np.ndarray
    types: tuple[str, ...]
    # "TYPE:mode" labels ("TYPE:" for no mode) and their head: the mode when the lexicon gives none
    mode_w: np.ndarray
    mode_b: np.ndarray
    modes: tuple[str, ...]

    def probabilities(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _softmax(x @ self.type_w.T + self.type_b), _softmax(x @ self.quad_w.T + self.quad_b)

    def decide(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each row: the chosen type index, its joint probability, and the quad probabilities."""
        p_type, p_quad = self.probabilities(x)
        joint = p_type * p_quad[:, _quad_of_type()]
        joint = joint / joint.sum(axis=1, keepdims=True)
        best = joint.argmax(axis=1)
        return best, joint[np.arange(len(best)), best], p_quad

    def mode_for(self, x: np.ndarray, plover: str) -> str | None:
        """The most likely mode of `plover` for one feature row (None: no particular mode)."""
        scores = x @ self.mode_w.T + self.mode_b
        prefix = plover + ":"
        options = [(float(scores[n]), m[len(prefix):]) for n, m in enumerate(self.modes) if m.startswith(prefix)]
        if not options:
            return None
        return max(options)[1] or None

    def save(self, path: Path) -> None:
        arrays = {k: getattr(self, k).astype(np.float32) for k in ("type_w", "type_b", "quad_w", "quad_b",
                                                                   "mode_w", "mode_b")}
        np.savez_compressed(path, **arrays, types=np.array(self.types), modes=np.array(self.modes))

    @classmethod
    def read(cls, path: Path | str) -> EventHeads:
        with np.load(path, allow_pickle=False) as z:
            heads = cls(z["type_w"], z["type_b"], z["quad_w"], z["quad_b"], tuple(str(t) for t in z["types"]),
                        z["mode_w"], z["mode_b"], tuple(str(m) for m in z["modes"]))
        if heads.types != plover_types():
            raise ValueError(f"{path}: trained for PLOVER types {heads.types}, the ontology has {plover_types()}")
        return heads


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@cache
def load_heads(path: str | None = None) -> EventHeads | None:
    """The trained heads: `path`, else $EVENTWIRE_EVENT_HEADS ('off' disables them), else the
    packaged file. None when there are none: the lexicon types stand."""
    chosen = path or os.environ.get("EVENTWIRE_EVENT_HEADS")
    if chosen == "off":
        return None
    if chosen:
        return EventHeads.read(chosen)
    packaged = resources.files("eventwire.extract").joinpath(HEADS_FILE)
    if not packaged.is_file():
        log.info("no trained event heads (%s): event types come from the lexicon only", HEADS_FILE)
        return None
    with resources.as_file(packaged) as p:
        return EventHeads.read(p)


def candidate_triggers(doc: Doc, triggers: Sequence[Trigger]) -> list[Trigger]:
    """When the lexicon found nothing in an article: the main verbs of its first sentences that
    have a subject, as events of a type still to be decided."""
    if triggers:
        return []
    out = []
    for sent in list(doc.sents)[:FALLBACK_SENTENCES]:
        root = sent.root
        if root.pos_ != "VERB" or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children):
            continue
        out.append(Trigger(start=root.i, end=root.i + 1, head=root, plover=plover_types()[0], mode=None,
                           means=means_near(root), modality=modality_of(root), is_noun=False, fallback=True))
    return out


def _sentence_types(triggers: Sequence[Trigger]) -> dict[int, list[str]]:
    by_sent: dict[int, list[str]] = {}
    for t in triggers:
        if not t.fallback:
            by_sent.setdefault(t.head.sent.start, []).append(t.plover)
    return by_sent


def _vectors(doc: Doc, triggers: Sequence[Trigger]) -> list[np.ndarray]:
    """[sentence vector, trigger word vector] per trigger, from the parse-time cache when the
    `event_vectors` pipe ran, else computed now."""
    # Keyed by the trigger word's character offset, as a string: Doc.to_bytes (how the parse
    # workers hand documents back) keeps only string keys in user data.
    cached: dict[str, bytes] = doc.user_data.get(VECTORS_KEY, {})
    missing = [t for t in triggers if str(t.head.idx) not in cached]
    if missing:
        cached = {**cached, **_encode(doc, missing)}
    return [np.frombuffer(cached[str(t.head.idx)], dtype=np.float32) for t in triggers]


def _encode(doc: Doc, triggers: Sequence[Trigger]) -> dict[str, bytes]:
    sents: dict[int, list[Token]] = {}
    for t in triggers:
        sents.setdefault(t.head.sent.start, []).append(t.head)
    spans = [doc[start].sent for start in sents]
    heads = list(sents.values())
    vecs = get_encoder().encode([s.text for s in spans],
                                [[h.idx - s.start_char for h in hs] for s, hs in zip(spans, heads, strict=True)])
    out: dict[str, bytes] = {}
    for v, hs in zip(vecs, heads, strict=True):
        for h, tok_vec in zip(hs, v.anchors, strict=True):
            out[str(h.idx)] = np.concatenate([v.sentence, tok_vec]).astype(np.float32).tobytes()
    return out


def classify_triggers(doc: Doc, triggers: Sequence[Trigger], heads: EventHeads) -> list[Trigger]:
    """The triggers (and fallback candidates) with the type the heads choose and its probability
    in `score`. A trigger whose type changes takes its mode from the mode head: modes belong to types."""
    if not triggers:
        return []
    by_sent = _sentence_types(triggers)
    x = np.stack([trigger_features(t, by_sent.get(t.head.sent.start, []), t.fallback, v)
                  for t, v in zip(triggers, _vectors(doc, triggers), strict=True)])
    best, prob, p_quad = heads.decide(x)
    out = []
    for t, row, b, p, q in zip(triggers, x, best, prob, p_quad, strict=True):
        new = heads.types[int(b)]
        # The lexicon's mode is precise when it has one for this type; otherwise the mode head's.
        mode = t.mode if new == t.plover and t.mode and not t.fallback else heads.mode_for(row, new)
        out.append(dataclasses.replace(t, plover=new, mode=mode, score=float(p), statement=bool(q.argmax() == 0)))
    return out


@Language.component("event_vectors")
def event_vectors(doc: Doc) -> Doc:
    """Parse-time cache of the classifier's vectors, so that the model runs in the parse workers
    (in parallel) rather than in the process that links and stores events."""
    triggers = find_triggers(doc)
    wanted = triggers or candidate_triggers(doc, triggers)
    if wanted:
        doc.user_data[VECTORS_KEY] = _encode(doc, wanted)
    return doc


def vectors_width() -> int:
    return 2 * DIM
