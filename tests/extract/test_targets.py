"""Event targets: from the object, its prepositions, governed verbs and demanded clauses."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.document import extract_document
from eventwire.ingest import make_article


def _events(nlp, text):
    article = make_article(text, title=None, published=dt.date(2020, 5, 4))
    return extract_document(article, nlp(text)).events


def _one(nlp, text, trigger):
    found = [e for e in _events(nlp, text) if e.trigger.text == trigger]
    assert found, f"no event with trigger {trigger!r}: {[e.trigger.text for e in _events(nlp, text)]}"
    return found[0]


@pytest.mark.parametrize(("text", "trigger", "actor", "target"), [
    # the object names no one: its preposition does
    ("The Chilean government is about to restore full diplomatic ties with Peru.", "restore", "CHL", "PER"),
    ("Pyongyang fired two artillery shells at Seoul.", "fired", "PRK", "KOR"),
    # a governed verb's object, past a role word that only modifies ("military aid")
    ("The French defence minister promised to continue military aid to Chad.", "promised", "FRA", "TCD"),
    # a demand's target is the subject of what is demanded
    ("The United States demanded that Iran halt its enrichment programme.", "demanded", "USA", "IRN"),
    # what a protest demands: "to demand the resignation of the Peruvian president"
    ("Chilean students began a hunger strike to demand the resignation of the Peruvian president.",
     "hunger strike", "CHL", "PER"),
    # a target under a particle ("kidnapped up to 12 ...") and past a number
    ("Colombian rebels kidnapped up to 12 Ecuadorian engineers.", "kidnapped", "COL", "ECU"),
])
def test_targets(nlp, text, trigger, actor, target):
    e = _one(nlp, text, trigger)
    assert e.actor is not None and e.actor.country == actor
    assert e.target is not None and e.target.country == target


def test_own_forces_are_not_the_target(nlp):
    e = _one(nlp, "Britain mobilized army reservists for a possible war against Iran.", "mobilized")
    assert e.actor is not None and e.actor.country == "GBR"
    assert e.target is None or e.target.country == "IRN"


def test_partners_are_each_others_target(nlp):
    e = _one(nlp, "Chile and Bolivia agreed to reopen the border crossing.", "agreed")
    assert (e.actor.country, e.target.country) == ("CHL", "BOL")


def test_the_partner_comes_before_what_the_agreement_is_about(nlp):
    e = _one(nlp, "The government and the communist rebels agreed to resume the peace talks.", "agreed")
    assert e.target is not None and e.target.sector == "REB", e.target
    assert e.acled_sub_type == "Agreement"


def test_domestic_actor_takes_the_country_of_its_event_town(nlp):
    text = ("Kenya hosted the summit on Monday. Kenyan officials welcomed the delegates in Nairobi. "
            "Police fired tear gas at protesters in Lagos on Tuesday.")
    e = _one(nlp, text, "fired")
    assert e.actor is not None and (e.actor.country, e.actor.sector) == ("NGA", "COP")


def test_deployed_forces_are_the_actor_of_a_deployment(nlp):
    e = _one(nlp, "The deployment of Chilean peacekeepers to Haiti began on Monday.", "deployment")
    assert e.actor is not None and (e.actor.country, e.actor.sector) == ("CHL", "MIL")


def test_reciprocal_words_make_partners_whatever_the_type(nlp):
    e = _one(nlp, "Peru and Ecuador signed a border treaty on Monday.", "signed")
    assert (e.actor.country, e.target.country) == ("PER", "ECU")


def test_an_alliance_sending_troops_targets_where_they_go(nlp):
    text = "Estonia asked for help. NATO agreed to send troops to Estonia on Friday."
    e = _one(nlp, text, "agreed")  # one event: the agreement, whose content is the sending
    assert e.actor is not None and e.actor.sector == "IGO"
    assert e.target is not None and (e.target.country, e.target.sector) == ("EST", "GOV")


def test_a_complaint_targets_whom_it_is_about_not_whom_it_is_made_to(nlp):
    e = _one(nlp, "Ecuador complained to the United Nations over Peruvian air raids.", "complained")
    assert e.actor is not None and e.actor.country == "ECU"
    assert e.target is not None and e.target.country == "PER"


@pytest.mark.parametrize(("text", "trigger", "sector"), [
    ("Gunmen attacked a village in Zamfara state on Sunday.", "attacked", "CVL"),
    ("Militants stormed a crowded market in the north of the country.", "stormed", "CVL"),
    # whose place it is comes first
    ("Police raided the house of an opposition leader.", "raided", "OPP"),
])
def test_a_place_raided_stands_for_its_people(nlp, text, trigger, sector):
    e = _one(nlp, text, trigger)
    assert e.target is not None and e.target.sector == sector


def test_a_place_that_does_something_is_no_actor(nlp):
    events = _events(nlp, "The stock market fell sharply after the announcement.")
    assert all(e.actor is None or e.actor.sector != "CVL" for e in events)


def test_a_place_near_which_an_attack_happened_is_not_its_target(nlp):
    # "near Goma" says where; the army base is what was attacked
    e = _one(nlp, "Rebels attacked an army base near Goma on Friday.", "attacked")
    assert e.target is not None and e.target.sector == "MIL", e.target
    assert e.acled_type == "Battles"
