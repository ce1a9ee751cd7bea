"""The people side of `quantities`: whether a token denotes people, and how many a phrase counts.

`people(token)` reads the count of a people phrase through the parse: a number ("12 people"), a
vague word ("dozens of attackers"), a single person ("a man", "he", a name), coordinated parts
added up ("a man and his son" = 2). Word lists are in `data/quantities.json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from .numbers import Range, read_count, words_of

__all__ = ["PATTERN_WORDS", "Counted", "Title", "count_like", "is_person", "lexicon", "people"]

_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself", "i", "me", "myself"})
_NO_ONE = frozenset({"nobody", "none", "noone"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NOT_PEOPLE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                              "ORDINAL", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_BAD_NUM_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_COUNT_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score",
                          "scores", "handful", "number", "couple", "few", "several", "many", "tens",
                          "million", "millions", "both", "some", "numerous", "multiple", "no", "double",
                          "triple", "quadruple"})
_COUNT_DEPS = frozenset({"det", "nummod", "quantmod", "predet", "advmod", "nmod"})
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ee", "ant")
_MASTHEAD_SEPARATORS = (" | ", " - ", " « ", " — ", " – ", " :: ")
#: Words that report a count when a number stands right before them: "two dead", "3 shot".
PATTERN_WORDS = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured",
                 "hurt": "injured", "arrested": "arrested", "detained": "arrested", "shot": "injured"}


@dataclass(frozen=True, slots=True)
class Counted:
    range: Range
    first: int  # token indices, inclusive
    last: int
    definite: bool  # refers back: "the victim", "he", a name, "the 12 dead"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files(__package__).joinpath("data/quantities.json").read_text("utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class Title:
    """Character offsets: the headline is text[:headline_end]; text[headline_end:line_end] is the
    outlet's masthead ("| Local News - Home"), which holds no people."""

    headline_end: int = 0
    line_end: int = 0

    @classmethod
    def of(cls, text: str) -> Title:
        line_end = text.find("\n")
        if not 0 < line_end < 300:
            return cls()
        cuts = [k for k in (text.find(sep, 0, line_end) for sep in _MASTHEAD_SEPARATORS) if k > 10]
        return cls(min(cuts, default=line_end), line_end)

    def masthead(self, tok: Token) -> bool:
        return self.headline_end <= tok.idx < self.line_end


# ------------------------------------------------------------------ counting people


def _aged(tok: Token) -> bool:
    """'the 17-year-old' used as a noun."""
    return tok.lower_ == "old" and any(c.lemma_ in ("year", "month") for c in tok.children)


def is_person(tok: Token) -> bool:
    lex, low = lexicon(), tok.lower_
    if low in lex["person_nouns"] or tok.lemma_.lower() in lex["person_nouns"] or _aged(tok):
        return True
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    if tok.pos_ == "PROPN":
        return tok.ent_type_ not in _NOT_PEOPLE_ENTS and not (tok.is_upper and len(tok) > 2)
    lemma = tok.lemma_.lower()
    return lemma.endswith(_PERSON_SUFFIXES) and lemma not in lex["not_person_nouns"] and len(lemma) > 4


def count_like(tok: Token) -> bool:
    counts = tok.like_num or tok.pos_ == "NUM" or tok.lower_ in _COUNT_WORDS
    return counts and tok.ent_type_ not in _BAD_NUM_ENTS


def _count_tokens(head: Token) -> list[Token]:
    """The tokens left of `head` that say how many: determiners, numbers and their modifiers."""
    toks: list[Token] = []
    for child in head.lefts:
        if child.dep_ in _COUNT_DEPS or (child.dep_ == "amod" and count_like(child)):
            toks.extend([child] if child.dep_ == "det" else child.subtree)
    return toks


def _read(toks: Iterable[Token]) -> Range | None:
    ordered = sorted(set(toks), key=lambda t: t.i)
    if not ordered:
        return None
    return read_count(words_of(ordered[0].doc[ordered[0].i : ordered[-1].i + 1].text))


def _definite(head: Token) -> bool:
    pointing = any(c.dep_ == "poss" or c.lower_ in _DEFINITE for c in head.lefts)
    return pointing or head.pos_ in ("PROPN", "PRON")


def _one(head: Token, need_person: bool) -> Counted | None:
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head  # "a man who was shot" -> man
    low = head.lower_
    if head.pos_ == "PRON" or low in _NO_ONE:
        value = 1 if low in _SINGULAR_PRONOUNS | {"another", "one", "someone", "somebody"} else None
        value = 0 if low in _NO_ONE else 2 if low == "both" else value
        definite = low not in ("another", "one", "someone", "somebody")
        return None if value is None else Counted((value, value, value), head.i, head.i, definite)
    if low in ("second", "third", "fourth") and any(c.lower_ in ("a", "the") for c in head.lefts):
        return Counted((1, 1, 1), head.i - 1, head.i, False)  # "a second was injured"
    left = _count_tokens(head)
    if count_like(head) and head.pos_ != "PROPN":
        of = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
              if g.dep_ == "pobj"]
        if need_person and of and not (is_person(of[0]) or of[0].lower_ in ("them", "us", "those")):
            return None
        toks = [*left, head, *(c for c in head.rights if c.dep_ in ("quantmod", "nummod"))]
        rng = _read(toks)
        definite = any(t.lower_ in _DEFINITE for t in toks) or bool(of and _definite(of[0]))
        last = max([t.i for t in toks] + [p.i for p in of[:1] if p.i > head.i and is_person(p)])
        return None if rng is None else Counted(rng, min(t.i for t in toks), last, definite)
    if (head.pos_ not in ("NOUN", "PROPN") and not _aged(head)) or (need_person and not is_person(head)):
        return None
    rng = _read(left) if left else None
    counting = [t for t in left if t.lower_ not in _DEFINITE]
    if rng is None:
        if any(count_like(t) for t in counting) or head.tag_ not in ("NN", "NNP"):
            return None
        if low in lexicon()["plural_nouns"]:
            return None
        rng = (1, 1, 1)
    first = min([head.i, *(t.i for t in left)])
    if head.pos_ == "PROPN":  # a name: from its first part
        first = min([first, *(t.i for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN")])
    for k in range(head.i - 1, first - 1, -1):  # not across a line break (title, dateline)
        if "\n" in head.doc[k].text or "\n" in head.doc[k].whitespace_:
            first = k + 1
            break
    return Counted(rng, first, head.i, _definite(head) or not counting)


def people(head: Token, need_person: bool = True, extra: Iterable[Token] = ()) -> Counted | None:
    """The count of a people phrase, adding up coordinated parts ("a man and his son" = 2)."""
    parts = [head, *(c for c in head.conjuncts if c.i > head.i and not _own_trigger(c)), *extra]
    counts = [c for c in (_one(p, need_person) for p in parts) if c is not None]
    if not counts:
        return None
    lo, best, hi = (sum(c.range[k] for c in counts) for k in range(3))
    return Counted((lo, best, hi), min(c.first for c in counts), max(c.last for c in counts),
                   all(c.definite for c in counts))


def _own_trigger(tok: Token) -> bool:
    return any(c.dep_ in ("amod", "acl") and c.lower_ in PATTERN_WORDS for c in tok.children)
