"""The pure helpers: FTS query quoting, date periods, distances and bounding boxes."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from eventwire.model import TimeMention
from eventwire.store.query import bounding_box, date_period, fts_query, haversine_km


@pytest.mark.parametrize(("text", "query"), [
    ("tear gas", '"tear" "gas"'),
    ('"tear gas" Almaty', '"tear gas" "Almaty"'),
    ("Khark*", '"Khark"*'),
    ('"', None),
    ("AND OR (", '"AND" "OR"'),
    ("title:riot", '"title" "riot"'),
    ('say "hello', '"say" "hello"'),
    ('"" ()', None),
    ("", None),
    ("Zürich café", '"Zürich" "café"'),
    ("NEAR(a b, 2)", '"NEAR" "a" "b" "2"'),
])
def test_fts_query_quotes_every_term(text: str, query: str | None) -> None:
    assert fts_query(text) == query


def mention(value: str, date: dt.date | None = None) -> TimeMention:
    return TimeMention(text="x", start=0, end=1, type="DATE", value=value, date=date)


@pytest.mark.parametrize(("value", "period"), [
    ("2022-01-06", (dt.date(2022, 1, 6), dt.date(2022, 1, 6))),
    ("2022-01-06T14:00", (dt.date(2022, 1, 6), dt.date(2022, 1, 6))),
    ("2022-W01", (dt.date(2022, 1, 3), dt.date(2022, 1, 9))),
    ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
    ("2023", (dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
    ("PRESENT_REF", None),
    ("2022-13", None),
])
def test_date_period_reads_timeml_values(value: str, period: tuple[dt.date, dt.date] | None) -> None:
    assert date_period(mention(value)) == period


def test_date_period_falls_back_to_the_resolved_date() -> None:
    day = dt.date(2022, 1, 6)
    assert date_period(mention("XXXX-WXX-4", day)) == (day, day)
    assert date_period(None) is None


def test_haversine_known_distances() -> None:
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=0.5)  # London-Paris
    assert haversine_km(0.0, 179.5, 0.0, -179.5) == pytest.approx(111.19, abs=0.01)  # across 180°
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0


def test_bounding_box_holds_every_point_within_the_radius() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        lat, lon = rng.uniform(-89.0, 89.0), rng.uniform(-180.0, 180.0)
        km = rng.choice([1.0, 25.0, 300.0, 2500.0])
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
        for _ in range(5):
            # a random point at a random bearing, just inside the radius
            plat, plon = _destination(lat, lon, rng.uniform(0, 360), km * rng.uniform(0.5, 0.999))
            assert min_lat <= plat <= max_lat
            assert min_lon <= plon <= max_lon


def test_bounding_box_near_the_pole_and_the_antimeridian() -> None:
    assert bounding_box(89.9, 0.0, 50.0)[2:] == (-180.0, 180.0)
    assert bounding_box(0.0, 179.9, 50.0)[2:] == (-180.0, 180.0)
    min_lat, max_lat, min_lon, max_lon = bounding_box(0.0, 0.0, 111.19)
    assert (min_lat, max_lat) == (pytest.approx(-1.0, abs=1e-3), pytest.approx(1.0, abs=1e-3))
    assert (min_lon, max_lon) == (pytest.approx(-1.0, abs=1e-3), pytest.approx(1.0, abs=1e-3))


def _destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    d = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0
