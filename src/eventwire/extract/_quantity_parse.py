"""The parse side of `quantities`: which words report a count of people, and where those people are.

`readings(doc)` yields `Reading`s: a kind (killed | injured | arrested | crowd), a basis ("stated",
or "hit" for people shot or stabbed whose outcome the clause does not say), the token that holds
the people (or the number), and whether that token must denote people. `_quantity_people.people`
then reads how many. Word lists are in `data/quantities.json`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Token

from ._quantity_people import PATTERN_WORDS, Title, count_like, is_person, lexicon

__all__ = ["Basis", "Reading", "readings"]

Basis = Literal["stated", "hit", "self"]


@dataclass(frozen=True, slots=True)
class Reading:
    kind: str
    basis: Basis
    head: Token
    trigger: Token
    need_person: bool = True
    extra: tuple[Token, ...] = ()  # more people: "killed along with Heriberto Corpus"


_VERB_KINDS = (("killed_verbs", "killed", "stated"), ("died_verbs", "killed", "stated"),
               ("injured_verbs", "injured", "stated"), ("hit_verbs", "injured", "hit"),
               ("arrested_verbs", "arrested", "stated"))
_MODALS = frozenset({"could", "would", "might", "may", "should", "can", "will", "must", "'d", "'ll", "wo"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "myself", "yourself"})
_BAD_NUM_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_YEAR = frozenset(str(y) for y in range(1900, 2100))
_DAY = frozenset([str(d) for d in range(1, 32)] + ["monday", "tuesday", "wednesday", "thursday", "friday",
                                                   "saturday", "sunday", "today", "yesterday"])
_SMALL_CLAUSE = frozenset({"leave", "find", "discover", "see", "report", "locate"})


# ------------------------------------------------------------------ triggers


def _hypothetical(tok: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in tok.children):
        return True
    return tok.dep_ in ("xcomp", "pcomp") and tok.head.lemma_.lower() in lexicon()["intent_verbs"]


def _background(tok: Token) -> bool:
    """Statistics and past incidents: 'since 2007', 'this year', 'in 2012', '2007, when 28 were killed'."""
    if tok.dep_ == "relcl" and tok.head.ent_type_ == "DATE":
        return True
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "since" and any(t.lower_ in _YEAR for t in c.subtree):
            return True  # "since the December 2012 rampage"
        for g in [c, *(c.children if c.dep_ == "prep" else ())]:
            if g.ent_type_ == "DATE" and g.dep_ in ("npadvmod", "pobj", "nummod", "advmod"):
                ent = next((e for e in tok.doc.ents if e.start <= g.i < e.end), None)
                words = [t.lower_ for t in ent] if ent is not None else []
                if "year" in words or "years" in words or (_YEAR & set(words) and not _DAY & set(words)):
                    return True
    return False


def _passive_like(tok: Token) -> bool:
    return tok.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" and c.i < tok.i
                                         for c in tok.children if c.dep_ != "auxpass")


def _affected(tok: Token, title: Title, intransitive: bool = False) -> list[Token]:
    """Who a verb happens to: passive subject, object, shared subject, modified noun."""
    kids = [c for c in tok.children if not title.masthead(c)]
    subj = [c for c in kids if c.dep_ == "nsubjpass"]
    if subj:
        return subj
    obj = [c for c in kids if c.dep_ == "dobj"]
    nsubj = [c for c in kids if c.dep_ == "nsubj"]
    if obj:
        return nsubj or obj if obj[0].lower_ in _REFLEXIVE else obj
    if not intransitive and tok.tag_ in ("VBG", "VBD", "VBZ", "VBP"):  # "killing and wounding several"
        shared = [g for c in kids if c.dep_ == "conj" and _is_trigger(c)
                  for g in c.children if g.dep_ == "dobj"]
        if shared:
            return shared
    no_at = not any(c.dep_ == "prep" and c.lower_ == "at" for c in kids)
    if nsubj and (intransitive or (_passive_like(tok) and not any(c.dep_ == "aux" for c in kids))
                  or (tok.idx < title.headline_end and no_at)):
        return nsubj
    if nsubj and tok.dep_ in ("ccomp", "xcomp", "oprd") and tok.head.lemma_ in _SMALL_CLAUSE:
        return nsubj  # "found Ladarrius Moody shot to death"
    if tok.dep_ in ("conj", "advcl") and not nsubj and (intransitive or _passive_like(tok)):
        head = tok.head
        return _affected(head, title, intransitive=head.lemma_ in lexicon()["died_verbs"]) or (
            [c for c in head.children if c.dep_ == "nsubj"] if head.pos_ in ("VERB", "AUX") else [])
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return [tok.head]
    if tok.dep_ in ("oprd", "advcl", "xcomp", "ccomp", "acomp", "conj", "dobj") and tok.head.lemma_ in (
            _SMALL_CLAUSE | {"pronounce", "declare", "confirm", "list", "lie", "remain"}):
        found = [c for c in _affected(tok.head, title) if c.i != tok.i]
        return found or [c for c in tok.head.children if c.dep_ == "nsubj" and c.i < tok.i
                         and not any(g.dep_ == "dobj" for g in tok.head.children)]  # "the man found dead"
    if tok.dep_ in ("acomp", "attr") and tok.head.lemma_ in ("be", "remain", "lie"):
        return [c for c in kids + list(tok.head.children) if c.dep_ == "nsubj"]
    return []


def _is_trigger(tok: Token) -> bool:
    lex, lemma = lexicon(), tok.lemma_.lower()
    return any(lemma in lex[key] for key, _, _ in _VERB_KINDS)


def _fatal_marked(tok: Token) -> bool:
    """'shot dead', 'fatally shot', 'beaten to death', 'gunned down'."""
    if tok.lemma_ == "gun" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return True
    for c in tok.children:
        if c.lemma_.lower() in lexicon()["fatal_words"]:
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_ == "death" for g in c.children):
            return True
    return False


def _killing_beside(tok: Token) -> bool:
    """'shot and killed', 'shot, killed': the killing reads the same people."""
    lex = lexicon()
    deaths = lex["killed_verbs"] | lex["died_verbs"]
    return any(c.dep_ in ("conj", "advcl") and c.lemma_ in deaths
               and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children)
               for c in tok.children)


def _verb_readings(tok: Token, title: Title) -> Iterator[Reading]:
    lex, lemma = lexicon(), tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "ADJ", "AUX") and tok.tag_ != "VBN":
        return
    kind, basis = next(((k, b) for key, k, b in _VERB_KINDS if lemma in lex[key]), ("", "stated"))
    condition = lemma in lex["conditions"] and tok.dep_ == "amod" and tok.head.pos_ == "NOUN"
    if lemma in ("dead", "deceased") or condition:  # "found dead"; "Man critical after shooting"
        kind, basis = ("injured", "hit") if condition else ("killed", "stated")
    if not kind or _hypothetical(tok) or _background(tok):
        return
    if kind == "injured" and _fatal_marked(tok):
        kind, basis = "killed", "stated"
    elif kind == "injured" and _killing_beside(tok):
        return
    intransitive = lemma in lex["died_verbs"] or tok.pos_ == "ADJ"
    if kind == "killed" and any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVE for c in tok.children):
        basis = "self"  # "the gunman killed himself"
    extra = tuple(g for a in tok.children if a.lower_ in ("along", "together") for w in a.children
                  if w.lower_ == "with" for g in w.children if g.dep_ == "pobj" and not _victim_of(g))
    for p in _affected(tok, title, intransitive):
        yield Reading(kind, basis, p, tok, extra=extra)  # type: ignore[arg-type]
    if basis == "hit":  # "two people were shot, one fatally"
        for c in tok.children:
            fatal = any(g.lemma_ in lex["fatal_words"] for g in c.children)
            if c.dep_ in ("npadvmod", "appos", "conj") and count_like(c) and fatal:
                yield Reading("killed", "stated", c, tok, need_person=False)


def _noun_readings(tok: Token) -> Iterator[Reading]:
    """'three deaths', 'the deaths of two men', '12 arrests', 'a man's body', 'suffered injuries',
    'the homicide victim', 'in critical condition', 'taken into custody'."""
    lex, lemma = lexicon(), tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN"):
        return
    kinds = [k for key, k in (("killed_nouns", "killed"), ("arrested_nouns", "arrested"))
             if lemma in lex[key]]
    owned = any(c.dep_ == "poss" for c in tok.children)
    if lemma == "body" and (tok.head.lemma_ in lex["body_verbs"] or owned):
        kinds = ["killed"]
    mods = {c.lemma_.lower() for c in tok.children}
    unsure = mods & {"attempted", "attempt", "alleged", "possible"}
    if tok.dep_ != "compound" and not unsure and not _background(tok):
        for kind in kinds:
            found = False
            for c in tok.children:
                if c.dep_ == "poss" and (c.pos_ == "PRON" or is_person(c)):
                    found = True
                    yield Reading(kind, "stated", c, tok)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            found = True
                            yield Reading(kind, "stated", g, tok)
            if not found and any(c.dep_ in ("nummod", "det", "amod") and count_like(c)
                                 for c in tok.children):
                yield Reading(kind, "stated", tok, tok, need_person=False)
    if lemma == "life" and tok.dep_ == "dobj" and tok.head.lemma_ in ("take", "end") and "own" in mods:
        for p in (c for c in tok.head.children if c.dep_ == "nsubj"):
            yield Reading("killed", "self", p, tok)  # "took his own life"
    if lemma == "victim" and (cause := _victim_of(tok)):
        yield Reading(cause[0], cause[1], tok, tok)  # type: ignore[arg-type]
    if lemma in lex["injured_nouns"] and tok.dep_ in ("dobj", "pobj"):
        yield from _wound_readings(tok)
    if lemma in ("shooting", "stabbing") and tok.pos_ == "NOUN":
        kind, basis = ("killed", "stated") if mods & lex["fatal_words"] else ("injured", "hit")
        if mods & {"double", "triple", "quadruple"}:
            yield Reading("injured", "hit", tok, tok, need_person=False)  # "a double shooting"
        else:
            for g in (g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
                yield Reading(kind, basis, g, tok)  # type: ignore[arg-type]  # "the fatal shooting of a man"
    if lemma == "hospital" and tok.head.lower_ == "to" and tok.head.head.lemma_ in (
            "take", "transport", "rush", "airlift", "send", "carry", "bring", "fly"):
        verb = tok.head.head
        if not _hypothetical(verb):
            for p in _affected(verb, Title()):
                yield Reading("injured", "hit", p, tok)  # "was taken to the hospital"
    if lemma == "condition" and mods & lex["conditions"] and tok.head.lower_ == "in":
        holder = tok.head.head
        noun = holder.pos_ in ("NOUN", "PROPN")
        targets = [holder] if noun else _affected(holder, Title(), intransitive=True)
        for p in targets:
            yield Reading("injured", "hit", p, tok)
    if lemma == "custody" and tok.head.lower_ in ("into", "in") and not _hypothetical(tok.head.head):
        verb = tok.head.head
        held = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "nsubj") and c.lemma_ != "police"]
        for p in held[:1]:
            yield Reading("arrested", "stated", p, tok)


def _wound_readings(tok: Token) -> Iterator[Reading]:
    """'suffered injuries', 'treated for wounds', 'a victim with a gunshot wound', 'left a man with
    non-life-threatening injuries', 'taken to the hospital with life-threatening injuries'."""
    lex = lexicon()
    holder = tok.head if tok.dep_ == "dobj" else tok.head.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and holder.pos_ in ("NOUN", "PROPN", "ADJ"):
        people = [holder]
    elif (tok.dep_ == "dobj" or tok.head.lower_ in ("with", "for")) and (
            holder.lemma_ in lex["wound_verbs"] or tok.head.lower_ == "with") and not _hypothetical(holder):
        people = _affected(holder, Title(), intransitive=holder.lemma_ in lex["wound_verbs"])
    else:
        return
    sub = {t.lemma_.lower() for t in tok.subtree}
    kind, basis = ("killed", "stated") if sub & lex["fatal_words"] else ("injured", "hit")
    basis = "stated" if sub & {"non", "minor", "superficial"} else basis
    for p in people:
        yield Reading(kind, basis, p, tok)  # type: ignore[arg-type]


