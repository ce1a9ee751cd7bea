"""How fast the REST API answers over a large database: 100,000 synthetic events, then timed queries.

    python bench/api_bench.py --events 100000 --out bench/results

The database is generated (seeded, so every run builds the same one) through the store's own bulk
path, `SQLiteStore.add_results` in batches, so its rows, JSON, indexes and triggers are exactly what
`eventwire ingest` writes; incidents are grouped by story and stored with `set_incidents`. The events
are varied the way news is: ten years of dates (most to the day, some to a month or a year, a few
undated), 60 cities in 50 countries with jittered coordinates, PLOVER/ACLED/CAMEO types from a
weighted list, actors with names and CAMEO-style codes, counts of killed, and article texts and
titles built from the same facts with varied wording (so full-text search has something to find).

Each query goes through FastAPI's TestClient (routing, validation, the store's SQL, JSON encoding;
no network), `--warmup` times first, then `--repeat` times measured. The gate: every median under
`--budget-ms` (50 ms); the script exits 1 otherwise. Writes `api.json` and `api.md` to `--out`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from eventwire.model import Actor, Article, DocumentResult, Event, Place, Quantity, Span, TimeMention
from eventwire.store import IncidentMember, SQLiteStore, StoredIncident
from eventwire.web import create_app

# name, ISO3, admin1, lat, lon
CITIES = [
    ("Kyiv", "UKR", "Kyiv City", 50.45, 30.52), ("Kharkiv", "UKR", "Kharkiv", 49.99, 36.23),
    ("Aleppo", "SYR", "Aleppo", 36.20, 37.16), ("Idlib", "SYR", "Idlib", 35.93, 36.63),
    ("Damascus", "SYR", "Damascus", 33.51, 36.29), ("Baghdad", "IRQ", "Baghdad", 33.31, 44.36),
    ("Mosul", "IRQ", "Nineveh", 36.34, 43.13), ("Kabul", "AFG", "Kabul", 34.53, 69.17),
    ("Kandahar", "AFG", "Kandahar", 31.61, 65.71), ("Sanaa", "YEM", "Amanat al Asimah", 15.35, 44.21),
    ("Aden", "YEM", "Aden", 12.78, 45.04), ("Mogadishu", "SOM", "Banaadir", 2.04, 45.34),
    ("Khartoum", "SDN", "Khartoum", 15.50, 32.56), ("Lagos", "NGA", "Lagos", 6.52, 3.38),
    ("Maiduguri", "NGA", "Borno", 11.85, 13.16), ("Bamako", "MLI", "Bamako", 12.64, -8.00),
    ("Niamey", "NER", "Niamey", 13.51, 2.11), ("Ouagadougou", "BFA", "Centre", 12.37, -1.52),
    ("Addis Ababa", "ETH", "Addis Ababa", 9.03, 38.74), ("Mekelle", "ETH", "Tigray", 13.50, 39.47),
    ("Goma", "COD", "North Kivu", -1.68, 29.22), ("Kinshasa", "COD", "Kinshasa", -4.44, 15.27),
    ("Nairobi", "KEN", "Nairobi", -1.29, 36.82), ("Cairo", "EGY", "Cairo", 30.04, 31.24),
    ("Tripoli", "LBY", "Tripoli", 32.89, 13.19), ("Beirut", "LBN", "Beirut", 33.89, 35.50),
    ("Gaza", "PSE", "Gaza", 31.50, 34.47), ("Tehran", "IRN", "Tehran", 35.69, 51.39),
    ("Istanbul", "TUR", "Istanbul", 41.01, 28.98), ("Yangon", "MMR", "Yangon", 16.87, 96.20),
    ("Mandalay", "MMR", "Mandalay", 21.97, 96.08), ("Dhaka", "BGD", "Dhaka", 23.81, 90.41),
    ("Karachi", "PAK", "Sindh", 24.86, 67.01), ("Lahore", "PAK", "Punjab", 31.55, 74.34),
    ("New Delhi", "IND", "Delhi", 28.61, 77.21), ("Manila", "PHL", "Metro Manila", 14.60, 120.98),
    ("Jakarta", "IDN", "Jakarta", -6.21, 106.85), ("Bangkok", "THA", "Bangkok", 13.76, 100.50),
    ("Hong Kong", "HKG", "Hong Kong", 22.32, 114.17), ("Minsk", "BLR", "Minsk City", 53.90, 27.56),
    ("Moscow", "RUS", "Moscow", 55.76, 37.62), ("Tbilisi", "GEO", "Tbilisi", 41.72, 44.79),
    ("Almaty", "KAZ", "Almaty City", 43.24, 76.89), ("Bishkek", "KGZ", "Bishkek", 42.87, 74.59),
    ("Caracas", "VEN", "Capital District", 10.48, -66.90), ("Bogota", "COL", "Bogota", 4.71, -74.07),
    ("Cali", "COL", "Valle del Cauca", 3.45, -76.53), ("Santiago", "CHL", "Santiago", -33.45, -70.67),
    ("Lima", "PER", "Lima", -12.05, -77.04), ("Mexico City", "MEX", "Mexico City", 19.43, -99.13),
    ("Port-au-Prince", "HTI", "Ouest", 18.59, -72.31), ("Paris", "FRA", "Ile-de-France", 48.86, 2.35),
    ("London", "GBR", "England", 51.51, -0.13), ("Brussels", "BEL", "Brussels", 50.85, 4.35),
    ("Athens", "GRC", "Attica", 37.98, 23.73), ("Madrid", "ESP", "Madrid", 40.42, -3.70),
    ("Washington", "USA", "District of Columbia", 38.91, -77.04), ("Minneapolis", "USA", "Minnesota", 44.98, -93.27),
    ("Sao Paulo", "BRA", "Sao Paulo", -23.55, -46.63), ("Suva", "FJI", "Central", -18.14, 178.44),
]
# weight, PLOVER type, mode, ACLED type, ACLED sub-type, CAMEO, trigger, violent
KINDS = [
    (18, "PROTEST", "demonstrate", "Protests", "Peaceful protest", "141", "protested", False),
    (6, "PROTEST", "riot", "Riots", "Violent demonstration", "145", "rioted", True),
    (5, "PROTEST", "strike", "Protests", "Peaceful protest", "143", "went on strike", False),
    (10, "ASSAULT", "firearms", "Violence against civilians", "Attack", "180", "opened fire", True),
    (8, "ASSAULT", "explosion", "Explosions/Remote violence", "Shelling/artillery/missile attack", "195",
     "shelled", True),
    (6, "ASSAULT", "aerial", "Explosions/Remote violence", "Air/drone strike", "195", "struck", True),
    (4, "ASSAULT", "explosion", "Explosions/Remote violence", "Suicide bomb", "183", "blew himself up", True),
    (8, "COERCE", "arrest", "Strategic developments", "Arrests", "173", "arrested", False),
    (5, "COERCE", "crowd control", "Protests", "Protest with intervention", "175", "dispersed", False),
    (3, "COERCE", "curfew", "Strategic developments", "Other", "172", "imposed a curfew on", False),
    (4, "MOBILIZE", "troops", "Strategic developments", "Non-violent transfer of territory", "154", "deployed",
     False),
    (5, "ACCUSE", None, None, None, "112", "accused", False),
    (4, "REQUEST", None, None, None, "020", "called on", False),
    (3, "THREATEN", None, None, None, "138", "threatened", False),
    (3, "AGREE", None, None, None, "057", "signed a deal with", False),
    (2, "SANCTION", None, None, None, "163", "imposed sanctions on", False),
    (2, "AID", None, None, None, "073", "sent aid to", False),
    (2, "CONCEDE", None, None, None, "081", "released", False),
    (2, "REJECT", None, None, None, "120", "rejected", False),
]
# words, name, sector
ACTORS = [
    ("Police", "police", "COP"), ("Riot police", "police", "COP"), ("Security forces", "security forces", "COP"),
    ("Soldiers", "military", "MIL"), ("The army", "military", "MIL"), ("Government troops", "military", "MIL"),
    ("Protesters", "protesters", "OPP"), ("Demonstrators", "protesters", "OPP"), ("Students", "students", "EDU"),
    ("Workers", "workers", "LAB"), ("Doctors", "doctors", "MED"), ("Residents", "residents", "CVL"),
    ("Rebels", "rebels", "REB"), ("Militants", "militants", "REB"), ("Islamic State fighters", "Islamic State", "REB"),
    ("Al-Shabaab fighters", "Al-Shabaab", "REB"), ("Gunmen", "gunmen", None), ("The government", "government", "GOV"),
    ("The interior ministry", "interior ministry", "GOV"), ("Opposition leaders", "opposition", "OPP"),
    ("Farmers", "farmers", "AGR"), ("Journalists", "journalists", "MED"),
]
TARGETS = [("civilians", "civilians", "CVL"), ("protesters", "protesters", "OPP"), ("a market", "market", "CVL"),
           ("a village", "villagers", "CVL"), ("the opposition", "opposition", "OPP"), ("a convoy", "military", "MIL")]
OUTLETS = ["Wire One", "Daily Ledger", "Coastal Times", "Northern Post", "Radio Meridian", "Capital Herald",
           "Field Report", "The Observer Desk"]
FILLER = ["officials said", "witnesses said", "according to local media", "the ministry said in a statement",
          "a spokesperson said", "hospital sources said", "rights groups said", "footage showed",
          "amid rising prices", "over fuel subsidies", "after disputed elections", "over a new tax",
          "after the arrest of a local leader", "during a curfew", "near the central market", "outside parliament",
          "at a checkpoint", "on the main highway", "near the airport", "in the old quarter", "despite a ban",
          "in a second day of unrest", "as talks stalled", "ahead of the vote"]
START = dt.date(2015, 1, 1)
DAYS = 3652


class _Text:
    """Builds an article text piece by piece, keeping each piece's offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> tuple[str, int, int]:
        start = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return piece, start, self.size

    def text(self) -> str:
        return "".join(self.parts)


