"""Reading: every event filter, ordering and paging, full-text search (hostile input included)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import ConfigError
from eventwire.model import Article, DocumentResult
from eventwire.store import EventFilter, SQLiteStore

ALMATY = (43.2567, 76.9286)
KHARKIV = (49.9935, 36.2304)


def keys(store: SQLiteStore, **filter_args: object) -> list[tuple[str, int]]:
    found = store.events(EventFilter(**filter_args))  # type: ignore[arg-type]
    assert store.count_events(EventFilter(**filter_args)) == len(found)  # type: ignore[arg-type]
    return [(e.article_id, e.seq) for e in found]


def test_no_filter_gives_all_events_by_date_then_article_then_seq(filled: SQLiteStore) -> None:
    assert keys(filled) == [("almaty", 0), ("almaty", 1), ("kharkiv", 0), ("lyon", 0)]
    assert filled.count_events() == 4


def test_limit_and_offset(filled: SQLiteStore) -> None:
    assert [(e.article_id, e.seq) for e in filled.events(limit=2)] == [("almaty", 0), ("almaty", 1)]
    assert [(e.article_id, e.seq) for e in filled.events(limit=2, offset=2)] == [("kharkiv", 0), ("lyon", 0)]
    assert filled.events(offset=4) == []
    assert filled.events(limit=0) == []
    with pytest.raises(ConfigError):
        filled.events(limit=-1)


def test_since_and_until(filled: SQLiteStore) -> None:
    assert keys(filled, since=dt.date(2022, 1, 6)) == [("almaty", 1), ("kharkiv", 0)]
    assert keys(filled, until=dt.date(2022, 1, 5)) == [("almaty", 0)]
    both = keys(filled, since=dt.date(2022, 1, 5), until=dt.date(2022, 1, 6))
    assert both == [("almaty", 0), ("almaty", 1)]
    # a month-precision date matches when its month overlaps the bounds
    assert keys(filled, since=dt.date(2022, 3, 20), until=dt.date(2022, 4, 30)) == [("kharkiv", 0)]
    assert keys(filled, since=dt.date(2022, 4, 1)) == []
    # undated events never match a date bound
    assert ("lyon", 0) not in keys(filled, until=dt.date(2100, 1, 1))


def test_country_uses_the_place_then_the_actor(filled: SQLiteStore) -> None:
    assert keys(filled, country="KAZ") == [("almaty", 0), ("almaty", 1)]
    assert keys(filled, country="ukr") == [("kharkiv", 0)]  # the place, not the Russian actor
    assert keys(filled, country="RUS") == []
    assert keys(filled, country="FRA") == [("lyon", 0)]  # no place: the actor's country


def test_type_matches_plover_acled_type_and_sub_type(filled: SQLiteStore) -> None:
    assert keys(filled, type="protest") == [("almaty", 0), ("lyon", 0)]
    assert keys(filled, type="PROTESTS") == [("lyon", 0)]
    assert keys(filled, type="riots") == [("almaty", 0)]
    assert keys(filled, type="Arrests") == [("almaty", 1)]
    assert keys(filled, type="shelling/artillery/missile attack") == [("kharkiv", 0)]
    assert keys(filled, type="Battles") == []


def test_near_filters_by_great_circle_distance(filled: SQLiteStore) -> None:
    events = filled.events(EventFilter(near=(*ALMATY, 5.0)))
    assert [(e.article_id, e.seq) for e in events] == [("almaty", 0), ("almaty", 1)]
    assert [e.distance_km for e in events] == [0.0, 0.0]

    # a point ~17.2 km west-south-west of Kharkiv
    here = (49.95, 36.0)
    assert keys(filled, near=(*here, 15.0)) == []
    events = filled.events(EventFilter(near=(*here, 20.0)))
    assert [(e.article_id, e.seq) for e in events] == [("kharkiv", 0)]
    assert events[0].distance_km == pytest.approx(17.17, abs=0.01)

    # inside the bounding box (its corner) but farther than the radius
    corner = (KHARKIV[0] + 0.12, KHARKIV[1] + 0.18)  # ~18.5 km north-east
    assert keys(filled, near=(*corner, 19.0)) == [("kharkiv", 0)]
    assert keys(filled, near=(*corner, 18.0)) == []

    # Almaty to Kharkiv is ~3,155 km
    assert keys(filled, near=(*ALMATY, 3000.0)) == [("almaty", 0), ("almaty", 1)]
    assert keys(filled, near=(*ALMATY, 3500.0)) == [("almaty", 0), ("almaty", 1), ("kharkiv", 0)]


def test_text_filter_searches_the_events_article(filled: SQLiteStore) -> None:
    assert keys(filled, text="tear gas") == [("almaty", 0), ("almaty", 1)]
    assert keys(filled, text="pensions") == [("lyon", 0)]
    assert keys(filled, text='"residential districts"') == [("kharkiv", 0)]
    assert keys(filled, text="pensions Kharkiv") == []
    assert keys(filled, text='" AND (') == [("almaty", 0), ("almaty", 1)]  # only the word AND is left
    assert keys(filled, text='"(') == []


def test_filters_combine(filled: SQLiteStore) -> None:
    assert keys(filled, type="PROTEST", country="KAZ", since=dt.date(2022, 1, 1), text="Almaty",
                near=(*ALMATY, 1.0), article_id="almaty") == [("almaty", 0)]
    assert keys(filled, type="PROTEST", article_id="kharkiv") == []


def test_filter_values_are_checked() -> None:
    with pytest.raises(ConfigError, match="after"):
        EventFilter(since=dt.date(2022, 2, 1), until=dt.date(2022, 1, 1))
    with pytest.raises(ConfigError, match="positive"):
        EventFilter(near=(10.0, 10.0, 0.0))
    with pytest.raises(ConfigError, match="latitude"):
        EventFilter(near=(91.0, 10.0, 5.0))


def test_search_ranks_and_marks_matches(filled: SQLiteStore) -> None:
    hits = filled.search("Almaty")
    assert [h.article_id for h in hits] == ["almaty"]
    assert hits[0].title == "Unrest in Almaty"
    assert "[Almaty]" in hits[0].snippet
    assert hits[0].score < 0

    assert [h.article_id for h in filled.search("strike")] == ["lyon"]
    assert [h.article_id for h in filled.search("Khark*")] == ["kharkiv"]
    assert [h.article_id for h in filled.search('"tear gas" police')] == ["almaty"]
    assert filled.search('"gas tear"') == []
    assert filled.search("shelled", mark=("<b>", "</b>"))[0].snippet.count("<b>shelled</b>") == 1


def test_search_ranks_the_article_about_it_first(filled: SQLiteStore) -> None:
    text = "Markets were calm. " * 30 + "A delegation later travelled on to Kharkiv. " + "Trade grew. " * 30
    passing = DocumentResult(article=Article(id="passing", text=text, fingerprint="fp-passing",
                                             title="Markets"))
    assert filled.add_results([passing]).added == 1
    assert [h.article_id for h in filled.search("Kharkiv")] == ["kharkiv", "passing"]
    assert [h.article_id for h in filled.search("Kharkiv", limit=1)] == ["kharkiv"]


@pytest.mark.parametrize("hostile", ['"', 'AND OR (', "NEAR(", "title:", "*", "-", "^", "''", "", "   ",
                                     'a" OR "b', "x NOT", ")))", "{title text}: x"])
def test_search_survives_fts_syntax(filled: SQLiteStore, hostile: str) -> None:
    hits = filled.search(hostile)
    assert all(h.article_id in {"almaty", "kharkiv", "lyon"} for h in hits)
    assert filled.count_events(EventFilter(text=hostile)) >= 0


def test_hostile_words_are_searched_as_plain_words(filled: SQLiteStore) -> None:
    assert filled.search('"') == []
    assert filled.search("AND OR (") == []  # no article has both "and" and "or"
    assert [h.article_id for h in filled.search("( AND")] == ["almaty"]
    assert [h.article_id for h in filled.search("rail: strike")] == ["lyon"]  # not a column filter
    assert filled.search("NEAR(Police gas)") == []  # NEAR is a plain word here, in no article
    assert [h.article_id for h in filled.search("(Police gas)")] == ["almaty"]
