"""The learned event heads: storage, the joint decision, fallback candidates and their effect on typing."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from eventwire.extract import classify, embed
from eventwire.extract.classify import (
    EventHeads,
    candidate_triggers,
    classify_triggers,
    load_heads,
    plover_types,
)
from eventwire.extract.document import extract_document
from eventwire.extract.embed import DIM
from eventwire.extract.events import find_triggers
from eventwire.model import Article
from eventwire.ontology import load_tables, statement_code


def _width() -> int:
    n = len(plover_types())
    return 2 * DIM + 2 * n + len(classify.MODALITY_ORDER) + 3


def _heads(type_bias: dict[str, float], quad_bias: dict[int, float]) -> EventHeads:
    """Heads that ignore their input and prefer the given types and quads."""
    types = plover_types()
    tb = np.array([type_bias.get(t, 0.0) for t in types], dtype=np.float32)
    qb = np.array([quad_bias.get(q, 0.0) for q in range(5)], dtype=np.float32)
    modes = ("ASSAULT:", "ASSAULT:aerial", "PROTEST:", "PROTEST:riot")
    mb = np.array([1.0, 0.0, 0.0, 1.0], dtype=np.float32)
    return EventHeads(np.zeros((len(types), _width()), np.float32), tb, np.zeros((5, _width()), np.float32), qb, types,
                      np.zeros((len(modes), _width()), np.float32), mb, modes)


def test_a_weapon_mode_needs_its_weapon_in_the_text():
    # The mode head's favourite is "aerial" (the plain mode scores lower); only with an aircraft
    # named in the text ("means") may it say so.
    heads = _heads({"ASSAULT": 2.0}, {4: 1.0})
    heads = dataclasses.replace(heads, mode_b=np.array([0.0, 1.0, 0.0, 1.0], dtype=np.float32))
    row = np.zeros(_width(), np.float32)
    assert heads.mode_for(row, "ASSAULT", "aerial") == "aerial"
    assert heads.mode_for(row, "ASSAULT", None) is None
    assert heads.mode_for(row, "ASSAULT", "firearms") is None


def test_heads_round_trip(tmp_path):
    heads = dataclasses.replace(_heads({"ASSAULT": 2.0}, {4: 1.0}), trusted=("PROTEST",), release=0.8)
    heads.save(tmp_path / "h.npz")
    back = EventHeads.read(tmp_path / "h.npz")
    assert back.types == heads.types and back.trusted == ("PROTEST",)
    assert back.release == pytest.approx(0.8)
    np.testing.assert_allclose(back.type_b, heads.type_b)


def test_joint_decision_respects_quads():
    # The type head slightly prefers ACCUSE (verbal conflict), the quad head strongly says
    # material conflict: the joint choice is the most likely material-conflict type.
    heads = _heads({"ACCUSE": 1.0, "ASSAULT": 0.8}, {4: 3.0})
    best, prob, p_quad = heads.decide(np.zeros((1, _width()), np.float32))
    assert heads.types[int(best[0])] == "ASSAULT"
    assert 0 < prob[0] <= 1 and p_quad.shape == (1, 5)


def test_reading_heads_for_other_types_fails(tmp_path):
    heads = _heads({}, {})
    bad = EventHeads(heads.type_w[:3], heads.type_b[:3], heads.quad_w, heads.quad_b, heads.types[:3],
                     heads.mode_w, heads.mode_b, heads.modes)
    bad.save(tmp_path / "bad.npz")
    with pytest.raises(ValueError, match="PLOVER types"):
        EventHeads.read(tmp_path / "bad.npz")


def test_heads_can_be_switched_off(monkeypatch):
    load_heads.cache_clear()
    monkeypatch.setenv("EVENTWIRE_EVENT_HEADS", "off")
    try:
        assert load_heads() is None
    finally:
        load_heads.cache_clear()


def test_statement_codes_come_from_the_cameo_table():
    assert statement_code("ACCUSE") == "012"
    assert statement_code("REQUEST").startswith("02")
    assert statement_code("ASSAULT") == "010"  # no statement code of its own
    assert all(statement_code(t)[:2] in {"01", "02"} for t in load_tables().plover)


@pytest.mark.model
def test_candidates_only_when_the_lexicon_finds_nothing(nlp):
    doc = nlp("The minister told reporters the budget would be presented next month.")
    assert find_triggers(doc) == [] or candidate_triggers(doc, find_triggers(doc)) == []
    doc = nlp("Officials in the capital praised the new water project on Monday.")
    found = find_triggers(doc)
    cands = candidate_triggers(doc, found)
    if not found:
        assert [c.head.lemma_ for c in cands] == ["praise"]
        assert all(c.fallback for c in cands)
    doc = nlp("Rebels attacked an army post near the border.")
    assert find_triggers(doc) and candidate_triggers(doc, find_triggers(doc)) == []


@pytest.mark.model
def test_a_reporting_verb_stands_for_the_clause_it_reports(nlp):
    # "X said Y did Z": the candidate event is what Y did, whether the report comes first or
    # after the clause, and through a report of a report.
    cases = {
        "A spokesman for the Greek navy told reporters that its ships had towed a Turkish cargo vessel to port.":
            "towed",
        "Coast guards from Norway towed a Russian cargo vessel into the harbour, the ministry said on Sunday.":
            "towed",
        "The police said witnesses told them the smugglers had crossed the river at night.": "crossed",
        # nothing with a subject to descend to: the reporting verb stays the candidate
        "The ministry said in a statement on Sunday.": "said",
        # a phase verb stands for its complement, also under a report
        "Insurgent fighters began leaving the besieged district on Tuesday.": "leaving",
        "The ministry said the trawlers kept fishing inside the zone.": "fishing",
    }
    for text, want in cases.items():
        doc = nlp(text)
        assert find_triggers(doc) == [], text
        assert [c.head.text for c in candidate_triggers(doc, [])] == [want], text


@pytest.mark.model
def test_a_reported_fallback_event_has_the_reported_actors_and_the_report_as_attribution(nlp):
    if load_heads() is None:
        pytest.skip("no trained heads packaged: no fallback events")
    text = "Coast guards from Norway towed a Russian cargo vessel into the harbour, the ministry said on Sunday."
    result = extract_document(Article(id="t", text=text, fingerprint="t"), nlp(text))
    (event,) = result.events
    assert event.trigger.text == "towed"
    assert event.actor is not None and event.actor.country == "NOR"
    assert event.target is not None and event.target.country == "RUS"
    assert event.attribution is not None and event.attribution.source.text == "the ministry"


@pytest.mark.model
def test_classifier_sets_type_score_and_drops_foreign_modes(nlp):
    doc = nlp("Thousands of workers went on strike in the port city on Tuesday.")
    triggers = find_triggers(doc)
    assert triggers
    heads = _heads({"ASSAULT": 5.0}, {4: 5.0})
    out = classify_triggers(doc, triggers, heads)
    assert all(t.plover == "ASSAULT" and t.score is not None and t.score > 0.5 for t in out)
    # a changed type takes the mode head's choice for the new type (here: no particular mode)
    assert all(t.mode is None for t, old in zip(out, triggers, strict=True) if old.plover != "ASSAULT")
    riots = classify_triggers(doc, triggers, _heads({"PROTEST": 5.0}, {4: 5.0}))
    changed = [t for t, old in zip(riots, triggers, strict=True) if not old.mode or old.plover != "PROTEST"]
    assert {t.mode for t in changed} <= {"riot"}
    kept = classify_triggers(doc, triggers, _heads({t.plover: 5.0 for t in triggers}, {}))
    assert [t.mode for t in kept] == [t.mode for t in triggers]  # same type: the lexicon's mode stays


@pytest.mark.model
def test_trained_heads_type_plain_reports(nlp):
    heads = load_heads()
    if heads is None:
        pytest.skip("no trained heads packaged")
    cases = {
        "Soldiers opened fire on a convoy of rebels outside the town, killing four.": "ASSAULT",
        "Hundreds of nurses marched through the city centre demanding higher wages.": "PROTEST",
        # PLOVER codes a signed deal as SUPPORT (CAMEO 057) and a promise to act as AGREE
        "The two governments signed a trade agreement in the capital on Friday.": "SUPPORT",
        "The rebels agreed to hand over their heavy weapons by the end of the month.": "AGREE",
        "The opposition leader accused the ruling party of rigging the vote.": "ACCUSE",
    }
    for text, want in cases.items():
        doc = nlp(text)
        triggers = find_triggers(doc)
        out = classify_triggers(doc, triggers + candidate_triggers(doc, triggers), heads)
        assert want in {t.plover for t in out}, (text, [(t.plover, t.score) for t in out])


def test_locked_rows_keep_the_lexicon_type():
    heads = _heads({"REJECT": 5.0}, {3: 5.0})
    x = np.zeros((2, _width()), np.float32)
    coerce = heads.types.index("COERCE")
    best, _, _ = heads.decide(x, [coerce, coerce], [True, False])
    assert heads.types[int(best[0])] == "COERCE"  # "did not arrest": still an arrest, denied
    assert heads.types[int(best[1])] == "REJECT"  # an open reading: the heads may retype it


def test_a_barred_type_leaves_the_lexicon_type_standing():
    # "the clash" in a sentence about troops deployed: the heads would say MOBILIZE
    heads = _heads({"MOBILIZE": 8.0}, {4: 5.0})
    x = np.zeros((2, _width()), np.float32)
    assault = heads.types.index("ASSAULT")
    best, prob, _ = heads.decide(x, [assault, assault], [False, False], [frozenset({"MOBILIZE"}), frozenset()])
    assert heads.types[int(best[0])] == "ASSAULT"
    assert heads.types[int(best[1])] == "MOBILIZE"
    assert prob[0] < prob[1]  # the standing type keeps its own (low) probability


def test_a_lexicon_noun_is_not_made_a_deployment(nlp):
    doc = nlp("The clash on Friday was a rare confrontation with troops deployed near the border.")
    heads = _heads({"MOBILIZE": 8.0}, {4: 5.0})
    typed = classify_triggers(doc, find_triggers(doc), heads)
    clash = next(t for t in typed if t.head.lower_ == "clash")
    deployed = next(t for t in typed if t.head.lower_ == "deployed")
    assert (clash.plover, deployed.plover) == ("ASSAULT", "MOBILIZE")


def test_the_side_lock_gives_way_only_when_the_quad_head_is_sure():
    # "deployed peacekeepers": a hostile word (MOBILIZE) in a sentence the quad head reads as
    # material cooperation
    heads = _heads({"AID": 5.0}, {2: 8.0})
    x = np.zeros((2, _width()), np.float32)
    mobilize = heads.types.index("MOBILIZE")
    never = dataclasses.replace(heads, release=1.01).decide(x, [mobilize, mobilize], [False, True])[0]
    assert {heads.types[int(b)] for b in never} == {"MOBILIZE"}
    sure = dataclasses.replace(heads, release=0.9).decide(x, [mobilize, mobilize], [False, True])[0]
    assert heads.types[int(sure[0])] == "AID"
    assert heads.types[int(sure[1])] == "MOBILIZE"  # a locked row keeps its word's type


def test_encoder_precision_follows_the_setting(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_ENCODER_PRECISION", "fp32")
    assert embed.precision() == "fp32"
    monkeypatch.setenv("EVENTWIRE_ENCODER_PRECISION", "BF16")
    assert embed.precision() == "bf16"
    monkeypatch.setenv("EVENTWIRE_ENCODER_PRECISION", "")
    assert embed.precision() in {"fp32", "bf16"}  # the CPU decides


@pytest.mark.model
def test_bfloat16_vectors_are_the_float32_ones(monkeypatch):
    # The heads were trained on float32 vectors: the bfloat16 weights must not move them.
    texts = ["Coast guards from Norway towed a Russian cargo vessel into the harbour, the ministry said.",
             "Hundreds of nurses marched through the city centre demanding higher wages."]
    anchors = [[texts[0].index("towed"), 0], [texts[1].index("marched")]]
    vectors = {}
    for p in ("fp32", "bf16"):
        monkeypatch.setenv("EVENTWIRE_ENCODER_PRECISION", p)
        vectors[p] = embed.Encoder().encode(texts, anchors)
    for a, b in zip(vectors["fp32"], vectors["bf16"], strict=True):
        assert float(a.sentence @ b.sentence) > 0.999
        assert np.all((a.anchors * b.anchors).sum(axis=1) > 0.999)


def test_a_trusted_types_words_keep_their_type(nlp):
    # heads that strongly prefer MOBILIZE (same side as PROTEST) retype a protest word, unless
    # PROTEST is trusted
    doc = nlp("Thousands of nurses marched through the capital on Monday.")
    triggers = [t for t in find_triggers(doc) if t.plover == "PROTEST"]
    assert triggers
    heads = _heads({"MOBILIZE": 50.0}, {4: 1.0})
    assert {t.plover for t in classify_triggers(doc, triggers, heads)} == {"MOBILIZE"}
    trusting = dataclasses.replace(heads, trusted=("PROTEST",))
    assert {t.plover for t in classify_triggers(doc, triggers, trusting)} == {"PROTEST"}


def test_a_mode_naming_an_act_needs_its_word():
    heads = _heads({"ASSAULT": 2.0}, {4: 1.0})
    modes = ("ASSAULT:", "ASSAULT:sexual")
    heads = dataclasses.replace(heads, modes=modes, mode_w=np.zeros((2, _width()), np.float32),
                                mode_b=np.array([0.0, 1.0], dtype=np.float32))
    row = np.zeros(_width(), np.float32)
    assert heads.mode_for(row, "ASSAULT", None, frozenset({"rape", "the"})) == "sexual"
    assert heads.mode_for(row, "ASSAULT", None, frozenset({"appeal", "help"})) is None


def test_a_stance_word_framing_another_event_keeps_its_type(nlp):
    # heads that want PROTEST everywhere may not retype "called" when its content is another event
    doc = nlp("Citizens' groups have called for further protests across the country.")
    triggers = find_triggers(doc)
    assert {t.head.text: t.plover for t in triggers}.get("called") == "REQUEST"
    typed = {t.head.text: t.plover for t in classify_triggers(doc, triggers, _heads({"PROTEST": 50.0}, {4: 1.0}))}
    assert typed["called"] == "REQUEST"


def test_a_statement_act_keeps_its_row_whatever_the_heads_prefer(nlp):
    # "claimed responsibility" names CAMEO 015; heads that want ASSAULT everywhere may not retype it
    doc = nlp("The group claimed responsibility for the bombing of the checkpoint.")
    triggers = [t for t in find_triggers(doc) if t.head.text == "claimed"]
    assert [(t.plover, t.means) for t in triggers] == [("CONCEDE", "claim-responsibility")]
    typed = classify_triggers(doc, triggers, _heads({"AGREE": 50.0}, {1: 1.0}))
    assert [t.plover for t in typed] == ["CONCEDE"]


def test_only_a_sentences_main_event_is_retyped(nlp):
    # Heads that read every word of this sentence as its main event (a condemnation) may retype
    # the condemnation, not the attack or the killing below it.
    doc = nlp("The African Union condemned the attack that killed 30 people in Mogadishu.")
    triggers = find_triggers(doc)
    assert {t.head.lower_: t.plover for t in triggers} == {"condemned": "ACCUSE", "attack": "ASSAULT",
                                                          "killed": "ASSAULT"}
    heads = dataclasses.replace(_heads({"REJECT": 50.0}, {3: 5.0}), release=0.5)
    typed = {t.head.lower_: t.plover for t in classify_triggers(doc, triggers, heads)}
    assert typed == {"condemned": "REJECT", "attack": "ASSAULT", "killed": "ASSAULT"}


def test_a_word_of_violence_read_as_a_crowd_s_act_is_a_riot(nlp):
    doc = nlp("A suspected thief was beaten by villagers in the market on Sunday.")
    triggers = find_triggers(doc)
    assert [t.plover for t in triggers] == ["ASSAULT"]
    # heads that prefer PROTEST and, for its mode, a peaceful demonstration
    heads = _heads({"PROTEST": 5.0}, {4: 5.0})
    heads = dataclasses.replace(heads, mode_b=np.array([0.0, 0.0, 1.0, 0.0], dtype=np.float32))
    (out,) = classify_triggers(doc, triggers, heads)
    assert (out.plover, out.mode) == ("PROTEST", "riot")


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Singapore shares closed 0.68 percent higher on Friday on gains in blue chips, dealers said.",
    "Gold prices in Hong Kong closed markedly higher on Thursday.",
    "The visiting goalkeeper denied the striker twice in stoppage time.",
])
def test_market_and_sport_news_gives_no_candidate(nlp, text):
    doc = nlp(text)
    assert candidate_triggers(doc, []) == [], text
