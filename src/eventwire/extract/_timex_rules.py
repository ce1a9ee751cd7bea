"""Rules for expressions that name a day or a calendar date (private helper of `times.py`).

Each rule takes the cleaned, lower-case expression and the `Context`, and returns a `Resolved`
or None. News reads past-leaning: a bare weekday or month is the latest one on or before the
publication date unless the clause is in the future tense.
"""

from __future__ import annotations

import datetime as dt
import re

from ._timex_cal import Context, Point, Resolved, last_weekday, next_weekday
from ._timex_lex import DAY_PARTS, MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS, parse_number

__all__ = ["LEAN_DAYS", "POINT_RULES", "day_point", "resolved", "unknown", "year_of"]

_PARTS = "morning|afternoon|mid-afternoon|evening|night|overnight"


def unknown(gran: str, *, month: int = 0, day: int = 0, weekday: int = 0, tail: str = "") -> str:
    """An underspecified TimeML value for a period that needs the unknown publication date."""
    mm = f"{month:02d}" if month else "XX"
    dd = f"{day:02d}" if day else "XX"
    if weekday:
        return f"XXXX-WXX-{weekday}{tail}"
    if gran == "week":
        return "XXXX-WXX"
    if gran == "weekend":
        return "XXXX-WXX-WE"
    if gran == "month":
        return f"XXXX-{mm}"
    if gran == "year":
        return "XXXX"
    return f"XXXX-{mm}-{dd}{tail}"


def resolved(point: Point, anaphoric: bool = False) -> Resolved:
    return Resolved("TIME" if point.clock or point.part else "DATE", point.value(), point, anaphoric)


LEAN_DAYS = 150  # how much farther a date may be on the side its clause's tense points to


def _year_for(month: int, day: int, ctx: Context, weekday: int = 0) -> int:
    """The year of a month (and day) written without one: the nearest to the publication date,
    leaning by tense (past tense: the past one, unless it is much farther away)."""
    assert ctx.dct is not None
    dct = ctx.dct
    best: tuple[int, int] = (10**6, dct.year)
    for year in (dct.year - 1, dct.year, dct.year + 1):
        if day:
            found = _day(year, month, day)
            if found is None or (weekday and found.isoweekday() != weekday):
                continue
            gap = (found - dct).days
        else:
            gap = 30 * (year * 12 + month - dct.year * 12 - dct.month)
        cost = abs(gap)
        if gap > 0 and ctx.tense == "ended":  # "the year ended Jan. 31": over by now
            continue
        if (gap > 0 and ctx.tense == "past") or (gap < 0 and ctx.tense == "future"):
            cost += LEAN_DAYS
        best = min(best, (cost, year))
    return best[1]


def year_of(text: str) -> int | None:
    """'1998', "'98", 'nineteen ninety-eight', 'two thousand eight' -> a year."""
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    m = re.fullmatch(r"'(\d\d)", text)
    if m:
        return 1900 + int(m.group(1))
    m = re.fullmatch(r"nineteen(?:\s+hundred(?:\s+and)?)?\s+([a-z -]+)", text)
    if m:
        n = parse_number(m.group(1))
        return 1900 + int(n) if n is not None and n < 100 else None
    m = re.fullmatch(r"two thousand(?:\s+and)?(?:\s+([a-z -]+))?", text)
    if m:
        n = parse_number(m.group(1)) if m.group(1) else 0.0
        return 2000 + int(n) if n is not None and n < 100 else None
    return None


_YEAR_RE = r"(\d{4}|'\d\d|nineteen [a-z -]+|two thousand[a-z -]*)"


def day_point(s: str, ctx: Context) -> Point | Resolved | None:
    """The day named by `s` (a weekday, a date, 'yesterday', ...), via the point rules."""
    for rule in (_deictic, _weekday, _dates):
        out = rule(s, ctx)
        if out is not None:
            return out.point if out.point is not None else out
    return None


# -------------------------------------------------------------------- deictic days

