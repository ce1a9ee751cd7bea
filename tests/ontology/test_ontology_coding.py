"""code_event and plover_for_cameo: the codings the rules must get right, modality, the way back."""

from __future__ import annotations

import logging

import pytest

from eventwire.ontology import (
    MODALITIES,
    PLOVER_TYPES,
    Coding,
    OntologyError,
    code_event,
    normalize_means,
    normalize_mode,
    plover_for_cameo,
    plover_modes,
)
from eventwire.ontology.tables import load_tables

BATTLE = ("Battles", "Armed clash")
VAC = "Violence against civilians"
REMOTE = "Explosions/Remote violence"
SD = "Strategic developments"


def acled(c: Coding) -> tuple[str | None, str | None]:
    return c.acled_type, c.acled_sub_type


# -- ASSAULT ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("actor", ["MIL", "COP", "GOV"])
@pytest.mark.parametrize("target", ["REB", "INS", "UAF"])
def test_state_forces_fighting_armed_groups_is_an_armed_clash(actor, target):
    assert code_event("ASSAULT", actor_sector=actor, target_sector=target) == Coding(*BATTLE, "190")
    firearms = code_event("ASSAULT", "firearms", actor_sector=actor, target_sector=target)
    assert firearms == Coding(*BATTLE, "193")
    assert code_event("ASSAULT", actor_sector=actor, target_sector=target, means="gunfire").cameo == "193"


def test_rebels_attacking_the_army_is_an_armed_clash():
    assert code_event("ASSAULT", actor_sector="REB", target_sector="MIL") == Coding(*BATTLE, "190")


@pytest.mark.parametrize("actor", ["MIL", "COP", "REB", "INS", "UAF", "CRM", None])
def test_assault_on_civilians_is_violence_against_civilians(actor):
    c = code_event("ASSAULT", actor_sector=actor, target_sector="CVL")
    assert acled(c) == (VAC, "Attack") and c.cameo[:2] == "18"
    assert code_event("ASSAULT", "beat", actor_sector=actor, target_sector="CVL").cameo == "182"
    assert code_event("ASSAULT", "assassinate", actor_sector=actor, target_sector="JRN").cameo == "186"


@pytest.mark.parametrize(("mode", "means", "sub", "cameo"), [
    (None, "air strike", "Air/drone strike", "195"),
    ("aerial", None, "Air/drone strike", "195"),
    ("drone", None, "Air/drone strike", "195"),
    (None, "drone", "Air/drone strike", "195"),
    (None, "artillery", "Shelling/artillery/missile attack", "194"),
    ("explosion", "shelling", "Shelling/artillery/missile attack", "194"),
    ("heavy-weapons", None, "Shelling/artillery/missile attack", "194"),
    (None, "IED", "Remote explosive/landmine/IED", "183"),
    (None, "landmine", "Remote explosive/landmine/IED", "183"),
    ("explosion", None, "Remote explosive/landmine/IED", "183"),
    (None, "car bomb", "Remote explosive/landmine/IED", "1832"),
    (None, "suicide bomber", "Suicide bomb", "1831"),
    ("suicide-attack", None, "Suicide bomb", "1831"),
    ("explosives", "suicide", "Suicide bomb", "1831"),
    (None, "grenade", "Grenade", "183"),
    (None, "sarin", "Chemical weapon", "2041"),
    ("unconventional", None, "Chemical weapon", "2041"),
])
@pytest.mark.parametrize("target", [None, "CVL", "MIL"])
def test_the_weapon_decides_remote_violence_whoever_the_target(mode, means, sub, cameo, target):
    c = code_event("ASSAULT", mode, actor_sector="INS", target_sector=target, means=means)
    if means == "grenade" and target == "MIL":
        cameo = "193"  # between armed sides a grenade is a light weapon (next test)
    assert c == Coding(REMOTE, sub, cameo)


def test_grenade_between_armed_sides_is_a_light_weapon():
    assert code_event("ASSAULT", means="grenade", actor_sector="MIL", target_sector="REB").cameo == "193"


@pytest.mark.parametrize(("mode", "sub", "cameo"), [
    ("sexual", "Sexual violence", "1821"), ("rape", "Sexual violence", "1821"),
    ("abduct", "Abduction/forced disappearance", "181"), ("kidnap", "Abduction/forced disappearance", "181"),
    ("torture", "Attack", "1822"), ("massacre", "Attack", "202"), ("mass", "Attack", "202"),
    ("cleansing", "Attack", "203"),
])
def test_one_sided_atrocities(mode, sub, cameo):
    assert code_event("ASSAULT", mode, actor_sector="MIL", target_sector="CVL") == Coding(VAC, sub, cameo)


