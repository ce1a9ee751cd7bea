"""The whole extractor on short reports written for these tests: arguments land on the right event."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.document import extract_document
from eventwire.extract.events import find_triggers
from eventwire.ingest import make_article

REPORT = (
    "Police fire tear gas at protesters in Colombo\n"
    "Police in Colombo fired tear gas at thousands of protesters on Saturday, the army said.\n"
    "At least 12 people were injured when officers charged the crowd near the president's residence.\n"
    "On Wednesday, the government declared a state of emergency across Sri Lanka.\n"
    "Officials said 45 people had been arrested since Friday."
)


@pytest.fixture(scope="module")
def result(nlp):
    text = REPORT.split("\n", 1)[1]
    article = make_article(text, title=REPORT.split("\n", 1)[0], published=dt.date(2022, 4, 2))
    return extract_document(article, nlp(text))


def _event(result, trigger):
    found = [e for e in result.events if e.trigger.text == trigger]
    assert found, f"no event with trigger {trigger!r}: {[e.trigger.text for e in result.events]}"
    return found[0]


def test_spans_point_at_their_text(result):
    text = result.article.text
    for e in result.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for arg in (e.actor, e.target, e.location, e.fatalities, e.injured, e.arrested):
            if arg is not None:
                assert text[arg.start : arg.end] == arg.text
        if e.date is not None and e.date.start >= 0:
            assert text[e.date.start : e.date.end] == e.date.text


def test_assault_by_police_on_protesters(result):
    e = _event(result, "fired")
    assert e.plover_type == "ASSAULT"
    assert e.actor is not None and e.actor.sector == "COP"
    assert e.location is not None and e.location.country == "LKA"
    assert e.date is not None and e.date.value == "2022-04-02"
    assert e.attribution is not None and "army" in e.attribution.source.text


def test_injured_count_goes_to_its_event(result):
    e = _event(result, "injured")
    assert e.injured is not None and e.injured.best == 12
    others = [x for x in result.events if x is not e and x.injured is not None]
    assert not others  # one count, one event


def test_state_of_emergency_dated_from_its_weekday(result):
    e = _event(result, "state of emergency")
    assert e.plover_type == "COERCE"
    assert e.actor is not None and e.actor.sector == "GOV"
    assert e.date is not None and e.date.value == "2022-03-30"
    assert e.location is not None and e.location.country == "LKA"


def test_every_event_is_coded_in_three_ontologies(result):
    for e in result.events:
        assert e.plover_type
        assert e.cameo is None or e.cameo.isdigit()
    assert any(e.acled_type == "Strategic developments" for e in result.events)


def test_no_publication_date_leaves_dates_unresolved(nlp):
    text = "Soldiers shot two farmers in Bamako on Tuesday."
    res = extract_document(make_article(text), nlp(text))
    e = res.events[0]
    assert e.date is None or not e.date.value[:4].isdigit()


def test_disaster_deaths_are_not_attacks(nlp):
    text = "Dozens of people were killed when an earthquake struck the town of Van on Sunday."
    res = extract_document(make_article(text, published=dt.date(2011, 10, 24)), nlp(text))
    assert not [e for e in res.events if e.plover_type == "ASSAULT"]


def test_event_dates_are_calendar_periods(result):
    for e in result.events:
        if e.date is not None:
            assert e.date.precision in {"day", "week", "month", "year"}
            assert e.date.value[:4].isdigit()


def test_an_actor_is_not_its_own_source(nlp):
    text = "The government declared a state of emergency in Colombo on Friday."
    res = extract_document(make_article(text, published=dt.date(2022, 4, 2)), nlp(text))
    (event,) = [e for e in res.events if e.plover_type == "COERCE"]
    assert event.actor is not None and event.actor.sector == "GOV"
    assert event.attribution is None


@pytest.mark.parametrize(
    ("text", "plover", "modality"),
    [
        ("The militia threatened to attack the town of Beni.", "THREATEN", "threatened"),
        ("Nurses struck for a third day in Auckland.", "PROTEST", "happened"),
        ("Police did not arrest anyone in Lagos.", "COERCE", "denied"),
    ],
)
def test_modality_and_actor_change_the_coding(nlp, text, plover, modality):
    res = extract_document(make_article(text, published=dt.date(2020, 1, 1)), nlp(text))
    assert [(e.plover_type, e.modality) for e in res.events] == [(plover, modality)]
    if modality != "happened":
        assert res.events[0].acled_type is None  # ACLED counts only what happened or was attempted


def test_protest_met_with_force(nlp):
    text = "Police fired tear gas and rubber bullets to break up a protest by students in Bogotá on Friday."
    res = extract_document(make_article(text, published=dt.date(2021, 5, 1)), nlp(text))
    protest = [e for e in res.events if e.plover_type == "PROTEST"]
    assert protest and protest[0].acled_sub_type == "Protest with intervention"
    assert max(res.events, key=lambda e: e.confidence) is protest[0]  # the protest is the main event


def test_deaths_count_on_the_violent_event(nlp):
    text = "Security forces shot dead 22 people during protests in Cali on Friday, officials said."
    res = extract_document(make_article(text, published=dt.date(2021, 5, 29)), nlp(text))
    (shooting,) = [e for e in res.events if e.trigger.text == "shot"]
    assert shooting.plover_type == "ASSAULT"
    assert shooting.fatalities is not None and shooting.fatalities.best == 22
    assert all(e.fatalities is None for e in res.events if e is not shooting)


@pytest.mark.parametrize("text", [
    "Students marched in Dhaka on Sunday and torched two buses near the university.",
    "Protesters hurled stones at the town hall in Lyon during a demonstration against the fuel tax on Monday.",
    "Violent protests broke out in Nairobi on Tuesday over the new water charges.",
])
def test_protesters_using_force_make_a_violent_demonstration(nlp, text):
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    protests = [e for e in res.events if e.plover_type == "PROTEST"]
    assert protests and all(e.plover_mode == "riot" for e in protests), [
        (e.trigger.text, e.plover_type, e.plover_mode) for e in res.events]
    assert protests[0].acled_sub_type == "Violent demonstration"


def test_a_peaceful_march_stays_peaceful(nlp):
    text = "Thousands of teachers marched to the education ministry in Lima on Monday to demand higher pay."
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    protests = [e for e in res.events if e.plover_type == "PROTEST"]
    assert protests and protests[0].acled_sub_type == "Peaceful protest"


@pytest.mark.parametrize("text, sub_type", [
    ("Rebel fighters recaptured the village of Kafr Nabl on Monday.", "Non-state actor overtakes territory"),
    ("The army regained control of the border town of Qusayr on Sunday.", "Government regains territory"),
    ("Police found a cache of rifles and grenades in a farmhouse near Kisumu on Friday.",
     "Disrupted weapons use"),
    # ground taken by someone the text does not name, and goods (not ground) taken by the police
    ("The town was captured on Sunday after two days of fighting.", "Non-state actor overtakes territory"),
    ("Police seized two tonnes of cannabis at the port on Friday.", "Looting/property destruction"),
    # the doer of an agentless passive in a coordinated clause is the first clause's subject
    ("The army launched a counter-offensive on Monday and the town was retaken.", "Government regains territory"),
    ("A suspected thief was set ablaze by a crowd in the market town on Sunday.", "Mob violence"),
    # the ground is what the seized thing is a part of
    ("Government forces seized control of the whole length of the coastal highway on Tuesday.",
     "Government regains territory"),
    # forces pulling back change their activity; ground named as handed over changes hands
    ("Foreign troops withdrew from an air base near Kirkuk on Friday.", "Change to group/activity"),
    ("The militia handed over the town of Kalo to the army on Monday.", "Non-violent transfer of territory"),
    ("Troops withdrew from the air base on Friday, leaving it in the hands of rebel fighters.",
     "Non-violent transfer of territory"),
    # ground taken after the other side left, with no fighting named
    ("Rebel fighters took control of the town of Kalo after government troops pulled out on Sunday.",
     "Non-violent transfer of territory"),
    ("Rebel fighters took control of the town of Kalo after heavy fighting on Sunday.",
     "Non-state actor overtakes territory"),
    # things found abandoned are no withdrawal
    ("Army troops recaptured the town of Kalo on Tuesday to find motorbikes lying abandoned on the ground.",
     "Government regains territory"),
    # fighters driven from ground leave it to those who drove them out, named or not
    ("The army drove the militants out of the town of Kalo on Sunday.", "Government regains territory"),
    ("The jihadists were pushed back from the areas around the airport on Monday.", "Government regains territory"),
    ("Government troops expelled the rebels from Tessit on Friday.", "Government regains territory"),
    # a gathering broken up is a protest intervened in
    ("Police carried out the violent dispersal of the sit-in outside the ministry on Monday.",
     "Protest with intervention"),
    ("Residents spoke of a resurgence of mob violence in the town of Meiktila on Monday.", "Mob violence"),
])
def test_territory_and_weapons_finds_have_their_acled_sub_types(nlp, text, sub_type):
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    assert res.events and res.events[0].acled_sub_type == sub_type, [
        (e.trigger.text, e.plover_type, e.acled_sub_type) for e in res.events]


@pytest.mark.parametrize("text, sub_type", [
    ("The French army fired rockets at a military site near Jizan on Monday.", "Shelling/artillery/missile attack"),
    ("A government helicopter dropped two barrel bombs on Saraqib on Tuesday.", "Air/drone strike"),
    ("A rogue officer hurled grenades at the court building in Caracas from a helicopter.", "Grenade"),
    ("Two militants detonated explosives near a checkpoint in Ankara, killing themselves.", "Suicide bomb"),
])
def test_the_weapon_fired_or_dropped_decides_the_sub_type(nlp, text, sub_type):
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    assert res.events and res.events[0].acled_sub_type == sub_type, [
        (e.trigger.text, e.plover_mode, e.acled_sub_type) for e in res.events]


def test_no_one_is_counted_dead_in_an_event_that_did_not_happen(nlp):
    text = ("Jon Reyes, 24, is wanted for assault with a deadly weapon with intent to kill inflicting "
            "serious injury after a shooting in Goldsboro on Saturday.")
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    assert all(e.fatalities is None for e in res.events), [(e.trigger.text, e.fatalities) for e in res.events]


def test_an_arrest_with_no_one_named_is_still_an_event(nlp):
    text = "On Friday alone, 312 people were arrested for breaking the curfew."
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    assert [(e.plover_type, e.acled_sub_type) for e in res.events] == [("COERCE", "Arrests")]
    assert res.events[0].arrested is not None and res.events[0].arrested.best == 312


def _assert_protest(nlp, text: str, protest: bool) -> None:
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    assert any(e.plover_type == "PROTEST" for e in res.events) == protest, [
        (e.trigger.text, e.plover_type) for e in res.events]


@pytest.mark.parametrize("text, protest", [
    ("The strike began at dawn and lasted two days.", True),
    ("They protested peacefully outside the gates.", True),
    # mentioned in passing, with no one and nowhere tied to it: background, not an event
    ("Patrols were stepped up following protests last week.", False),
])
def test_a_protest_its_sentence_is_about_is_an_event_even_unattached(nlp, text, protest):
    _assert_protest(nlp, text, protest)


@pytest.mark.parametrize("text, actor", [
    ("Hundreds of pupils threw stones at police vans in the township.", "Hundreds of pupils"),
    ("About 900 miners have embarked on an unprotected strike.", "About 900 miners"),
])
def test_stone_throwing_is_a_riot_and_a_strike_embarked_on_is_the_strikers(nlp, text, actor):
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    protests = [e for e in res.events if e.plover_type == "PROTEST"]
    assert protests and protests[0].actor is not None and protests[0].actor.text == actor, [
        (e.trigger.text, e.plover_type, e.actor) for e in res.events]


@pytest.mark.parametrize("text, word, background", [
    ("Settlers set fire to the offices following the killing of a farmer.", "killing", True),
    ("Troops shelled the town in retaliation for the raid on their base.", "raid", True),
    ("Rebels retook the village after fierce fighting.", "fighting", True),
    ("The government outlawed the group because of its involvement in killing.", "killing", True),
    ("Police shot dead 22 people during protests in the capital.", "protests", False),
    ("The killing of the mayor shocked the town.", "killing", False),
    ("The ministry announced the release of two sailors who had been arrested at sea.", "arrested", True),
    ("Police detained a man who attacked a guard.", "attacked", False),
    ("The Taliban claimed responsibility for the attack on the base.", "attack", True),
    ("The king sent his condolences over the bombing in the capital.", "bombing", True),
    ("Rebels recaptured the village, days after it was seized by the army.", "seized", True),
    ("Rebels recaptured the village, days after it was seized by the army.", "recaptured", False),
])
def test_an_event_named_as_the_cause_of_another_is_background(nlp, text, word, background):
    from eventwire.extract.link import _background

    doc = nlp(text)
    assert _background(next(t for t in doc if t.text == word)) == background


def test_no_violence_without_a_doer_in_a_report_that_opens_with_a_quake(nlp):
    text = ("A strong earthquake struck the coast of Peru on Monday. "
            "Relief groups appealed for help as more than 300 people were reported dead.")
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    assert not [e for e in res.events if e.plover_type in {"ASSAULT", "COERCE"} and e.actor is None]


@pytest.mark.parametrize("text, word, plover", [
    ("Rebel fighters violated the holiday truce near the border on Sunday.", "violated", "ASSAULT"),
    ("The navy announced the release of six fishermen held since May.", "release", "RETREAT"),
])
def test_a_broken_truce_is_fighting_and_a_release_of_people_is_a_retreat(nlp, text, word, plover):
    from eventwire.extract.events import find_triggers

    triggers = find_triggers(nlp(text))
    assert [(t.head.text, t.plover) for t in triggers] == [(word, plover)]  # the truce broken is no event


@pytest.mark.parametrize("text, root", [
    ("The opposition demanded the resignation of the interior minister.", "10"),  # CAMEO demand
    ("The mayor appealed to residents for calm after the flooding.", "02"),  # CAMEO appeal
])
def test_a_demand_is_coded_apart_from_an_appeal(nlp, text, root):
    res = extract_document(make_article(text, published=dt.date(2022, 3, 7)), nlp(text))
    requests = [e for e in res.events if e.plover_type == "REQUEST"]
    assert requests and requests[0].cameo is not None and requests[0].cameo.startswith(root), [
        (e.trigger.text, e.plover_type, e.cameo) for e in res.events]


@pytest.mark.parametrize("text, where", [
    ("Russian cruise missiles struck Odesa on Saturday, a day after Moscow and Kyiv signed a deal.", "Odesa"),
    ("Rebels attacked Mali's army in Gao on Sunday.", "Gao"),  # the army is not a place
])
def test_the_place_attacked_is_where_the_attack_happened(nlp, text, where):
    res = extract_document(make_article(text, published=dt.date(2022, 7, 23)), nlp(text))
    attacks = [e for e in res.events if e.plover_type == "ASSAULT"]
    assert attacks and attacks[0].location is not None and attacks[0].location.name == where, [
        (e.trigger.text, e.location) for e in res.events]


@pytest.mark.parametrize("text, protest", [
    ("In Lagos, tens of thousands gathered outside the parliament on Monday.", True),
    ("Hundreds of supporters assembled outside the court in Nairobi on Friday.", True),
    ("People gathered at the scene of the blast in Kabul on Friday.", False),
    ("Investigators gathered evidence at the site in Kabul on Friday.", False),
])
def test_a_crowd_gathering_is_a_demonstration(nlp, text, protest):
    _assert_protest(nlp, text, protest)


def test_a_march_whose_crowd_smashes_windows_is_a_riot(nlp):
    # the parser reads "some smashed store windows" as a noun phrase joined to the march
    text = "Thousands marched in Portland on Friday and some smashed store windows."
    res = extract_document(make_article(text, published=dt.date(2016, 11, 12)), nlp(text))
    assert [(e.trigger.text, e.plover_mode) for e in res.events if e.plover_type == "PROTEST"] == [("marched", "riot")]


def test_an_antecedent_event_ranks_below_the_news(nlp):
    text = "Syrian rebels recaptured the village of Kalo on Monday, days after it was seized by government troops."
    res = extract_document(make_article(text, published=dt.date(2019, 5, 21)), nlp(text))
    assert max(res.events, key=lambda e: e.confidence).trigger.text == "recaptured", [
        (e.trigger.text, e.confidence) for e in res.events]


def test_the_killing_a_protest_is_over_is_not_force_against_it(nlp):
    text = "Hundreds of students marched on Wednesday in a protest over the police shooting of a man in Charlotte."
    res = extract_document(make_article(text, published=dt.date(2016, 9, 28)), nlp(text))
    protests = [e for e in res.events if e.plover_type == "PROTEST"]
    assert protests and {e.acled_sub_type for e in protests} == {"Peaceful protest"}, [
        (e.trigger.text, e.acled_sub_type) for e in res.events]


@pytest.mark.parametrize("text, word, riot", [
    # crowds that burn, beat or fight: PLOVER's riot, ACLED's Riots
    ("A house was torched by angry residents after the suspect was granted bail.", "torched", True),
    ("A mob attacked two men suspected of stealing cattle near Kisumu on Sunday.", "attacked", True),
    ("Union members clashed with party supporters outside the city hall on Tuesday.", "clashed", True),
    # one person, an armed group, or weapons of war: not a crowd's riot
    ("A man set fire to his neighbour's house in Durban on Monday.", "set", False),
    ("Rebels attacked an army base near Goma on Friday.", "attacked", False),
    ("Youths opened fire on a minibus near the station, killing four people.", "opened fire", False),
])
def test_violence_by_a_crowd_is_a_riot(nlp, text, word, riot):
    res = extract_document(make_article(text, published=dt.date(2021, 6, 7)), nlp(text))
    found = [e for e in res.events if e.trigger.text == word]
    assert found, [(e.trigger.text, e.plover_type) for e in res.events]
    assert (found[0].plover_type, found[0].plover_mode == "riot", found[0].acled_type == "Riots") == (
        ("PROTEST", True, True) if riot else ("ASSAULT", False, False)), found[0]


def test_who_died_did_not_do_it(nlp):
    # the first clause's subject died: it is no doer of the injuring in the second
    text = "A woman died and two men were critically injured when their car crashed near Potchefstroom on Sunday."
    res = extract_document(make_article(text, published=dt.date(2021, 6, 7)), nlp(text))
    assert all(e.actor is None or e.actor.text != "A woman" for e in res.events), res.events


@pytest.mark.parametrize("text, crowd", [
    ("Police used water cannon on Sunday to break up a rally by nurses in Harare.", "nurses in Harare"),
    ("Police dispersed a protest by teachers in Harare on Monday.", "teachers in Harare"),
    ("Students staged a sit-in at the university in Dhaka on Monday.", "Students"),
])
def test_who_acts_on_a_protest_is_not_its_crowd(nlp, text, crowd):
    res = extract_document(make_article(text, published=dt.date(2021, 6, 7)), nlp(text))
    protests = [e for e in res.events if e.plover_type == "PROTEST"]
    assert protests and protests[0].actor is not None and protests[0].actor.text == crowd, res.events


def test_casualties_told_without_a_doer_are_the_attack_that_caused_them(nlp):
    # the killing and wounding are the shooting's outcome: one event, with its doer, target and counts
    text = ("At least six people were killed and dozens wounded after security forces opened fire on "
            "protesters in Basra on Friday, medical sources said.")
    res = extract_document(make_article(text, published=dt.date(2021, 6, 7)), nlp(text))
    violent = [e for e in res.events if e.plover_type == "ASSAULT"]
    assert [e.trigger.text for e in violent] == ["opened fire"], res.events
    shooting = violent[0]
    assert (shooting.actor.text, shooting.target.text.split()[0]) == ("security forces", "protesters")
    assert shooting.acled_sub_type == "Excessive force against protesters"
    assert (shooting.fatalities.best, shooting.injured.best) == (6, 12)


def test_casualties_days_after_an_attack_are_another_event(nlp):
    text = "Two soldiers were killed in Kidal on Monday, two days after militants attacked a base near Gao."
    res = extract_document(make_article(text, published=dt.date(2021, 6, 7)), nlp(text))
    assert {"killed", "attacked"} <= {e.trigger.text for e in res.events}, res.events


@pytest.mark.parametrize("text, plover", [
    ("Coalition forces conducted four strikes near Mosul on Monday.", "ASSAULT"),
    ("Thousands of miners went on strike in Rustenburg on Monday.", "PROTEST"),
])
def test_a_strike_by_armed_forces_is_an_attack(nlp, text, plover):
    res = extract_document(make_article(text, published=dt.date(2021, 6, 7)), nlp(text))
    assert [e.plover_type for e in res.events if e.trigger.text.startswith("strike")] == [plover]


def test_a_context_named_by_the_lexicon_picks_the_code_not_the_record_s_mode(nlp):
    text = "The United States lifted its embargo on Cuban cigars on Monday."
    events = extract_document(make_article(text, published=dt.date(2023, 4, 3)), nlp(text)).events
    found = [(e.trigger.text, e.plover_type, e.plover_mode, e.cameo) for e in events]
    assert found == [("lifted", "RETREAT", None, "085")], found  # `economic` is a context, not a RETREAT mode


def _extract(nlp, text):
    """Extraction of one sentence written for a test, published on a fixed day."""
    return extract_document(make_article(text, published=dt.date(2024, 3, 1)), nlp(text))


def _worded(res, word):
    """The events whose trigger is `word`."""
    return [e for e in res.events if e.trigger.text == word]


@pytest.mark.parametrize("text, actor", [
    ("Rival clans clashed over grazing land, leaving 12 people dead.", "Rival clans"),
    ("Militiamen clashed over grazing land on Monday.", "Militiamen"),
    ("Taxi drivers blocked major roads in Nairobi to protest against new fees.", "Taxi drivers"),
])
def test_groups_named_by_what_they_are_act(nlp, text, actor):
    # a doer named by a common noun that says who they are keeps the event, with that doer
    res = _extract(nlp, text)
    assert res.events and res.events[0].actor is not None and res.events[0].actor.text == actor, res.events


def test_a_counterpart_is_the_other_side(nlp):
    text = "Iran's foreign minister met his Saudi counterpart in Beijing on Monday."
    res = _extract(nlp, text)
    met = next(e for e in res.events if e.trigger.text == "met")
    assert (met.actor.country, met.target.country) == ("IRN", "SAU"), met


@pytest.mark.parametrize("text, sides, acled", [
    ("Fighting between the army and rebels resumed on Monday near Goma.", ("the army", "rebels"), "Armed clash"),
    ("Clashes between Fulani herders and farmers killed 12 people in Benue state.", ("Fulani herders", None),
     "Mob violence"),
    # the crowd fought back: a riot, with the crowd as its actor
    ("Clashes between police and protesters left three dead in Kumasi.", ("protesters", "police"),
     "Violent demonstration"),
    # an international body one clashes with fights back: a battle, not an attack on civilians
    ("Rebels clashed with UN peacekeepers near Beni on Monday.", ("Rebels", "UN peacekeepers"), "Armed clash"),
])
def test_the_sides_of_a_clash(nlp, text, sides, acled):
    res = _extract(nlp, text)
    main = max(res.events, key=lambda e: e.confidence)
    assert main.actor is not None and main.actor.text == sides[0], res.events
    assert sides[1] is None or (main.target is not None and main.target.text == sides[1]), res.events
    assert main.acled_sub_type == acled, main


@pytest.mark.parametrize("text, word, cameo", [
    ("The World Bank froze funding for the project over corruption concerns.", "froze", "162"),
    ("The EU halted budget support to Mali following the coup.", "halted", "162"),
    ("The United States cut military aid to Egypt after the coup.", "cut", "162"),
])
def test_stopping_aid_is_a_sanction(nlp, text, word, cameo):
    res = _extract(nlp, text)
    found = _worded(res, word)
    assert found and (found[0].plover_type, found[0].cameo) == ("SANCTION", cameo), res.events


def test_a_participle_that_says_who_someone_is_is_not_the_news(nlp):
    text = "The rebels freed 30 soldiers captured in last month's fighting."
    res = _extract(nlp, text)
    assert max(res.events, key=lambda e: e.confidence).trigger.text == "freed", res.events


@pytest.mark.parametrize("text, word, actor", [
    # a verb joined to a passive shares its subject, not its agent; one that continues the passive does not
    ("The prime minister has been indicted by the war crimes court and will resign.", "resign", "The prime minister"),
    ("The opposition leader was arrested by police and beaten in custody.", "beaten", "police"),
])
def test_a_joined_verb_s_doer(nlp, text, word, actor):
    (event,) = _worded(_extract(nlp, text), word)
    assert event.actor is not None and event.actor.text == actor, event


@pytest.mark.parametrize("text, word, actor", [
    ("The UN Security Council condemned the attack on peacekeepers in Mali.", "attack", None),
    ("Al-Shabaab claimed the attack on the base near Mogadishu.", "attack", "Al-Shabaab"),
    ("Rebels launched an attack on the base near Goma.", "attack", "Rebels"),
    ("Soldiers committed atrocities against civilians in the region, the report said.", "committed", "Soldiers"),
])
def test_who_speaks_of_an_act_did_not_do_it(nlp, text, word, actor):
    res = _extract(nlp, text)
    found = _worded(res, word)
    assert found and (found[0].actor.text if found[0].actor else None) == actor, res.events
    assert found[0].plover_type == "ASSAULT", found[0]


@pytest.mark.parametrize("text, word, plover", [
    ("Beijing slammed the decision by Washington to send warships through the strait.", "slammed", "ACCUSE"),
    ("The rebels laid down their weapons in Bangui on Monday.", "laid down", "RETREAT"),
    ("The government met the demands of the striking nurses on Friday.", "met", "CONCEDE"),
    ("The government committed to a ceasefire on Monday.", "committed", "AGREE"),
])
def test_more_verbs_of_the_codebook(nlp, text, word, plover):
    res = _extract(nlp, text)
    assert [e.plover_type for e in res.events if e.trigger.text == word][:1] == [plover], res.events


@pytest.mark.parametrize("text, word, plover, acled, actor", [
    ("A drone strike hit a car carrying militants in North Waziristan.", "drone strike", "ASSAULT",
     "Air/drone strike", None),
    ("Pirates hijacked a cargo ship off the coast of Somalia.", "hijacked", "ASSAULT",
     "Abduction/forced disappearance", "Pirates"),
    ("Two people were hacked to death by machete-wielding attackers on Monday.", "hacked", "ASSAULT", "Attack",
     "machete-wielding attackers"),
    # the helicopter was hit; it did not strike
    ("Rebels shot down a military helicopter over Darfur.", "shot", "ASSAULT", "Armed clash", "Rebels"),
    # who foils a plot did not plot it
    ("Security forces foiled a plot to bomb a shopping mall in Nairobi.", "bomb", "ASSAULT", None, None),
])
def test_how_and_by_whom(nlp, text, word, plover, acled, actor):
    res = _extract(nlp, text)
    found = _worded(res, word)
    assert found, res.events
    e = found[0]
    assert (e.plover_type, e.acled_sub_type, e.actor.text if e.actor else None) == (plover, acled, actor), e


def test_the_aim_of_an_offensive_is_planned(nlp):
    text = "The army launched an offensive to retake the town of Kalo near Goma."
    res = _extract(nlp, text)
    found = [e for e in res.events if e.trigger.text == "retake"]
    assert found and found[0].modality == "planned" and found[0].actor.text == "The army", res.events


def test_hacked_to_death_counts_the_dead(nlp):
    text = "Two people were hacked to death by machete-wielding attackers in Ituri."
    res = _extract(nlp, text)
    assert res.events and res.events[0].fatalities is not None and res.events[0].fatalities.best == 2, res.events


@pytest.mark.parametrize("text, word, mode", [
    ("Turkey allowed UN aid convoys to cross into northern Syria.", "allowed", "access"),  # let aid in: CAMEO 086
    ("Israel let aid trucks into Gaza on Sunday.", "let", "access"),
    ("Russia pulled its forces back from the front line near Kherson.", "pulled", "withdraw"),
])
def test_letting_in_and_pulling_back_are_retreats(nlp, text, word, mode):
    res = _extract(nlp, text)
    found = _worded(res, word)
    assert found and (found[0].plover_type, found[0].plover_mode) == ("RETREAT", mode), res.events


@pytest.mark.parametrize("text, word, cameo, acled", [
    # CAMEO 173 is "arrest, detain or charge with legal action"; 116 is a verdict
    ("The authorities charged three journalists with spreading false news.", "charged", "173", "Arrests"),
    ("The authorities placed the opposition leader under house arrest.", "arrest", "173", "Arrests"),
])
def test_law_enforcement_codes(nlp, text, word, cameo, acled):
    res = _extract(nlp, text)
    found = _worded(res, word)
    assert found and (found[0].cameo, found[0].acled_sub_type) == (cameo, acled), res.events


def test_air_defences_are_the_military(nlp):
    res = _extract(nlp, "Air defences intercepted three rockets fired at the port city overnight, the army said.")
    (stop,) = _worded(res, "intercepted")
    assert stop.actor is not None and stop.actor.sector == "MIL"
    assert stop.acled_sub_type == "Disrupted weapons use"


@pytest.mark.parametrize("text, word, actor, target", [
    ("Soldiers repulsed an attack by separatist fighters on their camp near the lake on Sunday.", "repulsed",
     "Soldiers", "separatist fighters"),
    ("The garrison beat back a night assault by militants.", "beat back", "The garrison", "militants"),
])
def test_fighting_off_an_attack_is_a_clash_with_the_attackers(nlp, text, word, actor, target):
    (fight,) = _worded(_extract(nlp, text), word)
    assert (fight.plover_type, fight.acled_sub_type) == ("ASSAULT", "Armed clash")
    assert fight.actor is not None and fight.actor.text == actor
    assert fight.target is not None and fight.target.text == target


def test_a_raid_is_coded_by_what_came_of_it(nlp):
    res = _extract(nlp, "Security forces raided a militant hideout in the city and arrested five suspects.")
    assert [(e.trigger.text, e.acled_sub_type) for e in res.events] == [("arrested", "Arrests")]
    assert res.events[0].actor is not None and res.events[0].actor.text == "Security forces"
    assert res.events[0].arrested is not None and res.events[0].arrested.best == 5


@pytest.mark.parametrize("text, word, sub_type", [
    ("Government forces entered the town of Kidal on Tuesday after the rebels fled.", "entered",
     "Non-violent transfer of territory"),
    ("Rebels entered Goma on Sunday after heavy fighting with the army.", "entered",
     "Non-state actor overtakes territory"),
    ("Troops advanced into the rebel-held valley and secured the main road.", "advanced",
     "Government regains territory"),
])
def test_armed_men_entering_ground_take_it(nlp, text, word, sub_type):
    (taking,) = _worded(_extract(nlp, text), word)
    assert (taking.plover_type, taking.acled_sub_type) == ("COERCE", sub_type)


def test_moving_into_position_takes_no_ground(nlp):
    res = _extract(nlp, "Troops moved into position near the border.")
    assert all(e.plover_type != "COERCE" for e in res.events)


@pytest.mark.parametrize("text, word", [
    ("Russia and Ukraine exchanged 90 prisoners of war on Friday, officials said.", "exchanged"),
    ("The rebels released 12 hostages in a swap for jailed fighters.", "released"),
])
def test_a_prisoner_exchange_is_an_agreement(nlp, text, word):
    (swap,) = _worded(_extract(nlp, text), word)
    assert (swap.plover_type, swap.plover_mode, swap.acled_sub_type) == ("RETREAT", "release", "Agreement")


def test_a_release_on_its_own_is_no_acled_event(nlp):
    (release,) = _worded(_extract(nlp, "Police released the journalist on bail."), "released")
    assert release.acled_sub_type is None


@pytest.mark.parametrize("text, word, sub_type", [
    # ACLED's codebook: road-blocking with barricades or burning tyres is a violent demonstration
    ("Angry traders barricaded roads with burning tyres in protest at the demolition of their stalls.",
     "barricaded", "Violent demonstration"),
    ("Residents blocked the main road with barricades of rocks to protest the power cuts.", "blocked",
     "Violent demonstration"),
    ("Farmers blocked the highway with tractors to protest low milk prices.", "blocked", "Peaceful protest"),
    # the police who broke it up are named only as the passive's agent
    ("Opposition supporters staged a rally in the capital, which was broken up by police.", "rally",
     "Protest with intervention"),
    # stun grenades are crowd control, not a grenade attack
    ("Thousands of people joined a protest against the junta in the city; security forces fired stun grenades.",
     "protest", "Protest with intervention"),
    # a march that turned violent is a violent demonstration, whatever it demanded
    ("Demonstrators marched through the city demanding the release of detainees, and some threw petrol bombs "
     "at a police station.", "marched", "Violent demonstration"),
    # one official is an unarmed person: an attack on a civilian to ACLED
    ("Gunmen shot dead a local official in the market town on Monday.", "shot", "Attack"),
    ("Suspected militants killed the mayor of the town in an ambush.", "killed", "Attack"),
    # the government as a body stands for its forces
    ("Militants attacked the government in the capital.", "attacked", "Armed clash"),
    # arrests at a protest are ACLED's intervention in it; an arrest elsewhere is an arrest
    ("Police arrested 40 protesters outside parliament.", "arrested", "Protest with intervention"),
    ("Police arrested the opposition leader at his home.", "arrested", "Arrests"),
    # a protest tried and stopped by arrests was intervened in
    ("Several activists were detained by police while trying to hold a demonstration.", "demonstration",
     "Protest with intervention"),
    # people stopped on their way are arrested; weapons counted in dozens are still weapons
    ("Police intercepted 15 suspected members of a militant cell.", "intercepted", "Arrests"),
    ("Special forces destroyed dozens of machine guns and roadside bombs in the operation.", "destroyed",
     "Disrupted weapons use"),
    # gangs that take ground are non-state actors to ACLED, not looters
    ("A gang took control of the Martissant neighbourhood.", "took control", "Non-state actor overtakes territory"),
    # bases made, ground taken "by force of" areas, protesters chased
    ("The US military has created a new base near the oil fields.", "created", "Headquarters or base established"),
    ("Military forces from the region took control by force of several areas in the north.", "took control",
     "Government regains territory"),
    ("Police chased the protesters away from the square.", "chased", "Protest with intervention"),
])
def test_the_acled_sub_type_of_a_worded_event(nlp, text, word, sub_type):
    (event,) = _worded(_extract(nlp, text), word)
    assert event.acled_sub_type == sub_type


@pytest.mark.parametrize("text, word, plover, actor", [
    # a crowd's violence is a riot, whoever the crowd is: pupils, learners, hostel dwellers
    ("A police station was attacked by pupils on Monday, injuring three officers.", "attacked", "PROTEST", "pupils"),
    ("Learners torched two classrooms at the school.", "torched", "PROTEST", "Learners"),
    ("Hostel dwellers attacked police with knives.", "attacked", "PROTEST", "Hostel dwellers"),
    ("Residents stoned police vehicles in the township.", "stoned", "PROTEST", "Residents"),
    # "striking miners": the noun does what the participle says, and workers strike by stopping work
    ("Striking municipal workers dumped rubbish in the streets of the city.", "Striking", "PROTEST",
     "Striking municipal workers"),
])
def test_crowds_and_strikers_named_by_what_they_do(nlp, text, word, plover, actor):
    (event,) = _worded(_extract(nlp, text), word)
    assert (event.plover_type, event.actor and event.actor.text) == (plover, actor)


@pytest.mark.parametrize("text, word, mode", [
    ("Truck drivers blocked the M1 near the city on Monday.", "blocked", "obstruct"),  # a road by its number
    ("Residents set a municipal office alight.", "set", "riot"),  # the parser takes `alight` for the object
])
def test_roads_by_number_and_fires_set(nlp, text, word, mode):
    (event,) = _worded(_extract(nlp, text), word)
    assert (event.plover_type, event.plover_mode) == ("PROTEST", mode)


@pytest.mark.parametrize("text, word, expected", [
    # a protest that a sentence speaks of took place, whatever preposition it hangs on
    ("A passer-by who walked past the protest said he supported it.", "protest", True),
    ("Police had to disperse a crowd after a day marked by more protests.", "protests", True),
    # one only wished for did not
    ("Unions called for a strike next week.", "strike", False),
    # a rally in tennis is no protest
    ("The champion and his rival played plenty of long rallies, the longest of which was 37 strokes.", "rallies",
     False),
])
def test_a_protest_spoken_of_is_an_event(nlp, text, word, expected):
    protests = [e for e in _worded(_extract(nlp, text), word) if e.plover_type == "PROTEST"]
    assert bool(protests) == expected


@pytest.mark.parametrize("text, word, sub_type", [
    # ACLED: a gathering the authorities disperse is a protest with intervention, force or not
    ("Police dispersed a group of children who gathered in the township on Tuesday.", "dispersed",
     "Protest with intervention"),
    ("The crowd was dispersed by police.", "dispersed", "Protest with intervention"),
])
def test_a_dispersed_gathering_is_a_protest_with_intervention(nlp, text, word, sub_type):
    (event,) = _worded(_extract(nlp, text), word)
    assert (event.plover_type, event.acled_sub_type) == ("COERCE", sub_type)


def test_a_crowd_dispersing_itself_is_no_lexicon_dispersal(nlp):
    # the lexicon's dispersal needs someone dispersed (what the heads make of the verb alone is theirs)
    assert not find_triggers(nlp("The protesters dispersed peacefully in the evening."))


def test_a_crowd_the_parser_hangs_on_the_wrong_noun_still_gathers(nlp):
    (event,) = _worded(_extract(nlp, "A large crowd of men holding umbrellas gathered at the sports grounds."),
                       "gathered")
    assert event.plover_type == "PROTEST" and event.actor is not None


def test_a_finite_verb_after_a_refusal_is_a_deed_of_its_own(nlp):
    (event,) = _worded(_extract(nlp, "They refused to disperse and threw stones at the police."), "threw")
    assert (event.plover_type, event.plover_mode) == ("PROTEST", "riot")


def test_a_refugee_camp_opened_is_no_base(nlp):
    events = _extract(nlp, "The government opened a new refugee camp.").events
    assert all(e.acled_sub_type != "Headquarters or base established" for e in events)


@pytest.mark.parametrize("text, word", [
    ("An angry mob attacked the police station.", "attacked"),
    ("A suspected cult leader was set ablaze by an angry mob in the village on Friday.", "set"),
])
def test_a_mobs_violence_is_mob_violence(nlp, text, word):
    (event,) = _worded(_extract(nlp, text), word)
    assert (event.plover_type, event.acled_sub_type) == ("PROTEST", "Mob violence")


@pytest.mark.parametrize("text, plover", [
    ("Miners refused to return to work until their demands were met.", "PROTEST"),  # a strike
    ("The rebels refused to return to the talks.", "REJECT"),
])
def test_refusing_to_return_to_work_is_a_strike(nlp, text, plover):
    (event,) = _worded(_extract(nlp, text), "refused")
    assert event.plover_type == plover


def test_a_clause_told_alongside_ranks_below_the_news(nlp):
    res = _extract(nlp, "A French minister threatened today to impose import restrictions against German goods as "
                        "the leaders of the two countries sought to ease tensions.")
    (threat,) = _worded(res, "threatened")
    (ease,) = _worded(res, "ease")
    assert threat.confidence > ease.confidence


@pytest.mark.parametrize("text, news, aside", [
    # a participle that says who someone is (`protesters calling for`, `a move welcomed by`) is not the news
    ("Riot police used water cannon to break up a rally by students calling for the release of detained "
     "activists.", "rally", "calling"),
    ("The rebel leader announced a four-month ceasefire in the war, extending a week-long truce in a move "
     "welcomed by the president.", "ceasefire", "welcomed"),
])
def test_a_participle_describing_a_noun_ranks_below_the_news(nlp, text, news, aside):
    res = _extract(nlp, text)
    (main,) = _worded(res, news)
    (described,) = _worded(res, aside)
    assert main.confidence > described.confidence


@pytest.mark.parametrize("text, protest", [
    ("Thousands rallied in the capital on Sunday.", True),
    ("As government we will rally behind our national teams.", False),  # rallying behind someone: support
    ("It must be a victory for the whole country, as was demonstrated by the team.", False),  # shown
])
def test_rallies_and_demonstrations_in_other_senses(nlp, text, protest):
    _assert_protest(nlp, text, protest)