_DEICTIC = re.compile(
    rf"^(?:(this|last|tomorrow|yesterday|today|tonight|overnight)\s+)?"
    rf"(today|tonight|tomorrow|yesterday|overnight|the day before yesterday|the day after tomorrow|"
    rf"{_PARTS})(?:\s+(today|yesterday|tomorrow|{_PARTS}))?$"
)
_SHIFT = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1, "the day before yesterday": -2,
          "the day after tomorrow": 2, "this": 0, "last": -1, "overnight": -1}


def _deictic(s: str, ctx: Context) -> Resolved | None:
    m = _DEICTIC.match(s)
    if not m:
        return None
    words = [w for w in m.groups() if w]
    shift, part, days = 0, "", 0
    for w in words:
        if w in DAY_PARTS:
            part = DAY_PARTS[w]
            if w == "overnight":
                shift -= 1
        elif w in _SHIFT:
            shift += _SHIFT[w]
            days += 1
        if w == "tonight":
            part = "NI"
    if days == 0 and not (len(words) == 1 and words[0] == "overnight"):
        return None  # a bare "morning": no day to pin it on
    if words == ["last", "night"]:
        shift = -1
    if words and words[0] == "this" and days == 1 and not part:
        return None
    if ctx.dct is None:
        return Resolved("TIME" if part else "DATE", unknown("day", tail=f"T{part}" if part else ""))
    return resolved(Point("day", ctx.dct + dt.timedelta(days=shift), part=part))


_THAT_PART = re.compile(
    r"^(?:the|that)\s+(?:(next|following|previous|same)\s+)?(morning|afternoon|evening|night)$"
)


def _that_part(s: str, ctx: Context) -> Resolved | None:
    """'the morning', 'that night', 'the next morning': a part of the day last mentioned."""
    m = _THAT_PART.match(s)
    if not m:
        return None
    anchor = ctx.anchor
    if anchor is None or anchor.gran != "day":
        return None
    shift = {"next": 1, "following": 1, "previous": -1}.get(m.group(1) or "", 0)
    point = Point("day", anchor.day + dt.timedelta(days=shift), part=DAY_PARTS[m.group(2)])
    return resolved(point, anaphoric=True)


# -------------------------------------------------------------------- weekdays

_WEEKDAY = re.compile(
    rf"^(?:(last|this|next|past|coming|previous|following|that|the previous|the following|the next|"
    rf"the same|the)\s+)?({WEEKDAY_RE})(?:'s)?(?:,)?(?:\s+({_PARTS}))?$"
)
_PART_FIRST = re.compile(rf"^(?:({_PARTS})\s+(?:of\s+)?)({WEEKDAY_RE})$")


def _weekday(s: str, ctx: Context) -> Resolved | None:
    m = _WEEKDAY.match(s)
    if m:
        mod, name, part = m.group(1) or "", m.group(2), m.group(3) or ""
    else:
        m = _PART_FIRST.match(s)
        if not m:
            return None
        mod, name, part = "", m.group(2), m.group(1)
    wd = WEEKDAYS.get(name.rstrip("."))
    if wd is None:
        return None
    code = DAY_PARTS.get(part, "")
    if ctx.dct is None:
        tail = f"T{code}" if code else ""
        return Resolved("TIME" if code else "DATE", unknown("day", weekday=wd, tail=tail))
    base = ctx.dct
    if mod in ("the previous", "the following", "the next", "that", "the same"):
        anchor = ctx.anchor
        base = anchor.day if anchor is not None and anchor.gran == "day" else ctx.dct
    if mod in ("last", "past", "previous", "the previous"):
        day = last_weekday(base - dt.timedelta(days=1), wd)
    elif mod in ("next", "coming", "following", "the following", "the next"):
        day = next_weekday(base + dt.timedelta(days=1), wd)
    elif ctx.tense == "future":
        day = next_weekday(base, wd)
    else:
        day = last_weekday(base, wd)
    return resolved(Point("day", day, part=code), anaphoric=base is not ctx.dct)


