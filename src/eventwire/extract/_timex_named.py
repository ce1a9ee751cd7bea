"""Named days and the dateparser safety net (private helpers of `times.py`).

Holidays ("Thanksgiving", "Christmas Eve") take the occurrence nearest to the publication date,
leaning by tense. Full calendar dates in a form the rules of `_timex_rules` do not read
("2020/03/05", "5-Mar-2020") go to `dateparser`, cached, as a last resort.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache

from ._timex_cal import Context, Point, Resolved, next_weekday
from ._timex_rules import LEAN_DAYS, resolved

__all__ = ["NAMED_RULES"]

log = logging.getLogger(__name__)

_HOLIDAYS = {"christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "the fourth of july": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
             "boxing day": (12, 26), "new year's": (1, 1)}


_HOLIDAY = re.compile(r"(?:(last|this|next|past)\s+)?(.+?)(?:\s+(\d{4}))?")
_HOLIDAY_WORD = re.compile(
    r"christmas|thanksgiving|new year|independence|fourth of july|halloween|valentine|boxing"
)


def _holiday(s: str, ctx: Context) -> Resolved | None:
    m = _HOLIDAY.fullmatch(s) if _HOLIDAY_WORD.search(s) else None
    if not m:
        return None
    mod, name = m.group(1) or "", m.group(2)
    if name in ("thanksgiving", "thanksgiving day"):
        def dated(y: int) -> dt.date:
            return next_weekday(dt.date(y, 11, 1), 4) + dt.timedelta(weeks=3)
    elif name in _HOLIDAYS:
        month, mday = _HOLIDAYS[name]

        def dated(y: int) -> dt.date:
            return dt.date(y, month, mday)
    else:
        return None
    if m.group(3):
        return resolved(Point("day", dated(int(m.group(3)))))
    if ctx.dct is None:
        first = dated(2001)  # the month and day (Thanksgiving's day varies: not without a year)
        return None if name.startswith("thanksgiving") else Resolved("DATE", f"XXXX-{first:%m-%d}")
    y = ctx.dct.year
    options = [dated(y - 1), dated(y), dated(y + 1)]
    if mod in ("last", "past"):
        options = [d for d in options if d < ctx.dct]
    elif mod == "next":
        options = [d for d in options if d > ctx.dct]

    def cost(d: dt.date) -> int:
        gap = (d - ctx.dct).days if ctx.dct else 0
        lean = (gap > 0 and ctx.tense != "future") or (gap < 0 and ctx.tense == "future")
        return abs(gap) + (LEAN_DAYS if lean else 0)

    day = min(options, key=cost)
    return resolved(Point("day", day))


# -------------------------------------------------------------------- dateparser, last

# numeric or dashed forms: 2020/03/05, 2020.03.05, 3-5-2020, 5-Mar-2020 (month names: `_timex_rules`)
_FULL_DATE = re.compile(r"^\d{1,4}([/.-])(?:\d{1,2}|[a-z]{3,9}\.?)\1\d{2,4}$")


@lru_cache(maxsize=4096)
def _parse_full_date(text: str) -> dt.date | None:
    """A day, month and year written in any form dateparser reads, else None."""
    import dateparser  # slow to import and slow to run: only for the rare leftovers

    try:
        found = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, OverflowError) as exc:
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    return found.date() if found is not None else None


def _dateparser(s: str, ctx: Context) -> Resolved | None:
    if not _FULL_DATE.match(s):
        return None
    day = _parse_full_date(s)
    return resolved(Point("day", day)) if day is not None else None


NAMED_RULES = (_holiday, _dateparser)
