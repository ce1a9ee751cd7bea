"""The learned half of event typing: two linear heads over MiniLM vectors and the rules' reading.

For each trigger the features are (1) the vector of its sentence, (2) the contextual vector of the
trigger word, (3) what the lexicon said: its PLOVER type, the other types in the sentence, the
modality and whether the trigger is a noun. Two heads read them:

- a PLOVER head (16 types), trained on the NGEC synthetic stories and our own examples;
- a quad head over CAMEO's pentaclass (statement/appeal, verbal/material cooperation,
  verbal/material conflict), trained on the ConfliBERT pentaclass sentences, our own examples and
  (down-weighted) the NGEC stories, each type counted in the class of its CAMEO code;
- a mode head ("PROTEST:riot", "ASSAULT:aerial"...), asked only when the lexicon gives no mode.

The type is the one both heads agree on best: p(type) * p(pentaclass of the type's CAMEO code);
the lexicon's type stands unless that makes another type `margin` times as likely, and the heads
never turn a hostile lexicon word into cooperation or the reverse. Because the rule type is
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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from ..ontology import code_event, load_tables
from .embed import get_encoder
from .events import STATEMENT_MEANS, Trigger, find_triggers, market_or_sport_report, means_near, modality_of
from .quotes import reporting_lemmas
from .stance import stance_of

__all__ = ["EventHeads", "candidate_triggers", "classify_triggers", "load_heads", "pentaclass_of", "trigger_features"]

log = logging.getLogger(__name__)

HEADS_FILE = "data/event_heads.npz"
VECTORS_KEY = "eventwire_event_vectors"
MODALITY_ORDER = ("happened", "attempted", "planned", "threatened", "denied", "hypothetical")
QUADS = 5  # 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
FALLBACK_SENTENCES = 2
# The lexicon is precise where it speaks: its type stands unless the heads find another one more
# than `margin` times as likely (the heads learnt from synthetic stories and short sentences, not
# news). `make train` chooses the margin, and how sure the mode head must be, by cross-validation
# on our own news-style sentences; these defaults serve heads saved without them.
LEXICON_MARGIN = 2.0
MODE_MIN_PROB = 0.0
SAME_QUAD = False  # True: a lexicon word keeps its PLOVER quad too (a speech act stays one)
# The lexicon's side gives way when the quad head puts at least this much on the other side
# ("deployed peacekeepers": a hostile word in a cooperative sentence); above 1, never.
SIDE_RELEASE = 1.01
_OPEN = {"happened", "attempted"}  # modalities under which the heads may retype an event
_NOT_A_NOUNS_SENSE = frozenset({"MOBILIZE"})  # types the heads may not give a lexicon noun of another type


@cache
def plover_types() -> tuple[str, ...]:
    return tuple(load_tables().plover)


@cache
def _quad_of_type() -> np.ndarray:
    """Each type's CAMEO pentaclass, from the code it gets with no mode ('CONCEDE' -> 080 -> material
    cooperation; 'REQUEST' -> 020 -> appeal): the classes the quad head is trained on."""
    return np.array([pentaclass_of(t, None) for t in plover_types()])


@cache
def _plover_quads() -> np.ndarray:
    """Per type: its PLOVER quad (1 verbal and 2 material cooperation, 3 verbal and 4 material conflict)."""
    return np.array([load_tables().plover[t].quad for t in plover_types()])


@cache
def _is_conflict() -> np.ndarray:
    """Per type: conflict (PLOVER quads 3 and 4) rather than cooperation (1 and 2)."""
    return np.array([load_tables().plover[t].quad >= 3 for t in plover_types()])


def pentaclass_of(plover: str, mode: str | None) -> int:
    tables = load_tables()
    code = code_event(plover, mode).cameo
    return tables.cameo[code].penta_class if code is not None and code in tables.cameo else tables.plover[plover].quad


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
    margin: float = LEXICON_MARGIN
    mode_min: float = MODE_MIN_PROB  # the mode head's answer counts only when it is at least this sure
    same_quad: bool = SAME_QUAD
    # types whose lexicon words the heads never retype (chosen by cross-validation in make train)
    trusted: tuple[str, ...] = ()
    release: float = SIDE_RELEASE

    def probabilities(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _softmax(x @ self.type_w.T + self.type_b), _softmax(x @ self.quad_w.T + self.quad_b)

    def decide(self, x: np.ndarray, lexicon: Sequence[int | None] | None = None,
               locked: Sequence[bool] | None = None, barred: Sequence[frozenset[str]] | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each row: the chosen type index, its joint probability, and the quad probabilities.
        `lexicon` gives the lexicon's type per row (None for a fallback candidate): it stands
        unless the heads find another type more than `margin` times as likely, or whatever they say
        where `locked`. `barred` names, per row, types the heads may not turn the lexicon's into: where
        they would, the lexicon's type stands."""
        p_type, p_quad = self.probabilities(x)
        joint = p_type * p_quad[:, _quad_of_type()]
        joint = joint / joint.sum(axis=1, keepdims=True)
        # The lexicon knows whether its word is hostile (and, with same_quad, whether it is said or
        # done): the heads pick within that side, or that quad, unless the quad head is sure
        # (`release`) that the sentence is on the other side.
        side = _plover_quads() if self.same_quad else _is_conflict()
        conflict = p_quad[:, 3] + p_quad[:, 4]
        cooperation = p_quad[:, 1] + p_quad[:, 2]
        hostile = _is_conflict()
        for row, lex in enumerate(lexicon or ()):
            if lex is None:
                continue
            other_side = cooperation[row] if hostile[lex] else conflict[row]
            fixed = locked is not None and locked[row]
            if fixed or other_side < self.release:
                joint[row, side != side[lex]] = 0.0
        joint = joint / np.maximum(joint.sum(axis=1, keepdims=True), 1e-12)
        best = joint.argmax(axis=1)
        for row, lex in enumerate(lexicon or ()):
            fixed = locked is not None and locked[row]
            if lex is None:
                continue
            kept = fixed or joint[row, lex] * self.margin >= joint[row, best[row]]
            if kept or (barred is not None and self.types[best[row]] in barred[row]):
                best[row] = lex
        return best, joint[np.arange(len(best)), best], p_quad

    def mode_for(self, x: np.ndarray, plover: str, means: str | None = None,
                 words: frozenset[str] | None = None) -> str | None:
        """The most likely mode of `plover` for one feature row (None: no particular mode, or none
        the head is at least `mode_min` sure of among that type's modes). A mode that names a weapon
        is one only when the text names that weapon (`means`, see `events.means_near`); a mode that
        names a particular act (rape, massacre, kidnapping...) only when one of its words is among
        `words` (the sentence's lemmas; None: not checked)."""
        scores = x @ self.mode_w.T + self.mode_b
        prefix = plover + ":"
        options = [(float(scores[n]), m[len(prefix):]) for n, m in enumerate(self.modes)
                   if m.startswith(prefix) and means in _WEAPON_MODES.get(m, {means})
                   and (words is None or m not in _ACT_MODES or bool(words & _ACT_MODES[m]))]
        if not options:
            return None
        top, mode = max(options)
        sure = 1.0 / sum(np.exp(score - top) for score, _ in options)
        return mode or None if sure >= self.mode_min else None

    def save(self, path: Path) -> None:
        arrays = {k: getattr(self, k).astype(np.float32) for k in ("type_w", "type_b", "quad_w", "quad_b",
                                                                   "mode_w", "mode_b")}
        np.savez_compressed(path, **arrays, types=np.array(self.types), modes=np.array(self.modes),
                            decision=np.array([self.margin, self.mode_min, self.same_quad, self.release],
                                              dtype=np.float32),
                            trusted=np.array(self.trusted, dtype=str))

    @classmethod
    def read(cls, path: Path | str) -> EventHeads:
        with np.load(path, allow_pickle=False) as z:
            defaults = [LEXICON_MARGIN, MODE_MIN_PROB, float(SAME_QUAD), SIDE_RELEASE]
            saved = [float(v) for v in z["decision"]] if "decision" in z else []
            margin, mode_min, same_quad, release = saved + defaults[len(saved):]
            heads = cls(z["type_w"], z["type_b"], z["quad_w"], z["quad_b"], tuple(str(t) for t in z["types"]),
                        z["mode_w"], z["mode_b"], tuple(str(m) for m in z["modes"]), margin, mode_min,
                        bool(same_quad), tuple(str(t) for t in z["trusted"]) if "trusted" in z else (), release)
        if heads.types != plover_types():
            raise ValueError(f"{path}: trained for PLOVER types {heads.types}, the ontology has {plover_types()}")
        return heads


