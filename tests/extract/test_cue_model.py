"""The learned judge of cue candidates (`extract/_cue_model.py`): its arithmetic, its artefact, and
what it keeps and drops in sentences written for these tests."""

from __future__ import annotations

import math

import pytest

from eventwire.extract import _cue_model
from eventwire.extract._cue_model import CueModel, load_cue_model
from eventwire.extract._frames import Context
from eventwire.extract.quotes import cue_candidates, cue_lexicon, find_quotes


def test_probability_is_the_logistic_of_bias_plus_weights():
    model = CueModel({"lem=say": 2.0, "src=none": -1.5}, bias=-0.5, threshold=0.5)
    assert model.probability([]) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert model.probability(["lem=say", "unknown"]) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.probability(["lem=say", "src=none"]) == pytest.approx(0.5)


def test_json_round_trip_keeps_weights_and_threshold():
    model = CueModel({"a": 0.25, "b": -1.5, "tiny": 1e-6}, bias=0.1, threshold=0.45)
    back = CueModel.from_json(model.to_json())
    assert back.weights == {"a": 0.25, "b": -1.5}  # weights too small to matter are dropped
    assert (back.bias, back.threshold) == (0.1, 0.45)


def test_packaged_model_loads_and_can_be_switched_off(monkeypatch):
    load_cue_model.cache_clear()
    model = load_cue_model()
    assert model is not None and 0 < model.threshold < 1 and len(model.weights) > 1000
    monkeypatch.setenv("EVENTWIRE_CUE_MODEL", "off")
    load_cue_model.cache_clear()
    assert load_cue_model() is None
    monkeypatch.delenv("EVENTWIRE_CUE_MODEL")
    load_cue_model.cache_clear()
    assert _cue_model.load_cue_model() is not None


@pytest.mark.model
def test_candidates_cover_every_frame_a_verb_takes(nlp):
    doc = nlp("The union urged its members to walk out.")
    frames = {(c.verb.lemma_, c.frame) for c in cue_candidates(Context.of(doc))}
    assert ("urge", "xcomp") in frames
    assert all(f.split(":")[0] in ("ccomp", "inv", "adj", "xcomp", "dobj", "prep") for _, f in frames)


@pytest.mark.model
def test_features_read_the_subject_and_the_lexicon(nlp):
    doc = nlp("The minister said that the bridge would reopen in May.")
    ctx = Context.of(doc)
    cand = next(c for c in cue_candidates(ctx) if c.verb.lemma_ == "say" and c.frame == "ccomp")
    feats = set(cand.features(ctx, cue_lexicon()))
    assert {"lem=say", "lf=say|ccomp", "lex=frame", "src=speaker", "next=that"} <= feats


@pytest.mark.model
@pytest.mark.parametrize("text, cue, source", [
    ("The minister said that the bridge would reopen in May.", "said", "The minister"),
    ("Two local councillors argued that the new tax would hurt small shops.", "argued",
     "Two local councillors"),
    ('"We will not move," a farmer told reporters at the gate.', "told", "a farmer"),
])
def test_model_keeps_plain_attributions(nlp, text, cue, source):
    quotes = find_quotes(nlp(text))
    assert [(q.cue.text, q.source.text if q.source else None) for q in quotes] == [(cue, source)]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The company built a new bridge over the river last spring.",
    "Workers repaired the road and opened it to traffic on Monday.",
])
def test_model_drops_verbs_that_report_nothing(nlp, text):
    assert find_quotes(nlp(text)) == []


@pytest.mark.model
def test_rules_alone_when_no_model_is_given(nlp):
    doc = nlp("The minister said that the bridge would reopen in May.")
    assert [q.cue.text for q in find_quotes(doc, model=None)] == ["said"]
