"""Stances: commitments, refusals and demands are coded as AGREE, REJECT and REQUEST (PLOVER), and
announced hostile acts as threats. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.document import extract_document
from eventwire.ingest import make_article

pytestmark = pytest.mark.model


def _types(nlp, text: str) -> list[tuple[str, str, str]]:
    res = extract_document(make_article(text, published=dt.date(2023, 4, 3)), nlp(text))
    return [(e.trigger.text, e.plover_type, e.modality) for e in res.events]


@pytest.mark.parametrize("text, trigger, plover", [
    ("The governor of Oaxaca agreed to resign after two weeks of pressure.", "resign", "AGREE"),
    ("The mayor of Turin has refused to resign despite the corruption charges.", "resign", "REJECT"),
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
])
def test_stance_decides_the_type(nlp, text, trigger, plover):
    found = {t: (p, m) for t, p, m in _types(nlp, text)}
    assert trigger in found, found
    assert found[trigger] == (plover, "happened")  # the stance itself happened


def test_an_action_reported_as_done_keeps_its_type(nlp):
    found = {t: p for t, p, _ in _types(nlp, "The minister of defence of Peru resigned on Monday.")}
    assert found.get("resigned") == "RETREAT"
