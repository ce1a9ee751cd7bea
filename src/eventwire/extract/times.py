"""Time expressions: every date, time, duration and set in an article, TimeML-normalised.

    find_times(doc, published, *, text=None) -> list[TimeMention]

Candidates are spaCy's DATE and TIME entities plus what the NER tends to miss ("now",
"recently", "overnight", "daily", holidays, clock times in UTC, ...). Each candidate is normalised
by the rules of `_timex_rules`, `_timex_rel` and `_timex_named` (holidays; `dateparser` only as a
cached last resort for numeric dates) against the publication date, the clause's tense and the
reference time (the last date the article mentioned, for "that day" or "a year earlier"), in text
order. A candidate that no rule understands is dropped: a time without a trustworthy value is
worse than none for the stages that use it.

News is read past-leaning: "on Thursday" in an article published on Thursday 2022-01-06 is that
day, "on Tuesday" is 2022-01-04, "overnight" is the night before publication (2022-01-05TNI).
Without a publication date, relative expressions keep TimeML's underspecified values
(`XXXX-XX-XX`, `XXXX-WXX-2`): never today's date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import partial

from spacy.tokens import Doc

from ..model import TimeMention
from ._timex_cal import Context, Resolved
from ._timex_lex import MONTHS, WEEKDAYS
from ._timex_norm import normalise

__all__ = ["find_times"]

log = logging.getLogger(__name__)

_LABELS = ("DATE", "TIME")
# what the NER misses, matched on the text (word-bounded, case-insensitive)
# (matched on the lower-cased text; the look-ahead lets the scan skip most positions quickly)
_EXTRA = re.compile(
    r"\b(?=[rncpotdewhyi0-9])(?:right now|now|currently|current|presently|recently|recent|the past|"
    r"the (?:near |distant )?future|overnight|daily|weekly|hourly|every (?:day|week|month|year)|today|"
    r"tonight|yesterday|tomorrow|thanksgiving(?: day)?|christmas(?: eve| day)?|new year's (?:day|eve)|"
    r"independence day|halloween|\d{1,2}:\d\d\s*(?:utc|gmt)|\d{4}\s*(?:utc|gmt))\b"
)
# what may join two entities into one expression ("Friday" + "night", "5 p.m." + "Nov. 9")
_JOIN = re.compile(r"\s*(?:,|at|on|of)?\s*$")
# words the NER leaves out of a span: a determiner before it ("this year's" tagged "year") ...
_HEAD = re.compile(r"\b(?:this|last|next|that|past|coming|previous|early|late)\s+$", re.IGNORECASE)
# ... a part of the day or a time zone right after it
_TAIL = re.compile(r"\s+(?:morning|afternoon|evening|night)\b|\s*\(?(?:UTC|GMT|[ECMP][SD]T)\b\)?")
_WORD = re.compile(r"\S+")
_ONE_WORD = re.compile(r"\d{4}|'?\d{1,3}0'?s|\d{1,2}:\d\d|(?:to|yester)day|tomorrow|tonight|now")
_ENDED = re.compile(r"\bended\s+(?:on\s+)?$")
# a deadline lies ahead whatever the tense: "extended the deadline until Tuesday"
_DEADLINE = re.compile(r"\b(?:until|till|as soon as|as early as|no later than)\s+(?:at\s+|on\s+)?$", re.I)
_PERIOD_ENDED = re.compile(r"\s+(?:ended|ending)\b")
_A_YEAR = re.compile(r"(?:the|its|a)\s+(?:fiscal\s+|financial\s+)?year", re.IGNORECASE)
_TRIM_LEAD = re.compile(r"(?:on|in|at|by|during|since|until|for|from|of)\s+", re.IGNORECASE)  # at pos
_FUTURE_WORDS = {"will", "shall", "'ll", "wo"}
# verbs whose complements lie ahead ("plans to meet on Monday", "is set to vote on Friday")
_FUTURE_VERBS = {"plan", "expect", "schedule", "intend", "aim", "hope", "due", "prepare", "slate"}
_FUTURE_LEMMAS = _FUTURE_VERBS | {"set"}


def find_times(doc: Doc, published: dt.date | None, *, text: str | None = None) -> list[TimeMention]:
    """Every time expression in `doc`, in text order, resolved against `published`.

    `text` may pass `doc.text` when the caller already holds it (spaCy rebuilds `doc.text` from
    the tokens at every access, the costliest step here); it must be the parsed text itself.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    if text is None or (len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws)):
        text = doc.text
    ctx = Context(dct=published)
    out: list[TimeMention] = []
    for start, end in _candidates(doc, text):
        ctx.clause, ctx.known_tense = partial(_tense, doc, start, end), None
        for s, e, res in _resolve(text, start, end, ctx):
            out.append(_mention(text, s, e, res))
            if res.point is not None and not res.anaphoric:
                ctx.ref = res.point
                if res.point.gran in ("quarter", "half"):
                    ctx.quarter = res.point
    log.debug("found %d time expressions", len(out))
    return out


