"""Calendar arithmetic and TIMEX3 value formatting for `times.py` (private helper).

A resolved time is a `Point`: a granularity and one calendar day inside the period it names
(the first day, or the day itself). `value()` writes it the TimeML way: `2022-01-06`, `2022-W01`,
`2022-W01-WE`, `2022-01`, `2022-Q1`, `2022-H1`, `2022-SU`, `2022`, `202` (a decade), `20` (a
century), with a part of day (`2022-01-05TNI`) or a clock time (`2022-01-05T22:00`) when it has one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

__all__ = ["Context", "Point", "Resolved", "add", "last_weekday", "next_weekday", "start_of"]

# granularity -> the Precision of the TimeMention record (None: no calendar day/week/month/year)
_PRECISION = {"day": "day", "week": "week", "weekend": "week", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar period: `gran` is day|week|weekend|month|quarter|half|season|year|decade|century."""

    gran: str
    day: dt.date
    season: str = ""  # SP | SU | FA | WI when gran == "season"
    part: str = ""  # MO | AF | EV | NI: a part of the day
    clock: str = ""  # "22:00", "16:15Z": a time of day

    def value(self) -> str:
        d = self.day
        if self.gran == "day":
            out = d.isoformat()
            if self.clock:
                return f"{out}T{self.clock}"
            return f"{out}T{self.part}" if self.part else out
        if self.gran in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.gran == "season":
            return f"{d.year:04d}-{self.season}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        if self.gran == "century":
            return f"{d.year // 100:02d}"
        return f"{d.year:04d}"

    @property
    def precision(self) -> str | None:
        return _PRECISION.get(self.gran)

    @property
    def date(self) -> dt.date | None:
        """The calendar day, for day-granular points only."""
        return self.day if self.gran == "day" else None

    def with_(self, **changes: object) -> Point:
        return replace(self, **changes)  # type: ignore[arg-type]


def add(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by n units: D (days), W (weeks), M (months), Q (quarters), Y (years)."""
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit == "W":
        return day + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12}.get(unit)
    if months is None:
        raise ValueError(f"unknown unit {unit!r}")
    total = day.year * 12 + day.month - 1 + n * months
    year, month = divmod(total, 12)
    year = min(max(year, 1), 9999)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def last_weekday(day: dt.date, weekday: int) -> dt.date:
    """The latest day on or before `day` that falls on ISO `weekday` (Monday = 1)."""
    return day - dt.timedelta(days=(day.isoweekday() - weekday) % 7)


def next_weekday(day: dt.date, weekday: int) -> dt.date:
    """The earliest day on or after `day` that falls on ISO `weekday`."""
    return day + dt.timedelta(days=(weekday - day.isoweekday()) % 7)


def start_of(point_gran: str, day: dt.date) -> dt.date:
    """The first day of the period of granularity `point_gran` that holds `day`."""
    if point_gran in ("week", "weekend"):
        return day - dt.timedelta(days=day.isoweekday() - 1)
    if point_gran == "month":
        return day.replace(day=1)
    if point_gran == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if point_gran == "half":
        return dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    if point_gran == "year":
        return dt.date(day.year, 1, 1)
    return day


@dataclass(slots=True)
class Context:
    """What the rules read besides the expression. The clause's tense ("past", "ended" for a period
    over by now, "present", "future" or "") is worked out from the parse only if a rule asks."""

    dct: dt.date | None
    ref: Point | None = None  # last mentioned time; None -> the publication day
    quarter: Point | None = None  # the last quarter (or half) the article named, for "a year earlier"
    clause: Callable[[], str] | None = None  # gives the tense of the expression's clause
    known_tense: str | None = None

    @property
    def tense(self) -> str:
        if self.known_tense is None:
            self.known_tense = self.clause() if self.clause is not None else ""
        return self.known_tense

    @tense.setter
    def tense(self, value: str) -> None:
        self.known_tense = value

    @property
    def anchor(self) -> Point | None:
        """The reference time for anaphora: the last mentioned point, else the publication day."""
        if self.ref is not None:
            return self.ref
        return Point("day", self.dct) if self.dct else None


@dataclass(frozen=True, slots=True)
class Resolved:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    point: Point | None = None  # the calendar period, when the value names one
    anaphoric: bool = False  # resolved against the reference time: it does not become the new one
