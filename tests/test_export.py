"""export.py: a small store (hand-built results, no model) exported in each format and read back
with pandas: columns, dtypes and values; filters; streaming in pages; the CLI command."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import cli
from eventwire.errors import ConfigError
from eventwire.export import ACLED_COLUMNS, GDELT_COLUMNS, write_export
from eventwire.model import Actor, Article, DocumentResult, Event, Label, Place, Quantity, Span, TimeMention
from eventwire.store import EventFilter

# Two reports of one riot in Almaty (they disagree on the toll), one peaceful march in Santiago,
# and a planned strike with no ACLED category. Offsets point into TEXT_*.
TEXT_A = "Hundreds of rioters stormed the city hall in Almaty on Wednesday; 12 people were killed, police said."
TEXT_B = "Police said 18 people died when rioters stormed the city hall in Almaty on Wednesday."
TEXT_C = "Thousands marched peacefully in Santiago on Friday. Unions plan a strike next week."

def _riot(text: str, killed: int, label: bool) -> Event:
    rioters = text.index("rioters")
    place = text.index("Almaty")
    wed = text.index("Wednesday")
    count = text.index(str(killed))
    return Event(
        trigger=Span("stormed", text.index("stormed"), text.index("stormed") + 7), plover_type="PROTEST",
        plover_mode="riot", acled_type="Riots", acled_sub_type="Violent demonstration", cameo="145",
        confidence=0.9, actor=Actor(text[rioters:rioters + 7], rioters, rioters + 7, "rioters", "KAZ", "CVL"),
        target=Actor("city hall", text.index("city hall"), text.index("city hall") + 9, "city hall", "KAZ", "GOV"),
        location=Place("Almaty", place, place + 6, name="Almaty", country="KAZ", admin1="Almaty", lat=43.25,
                       lon=76.92, precision="city"),
        date=TimeMention("Wednesday", wed, wed + 9, "DATE", "2022-01-05", precision="day",
                         date=dt.date(2022, 1, 5)),
        fatalities=Quantity("killed", str(killed), count, count + len(str(killed)), killed, killed, killed),
        labels=(Label(text[rioters:rioters + 7], rioters, rioters + 7, "police"),) if label else ())


def _results() -> list[DocumentResult]:
    march = TEXT_C.index("marched")
    strike = TEXT_C.index("strike")
    week = TEXT_C.index("next week")
    santiago = TEXT_C.index("Santiago")
    friday = TEXT_C.index("Friday")
    chile = Place("Santiago", santiago, santiago + 8, name="Santiago", country="CHL", admin1="Santiago Metropolitan",
                  lat=-33.45, lon=-70.66, precision="city")
    return [
        DocumentResult(article=Article(id="a", text=TEXT_A, fingerprint="fp-a", title="Riot in Almaty",
                                       url="https://example.org/a", outlet="Steppe Daily",
                                       published=dt.date(2022, 1, 6)), events=(_riot(TEXT_A, 12, True),)),
        DocumentResult(article=Article(id="b", text=TEXT_B, fingerprint="fp-b", title="Almaty riot toll",
                                       url="https://example.org/b", published=dt.date(2022, 1, 6)),
                       events=(_riot(TEXT_B, 18, False),)),
        DocumentResult(article=Article(id="c", text=TEXT_C, fingerprint="fp-c", title="March in Santiago",
                                       url="https://example.org/c", outlet="Andes Wire",
                                       published=dt.date(2019, 10, 26)),
                       events=(Event(trigger=Span("marched", march, march + 7), plover_type="PROTEST",
                                     plover_mode="demo", acled_type="Protests", acled_sub_type="Peaceful protest",
                                     cameo="141", confidence=0.8, location=chile,
                                     date=TimeMention("Friday", friday, friday + 6, "DATE", "2019-10-25",
                                                      precision="day", date=dt.date(2019, 10, 25))),
                               Event(trigger=Span("strike", strike, strike + 6), plover_type="PROTEST",
                                     plover_mode="strike", acled_type=None, acled_sub_type=None, cameo="133",
                                     confidence=0.6, modality="planned", location=chile,
                                     date=TimeMention("next week", week, week + 9, "DATE", "2019-W44",
                                                      precision="week")))),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[eventwire.Database]:
    path = tmp_path_factory.mktemp("export") / "db.sqlite"
    with eventwire.open(path) as database:
        database.store.add_results(_results())
        database.assign_incidents()
        yield database


def _incident_of(db: eventwire.Database, article_id: str) -> str:
    article = db.article(article_id)
    assert article is not None
    return str(article.result["incident"])


def test_acled_csv_reads_back_with_acled_columns_and_values(db: eventwire.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    report = db.export("acled", out)
    assert (report.rows, report.skipped) == (3, 1)  # the planned strike has no ACLED category
    df = pd.read_csv(out)
    assert tuple(df.columns) == ACLED_COLUMNS
    assert df["fatalities"].dtype == "int64" and df["geo_precision"].dtype == "int64"
    assert df["latitude"].dtype == "float64" and df["time_precision"].dtype == "int64"
    riot = df[df["event_id"] == "a-0"].iloc[0]
    assert riot["event_date"] == "2022-01-05" and riot["event_type"] == "Riots"
    assert riot["sub_event_type"] == "Violent demonstration"
    assert (riot["actor1"], riot["actor2"]) == ("rioters", "city hall")
    assert (riot["country"], riot["iso3"], riot["admin1"], riot["location"]) == ("Kazakhstan", "KAZ", "Almaty",
                                                                                   "Almaty")
    assert (riot["latitude"], riot["longitude"], riot["geo_precision"]) == (43.25, 76.92, 1)
    assert riot["fatalities"] == 12 and riot["source"] == "Steppe Daily" and riot["time_precision"] == 1
    assert "'stormed'" in riot["notes"] and "'rioters' (police)" in riot["notes"]
    # the two reports of the riot are one incident; the outlet-less one names its URL's host
    other = df[df["event_id"] == "b-0"].iloc[0]
    assert other["incident_id"] == riot["incident_id"] == _incident_of(db, "a")
    assert other["source"] == "example.org" and other["fatalities"] == 18
    march = df[df["event_id"] == "c-0"].iloc[0]
    assert march["fatalities"] == 0 and march["country"] == "Chile" and march["incident_id"] != riot["incident_id"]


def test_gdelt_tsv_has_cameo_codes_quad_class_and_goldstein(db: eventwire.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    report = db.export("gdelt", out)
    assert (report.rows, report.skipped) == (4, 0)
    codes = {c: str for c in ("EventCode", "EventBaseCode", "EventRootCode", "Actor1Code", "Actor2Code")}
    df = pd.read_csv(out, sep="\t", dtype=codes, keep_default_na=False)
    assert tuple(df.columns) == GDELT_COLUMNS
    assert df["GLOBALEVENTID"].dtype == "int64" and df["GLOBALEVENTID"].is_unique
    assert df["QuadClass"].dtype == "int64" and df["GoldsteinScale"].dtype == "float64"
    assert df["SQLDATE"].dtype == "int64" and df["NumArticles"].dtype == "int64"
    riot = df[df["EventwireID"] == "a-0"].iloc[0]
    assert riot["SQLDATE"] == 20220105 and riot["MonthYear"] == 202201 and riot["Year"] == 2022
    assert (riot["EventCode"], riot["EventBaseCode"], riot["EventRootCode"]) == ("145", "145", "14")
    assert riot["QuadClass"] == 3 and riot["GoldsteinScale"] == -7.5  # CAMEO 145: protest violently (quad 3)
    assert (riot["Actor1Code"], riot["Actor1Name"], riot["Actor1CountryCode"], riot["Actor1Type1Code"]) == (
        "KAZCVL", "RIOTERS", "KAZ", "CVL")
    assert riot["Actor2Code"] == "KAZGOV" and riot["NumArticles"] == 2 and riot["NumSources"] == 2
    assert riot["ActionGeo_FullName"] == "Almaty, Kazakhstan" and riot["ActionGeo_CountryCode"] == "KZ"
    assert riot["ActionGeo_Type"] == 4 and (riot["ActionGeo_Lat"], riot["ActionGeo_Long"]) == (43.25, 76.92)
    assert riot["SOURCEURL"] == "https://example.org/a" and riot["IncidentID"] == _incident_of(db, "a")
    strike = df[df["EventwireID"] == "c-1"].iloc[0]
    assert strike["EventCode"] == "133" and strike["QuadClass"] == 3 and strike["Modality"] == "planned"
    assert strike["SQLDATE"] == 20191028  # the Monday of ISO week 44
    assert strike["NumArticles"] == 1 and strike["Actor1Code"] == ""


def test_jsonl_is_the_contract_event_plus_its_incident(db: eventwire.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert db.export("jsonl", out).rows == 4
    df = pd.read_json(out, lines=True, dtype={"incident": str})
    assert list(df["event_id"]) == ["c-0", "c-1", "a-0", "b-0"]  # the store's order: by date
    rows = {r["event_id"]: r for r in df.to_dict("records")}
    assert rows["a-0"]["incident"] == rows["b-0"]["incident"] == _incident_of(db, "a")
    assert rows["a-0"]["plover"] == {"type": "PROTEST", "mode": "riot"}
    assert rows["a-0"]["fatalities"]["best"] == 12 and rows["a-0"]["outlet"] == "Steppe Daily"
    assert rows["a-0"]["labels"] == [{"text": "rioters", "start": 12, "end": 19, "used_by": "police"}]
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[2])
    stored = db.events(article_id="a")[0].event
    assert {k: first[k] for k in stored} == stored  # every contract field, unchanged


def test_parquet_has_typed_columns(db: eventwire.Database, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert db.export("parquet", out).rows == 4
    df = pd.read_parquet(out)
    assert df["seq"].dtype == "int32" and df["quad_class"].dtype == "int8"
    assert df["fatalities"].dtype == "float64"  # int32 with nulls: pandas reads them as floats
    assert df["latitude"].dtype == "float64" and df["confidence"].dtype == "float64"
    schema = pq.read_schema(out)
    assert str(schema.field("event_date").type) == "date32[day]" and str(schema.field("fatalities").type) == "int32"
    labels = schema.field("labels").type
    assert labels.num_fields == 1 and str(labels.value_type) == "string"
    riot = df[df["event_id"] == "a-0"].iloc[0]
    assert riot["event_date"] == dt.date(2022, 1, 5) and riot["published"] == dt.date(2022, 1, 6)
    assert riot["fatalities"] == 12 and riot["goldstein"] == -7.5 and list(riot["labels"]) == ["rioters"]
    assert riot["incident_id"] == _incident_of(db, "a") and riot["actor_code"] == "KAZCVL"
    strike = df[df["event_id"] == "c-1"].iloc[0]
    assert pd.isna(strike["fatalities"]) and strike["event_date"] == dt.date(2019, 10, 28)
    assert strike["event_date_end"] == dt.date(2019, 11, 3) and strike["date_precision"] == "week"


def test_filters_and_pages(db: eventwire.Database, tmp_path: Path) -> None:
    out = tmp_path / "kaz.csv"
    assert db.export("acled", out, country="kaz").rows == 2
    assert set(pd.read_csv(out)["event_id"]) == {"a-0", "b-0"}
    assert db.export("jsonl", out, since="2022-01-01", type="Riots").rows == 2
    assert db.export("jsonl", out, until="2019-12-31").rows == 2
    # one event a page reads the same rows as one page
    paged = write_export(db.store, "jsonl", tmp_path / "paged.jsonl", EventFilter(), page=1)
    whole = write_export(db.store, "jsonl", tmp_path / "whole.jsonl", EventFilter())
    assert paged.rows == whole.rows == 4
    assert (tmp_path / "paged.jsonl").read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    empty = tmp_path / "empty.parquet"
    assert db.export("parquet", empty, country="FRA").rows == 0 and len(pd.read_parquet(empty)) == 0
    with pytest.raises(ConfigError):
        db.export("xml", out)
    with pytest.raises(ConfigError):
        db.export("parquet", "-")


def test_cli_export(db: eventwire.Database, tmp_path: Path) -> None:
    out = tmp_path / "cli.tsv"
    result = CliRunner().invoke(cli, ["export", "--db", db.store.path, "--format", "gdelt", "-o", str(out),
                                      "--country", "CHL"])
    assert result.exit_code == 0, result.output
    assert "2 events as gdelt" in result.output
    assert len(pd.read_csv(out, sep="\t")) == 2
    bad = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.sqlite"), "--format", "acled", "-o", "-"])
    assert bad.exit_code != 0 and "no database" in bad.output
    stdout = CliRunner().invoke(cli, ["export", "--db", db.store.path, "--format", "acled", "-o", "-"])
    assert stdout.exit_code == 0 and stdout.stdout.startswith(",".join(ACLED_COLUMNS))
