"""Normalise one time expression to a TIMEX3 type and value (private helper of `times.py`).

`normalise(text, ctx)` cleans the expression (case, quantifiers such as "about"/"more than",
leading prepositions, "early"/"late" modifiers), then tries the rules of `_timex_rules` in order;
the first that understands the expression gives the result. `Context` holds what the rules read
besides the text: the publication date (`dct`, None when unknown), the reference time (the last
date the article mentioned, for anaphora such as "that day" or "a year earlier") and the tense
of the clause ("past", "future" or "").

Without a publication date, expressions that need one get TimeML's underspecified values
(`XXXX-XX-XX`, `XXXX-WXX-4`, `XXXX-10`, ...): never today's date.
"""

from __future__ import annotations

import re

from ._timex_cal import Context, Resolved
from ._timex_named import NAMED_RULES
from ._timex_rel import LEXICAL_RULES, REL_RULES
from ._timex_rules import POINT_RULES

__all__ = ["Context", "Resolved", "clean", "normalise"]


RULES = (*LEXICAL_RULES, *POINT_RULES, *REL_RULES, *NAMED_RULES)

_QUANTIFIERS = (
    "about|around|approximately|roughly|nearly|almost|some|more than|less than|fewer than|over|under|"
    "at least|at most|up to|no more than|no less than|no later than|just|only|within|for|since|until|"
    "till|by|during|through|throughout|in|on|at|between|as early as|as late as|as of|from|after|before|"
    "exactly|precisely|well|barely|close to|upwards of|an estimated|an additional|another|a full|"
    "the entire|all|of|a total of|each of|what was|what is|circa|c\\."
)
_LEAD = re.compile(rf"^(?:{_QUANTIFIERS})\s+(?=\S)")
_EDGE = re.compile(r"(?:the\s+(?=early|late|mid))?(?:early|late|earlier|later|mid|middle|the end of|"
                   r"the beginning of|the start of|the middle of|the rest of|the remainder of|the close of|"
                   r"the turn of|the dawn of|the height of)"
                   r"(?:\s+|-)(?=\S)")
_TRAIL = re.compile(r"(?:'s|’s|'|,|\.|;|:|\s+or so|\s+or more|\s+or longer|\s+or later|\s+and beyond)$")


def clean(text: str) -> str:
    """Lower case, one space, curly quotes straightened, no leading quantifier or preposition."""
    s = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    s = s.strip(" \"()[],;:!?")
    for _ in range(4):
        old = s
        s = _TRAIL.sub("", s).strip()
        m = _LEAD.match(s)
        if m and not s.startswith(("some time", "over the years", "all day", "by the way")):
            s = s[m.end():]
        s = s.replace("this past ", "last ").replace("this coming ", "next ")
        if s == old:
            break
    return s


def strip_edges(s: str) -> str:
    """'early next year' -> 'next year'; 'the end of this year' -> 'this year'."""
    for _ in range(2):
        m = _EDGE.match(s)
        if not m:
            break
        s = s[m.end():]
    return s


def normalise(text: str, ctx: Context) -> Resolved | None:
    """The TIMEX3 type and value of `text`, or None when no rule understands it."""
    s = clean(text)
    if not s:
        return None
    for candidate in (s, strip_edges(s)):
        for rule in RULES:
            out = rule(candidate, ctx)
            if out is not None:
                return out
    return None
