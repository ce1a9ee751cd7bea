"""The Python API: eventwire.extract and eventwire.open."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.errors import ConfigError


def test_extract_is_the_public_function():
    result = eventwire.extract("Troops opened fire on protesters in Yangon on Sunday, killing five people.",
                               published="2021-03-01")
    assert isinstance(result, eventwire.DocumentResult)
    assert any(e.plover_type == "ASSAULT" for e in result.events)
    assert any(t.value == "2021-02-28" for t in result.times)


def test_extract_rejects_bad_dates():
    with pytest.raises(ConfigError):
        eventwire.extract("Text.", published="not a date")


def test_open_ingest_and_query(tmp_path):
    src = tmp_path / "2021-03-01-yangon.txt"
    src.write_text("Shooting in Yangon\nSoldiers opened fire on protesters in Yangon on Sunday, killing five "
                   "people, witnesses said.", encoding="utf-8")
    with eventwire.open(tmp_path / "db.sqlite") as db:
        report = db.ingest([src])
        assert report.added == 1
        events = db.events(country="MMR")
        assert events and events[0].event["location"]["name"] == "Yangon"
        assert db.events(since="2030-01-01") == []
