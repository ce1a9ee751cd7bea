"""Actors: country and sector from roles, demonyms, names and what the text says about people."""

from __future__ import annotations

from eventwire.extract.actors import ActorResolver, explosive_cause, noun_phrase, sector_of_word


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


def test_capital_and_multiword_country_act_as_governments(nlp):
    actor = _resolve(nlp, "Pyongyang condemned the drills.", "Pyongyang")
    assert (actor.country, actor.sector) == ("PRK", "GOV")
    actor = _resolve(nlp, "North Korea condemned the drills.", "Korea")
    assert (actor.country, actor.sector) == ("PRK", "GOV")
    actor = _resolve(nlp, "The Kremlin denied the report.", "Kremlin")
    assert (actor.country, actor.sector) == ("RUS", "GOV")


def test_stance_words_do_not_give_the_country(nlp):
    actor = _resolve(nlp, "The pro-Iranian Hezbollah group fired rockets.", "group")
    assert (actor.country, actor.sector) == ("LBN", "REB")
    actor = _resolve(nlp, "A Syrian-backed militia seized the bridge.", "militia", focus="LBN")
    assert actor.country == "LBN"


def test_ethnic_groups_are_coded_where_they_live(nlp):
    actor = _resolve(nlp, "Hundreds of ethnic Hungarians marched on Sunday.", "Hungarians", focus="ROU")
    assert (actor.country, actor.sector) == ("ROU", "CVL")


def test_acronyms_match_only_in_capitals(nlp):
    actor = _resolve(nlp, "The WHO warned of a new outbreak.", "WHO")
    assert actor.sector == "IGO"
    doc = nlp("Gunmen who stormed the hotel fled.")
    assert ActorResolver(doc, None).resolve(doc[0]).sector == "UAF"


def test_leader_of_a_country_and_later_pronoun(nlp):
    doc = nlp("Queen Beatrix of the Netherlands said she would receive the envoys.")
    resolver = ActorResolver(doc, None)
    she = next(t for t in doc if t.text == "she")
    actor = resolver.resolve(she)
    assert (actor.country, actor.sector) == ("NLD", "GOV")


def test_the_president_later_is_the_named_president(nlp):
    doc = nlp("Peru's president Ollanta Humala met the envoys. Later the president left for Lima.")
    resolver = ActorResolver(doc, "CHL")
    later = [t for t in doc if t.text == "president"][-1]
    assert resolver.resolve(later).country == "PER"


def test_possessive_pronoun_lends_its_country(nlp):
    doc = nlp("Chile said it would withdraw its troops.")
    resolver = ActorResolver(doc, None)
    troops = next(t for t in doc if t.text == "troops")
    assert (resolver.resolve(troops).country, resolver.resolve(troops).sector) == ("CHL", "MIL")


def test_former_office_holders_are_elites(nlp):
    actor = _resolve(nlp, "The former Chilean president criticised the plan.", "president")
    assert (actor.country, actor.sector) == ("CHL", "ELI")


def test_explosives_act_only_as_subjects(nlp):
    actor = _resolve(nlp, "A roadside bomb killed three soldiers.", "bomb", focus="AFG")
    assert (actor.country, actor.sector) == ("AFG", "UAF")
    assert _resolve(nlp, "Soldiers defused a bomb.", "bomb", focus="AFG") is None


def test_strict_reading_needs_the_head_to_name_someone(nlp):
    doc = nlp("They sent military aid to the rebels.")
    resolver = ActorResolver(doc, "SDN")
    aid = next(t for t in doc if t.text == "aid")
    assert resolver.resolve(aid, strict=True) is None
    assert resolver.resolve(aid).sector == "MIL"


def test_no_place_named_the_country_of_a_named_national_body(nlp):
    actor = _resolve(nlp, "The president said the army would fight the Tamil Tigers.", "army")
    assert (actor.country, actor.sector) == ("LKA", "MIL")


def test_leader_tagged_as_organisation_and_later_surname(nlp):
    doc = nlp("Kyrgyz President Sadyr Japarov signed the decree. Japarov said he would travel to Moscow.")
    resolver = ActorResolver(doc, None)
    for word in ("Japarov", "he"):
        actor = resolver.resolve([t for t in doc if t.text == word][-1])
        assert (actor.country, actor.sector) == ("KGZ", "GOV"), word


def test_given_name_alone_after_the_full_name(nlp):
    doc = nlp("Former Brazilian president Lula da Silva addressed supporters. Lula said he would run again.")
    resolver = ActorResolver(doc, None)
    actor = resolver.resolve([t for t in doc if t.text == "Lula"][-1])
    assert (actor.country, actor.sector, actor.name) == ("BRA", "ELI", "Lula da Silva")


def test_relative_pronoun_is_the_noun_it_belongs_to(nlp):
    doc = nlp("Police arrested a Chilean activist who had blocked the road.")
    who = next(t for t in doc if t.text == "who")
    actor = ActorResolver(doc, "PER").resolve(who)
    assert (actor.country, actor.sector) == ("CHL", "OPP")


def test_explosive_cause_of_a_passive_killing(nlp):
    doc = nlp("Two soldiers were killed in a roadside bomb explosion near the base.")
    killed = next(t for t in doc if t.text == "killed")
    cause = explosive_cause(killed)
    assert cause is not None and cause.text == "explosion"
    actor = ActorResolver(doc, "AFG").resolve(cause)
    assert (actor.country, actor.sector) == ("AFG", "UAF")
    assert explosive_cause(next(t for t in nlp("He was killed in the market.") if t.text == "killed")) is None


def test_actor_dictionaries_use_known_codes():
    from eventwire.extract._actor_lex import _data
    from eventwire.extract.gazetteer import country_name
    from eventwire.ontology import sector_info

    for name in ("sectors.tsv", "organisations.tsv"):
        for row in _data(name):
            assert sector_info(row[1]) is not None, f"{name}: {row}"
            if name == "organisations.tsv" and len(row) > 2 and row[2]:
                assert country_name(row[2]) is not None, f"{name}: {row}"


def test_a_layout_break_ends_a_name(nlp):
    text = "Troops deploy near Kobani on March 2, 2021. AFP      Syrian government forces seized the highway."
    actor = _resolve(nlp, text, "forces")
    assert actor.text == "Syrian government forces"
    assert (actor.country, actor.sector) == ("SYR", "GOV") or actor.sector == "MIL"


def test_armed_or_masked_people_are_an_unidentified_armed_group(nlp):
    assert _resolve(nlp, "Armed men attacked the village at dawn.", "men").sector == "UAF"
    assert _resolve(nlp, "Masked youths blocked the road.", "youths").sector == "UAF"
    assert _resolve(nlp, "Young men blocked the road.", "men").sector == "CVL"


def test_a_place_stands_for_its_people_only_when_something_is_done_to_it(nlp):
    assert _resolve(nlp, "Gunmen raided the village overnight.", "village").sector == "CVL"
    assert _resolve(nlp, "Bandits attacked the farming community at night.", "community").sector == "CVL"
    assert _resolve(nlp, "The market fell sharply on Monday.", "market") is None