def _story(rng: random.Random, n: int) -> dict[str, Any]:
    """What one real-world event is: where, when, what, who, how many killed."""
    kind = rng.choices(KINDS, weights=[k[0] for k in KINDS])[0]
    city = rng.choice(CITIES)
    day = START + dt.timedelta(days=min(DAYS - 1, int(rng.triangular(0, DAYS, DAYS * 0.8))))
    killed = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 45]) if kind[7] else 0
    return {"n": n, "kind": kind, "city": city, "day": day, "killed": killed,
            "actor": rng.choice(ACTORS), "target": rng.choice(TARGETS), "lat": city[3] + rng.uniform(-0.2, 0.2),
            "lon": city[4] + rng.uniform(-0.2, 0.2)}


def _event(rng: random.Random, text: _Text, story: dict[str, Any], published: dt.date, lead: bool) -> Event:
    kind = story["kind"] if lead else rng.choices(KINDS, weights=[k[0] for k in KINDS])[0]
    city = story["city"] if lead or rng.random() < 0.7 else rng.choice(CITIES)
    words, name, sector = story["actor"] if lead else rng.choice(ACTORS)
    actor = Actor(*text.add(words), name=name, country=city[1], sector=sector)
    text.add(" ")
    trigger = Span(*text.add(kind[6]))
    target = None
    if kind[1] in ("ASSAULT", "COERCE") and rng.random() < 0.6:
        text.add(" ")
        t_words, t_name, t_sector = story["target"]
        target = Actor(*text.add(t_words), name=t_name, country=city[1], sector=t_sector)
    text.add(" in ")
    place = Place(*text.add(city[0]), name=city[0], country=city[1], admin1=city[2],
                  lat=story["lat"] if lead else city[3] + rng.uniform(-0.2, 0.2),
                  lon=story["lon"] if lead else city[4] + rng.uniform(-0.2, 0.2), precision="city")
    if rng.random() < 0.05:
        place = Place(place.text, place.start, place.end, name=city[0], country=city[1])  # not placed on a map
    when = None
    roll = rng.random()
    day = story["day"] if lead else story["day"] - dt.timedelta(days=rng.randint(0, 400))
    text.add(" on ")
    if roll < 0.80:
        when = TimeMention(*text.add(day.strftime("%A")), type="DATE", value=day.isoformat(), precision="day",
                           date=day)
    elif roll < 0.90:
        when = TimeMention(*text.add(day.strftime("%B")), type="DATE", value=day.strftime("%Y-%m"),
                           precision="month")
    elif roll < 0.95:
        when = TimeMention(*text.add(str(day.year)), type="DATE", value=str(day.year), precision="year")
    else:
        text.add("an unspecified day")
    fatalities = None
    if lead and story["killed"]:
        text.add(", killing ")
        count = str(story["killed"] + rng.choice([0, 0, 0, 1, 2]))  # sources disagree a little
        fatalities = Quantity("killed", *text.add(count), min=int(count), max=int(count), best=int(count))
        text.add(" people")
    text.add(", " + rng.choice(FILLER) + ". ")
    return Event(trigger=trigger, plover_type=kind[1], plover_mode=kind[2], acled_type=kind[3],
                 acled_sub_type=kind[4], cameo=kind[5], confidence=round(rng.uniform(0.4, 0.95), 2),
                 modality="happened", actor=actor, target=target, location=place, date=when,
                 fatalities=fatalities)