def test_mass_killing_is_root_20():
    assert code_event("ASSAULT", "massacre").cameo[:2] == "20"


def test_police_force_on_crowds():
    assert code_event("ASSAULT", "crowd-control", actor_sector="COP", means="tear gas") == \
        Coding("Protests", "Protest with intervention", "175")
    assert code_event("ASSAULT", "crowd-control", actor_sector="COP", means="live fire") == \
        Coding("Protests", "Excessive force against protesters", "175")


def test_mobs_and_property():
    # a group by its sector (here a religious community) beating people is mob violence; a civilian
    # may be one person, which is violence against civilians (crowds of civilians: `link`, by their nouns)
    assert code_event("ASSAULT", "beat", actor_sector="REL", target_sector="CVL") == \
        Coding("Riots", "Mob violence", "182")
    assert acled(code_event("ASSAULT", "beat", actor_sector="CVL", target_sector="CVL")) == (
        "Violence against civilians", "Attack")
    for actor in ("MIL", "CVL", None):  # ACLED codes crowds torching or looting property as looting too
        c = code_event("ASSAULT", "destroy", actor_sector=actor)
        assert acled(c) == (SD, "Looting/property destruction")


def test_assault_fallbacks():
    assert code_event("ASSAULT") == Coding(*BATTLE, "190")
    assert code_event("ASSAULT", "firearms") == Coding(*BATTLE, "193")
    assert code_event("ASSAULT", means="machete") == Coding(VAC, "Attack", "180")
    assert code_event("ASSAULT", "execute", actor_sector="JUD") == Coding(None, None, "180")


# -- PROTEST ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "cameo"), [
    ("demo", "141"), ("march", "141"), ("hunger", "142"), ("strike", "143"), ("boycott", "143"),
    ("obstruct", "144"), ("occupy", "144"), (None, "140"),
])
def test_peaceful_protests(mode, cameo):
    assert code_event("PROTEST", mode, actor_sector="LAB", target_sector="GOV") == \
        Coding("Protests", "Peaceful protest", cameo)
    assert code_event("PROTEST", mode, means="tear gas") == \
        Coding("Protests", "Protest with intervention", cameo)
    assert code_event("PROTEST", mode, means="firearms") == \
        Coding("Protests", "Excessive force against protesters", cameo)


def test_riots():
    assert code_event("PROTEST", "riot", actor_sector="OPP", target_sector="COP") == \
        Coding("Riots", "Violent demonstration", "145")
    assert code_event("PROTEST", "riot", means="tear gas") == Coding("Riots", "Violent demonstration", "145")
    assert code_event("PROTEST", "riot", target_sector="REL") == Coding("Riots", "Mob violence", "145")


# -- COERCE, MOBILIZE -------------------------------------------------------------------------------

def test_coerce():
    assert code_event("COERCE", "arrest", actor_sector="COP") == Coding(SD, "Arrests", "173")
    assert code_event("COERCE", "seize", actor_sector="REB") == \
        Coding("Battles", "Non-state actor overtakes territory", "192")
    assert code_event("COERCE", "occupy", actor_sector="INS", target_sector="MIL").acled_sub_type == \
        "Non-state actor overtakes territory"
    # state forces taking ground (the `resource` context) regain territory; taking goods is not a battle
    assert code_event("COERCE", "seize", actor_sector="MIL", target_sector="REB", context="resource") == \
        Coding("Battles", "Government regains territory", "192")
    assert code_event("COERCE", "seize", actor_sector="MIL", context="resource").acled_sub_type == \
        "Government regains territory"
    assert code_event("COERCE", "seize", actor_sector="COP").acled_sub_type == "Looting/property destruction"
    # ground taken by someone unnamed: back from an armed group, or by one
    assert code_event("COERCE", "seize", target_sector="REB", context="resource").acled_sub_type == \
        "Government regains territory"
    assert code_event("COERCE", "seize", context="resource").acled_sub_type == "Non-state actor overtakes territory"
    assert code_event("COERCE", "seize", actor_sector="MIL", target_sector="BUS") == \
        Coding(SD, "Looting/property destruction", "1711")
    assert code_event("COERCE", "seize", actor_sector="COP", means="weapons cache") == \
        Coding(SD, "Disrupted weapons use", "1711")
    assert code_event("COERCE", "curfew", actor_sector="GOV") == Coding(SD, "Other", "1723")
    for word in ("martial-law", "state of emergency", "emergency"):
        assert code_event("COERCE", word, actor_sector="GOV") == Coding(SD, "Other", "1724")
    assert code_event("COERCE", "censor") == Coding(None, None, "1721")
    assert code_event("COERCE", "raid").cameo == "170"