# -------------------------------------------------------------------- calendar dates

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MDY = re.compile(
    rf"^(?:({WEEKDAY_RE}),?\s+)?(?:the\s+)?({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*{_YEAR_RE})?$"
)
_DMY = re.compile(
    rf"^(?:({WEEKDAY_RE}),?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})"
    rf"(?:,?\s*{_YEAR_RE})?$"
)
_MY = re.compile(rf"^({MONTH_RE})(?:\s+of)?,?\s+{_YEAR_RE}$")
_MONTH = re.compile(rf"^(?:(last|this|next|past|coming|previous|that)\s+)?({MONTH_RE})$")
_MONTH_REL_YEAR = re.compile(
    rf"^({MONTH_RE})(?:\s+of)?\s+(this|last|next|that|the same|the previous)\s+year$"
)
_YEAR = re.compile(
    rf"^(?:(?:the\s+)?(?:fiscal|calendar|financial|model|school|crop|fy)\s*(?:year\s+)?|the year\s+)?"
    rf"{_YEAR_RE}$"
)
_DECADE = re.compile(r"^(?:the\s+)?(?:(\d{3})0|'?(\d)0)'?s$")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_CENTURY = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century$")
_THIS_CENTURY = re.compile(r"(?:the\s+)?(this|last|next|previous|past|current)\s+century")
_DECADE_NAME = re.compile(r"(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:nineteen[\s-]?)?(\w+ies)")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, ctx: Context, weekday: str | None) -> Resolved | None:
    if not 1 <= day <= 31:
        return None
    if year is None:
        if ctx.dct is None:
            return Resolved("DATE", unknown("day", month=month, day=day))
        year = _year_for(month, day, ctx, WEEKDAYS.get((weekday or "").rstrip("."), 0))
    found = _day(year, month, day)
    return resolved(Point("day", found)) if found else None


def _dates(s: str, ctx: Context) -> Resolved | None:
    m = _ISO.match(s)
    if m:
        found = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return resolved(Point("day", found)) if found else None
    m = _NUMERIC.match(s)
    if m:
        year = int(m.group(3))
        if year < 100:
            year += 2000 if year <= ((ctx.dct.year % 100) if ctx.dct else 30) + 5 else 1900
        found = _day(year, int(m.group(1)), int(m.group(2)))
        return resolved(Point("day", found)) if found else None
    m = _MDY.match(s)
    if m:
        named = year_of(m.group(4)) if m.group(4) else None
        return _month_day(MONTHS[m.group(2).rstrip(".")], int(m.group(3)), named, ctx, m.group(1))
    m = _DMY.match(s)
    if m:
        named = year_of(m.group(4)) if m.group(4) else None
        return _month_day(MONTHS[m.group(3).rstrip(".")], int(m.group(2)), named, ctx, m.group(1))
    m = _MY.match(s)
    if m:
        named = year_of(m.group(2))
        if named is None:
            return None
        return resolved(Point("month", dt.date(named, MONTHS[m.group(1).rstrip(".")], 1)))
    return _months(s, ctx) or _years(s, ctx)


