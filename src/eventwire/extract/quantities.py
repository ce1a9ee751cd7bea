"""Counts of people killed, injured, arrested, and crowd sizes, read from the dependency parse.

    find_quantities(doc)        -> list[Quantity]       every count mention, with its span
    document_counts(quantities) -> dict[str, Quantity]  the article's toll per kind

A mention is a trigger (a verb such as "killed", "wounded", "detained", "marched"; an adjective such
as "dead"; a noun such as "deaths", "arrests", "death toll", "crowd") and the people it is about,
found through the parse: the passive subject ("12 people were killed"), the object ("killing three",
"police detained 30 protesters"), the noun it modifies ("the 12 dead", "12 people killed"), a
subject shared through coordination ("was shot and killed") or a "leave" construction ("left 4
injured"); a token pattern ("two dead and five wounded") backs the parse up. The count comes from the
people phrase: a number, a vague word, or a single person ("a man was fatally shot" = 1 killed,
"his five children as well as his wife" = 6). Only people count: "killed two birds", "5 years",
"3 cars were destroyed", "a 23-year-old man" (= 1), "No. 3" and dates give nothing. Negated and
hypothetical triggers ("was not injured", "tried to kill", "could have killed") give nothing;
"no one was hurt" gives 0.

Decisions:
- "the gunman killed himself", "took his own life": 1 killed. The toll counts everyone who died,
  the attacker included, as ACLED's fatality counts do.
- "shot", "stabbed", "in critical condition" without a stated outcome: injured with `basis="hit"`.
  `document_counts` takes from them the people reported dead elsewhere ("A man was shot. He
  died." = 1 killed, 0 injured); "shot dead", "fatally shot", "shot and killed" are killings.
- A plural without a number ("protesters were detained") has no count and gives nothing.

Vague and modified quantities become ranges (min, best, max) with a conservative best estimate, in
the spirit of ACLED's codebook (which records 12 for "dozens" and 100 for "hundreds"):

| phrase                       | min     | best    | max     |
|------------------------------|---------|---------|---------|
| a couple                     | 2       | 2       | 3       |
| a few                        | 2       | 3       | 5       |
| several                      | 3       | 3       | 9       |
| a handful                    | 2       | 3       | 9       |
| a number (of)                | 2       | 3       | 9       |
| some                         | 2       | 2       | 9       |
| multiple                     | 2       | 2       | 9       |
| many, numerous               | 3       | 10      | 99      |
| a dozen                      | 12      | 12      | 12      |
| dozens                       | 12      | 12      | 99      |
| scores                       | 20      | 20      | 99      |
| hundreds                     | 100     | 100     | 999     |
| thousands                    | 1000    | 1000    | 9999    |
| tens of thousands            | 10000   | 10000   | 99999   |
| hundreds of thousands        | 100000  | 100000  | 999999  |
| millions                     | 1000000 | 1000000 | 9999999 |
| several hundred              | 300     | 300     | 999     |
| at least N, N or more, N+    | N       | N       | 2N      |
| more than N, over N          | N+1     | N+1     | 2N      |
| about N, around N, some N    | N-d     | N       | N+d     |
| nearly N, almost N           | N-d     | N       | N       |
| up to N, as many as N        | 1       | ⌈N/2⌉   | N       |
| fewer than N, less than N    | 1       | ⌈(N-1)/2⌉ | N-1   |
| N to M, N or M, between N and M | N    | N       | M       |

d = max(1, ⌈N/10⌉). A vague word before a scale multiplies it ("a few dozen" = 24/36/71).
Spelled-out numbers are read too ("twenty-three", "a hundred", "half a dozen", "1.2 million").

`document_counts` does not add up repeated figures: per kind it keeps the highest figure of the
lead, else of the article ("12 killed" in the lead and "the 12 dead" later = 12; a toll that rises
from 8 to 12 = 12). People named one by one in one sentence add up ("police arrested four men and
took two women into custody" = 6; "one person died and a second was injured"), and so does "a
second victim" in a later sentence. Figures of different sentences are not added: an article that
reports two incidents gets the toll of the larger one, which is what its main event record needs
(`find_quantities` keeps every figure). Statistics are not incidents: counts tied to another year
("since 2007", "this year", "in 2012") are left out by `find_quantities`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Quantity
from ._quantity_parse import Basis, readings
from ._quantity_people import lexicon, people
from .numbers import words_of

__all__ = ["LEAD_SENTENCES", "CountMention", "document_counts", "find_quantities"]

log = logging.getLogger(__name__)

#: Sentences (the title counts as one) that make up an article's lead.
LEAD_SENTENCES = 3
_ADDED = frozenset({"second", "third", "fourth", "fifth"})


@dataclass(frozen=True, slots=True)
class CountMention(Quantity):
    """A `Quantity` with what `document_counts` needs to avoid double counting.

    `basis`: "stated" (the text says what happened to them), "hit" (shot or stabbed, outcome not
    said here), "self" (an attacker who killed himself). `definite`: the phrase refers back ("the
    victim", "he", a name, "the 12 dead"). `sentence`: index of its sentence in the document.
    `trigger`: the lemma of the word that reports it ("kill", "dead", "toll", "shoot").
    """

    basis: Basis = "stated"
    definite: bool = False
    sentence: int = 0
    trigger: str = ""


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every count of people killed, injured, arrested or gathered in `doc`, in text order."""
    sentence_of = _sentence_numbers(doc)
    text = doc.text
    found: dict[tuple[str, int, int], CountMention] = {}
    taken: set[int] = set()  # heads already counted as killed / injured / arrested
    participants = lexicon()["participant_nouns"]
    for r in readings(doc):
        if r.kind == "crowd" and r.head.i in taken:
            continue
        counted = people(r.head, r.need_person, r.extra)
        if counted is None:
            continue
        lo, best, hi = counted.range
        few = r.trigger.i == r.head.i or r.head.lemma_.lower() not in participants
        if r.kind == "crowd" and best < 10 and few:
            continue  # a crowd: ten people or more, or a few protesters said to march
        start, end = doc[counted.first].idx, doc[counted.last].idx + len(doc[counted.last])
        key = (r.kind, start, end)
        if key in found:
            continue
        sentence = sentence_of[counted.first]
        found[key] = CountMention(r.kind, text[start:end], start, end, lo, hi, best,  # type: ignore[arg-type]
                                  basis=r.basis, definite=counted.definite, sentence=sentence,
                                  trigger=r.trigger.lemma_.lower())
        if r.kind != "crowd":
            taken.add(r.head.i)
    log.debug("%d count mentions", len(found))
    return sorted(found.values(), key=lambda q: (q.start, q.kind))


def _sentence_numbers(doc: Doc) -> list[int]:
    """Sentence number per token; the title line (up to the first newline) is sentence 0."""
    numbers, k = [], 0
    parsed = doc.has_annotation("SENT_START")
    for tok in doc:
        if tok.i > 0 and ((parsed and tok.is_sent_start) or "\n" in doc[tok.i - 1].text):
            k += 1
        numbers.append(k)
    return numbers


def _highest(quantities: Sequence[Quantity]) -> Quantity | None:
    return max(quantities, key=lambda q: (q.best, -q.start), default=None)


def _lead_first(quantities: Sequence[Quantity]) -> Quantity | None:
    lead = [q for q in quantities if getattr(q, "sentence", 0) < LEAD_SENTENCES]
    return _highest(lead or quantities)


def _shifted(q: Quantity, kind: str, by: int) -> Quantity:
    best = max(0, q.best + by)
    lo, hi = max(0, min(best, q.min + by)), max(best, q.max + by)
    return Quantity(kind, q.text, q.start, q.end, lo, hi, best)  # type: ignore[arg-type]


def _tally(quantities: Sequence[Quantity]) -> Quantity | None:
    """People introduced one by one: 'one man was shot in the back and a 29-year-old man was shot
    multiple times' = 2; 'a man was shot ... A second victim was found' = 2. Indefinite phrases of
    one sentence add up; of other sentences, only single people called 'a second', 'a third'. The
    sum keeps the span of its first phrase."""
    fresh = [q for q in quantities if not getattr(q, "definite", True)]
    sentences: dict[int, list[Quantity]] = {}
    for q in sorted(fresh, key=lambda q: -q.best):
        same = sentences.setdefault(getattr(q, "sentence", 0), [])
        if not any((q.start < o.end and o.start < q.end) or q.text.lower() == o.text.lower() for o in same):
            same.append(q)
    if not sentences:
        return None
    top = max(sentences, key=lambda k: (sum(q.best for q in sentences[k]), -k))
    parts = sentences[top] + [q for q in fresh if getattr(q, "sentence", 0) != top and q.max == 1
                              and _ADDED & set(words_of(q.text))]
    first = min(parts, key=lambda q: q.start)
    if len(parts) == 1:
        return first
    lo, hi, best = (sum(getattr(q, f) for q in parts) for f in ("min", "max", "best"))
    return Quantity(first.kind, first.text, first.start, first.end, lo, hi, best)


def _toll(quantities: Sequence[Quantity]) -> Quantity | None:
    return _highest([q for q in (_lead_first(quantities), _tally(quantities)) if q is not None])


def document_counts(quantities: Sequence[Quantity]) -> dict[str, Quantity]:
    """The article's toll per kind, never adding up a repeated figure.

    Per kind, the highest figure in the lead (the title and first sentences, where news states the
    toll), else the highest anywhere; or, if higher, the people introduced one by one (`_tally`).
    An attacker who killed himself is added to the figure of those he killed, unless a larger
    figure ("four dead") already counts everyone. People shot or stabbed (`basis="hit"`) are
    injured, less those reported dead: the dead were shot too.
    """
    by: dict[tuple[str, str], list[Quantity]] = {}
    for q in quantities:
        by.setdefault((q.kind, getattr(q, "basis", "stated")), []).append(q)
    out: dict[str, Quantity] = {}
    for kind in ("killed", "injured", "arrested", "crowd"):
        pick = _toll(by.get((kind, "stated"), []))
        if pick is not None:
            out[kind] = pick
    suicide = _highest(by.get(("killed", "self"), []))
    if suicide is not None:  # "killed his wife and children, then himself"; "4 dead" counts him already
        killers = lexicon()["killed_verbs"]
        killings = [q for q in by.get(("killed", "stated"), []) if getattr(q, "trigger", "") in killers]
        victims = _highest(killings)
        total = suicide if victims is None else _shifted(victims, "killed", suicide.best)
        if "killed" not in out or total.best > out["killed"].best:
            out["killed"] = total
    hurt = _toll(by.get(("injured", "hit"), []) + by.get(("injured", "stated"), []))
    if hurt is not None and by.get(("injured", "hit")):
        alive = _shifted(hurt, "injured", -(out["killed"].best if "killed" in out else 0))
        if "injured" not in out or alive.best > out["injured"].best:
            out["injured"] = alive
    return out
