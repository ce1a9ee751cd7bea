"""/api/incidents and /api/incidents/{id} over the bundled examples, and every filter of the REST API
checked against the events' own JSON (the store filters in SQL; this is what it must agree with)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from eventwire.store.query import haversine_km
from eventwire.web import create_app


@pytest.fixture(scope="module")
def client(examples_db) -> TestClient:
    with TestClient(create_app(examples_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def everything(client) -> list[dict]:
    data = client.get("/api/events", params={"limit": 1000}).json()
    assert data["total"] == len(data["events"]) > 20
    return data["events"]


@pytest.fixture(scope="module")
def incidents(client) -> list[dict]:
    data = client.get("/api/incidents", params={"limit": 1000}).json()
    assert data["total"] == len(data["incidents"]) > 5
    return data["incidents"]


def ok(client: TestClient, path: str, **params) -> dict:
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, params, r.text)
    return r.json()


def incident_ids(client: TestClient, **params) -> list[str]:
    data = ok(client, "/api/incidents", limit=1000, **params)
    assert data["total"] == len(data["incidents"])
    return [i["id"] for i in data["incidents"]]


# -- the list ----------------------------------------------------------------------------------


def test_incidents_list_every_article_once(client, incidents, everything):
    members = [a for i in incidents for a in i["article_ids"]]
    assert len(members) == len(set(members))
    assert {e["article_id"] for e in everything} <= set(members)
    for inc in incidents:
        assert {"id", "plover_type", "first_date", "last_date", "country", "place", "articles", "title",
                "fatalities_range", "disagree"} <= set(inc)
        assert inc["articles"] == len(inc["article_ids"]) >= 1
    dated = [i["first_date"] for i in incidents if i["first_date"]]
    assert dated == sorted(dated) and all(i["first_date"] for i in incidents[:len(dated)])  # undated last


def test_incidents_paginate(client, incidents):
    seen = []
    for offset in range(0, len(incidents), 4):
        page = ok(client, "/api/incidents", limit=4, offset=offset)
        assert page["total"] == len(incidents) and len(page["incidents"]) <= 4
        seen += [i["id"] for i in page["incidents"]]
    assert seen == [i["id"] for i in incidents]
    assert ok(client, "/api/incidents", offset=len(incidents) + 5)["incidents"] == []


def test_incident_filters(client, incidents, everything):
    by_id = {i["id"]: i for i in incidents}
    some = next(i for i in incidents if i["country"] and i["first_date"])
    assert all(by_id[i]["country"] == some["country"] for i in incident_ids(client, country=some["country"].lower()))
    assert some["id"] in incident_ids(client, country=some["country"])
    window = incident_ids(client, since=some["first_date"], until=some["first_date"])
    assert some["id"] in window
    for i in window:
        assert by_id[i]["first_date"] <= some["first_date"] <= (by_id[i]["last_date"] or "")
    assert incident_ids(client, since="2100-01-01") == []
    assert set(incident_ids(client, type="ASSAULT")) == {i["id"] for i in incidents if i["plover_type"] == "ASSAULT"}

    # through the incident's articles: ACLED type, place, actor, text
    member_of = {a: i["id"] for i in incidents for a in i["article_ids"]}
    acled = Counter(t for e in everything if (t := (e["event"].get("acled") or {}).get("event_type")))
    kind = acled.most_common(1)[0][0]
    expected = {member_of[e["article_id"]] for e in everything
                if (e["event"].get("acled") or {}).get("event_type") == kind}
    assert expected <= set(incident_ids(client, type=kind))
    placed = next(e for e in everything if (e["event"].get("location") or {}).get("lat") is not None)
    lat, lon = placed["event"]["location"]["lat"], placed["event"]["location"]["lon"]
    assert member_of[placed["article_id"]] in incident_ids(client, near=f"{lat},{lon},1")
    assert member_of[placed["article_id"]] in incident_ids(client, bbox=f"{lon - .1},{lat - .1},{lon + .1},{lat + .1}")
    police = {member_of[e["article_id"]] for e in everything if "police" in _actor_words(e["event"])}
    assert police and set(incident_ids(client, actor="Police")) == police
    assert incident_ids(client, q="zzzqqqxx") == []
    word = by_id[some["id"]]["title"].split()[0]
    assert some["id"] in incident_ids(client, q=word)


def test_one_incident_with_sources_timeline_and_disagreements(client, incidents):
    many = max(incidents, key=lambda i: (i["articles"], bool(i["disagree"])))
    assert many["articles"] >= 2 and many["disagree"], "the examples hold an incident reported differently"
    inc = ok(client, f"/api/incidents/{many['id']}")
    assert inc["id"] == many["id"] and inc["articles"] == len(inc["sources"]) == many["articles"]
    assert [s["article_id"] for s in inc["sources"]] == many["article_ids"]
    assert inc["sources"][0]["joined"] is None and all(s["joined"]["joined"] for s in inc["sources"][1:])
    assert {r["article_id"] for r in inc["timeline"]} == set(many["article_ids"])
    keys = [r["date"] or r["published"] for r in inc["timeline"]]
    assert keys == sorted(keys)
    d = inc["disagreements"]
    assert d["any"] and d["summary"] == many["disagree"]
    assert {"fatalities", "injured", "fatalities_range", "injured_range", "dates", "actors"} <= set(d)
    if len({r["best"] for r in d["fatalities"]}) > 1:
        low, high = d["fatalities_range"]
        assert all(low <= r["best"] <= high for r in d["fatalities"])
    # each source's article says which incident it is in
    art = ok(client, f"/api/articles/{inc['sources'][1]['article_id']}")
    assert art["incident"] == art["result"]["incident"] == inc["id"]


def test_incident_by_prefix_and_unknown(client, incidents):
    full = incidents[0]["id"]
    assert ok(client, f"/api/incidents/{full[:12]}")["id"] == full
    for missing in ("inc-nothing-like-it", full[:2], "inc-"):
        r = client.get(f"/api/incidents/{missing}")
        assert r.status_code == 404 and "detail" in r.json(), missing
    assert client.get("/api/incidents/" + "x" * 300).status_code == 422


# -- every filter agrees with the events' JSON --------------------------------------------------


def _actor_words(event: dict) -> str:
    actor = event.get("actor") or {}
    return "\n".join(str(actor.get(k) or "").casefold() for k in ("text", "name", "code"))


def _in_box(event: dict, box: tuple[float, float, float, float]) -> bool:
    loc = event.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None:
        return False
    minlon, minlat, maxlon, maxlat = box
    lon_ok = minlon <= lon <= maxlon if minlon <= maxlon else (lon >= minlon or lon <= maxlon)
    return lon_ok and minlat <= lat <= maxlat


def _keys(events: list[dict]) -> list[tuple[str, int]]:
    return [(e["article_id"], e["seq"]) for e in events]


@pytest.mark.parametrize("box", [(-10.0, 35.0, 45.0, 60.0), (30.0, 10.0, 80.0, 45.0), (-180.0, -90.0, 180.0, 90.0),
                                 (100.0, -50.0, -60.0, 60.0), (0.0, 0.0, 1.0, 1.0)])
def test_bbox_agrees_with_the_json(client, everything, box):
    got = ok(client, "/api/events", bbox=",".join(map(str, box)), limit=1000)
    assert _keys(got["events"]) == _keys([e for e in everything if _in_box(e["event"], box)])


@pytest.mark.parametrize("needle", ["police", "POLICE", "protesters", "ar", "forces", "no such actor", "é"])
def test_actor_agrees_with_the_json(client, everything, needle):
    got = ok(client, "/api/events", actor=needle, limit=1000)
    want = [e for e in everything if needle.casefold() in _actor_words(e["event"])]
    assert _keys(got["events"]) == _keys(want)


def test_near_agrees_with_the_json(client, everything):
    lat, lon, km = 33.9, 35.5, 300.0  # around Beirut
    got = ok(client, "/api/events", near=f"{lat},{lon},{km}", limit=1000)

    def dist(e: dict) -> float:
        loc = e["event"]["location"]
        return haversine_km(lat, lon, loc["lat"], loc["lon"])

    want = [e for e in everything if (e["event"].get("location") or {}).get("lat") is not None and dist(e) <= km]
    assert want and _keys(got["events"]) == _keys(want)


def test_points_are_the_placed_events_in_order(client, everything):
    def placed(events: list[dict]) -> list[list]:
        out = []
        for e in events:
            loc = e["event"].get("location") or {}
            if loc.get("lat") is not None and loc.get("lon") is not None:
                out.append([loc["lat"], loc["lon"], e["article_id"], e["seq"]])
        return out

    got = ok(client, "/api/events/points")
    assert got["fields"][:4] == ["lat", "lon", "article_id", "seq"] and got["more"] is False
    assert [p[:4] for p in got["points"]] == placed(everything)
    for p, e in zip(got["points"], [e for e in everything if (e["event"].get("location") or {}).get("lat") is not None],
                    strict=True):
        assert p[5] == e["event"]["plover"]["type"]
    few = ok(client, "/api/events/points", limit=3)
    assert few["more"] is True and few["points"] == got["points"][:3]
    kaz = ok(client, "/api/events/points", country="KAZ", type="PROTEST")
    assert [p[:4] for p in kaz["points"]] == placed(ok(client, "/api/events", country="KAZ", type="PROTEST",
                                                        limit=1000)["events"])
    for bad in (0, 20_001, "x"):
        assert client.get("/api/events/points", params={"limit": bad}).status_code == 422


def test_daily_counts_agree_with_the_json(client, everything):
    days = Counter(e["event"]["date"]["value"][:10] for e in everything
                   if (e["event"].get("date") or {}).get("precision") == "day")
    got = ok(client, "/api/stats/daily")
    assert {d["date"]: d["count"] for d in got["days"]} == dict(days)
    assert got["not_a_day"] == len(everything) - sum(days.values()) and got["total"] == len(everything)
    published = ok(client, "/api/stats/daily", basis="published")
    assert {d["date"]: d["count"] for d in published["days"]} == dict(Counter(e["published"] for e in everything
                                                                                if e["published"]))


@pytest.mark.parametrize(("scheme", "path"), [("plover", ("plover", "type")), ("acled", ("acled", "event_type")),
                                             ("acled_sub", ("acled", "sub_event_type")), ("cameo", ("cameo", "code"))])
def test_type_counts_agree_with_the_json(client, everything, scheme, path):
    def kind(e: dict) -> str:
        value = (e["event"].get(path[0]) or {}).get(path[1])
        return (value[:2] if scheme == "cameo" else value) if value else "(none)"

    got = ok(client, "/api/stats/types", scheme=scheme)
    assert {t["type"]: t["count"] for t in got["types"]} == dict(Counter(kind(e) for e in everything))
    counts = [t["count"] for t in got["types"]]
    assert counts == sorted(counts, reverse=True) and got["total"] == len(everything)


def test_filtered_counts_match_the_filtered_events(client):
    params = {"since": "2019-01-01", "until": "2021-12-31", "type": "ASSAULT"}
    events = ok(client, "/api/events", limit=1000, **params)
    daily = ok(client, "/api/stats/daily", **params)
    types = ok(client, "/api/stats/types", **params)
    assert events["total"] == daily["total"] == types["total"] > 0
    assert [t["type"] for t in types["types"]] == ["ASSAULT"]
    for e in events["events"]:
        start = dt.date.fromisoformat(e["event"]["date"]["value"][:4] + "-01-01")
        assert start.year <= 2021


# -- bad parameters: always a clear 4xx --------------------------------------------------------

GET_PATHS = ("/api/events", "/api/events/points", "/api/incidents", "/api/stats/daily", "/api/stats/types")


@pytest.mark.parametrize("params", [
    {"since": "yesterday"}, {"until": "2020-13-45"}, {"since": "2022-01-01", "until": "2021-01-01"},
    {"near": "1,2"}, {"near": "a,b,c"}, {"near": "95,10,5"}, {"near": "10,10,-5"}, {"near": "nan,1,5"},
    {"near": "10,10,30000"}, {"bbox": "1,2,3"}, {"bbox": "0,10,5,0"}, {"bbox": "0,0,200,10"}, {"bbox": "inf,0,1,1"},
    {"near": "1,1,10", "bbox": "0,0,1,1"}, {"country": "12"}, {"country": "KAZAKHSTAN"}, {"q": "x" * 600},
    {"actor": "x" * 300}, {"type": "x" * 200}, {"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "all"},
])
def test_bad_parameters_are_4xx_everywhere(client, params):
    for path in GET_PATHS:
        r = client.get(path, params=params)
        if (path.startswith("/api/stats") or path.endswith("/points")) and set(params) <= {"limit", "offset"}:
            continue  # the stats take no paging, the points no offset (and up to 20,000)
        assert 400 <= r.status_code < 500, (path, params, r.status_code, r.text)
        assert r.json()["detail"]


@pytest.mark.parametrize("value", ["", " ", "%", "_", "'", '"', "\\", "*", "NEAR(", "a OR b", "ü", "\u0000", "☃" * 3,
                                   "1e999", "-0", "null"])
def test_odd_values_never_make_a_500(client, value):
    for path in GET_PATHS:
        for name in ("since", "until", "country", "type", "near", "bbox", "actor", "q"):
            r = client.get(path, params={name: value})
            assert r.status_code < 500, (path, name, value, r.status_code, r.text)
    for path in ("/api/articles/", "/api/incidents/"):
        assert client.get(path + quote(value, safe="")).status_code < 500, (path, value)
    assert client.get("/api/search", params={"q": value}).status_code < 500
