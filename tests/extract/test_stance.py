"""Stances: commitments, refusals and demands are coded as AGREE, REJECT and REQUEST (PLOVER), and
announced hostile acts as threats. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.classify import load_heads
from eventwire.extract.document import extract_document
from eventwire.ingest import make_article

pytestmark = pytest.mark.model


def _types(nlp, text: str) -> list[tuple[str, str, str]]:
    res = extract_document(make_article(text, published=dt.date(2023, 4, 3)), nlp(text))
    return [(e.trigger.text, e.plover_type, e.modality) for e in res.events]


@pytest.mark.parametrize("text, trigger, plover", [
    # A stance word that is an event word itself carries the one event ("decline" is none).
    ("The governor of Oaxaca agreed to resign after two weeks of pressure.", "agreed", "AGREE"),
    ("The mayor of Turin has refused to resign despite the corruption charges.", "refused", "REJECT"),
    ("The opposition in Caracas declined to meet the government negotiators on Friday.", "meet", "REJECT"),
    ("Hamas said it would not release the prisoners held in Gaza.", "release", "REJECT"),
    ("The rebel commanders in Mali said they will release the 12 hostages next week.", "release", "AGREE"),
    ("Chad announced that it will withdraw its troops from Niger unless the junta holds elections.",
     "withdraw", "THREATEN"),
    ("Armenia says it is willing to withdraw its troops from the border villages.", "withdraw", "AGREE"),
    ("The World Food Programme will provide 9,000 tonnes of food aid to refugees in Chad.", "provide", "AGREE"),
    ("The junta in Niamey said the rebels must release the French engineer.", "release", "REQUEST"),
    ("The government of Ecuador said it is prepared to impose a curfew in Guayaquil.", "impose", "THREATEN"),
    ("The rebel leaders in Darfur said they would meet the mediator if he came to El Fasher.", "meet", "AGREE"),
    # said in the outlet's own voice, a refusal all the same
    ("The president of Ghana will not lift the ban on exports of raw cashew nuts.", "lift", "REJECT"),
])
def test_stance_decides_the_type(nlp, text, trigger, plover):
    found = {t: (p, m) for t, p, m in _types(nlp, text)}
    assert trigger in found, found
    assert found[trigger] == (plover, "happened")  # the stance itself happened
    assert [p for p, _ in found.values()].count(plover) == 1, found  # one stance, one event


def _events(nlp, text: str):
    return extract_document(make_article(text, published=dt.date(2023, 4, 3)), nlp(text)).events


@pytest.fixture
def lexicon_only(monkeypatch):
    """The rules alone: these tests are about how stances are read, not about the learned heads."""
    load_heads.cache_clear()
    monkeypatch.setenv("EVENTWIRE_EVENT_HEADS", "off")
    yield
    load_heads.cache_clear()


def test_a_demanded_thing_is_the_demand(nlp, lexicon_only):
    found = [(e.trigger.text, e.plover_type, e.plover_mode) for e in _events(
        nlp, "The miners' union in Oruro demanded the withdrawal of the soldiers from the mines.")]
    assert ("demanded", "REQUEST", "yield") in found, found  # PLOVER: a demand to yield
    assert not [f for f in found if f[0] == "withdrawal"], found


def test_a_reported_must_is_a_demand_by_the_speaker(nlp, lexicon_only):
    events = _events(nlp, "Germany said on Monday that Iran must hand back the tanker it took last month.")
    demand = next(e for e in events if e.plover_type == "REQUEST")
    assert demand.trigger.text == "hand"
    assert demand.actor is not None and demand.actor.country == "DEU"
    assert demand.target is not None and demand.target.country == "IRN"


def test_a_refused_permission_is_refused(nlp, lexicon_only):
    found = {e.trigger.text: e.plover_type for e in _events(
        nlp, "The militia in Kidal refused to let relief planes land and evacuate the wounded, the agency said.")}
    assert found.get("refused") == "REJECT", found
    assert "evacuate" not in found and "wounded" not in found, found  # the wounded are people here


def test_an_action_reported_as_done_keeps_its_type(nlp):
    found = {t: p for t, p, _ in _types(nlp, "The minister of defence of Peru resigned on Monday.")}
    assert found.get("resigned") == "RETREAT"


def test_a_conditional_hostile_step_is_a_threat(nlp, lexicon_only):
    found = {e.trigger.text: e.plover_type for e in _events(
        nlp, "The EU could suspend its aid to Bamako if the junta delays the vote, a Dutch minister said.")}
    assert "THREATEN" in found.values(), found


@pytest.mark.parametrize("text, cameo", [
    ("The opposition in Lima said the army must withdraw from the mining towns.", "105"),  # demand (10)
    ("The miners' union in Oruro demanded that the soldiers withdraw from the mines.", "105"),
    ("The aid agencies in Juba said the militia should release the hostages.", "025"),  # appeal (02)
])
def test_must_and_demand_are_demands_should_an_appeal(nlp, lexicon_only, text, cameo):
    requests = [e for e in _events(nlp, text) if e.plover_type == "REQUEST"]
    assert [e.cameo for e in requests] == [cameo], [(e.trigger.text, e.cameo) for e in requests]


def test_a_step_being_weighed_is_a_policy_option_not_the_step(nlp, lexicon_only):
    found = [(e.trigger.text, e.plover_type, e.cameo) for e in _events(
        nlp, "The government of Norway is considering sending aid to the flooded villages in Sindh.")]
    assert found == [("sending", "AGREE", "014")], found


def test_failing_to_agree_is_a_refusal_failing_to_kill_an_attempt(nlp, lexicon_only):
    found = [(e.trigger.text, e.plover_type, e.modality) for e in _events(
        nlp, "The negotiators from Kenya and Somalia failed to reach a deal on the maritime border.")]
    assert ("reach", "REJECT", "happened") in found, found
    found = [(e.trigger.text, e.plover_type, e.modality) for e in _events(
        nlp, "Gunmen in Maiduguri failed to kill the governor, who escaped unhurt.")]
    assert ("kill", "ASSAULT", "attempted") in found, found
