"""merge.py: reports of one incident share an id, two incidents of the same kind do not; ids do not
depend on input order; where the reports disagree is summarised."""

from __future__ import annotations

import datetime as dt
import json
import random

from click.testing import CliRunner

import eventwire
from eventwire.cli import cli
from eventwire.merge import ArticleFeatures, article_features, cluster_articles, summarise_disagreement
from eventwire.model import Actor, Article, DocumentResult, Event, Place, Quantity, Span, TimeMention

# Two earthquakes and two shootings: each pair is of one kind, so only the details tell them apart.
REPORTS = {
    "quake-a1": ("2021-08-14", "A magnitude 7.2 earthquake struck southwestern Haiti on Saturday, killing at least "
                 "304 people near Les Cayes and flattening churches and hotels, the civil protection agency said."),
    "quake-a2": ("2021-08-15", "Rescuers in Les Cayes dug through rubble after Saturday's 7.2 earthquake in Haiti; "
                 "the civil protection agency raised the death toll to 1,297 as hospitals filled."),
    "quake-a3": ("2021-08-15", "Haiti's prime minister declared a month-long state of emergency after the "
                 "earthquake near Les Cayes, where the death toll passed 1,297 and churches collapsed."),
    "quake-b1": ("2018-09-29", "A 7.5 magnitude earthquake and tsunami hit Palu on Sulawesi, Indonesia, on Friday, "
                 "killing 384 people as waves swept the beach, the disaster agency said."),
    "quake-b2": ("2018-09-30", "The death toll from the Sulawesi earthquake and tsunami in Palu rose to 832, "
                 "Indonesia's disaster agency said, as rescuers searched collapsed hotels on the beach."),
    "shoot-a1": ("2019-08-04", "A gunman opened fire at a Walmart in El Paso, Texas, on Saturday, killing 20 "
                 "shoppers; police arrested a 21-year-old suspect from Allen."),
    "shoot-a2": ("2019-08-05", "El Paso mourned the 22 people shot dead at the Walmart store; the suspect from "
                 "Allen, Texas, surrendered to police near the shopping centre."),
    "shoot-b1": ("2017-10-02", "A gunman fired from the 32nd floor of the Mandalay Bay hotel in Las Vegas on Sunday "
                 "night into a country music festival crowd, killing 58 concertgoers."),
    "shoot-b2": ("2017-10-03", "Investigators searched the Mandalay Bay suite from which the Las Vegas gunman shot "
                 "at the festival crowd, killing 58 people and wounding hundreds."),
}


def _results() -> list[DocumentResult]:
    return [eventwire.extract(text, published=day, id=aid) for aid, (day, text) in REPORTS.items()]


def _groups(incidents) -> set[frozenset[str]]:
    return {frozenset(inc.article_ids) for inc in incidents}


def test_reports_of_one_incident_merge_and_same_kind_incidents_stay_apart():
    incidents = cluster_articles([article_features(r) for r in _results()])
    want = {frozenset(k for k in REPORTS if k.startswith(prefix))
            for prefix in ("quake-a", "quake-b", "shoot-a", "shoot-b")}
    assert _groups(incidents) == want
    for inc in incidents:
        assert len(inc.reasons) == len(inc.article_ids) - 1  # one explained link per merge
        for why in inc.reasons:
            assert why.score >= 0.0 and why.text > 0.0 and why.shared


def test_ids_do_not_depend_on_input_order():
    feats = [article_features(r) for r in _results()]
    first = {aid: inc.id for inc in cluster_articles(feats) for aid in inc.article_ids}
    rng = random.Random(5)
    for _ in range(4):
        rng.shuffle(feats)
        again = {aid: inc.id for inc in cluster_articles(feats) for aid in inc.article_ids}
        assert again == first


def test_a_lone_report_is_its_own_incident():
    [inc] = cluster_articles([article_features(_results()[0])])
    assert inc.article_ids == ("quake-a1",) and inc.reasons == () and inc.id.startswith("inc-")
    assert cluster_articles([]) == []


def _event(aid: str, killed: tuple[int, int, int], day: str, actor: str, lat: float = 13.5) -> tuple[str, Event]:
    lo, best, hi = killed
    return aid, Event(
        trigger=Span("attack", 10, 16), plover_type="ASSAULT", plover_mode=None, acled_type=None,
        acled_sub_type=None, cameo="190", confidence=0.9,
        actor=Actor(actor, 0, len(actor), actor),
        location=Place("Diffa", 30, 35, name="Diffa", country="NER", lat=lat, lon=12.6, precision="city"),
        date=TimeMention(day, 40, 50, "DATE", day, precision="day", date=dt.date.fromisoformat(day)),
        fatalities=Quantity("killed", str(best), 60, 62, lo, hi, best))


def test_disagreement_lists_each_source_and_the_range():
    reports = [_event("b", (12, 12, 36), "2020-03-02", "Boko Haram"),
               _event("a", (8, 8, 8), "2020-03-01", "Boko Haram"),
               _event("c", (8, 8, 8), "2020-03-01", "jihadists")]
    d = summarise_disagreement(reports)
    assert [(r.article_id, r.best) for r in d.fatalities] == [("a", 8), ("b", 12), ("c", 8)]
    assert d.fatalities_range == (8, 36) and d.injured == () and d.injured_range is None
    assert {aid for aid, _ in d.dates} == {"a", "b", "c"}
    assert {name for _, name in d.actors} == {"Boko Haram", "jihadists"}
    assert d.any


def test_agreeing_reports_show_no_disagreement():
    d = summarise_disagreement([_event("a", (8, 8, 8), "2020-03-01", "Boko Haram"),
                                _event("b", (8, 8, 8), "2020-03-01", "Boko Haram")])
    assert not d.any and d.dates == () and d.actors == () and d.fatalities_range == (8, 8)


def _doc(aid: str, text: str, event: Event) -> DocumentResult:
    return DocumentResult(article=Article(id=aid, text=text, fingerprint="fp-" + aid), events=(event,))


def test_events_far_apart_in_place_and_time_do_not_merge_on_words_alone():
    text = "Gunmen attacked the market at dawn, killing traders, the governor said."
    near = [_doc("a", text, _event("a", (5, 5, 5), "2020-03-01", "gunmen")[1]),
            _doc("b", text + " Shops closed.", _event("b", (5, 5, 5), "2020-03-02", "gunmen")[1])]
    far = _doc("c", text + " Roads closed.", _event("c", (5, 5, 5), "2021-06-20", "gunmen", lat=-33.9)[1])
    feats: list[ArticleFeatures] = [article_features(r) for r in [*near, far]]
    assert _groups(cluster_articles(feats)) == {frozenset({"a", "b"}), frozenset({"c"})}


def test_cli_extract_sets_shared_incidents_in_input_order(tmp_path):
    src = tmp_path / "in.jsonl"
    ids = ["shoot-b1", "quake-a1", "shoot-b2", "quake-a2"]
    src.write_text("".join(json.dumps({"id": k, "text": REPORTS[k][1], "published": REPORTS[k][0]}) + "\n"
                           for k in ids), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ids
    inc = {r["id"]: r["incident"] for r in rows}
    assert inc["shoot-b1"] == inc["shoot-b2"] and inc["quake-a1"] == inc["quake-a2"]
    assert inc["shoot-b1"] != inc["quake-a1"] and all(inc.values())