def test_mobilize():
    change = "Change to group/activity"  # ACLED's category for deployments and reinforcements
    assert code_event("MOBILIZE", "troops", actor_sector="MIL") == Coding(SD, change, "154")
    assert code_event("MOBILIZE", "police", actor_sector="COP") == Coding(SD, change, "153")
    assert code_event("MOBILIZE", "weapons", actor_sector="MIL") == Coding(SD, "Other", "152")
    assert code_event("MOBILIZE") == Coding(None, None, "150")
    assert code_event("MOBILIZE", "militia", actor_sector="REB").acled_sub_type == "Change to group/activity"
    assert code_event("MOBILIZE", actor_sector="REB", means="base").acled_sub_type == \
        "Headquarters or base established"


# -- cooperative and verbal types -------------------------------------------------------------------

@pytest.mark.parametrize(("args", "kwargs", "cameo"), [
    (("AGREE",), {}, "030"), (("AGREE",), {"context": "economic"}, "0311"),
    (("CONSULT",), {}, "040"), (("CONSULT", "visit"), {}, "042"), (("CONSULT", "phone"), {}, "041"),
    (("SUPPORT",), {}, "050"), (("COOPERATE",), {}, "060"), (("COOPERATE", "military"), {}, "062"),
    (("AID",), {}, "070"), (("AID", "military"), {}, "072"), (("AID",), {"context": "humanitarian"}, "073"),
    (("CONCEDE",), {}, "080"), (("CONCEDE", "ease"), {}, "080"), (("RETREAT", "economic"), {}, "085"),
    (("RETREAT", "resign"), {"actor_sector": "GOV"}, "0831"), (("RETREAT", "release"), {}, "0841"),
    (("RETREAT",), {}, "087"),
    (("REQUEST",), {}, "020"), (("REQUEST", "assist"), {}, "023"),
    (("REQUEST", "assist"), {"context": "humanitarian"}, "0233"),
    (("REQUEST", "aid"), {"means": "demand"}, "103"),
    (("REQUEST", "change"), {"means": "demanded"}, "104"),
    # CAMEO's statements of responsibility and sympathy, and symbolic acts (015-018)
    (("CONCEDE",), {"means": "claim-responsibility"}, "015"),
    (("REJECT", "change"), {"means": "deny-responsibility"}, "016"),
    (("SUPPORT",), {"means": "symbolic"}, "017"),
    (("SUPPORT",), {"means": "condolences", "actor_sector": "REB", "target_sector": "GOV"}, "018"),
    (("ACCUSE",), {}, "112"), (("ACCUSE", "disapprove"), {}, "111"), (("ACCUSE", "investigate"), {}, "090"),
    (("REJECT",), {}, "120"), (("REJECT", "meet"), {}, "125"),
    (("THREATEN",), {}, "130"), (("THREATEN", "violence"), {}, "138"),
    (("THREATEN", "violence"), {"actor_sector": "COP", "target_sector": "CVL"}, "137"),
    (("THREATEN", "restrict"), {"actor_sector": "LAB"}, "133"),
    (("SANCTION",), {}, "163"), (("SANCTION", "expel"), {}, "166"), (("SANCTION", "convict"), {}, "116"),
])
def test_cameo_codes_of_other_types(args, kwargs, cameo):
    assert code_event(*args, **kwargs).cameo == cameo


@pytest.mark.parametrize("ptype", ["CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "REQUEST",
                                   "ACCUSE", "REJECT", "THREATEN", "SANCTION"])
def test_types_outside_acled_get_no_acled_category(ptype):
    for mode in (None, *plover_modes(ptype)):
        c = code_event(ptype, mode, actor_sector="GOV", target_sector="GOV")
        assert acled(c) == (None, None), (ptype, mode)


