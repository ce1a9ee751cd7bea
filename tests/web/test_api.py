"""The REST API and the page through FastAPI's TestClient, over a small database built here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import eventwire
from eventwire.web import create_app

STATIC = Path(eventwire.__file__).parent / "web" / "static"
TOKEN = "s3cret-token"

# Short reports in our own words; file names carry the publication date.
REPORTS = {
    "2022-01-06-almaty.txt": "Police clash with protesters in Almaty\nPolice fired tear gas at protesters in Almaty "
                             "on Wednesday, and officials said eight officers were killed.",
    "2021-03-01-yangon.txt": "Shooting in Yangon\nSoldiers opened fire on protesters in Yangon on Sunday, killing five "
                             "people, witnesses said.",
    "2020-08-10-minsk.txt": "Arrests in Minsk\nPolice arrested 30 protesters in Minsk on Sunday.",
    "2019-07-22-idlib.txt": "Air strike on Idlib market\nWarplanes struck a market in Idlib on Sunday, killing nine "
                            "civilians. <script>alert(1)</script> was written on a wall.",
}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web")
    src = root / "src"
    src.mkdir()
    for name, text in REPORTS.items():
        (src / name).write_text(text, encoding="utf-8")
    path = root / "db.sqlite"
    with eventwire.open(path) as db:
        report = db.ingest([src])
        assert report.added == len(REPORTS), report.problems
    return path


@pytest.fixture(scope="module")
def client(db_path) -> TestClient:
    with TestClient(create_app(db_path), raise_server_exceptions=False) as c:
        yield c


def events(client: TestClient, **params) -> dict:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def all_events(client: TestClient) -> list[dict]:
    return events(client, limit=1000)["events"]


def article_of(client: TestClient, word: str) -> str:
    return next(e["article_id"] for e in all_events(client) if word in (e["title"] or ""))


# -- events and filters ----------------------------------------------------------------------


def test_events_have_total_and_contract(client):
    data = events(client)
    assert data["total"] == len(data["events"]) > 0
    first = data["events"][0]
    assert {"article_id", "seq", "title", "published", "event"} <= set(first)
    assert "trigger" in first["event"] and "plover" in first["event"]


def test_pagination_walks_every_event_once(client):
    total = events(client)["total"]
    seen = []
    for offset in range(0, total, 2):
        page = events(client, limit=2, offset=offset)
        assert page["total"] == total and len(page["events"]) <= 2
        seen += [(e["article_id"], e["seq"]) for e in page["events"]]
    assert len(seen) == len(set(seen)) == total
    assert events(client, limit=5, offset=total + 10)["events"] == []


def test_filter_by_country_and_date(client):
    mmr = events(client, country="mmr")
    assert mmr["total"] > 0 and all(e["event"]["location"]["country"] == "MMR" for e in mmr["events"]
                                    if e["event"]["location"])
    assert events(client, since="2030-01-01")["total"] == 0
    window = events(client, since="2021-02-01", until="2021-03-31")
    assert window["total"] > 0 and {e["article_id"] for e in window["events"]} == {article_of(client, "Yangon")}


def test_filter_by_type(client):
    protests = events(client, type="PROTEST")
    assert all(e["event"]["plover"]["type"] == "PROTEST" for e in protests["events"])
    coerce = events(client, type="coerce")
    assert coerce["total"] > 0 and any("Minsk" in e["title"] for e in coerce["events"])


def test_filter_near_and_bbox(client):
    near = events(client, near="16.8,96.15,50")  # Yangon
    assert near["total"] > 0 and all(e["distance_km"] <= 50 for e in near["events"])
    box = events(client, bbox="95,15,97,18")
    assert box["total"] > 0
    assert all(95 <= e["event"]["location"]["lon"] <= 97 for e in box["events"])
    assert events(client, bbox="-10,-10,-5,-5")["total"] == 0
    # a box across the antimeridian
    assert events(client, bbox="170,-90,-170,90")["total"] == 0


def test_filter_by_actor_and_text(client):
    police = events(client, actor="police")
    assert police["total"] > 0
    assert all("police" in " ".join(str(e["event"]["actor"].get(k) or "") for k in ("text", "name")).lower()
               for e in police["events"])
    paged = events(client, actor="police", limit=1)
    assert paged["total"] == police["total"] and len(paged["events"]) == 1
    idlib = events(client, q="warplanes")
    assert idlib["total"] > 0 and {e["article_id"] for e in idlib["events"]} == {article_of(client, "Idlib")}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 5000}, {"limit": "ten"}, {"offset": -1},
                                    {"offset": 10**30}, {"offset": "1.5"}])
def test_bad_paging_is_4xx_json(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422 and "detail" in r.json()


@pytest.mark.parametrize("params", [
    {"since": "yesterday"}, {"until": "2020-13-45"}, {"since": "2022-01-01", "until": "2021-01-01"},
    {"near": "1,2"}, {"near": "a,b,c"}, {"near": "95,10,5"}, {"near": "10,10,-5"}, {"near": "nan,1,5"},
    {"bbox": "1,2,3"}, {"bbox": "0,10,5,0"}, {"bbox": "0,0,200,10"}, {"bbox": "inf,0,1,1"},
    {"near": "1,1,10", "bbox": "0,0,1,1"}, {"country": "12"}, {"country": "KAZAKHSTAN"}, {"q": "x" * 600},
])
def test_bad_parameters_are_4xx_json(client, params):
    for path in ("/api/events", "/api/stats/daily", "/api/stats/types"):
        r = client.get(path, params=params)
        assert 400 <= r.status_code < 500, (path, params, r.status_code, r.text)
        assert "detail" in r.json()


def test_odd_text_queries_are_not_errors(client):
    for q in ['"unclosed', "AND OR NOT", "title:x", "*", "(", "NEAR(a b)"]:
        assert client.get("/api/events", params={"q": q}).status_code == 200
        assert client.get("/api/search", params={"q": q}).status_code == 200


# -- articles, search, stats -------------------------------------------------------------------


def test_article_with_evidence_spans(client):
    art_id = article_of(client, "Yangon")
    r = client.get(f"/api/articles/{art_id}")
    assert r.status_code == 200
    art = r.json()
    assert art["id"] == art_id and "Soldiers opened fire" in art["text"]
    assert art["result"]["events"]
    kinds = {s["kind"] for s in art["spans"]}
    assert {"trigger", "location"} <= kinds
    for s in art["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(art["text"])
        assert s["event"] is None or 0 <= s["event"] < len(art["result"]["events"])
    trigger = next(s for s in art["spans"] if s["kind"] == "trigger")
    assert art["text"][trigger["start"]:trigger["end"]] == art["result"]["events"][trigger["event"]]["trigger"]["text"]


def test_unknown_article_is_404(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404 and "no-such-article" in r.json()["detail"]


def test_search(client):
    r = client.get("/api/search", params={"q": "Minsk"})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert [h["article_id"] for h in hits] == [article_of(client, "Minsk")]
    assert "[Minsk]" in hits[0]["snippet"]
    assert client.get("/api/search", params={"q": "zzzqqq"}).json()["hits"] == []
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "x", "limit": 0}).status_code == 422


def test_stats_daily_and_types(client):
    total = events(client)["total"]
    daily = client.get("/api/stats/daily").json()
    assert sum(d["count"] for d in daily["days"]) + daily["not_a_day"] == daily["total"] == total
    assert [d["date"] for d in daily["days"]] == sorted(d["date"] for d in daily["days"])
    assert any(d["date"] == "2021-02-28" for d in daily["days"])  # "on Sunday" before 2021-03-01
    published = client.get("/api/stats/daily", params={"basis": "published"}).json()
    assert {d["date"] for d in published["days"]} <= {"2022-01-06", "2021-03-01", "2020-08-10", "2019-07-22"}
    assert client.get("/api/stats/daily", params={"basis": "nope"}).status_code == 422
    types = client.get("/api/stats/types").json()
    assert sum(t["count"] for t in types["types"]) == total
    counts = [t["count"] for t in types["types"]]
    assert counts == sorted(counts, reverse=True)
    assert client.get("/api/stats/types", params={"scheme": "acled"}).json()["scheme"] == "acled"
    cameo = client.get("/api/stats/types", params={"scheme": "cameo"}).json()
    assert all(len(t["type"]) == 2 or t["type"] == "(none)" for t in cameo["types"])
    assert client.get("/api/stats/types", params={"scheme": "gdelt"}).status_code == 422
    mmr = client.get("/api/stats/types", params={"country": "MMR"}).json()
    assert mmr["total"] == events(client, country="MMR")["total"]


def test_docs_and_openapi(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/articles/{article_id}", "/api/stats/daily", "/api/stats/types",
                 "/api/search"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


# -- writing ---------------------------------------------------------------------------------


def test_post_is_disabled_without_token(client):
    r = client.post("/api/articles", json={"text": "Police arrested ten people in Lagos on Friday."},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403


def test_post_needs_the_token(db_path):
    with TestClient(create_app(db_path, token=TOKEN), raise_server_exceptions=False) as c:
        body = {"id": "posted-1", "title": "Lagos arrests", "published": "2020-10-23",
                "text": "Police arrested twelve protesters in Lagos on Friday."}
        assert c.post("/api/articles", json=body).status_code == 401
        assert c.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/articles", json=body, headers={"Authorization": TOKEN}).status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.post("/api/articles", json={"text": ""}, headers=auth).status_code == 422
        assert c.post("/api/articles", json={**body, "published": "soon"}, headers=auth).status_code == 400
        assert c.post("/api/articles", content=b"not json", headers=auth).status_code == 422
        r = c.post("/api/articles", json=body, headers=auth)
        assert r.status_code == 201, r.text
        assert r.json()["added"] == 1 and r.json()["ids"] == ["posted-1"]
        art = c.get("/api/articles/posted-1").json()
        assert art["text"] == body["text"] and art["result"]["events"]
        again = c.post("/api/articles", json=body, headers=auth).json()
        assert again["added"] == 0 and again["duplicates"] == 1


# -- the page ----------------------------------------------------------------------------------


def test_page_and_static_files_are_served(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert "/static/app.js" in html and "/static/style.css" in html
    assert not re.search(r"(src|href)=\"https?://", html)  # nothing loaded from elsewhere
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    css = client.get("/static/style.css").text
    for kind in ("trigger", "actor", "target", "location", "date", "count", "source", "quote", "label"):
        assert f".ev-{kind}" in css


def test_script_in_an_article_is_data(client):
    art_id = article_of(client, "Idlib")
    r = client.get(f"/api/articles/{art_id}")
    assert r.headers["content-type"].startswith("application/json")
    assert "<script>alert(1)</script>" in r.json()["text"]  # returned as it was written, as JSON data


def test_page_script_never_writes_markup():
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
    # the article text goes in through text nodes
    assert "textContent" in js and "createTextNode(piece.text)" in js
    assert re.search(r'el\("span", piece\.text\)', js)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", js)  # no external resources


def test_map_outlines_are_served_locally(client):
    html = client.get("/").text
    assert "/static/vendor/topojson-client.min.js" in html
    topo = client.get("/static/vendor/countries-110m.json")
    assert topo.status_code == 200 and topo.json()["type"] == "Topology"
    assert "countries" in topo.json()["objects"]
    assert client.get("/static/vendor/topojson-client.min.js").status_code == 200