def _victim_of(tok: Token) -> tuple[str, str] | None:
    """'homicide victim', 'murder victims', 'the victim of a deadly shooting', 'shooting victim'."""
    lex = lexicon()
    words = [c for c in tok.children if c.dep_ == "compound"]
    words += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    for w in words:
        lemma = w.lemma_.lower()
        if lemma in lex["killed_nouns"] or {c.lemma_.lower() for c in w.children} & lex["fatal_words"]:
            return "killed", "stated"
        if lemma in ("shooting", "shoot", "gunshot", "stabbing"):
            return "injured", "hit"
    return None


def _toll_readings(tok: Token) -> Iterator[Reading]:
    """'the death toll rose to 40', 'a death toll of 40', 'raising the toll to 40'."""
    if tok.lemma_.lower() != "toll":
        return
    kind = "injured" if any(c.lemma_ in ("injury", "injured") for c in tok.children) else "killed"
    spots = [*tok.children]
    if tok.dep_ in ("nsubj", "dobj", "nsubjpass"):
        spots += [c for c in tok.head.children if c.i != tok.i]
    for c in spots:
        if c.dep_ == "prep" and c.lower_ in ("to", "at", "of"):
            nums = [g for g in c.children if g.dep_ == "pobj"]
        else:
            nums = [c] if c.dep_ in ("attr", "appos", "dobj", "nummod") and c.i > tok.i else []
        for n in nums:
            if count_like(n):
                yield Reading(kind, "stated", n, tok, need_person=False)
                return


