"""Actors: country and sector from roles, demonyms, names and what the text says about people."""

from __future__ import annotations

from eventwire.extract.actors import ActorResolver, noun_phrase, sector_of_word


def _resolve(nlp, text, word, focus=None):
    doc = nlp(text)
    resolver = ActorResolver(doc, focus)
    tok = next(t for t in doc if t.text == word)
    return resolver.resolve(tok)


def test_sector_words():
    assert sector_of_word("police") == "COP"
    assert sector_of_word("protesters") == "OPP"
    assert sector_of_word("Troops") == "MIL"
    assert sector_of_word("teapot") is None


def test_demonym_and_role(nlp):
    actor = _resolve(nlp, "The Russian army shelled the town.", "army")
    assert (actor.country, actor.sector, actor.code) == ("RUS", "MIL", "RUSMIL")
    assert actor.text == "The Russian army"


def test_named_leader_resolves_later_mentions(nlp):
    text = ("Chile's president Sebastián Piñera announced a curfew on Saturday. "
            "Piñera said the army would patrol the streets.")
    doc = nlp(text)
    resolver = ActorResolver(doc, None)
    later = [t for t in doc if t.text == "Piñera"][-1]
    actor = resolver.resolve(later)
    assert actor is not None
    assert (actor.country, actor.sector) == ("CHL", "GOV")
    assert actor.start == later.idx  # the span is this mention, the identity is the leader's


def test_focus_country_fills_domestic_actors(nlp):
    actor = _resolve(nlp, "The police detained dozens of people.", "police", focus="LKA")
    assert (actor.country, actor.sector) == ("LKA", "COP")


def test_international_organisation_has_no_country(nlp):
    actor = _resolve(nlp, "The United Nations condemned the attack.", "Nations", focus="SYR")
    assert actor.sector == "IGO"
    assert actor.country is None


def test_pronoun_takes_the_speaker(nlp):
    actor = _resolve(nlp, "The Kazakh president said he had appealed for help.", "he")
    assert (actor.country, actor.sector) == ("KAZ", "GOV")
    assert actor.text == "he"


def test_noun_phrase_stops_at_relative_clause(nlp):
    doc = nlp("Gunmen who arrived on motorbikes attacked the market.")
    assert noun_phrase(doc[0]).text == "Gunmen"
