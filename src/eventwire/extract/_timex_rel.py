"""Rules for relative periods, durations and sets (private helper of `times.py`).

"last week", "this year", "the third quarter", "last fall", "two years ago", "the past five
years", "daily", "now", "recently". Same interface as `_timex_rules`: (cleaned text, Context)
-> Resolved or None.
"""

from __future__ import annotations

import datetime as dt
import re

from ._timex_cal import Context, Point, Resolved, add, start_of
from ._timex_lex import NUM_RE, SEASONS, UNIT_RE, WEEKDAYS, parse_number, unit_of
from ._timex_rules import resolved, unknown, year_of

__all__ = ["LEXICAL_RULES", "REL_RULES"]

_REFS = {
    "PRESENT_REF": "now|right now|just now|currently|current|presently|at present|these days|nowadays|"
    "the time being|the moment|at the moment|the present|present|this time|this point|today's|"
    "the present day|the current time|at this point|at this time|this stage|ongoing",
    "PAST_REF": "recently|recent|more recently|most recently|lately|the past|past|previously|formerly|"
    "earlier|once|the old days|history|recent history|long ago|not long ago|a while ago|some time ago|"
    "the recent past|in the past|years past|a few years ago|several years ago|years ago|some years ago|"
    "many years ago|decades ago|months ago|weeks ago|days ago|a few days ago|a few weeks ago|"
    "a few months ago|several months ago|several weeks ago|several days ago|past years|the past years",
    "FUTURE_REF": "future|the future|the near future|the distant future|soon|very soon|later|a later date|"
    "a later time|the long term|the short term|the near term|the medium term|long-term|short-term|"
    "near-term|as soon as possible|the years ahead|the months ahead|the weeks ahead|the days ahead|"
    "the coming years|the coming months|the coming weeks|the coming days|coming years|coming months|"
    "coming weeks|coming days|coming quarters|the coming quarters|future quarters|future years|"
    "eventually|the long run|the short run|the longer term|someday|one day soon",
}
_REF_OF = {w: v for v, words in _REFS.items() for w in words.split("|")}
_RECENT = re.compile(r"^(?:the\s+)?(?:most\s+)?recent\s+(days|weeks|months|years|quarters|decades)$")


def _refs(s: str, ctx: Context) -> Resolved | None:
    value = _REF_OF.get(s)
    m = _RECENT.match(s) if value is None else None
    if m:  # "in recent years" reads as a vague past; "in recent weeks" as a vague stretch of weeks
        if m.group(1) in ("years", "decades"):
            return Resolved("DATE", "PAST_REF")
        letter = {"days": "D", "weeks": "W", "months": "M", "quarters": "M"}[m.group(1)]
        return Resolved("DURATION", "PX" + letter)
    return Resolved("DATE", value) if value else None


# -------------------------------------------------------------------- sets

_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "hourly": "PT1H",
              "yearly": "P1Y", "annually": "P1Y", "every day": "P1D", "each day": "P1D",
              "every week": "P1W", "each week": "P1W", "every month": "P1M", "each month": "P1M",
              "every year": "P1Y", "each year": "P1Y", "every quarter": "P1Q", "each quarter": "P1Q",
              "every hour": "PT1H", "each hour": "PT1H", "a day": "P1D", "per day": "P1D",
              "biweekly": "P2W", "twice a year": "P1Y", "twice a day": "P1D", "twice a week": "P1W",
              "once a year": "P1Y", "once a week": "P1W", "once a month": "P1M", "once a day": "P1D",
              "every night": "P1D", "semiannually": "P6M", "semiannual": "P6M", "bimonthly": "P2M"}
_WD = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PARTS = "morning|afternoon|evening|night"
_EVERY_WEEKDAY = re.compile(
    rf"^(?:(?:every|each)\s+({_WD})(?:\s+({_PARTS}))?|({_WD})s(?:\s+({_PARTS})s?)?|({_WD})\s+({_PARTS})s)$"
)
_EVERY_N = re.compile(rf"^(?:every|each)\s+(?:other\s+|({NUM_RE})\s+)?({UNIT_RE})$")


def _sets(s: str, ctx: Context) -> Resolved | None:
    if s in _SET_WORDS and s != "a day":
        return Resolved("SET", _SET_WORDS[s])
    m = _EVERY_WEEKDAY.match(s)
    if m:
        name = m.group(1) or m.group(3) or m.group(5)
        part = m.group(2) or m.group(4) or m.group(6) or ""
        code = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(part, "")
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[name]}{code}")
    m = _EVERY_N.match(s)
    if m:
        unit = unit_of(m.group(2))
        n = parse_number(m.group(1)) if m.group(1) else (2.0 if "other" in s else 1.0)
        if unit and n:
            return Resolved("SET", _duration_value(n, unit))
    return None