def _candidates(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character spans of candidate expressions, in order: entities (widened by a following part
    of the day or time zone), what the NER missed, and neighbours joined ("5 p.m." + "Nov. 9")."""
    found: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in _LABELS:
            tail = _TAIL.match(text, ent.end_char)
            head = _HEAD.search(text, max(0, ent.start_char - 9), ent.start_char)
            found.append((head.start() if head else ent.start_char, tail.end() if tail else ent.end_char))
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased: keep offsets right
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for m in _EXTRA.finditer(lower):
        if not any(s < m.end() and m.start() < e for s, e in found):
            found.append((m.start(), m.end()))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if spans and start - spans[-1][1] <= 4 and _JOIN.fullmatch(text, spans[-1][1], start):
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


def _resolve(text: str, start: int, end: int, ctx: Context) -> list[tuple[int, int, Resolved]]:
    """Normalise text[start:end]; if no rule understands it, the longest parts that they do."""
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    res = _normalise(text, start, end, ctx)
    if res is not None:
        return [(start, end, res)]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(words) > 12:
        return []
    parts: list[tuple[int, int, Resolved]] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            s, e = _trim(text, words[i][0], words[j - 1][1])
            part = _normalise(text, s, e, ctx) if e > s and (j - i > 1 or _plausible(text[s:e])) else None
            if part is not None:
                parts.append((s, e, part))
                i = j
                break
        else:
            i += 1
    return parts


def _normalise(text: str, start: int, end: int, ctx: Context) -> Resolved | None:
    """`normalise` with what the words around the span say: "ended Jan. 31" is over by now,
    "until Tuesday" is ahead, and "the year ended Sept. 30" is a stretch of a year, not the
    calendar year."""
    known = ctx.known_tense
    if _ENDED.search(text, max(0, start - 12), start):
        ctx.tense = "ended"
    elif _DEADLINE.search(text, max(0, start - 16), start):
        ctx.tense = "future"
    res = normalise(text[start:end], ctx)
    ctx.known_tense = known
    if res is not None and _PERIOD_ENDED.match(text, end) and _A_YEAR.fullmatch(text, start, end):
        return Resolved("DURATION", "P1Y")
    return res


def _plausible(word: str) -> bool:
    """One word alone is a time only if it is clearly one (not 'earlier' out of 'Earlier this month')."""
    w = word.lower().rstrip(".")
    return w in MONTHS or w in WEEKDAYS or bool(_ONE_WORD.fullmatch(w))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding blanks, punctuation, a leading preposition or a trailing 's."""
    while start < end and text[start] in " \t\n\"'“‘(,.;:-":
        start += 1
    while end > start and text[end - 1] in " \t\n\"'”’),.;:-":
        end -= 1
    m = _TRIM_LEAD.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    for suffix in ("'s", "’s"):
        if text.endswith(suffix, start, end) and end - start > 2:
            end -= 2
    return start, end


def _tense(doc: Doc, start: int, end: int) -> str:
    """'past', 'future', 'present' or '' for the clause that holds doc.text[start:end]."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return ""
    for _ in range(3):
        kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tok.lemma_ in _FUTURE_VERBS:
            return "future"
        if any(c.lower_ in _FUTURE_WORDS for c in kids):
            return "future"
        if any(c.lower_ == "going" for c in kids) and any(c.lower_ == "to" for c in kids):
            return "future"
        past = any("Past" in t.morph.get("Tense", []) for t in (tok, *kids))
        if past and (tok.tag_ != "VBN" or any(c.lemma_ in ("be", "have") for c in kids)):
            return "past"
        if tok.dep_ == "xcomp" and tok.head.lemma_ in _FUTURE_LEMMAS:
            return "future"
        if tok.tag_ in ("VBZ", "VBP") and not kids:
            return "present"
        if tok.dep_ in ("xcomp", "ccomp", "conj", "advcl") and tok.head is not tok:
            if tok.tag_ == "VB" and any(c.lower_ == "to" for c in kids):
                tok = tok.head
                continue
            if tok.dep_ == "conj":
                tok = tok.head
                continue
        break
    return ""


def _mention(text: str, start: int, end: int, res: Resolved) -> TimeMention:
    point = res.point
    return TimeMention(
        text=text[start:end],
        start=start,
        end=end,
        type=res.type,  # type: ignore[arg-type]
        value=res.value,
        precision=point.precision if point is not None else None,  # type: ignore[arg-type]
        date=point.date if point is not None else None,
    )
