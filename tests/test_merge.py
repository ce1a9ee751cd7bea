"""merge.py: reports of one incident share an id, two incidents of the same kind do not; ids do not
depend on input order; where the reports disagree is summarised."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace

from click.testing import CliRunner

import eventwire
from eventwire import merge
from eventwire.cli import cli
from eventwire.merge import ArticleFeatures, article_features, cluster_articles, summarise_disagreement
from eventwire.model import Actor, Article, DocumentResult, Event, Label, Place, Quantity, Span, TimeMention

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


def _ev(text: str, word: str, ptype: str, day: str, *, confidence: float = 0.8, place: Place | None = None,
        killed: int | None = None, precision: str = "day") -> Event:
    start = text.index(word)
    when = TimeMention(day, 0, len(day), "DATE", day, precision=precision,  # type: ignore[arg-type]
                       date=dt.date.fromisoformat(day) if precision == "day" else None)
    count = None
    if killed is not None:
        at = text.index(str(killed))
        count = Quantity("killed", str(killed), at, at + len(str(killed)), killed, killed, killed)
    return Event(trigger=Span(word, start, start + len(word)), plover_type=ptype, plover_mode=None, acled_type=None,
                 acled_sub_type=None, cameo=None, confidence=confidence, location=place, date=when, fatalities=count)


def _article(aid: str, text: str, published: str, *events: Event) -> DocumentResult:
    return DocumentResult(article=Article(id=aid, text=text, fingerprint="fp-" + aid,
                                          published=dt.date.fromisoformat(published)), events=events)


ISTANBUL = Place("Istanbul", 0, 8, name="Istanbul", country="TUR", lat=41.01, lon=28.98, precision="city")
ODESA = Place("Odesa", 0, 5, name="Odesa", country="UKR", lat=46.48, lon=30.73, precision="city")


def test_the_lead_event_is_early_in_the_text_and_not_background():
    text = ("Both sides signed a grain deal in Istanbul on Friday, their first since the invasion in February. "
            "Ships will sail along routes guided by pilots through mined waters, and a joint centre in the city "
            "will oversee the traffic and inspect the ships for weapons. "
            "Officials later accused each other of delays.")
    deal = _ev(text, "signed", "AGREE", "2022-07-22", confidence=0.75)
    invasion = replace(_ev(text, "invasion", "ASSAULT", "2022-07-22", confidence=0.8),
                       date=TimeMention("February", 80, 88, "DATE", "2022-02", precision="month"))
    accused = _ev(text, "accused", "ACCUSE", "2022-07-22", confidence=0.8)
    f = article_features(_article("deal", text, "2022-07-22", invasion, accused, deal))
    # not the February invasion (background), nor the later, slightly more confident accusation
    assert f.primary is not None and f.primary.trigger.text == "signed"


def test_the_toll_is_the_best_told_count_and_labels_are_kept():
    text = "Police said 40 people were killed in the riots on Wednesday. In 2011, 14 were killed in Zhanaozen."
    riot = _ev(text, "riots", "PROTEST", "2022-01-05", confidence=0.9)
    killed = _ev(text, "killed", "ASSAULT", "2022-01-05", confidence=0.7, killed=40)
    old = _ev(text, "were killed in Z", "ASSAULT", "2011-12-16", confidence=0.95, killed=14)
    riot = replace(riot, labels=(Label("riots", 39, 44, "police"),))
    f = article_features(_article("riot", text, "2022-01-06", old, killed, riot))
    assert f.primary is not None and f.primary.trigger.text == "riots"
    assert f.primary.fatalities is not None and f.primary.fatalities.best == 40  # not the 2011 toll
    assert f.labels == (("riots", "police"),)


def test_other_kinds_of_event_on_other_days_are_other_incidents():
    # The deal and the strike on the port share most of their words (grain, ports, Istanbul, Odesa),
    # but one is an agreement on Friday and the other an attack on Saturday.
    deal_text = ("Russia and Ukraine signed deals in Istanbul on Friday to reopen grain exports from Odesa and "
                 "other Black Sea ports under UN and Turkish supervision.")
    strike_text = ("Missiles struck the port of Odesa on Saturday, a day after Russia and Ukraine signed deals in "
                   "Istanbul to reopen grain exports from Black Sea ports under UN and Turkish supervision.")
    again_text = ("Missiles hit the port of Odesa on Saturday, a day after the Istanbul grain deals to reopen Black "
                  "Sea ports, Ukraine's military said.")
    deal = _article("deal", deal_text, "2022-07-22", _ev(deal_text, "signed", "AGREE", "2022-07-22", place=ISTANBUL))
    strike = _article("strike", strike_text, "2022-07-23",
                      _ev(strike_text, "struck", "ASSAULT", "2022-07-23", place=ODESA))
    again = _article("again", again_text, "2022-07-23", _ev(again_text, "hit", "ASSAULT", "2022-07-23", place=ODESA))
    feats = [article_features(r) for r in (deal, strike, again)]
    assert _groups(cluster_articles(feats)) == {frozenset({"deal"}), frozenset({"strike", "again"})}


def test_labels_are_a_disagreement_when_the_reports_use_different_words():
    reports = [_event("a", (8, 8, 8), "2020-03-01", "Boko Haram"), _event("b", (8, 8, 8), "2020-03-01", "Boko Haram")]
    d = summarise_disagreement(reports, {"a": [("terrorists", "the governor")], "b": []})
    assert d.labels == (("a", "terrorists", "the governor"),) and d.any
    same = summarise_disagreement(reports, {"a": [("terrorists", "x")], "b": [("Terrorists", "y")]})
    assert same.labels == () and not same.any


def test_incident_summaries_list_the_labels_of_each_source():
    from eventwire.incidents import incident_records

    text = "Gunmen attacked the market at dawn, killing traders, the governor said."
    plain = _event("a", (5, 5, 5), "2020-03-01", "gunmen")[1]
    loaded = replace(_event("b", (5, 5, 5), "2020-03-01", "gunmen")[1],
                     labels=(Label("terrorists", 0, 6, "the governor"),))
    feats = [article_features(_doc("a", text, plain)), article_features(_doc("b", text + " Shops closed.", loaded))]
    [record] = incident_records(feats)
    d = record.summary["disagreement"]
    assert d["labels"] == [["b", "terrorists", "the governor"]] and d["any"]


def test_blocking_compares_only_articles_within_the_window():
    text = "Flood waters swept through the valley town of Riverton, destroying bridges and the old mill."
    days = {"a": "2021-03-01", "b": "2021-03-04", "c": "2021-03-20", "d": "2021-06-30", "e": None}
    words = article_features(_doc("a", text, _event("a", (1, 1, 1), "2020-01-01", "x")[1])).terms
    feats = [ArticleFeatures(article_id=k, fingerprint="fp-" + k, terms=words, years=frozenset({2021}), published=day)
             for k, day in days.items()]
    others = ("Parliament passed the budget after a long debate over pensions and taxes.",
              "The central bank raised interest rates to curb inflation in housing and food prices.",
              "Striking dock workers blocked the harbour gates demanding higher wages and safer cranes.",
              "A new vaccine trial enrolled volunteers across hospitals in three northern provinces.",
              "The football final drew record crowds as the home side won on penalties.",
              "Wildfire smoke closed schools and the airport while crews cut firebreaks in the hills.")
    feats += [article_features(DocumentResult(article=Article(id=f"z{n}", text=t, fingerprint=f"fp-z{n}")))
              for n, t in enumerate(others)]
    vec = merge._Vectors(feats)
    day_of = [merge._day(f) for f in feats]
    near, every = vec.cosines(day_of, 31), vec.cosines(day_of, 10**6)
    assert set(near) < set(every) and all(near[p] == every[p] for p in near)  # the same cosines, fewer pairs
    assert (0, 2) in near and (0, 3) not in near  # a-c: 19 days apart; a-d: 121 days
    assert (3, 4) in near and (0, 4) in near  # e has no day: compared with every article
    without_e = [f for f in feats if f.article_id != "e"]
    alone = {frozenset({f"z{n}"}) for n in range(len(others))}
    assert _groups(cluster_articles(without_e)) == {frozenset({"a", "b", "c"}), frozenset({"d"})} | alone
    unblocked = merge.WEIGHTS.__class__(window_days=10**6)
    assert _groups(cluster_articles(without_e, weights=unblocked)) == {frozenset("abcd")} | alone
    for seed in range(3):
        random.Random(seed).shuffle(without_e)
        assert _groups(cluster_articles(without_e)) == {frozenset({"a", "b", "c"}), frozenset({"d"})} | alone