# -------------------------------------------------------------------- durations


def _duration_value(n: float, unit: tuple[str, int, bool]) -> str:
    letter, mult, is_time = unit
    n *= mult
    prefix = "PT" if is_time else "P"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    whole, frac = int(n), n - int(n)
    if letter == "Y" and frac == 0.5:
        return f"P{whole}Y6M" if whole else "P6M"
    if letter == "H" and frac == 0.5:
        return f"PT{whole}H30M" if whole else "PT30M"
    if letter == "D" and frac == 0.5:
        return f"P{whole}DT12H" if whole else "PT12H"
    return f"{prefix}{n:g}{letter}"


_DURATION = re.compile(
    rf"^(?:the\s+|a\s+|an\s+)?(?:(past|last|next|first|coming|previous|following|latest|final|"
    rf"additional|remaining|initial|ensuing|same|those|these|subsequent|preceding|current|entire|full|"
    rf"year-earlier|year-ago|comparable|corresponding)\s+)?(?:(?:first|last|latest|fiscal)\s+)?"
    rf"({NUM_RE})(?:\s+(?:to|or)\s+{NUM_RE})?[\s-]+(?:more\s+|additional\s+|full\s+|"
    rf"straight\s+|consecutive\s+|trading\s+|business\s+|calendar\s+|working\s+|long\s+|successive\s+)?"
    rf"({UNIT_RE})(?:[\s-](?:long|period|term|span|stretch|run|history|window|interval|spell|program|"
    rf"deadline|moratorium|period of time))?"
    rf"(?:\s+(?:of|in|to|ended|ending)\s+(?:fiscal\s+)?"
    rf"(?:\d{{4}}|this year|last year|the year|[a-z]+\.? \d{{1,2}}))?$"
)
_VAGUE = re.compile(
    rf"^(?:the\s+)?(?:(past|last|next|coming|first|final|early|later|previous|following)\s+)?"
    rf"(?:(a\s+few|few|several|many|some|the|a\s+number\s+of|a\s+couple\s+of|numerous|countless|"
    rf"recent|ensuing)\s+)?({UNIT_RE})(?:[\s-]long)?$"
)


_AGE = re.compile(r"\bold\b|-old$")


def _durations(s: str, ctx: Context) -> Resolved | None:
    if _AGE.search(s) or s in ("a second", "second"):
        return None  # ages ("a 6-year-old", "52 years old"); "a second" is mostly an ordinal
    m = _DURATION.match(s)
    if m:
        number, unit_word = m.group(2), m.group(3)
        n = parse_number(number)
        unit = unit_of(unit_word)
        if n is None or unit is None or n <= 0:
            return None
        return Resolved("DURATION", _duration_value(n, unit))
    m = _VAGUE.match(s)
    if m and m.group(3).endswith("s"):
        unit = unit_of(m.group(3))
        if unit is None:
            return None
        letter, _, is_time = unit
        return Resolved("DURATION", ("PTX" if is_time else "PX") + letter)
    return None


# -------------------------------------------------------------------- "two years ago"

_AGO = re.compile(
    rf"^(?:(?:the\s+)?same\s+\w+\s+)?({NUM_RE}|a\s+few|several|some)\s+({UNIT_RE})\s+"
    rf"(ago|earlier|before|later|after|from now|hence|previously|back|prior)$"
)
_YEAR_EARLIER = re.compile(r"^(?:the\s+|a\s+)?(year|month|week|day)[\s-](earlier|ago|before|prior)$")
_GRAN = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


_SAME_LAST_YEAR = re.compile(
    r"^(?:the\s+)?(?:same|comparable|corresponding|year-ago|year-earlier)\s+(day|week|month|quarter|period|season)"
    r"(?:\s+(?:of\s+)?(?:a year ago|a year earlier|last year|the last year|the previous year|the year before|"
    r"the prior year|a year before))?$"
)


def _same_last_year(s: str, ctx: Context) -> Resolved | None:
    """'the same month a year ago': the month (quarter, ...) last mentioned, a year before."""
    m = _SAME_LAST_YEAR.match(s)
    if not m or ctx.dct is None or (s.startswith(("the same", "same")) and "year" not in s):
        return None
    anchor = ctx.quarter if m.group(1) in ("quarter", "period") else ctx.anchor
    if anchor is None or anchor.gran not in ("day", "week", "month", "quarter", "half", "season"):
        return None
    return resolved(anchor.with_(day=add(anchor.day, -1, "Y")), anaphoric=True)


