"""Triggers: type, mode, means and modality from the parse (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.extract.events import find_triggers


def _triggers(nlp, text):
    return [(t.head.text, t.plover, t.mode, t.modality) for t in find_triggers(nlp(text))]


@pytest.mark.parametrize(
    ("text", "word", "plover", "modality"),
    [
        ("Soldiers shot three villagers near the border.", "shot", "ASSAULT", "happened"),
        ("Thousands of workers protested in the capital on Monday.", "protested", "PROTEST", "happened"),
        ("Police arrested forty demonstrators outside parliament.", "arrested", "COERCE", "happened"),
        ("The rebels did not attack the convoy.", "attack", "ASSAULT", "denied"),
        ("Police thwarted a bomb attack on the embassy.", "attack", "ASSAULT", "attempted"),
        ("The militia threatened to attack the town.", "attack", "ASSAULT", "threatened"),
        ("Gunmen attempted to storm the police station.", "storm", "ASSAULT", "attempted"),
        ("The army will deploy troops to the north.", "deploy", "MOBILIZE", "planned"),
        ("The minister appealed to the United Nations for help.", "appealed", "REQUEST", "happened"),
        ("The government declared a state of emergency.", "state", "COERCE", "happened"),
        ("The two sides signed a ceasefire agreement in Geneva.", "signed", "AGREE", "happened"),
        ("Miners downed tools at the shaft on Monday over unpaid bonuses.", "downed", "PROTEST", "happened"),
        ("Residents barricaded the main road with rocks and burning tyres.", "barricaded", "PROTEST", "happened"),
        ("Crowds chanted slogans outside the municipal offices.", "chanted", "PROTEST", "happened"),
        ("He is charged with assault with intent to kill after the fight in Leeds.", "kill", "ASSAULT", "planned"),
        ("A man wanted for murder in the shooting of a cashier was arrested.", "shooting", "ASSAULT", "happened"),
        ("Unions called for a strike across the ports.", "strike", "PROTEST", "planned"),
        ("Hundreds of dock workers blocked the main road to the port of Durban.", "blocked", "PROTEST", "happened"),
        ("The army said it would pull back unless the rebels sign a truce.", "sign", "AGREE", "hypothetical"),
        ("The union leader said the government should reopen the mines.", "reopen", "REQUEST", "happened"),
        # petitions and crowds that surround a building are protests too
        ("Some 30,000 people signed a petition against the new dam.", "signed", "PROTEST", "happened"),
        ("Activists began collecting signatures against the law.", "collecting", "PROTEST", "happened"),
        ("Hundreds of workers surrounded the director's office on Monday.", "surrounded", "PROTEST", "happened"),
        ("Police have opened an investigation into the fire.", "investigation", "ACCUSE", "happened"),
        ("Security forces reinforced their presence around the churches.", "reinforced", "MOBILIZE", "happened"),
        ("The army reimposed a blockade on the border towns.", "reimposed", "COERCE", "happened"),
        ("The government forced the UN refugee agency out of the country.", "forced", "SANCTION", "happened"),
    ],
)
def test_trigger_types_and_modality(nlp, text, word, plover, modality):
    found = _triggers(nlp, text)
    match = [f for f in found if f[0] == word]
    assert match, f"no trigger {word!r} in {found}"
    assert match[0][1] == plover
    assert match[0][3] == modality


def test_object_conditions_choose_the_type(nlp):
    troops = _triggers(nlp, "Moscow sent troops to the region.")
    aid = _triggers(nlp, "Turkey sent aid to the earthquake zone.")
    assert [t[1] for t in troops] == ["MOBILIZE"]
    assert [t[1] for t in aid] == ["AID"]


def test_setting_fire_to_something_destroys_it(nlp):
    assert _triggers(nlp, "Rioters set fire to the town hall.") == [("set", "ASSAULT", "destroy", "happened")]


@pytest.mark.parametrize("text", [
    "Rioters set the police station on fire in Kano on Monday.",
    "An angry mob set a suspected thief ablaze in Ughelli on Wednesday.",  # `ablaze` parsed as the object's
])
def test_setting_something_on_fire_or_ablaze(nlp, text):
    assert [t[:2] for t in _triggers(nlp, text)] == [("set", "ASSAULT")]


def test_words_that_are_not_events(nlp):
    assert _triggers(nlp, "The committee will publish its report next year.") == []


def test_means_decide_the_weapon(nlp):
    trig = find_triggers(nlp("Warplanes carried out air strikes on the village, killing six people."))
    means = {t.head.text: t.means for t in trig}
    assert means["strikes"] == "aerial"
    assert means["killing"] == "aerial"


@pytest.mark.parametrize("text, word, means", [
    # explosives outrank the gunmen who set them off
    ("Two gunmen detonated explosives near the checkpoint, killing two guards.", "killing", "ied"),
    # ... unless the bombers died by their own blast: ACLED's suicide bomb
    ("Two militants detonated explosives near the checkpoint, killing themselves.", "detonated", "suicide"),
    # a mine that is set off is a bomb, whatever words stand around it
    ("Five soldiers were wounded when a ground mine detonated under their truck.", "wounded", "ied"),
    # nothing named in the sentence: the sentence before tells what was used
    ("Two suicide bombers blew themselves up at the gate on Monday. Four guards were killed.", "killed",
     "suicide"),
])
def test_means_come_from_the_clause_the_sentence_or_the_one_before(nlp, text, word, means):
    found = {t.head.text: t.means for t in find_triggers(nlp(text))}
    assert found[word] == means, found


@pytest.mark.parametrize("text, word, means", [
    # a weapon named as what a place makes or keeps was not used
    ("Jets launched air missiles at what officials called chemical weapons facilities near Homs.", "launched",
     "aerial"),
    ("Police raided a bomb factory in the port and seized documents.", "raided", None),
    # a grenade thrown from an aircraft is still a thrown grenade
    ("A rogue officer hurled grenades at the court building from a helicopter.", "hurled", "grenade"),
    # tanks fire shells; a fuel tank is no weapon
    ("Six rangers were killed in a tank attack on their post.", "killed", "shelling"),
    ("A fuel tank exploded at the depot, killing two workers.", "killing", None),
    # the weapon of the act answered is not this act's
    ("Jets fired missiles at the airbase in retaliation for a poison gas attack on the town.", "fired", "aerial"),
    ("Six people were killed after an air strike on the market.", "killed", "aerial"),
])
def test_means_are_the_weapons_used(nlp, text, word, means):
    found = {t.head.text: t.means for t in find_triggers(nlp(text))}
    assert found[word] == means, found


@pytest.mark.parametrize("text, word, means", [
    # cars and mines named in the plural are still only vehicles and mines in the ground
    ("Youths rioted overnight, torching cars and looting shops in the suburb.", "torching", None),
    ("Gunmen attacked two gold mines in the valley, killing four guards.", "attacked", "firearms"),
])
def test_vehicles_and_mines_are_not_bombs_without_a_blast(nlp, text, word, means):
    found = {t.head.text: t.means for t in find_triggers(nlp(text))}
    assert found[word] == means, found


@pytest.mark.parametrize("text, word, plover, mode", [
    # dispersing a crowd by force is crowd control (CAMEO 175); without force it restricts (172)
    ("Police used tear gas to disperse hundreds of nurses outside the ministry.", "disperse", "ASSAULT",
     "crowd-control"),
    ("Riot police broke up the rally with batons and water cannon.", "broke", "ASSAULT", "crowd-control"),
    ("Police dispersed the crowd and reopened the road.", "dispersed", "COERCE", "restrict"),
    ("Officers broke up the gathering outside the town hall.", "broke", "COERCE", "restrict"),
])
def test_dispersing_a_crowd(nlp, text, word, plover, mode):
    found = {t.head.text: (t.plover, t.mode) for t in find_triggers(nlp(text))}
    assert found.get(word) == (plover, mode), found


@pytest.mark.parametrize("text, word, plover", [
    # a drone or missile brought down is a weapon stopped (ACLED's disrupted weapons use) ...
    ("Air defence units shot down six drones over the port on Sunday.", "shot", "COERCE"),
    # ... an aircraft with its crew brought down is an attack on them
    ("Rebels shot down an army helicopter near the river.", "shot", "ASSAULT"),
])
def test_shooting_down_a_weapon_or_an_aircraft(nlp, text, word, plover):
    found = {t.head.text: t.plover for t in find_triggers(nlp(text))}
    assert found[word] == plover, found


def test_breaking_up_in_its_other_senses_is_no_event(nlp):
    assert _triggers(nlp, "The band broke up after their last tour.") == []


@pytest.mark.parametrize("text, means", [
    # firing on someone is an attack; the weapon named in the sentence decides which
    ("Separatist forces fired on army positions with heavy mortars overnight.", "shelling"),
    ("Police fired at the car when it failed to stop at a checkpoint.", "firearms"),
])
def test_firing_on_someone(nlp, text, means):
    (fired,) = [t for t in find_triggers(nlp(text)) if t.head.lower_ == "fired"]
    assert (fired.plover, fired.means) == ("ASSAULT", means)


def test_one_event_for_a_noun_that_repeats_its_verb(nlp):
    found = _triggers(nlp, "Students protested the fee rise.")
    assert len(found) == 1


def test_lexicon_rows_are_valid_ontology_values():
    from importlib import resources

    from eventwire.ontology import PLOVER_TYPES, load_tables, normalize_means, plover_modes

    contexts = set(load_tables().contexts)

    text = resources.files("eventwire.extract").joinpath("data/triggers.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _lemma, pos, plover, mode, means, *rest = (line.split("\t") + [""] * 6)[:6]
        assert pos in {"VERB", "NOUN"}, line
        assert plover in PLOVER_TYPES, line
        # a mode of the type, or the PLOVER context that picks the CAMEO code (`economic`)
        assert not mode or mode in plover_modes(plover) or mode in contexts, line
        assert not means or normalize_means(means) is not None, line
        condition = rest[0]
        for part in condition.split("&") if condition else ():
            kinds = {"obj", "prep", "notobj", "subj", "sent", "ccomp", "xcomp", "single", "place"}
            assert part.split(":")[0] in kinds, line


@pytest.mark.parametrize("text, word", [
    ("Medics evacuated the wounded from the village clinic near Idlib.", "wounded"),
    ("Nurses treated the injured in tents outside the stadium.", "injured"),
    # a participle before its noun tells the state of a thing, not an event of this report
    ("Troops advanced towards the Islamic State-occupied air base on Sunday.", "occupied"),
    ("Residents returned to the looted shops of the market on Monday.", "looted"),
    ("Teachers in Lima will hold talks with the ministry in March.", "March"),
    ("DIARY FOR SATURDAY MARCH 26: HOCKEY AND ATHLETICS", "MARCH"),  # a date in capitals
    ("The minutes point to fresh monetary action in March, analysts said.", "March"),
    # named for an event, not one
    ("A member of the UN investigation team took samples near the town.", "investigation"),
    ("Two attack helicopters flew over the capital on Monday.", "attack"),
    ("Farmers blocked the proposal in the regional assembly.", "blocked"),  # not a road: no protest
])
def test_words_that_are_not_events_here(nlp, text, word):
    assert word not in [f[0] for f in _triggers(nlp, text)]


def test_a_must_clause_takes_the_place_of_the_event_it_asks_for(nlp):
    found = _triggers(nlp, "The envoy said both parties must reach an agreement before the aid is released.")
    assert ("reach", "AGREE", None, "happened") in found  # the demand is coded by the linker (stance)
    assert "agreement" not in [f[0] for f in found]  # the agreement is asked for, not reached


@pytest.mark.parametrize("text", [
    "Leicester beat Watford 1-0 away to extend their lead at the top.",
    "The striker scored twice, the second a fierce strike from outside the box.",
    "Asian shares rose after a strong rally on Wall Street overnight.",
    "The result demonstrates how far the team has come.",
    "The general said a missile strike could not be ruled out.",
    "Riot police chased the students out of the square in Tunis.",
    "A 90th-minute strike by Onyango sealed the win for Maritzburg.",
])
def test_event_words_in_their_other_sense_are_not_protests_or_attacks(nlp, text):
    found = [(t.head.text, t.plover) for t in find_triggers(nlp(text)) if t.plover in {"PROTEST", "ASSAULT"}
             and t.head.lemma_.lower() in {"beat", "strike", "rally", "demonstrate", "riot"}]
    assert not [f for f in found if f[1] == "PROTEST" or f[0] == "beat"], found


@pytest.mark.parametrize("text", [
    "Students demonstrated outside parliament on Monday.",
    "Police matched the bullet to the rifle used in the attack.",
    "Rebels beat back an assault on the town, killing 10-15 soldiers.",
    "Dock workers began a strike on Monday over pay.",
])
def test_event_words_in_their_event_sense_stay(nlp, text):
    assert find_triggers(nlp(text))


@pytest.mark.parametrize("text, plover", [
    ("The foreign minister cancelled a planned visit to Caracas after the coup.", "SANCTION"),
    ("The court cancelled restrictions on the use of the minority language.", "CONCEDE"),
    ("The donors halted aid to the ministry last year.", "SANCTION"),
    ("The border guards denied entry to the delegation.", "SANCTION"),
])
def test_cancelling_halting_and_denying_by_what_is_stopped(nlp, text, plover):
    assert [t.plover for t in find_triggers(nlp(text))] == [plover]


@pytest.mark.parametrize("text, word, plover", [
    ("The rebel commanders dismissed an offer of talks from the governor.", "dismissed", "REJECT"),
    ("The opposition rebuffed the prime minister's call for a unity cabinet.", "rebuffed", "REJECT"),
    ("The trade minister defended the export ban against criticism from abroad.", "defended", "SUPPORT"),
])
def test_rejecting_an_appeal_and_defending_a_policy(nlp, text, word, plover):
    found = {t.head.text: t.plover for t in find_triggers(nlp(text))}
    assert found.get(word) == plover, found


def test_defending_ground_is_not_support(nlp):
    assert "SUPPORT" not in [t.plover for t in find_triggers(nlp("The garrison defended the airport for a week."))]


@pytest.mark.parametrize("text, word, plover, means", [
    ("The Taliban claimed responsibility for the attack on the base.", "claimed", "CONCEDE", "claim-responsibility"),
    ("Hamas denied any involvement in the bombing.", "denied", "REJECT", "deny-responsibility"),
    ("The president expressed his condolences to the families.", "expressed", "SUPPORT", "sympathy"),
    ("Veterans laid a wreath at the memorial.", "laid", "SUPPORT", "symbolic"),
    ("The bloc deployed election observers in the country.", "deployed", "AID", None),
])
def test_statement_acts_and_help_sent(nlp, text, word, plover, means):
    found = {t.head.text: (t.plover, t.means) for t in find_triggers(nlp(text))}
    assert found[word] == (plover, means)


def test_a_claimed_or_denied_act_is_the_claim_s_object_not_a_new_word_for_the_claim(nlp):
    found = {t.head.text: t.plover for t in find_triggers(nlp("Hamas denied involvement in the bombing."))}
    assert found.get("denied") == "REJECT" and "bombing" in found  # the bombing is still there, as background


def test_a_verb_the_lemmatizer_misreads_still_matches(nlp):
    # spaCy lemmatizes "raped" as "rap"; the row for "rape" still applies
    assert [(t.head.text, t.plover, t.mode) for t in find_triggers(nlp("Four men raped a woman in the city."))] == [
        ("raped", "ASSAULT", "sexual")]


def test_the_more_specific_weapon_named_decides_the_means(nlp):
    found = find_triggers(nlp("The rebels fired shells filled with poisonous gas at the town."))
    assert [(t.head.text, t.means) for t in found if t.plover == "ASSAULT"] == [("fired", "chemical")]


@pytest.mark.parametrize("text, plover, mode", [
    ("Officials said the strike was launched by Russian planes on Tuesday.", "ASSAULT", "aerial"),
    ("The spokesman denied that the coalition had carried out the strike.", "ASSAULT", None),
    ("Dock workers began a strike on Monday over pay.", "PROTEST", "strike"),
    ("The strike closed schools across the province on Monday.", "PROTEST", "strike"),
])
def test_the_sentence_says_which_strike(nlp, text, plover, mode):
    found = [t for t in _triggers(nlp, text) if t[0] == "strike"]
    assert [t[1:3] for t in found] == [(plover, mode)], found


def test_scores_of_people_are_a_count_not_a_match_score(nlp):
    found = _triggers(nlp, "Scores of soldiers were killed when Taliban fighters attacked their outposts.")
    assert "attacked" in [t[0] for t in found], found


@pytest.mark.parametrize("text, word", [
    ("Police used water cannon and batons to break up the march in Minsk.", "used"),
    ("Officers lobbed tear gas at students in Nairobi on Monday.", "lobbed"),
    ("Police deployed water cannon against the marchers in Minsk.", "deployed"),
])
def test_crowd_control_weapons_used_on_a_crowd(nlp, text, word):
    found = [t for t in _triggers(nlp, text) if t[0] == word]
    assert [t[1:3] for t in found] == [("ASSAULT", "crowd-control")], _triggers(nlp, text)


@pytest.mark.parametrize("text, word, plover, mode", [
    ("Washington lifted its embargo on Cuban cigars in March.", "lifted", "RETREAT", "economic"),
    ("Sanctions on the Burmese airline were removed last week.", "removed", "RETREAT", "economic"),
    ("The governor ended the curfew in Port Louis on Sunday.", "ended", "CONCEDE", None),
    ("The dockers' union called off its strike in Antwerp.", "called", "CONCEDE", None),
    ("The lifting of the blockade let fuel trucks into the port.", "lifting", "CONCEDE", None),
])
def test_easing_a_restriction_is_a_concession_not_the_restriction(nlp, text, word, plover, mode):
    # one event, the easing: the embargo, curfew or strike named as what was eased is part of it
    assert [t[:3] for t in _triggers(nlp, text)] == [(word, plover, mode)], _triggers(nlp, text)


def test_an_ended_strike_still_took_place(nlp):
    found = _triggers(nlp, "The nurses in Lagos ended their strike after the state paid the arrears.")
    assert ("strike", "PROTEST") in [t[:2] for t in found], found


@pytest.mark.parametrize("text, word, means", [
    ("The Danish government declined to comment on the leaked memo.", "declined", "decline-comment"),
    ("The Qatari envoy in Paris expressed concern about the detained reporter.", "expressed", "pessimism"),
    ("Kenya's president voiced hope that the talks in Arusha would resume.", "voiced", "optimism"),
    ("The Chilean senator offered her condolences to the families of the miners.", "offered", "sympathy"),
    ("The regulators said they agree with the panel that the merger hurts buyers.", "agree", "accord"),
    ("The ministry in Kampala rejected accusations that it had bribed the judges.", "rejected", "deny-responsibility"),
])
def test_statement_acts_carry_their_cameo_statement(nlp, text, word, means):
    found = {t.head.text: t.means for t in find_triggers(nlp(text))}
    assert found.get(word) == means, found


@pytest.mark.parametrize("text, word, plover, mode", [
    # troops sent to keep the peace are protection given; a suspect handed to courts is judicial cooperation
    ("Ghana is sending 300 soldiers to the UN peacekeeping mission in Lebanon.", "sending", "AID", "peacekeeping"),
    ("Spain extradited the former spy chief to the United States.", "extradited", "COOPERATE", "legal"),
    # yielding and cooperating
    ("The rebels in Faryab gave up fighting and handed themselves in.", "gave", "RETREAT", "disarm"),
    ("Belgian customs returned 300 looted statues to the museum in Kinshasa.", "returned", "RETREAT", "return"),
    ("Soldiers at the checkpoint returned fire.", "returned", "ASSAULT", "firearms"),
    ("Turkish prosecutors shared evidence with their Saudi counterparts.", "shared", "COOPERATE", "intelligence"),
    ("French officers train Malian soldiers at the base in Koulikoro.", "train", "COOPERATE", "military"),
    ("The junta in Niamey struck a deal with the traders' union.", "struck", "AGREE", None),
    ("The militia released the two guards it had held since May.", "released", "RETREAT", "release"),
    # sending away peacekeepers or aid workers cuts relations; people sent away are coerced
    ("The UN withdrew its peacekeepers from the Golan Heights.", "withdrew", "SANCTION", "expel"),
    ("The junta in Bamako expelled the aid workers of two charities.", "expelled", "SANCTION", "expel"),
    ("Sweden announced a suspension of aid to Kampala.", "suspension", "SANCTION", None),
    ("The police in Accra expelled three traders from the market.", "expelled", "COERCE", "deport"),
    # closures and censorship
    ("Ghana closed its borders with Togo ahead of the run-off.", "closed", "COERCE", "restrict"),
    ("The authorities in Algiers suspended publication of two dailies.", "suspended", "COERCE", "censor"),
])
def test_codebook_rows_give_type_and_mode(nlp, text, word, plover, mode):
    found = {t[0]: t[1:3] for t in _triggers(nlp, text)}
    assert found.get(word) == (plover, mode), found


@pytest.mark.parametrize("text", [
    "Norway pledged 20 million dollars to fight the cholera outbreak in Yemen.",
    "The new minister promised to battle corruption in the ports.",
    "He is a father of three who has been fighting deportation since his conviction.",  # in court
])
def test_fighting_a_disease_or_an_ill_is_no_assault(nlp, text):
    assert "ASSAULT" not in [t[1] for t in _triggers(nlp, text)], _triggers(nlp, text)


@pytest.mark.parametrize("text, plover", [
    ("Witnesses in Gao reported a strike on the army convoy.", "ASSAULT"),  # a strike on something, no workers
    ("The strike by dockers in Durban entered its third day.", "PROTEST"),
    ("The teachers' strike on Monday closed schools in Nairobi.", "PROTEST"),  # `on` a day, by teachers
])
def test_which_strike_the_sentence_names(nlp, text, plover):
    found = [t[1] for t in _triggers(nlp, text) if t[0] == "strike"]
    assert found == [plover], _triggers(nlp, text)


def test_a_published_statement_is_no_release(nlp):
    assert _triggers(nlp, "The ministry in Accra released a statement on the budget.") == []


@pytest.mark.parametrize("text", [
    "Six trucks crossed into Idlib on Friday, the first UN aid to reach the province since the floods.",
    "A relief convoy arrived in Mekelle on Tuesday.",
])
def test_aid_that_arrives_is_aid_delivered(nlp, text):
    assert "AID" in [t[1] for t in _triggers(nlp, text)], _triggers(nlp, text)


@pytest.mark.parametrize("text, plover", [
    ("The minister protested that the report was unfair to his department.", "ACCUSE"),  # said, not marched
    ("China protested the sale of weapons to Taiwan.", "ACCUSE"),  # one actor objecting in words
    ("The accused protested his innocence throughout the trial.", "REJECT"),  # a denial
    ("Thousands protested the court ruling outside parliament on Friday.", "PROTEST"),  # a crowd did
    ("Students protested against tuition increases at several universities.", "PROTEST"),
])
def test_protesting_in_words_is_not_a_demonstration(nlp, text, plover):
    assert [t[1] for t in _triggers(nlp, text) if t[0] == "protested"] == [plover]


@pytest.mark.parametrize("text", [
    "The government has banned rallies in the capital.",
    "Protests were banned in the capital after the election.",
    "The junta outlawed demonstrations across the country.",
])
def test_what_is_banned_has_not_happened(nlp, text):
    assert [t[1] for t in _triggers(nlp, text)] == ["COERCE"]


@pytest.mark.parametrize("text, word, plover, mode", [
    ("Hackers attacked the websites of several government ministries.", "attacked", "COERCE", "cyber"),
    ("A cyber attack disrupted hospital computers in London.", "attack", "COERCE", "cyber"),
    ("The junta dissolved all political parties.", "dissolved", "COERCE", "ban"),
    ("The junta suspended the constitution on Monday.", "suspended", "COERCE", "martial-law"),
])
def test_coercion_without_bodily_force(nlp, text, word, plover, mode):
    assert [t[1:3] for t in _triggers(nlp, text) if t[0] == word] == [(plover, mode)]


@pytest.mark.parametrize("text, word, mode", [
    ("Hundreds of people took to the streets of Kinshasa on Saturday.", "took", "demo"),
    ("Residents shut down roads in Mamelodi on Monday.", "shut", "obstruct"),
])
def test_street_protests_said_in_other_words(nlp, text, word, mode):
    assert [t[1:3] for t in _triggers(nlp, text) if t[0] == word] == [("PROTEST", mode)]
