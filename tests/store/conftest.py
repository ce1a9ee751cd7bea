"""Small hand-made results for the store tests: three articles, four events.

    almaty   2022-01-06  PROTEST/riot (2022-01-05, Almaty, 8 killed) + COERCE/arrest (2022-01-06, Almaty)
    kharkiv  2022-03-02  ASSAULT/explosion, dated only "2022-03", place Kharkiv (UKR), actor RUS
    lyon     no date     PROTEST/strike, no place: country from the actor (FRA), no date
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventwire.model import (
    Actor,
    Article,
    DocumentResult,
    Entity,
    Event,
    Place,
    Quantity,
    Span,
    TimeMention,
)
from eventwire.store import SQLiteStore

ALMATY = (43.2567, 76.9286)
KHARKIV = (49.9935, 36.2304)


def at(text: str, words: str) -> tuple[str, int, int]:
    start = text.index(words)
    return words, start, start + len(words)


def almaty() -> DocumentResult:
    text = ("Crowds set fire to the mayor's office in Almaty on Wednesday, and eight people were killed. "
            "Police fired tear gas and detained dozens of protesters on Thursday.")
    article = Article(id="almaty", text=text, fingerprint="fp-almaty", title="Unrest in Almaty",
                      url="https://news.example/almaty", outlet="Example News",
                      published=dt.date(2022, 1, 6), origin="fixtures/almaty.txt")
    city = Place(*at(text, "Almaty"), name="Almaty", country="KAZ", admin1="Almaty City",
                 lat=ALMATY[0], lon=ALMATY[1], geonameid=1526384, precision="city")
    crowd = Actor(*at(text, "Crowds"), name="protesters", country="KAZ", sector="CVL")
    police = Actor(*at(text, "Police"), name="police", country="KAZ", sector="COP")
    riot = Event(trigger=Span(*at(text, "set fire")), plover_type="PROTEST", plover_mode="riot",
                 acled_type="Riots", acled_sub_type="Violent demonstration", cameo="145", confidence=0.9,
                 actor=crowd, location=city,
                 date=TimeMention(*at(text, "Wednesday"), type="DATE", value="2022-01-05", precision="day",
                                  date=dt.date(2022, 1, 5)),
                 fatalities=Quantity("killed", *at(text, "eight"), min=8, max=8, best=8))
    arrest = Event(trigger=Span(*at(text, "detained")), plover_type="COERCE", plover_mode="arrest",
                   acled_type="Strategic developments", acled_sub_type="Arrests", cameo="173",
                   confidence=0.8, actor=police, target=crowd, location=city,
                   date=TimeMention(*at(text, "Thursday"), type="DATE", value="2022-01-06",
                                    precision="day", date=dt.date(2022, 1, 6)),
                   arrested=Quantity("arrested", *at(text, "dozens"), min=24, max=99, best=24))
    return DocumentResult(article=article, events=(riot, arrest), places=(city,),
                          entities=(Entity(*at(text, "Almaty"), label="GPE"),))


def kharkiv() -> DocumentResult:
    text = "Russian forces shelled residential districts of Kharkiv in March, officials said."
    article = Article(id="kharkiv", text=text, fingerprint="fp-kharkiv", title="Shelling of Kharkiv",
                      url="https://wire.example/kharkiv", outlet="Wire", published=dt.date(2022, 3, 2))
    city = Place(*at(text, "Kharkiv"), name="Kharkiv", country="UKR", lat=KHARKIV[0], lon=KHARKIV[1],
                 precision="city")
    event = Event(trigger=Span(*at(text, "shelled")), plover_type="ASSAULT", plover_mode="explosion",
                  acled_type="Explosions/Remote violence", acled_sub_type="Shelling/artillery/missile attack",
                  cameo="195", confidence=0.7,
                  actor=Actor(*at(text, "Russian forces"), name="Russian forces", country="RUS",
                              sector="MIL"),
                  location=city,
                  date=TimeMention(*at(text, "March"), type="DATE", value="2022-03", precision="month"))
    return DocumentResult(article=article, events=(event,), places=(city,))


def lyon() -> DocumentResult:
    text = "French rail workers walked out in a national strike over pensions."
    article = Article(id="lyon", text=text, fingerprint="fp-lyon", title="Rail strike")
    event = Event(trigger=Span(*at(text, "walked out")), plover_type="PROTEST", plover_mode="strike",
                  acled_type="Protests", acled_sub_type="Peaceful protest", cameo="143", confidence=0.6,
                  actor=Actor(*at(text, "French rail workers"), name="rail workers", country="FRA",
                              sector="LAB"))
    return DocumentResult(article=article, events=(event,))


class Clock:
    """A clock that moves on by one minute each time it is read."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "events.db", clock=Clock()) as opened:
        yield opened


@pytest.fixture
def filled(store: SQLiteStore) -> SQLiteStore:
    report = store.add_results([almaty(), kharkiv(), lyon()])
    assert (report.added, report.events, report.problems) == (3, 4, ())
    return store


@pytest.fixture
def results() -> dict[str, Callable[[], DocumentResult]]:
    return {"almaty": almaty, "kharkiv": kharkiv, "lyon": lyon}