def _ago(s: str, ctx: Context) -> Resolved | None:
    m = _AGO.match(s) or _YEAR_EARLIER.match(s)
    if not m:
        return None
    if m.re is _YEAR_EARLIER:
        number, unit_word, way = "1", m.group(1), m.group(2)
    else:
        number, unit_word, way = m.group(1), m.group(2), m.group(3)
    n = parse_number(number)
    unit = unit_of(unit_word)
    if unit is None:
        return None
    direction = -1 if way in ("ago", "earlier", "before", "previously", "back", "prior") else 1
    if n is None:
        return Resolved("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    letter, mult, is_time = unit
    if is_time or n != int(n):
        return None
    n_int = int(n) * mult
    deictic = way in ("ago", "from now", "hence", "back")
    base = ctx.anchor
    if deictic or base is None:
        if ctx.dct is None:
            return Resolved("DATE", unknown(_GRAN.get(letter, "day")))
        base = Point("day", ctx.dct)
    if letter == "Y" and n_int == 1 and ctx.quarter is not None:
        base = ctx.quarter  # results "a year earlier", after "the third quarter": that quarter a year before
    if letter == "W":
        gran = "day" if n_int == 1 else "week"
    elif letter == "Y" and base.gran in ("month", "quarter", "half", "day") and not (
            deictic and base.gran == "day"):
        gran = base.gran
    elif letter == "M" and base.gran == "day" and not deictic:
        gran = "month"
    else:
        gran = _GRAN[letter]
    day = add(base.day, direction * n_int, letter)
    return resolved(Point(gran, day if gran == "day" else start_of(gran, day)), anaphoric=True)


# -------------------------------------------------------------------- quarters, halves, fiscal years

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "final": 4, "last": 0}
_QUARTER = re.compile(
    r"^(?:(?:the|its|a|an|their|his|her|our|this|that)\s+)?((?:[\w'-]+[\s-]+){0,3}?)"
    r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+)?(?:fiscal[\s-]+)?"
    r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+)?"
    r"(quarter|half|period)(?:\s+(?:of|in|for|ended|ending)\s+(?:the\s+)?(.+))?$"
)


_YEAR_BACK = {"year-ago", "year-earlier", "year-before", "prior-year", "ago", "earlier", "comparable",
              "corresponding"}


def _quarter_year(tail: str, mods: set[str], ctx: Context) -> int | None:
    """The year named by "of 1989", "of this year", "the 1988 quarter", "next year's quarter"."""
    assert ctx.dct is not None
    years = [int(w) for w in mods if re.fullmatch(r"\d{4}", w)]
    if years:
        return years[0]
    year_m = re.fullmatch(r"(?:fiscal\s+)?(\d{4})", tail)
    if year_m:
        return int(year_m.group(1))
    if tail in ("this year", "the year", "the current year"):
        return ctx.dct.year
    if tail in ("last year", "the previous year", "the year before", "a year earlier"):
        return ctx.dct.year - 1
    if tail == "next year":
        return ctx.dct.year + 1
    if "year's" in mods:
        return ctx.dct.year + (-1 if "last" in mods else 1 if "next" in mods else 0)
    return None


def _quarters(s: str, ctx: Context) -> Resolved | None:
    m = _QUARTER.match(s)
    if not m:
        return None
    mods = set(m.group(1).replace("-", " - ").replace(" - ", "-").split())
    n = _ORD.get(m.group(2) or m.group(3) or "") or None
    kind, tail = m.group(4), m.group(5) or ""
    if ctx.dct is None:  # only what the words themselves say: "the third quarter (of 2021)"
        if n is None or kind == "period":
            return None
        named = [w for w in [*mods, tail.removeprefix("fiscal ")] if re.fullmatch(r"\d{4}", w)]
        letter = "Q" if kind == "quarter" else "H"
        return Resolved("DATE", f"{named[0] if named else 'XXXX'}-{letter}{n}")
    if kind == "period" and (n or tail):
        return None
    if tail and _quarter_year(tail, set(), ctx) is None:
        return None
    year = _quarter_year(tail, mods, ctx)
    size = "Q" if kind != "half" else "H"
    anaphoric = False
    if n is not None:
        months = 3 if size == "Q" else 6
        if year is None:
            year = ctx.dct.year
            if n > (ctx.dct.month - 1) // months + 1 and ctx.tense != "future":
                year -= 1
        day = dt.date(year, (n - 1) * months + 1, 1)
    else:
        if size == "H":
            if not mods & {"last", "latter", "back", "final"} or year is None:
                return None
            return resolved(Point("half", dt.date(year, 7, 1)))
        if mods & {"next", "coming"} and "year's" not in mods:
            day = add(start_of("quarter", ctx.dct), 1, "Q")
        elif mods & {"current", "this"} and not mods & _YEAR_BACK:
            day = start_of("quarter", ctx.dct)
        elif ctx.quarter is not None and ctx.quarter.gran == "quarter":
            day, anaphoric = ctx.quarter.day, True
        elif kind == "period":
            return None
        else:
            day = add(start_of("quarter", ctx.dct), -1, "Q")
        if year is not None:
            day = day.replace(year=year)
    if mods & _YEAR_BACK:
        day, anaphoric = add(day, -1, "Y"), True
    return resolved(Point("quarter" if size == "Q" else "half", day), anaphoric=anaphoric)


