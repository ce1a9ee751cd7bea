"""Filters that run in SQL: bounding boxes, actors, counts per day and per type, incident filters,
the indexes that keep them fast, and the v2 -> v3 migration that fills the actor index."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.model import Actor, Article, DocumentResult, Event, Span
from eventwire.store import EventFilter, IncidentFilter, IncidentMember, SQLiteStore, StoredIncident, select
from eventwire.store.schema import MIGRATIONS, _statements

from .conftest import ALMATY, KHARKIV, at

Key = tuple[str, int]


def keys(store: SQLiteStore, **filter_args: object) -> list[Key]:
    flt = EventFilter(**filter_args)  # type: ignore[arg-type]
    found = [(e.article_id, e.seq) for e in store.events(flt)]
    assert store.count_events(flt) == len(found)
    return found


def aerzte() -> DocumentResult:
    text = "ÄRZTE OHNE GRENZEN protested outside the ministry."
    event = Event(trigger=Span(*at(text, "protested")), plover_type="PROTEST", plover_mode="demonstrate",
                  acled_type=None, acled_sub_type=None, cameo=None, confidence=0.5,
                  actor=Actor(*at(text, "ÄRZTE OHNE GRENZEN"), name="Ärzte ohne Grenzen", country="DEU"))
    return DocumentResult(article=Article(id="aerzte", text=text, fingerprint="fp-aerzte"), events=(event,))


# -- bounding boxes ----------------------------------------------------------------------------


def test_bbox_holds_the_events_placed_inside(filled: SQLiteStore) -> None:
    assert keys(filled, bbox=(70.0, 40.0, 80.0, 45.0)) == [("almaty", 0), ("almaty", 1)]
    assert keys(filled, bbox=(30.0, 45.0, 40.0, 55.0)) == [("kharkiv", 0)]
    assert keys(filled, bbox=(30.0, 40.0, 80.0, 55.0)) == [("almaty", 0), ("almaty", 1), ("kharkiv", 0)]
    assert keys(filled, bbox=(-180.0, -90.0, 180.0, 90.0)) == [("almaty", 0), ("almaty", 1), ("kharkiv", 0)]
    assert keys(filled, bbox=(0.0, 0.0, 10.0, 10.0)) == []


def test_bbox_edges_are_exact(filled: SQLiteStore) -> None:
    lat, lon = KHARKIV
    assert keys(filled, bbox=(lon, lat, lon, lat)) == [("kharkiv", 0)]  # a box that is the point
    # the R*Tree keeps 32-bit floats; a box that stops a hair short must still miss the point
    assert keys(filled, bbox=(lon + 1e-7, lat, lon + 1.0, lat + 1.0)) == []
    assert keys(filled, bbox=(lon - 1.0, lat - 1.0, lon, lat - 1e-7)) == []


def test_bbox_across_the_antimeridian(store: SQLiteStore) -> None:
    fiji, samoa, paris = (-17.7, 178.0), (-13.8, -171.8), (48.9, 2.35)
    store.add_results([_placed(name, *where) for name, where in (("fiji", fiji), ("samoa", samoa),
                                                                  ("paris", paris))])
    assert {a for a, _ in keys(store, bbox=(170.0, -30.0, -165.0, 0.0))} == {"fiji", "samoa"}
    assert {a for a, _ in keys(store, bbox=(179.0, -30.0, -165.0, 0.0))} == {"samoa"}
    assert keys(store, bbox=(170.0, 40.0, -170.0, 60.0)) == []


def test_bbox_values_are_checked() -> None:
    with pytest.raises(ConfigError, match="outside"):
        EventFilter(bbox=(0.0, 0.0, 200.0, 10.0))
    with pytest.raises(ConfigError, match="above"):
        EventFilter(bbox=(0.0, 10.0, 5.0, 0.0))
    with pytest.raises(ConfigError, match="outside"):
        IncidentFilter(bbox=(float("nan"), 0.0, 1.0, 1.0))


def _placed(name: str, lat: float, lon: float) -> DocumentResult:
    from eventwire.model import Place

    text = f"A protest was held in {name.title()}."
    place = Place(*at(text, name.title()), name=name.title(), country="XXX", lat=lat, lon=lon)
    event = Event(trigger=Span(*at(text, "protest")), plover_type="PROTEST", plover_mode="demonstrate",
                  acled_type="Protests", acled_sub_type="Peaceful protest", cameo="141", confidence=0.5,
                  location=place)
    return DocumentResult(article=Article(id=name, text=text, fingerprint=f"fp-{name}"), events=(event,))


# -- actors ------------------------------------------------------------------------------------


def test_actor_matches_words_name_and_code_case_blind(filled: SQLiteStore) -> None:
    assert keys(filled, actor="police") == [("almaty", 1)]
    assert keys(filled, actor="PROTESTERS") == [("almaty", 0)]  # the name
    assert keys(filled, actor="crowds") == [("almaty", 0)]  # the words in the text
    assert keys(filled, actor="kazcop") == [("almaty", 1)]  # the code
    assert keys(filled, actor="Russian forc") == [("kharkiv", 0)]  # a substring
    assert keys(filled, actor="ru") == [("kharkiv", 0)]  # shorter than a trigram
    assert keys(filled, actor="rail") == [("lyon", 0)]
    assert keys(filled, actor="navy") == []
    assert keys(filled, actor="   ") == keys(filled)  # blank: no constraint


def test_actor_needles_are_plain_text(filled: SQLiteStore) -> None:
    for needle in ['po"lice', "police OR rail", "NEAR(a b)", "*", "%", "_", "'"]:
        assert keys(filled, actor=needle) == [], needle


def test_actor_folds_case_beyond_ascii(store: SQLiteStore) -> None:
    store.add_results([aerzte()])
    assert keys(store, actor="ärzte") == [("aerzte", 0)]
    assert keys(store, actor="ÄRZTE ohne") == [("aerzte", 0)]
    assert keys(store, actor="Är") == [("aerzte", 0)]


def test_actor_combines_with_the_other_filters(filled: SQLiteStore) -> None:
    assert keys(filled, actor="police", country="KAZ", bbox=(70.0, 40.0, 80.0, 45.0)) == [("almaty", 1)]
    assert keys(filled, actor="police", near=(*KHARKIV, 50.0)) == []


# -- counts ------------------------------------------------------------------------------------


def test_counts_per_day(filled: SQLiteStore) -> None:
    daily = filled.count_events_by_day()
    # kharkiv is dated to a month and lyon not at all: counted apart
    assert daily.days == ((dt.date(2022, 1, 5), 1), (dt.date(2022, 1, 6), 1))
    assert (daily.not_a_day, daily.total) == (2, 4)
    published = filled.count_events_by_day(basis="published")
    assert published.days == ((dt.date(2022, 1, 6), 2), (dt.date(2022, 3, 2), 1))
    assert (published.not_a_day, published.total) == (1, 4)
    kaz = filled.count_events_by_day(EventFilter(country="KAZ", type="COERCE"))
    assert kaz.days == ((dt.date(2022, 1, 6), 1),) and kaz.total == 1
    with pytest.raises(ConfigError):
        filled.count_events_by_day(basis="weekly")  # type: ignore[arg-type]


def test_counts_per_type(filled: SQLiteStore) -> None:
    assert filled.count_events_by_type() == [("PROTEST", 2), ("ASSAULT", 1), ("COERCE", 1)]
    assert filled.count_events_by_type(scheme="cameo") == [("14", 2), ("17", 1), ("19", 1)]
    assert filled.count_events_by_type(scheme="acled_sub", filter=EventFilter(country="KAZ")) == [
        ("Arrests", 1), ("Violent demonstration", 1)]
    filled.add_results([aerzte()])  # no ACLED type
    assert (None, 1) in filled.count_events_by_type(scheme="acled")
    with pytest.raises(ConfigError):
        filled.count_events_by_type(scheme="gdelt")  # type: ignore[arg-type]


# -- incidents ---------------------------------------------------------------------------------


def _incidents(store: SQLiteStore) -> None:
    def inc(id: str, members: list[str], first: str | None, country: str, type: str) -> StoredIncident:
        day = dt.date.fromisoformat(first) if first else None
        return StoredIncident(id=id, plover_type=type, first_date=day, last_date=day, country=country,
                              summary={"articles": len(members)},
                              members=tuple(IncidentMember(a) for a in members))

    store.set_incidents([inc("kz-0105", ["almaty"], "2022-01-05", "KAZ", "PROTEST"),
                         inc("ua-0301", ["kharkiv"], "2022-03-01", "UKR", "ASSAULT"),
                         inc("fr-none", ["lyon"], None, "FRA", "PROTEST")])


def test_incident_filters_through_their_articles(filled: SQLiteStore) -> None:
    _incidents(filled)

    def ids(**kw: object) -> list[str]:
        flt = IncidentFilter(**kw)  # type: ignore[arg-type]
        found = [i.id for i in filled.incidents(flt)]
        assert filled.count_incidents(flt) == len(found)
        return found

    assert ids() == ["kz-0105", "ua-0301", "fr-none"]
    assert ids(near=(*ALMATY, 10.0)) == ["kz-0105"]
    assert ids(bbox=(30.0, 45.0, 40.0, 55.0)) == ["ua-0301"]
    assert ids(actor="police") == ["kz-0105"] and ids(actor="rail workers") == ["fr-none"]
    assert ids(actor="police", bbox=(30.0, 45.0, 40.0, 55.0)) == []
    assert ids(text="pensions") == ["fr-none"] and ids(text="!!!") == []
    assert ids(type="protest") == ["kz-0105", "fr-none"]
    assert ids(type="Arrests") == ["kz-0105"]  # an ACLED sub-type of one of its events
    assert ids(type="Shelling/artillery/missile attack", country="UKR") == ["ua-0301"]
    assert ids(type="Battles") == []


def test_incident_ids_by_prefix(filled: SQLiteStore) -> None:
    _incidents(filled)
    assert filled.incident_ids("kz") == ["kz-0105"]
    assert filled.incident_ids("") == ["fr-none", "kz-0105"]  # at most two: enough to tell it is ambiguous
    assert filled.incident_ids("", limit=5) == ["fr-none", "kz-0105", "ua-0301"]
    assert filled.incident_ids("zz") == [] and filled.incident_ids("kz-0105x") == []


# -- the plans: pages and filters use their indexes ---------------------------------------------


def _plan(store: SQLiteStore, sql: str, params: list[object]) -> str:
    rows = store._connection().execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return "\n".join(r[3] for r in rows)


def test_a_page_walks_the_sort_index(filled: SQLiteStore) -> None:
    plan = _plan(filled, *select.events_page(EventFilter(), 50, 0))
    # the page's ids come off the index in order; only the page itself (50 rows) is sorted again
    assert "SCAN e USING COVERING INDEX events_sort" in plan and plan.count("TEMP B-TREE") == 1
    plan = _plan(filled, *select.incidents_page(IncidentFilter(), 50, 0))
    assert "SCAN i USING COVERING INDEX incidents_sort" in plan and plan.count("TEMP B-TREE") == 1


def test_a_page_and_its_total_in_one_statement(filled: SQLiteStore) -> None:
    _incidents(filled)
    # a cheap filter: the total is an index count, the page an index walk
    plan = _plan(filled, *select.events_page(EventFilter(country="KAZ"), 50, 0, counted=True))
    assert "MATERIALIZE hits" not in plan and plan.count("TEMP B-TREE") == 1
    # a costly one is worked out once for both
    plan = _plan(filled, *select.events_page(EventFilter(actor="police"), 50, 0, counted=True))
    assert plan.count("MATERIALIZE hits") == 1 and plan.count("events_actor_fts") == 1
    assert filled.page_events(EventFilter(actor="police")) == (1, filled.events(EventFilter(actor="police")))
    assert filled.page_events(limit=1, offset=1) == (4, filled.events(limit=1, offset=1))
    assert filled.page_events(offset=10) == (4, [])
    assert filled.page_events(EventFilter(actor="nobody")) == (0, [])
    total, page = filled.page_incidents(IncidentFilter(bbox=(30.0, 40.0, 80.0, 55.0)), limit=1)
    assert total == 2 and [i.id for i in page] == ["kz-0105"]
    assert filled.page_incidents(offset=5) == (3, [])


def test_filters_use_their_indexes(filled: SQLiteStore) -> None:
    assert "events_actor_fts VIRTUAL TABLE" in _plan(filled, *select.count_events(EventFilter(actor="police")))
    assert "event_geo VIRTUAL TABLE" in _plan(filled, *select.count_events(EventFilter(bbox=(0, 0, 1, 1))))
    assert "events_day" in _plan(filled, *select.events_by_day(EventFilter(), "event"))
    assert "events_country" in _plan(filled, *select.count_events(EventFilter(country="KAZ")))


# -- migration ---------------------------------------------------------------------------------


def test_v2_events_get_their_actor_words(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    raw = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        for statement in _statements(script):
            raw.execute(statement)
    raw.execute("PRAGMA user_version = 2")
    raw.execute("INSERT INTO articles (id, fingerprint, text, ingested_at, result_json)"
                " VALUES ('old', 'fp-old', 'Gendarmes moved in.', 'then', '{}')")
    event = {"actor": {"text": "Gendarmes", "name": "Gendarmerie", "code": "FRACOP"}, "plover": {"type": "COERCE"}}
    raw.execute("INSERT INTO events (article_id, seq, plover_type, event_json) VALUES ('old', 0, 'COERCE', ?)",
                (json.dumps(event),))
    raw.commit()
    raw.close()
    with SQLiteStore(path) as store:
        assert keys(store, actor="gendarmerie") == [("old", 0)]
        assert keys(store, actor="fracop") == [("old", 0)]
        assert store.count_events_by_type() == [("COERCE", 1)]


def test_a_type_is_looked_for_where_it_is(filled: SQLiteStore) -> None:
    assert filled._type_columns("protest") == ("plover_type",)
    assert filled._type_columns("Riots") == ("acled_type",)
    assert filled._type_columns("arrests") == ("acled_sub_type",)
    assert filled._type_columns("Battles") == ()
    plan = _plan(filled, *select.events_page(EventFilter(type="PROTEST"), 50, 0, ("plover_type",)))
    assert "INDEX events_plover_type" in plan and "MULTI-INDEX OR" not in plan
    assert plan.count("TEMP B-TREE") == 1  # the type's index walks the page order
    assert "events_country" in _plan(filled, *select.events_page(EventFilter(country="KAZ"), 50, 0))


def test_text_search_reads_no_article_row(filled: SQLiteStore) -> None:
    plan = _plan(filled, *select.count_events(EventFilter(text="tear gas")))
    assert "articles_fts VIRTUAL TABLE" in plan and "SEARCH a " not in plan and "articles" not in plan.replace(
        "articles_fts", "")


def test_v3_events_move_their_json_out(tmp_path: Path, results: dict) -> None:  # type: ignore[type-arg]
    path = tmp_path / "v3.db"
    with SQLiteStore(path) as store:
        store.add_results([results["almaty"](), results["kharkiv"]()])
        before = [(e.article_id, e.seq, e.event) for e in store.events()]
    raw = sqlite3.connect(path)  # back to v3 as it was: the JSON in `events`, no article num
    raw.execute("ALTER TABLE events ADD COLUMN event_json TEXT")
    raw.execute("UPDATE events SET event_json = (SELECT json FROM event_docs d WHERE d.id = events.id),"
                " article_num = NULL, published = NULL")
    raw.execute("DROP TABLE event_docs")
    for index in ("events_article_num", "events_published"):
        raw.execute(f"DROP INDEX {index}")
    for column in ("country", "plover_type", "acled_type", "acled_sub_type"):
        raw.execute(f"DROP INDEX events_{column}")
        raw.execute(f"CREATE INDEX events_{column} ON events({column})")
    raw.execute("ALTER TABLE events DROP COLUMN article_num")
    raw.execute("ALTER TABLE events DROP COLUMN published")
    raw.execute("PRAGMA user_version = 3")
    raw.commit()
    raw.close()
    with SQLiteStore(path) as store:
        assert [(e.article_id, e.seq, e.event) for e in store.events()] == before
        assert keys(store, text="tear gas") == [("almaty", 0), ("almaty", 1)]
        assert store.count_events_by_day(basis="published").days == ((dt.date(2022, 1, 6), 2),
                                                                      (dt.date(2022, 3, 2), 1))


def test_counts_per_day_within_dates(filled: SQLiteStore) -> None:
    since = filled.count_events_by_day(EventFilter(since=dt.date(2022, 1, 6)))
    assert since.days == ((dt.date(2022, 1, 6), 1),)  # kharkiv's March overlaps too, but is no day
    assert (since.not_a_day, since.total) == (1, 2)
    both = filled.count_events_by_day(EventFilter(since=dt.date(2022, 1, 5), until=dt.date(2022, 1, 5)))
    assert both.days == ((dt.date(2022, 1, 5), 1),) and both.total == 1
    plan = _plan(filled, *select.events_by_day(EventFilter(since=dt.date(2022, 1, 1)), "event"))
    assert "COVERING INDEX events_day" in plan and "TEMP B-TREE" not in plan


def test_event_points_are_the_placed_events_in_page_order(filled: SQLiteStore) -> None:
    points = filled.event_points()
    assert [(p.article_id, p.seq) for p in points] == [("almaty", 0), ("almaty", 1), ("kharkiv", 0)]  # lyon: no place
    assert (points[0].lat, points[0].lon, points[0].date, points[0].plover_type, points[0].country) == (
        *ALMATY, "2022-01-05", "PROTEST", "KAZ")
    assert [(p.article_id, p.seq) for p in filled.event_points(EventFilter(type="assault"))] == [("kharkiv", 0)]
    assert len(filled.event_points(limit=1)) == 1
    with pytest.raises(ConfigError):
        filled.event_points(limit=-1)


def test_counts_per_type_within_dates_read_one_index(filled: SQLiteStore) -> None:
    flt = EventFilter(since=dt.date(2022, 1, 6))
    assert filled.count_events_by_type(flt, scheme="acled_sub") == [
        ("Arrests", 1), ("Shelling/artillery/missile attack", 1)]
    plan = _plan(filled, *select.events_by_type(flt, "acled_sub"))
    assert plan == "SCAN e USING COVERING INDEX events_acled_sub_type"


def test_a_common_word_walks_the_page_order_and_looks_articles_up(filled: SQLiteStore) -> None:
    common = EventFilter(text="tear gas")  # one article in three
    assert filled._probe_text(common) and not filled._probe_text(EventFilter(text="zzz"))
    assert not filled._probe_text(EventFilter(text="tear gas", actor="police"))  # the actor leads then
    walked = _plan(filled, *select.events_page(common, 50, 0, probe_text=True))
    assert "events_sort" in walked and "events_article_num" not in walked
    started = _plan(filled, *select.events_page(common, 50, 0))
    assert "events_article_num" in started
    assert filled.page_events(common) == (2, filled.events(common)) and len(filled.events(common)) == 2
    assert [(e.article_id, e.seq) for e in filled.events(common)] == [("almaty", 0), ("almaty", 1)]