def _months(s: str, ctx: Context) -> Resolved | None:
    m = _MONTH.match(s)
    rel = ""
    if m:
        mod, name = m.group(1) or "", m.group(2)
    else:
        m = _MONTH_REL_YEAR.match(s)
        if not m:
            return None
        mod, name, rel = "", m.group(1), m.group(2)
    month = MONTHS[name.rstrip(".")]
    if ctx.dct is None:
        return Resolved("DATE", unknown("month", month=month))
    dct = ctx.dct
    if rel:
        anchor = ctx.anchor
        base = anchor.day.year if rel in ("that", "the same") and anchor else dct.year
        year = base + {"last": -1, "next": 1, "the previous": -1}.get(rel, 0)
    elif mod in ("last", "past", "previous"):
        year = dct.year if month < dct.month else dct.year - 1
    elif mod in ("next", "coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif mod == "that":
        anchor = ctx.anchor
        year = anchor.day.year if anchor else dct.year
    elif mod == "this":
        year = dct.year
    else:
        year = _year_for(month, 0, ctx)
    return resolved(Point("month", dt.date(year, month, 1)))


def _years(s: str, ctx: Context) -> Resolved | None:
    m = _YEAR.match(s)
    if m:
        year = year_of(m.group(1))
        if year is None or not 1000 <= year <= 2199:
            return None
        return resolved(Point("year", dt.date(year, 1, 1)))
    m = _DECADE.match(s)
    if m:
        if m.group(1):
            return Resolved("DATE", m.group(1))
        return Resolved("DATE", f"19{m.group(2)}")
    m = _DECADE_NAME.fullmatch(s)
    if m and m.group(1) in _DECADE_WORDS:
        return Resolved("DATE", f"19{_DECADE_WORDS[m.group(1)]}")
    m = _CENTURY.match(s)
    if m:
        return Resolved("DATE", f"{int(m.group(1)) - 1:02d}")
    m = _THIS_CENTURY.fullmatch(s)
    if m and ctx.dct is not None:
        shift = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(m.group(1), 0)
        return Resolved("DATE", f"{ctx.dct.year // 100 + shift:02d}")
    return None


# -------------------------------------------------------------------- clock times

_CLOCK = re.compile(
    r"(?:^|\s)(?:at\s+|around\s+|about\s+)?(?:(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m\b\.?|(\d{1,2}):(\d\d)\b"
    r"|(\d\d)(\d\d)\s*(?=utc|gmt|hours|hrs)|(noon|midday|midnight))"
    r"(?:\s*\(?\s*(utc|gmt|z|[ecmp][sd]?t|local time)\b\)?)?(?:\s*\(?\s*(?:utc|gmt)?\s*[+-]\s*\d+\)?)?"
)


_HOUR_OF_PART = re.compile(r"\b(\d{1,2}(?::\d\d)?)\s+(?:o'clock\s+)?(in the morning|in the afternoon|"
                           r"in the evening|at night)\b")


def _clock(s: str, ctx: Context) -> Resolved | None:
    s = _HOUR_OF_PART.sub(lambda m: m.group(1) + (" a.m." if "morning" in m.group(2) else " p.m."), s)
    m = _CLOCK.search(s)
    if not m:
        return None
    if m.group(1):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour > 12:
            return None
        hour = hour % 12 + (12 if m.group(3) == "p" else 0)
    elif m.group(4):
        hour, minute = int(m.group(4)), int(m.group(5))
    elif m.group(6):
        hour, minute = int(m.group(6)), int(m.group(7))
    else:
        hour, minute = {"noon": 12, "midday": 12, "midnight": 24}[m.group(8)], 0
    if hour > 24 or minute > 59:
        return None
    zone = "Z" if m.group(9) in ("utc", "gmt", "z") else ""
    clock = f"{hour:02d}:{minute:02d}{zone}"
    rest = (s[: m.start()] + " " + s[m.end():]).strip(" ,")
    rest = re.sub(r"^(?:on|of|at|in|the)\s+|\s+(?:on|of|at)$", "", rest).strip(" ,")
    rest = re.sub(r"^(?:in\s+)?the\s+(morning|afternoon|evening|night)$", "", rest)
    day: Point | None = None
    if rest:
        found = day_point(rest, ctx)
        if isinstance(found, Resolved) or found is None or found.gran != "day":
            return None
        day = found
    else:
        anchor = ctx.anchor
        day = anchor if anchor is not None and anchor.gran == "day" else None
        if day is None and ctx.dct is not None:
            day = Point("day", ctx.dct)
    if day is None:
        return Resolved("TIME", f"XXXX-XX-XXT{clock}")
    return resolved(Point("day", day.day, clock=clock))


POINT_RULES = (_deictic, _that_part, _weekday, _dates, _clock)