def test_agreements_between_conflict_parties():
    assert code_event("AGREE", actor_sector="REB", target_sector="GOV") == Coding(SD, "Agreement", "037")
    assert code_event("SUPPORT", actor_sector="GOV", target_sector="INS") == Coding(SD, "Agreement", "057")
    assert acled(code_event("AGREE", actor_sector="GOV", target_sector="GOV")) == (None, None)
    assert code_event("AGREE", actor_sector="MIL", target_sector="MIL").acled_sub_type == "Agreement"
    assert code_event("AGREE", actor_sector="MIL").acled_sub_type == "Agreement"  # "the army agreed a truce"
    assert code_event("CONSULT", actor_sector="GOV", target_sector="REB") == Coding(SD, "Agreement", "046")
    assert code_event("CONSULT", "visit", actor_sector="GOV", target_sector="GOV") == \
        Coding(None, None, "042")
    assert code_event("RETREAT", "ceasefire", actor_sector="REB") == Coding(SD, "Agreement", "0871")
    # ground changes hands only when the text says it was given up; pulling forces back is a change of activity
    assert code_event("RETREAT", "withdraw", actor_sector="MIL", context="resource").acled_sub_type == \
        "Non-violent transfer of territory"
    assert code_event("RETREAT", "withdraw", actor_sector="MIL").acled_sub_type == "Change to group/activity"
    assert code_event("COERCE", "seize", actor_sector="REB", means="without a fight").acled_sub_type == \
        "Non-violent transfer of territory"
    assert code_event("COERCE", "seize", actor_sector="COP", means="unopposed").acled_sub_type == \
        "Looting/property destruction"  # goods, not ground
    assert code_event("RETREAT", "disarm", actor_sector="REB").acled_sub_type == "Change to group/activity"


# -- modality -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("modality", ["planned", "threatened", "hypothetical"])
def test_unreal_assault_is_coded_as_a_threat(modality):
    assert code_event("ASSAULT", "firearms", actor_sector="REB", target_sector="MIL", modality=modality) == \
        Coding(None, None, "138")
    assert code_event("ASSAULT", means="sarin", modality=modality).cameo == "1385"
    assert code_event("ASSAULT", "explosives", modality=modality).cameo == "1383"
    assert code_event("ASSAULT", means="air strike", modality=modality).cameo == "1384"
    assert code_event("ASSAULT", actor_sector="COP", target_sector="OPP", modality=modality).cameo == "137"


def test_other_unreal_events():
    assert code_event("PROTEST", "demo", modality="planned") == Coding(None, None, "133")
    assert code_event("COERCE", "curfew", modality="threatened").cameo == "1323"
    assert code_event("COERCE", "martial-law", modality="threatened").cameo == "1324"
    assert code_event("SANCTION", modality="threatened").cameo == "1312"
    assert code_event("MOBILIZE", "troops", modality="threatened").cameo == "138"
    assert code_event("CONSULT", modality="planned").cameo == "036"
    assert code_event("AID", "military", modality="planned").cameo == "0332"
    assert code_event("RETREAT", "withdraw", modality="planned").cameo == "0356"


def test_rival_party_supporters_fighting_is_mob_violence():
    assert acled(code_event("PROTEST", "riot", actor_sector="OPP", target_sector="PTY")) == ("Riots", "Mob violence")
    assert acled(code_event("PROTEST", "riot", actor_sector="PTY", target_sector="OPP")) == ("Riots", "Mob violence")
    # a crowd attacking health workers or reporters turns on people: mob violence
    assert acled(code_event("PROTEST", "riot", actor_sector="CVL", target_sector="MED")) == ("Riots", "Mob violence")
    assert acled(code_event("PROTEST", "riot", actor_sector="CVL", target_sector="JRN")) == ("Riots", "Mob violence")
    # a crowd fighting the police is still a violent demonstration
    assert acled(code_event("PROTEST", "riot", actor_sector="OPP", target_sector="COP")) == (
        "Riots", "Violent demonstration")


def test_attempts():
    assert code_event("ASSAULT", "assassinate", modality="attempted") == Coding(VAC, "Attack", "185")
    foiled = Coding(SD, "Disrupted weapons use", "183")
    assert code_event("ASSAULT", means="IED", modality="attempted") == foiled
    assert acled(code_event("ASSAULT", "suicide-attack", modality="attempted")) == acled(foiled)
    fight = code_event("ASSAULT", "firearms", actor_sector="MIL", target_sector="REB", modality="attempted")
    assert fight == Coding(*BATTLE, "193")
    # drones and missiles stopped in the air are disrupted, like bombs defused
    assert code_event("ASSAULT", "drone", modality="attempted") == Coding(SD, "Disrupted weapons use", "195")
    assert code_event("ASSAULT", means="missiles", modality="attempted") == Coding(SD, "Disrupted weapons use", "194")