# Modes that name a weapon or channel, with the means (events.means_near) that must be in the text for
# the mode head to choose them: "attacked a base" alone says nothing of aircraft.
_WEAPON_MODES: dict[str, set[str | None]] = {
    "ASSAULT:aerial": {"aerial"}, "ASSAULT:drone": {"aerial"}, "ASSAULT:heavy-weapons": {"shelling"},
    "ASSAULT:explosives": {"ied", "car-bomb", "grenade"}, "ASSAULT:suicide-attack": {"suicide"},
    "ASSAULT:unconventional": {"chemical"}, "ASSAULT:firearms": {"firearms"},
    "ASSAULT:crowd-control": {"crowd-control"}, "COERCE:cyber": set(),
}


# Modes that name a particular act, with the words (lemmas) one of which the sentence must hold.
_ACT_MODES: dict[str, frozenset[str]] = {
    "ASSAULT:sexual": frozenset({"rape", "sexual", "sexually", "molest", "gang-rape", "rapist"}),
    "ASSAULT:massacre": frozenset({"massacre", "slaughter", "mass", "genocide", "carnage"}),
    "ASSAULT:assassinate": frozenset({"assassinate", "assassination", "assassin"}),
    "ASSAULT:execute": frozenset({"execute", "execution", "behead", "hang"}),
    "ASSAULT:abduct": frozenset({"abduct", "abduction", "kidnap", "kidnapping", "hostage", "hijack", "seize"}),
    "ASSAULT:torture": frozenset({"torture", "torturing"}),
    "ASSAULT:destroy": frozenset({"destroy", "destruction", "raze", "demolish", "demolition", "bulldoze", "torch",
                                  "burn", "arson", "vandalise", "vandalize", "sabotage", "damage", "wreck", "loot"}),
    "ASSAULT:beat": frozenset({"beat", "beating", "batter", "club", "kick", "punch", "lash", "flog", "whip", "assault",
                               "bludgeon", "thrash", "lynch", "torture", "hit"}),
    "ASSAULT:cleansing": frozenset({"cleansing", "expel", "expulsion", "displace"}),
    "PROTEST:riot": frozenset({"riot", "rioter", "violent", "violence", "clash", "stone", "rock", "loot", "burn",
                               "torch", "smash", "vandalise", "vandalize", "fire", "petrol", "barricade", "unrest"}),
}


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
    have a subject, as events of a type still to be decided. A reporting verb ("officials said
    troops shelled the town") stands for the clause it reports: the event is the shelling, with
    the troops and the town as its actor and target, and the report stays its attribution (the
    quote whose content holds the verb). A phase verb ("began leaving") stands for its complement."""
    if triggers:
        return []
    out = []
    for sent in list(doc.sents)[:FALLBACK_SENTENCES]:
        root = sent.root
        if not _is_candidate(root):
            continue
        verb = _reported_verb(root)
        if market_or_sport_report(verb):  # "shares closed higher, dealers said": no strike
            continue
        out.append(Trigger(start=verb.i, end=verb.i + 1, head=verb, plover=plover_types()[0], mode=None,
                           means=means_near(verb), modality=modality_of(verb), is_noun=False, fallback=True))
    return out


def _is_candidate(verb: Token) -> bool:
    return verb.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _reported_verb(verb: Token) -> Token:
    """The main verb of the clause that `verb` reports, when it is a reporting verb with a
    clausal complement that is itself a candidate (a verb with a subject), through reports of
    reports ("police said witnesses told them gunmen stormed the bank"); else `verb` itself."""
    for _ in range(3):
        lemma = verb.lemma_.lower()
        if lemma in _PHASE_VERBS:  # "fighters began leaving the town": the leaving is the event
            step = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        elif lemma in reporting_lemmas():
            step = next((c for c in verb.children if c.dep_ == "ccomp" and _is_candidate(c)), None)
        else:
            break
        if step is None:
            break
        verb = step
    return verb


# verbs that say when or how hard something was done, not what: the event is their complement
_PHASE_VERBS = frozenset({"begin", "start", "continue", "resume", "keep", "try", "attempt"})


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
    return _encode_many([(doc, triggers)])[0]


def _encode_many(items: Sequence[tuple[Doc, Sequence[Trigger]]]) -> list[dict[str, bytes]]:
    """Vectors for the triggers of several documents in one encoder call (batches are fuller and
    sorted by length across documents): per document, trigger offset -> sentence + word vector."""
    texts: list[str] = []
    anchors: list[list[int]] = []
    owners: list[tuple[int, list[Token]]] = []
    for n, (doc, triggers) in enumerate(items):
        sents: dict[int, list[Token]] = {}
        for t in triggers:
            sents.setdefault(t.head.sent.start, []).append(t.head)
        for start, heads in sents.items():
            span = doc[start].sent
            texts.append(span.text)
            anchors.append([h.idx - span.start_char for h in heads])
            owners.append((n, heads))
    out: list[dict[str, bytes]] = [{} for _ in items]
    if not texts:
        return out
    for v, (n, heads) in zip(get_encoder().encode(texts, anchors), owners, strict=True):
        for h, tok_vec in zip(heads, v.anchors, strict=True):
            out[n][str(h.idx)] = np.concatenate([v.sentence, tok_vec]).astype(np.float32).tobytes()
    return out


def classify_triggers(doc: Doc, triggers: Sequence[Trigger], heads: EventHeads) -> list[Trigger]:
    """The triggers (and fallback candidates) with the type the heads choose and its probability
    in `score`. A trigger whose type changes takes its mode from the mode head: modes belong to types."""
    if not triggers:
        return []
    by_sent = _sentence_types(triggers)
    x = np.stack([trigger_features(t, by_sent.get(t.head.sent.start, []), t.fallback, v)
                  for t, v in zip(triggers, _vectors(doc, triggers), strict=True)])
    # An event that did not or may not happen keeps its word's type: "did not arrest" is a denied
    # arrest, not a rejection; the modality carries the difference. So does a word of a trusted type, and
    # a lexicon row that names a statement act ("claimed responsibility"): the heads saw none of those.
    lexicon = [None if t.fallback else heads.types.index(t.plover) for t in triggers]
    framing = _stance_words(triggers) | _secondary(triggers)
    # Weapons seized, destroyed or shot down ("intercepted the missiles") are told by a row's object
    # condition; the heads, having seen a sentence about missiles, would read an attack.
    locked = [t.modality not in _OPEN or t.means in STATEMENT_MEANS or t.means == "weapons"
              or (not t.fallback and (t.plover in heads.trusted or t.head.i in framing))
              for t in triggers]
    # A noun of the lexicon names its act ("the clash", "sit-ins"): a deployment is told by its own
    # words, however much the rest of the sentence speaks of troops, so the heads may not make it one.
    barred = [_NOT_A_NOUNS_SENSE if t.is_noun and not t.fallback and t.plover not in _NOT_A_NOUNS_SENSE
              else frozenset() for t in triggers]
    best, prob, p_quad = heads.decide(x, lexicon, locked, barred)
    out = []
    for t, row, b, p, q in zip(triggers, x, best, prob, p_quad, strict=True):
        new = heads.types[int(b)]
        # The lexicon's mode is precise when it has one for this type; otherwise the mode head's.
        keep = new == t.plover and t.mode and not t.fallback
        mode = t.mode if keep else heads.mode_for(row, new, t.means, _lemmas(t))
        if new == "PROTEST" and t.plover == "ASSAULT" and not t.fallback:
            mode = "riot"  # a word of violence that the heads read as a crowd's act: PLOVER's riot
        out.append(dataclasses.replace(t, plover=new, mode=mode, score=float(p), statement=bool(q.argmax() == 0)))
    return out


def _stance_words(triggers: Sequence[Trigger]) -> set[int]:
    """Token indices of triggers that are the stance word framing another trigger ("called for
    protests", "urged troops to withdraw"): the frame is explicit, so such a word keeps its type."""
    framing = set()
    for t in triggers:
        stance = stance_of(t.head, t.plover)
        if stance is not None and stance.by is not None and stance.by.i != t.head.i:
            framing.add(stance.by.i)
    return framing


def _secondary(triggers: Sequence[Trigger]) -> set[int]:
    """Token indices of the lexicon's triggers that are not their sentence's main one (the one
    nearest the root of the parse). The heads learnt to type a sentence's main event; on another
    word in it they read the main event's sentence ("condemned the attack": the attack is no
    condemnation), so such a word keeps its type."""
    main: dict[int, tuple[int, int]] = {}
    for t in triggers:
        if not t.fallback:
            depth = sum(1 for _ in t.head.ancestors)
            start = t.head.sent.start
            if start not in main or depth < main[start][0]:
                main[start] = (depth, t.head.i)
    return {t.head.i for t in triggers if not t.fallback and main[t.head.sent.start][1] != t.head.i}


def _lemmas(trig: Trigger) -> frozenset[str]:
    return frozenset(tok.lemma_.lower() for tok in trig.head.sent) | frozenset(tok.lower_ for tok in trig.head.sent)


class EventVectors:
    """Parse-time cache of the classifier's vectors, so that the model runs in the parse workers
    (in parallel, a batch of documents per encoder call) rather than in the process that links
    and stores events."""

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            wanted = []
            for doc in batch:
                triggers = find_triggers(doc)
                wanted.append(triggers or candidate_triggers(doc, triggers))
            for doc, vectors in zip(batch, _encode_many(list(zip(batch, wanted, strict=True))), strict=True):
                if vectors:
                    doc.user_data[VECTORS_KEY] = vectors
            yield from batch


@Language.factory("event_vectors")
def make_event_vectors(nlp: Language, name: str) -> EventVectors:
    return EventVectors()