def _crowd_readings(tok: Token) -> Iterator[Reading]:
    lex, lemma = lexicon(), tok.lemma_.lower()
    streets = lemma == "take" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
        g.lemma_ == "street" for g in c.children) for c in tok.children)  # "took to the streets"
    if (lemma in lex["crowd_verbs"] or streets) and tok.pos_ == "VERB" and not _hypothetical(tok):
        for c in tok.children:
            if c.dep_ == "nsubj":
                yield Reading("crowd", "stated", c, tok)
            elif c.dep_ == "agent":
                yield from (Reading("crowd", "stated", g, tok) for g in c.children if g.dep_ == "pobj")
    elif lemma in lex["crowd_nouns"] and tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                yield from (Reading("crowd", "stated", g, tok) for g in c.children if g.dep_ == "pobj")
    elif lemma in lex["participant_nouns"] and tok.tag_ == "NNS" and not _is_trigger(tok.head):
        yield Reading("crowd", "stated", tok, tok)  # "police clashed with 500 protesters"


def _pattern_readings(doc: Doc) -> Iterator[Reading]:
    """'two dead and five wounded', '2 wounded, 1 critically', '3 killed': a number, then the word."""
    for tok in doc[1:]:
        kind = PATTERN_WORDS.get(tok.lower_)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if kind is None or (nxt is not None and nxt.pos_ in ("DET", "NUM", "NOUN", "PROPN", "PRON")):
            continue
        prev = doc[tok.i - 1]
        if is_person(prev) and prev.tag_ == "NNS" and tok.i > 1:
            prev = doc[tok.i - 2]
        if prev.like_num and prev.tag_ == "CD" and prev.ent_type_ not in _BAD_NUM_ENTS:
            yield Reading(kind, "hit" if tok.lower_ == "shot" else "stated", prev, tok, need_person=False)


@lru_cache(maxsize=1)
def _trigger_lemmas() -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas worth a look: (count triggers, crowd triggers)."""
    lex = lexicon()
    words = set().union(*(lex[key] for key, _, _ in _VERB_KINDS), lex["killed_nouns"], lex["arrested_nouns"],
                        lex["injured_nouns"], lex["conditions"])
    words |= {"dead", "deceased", "body", "life", "victim", "shooting", "stabbing", "hospital", "condition",
              "custody", "toll"}
    crowd = lex["crowd_verbs"] | lex["crowd_nouns"] | lex["participant_nouns"] | {"take"}
    return frozenset(words), frozenset(crowd)


def readings(doc: Doc) -> Iterator[Reading]:
    """Every reading in `doc`: patterns first, then the parse; crowd readings last."""
    title = Title.of(doc.text)
    counts, crowds = _trigger_lemmas()
    yield from _pattern_readings(doc)
    later = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in crowds:
            later.append(tok)
        if lemma not in counts or title.masthead(tok):
            continue
        yield from _verb_readings(tok, title)
        yield from _noun_readings(tok)
        yield from _toll_readings(tok)
    for tok in later:
        yield from _crowd_readings(tok)
