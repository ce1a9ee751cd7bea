"""Words of time: month, weekday, season, part-of-day and unit names, and number words.

Private helper of `times.py`: plain tables and a number reader, no spaCy.
"""

from __future__ import annotations

import re

__all__ = [
    "DAY_PARTS",
    "MONTHS",
    "MONTH_RE",
    "NUM_RE",
    "SEASONS",
    "UNITS",
    "UNIT_RE",
    "WEEKDAYS",
    "WEEKDAY_RE",
    "parse_number",
]

MONTHS: dict[str, int] = {}
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
for _i, _name in enumerate(_MONTH_NAMES, 1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {}  # ISO weekday numbers, Monday = 1
for _i, _name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], 1):
    WEEKDAYS[_name] = _i
    WEEKDAYS[_name[:3]] = _i
WEEKDAYS.update({"tues": 2, "weds": 3, "thur": 4, "thurs": 4})

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "nightfall": "NI",
    "dawn": "MO",
    "daybreak": "MO",
}

# unit word -> (TimeML letter, multiplier, is-time-of-day unit); decades and centuries count years.
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
NUMBER_WORDS.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1.0, "an": 1.0, "single": 1.0, "dozen": 12.0, "a dozen": 12.0,
                     "a couple of": 2.0, "a couple": 2.0, "couple of": 2.0, "a hundred": 100.0,
                     "hundred": 100.0, "a half": 0.5, "half a": 0.5, "a thousand": 1000.0,
                     "one hundred": 100.0, "two thousand": 2000.0})

_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# a number: digits (with a decimal or "1/2"), or number words ("twenty four", "twenty-four")
NUM_RE = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{_WORD})(?:[\s-](?:{'|'.join(_SMALL[1:10])}))?"
    rf"(?:\s+and\s+a\s+half)?)"
)
UNIT_RE = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
MONTH_RE = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY_RE = r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"


def parse_number(text: str) -> float | None:
    """'12', '2 1/2', 'twenty four', 'twenty-four', 'a couple of', 'two and a half' -> a number."""
    s = text.strip().lower()
    half = 0.0
    if s.endswith("and a half"):
        s, half = s[: -len("and a half")].strip(), 0.5
    if s.endswith(" 1/2"):
        s, half = s[:-4].strip(), 0.5
    try:
        return float(s) + half
    except ValueError:
        pass
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s] + half
    parts = re.split(r"[\s-]+", s)
    total = 0.0
    for part in parts:
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total + half


def unit_of(word: str) -> tuple[str, int, bool] | None:
    """'years' -> ('Y', 1, False); 'centuries' -> ('Y', 100, False)."""
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS.get(w)
