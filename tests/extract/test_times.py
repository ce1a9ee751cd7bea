"""Time expressions: types, TimeML values and spans, resolved against the publication date.

The sentences are written for these tests. The gate at the end scores the TimeBank/AQUAINT and
MEANTIME dev sets of ../shared with the shared scorer (skipped when ../shared is absent).
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.extract.times import find_times
from eventwire.model import TimeMention

THURSDAY = dt.date(2022, 1, 6)  # a Thursday


def _times(nlp, text: str, published: dt.date | None = THURSDAY) -> list[TimeMention]:
    return find_times(nlp(text), published)


def _one(nlp, text: str, published: dt.date | None = THURSDAY) -> TimeMention:
    found = _times(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


def test_weekday_on_the_publication_day_is_that_day(nlp):
    t = _one(nlp, "Crowds filled the central square on Thursday, witnesses said.")
    assert (t.text, t.type, t.value) == ("Thursday", "DATE", "2022-01-06")
    assert (t.precision, t.date) == ("day", THURSDAY)


def test_earlier_weekday_is_the_latest_before_publication(nlp):
    t = _one(nlp, "Riot police dispersed the marchers on Tuesday.")
    assert t.value == "2022-01-04"
    assert t.date == dt.date(2022, 1, 4)


def test_weekday_in_a_future_clause_looks_ahead(nlp):
    assert _one(nlp, "The two delegations will meet again on Monday.").value == "2022-01-10"


def test_overnight_is_the_night_before_publication(nlp):
    t = _one(nlp, "Several shops were set on fire overnight, the mayor said.")
    assert (t.text, t.value, t.date) == ("overnight", "2022-01-05TNI", dt.date(2022, 1, 5))


def test_weekday_night(nlp):
    t = _one(nlp, "The president addressed the nation on Wednesday night.")
    assert (t.text, t.value, t.type) == ("Wednesday night", "2022-01-05TNI", "TIME")
    assert t.date == dt.date(2022, 1, 5)


def test_month_and_year(nlp):
    t = _one(nlp, "Fuel prices doubled in December 2021 after subsidies ended.")
    assert (t.text, t.value, t.precision, t.date) == ("December 2021", "2021-12", "month", None)


def test_month_alone_takes_the_nearest_year_by_tense(nlp):
    assert _one(nlp, "Fuel prices doubled in December.").value == "2021-12"
    assert _one(nlp, "A new round of talks is planned for March.").value == "2022-03"


def test_years(nlp):
    t = _one(nlp, "The border dispute goes back to 2019.")
    assert (t.value, t.precision, t.date) == ("2019", "year", None)
    assert _one(nlp, "Prices have risen steadily this year.").value == "2022"
    assert _one(nlp, "Turnout was lower last year.").value == "2021"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The curfew will last three days.", "P3D"),
        ("Negotiators talked for two hours without a break.", "PT2H"),
        ("The siege lasted six weeks.", "P6W"),
        ("Inflation has doubled over the past five years.", "P5Y"),
    ],
)
def test_durations(nlp, text, value):
    t = _one(nlp, text)
    assert (t.type, t.value, t.precision, t.date) == ("DURATION", value, None, None)


def test_last_week_is_the_previous_iso_week(nlp):
    t = _one(nlp, "The ministry announced the reform last week.")
    assert (t.text, t.value, t.precision) == ("last week", "2021-W52", "week")


def test_relative_days(nlp):
    found = _times(nlp, "The strike began yesterday and may end tomorrow.")
    assert [(t.text, t.value) for t in found] == [("yesterday", "2022-01-05"), ("tomorrow", "2022-01-07")]


def test_iso_and_written_dates(nlp):
    assert _one(nlp, "The decree is dated 2022-01-05.").value == "2022-01-05"
    assert _one(nlp, "Elections are due on June 12, 2024.").value == "2024-06-12"


def test_numeric_dates_go_to_dateparser(nlp):
    assert _one(nlp, "The report is dated 2021/12/30.").value == "2021-12-30"


def test_holidays_take_the_nearest_occurrence(nlp):
    assert _one(nlp, "Rescuers found the boat on Thanksgiving Day.").value == "2021-11-25"


def test_a_deadline_lies_ahead_whatever_the_tense(nlp):
    assert _one(nlp, "The court extended the deadline until Friday.").value == "2022-01-07"


def test_time_of_day_takes_the_day_it_names(nlp):
    t = _one(nlp, "The convoy left at 10 p.m. on Tuesday.")
    assert (t.type, t.value, t.date) == ("TIME", "2022-01-04T22:00", dt.date(2022, 1, 4))


def test_vague_references_and_sets(nlp):
    found = {t.text: t.value for t in _times(nlp, "Food is scarce now and aid arrives daily.")}
    assert found == {"now": "PRESENT_REF", "daily": "P1D"}
    assert _one(nlp, "Fighting has recently spread to the east.").value == "PAST_REF"


def test_quarter_a_year_earlier(nlp):
    found = _times(nlp, "Profit rose in the third quarter, compared with a loss a year earlier.")
    assert [t.value for t in found] == ["2021-Q3", "2020-Q3"]


def test_without_publication_date_relative_times_stay_unresolved(nlp):
    text = "Protesters gathered on Thursday and again yesterday; the unrest began last week."
    found = {t.text: t for t in _times(nlp, text, None)}
    assert found["Thursday"].value == "XXXX-WXX-4"
    assert found["yesterday"].value == "XXXX-XX-XX"
    assert found["last week"].value == "XXXX-WXX"
    assert all(t.date is None for t in found.values())
    assert not any(str(dt.date.today().year) in t.value for t in found.values())


def test_without_publication_date_quarters_and_holidays_keep_what_they_say(nlp):
    found = {t.text: t.value for t in _times(nlp, "Sales fell in the third quarter and at Christmas.", None)}
    assert found == {"the third quarter": "XXXX-Q3", "Christmas": "XXXX-12-25"}


def test_without_publication_date_absolute_dates_resolve(nlp):
    t = _one(nlp, "The decree was signed on March 3, 2021.", None)
    assert (t.value, t.date) == ("2021-03-03", dt.date(2021, 3, 3))


def test_ages_and_plain_numbers_are_not_times(nlp):
    assert _times(nlp, "A 6-year-old boy and his father, 44, were hurt.") == []


def test_spans_index_the_text(nlp):
    text = ("On Tuesday night, police said, curfews were imposed for three days.\n\n"
            "Earlier this month, on Jan. 2, officials had promised elections by June 2022.")
    found = _times(nlp, text)
    assert len(found) >= 4
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.text == t.text.strip()
    starts = [t.start for t in found]
    assert starts == sorted(starts)


# ---------------------------------------------------------------------------- the gold gate

# Value F1 (TempEval-3 attribute F1) reached on the dev sets, minus a small margin.
MINIMUM_VALUE_F1 = {"tbaq": 0.775, "meantime": 0.755}






@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("name", sorted(MINIMUM_VALUE_F1))
def test_gold_gate_value_f1(nlp, shared, spans_scorer, read_jsonl, name):
    data = shared / "eval" / "data"
    inputs = read_jsonl(data / f"{name}.dev.input.jsonl")
    gold = read_jsonl(data / f"{name}.dev.gold.jsonl")
    scorer = spans_scorer
    preds = []
    for doc, row in zip(nlp.pipe(r["text"] for r in inputs), inputs, strict=True):
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        times = [{"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
                 for t in find_times(doc, published)]
        preds.append({"id": row["id"], "times": times})
    metrics = scorer.score("time", gold, preds, {r["id"]: r["text"] for r in inputs})
    value_f1 = metrics["summary"]["value_f1"]
    assert value_f1 >= MINIMUM_VALUE_F1[name], f"{name}: value F1 {value_f1:.3f}"