def _article(rng: random.Random, story: dict[str, Any], k: int, n_events: int) -> DocumentResult:
    published = story["day"] + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 5]))
    text = _Text()
    events = [_event(rng, text, story, published, lead=i == 0) for i in range(n_events)]
    for _ in range(rng.randint(2, 6)):
        text.add(f"{rng.choice(FILLER).capitalize()} {rng.choice(FILLER)}. ")
    body = text.text()
    kind, city = story["kind"], story["city"]
    title = f"{story['actor'][0]} {kind[6]} in {city[0]}" + (f", {story['killed']} dead" if story["killed"] else "")
    key = f"{story['n']}-{k}"
    article = Article(id=f"syn-{key}", text=body, fingerprint=hashlib.sha1(key.encode()).hexdigest(), title=title,
                      url=f"https://example.org/{key}", outlet=rng.choice(OUTLETS), published=published)
    return DocumentResult(article=article, events=tuple(events))


def generate(path: Path, n_events: int, seed: int, batch: int = 2000) -> dict[str, int]:
    """A database of about `n_events` events (exactly that many, the last article trimmed)."""
    rng = random.Random(seed)
    made = articles = 0
    incidents: list[StoredIncident] = []
    pending: list[DocumentResult] = []
    with SQLiteStore(path) as store:
        story_no = 0
        while made < n_events:
            story = _story(rng, story_no)
            story_no += 1
            members = []
            for k in range(rng.choices([1, 2, 3, 5], weights=[6, 3, 2, 1])[0]):
                n = min(rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0], n_events - made)
                if n == 0:
                    break
                result = _article(rng, story, k, n)
                pending.append(result)
                members.append(result.article.id)
                made += n
                articles += 1
            incidents.append(_incident(story, members))
            if len(pending) >= batch:
                store.add_results(pending)
                pending.clear()
        store.add_results(pending)
        store.set_incidents(incidents)
        store.optimize()  # as `eventwire ingest` does after a run
        stats = store.stats()
    return {"articles": stats.articles, "events": stats.events, "incidents": len(incidents)}


