"""The ontology tables: integrity, exact spellings, and the loader's refusal of bad tables."""

from __future__ import annotations

import pytest

import eventwire.ontology.tables as tables_mod
from eventwire import ontology
from eventwire.ontology import (
    ACLED_EVENT_TYPES,
    ACLED_SUB_TYPES,
    MEANS,
    PLOVER_CONTEXTS,
    PLOVER_TYPES,
    OntologyError,
    acled_description,
    cameo_info,
    plover_info,
    plover_modes,
    sector_info,
)
from eventwire.ontology.tables import load_tables

# The spellings in DESIGN.md, "Ontologies and codes".
DESIGN_ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"],
}
DESIGN_PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                 "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def test_public_names_are_exported():
    for name in ontology.__all__:
        assert hasattr(ontology, name), name


# -- PLOVER ---------------------------------------------------------------------------------------

def test_sixteen_plover_types():
    assert PLOVER_TYPES == DESIGN_PLOVER


def test_plover_quads_and_descriptions():
    quads = {t: plover_info(t).quad for t in PLOVER_TYPES}
    assert {t for t, q in quads.items() if q == 1} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {t for t, q in quads.items() if q == 2} == {"COOPERATE", "AID", "RETREAT"}
    assert {t for t, q in quads.items() if q == 3} == {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"}
    assert {t for t, q in quads.items() if q == 4} == {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT"}
    assert all(plover_info(t).description for t in PLOVER_TYPES)


@pytest.mark.parametrize(("ptype", "some_modes"), [
    ("PROTEST", {"demo", "riot", "strike", "hunger", "boycott", "obstruct"}),
    ("ASSAULT", {"beat", "firearms", "explosives", "aerial", "drone", "sexual", "primitive", "massacre",
                 "suicide-attack", "heavy-weapons", "crowd-control", "abduct", "assassinate"}),
    ("COERCE", {"arrest", "seize", "curfew", "martial-law", "censor", "deport", "ban", "restrict",
                "withhold"}),
    ("MOBILIZE", {"troops", "police", "weapons", "militia"}),
    ("RETREAT", {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"}),
    ("REQUEST", {"assist", "change", "yield", "meet"}),
    ("ACCUSE", {"disapprove", "investigate", "allege"}),
    ("THREATEN", {"violence", "restrict", "ban", "arrest", "relations", "expel", "territory"}),
    ("SANCTION", {"convict", "expel", "withdraw", "discontinue"}),
    ("CONSULT", {"visit", "phone", "third-party", "multilateral"}),
])
def test_plover_modes(ptype, some_modes):
    assert some_modes <= set(plover_modes(ptype))


def test_types_without_modes():
    for t in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"):
        assert plover_modes(t) == ()


def test_plover_lookup_is_case_insensitive_and_strict():
    assert plover_info("protest").name == "PROTEST"
    with pytest.raises(OntologyError, match="unknown PLOVER type"):
        plover_modes("DEMAND")


def test_contexts_include_those_the_rules_use():
    assert {"military", "economic", "humanitarian", "peacekeeping", "asylum", "legal"} <= set(PLOVER_CONTEXTS)


# -- ACLED ----------------------------------------------------------------------------------------

def test_acled_types_and_sub_types_match_design_spellings():
    assert tuple(DESIGN_ACLED) == ACLED_EVENT_TYPES
    assert {sub: et for et, subs in DESIGN_ACLED.items() for sub in subs} == ACLED_SUB_TYPES
    assert len(ACLED_SUB_TYPES) == 25


def test_acled_descriptions():
    for name in (*ACLED_EVENT_TYPES, *ACLED_SUB_TYPES):
        assert acled_description(name), name
    assert acled_description("Armed Clash") is None  # spelling matters


def test_acled_counts_only_what_happened_or_was_attempted():
    assert load_tables().counted_modalities == {"happened", "attempted"}


# -- CAMEO ----------------------------------------------------------------------------------------

def test_cameo_roots_and_size():
    t = load_tables()
    for r in range(1, 21):
        assert cameo_info(f"{r:02d}") is not None
    assert len(t.cameo) > 300
    assert {len(c) for c in t.cameo} == {2, 3, 4}


@pytest.mark.parametrize(("code", "name_part", "quad", "goldstein"), [
    ("057", "agreement", 1, 8.0), ("072", "military aid", 2, 8.3), ("112", "accuse", 3, -2.0),
    ("141", "demonstrate", 3, -6.5), ("145", "riot", 3, -7.5), ("173", "arrest", 4, -5.0),
    ("1724", "emergency", 4, -5.0), ("1831", "suicide", 4, -10.0), ("195", "air", 4, -10.0),
    ("2041", "chemical", 4, -10.0), ("0874", "retreat", 2, 10.0), ("130", "threaten", 3, -4.4),
])
def test_cameo_codes(code, name_part, quad, goldstein):
    info = cameo_info(code)
    assert info is not None and name_part in info.name
    assert (info.root, info.quad_class, info.goldstein) == (code[:2], quad, goldstein)


def test_cameo_classes_and_goldstein_ranges():
    for c in load_tables().cameo.values():
        assert 1 <= c.quad_class <= 4 and 0 <= c.penta_class <= 4
        assert -10.0 <= c.goldstein <= 10.0
        assert c.name


def test_cameo_unknown_codes():
    assert cameo_info("999") is None
    assert cameo_info("1834") is None
    assert cameo_info(" 141 ").code == "141"


def test_sectors():
    for code in ("GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "CVL", "MED", "BUS", "EDU",
                 "REL", "LAB", "NGO", "IGO", "CRM", "UAF", "SPY", "HLH", "AGR", "ELI", "REF", "MOD", "RAD"):
        assert sector_info(code) is not None, code
    assert "armed" in sector_info("REB").groups and "civilian" in sector_info("cvl").groups
    assert sector_info("XYZ") is None
    armed = {s.code for s in load_tables().sectors.values() if "armed" in s.groups}
    civilian = {s.code for s in load_tables().sectors.values() if "civilian" in s.groups}
    assert not armed & civilian


def test_means_vocabulary():
    assert {"aerial", "shelling", "ied", "car-bomb", "grenade", "suicide", "chemical", "firearms",
            "blade", "crowd-control"} <= set(MEANS)


# -- mapping.tsv against the other tables -----------------------------------------------------------

def test_every_mapping_row_is_valid():
    t = load_tables()
    assert set(t.rules) == set(PLOVER_TYPES)
    for ptype, rules in t.rules.items():
        assert rules[-1].is_catch_all, ptype
        for rule in rules:
            assert rule.cameo in t.cameo, rule.line
            assert rule.mode is None or rule.mode <= {None, *plover_modes(ptype)}, rule.line
            if rule.acled_sub_type is not None:
                assert ACLED_SUB_TYPES[rule.acled_sub_type] == rule.acled_type, rule.line


def test_battle_rows_only_name_armed_sides():
    armed = {s.code for s in load_tables().sectors.values() if "armed" in s.groups} | {"GOV"}
    for rules in load_tables().rules.values():
        for rule in rules:
            if rule.acled_type == "Battles" and rule.actor is not None:
                # an unnamed side is allowed only where ground is taken: ACLED's "unidentified armed group"
                allowed = armed | ({None} if rule.context == frozenset({"resource"}) else set())
                assert rule.actor <= allowed, rule.line


# -- the loader refuses bad tables ------------------------------------------------------------------

@pytest.fixture
def patched(monkeypatch):
    """Replace one data file's text (substituting `old` with `new`) for the loader."""
    real = tables_mod._text

    def patch(name: str, old: str, new: str) -> None:
        text = real(name)
        assert old in text, old
        monkeypatch.setattr(tables_mod, "_text",
                            lambda n: text.replace(old, new, 1) if n == name else real(n))

    return patch


def _load_all():
    plover, contexts = tables_mod._load_plover()
    _, subs, counted = tables_mod._load_acled()
    cameo, _ = tables_mod._load_cameo(plover)
    means, _ = tables_mod._load_means()
    tables_mod._load_rules(plover, contexts, tables_mod._load_sectors(), means, subs, counted, cameo)


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("mapping.tsv", "\tArmed clash\t190\t", "\tArmed Clash\t190\t", "not an ACLED event type / sub-event"),
    ("mapping.tsv", "PROTEST\tdemo\t", "PROTESTS\tdemo\t", "unknown PLOVER type 'PROTESTS'"),
    ("mapping.tsv", "PROTEST\tdemo\t", "PROTEST\tdemonstration\t", "not a mode of PROTEST"),
    ("mapping.tsv", "\tArrests\t173\t", "\tArrests\t1739\t", "not in cameo.tsv"),
    ("mapping.tsv", "@civilian", "@civilians", "unknown sector group"),
    ("mapping.tsv", "\tMIL\t*\t", "\tMLI\t*\t", "'MLI' is not a known actor"),
    ("mapping.tsv", "\tplanned|threatened|hypothetical\t-\t-\t138", "\tplanned\tBattles\tArmed clash\t138",
     "modalities ACLED does not record"),
    ("cameo.tsv", "141\tdemonstrate or rally\t3\t4\t-6.5", "141\tdemonstrate or rally\t3\t4\t-16.5",
     "outside"),
    ("cameo.tsv", "141\tdemonstrate or rally\t3\t4", "141\tdemonstrate or rally\t4\t4", "quad_class"),
    ("cameo.tsv", "\tPROTEST\triot", "\tPROTEST\triots", "not a mode of PROTEST"),
    ("acled.json", '"counted_modalities": ["happened", "attempted"]', '"counted_modalities": ["done"]',
     "counted_modalities"),
    ("plover.json", '"march": "demo"', '"march": "demos"', "unknown mode 'demos'"),
])
def test_loader_rejects_bad_tables(patched, name, old, new, message):
    patched(name, old, new)
    with pytest.raises(OntologyError, match=message):
        _load_all()


def test_loader_rejects_rules_after_a_catch_all(patched):
    patched("mapping.tsv", "REJECT\t*\t*\t*\t*\t*\t*\t-\t-\t120\t",
            "REJECT\t*\t*\t*\t*\t*\t*\t-\t-\t120\t\nREJECT\tmeet\t*\t*\t*\t*\t*\t-\t-\t125\t")
    with pytest.raises(OntologyError, match="unreachable"):
        _load_all()


def test_loader_reports_file_and_line(patched):
    patched("mapping.tsv", "COERCE\tarrest\t", "COERCE\tarest\t")
    with pytest.raises(OntologyError, match=r"mapping\.tsv:\d+: 'arest'"):
        _load_all()
