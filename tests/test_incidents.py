"""Incidents assigned by `Database.ingest`: the reports of one incident share it across runs, and the
stored incidents depend only on which articles are stored (not on the order or the runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire

pytestmark = pytest.mark.model

# Two earthquakes and a shooting, each reported twice or three times (written for these tests).
REPORTS = {
    "2021-08-14-quake-a1": "Earthquake in Haiti\nA magnitude 7.2 earthquake struck southwestern Haiti on Saturday, "
                           "killing at least 304 people near Les Cayes, the civil protection agency said.",
    "2021-08-15-quake-a2": "Haiti toll rises\nRescuers in Les Cayes dug through rubble after Saturday's 7.2 "
                           "earthquake in Haiti; the civil protection agency raised the death toll to 1,297.",
    "2021-08-15-quake-a3": "State of emergency\nHaiti's prime minister declared a state of emergency after the "
                           "earthquake near Les Cayes, where the death toll passed 1,297.",
    "2018-09-29-quake-b1": "Tsunami hits Palu\nA 7.5 magnitude earthquake and tsunami hit Palu on Sulawesi, "
                           "Indonesia, on Friday, killing 384 people, the disaster agency said.",
    "2018-09-30-quake-b2": "Palu toll rises\nThe death toll from the Sulawesi earthquake and tsunami in Palu rose "
                           "to 832, Indonesia's disaster agency said.",
    "2019-08-04-shoot-a1": "Shooting in El Paso\nA gunman killed 20 shoppers at a Walmart in El Paso, Texas, on "
                           "Saturday; police arrested a 21-year-old suspect from Allen.",
    "2019-08-05-shoot-a2": "El Paso mourns\nA gunman killed 22 people at a Walmart store in El Paso on Saturday, "
                           "police said; the suspect from Allen, Texas, surrendered.",
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sources")
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for n, (name, text) in enumerate(sorted(REPORTS.items())):
        ((first if n % 2 == 0 else second) / f"{name}.txt").write_text(text, encoding="utf-8")
    return first, second


def _snapshot(db: eventwire.Database) -> list[tuple]:  # type: ignore[type-arg]
    return [(i.id, i.plover_type, i.first_date, i.last_date, i.country, i.summary,
             [(m.article_id, m.reason) for m in i.members]) for i in db.incidents()]


def _titles(db: eventwire.Database) -> set[frozenset[str]]:
    return {frozenset(m.title or "" for m in i.members) for i in db.incidents()}


def test_ingest_assigns_incidents_whatever_the_order_or_runs(tmp_path: Path, sources: tuple[Path, Path]) -> None:
    first, second = sources
    with eventwire.open(tmp_path / "one.sqlite") as db:
        report = db.ingest([first, second])
        assert report.added == len(REPORTS) and report.incidents == 3
        one = _snapshot(db)
        assert _titles(db) == {frozenset({"Earthquake in Haiti", "Haiti toll rises", "State of emergency"}),
                               frozenset({"Tsunami hits Palu", "Palu toll rises"}),
                               frozenset({"Shooting in El Paso", "El Paso mourns"})}
        again = db.ingest([first, second])  # nothing new: the incidents stay as they are
        assert again.added == 0 and _snapshot(db) == one
    with eventwire.open(tmp_path / "two.sqlite") as db:
        db.ingest([second])
        db.ingest([first])
        assert _snapshot(db) == one
    with eventwire.open(tmp_path / "three.sqlite") as db:
        for path in sorted(first.iterdir(), reverse=True) + sorted(second.iterdir()):
            db.ingest([path])
        assert _snapshot(db) == one


def test_incident_reads_back_with_sources_and_disagreement(tmp_path: Path, sources: tuple[Path, Path]) -> None:
    with eventwire.open(tmp_path / "db.sqlite") as db:
        db.ingest(list(sources))
        [haiti] = db.incidents(country="HTI")
        assert len(haiti.members) == 3 and haiti.members[0].reason is None
        assert all(m.reason and m.reason["joined"] and m.reason["shared"] for m in haiti.members[1:])
        assert [r["article_id"] for r in haiti.summary["reports"]] == [m.article_id for m in haiti.members]
        [el_paso] = db.incidents(type="ASSAULT", country="USA")
        disagreement = el_paso.summary["disagreement"]
        assert sorted(r["best"] for r in disagreement["fatalities"]) == [20, 22] and disagreement["any"]
        assert disagreement["fatalities_range"] == [20, 22]
        assert db.incident(el_paso.id) == el_paso and db.incident(el_paso.id[:10]) == el_paso
        article = db.article(el_paso.members[0].article_id)
        assert article is not None and article.result["incident"] == el_paso.id
        assert db.incidents(since="2030-01-01") == []