def _counts(db: Path) -> dict[str, int]:
    with SQLiteStore(db) as store:
        stats = store.stats()
        return {"articles": stats.articles, "events": stats.events, "incidents": store.count_incidents()}


def _incident(story: dict[str, Any], members: list[str]) -> StoredIncident:
    day, kind, city = story["day"], story["kind"], story["city"]
    iid = "inc-" + hashlib.sha1(str(story["n"]).encode()).hexdigest()[:16]
    summary = {"articles": len(members), "place": city[0],
               "reports": [{"article_id": a, "published": day.isoformat(),
                            "event": {"type": kind[1], "mode": kind[2], "trigger": kind[6], "date": day.isoformat(),
                                      "date_inferred": False, "place": city[0], "country": city[1],
                                      "actor": story["actor"][1], "target": None, "fatalities": None,
                                      "injured": None, "arrested": None, "modality": "happened", "source": None}}
                           for a in members],
               "disagreement": {"any": False, "fatalities": [], "injured": [], "fatalities_range": None,
                                "injured_range": None, "dates": [], "actors": []}}
    return StoredIncident(id=iid, plover_type=kind[1], first_date=day, last_date=day, country=city[1],
                          summary=summary, members=tuple(IncidentMember(a) for a in members))


# -- the queries -----------------------------------------------------------------------------------