def test_denied_events_keep_their_cameo_code_but_not_acled():
    happened = code_event("ASSAULT", actor_sector="MIL", target_sector="CVL")
    denied = code_event("ASSAULT", actor_sector="MIL", target_sector="CVL", modality="denied")
    assert denied == Coding(None, None, happened.cameo)


def test_acled_only_for_counted_modalities_for_every_type_and_mode():
    for ptype in PLOVER_TYPES:
        for mode in (None, *plover_modes(ptype)):
            for modality in MODALITIES:
                c = code_event(ptype, mode, modality=modality)
                assert c.cameo in load_tables().cameo
                if modality not in ("happened", "attempted"):
                    assert acled(c) == (None, None), (ptype, mode, modality)


# -- inputs ----------------------------------------------------------------------------------------------

def test_normalize_mode():
    assert normalize_mode("protest", "March") == "demo"
    assert normalize_mode("ASSAULT", "air strike") == "aerial"
    assert normalize_mode("COERCE", "martial law") == "martial-law"
    assert normalize_mode("ASSAULT", "kill") is None
    assert normalize_mode("ASSAULT", None) is None
    with pytest.raises(OntologyError, match="not a mode of PROTEST"):
        normalize_mode("PROTEST", "picnic")


def test_normalize_means():
    assert normalize_means("Air Strike") == "aerial"
    assert normalize_means("tear_gas") == "crowd-control"
    assert normalize_means("stun grenade") == "crowd-control"
    assert normalize_means("grenade") == "grenade"
    assert normalize_means("banana") is None and normalize_means(None) is None


def test_bad_type_and_modality_are_errors():
    with pytest.raises(OntologyError, match="unknown PLOVER type"):
        code_event("FIGHT")
    with pytest.raises(OntologyError, match="unknown modality"):
        code_event("ASSAULT", modality="rumoured")


def test_unknown_words_are_logged_and_read_as_not_given(caplog):
    with caplog.at_level(logging.WARNING, logger="eventwire.ontology"):
        c = code_event("PROTEST", "picnic-xyz", means="feather-xyz", actor_sector="ZZZ")
    assert c == code_event("PROTEST")
    assert "picnic-xyz" in caplog.text and "feather-xyz" in caplog.text and "ZZZ" in caplog.text


def test_sector_case_is_ignored():
    assert code_event("ASSAULT", actor_sector="mil", target_sector=" reb ") == Coding(*BATTLE, "190")


# -- the way back -------------------------------------------------------------------------------------------

ROOT_TYPES = {"01": None, "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
              "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST",
              "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
              "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}


@pytest.mark.parametrize("root", sorted(ROOT_TYPES))
def test_every_root_maps_back_to_plover(root):
    ptype, mode = plover_for_cameo(root)
    assert ptype in PLOVER_TYPES and (mode is None or mode in plover_modes(ptype))
    if ROOT_TYPES[root]:
        assert ptype == ROOT_TYPES[root]
        assert plover_for_cameo(root + "0")[0] == ptype


@pytest.mark.parametrize(("code", "expected"), [
    ("145", ("PROTEST", "riot")), ("1411", ("PROTEST", "demo")), ("173", ("COERCE", "arrest")),
    ("1724", ("COERCE", "martial-law")), ("193", ("ASSAULT", "firearms")), ("195", ("ASSAULT", "aerial")),
    ("1831", ("ASSAULT", "suicide-attack")), ("0831", ("RETREAT", "resign")),
    ("0871", ("RETREAT", "ceasefire")),
    ("116", ("SANCTION", "convict")), ("175", ("ASSAULT", "crowd-control")), ("042", ("CONSULT", "visit")),
    ("1834", ("ASSAULT", "explosives")),  # unknown code read through its parent 183
])
def test_plover_for_cameo(code, expected):
    assert plover_for_cameo(code) == expected


@pytest.mark.parametrize("bad", ["", "1", "21", "abc", "99999"])
def test_plover_for_cameo_rejects_non_codes(bad):
    with pytest.raises(OntologyError):
        plover_for_cameo(bad)


def test_rules_and_the_way_back_agree():
    """A rule for events that happen gives a CAMEO code that maps back to the rule's own PLOVER type;
    a rule only for plans, threats or hypotheticals gives a threat (13x) or an intent (03x)."""
    for ptype, rules in load_tables().rules.items():
        for rule in rules:
            back = plover_for_cameo(rule.cameo)[0]
            if rule.modality is None or rule.modality & {"happened", "attempted", "denied"}:
                assert back == ptype, (rule.line, rule.cameo, back)
            else:
                assert back in ("THREATEN", "AGREE"), (rule.line, rule.cameo, back)
