"""A learned judge of cue candidates: is this verb, with this content frame, an attribution?

A verb that takes a clause, an object or a quotation is often, but not always, a cue: `said`
mostly is, `showed` sometimes (`a poll showed that ...` yes, `the video shows the blast` no),
and `called` depends on its frame. The word lists alone cannot see the difference; this model
reads the context as well: the verb and frame, its dependency, its subject (none, a pronoun, a
person, an organisation, a speaker noun), modals and negation, whether the content is a
quotation, whether the verb is embedded in another clause.

It is a logistic regression over sparse string features, fitted on PolNeAR train by
`train/train_cue_model.py` (seeded, `make train`); the weights live in `data/cue_model.json`
(only the features and their weights, none of the data). Setting `EVENTWIRE_CUE_MODEL=off`
gives the hand-tuned lexicon rules alone.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ._frames import Context
from ._speakers import PRONOUNS, RELATIVE_PRONOUNS, is_speaker_noun, source_kind

__all__ = ["CANDIDATE_FRAMES", "CueModel", "cue_features", "load_cue_model"]

# every frame a candidate may take, whatever its lemma; `prep:*` is the preposition right after it
CANDIDATE_FRAMES = ("ccomp", "inv", "adj", "xcomp", "dobj", "prep:*")
_MODEL_FILE = "data/cue_model.json"


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float  # probability at or above which a candidate is kept

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        weights = {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-4}
        return json.dumps({"bias": round(self.bias, 4), "threshold": self.threshold, "weights": weights},
                          indent=0, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CueModel:
        data = json.loads(text)
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data["threshold"]))


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The packaged model, or None when it is switched off or not there."""
    setting = os.environ.get("EVENTWIRE_CUE_MODEL", "")
    if setting.lower() == "off":
        return None
    if setting:
        with open(setting, encoding="utf-8") as fh:
            return CueModel.from_json(fh.read())
    path = resources.files(__package__).joinpath(_MODEL_FILE)
    if not path.is_file():
        return None
    return CueModel.from_json(path.read_text("utf-8"))


def _source_class(source: list[Token] | None) -> str:
    if not source:
        return "none"
    doc = source[0].doc
    span = doc[source[0].i : source[-1].i + 1]
    root = span.root
    if len(span) == 1 and root.lower_ in PRONOUNS:
        return "pron"
    if root.lower_ in RELATIVE_PRONOUNS:
        return "rel"
    if root.ent_type_ == "PERSON":
        return "person"
    if root.ent_type_ in ("ORG", "NORP", "GPE"):
        return "org"
    if is_speaker_noun(root):
        return "speaker"
    return "noun" if root.pos_ in ("NOUN", "PROPN") else "other"


def cue_features(ctx: Context, verb: Token, frame: str, first: int, last: int,
                 source: list[Token] | None, lexicon: dict[str, frozenset[str]], plausible: bool) -> list[str]:
    """The sparse features of one candidate: `verb` with content `doc[first : last + 1]` in `frame`."""
    lemma = verb.lemma_.lower()
    frame_kind = frame.split(":")[0]
    allowed = lexicon.get(lemma, frozenset())
    in_lex = "frame" if frame in allowed else ("lemma" if allowed else "no")
    src = _source_class(source)
    kids = list(verb.children)
    doc = ctx.doc
    quoted_content = any(r.first <= first + 1 and last - 1 <= r.last for r in ctx.regions)
    feats = [
        f"lem={lemma}", f"lf={lemma}|{frame}", f"frame={frame}", f"fk={frame_kind}", f"lex={in_lex}",
        f"lexfk={in_lex}|{frame_kind}", f"dep={verb.dep_}", f"fdep={frame_kind}|{verb.dep_}",
        f"tag={verb.tag_}", f"src={src}", f"fsrc={frame_kind}|{src}", f"lsrc={lemma}|{src}",
        f"plaus={plausible}", f"hdep={verb.head.dep_}|{verb.dep_}",
        f"clen={min((last - first + 1) // 4, 8)}", f"quoted={quoted_content}|{frame_kind}",
    ]
    if verb.i + 1 < len(doc):
        feats.append(f"next={doc[verb.i + 1].lower_}")
    if verb.i > 0:
        feats.append(f"prev={doc[verb.i - 1].lower_}")
    feats.append(f"ld={lemma}|{verb.dep_}")
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp"):
        feats.append(f"head={verb.head.lemma_.lower()}|{verb.dep_}")
    if source:
        feats.append(f"srck={source_kind(doc[source[0].i : source[-1].i + 1])}")
    if verb.head is not verb and verb.head.lemma_.lower() in lexicon:
        feats.append(f"under_cue={verb.dep_}")
    for c in kids:
        if c.dep_ == "neg":
            feats.append("neg")
        elif c.dep_ == "aux" and c.tag_ == "MD":
            feats.append(f"modal={c.lower_}")
        elif c.dep_ == "auxpass":
            feats.append("passive")
        elif c.dep_ in ("dobj", "dative") and frame_kind != "dobj":
            feats.append(f"hasobj|{frame_kind}")
        elif c.dep_ == "mark":  # `as the paper reported`, `if they say`
            feats.append(f"mark={c.lower_}|{frame_kind}")
    if ctx.paragraph(verb.i)[0] == 0:
        feats.append("first_paragraph")
    if verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
        feats.append("colon_after")
    return feats