def queries(db: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(name, path, params) of each timed request; ids are read from the database itself."""
    with sqlite3.connect(db) as conn:
        article_id = conn.execute("SELECT id FROM articles ORDER BY num LIMIT 1"
                                  " OFFSET (SELECT count(*) / 2 FROM articles)").fetchone()[0]
        incident_id = conn.execute("SELECT incident_id FROM incident_members m JOIN incidents i ON i.id ="
                                   " m.incident_id WHERE i.articles > 2 LIMIT 1").fetchone()[0]
    conn.close()
    yield "events: country + date range", "/api/events", {"country": "SYR", "since": "2021-01-01",
                                                          "until": "2021-12-31"}
    yield "events: bbox (the Levant)", "/api/events", {"bbox": "34,29,39,37.5"}
    yield "events: bbox across the antimeridian", "/api/events", {"bbox": "170,-30,-170,0"}
    yield "events: near (Kyiv, 100 km)", "/api/events", {"near": "50.45,30.52,100"}
    yield "events: PLOVER type", "/api/events", {"type": "PROTEST"}
    yield "events: ACLED sub-type", "/api/events", {"type": "Air/drone strike"}
    yield "events: actor", "/api/events", {"actor": "police"}
    yield "events: actor (code)", "/api/events", {"actor": "SYRREB"}
    yield "events: text search", "/api/events", {"q": "curfew"}
    yield "events: text phrase", "/api/events", {"q": '"fuel subsidies"'}
    yield "events: all filters", "/api/events", {"country": "UKR", "since": "2020-01-01", "until": "2024-12-31",
                                                 "type": "ASSAULT", "actor": "soldiers", "bbox": "29,45,40,52"}
    yield "events: no filter, first page", "/api/events", {}
    yield "events: no filter, page at offset 90000", "/api/events", {"offset": 90000}
    yield "events: map points (the page asks 5000)", "/api/events/points", {"limit": 5000}
    yield "stats: per day", "/api/stats/daily", {}
    yield "stats: per day, one country", "/api/stats/daily", {"country": "AFG"}
    yield "stats: per publication day", "/api/stats/daily", {"basis": "published"}
    yield "stats: per PLOVER type", "/api/stats/types", {}
    yield "stats: per ACLED sub-type, date range", "/api/stats/types", {"scheme": "acled_sub",
                                                                        "since": "2022-01-01"}
    yield "incidents: country + date range", "/api/incidents", {"country": "YEM", "since": "2019-01-01",
                                                                "until": "2020-12-31"}
    yield "incidents: bbox", "/api/incidents", {"bbox": "34,29,39,37.5"}
    yield "incidents: actor", "/api/incidents", {"actor": "police", "country": "FRA"}
    yield "incidents: ACLED type", "/api/incidents", {"type": "Riots", "since": "2023-01-01"}
    yield "incidents: no filter", "/api/incidents", {}
    yield "incident: one, by id", f"/api/incidents/{incident_id}", {}
    yield "article: one, with evidence", f"/api/articles/{article_id}", {}
    yield "search: articles", "/api/search", {"q": "curfew checkpoint"}


def _total(body: dict[str, Any]) -> int | None:
    for key in ("total", "articles"):
        if isinstance(body.get(key), int):
            return int(body[key])
    for key in ("hits", "points"):
        if key in body:
            return len(body[key])
    return None


def time_queries(db: Path, warmup: int, repeat: int) -> list[dict[str, Any]]:
    rows = []
    with TestClient(create_app(db)) as client:
        for name, path, params in queries(db):
            for _ in range(warmup):
                response = client.get(path, params=params)
                if response.status_code != 200:
                    raise SystemExit(f"{name}: {path} {params} answered {response.status_code}: {response.text}")
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(path, params=params)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            rows.append({"query": name, "path": path, "params": params, "matches": _total(response.json()),
                         "bytes": len(response.content), "median_ms": round(statistics.median(times), 2),
                         "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
                         "min_ms": round(times[0], 2)})
            print(f"{rows[-1]['median_ms']:8.2f} ms  {name}", file=sys.stderr)
    return rows


def _markdown(report: dict[str, Any]) -> str:
    db = report["database"]
    lines = [f"# REST API over {db['events']:,} events, {report['date']} ({report['machine']})", "",
             f"{db['articles']:,} articles, {db['events']:,} events, {db['incidents']:,} incidents (synthetic, seed "
             f"{report['seed']}; {db['mib']} MiB; generated in {report['generate_s']} s through "
             "`SQLiteStore.add_results`). Each query through FastAPI's TestClient, "
             f"{report['warmup']} warm-up calls then {report['repeat']} timed; budget: median under "
             f"{report['budget_ms']} ms. Load average while timing: {report['load_average'][0]} before, "
             f"{report['load_average'][1]} after (other work on the machine slows every figure).", "",
             "| query | matches | median ms | p95 ms | min ms | bytes |", "|---|---:|---:|---:|---:|---:|"]
    for r in report["queries"]:
        lines.append(f"| {r['query']} | {r['matches'] if r['matches'] is not None else ''} | {r['median_ms']} "
                     f"| {r['p95_ms']} | {r['min_ms']} | {r['bytes']:,} |")
    worst = max(report["queries"], key=lambda r: r["median_ms"])
    lines += ["", f"Slowest median: {worst['median_ms']} ms ({worst['query']}); "
              + ("every median is within budget." if report["passed"] else "**over budget.**"), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--budget-ms", type=float, default=50.0)
    ap.add_argument("--db", type=Path, default=None, help="keep the database here (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="time the queries over --db as it is (built before)")
    ap.add_argument("--out", type=Path, default=Path("bench/results"))
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="eventwire-api-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.sqlite"
        if args.reuse:
            made, generate_s = _counts(db), None
        elif db.exists():
            raise SystemExit(f"{db} exists; give a new path (or --reuse it)")
        else:
            start = time.perf_counter()
            made = generate(db, args.events, args.seed)
            generate_s = round(time.perf_counter() - start, 1)
        print(f"generated {made} in {generate_s} s", file=sys.stderr)
        load_before = os.getloadavg()[0]
        rows = time_queries(db, args.warmup, args.repeat)
        load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        mib = round(db.stat().st_size / 2**20, 1)

    passed = all(r["median_ms"] < args.budget_ms for r in rows)
    report = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}, "
                         f"SQLite {sqlite3.sqlite_version}",
              "seed": args.seed, "warmup": args.warmup, "repeat": args.repeat, "budget_ms": args.budget_ms,
              "load_average": load, "database": made | {"mib": mib}, "generate_s": generate_s, "passed": passed,
              "queries": rows}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "api.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (args.out / "api.md").write_text(_markdown(report), encoding="utf-8")
    print(_markdown(report))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