# -------------------------------------------------------------------- this week, last year, the day

_PERIOD = re.compile(
    r"^(?:the\s+)?(last|this|next|past|previous|coming|current|following|same|that|latest|prior|"
    r"present|preceding|the|year-earlier|year-ago)\s+(day|week|weekend|month|year|decade|"
    r"(?:fiscal|calendar|financial)\s+year)(?:'s)?$"
)
_BACK = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "year-earlier": -1,
         "year-ago": -1, "next": 1, "coming": 1, "following": 1}
_UNIT_OF = {"day": "D", "week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "Y"}


_THE_YEAR_BEFORE = re.compile(r"^the (day|week|month|year) (before|previous|prior|earlier|after|later)$")


_YEAR_END = re.compile(r"^(?:the\s+)?(?:year-end|year end|year's end|end-year|end of (?:the )?year)$")
_WHOLE_YEAR = re.compile(r"^(?:the|a)\s+(?:full|entire|whole)\s+(year|month|week|day)$")


def _periods(s: str, ctx: Context) -> Resolved | None:
    if s in ("the weekend", "weekend"):
        s = "this weekend"
    elif _YEAR_END.match(s):
        s = "this year"
    else:
        s = _WHOLE_YEAR.sub(r"the \1", s)
    m = _THE_YEAR_BEFORE.match(s)
    if m:
        back = m.group(2) in ("before", "previous", "prior", "earlier")
        s = ("the previous " if back else "the following ") + m.group(1)
    m = _PERIOD.match(s)
    if not m:
        return None
    mod, unit = m.group(1), m.group(2).split()[-1]
    if mod == "past" and s.startswith("the") and unit != "weekend":
        return Resolved("DURATION", "P10Y" if unit == "decade" else f"P1{_UNIT_OF[unit]}")
    gran = "weekend" if unit == "weekend" else unit
    anaphoric = s.startswith(("the", "that")) and mod in (
        "the", "same", "that", "following", "previous", "prior", "preceding")
    anchor = ctx.anchor if anaphoric else (Point("day", ctx.dct) if ctx.dct else None)
    if anchor is None:
        return Resolved("DATE", unknown(gran))
    if unit == "day" and mod in ("the", "same", "that"):
        return resolved(Point("day", anchor.day), anaphoric=True) if anchor.gran == "day" else None
    if unit == "decade":
        if mod in ("last", "past", "previous"):
            return Resolved("DURATION", "P10Y")
        return Resolved("DATE", f"{anchor.day.year // 10:03d}") if mod in ("this", "current") else None
    step = _BACK.get(mod, 0)
    if mod in ("year-earlier", "year-ago") and unit != "year":
        return None
    day = add(anchor.day, step, _UNIT_OF[unit])
    if gran == "weekend":
        if step == 0:
            day = day if day.isoweekday() >= 5 or ctx.tense == "future" else day - dt.timedelta(weeks=1)
        return resolved(Point("weekend", start_of("week", day)), anaphoric=anaphoric)
    return resolved(Point(gran, start_of(gran, day)), anaphoric=anaphoric)


# -------------------------------------------------------------------- seasons

_SEASON = re.compile(
    r"^(?:the\s+)?(?:(last|this|next|past|coming|previous|that|current|early|late)\s+)?"
    r"(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4}|'\d\d|this year|last year|next year|"
    r"nineteen [a-z -]+|two thousand[a-z -]*))?$"
)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _seasons(s: str, ctx: Context) -> Resolved | None:
    m = _SEASON.match(s)
    if not m:
        return None
    code = SEASONS[m.group(2)]
    tail = m.group(3) or ""
    named = year_of(tail) if tail else None
    if named is not None:
        return resolved(Point("season", dt.date(named, 1, 1), season=code))
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{code}")
    year = ctx.dct.year + {"last year": -1, "next year": 1}.get(tail, 0)
    mod = m.group(1) or ""
    started = _SEASON_START[code] <= ctx.dct.month
    if mod in ("last", "past", "previous"):
        year -= 1
    elif mod in ("next", "coming"):
        year += 0 if not started else 1
    elif not mod and not tail and ctx.tense == "past" and not started:
        year -= 1
    return resolved(Point("season", dt.date(year, 1, 1), season=code))


LEXICAL_RULES = (_refs, _sets)
REL_RULES = (_same_last_year, _periods, _quarters, _seasons, _ago, _durations)
