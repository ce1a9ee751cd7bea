"""Event triggers: the words that report an event, with PLOVER type, mode, means and modality.

Triggers come from a lexicon written from the PLOVER codebook (`data/triggers.tsv`): verbs and
event nouns, single words or lemma sequences ("state of emergency", "open fire"), with optional
conditions on the object or a preposition ("send troops" is MOBILIZE, "send aid" is AID).
Modality comes from the parse: negation, "attempt to", "will", "threaten to", "calls for"...
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ._timex_lex import WEEKDAYS
from .stance import clause_verb, obligations

__all__ = ["STATEMENT_MEANS", "Trigger", "find_triggers", "hazard_near", "means_near", "modality_of", "trigger_verbs"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Rule:
    words: tuple[str, ...]
    pos: str
    plover: str
    mode: str | None
    means: str | None
    condition: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A matched event word: token range [start, end) and the token that heads it."""

    start: int
    end: int
    head: Token
    plover: str
    mode: str | None
    means: str | None
    modality: str
    is_noun: bool
    # Set by the classifier (classify.py): the probability of `plover`, whether the lexicon found
    # this word or it is a fallback candidate, and whether the event is a statement (CAMEO 01/02).
    score: float | None = None
    fallback: bool = False
    statement: bool = False


@cache
def _rules() -> dict[str, list[_Rule]]:
    """First word (lemma) -> rules, longest first."""
    text = resources.files("eventwire.extract").joinpath("data/triggers.tsv").read_text("utf-8")
    table: dict[str, list[_Rule]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 6)[:6]
        words = tuple(cols[0].split())
        rule = _Rule(words, cols[1], cols[2], cols[3] or None, cols[4] or None, cols[5] or None)
        table.setdefault(words[0], []).append(rule)
    for rules in table.values():
        rules.sort(key=lambda r: -len(r.words))
    return table


def trigger_verbs() -> frozenset[str]:
    """The lemmas that start a verb trigger (`attack`, `set` of `set fire to`)."""
    return frozenset(word for word, rules in _rules().items() if any(r.pos == "VERB" for r in rules))


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _objects(tok: Token) -> list[Token]:
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    for c in tok.children:  # "allowed aid convoys to cross": who is let (or made) to do something
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            objs.extend(x for x in c.children if x.dep_ == "nsubj")
    for c in tok.children:
        if c.dep_ == "prt":
            objs.extend(x for x in c.children if x.dep_ == "pobj")
        if c.dep_ == "prep" and tok.pos_ == "NOUN" and c.lower_ == "of":
            objs.extend(x for x in c.children if x.dep_ == "pobj")
    if tok.dep_ == "compound":
        objs.append(tok.head)
    return objs


_TERRITORY = frozenset({
    "territory", "ground", "town", "city", "village", "area", "district", "region", "province", "base",
    "position", "airport", "airbase", "port", "hill", "neighbourhood", "neighborhood", "capital", "border",
    "crossing", "road", "highway", "stronghold", "camp", "outpost", "checkpoint", "headquarters", "island",
    "zone", "front", "frontline", "county", "municipality", "suburb", "valley", "enclave", "garrison", "motorway",
    "bastion",
})


# fighters as a group: driven from ground, they leave it to whoever drove them
ARMED_PEOPLE = frozenset({"militant", "rebel", "fighter", "insurgent", "jihadist", "terrorist", "gunman", "militia",
                          "militiaman", "force", "troop", "soldier", "army", "extremist"})


def _driven_from(head: Token) -> list[Token]:
    """What the word drives someone `from` or `out of`: `pushed back from the areas`, `drove them
    out of the town`."""
    found = []
    for c in head.children:
        if c.dep_ in {"prep", "prt", "advmod"} and c.lower_ in {"from", "out", "of", "back", "away"}:
            for x in c.children:
                if x.dep_ == "pobj":
                    found.append(x)
                elif x.dep_ == "prep" and x.lower_ in {"of", "from"}:  # "out of the town", "back from"
                    found.extend(y for y in x.children if y.dep_ == "pobj")
    return found


def takes_territory(head: Token) -> bool:
    """Whether what the word takes is a place: `captured the town`, `Kalo was retaken`, `took
    control of the port`, `the capture of Kalo` (a named place, or a word for land and positions)."""
    objs = _objects(head)
    for o in list(objs):
        if o.lemma_.lower() == "control":  # "took control of X"
            objs.extend(x for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                        for x in p.children if x.dep_ == "pobj")
    for c in head.children:  # "take control of X" as a multiword trigger: the `of` hangs on the verb
        if c.dep_ == "prep" and c.lower_ in {"of", "into"}:  # and "moved into the town"
            objs.extend(x for x in c.children if x.dep_ == "pobj")
        elif c.dep_ == "prep":  # "took control by force of several areas": the `of` hangs on another noun
            objs.extend(y for x in c.children if x.dep_ == "pobj" for y in _of_chain(x)[1:])
    if any(_lemma(o) in ARMED_PEOPLE for o in objs):  # "drove the militants out of the town": ground cleared
        driven = _driven_from(head) + [  # what fighters are driven from is ground, named or not ("from Gao")
            x for o in objs if _lemma(o) in ARMED_PEOPLE for p in o.children if p.dep_ == "prep" and p.lower_ == "from"
            for x in p.children if x.dep_ == "pobj"]  # the parser may hang `from` on the fighters
        if any(x.pos_ == "PROPN" and x.ent_type_ != "NORP" for x in driven):
            return True
        objs.extend(driven)
    for o in list(objs):  # "the entire length of the highway", "most parts of the city"
        objs.extend(_of_chain(o)[1:])
    return any(o.ent_type_ in {"GPE", "LOC", "FAC"} or o.lemma_.lower() in _TERRITORY for o in objs)


def _condition_holds(rule: _Rule, head: Token) -> bool:
    return not rule.condition or all(_holds(part, head) for part in rule.condition.split("&"))


# a subject that stands for many people acting together: "thousands protested the ruling" is a protest
CROWD_SUBJECTS = frozenset({"crowd", "thousand", "hundred", "dozen", "million", "people", "mob", "group",
                             "protester", "demonstrator", "marcher", "resident", "student", "worker", "villager",
                             "supporter", "member", "activist", "farmer", "teacher", "nurse", "woman", "man"})


def _one_actor(head: Token) -> bool:
    """The subject is one actor speaking for itself: a singular noun, a name or he/she/it, not a
    crowd ("China protested the sale" objects in words; "thousands protested the ruling" marched)."""
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.like_num or any(_lemma(t) in CROWD_SUBJECTS for t in _of_chain(subj)):
        return False
    if subj.pos_ == "PRON":
        return subj.lower_ in {"he", "she", "it"}
    return "Plur" not in subj.morph.get("Number", []) and not any(c.dep_ == "conj" for c in subj.children)


# roads named by number ("blocked the N12", "the R59", "the M1"), as South African, British and other road codes
_ROAD_NUMBER = re.compile(r"^(?:[ANRMB]|I-?)\d{1,3}$")
# where the parser hangs the word of a particle verb ("set alight", "set it ablaze"): often not on a `prep`
_PREP_LIKE = frozenset({"prep", "prt", "agent", "advmod", "acomp", "amod", "oprd", "pobj", "dative", "xcomp", "ccomp",
                        "intj", "npadvmod", "dep"})


_ABLAZE = frozenset({"ablaze", "alight"})  # "set the office alight": the small parser may take it for the object


def _holds(condition: str, head: Token) -> bool:
    kind, _, values = condition.partition(":")
    wanted = set(values.split("|")) if values else set()
    if kind == "obj":
        return any("*" in wanted or _lemma(o) in wanted or o.lower_ in wanted
                   or ("road" in wanted and _ROAD_NUMBER.match(o.text) is not None)
                   for obj in _objects(head) for n in _of_chain(obj)  # "dozens of rifles", "a cache of arms"
                   for o in _kind_words(n))
    if kind == "notobj":
        return not any(_lemma(o) in wanted for o in _objects(head))
    if kind == "subj":  # "thousands gathered", "a crowd of men gathered"
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        agent = next((p for a in head.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
        if agent is not None:  # "a rally that was broken up by police": who did it
            subj = agent
        if subj is None and head.dep_ == "acl":  # the parser often reads "thousands gathered" as a reduced relative
            subj = head.head
            for noun in nouns_above(head.head):  # "a crowd of men holding umbrellas gathered": the crowd
                if any(_lemma(t) in wanted or t.lower_ in wanted for t in _of_chain(noun)):
                    subj = noun
                    break
        if head.dep_ == "relcl" and (subj is None or subj.lower_ in {"that", "which", "who"}):
            subj = head.head  # "the first aid to reach the area", "a convoy that arrived": what the clause is about
        return subj is not None and any(_lemma(t) in wanted or t.lower_ in wanted for t in _of_chain(subj))
    if kind == "xcomp":  # "refused to return to work": what the verb is about doing
        return any(c.dep_ == "xcomp" and _lemma(c) in wanted for c in head.children)
    if kind == "ccomp":  # "protested that the report was unfair": says something
        return any(c.dep_ == "ccomp" for c in head.children)
    if kind == "single":
        return _one_actor(head)
    if kind == "place":  # "entered the town", "moved into Kidal": what it takes or enters is ground
        return takes_territory(head) or any(  # a name the small model did not tag as a place
            o.pos_ == "PROPN" and o.ent_type_ not in {"NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "DATE", "TIME"}
            for o in _objects(head))
    if kind == "sent":  # "the strike was launched by Russian planes": the sentence says which strike
        return any(_lemma(t) in wanted or t.lower_ in wanted for t in head.sent)
    if kind == "prep":
        # "set a thief ablaze", "set the car on fire": the parser may hang the word on the object instead
        near = [*head.children, *(c for o in _objects(head) for c in o.children if c.dep_ in {"amod", "prep"})]
        near += [c for p in near if p.dep_ == "prep" and p.lower_ == "on" for c in p.children if c.dep_ == "pobj"]
        return any(c.lower_ in wanted and (c.dep_ in _PREP_LIKE or (c.dep_ == "dobj" and c.pos_ != "NOUN"))
                   for c in near) or any(c.dep_ == "dobj" and c.lower_ in _ABLAZE for c in head.children)
    return False


def nouns_above(noun: Token) -> list[Token]:
    """The nouns that `noun`'s phrase hangs from, through participles and `of` (up to four steps):
    `umbrellas` in `a crowd of men holding umbrellas` -> men, crowd."""
    out, tok = [], noun
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in {"dobj", "pobj", "acl", "prep"}:
            break
        tok = tok.head
        if tok.pos_ in {"NOUN", "PROPN"}:
            out.append(tok)
    return out


# nouns that say little by themselves: what kind is in the word before (`the aid programme`, `a
# peace plan`, `arms shipments`)
_CONTAINER_NOUNS = frozenset({"program", "programme", "package", "scheme", "plan", "project", "shipment",
                              "deal", "payment", "flow", "operation"})


def _kind_words(noun: Token) -> list[Token]:
    """The noun, and for a container noun the compound words that say what it holds."""
    if _lemma(noun) not in _CONTAINER_NOUNS:
        return [noun]
    return [noun, *(c for c in noun.children if c.dep_ == "compound")]


def _of_chain(noun: Token) -> list[Token]:
    """The noun and up to two nouns it is `of`: `tens of thousands`, `a crowd of men`, `the length of the road`."""
    out = [noun]
    for _ in range(2):
        of = next((c for c in out[-1].children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            break
        out.append(obj)
    return out


def _forms(tok: Token) -> tuple[str, ...]:
    """The lemma, the word, and for a verb the base forms its ending allows: the lemmatizer reads
    "raped" as "rap", so a verb row matches what the word could be the inflection of."""
    lower = tok.lower_
    out = [_lemma(tok), lower]
    if tok.pos_ == "VERB":
        for ending in ("ed", "es", "ing", "s", "d"):
            if lower.endswith(ending) and len(lower) > len(ending) + 2:
                stem = lower[: -len(ending)]
                out.extend((stem, stem + "e"))
    return tuple(out)


def _match_at(doc: Doc, i: int) -> tuple[_Rule, int] | None:
    tok = doc[i]
    forms = _forms(tok)
    rules = _rules()
    candidates = [r for f in dict.fromkeys(forms) for r in rules.get(f, ())]
    candidates.sort(key=lambda r: -len(r.words))  # longest first, as each list is
    for rule in candidates:
        n = len(rule.words)
        if i + n > len(doc):
            continue
        if rule.words[0] not in forms or any(_lemma(doc[i + k]) != w and doc[i + k].lower_ != w
                                             for k, w in enumerate(rule.words[1:], start=1)):
            continue
        if rule.pos == "VERB" and tok.pos_ not in {"VERB"}:
            continue
        if rule.pos == "NOUN" and doc[i + n - 1].pos_ not in {"NOUN", "PROPN"}:
            continue
        head = doc[i] if rule.pos == "VERB" else doc[i : i + n].root
        if (rule.pos == "VERB" and (_people_not_act(head) or _describes_a_noun(head))) \
                or head.ent_type_ in {"DATE", "TIME"} or _month_of_date(head):
            # "the wounded" are people, "the rebel-held town" a place; "on March 2" is a date, not a march
            continue
        if _condition_holds(rule, head) and not _other_sense(rule, head):
            return rule, n
    return None


_BEFORE_A_MONTH = frozenset({"in", "since", "until", "till", "by", "from", "last", "next", "early", "late", "mid",
                             "through", "during", "before", "after"})


def _month_of_date(tok: Token) -> bool:
    """`SATURDAY MARCH 26`, `march 2019`: the month of a date the parser did not tag (capitals,
    lower case), not a march."""
    if tok.lower_ != "march":
        return False
    after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    before = tok.nbor(-1) if tok.i > 0 else None
    if after is not None and after.text.isdigit() and (int(after.text) <= 31 or len(after.text) == 4) \
            and not (after.dep_ == "nummod" and after.head.i > after.i):  # not "march 20 kilometres"
        return True
    if before is not None and (before.lower_.strip(",") in WEEKDAYS or before.text.isdigit()):
        return True
    # "action in March", "since March": the capitalised month after a word that leads into a time
    return tok.text == "March" and before is not None and before.lower_ in _BEFORE_A_MONTH


# Event words with a common other sense, and the words around them that give that sense away:
# sport ("Leicester beat Watford 1-0", "a 90th-minute strike"), markets ("a Wall Street rally"),
# showing ("the victory demonstrates the role of sport"), weapons ("a nuclear strike").
_SPORT_SENSE = frozenset({"beat", "strike", "rally", "clash", "battle", "attack", "shot", "shoot", "defeat",
                          "fight", "storm", "thrash", "crush", "hammer", "demolish", "rout"})
_SPORT_WORDS = frozenset({"score", "match", "league", "striker", "midfielder", "coach", "tournament",
                          "championship", "fixture", "derby", "inning", "wicket", "podium", "touchdown",
                          "medal", "rugby", "soccer", "football", "cricket", "tennis", "golf", "olympic",
                          "goal", "goalkeeper", "referee", "crossbar", "halftime", "scorer", "champion",
                          "stroke", "baseline", "forehand", "backhand", "volley", "racquet"})
_MATCH_MINUTE = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)[- ]minute\b")  # "a 90th-minute strike"
_MARKET_WORDS = frozenset({"stock", "share", "market", "index", "dow", "nasdaq", "investor", "bond", "price",
                           "dollar", "euro", "yen", "currency", "equity", "trader", "trading", "rate"})
_WEAPON_STRIKE = frozenset({"air", "drone", "missile", "nuclear", "military", "rocket", "retaliatory",
                            "preemptive", "pre-emptive", "surgical", "precision", "artillery"})
# what is named for an event without being one ("riot police chased demonstrators", "the investigation
# team", "an attack helicopter")
_NAMED_FOR_EVENTS = frozenset({"police", "policeman", "officer", "gear", "squad", "shield", "unit", "control",
                               "van", "act", "law", "vehicle", "helmet", "team", "committee", "commission", "panel",
                               "board", "investigator", "inspector", "expert", "department", "helicopter",
                               "aircraft", "submarine", "dog"})
# what is fought without violence: diseases, disasters, social ills and decisions
_FOUGHT_ILLS = frozenset({"fight", "combat", "battle", "attack", "tackle"})
_ILLS = frozenset({"epidemic", "pandemic", "virus", "disease", "outbreak", "ebola", "covid", "covid-19", "coronavirus",
                   "malaria", "cholera", "cancer", "poverty", "corruption", "crime", "fire", "wildfire", "blaze",
                   "hunger", "famine", "inflation", "climate", "change", "drug", "addiction", "unemployment",
                   "terrorism", "extremism", "radicalisation", "radicalization", "infection", "spread",
                   # and decisions fought in court or in words: "fighting deportation", "fought the charges"
                   "deportation", "extradition", "eviction", "charge", "case", "ruling", "conviction", "sentence",
                   "lawsuit", "verdict", "closure", "demolition", "expulsion"})
_WIN_VERBS = frozenset({"beat", "defeat", "thrash", "crush", "rout", "hammer", "edge"})
_SCORE = re.compile(r"\b\d{1,3}[-–]\d{1,3}\b")


def _fought(head: Token) -> list[Token]:
    """What is fought: the object, `against` what, and the nouns that name it (`the Ebola epidemic`)."""
    objs = [*_objects(head), *(o for p in head.children if p.dep_ == "prep" and p.lower_ == "against"
                               for o in p.children if o.dep_ == "pobj")]
    return [*objs, *(c for o in objs for c in o.children if c.dep_ == "compound")]


def _a_count(tok: Token) -> bool:
    """`scores of soldiers`: a number of people, not a sports score."""
    return tok.lower_ in {"scores", "score"} and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "of"


def _score_after(head: Token) -> bool:
    """A match score a few words after the verb, not a range of people ("killing 10-15 soldiers")."""
    after = head.doc[head.i + 1 : min(head.i + 8, head.sent.end)]
    for m in _SCORE.finditer(after.text):
        span = after.char_span(m.start(), m.end(), alignment_mode="expand")
        nxt = head.doc[span.end] if span is not None and span.end < len(head.doc) else None
        if nxt is None or nxt.pos_ not in {"NOUN", "PROPN"}:
            return True
    return False


def _about_sport(sent: Span) -> bool:
    """Sport words as nouns ("the match", not "police matched the prints"), "scored", "90th minute"."""
    return bool(_MATCH_MINUTE.search(sent.text)) or any(
        _lemma(t) in _SPORT_WORDS and (t.pos_ != "VERB" or _lemma(t) == "score") and not _a_count(t) for t in sent)


def market_or_sport_report(verb: Token) -> bool:
    """A clause of market or sports news, where no one acts on anyone: its subject is a market
    figure (`Singapore shares closed higher`, `gold prices rose`) or its sentence is about a game
    (`the goalkeeper denied Ibrahimovic`)."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and any(_lemma(t) in _MARKET_WORDS for t in (subj, *subj.children)):
        return True
    return _about_sport(verb.sent)


def _other_sense(rule: _Rule, head: Token) -> bool:
    lemma = _lemma(head)
    sent = head.sent
    if lemma in _SPORT_SENSE and rule.plover in {"ASSAULT", "PROTEST"} and _about_sport(sent):
        return True
    if lemma in _WIN_VERBS and _score_after(head):
        return True  # "beat Watford 1-0"
    if rule.plover == "ASSAULT" and lemma in _FOUGHT_ILLS and any(_lemma(o) in _ILLS for o in _fought(head)):
        return True  # "funds to fight the Ebola epidemic", "the fight against corruption": a policy, not violence
    if rule.mode == "access":  # "the lifting of the blockade let trucks in": an event, not an actor, let them
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        return subj is not None and any(r.pos == "NOUN" for r in _rules().get(_lemma(subj), ()))
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if rule.pos == "NOUN" and head.dep_ == "compound" and nxt is not None and _lemma(nxt) in _NAMED_FOR_EVENTS:
        return True  # "riot police", "investigation team": named for an event, not one
    if rule.plover != "PROTEST":
        return False
    if lemma == "demonstrate" and any(c.dep_ in {"dobj", "ccomp", "auxpass", "nsubjpass"} for c in head.children):
        return True  # "demonstrated its resolve", "demonstrated that ...", "as was demonstrated": showed
    if lemma == "rally" and any(_lemma(t) in _MARKET_WORDS for t in sent):
        return True
    return lemma == "strike" and head.pos_ == "NOUN" and any(
        c.dep_ in {"compound", "amod"} and c.lower_ in _WEAPON_STRIKE for c in head.children)


# Words that govern an event and change what it is: modality cues.
_ATTEMPT = {"attempt", "try", "seek", "struggle", "fail"}  # "failed to kill": tried
_PLAN = {"plan", "decide", "intend", "intent", "intention", "conspiracy", "plot", "prepare", "agree", "promise",
         "pledge", "vow", "expect", "aim",
         "schedule", "call", "urge", "propose", "want", "hope"}
_THREAT = {"threaten", "warn"}
_FOILED = {"foil", "thwart", "avert", "frustrate", "prevent"}  # "foiled a plot to bomb": tried, stopped
_GOALS = {"offensive", "operation", "campaign", "bid", "effort", "push", "drive", "mission", "attempt", "plan", "plot"}
_DENY = {"deny", "refute", "reject"}
_HEDGE_AUX = {"could", "might", "may"}
_FUTURE_AUX = {"will", "would", "shall", "'ll"}


def modality_of(head: Token) -> str:
    """happened | attempted | planned | threatened | denied | hypothetical, from the parse."""
    for child in head.children:
        if child.dep_ == "neg":
            return "denied"
    for child in head.children:
        if child.dep_ == "aux" and child.lower_ in _HEDGE_AUX:
            return "hypothetical"
        if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
            return "planned"
        if child.dep_ == "mark" and child.lower_ in {"if", "unless"}:
            return "hypothetical"
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"dobj", "nsubj", "nsubjpass"} \
            and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in head.head.children):
        return "hypothetical"  # "unless he arranges a ceasefire": the ceasefire may not come
    doc = head.doc
    if head.i >= 2 and doc[head.i - 1].lower_ == "to":  # "with intent to kill", however it is parsed
        before = _lemma(doc[head.i - 2])
        if before in _THREAT:
            return "threatened"
        if before in _ATTEMPT:
            return "attempted"
        if before in _PLAN:
            return "planned"
    node = head
    for step in range(3):  # "threatened to launch strikes", "an attempt to storm"
        # The first link may be an object ("calls for a protest"); further up only clause links
        # count, so "a response to protests" under "promising" is not a planned protest.
        allowed = {"xcomp", "acl", "pobj", "dobj", "ccomp", "relcl", "nsubjpass"} if step == 0 else {"xcomp", "acl"}
        if node.dep_ not in allowed or node.head.i == node.i:
            break
        gov = node.head
        via = None
        if gov.dep_ == "prep" and gov.head.i != gov.i:  # "calls for a protest"
            via, gov = gov.lower_, gov.head
        lemma = _lemma(gov)
        if lemma in _THREAT:
            return "threatened"
        if lemma in _ATTEMPT or (lemma in _FOILED and node.dep_ in {"xcomp", "dobj"}):
            return "attempted"
        if lemma in _DENY and node.dep_ in {"ccomp", "dobj"}:
            return "denied"
        # "calls for a protest", "agreed to a truce"; not "wanted (by police) in the shooting of"
        planning = via in (None, "for", "to", "on") and not (lemma == "want" and gov.tag_ == "VBN")
        if lemma in _PLAN and planning and node.dep_ in {"xcomp", "pobj", "dobj"}:
            return "planned"
        if any(c.dep_ == "neg" for c in gov.children) and node.dep_ in {"xcomp"}:
            return "denied"
        if node.dep_ == "acl" and lemma in _GOALS and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return "planned"  # "launched an offensive to retake the town": the aim, not yet done
        node = gov
    return "happened"


_MEANS_WORDS = {
    "airstrike": "aerial", "air": "aerial", "drone": "aerial", "warplane": "aerial", "jet": "aerial",
    "helicopter": "aerial", "aircraft": "aerial",
    "shell": "shelling", "shelling": "shelling", "artillery": "shelling", "mortar": "shelling",
    "rocket": "shelling", "missile": "shelling", "tank": "shelling",
    "ied": "ied", "landmine": "ied", "mine": "ied", "roadside": "ied", "device": "ied", "car": "ied",
    "bomb": "ied", "explosive": "ied", "explosives": "ied",
    "grenade": "grenade",
    "suicide": "suicide", "chemical": "chemical", "sarin": "chemical", "chlorine": "chemical",
    "gun": "firearms", "gunman": "firearms", "gunmen": "firearms", "gunfire": "firearms", "shoot": "firearms",
    "shot": "firearms", "rifle": "firearms", "bullet": "firearms",
    "knife": "blade", "machete": "blade", "stab": "blade",
    "poisonous": "chemical", "poison": "chemical", "nerve": "chemical", "mustard": "chemical",
    "toxic": "chemical",
    "tear": "crowd-control", "cannon": "crowd-control", "rubber": "crowd-control", "baton": "crowd-control",
    "truncheon": "crowd-control", "pellet": "crowd-control",
}
# Means of the rows that name a CAMEO statement act (011-019): declining comment, pessimistic and optimistic
# remarks, owning or disowning an act, symbolic acts, sympathy, agreeing with a view. PLOVER has no statement
# type; the row's type and means carry the code (mapping.tsv).
STATEMENT_MEANS = frozenset({"claim-responsibility", "deny-responsibility", "sympathy", "symbolic",
                             "decline-comment", "pessimism", "optimism", "accord"})
# When two means are named, the more specific one decides the ACLED sub-type.
_MEANS_RANK = ["suicide", "chemical", "aerial", "shelling", "ied", "grenade", "firearms", "blade",
               "crowd-control"]


def means_near(head: Token) -> str | None:
    """The weapon or means named in the trigger's clause ('air strikes', 'roadside bomb', 'shot')."""
    clause = head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    found = _means_in(clause, head)
    if not found and clause.dep_ in {"advcl", "xcomp", "conj"}:
        # "air strikes hit the village, killing six": the killing shares the strikes' means
        found = _means_in(clause.head, head)
    if not found:  # "... killed by rockets and mortars": a weapon named anywhere in the sentence
        found = _means_in(head.sent.root, head)
    if not found and head.sent.start > 0:
        # "Two suicide bombers blew themselves up at the gate. Four guards were killed.": the story goes on
        found = _means_in(head.doc[head.sent.start - 1].sent.root)
    if "grenade" in found and _lemma(clause) in _THROW and any(
            c.dep_ == "dobj" and _lemma(c) == "grenade" for c in clause.children):
        return "grenade"  # "hurled grenades from a helicopter": thrown by hand, whatever from
    for means in _MEANS_RANK:
        if means in found:
            return means
    return None


_THROW = frozenset({"hurl", "throw", "lob", "toss"})
# "chemical weapons facilities", "a drone factory", "the missile programme": a weapon named as
# what a place makes or keeps, not as what was used
_WEAPON_PLACES = frozenset({"facility", "factory", "plant", "site", "depot", "stockpile", "program", "programme",
                            "warehouse", "arsenal", "laboratory", "lab", "production", "convention", "treaty",
                            "inspector", "expert", "watchdog", "ban"})
_NOT_ARMOUR = frozenset({"think", "fuel", "water", "oil", "gas", "storage", "septic", "fish", "petrol"})


def _names_a_weapon_place(tok: Token) -> bool:
    node = tok
    while node.dep_ in {"compound", "amod", "nmod"} and node.head.i != node.i:
        node = node.head
    return node.i != tok.i and _lemma(node) in _WEAPON_PLACES


# what an act answers or follows names another act's weapons: "in retaliation for a gas attack"
_ANSWERED = frozenset({"retaliation", "response", "revenge", "reprisal", "wake"})


def _told_as_cause(clause: Token, word: Token | None) -> set[int]:
    """Token indices of the clause's phrases that name what it answers (`in retaliation for`), those
    that hold `word` itself excepted."""
    out: set[int] = set()
    for prep in clause.subtree:
        if prep.dep_ != "prep" or (word is not None and prep.left_edge.i <= word.i <= prep.right_edge.i):
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and _lemma(pobj) in _ANSWERED:  # ("killed after an air strike" is this act)
            out.update(t.i for t in prep.subtree)
    return out


def _means_in(clause: Token, word: Token | None = None) -> set[str]:
    found = set()
    elsewhere = _told_as_cause(clause, word)
    for tok in clause.subtree:
        if tok.i in elsewhere:
            continue
        means = _MEANS_WORDS.get(tok.lower_) or _MEANS_WORDS.get(_lemma(tok))
        if means == "ied" and _lemma(tok) in {"car", "device", "mine"} and not _is_bomb_context(tok):
            continue
        if means == "aerial" and tok.lower_ == "air" and tok.head.lemma_ not in {"strike", "raid", "attack", "missile"}:
            continue
        if means and _names_a_weapon_place(tok):
            continue
        if means == "shelling" and _lemma(tok) == "tank" and (any(_lemma(c) in _NOT_ARMOUR for c in tok.children)
                                                              or (tok.i > 0 and _lemma(tok.nbor(-1)) in _NOT_ARMOUR)):
            continue  # a fuel tank, a think tank
        if means == "aerial" and tok.dep_ in {"dobj", "nsubjpass"} and tok.head.pos_ == "VERB" \
                and _lemma(tok) in _AIRCRAFT:
            continue  # "shot down a helicopter": the aircraft was hit, it did not strike
        if means == "chemical" and tok.lower_ in {"toxic", "nerve", "mustard", "poisonous"} \
                and tok.head.lemma_ not in {"gas", "agent", "chemical", "substance"}:
            continue
        if means == "crowd-control" and tok.lower_ in {"tear", "cannon", "rubber"} \
                and not ({tok.head.lemma_, tok.nbor(1).lemma_ if tok.i + 1 < len(tok.doc) else ""}
                         & {"gas", "water", "bullet", "cannon"}):
            continue
        if means == "firearms" and any(c.lower_ in {"rubber", "plastic"} for c in tok.children):
            continue  # "rubber bullets" are crowd control ("rubber" says so)
        if means == "grenade" and any(c.lower_ in {"stun", "flash", "smoke", "flashbang"} for c in tok.children):
            means = "crowd-control"  # stun grenades are for crowds, not for killing
        if means:
            found.add(means)
    if _blast_kills_its_maker(clause, found):
        found.add("suicide")
    return found


_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})


def _blast_kills_its_maker(clause: Token, found: set[str]) -> bool:
    """`detonated explosives, killing themselves`: the bombers died by their own blast, which is
    what a suicide bombing is."""
    for tok in clause.subtree:
        if tok.lower_ in _REFLEXIVE and tok.dep_ == "dobj":
            verb = _lemma(tok.head)
            if verb == "kill" and ("ied" in found or _lemma(clause) in {"detonate", "explode"}):
                return True
    return False


_AIRCRAFT = frozenset({"helicopter", "aircraft", "jet", "warplane", "drone", "plane", "bomber"})


def _is_bomb_context(tok: Token) -> bool:
    near = {t.lemma_.lower() for t in (tok.head, *tok.head.children)}
    return bool(near & {"bomb", "explosive", "blast", "explosion", "detonate", "explode", "plant"})


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every event word in the document, in text order; overlapping matches keep the longest."""
    triggers: list[Trigger] = []
    i = 0
    while i < len(doc):
        hit = _match_at(doc, i)
        if hit is None:
            i += 1
            continue
        rule, n = hit
        head = doc[i] if rule.pos == "VERB" else doc[i : i + n].root
        if rule.pos == "NOUN" and head.dep_ == "compound" and _match_at(doc, head.head.i) is not None:
            i += n  # "protest march": the compound's head carries the event
            continue
        near = means_near(head)
        means = rule.means or near
        if near in _MEANS_RANK and means in _MEANS_RANK and _MEANS_RANK.index(near) < _MEANS_RANK.index(means):
            means = near  # "fired shells stuffed with poisonous gas": the more specific weapon decides
        triggers.append(Trigger(start=i, end=i + n, head=head, plover=rule.plover, mode=rule.mode,
                                means=means, modality=modality_of(head), is_noun=rule.pos == "NOUN"))
        i += n
    return _drop_shadowed(_with_obligations(doc, triggers))


def _people_not_act(verb: Token) -> bool:
    """`evacuated the wounded`, `treated the injured`: a participle with an article, used as a noun,
    names the people it happened to, not an event."""
    return verb.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"} and verb.tag_ in {"VBN", "VBD", "JJ"} \
        and any(c.dep_ == "det" and c.lower_ == "the" and c.i == verb.i - 1 for c in verb.children)


def _describes_a_noun(verb: Token) -> bool:
    """`the Islamic State-occupied air base`, `the besieged city`: a participle before its noun says
    what state the thing is in, not that something happened in this report (`people killed in the
    attack`, after the noun, still tells the event)."""
    return verb.dep_ == "amod" and verb.tag_ in {"VBN", "VBD", "JJ"} and verb.i < verb.head.i


def _with_obligations(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """A reported "must" clause is a demand even when its verb is no event word ("said Sudan must
    return the helicopter"): its verb becomes a trigger, typed by the event word that is its object
    ("must reach an agreement") or as a request; the linker codes the demand (stance.py)."""
    heads = {t.head.i: t for t in triggers}
    framed = {clause_verb(t.head).i for t in triggers}  # `must be ready to mediate`: the mediating carries it
    out = list(triggers)
    for verb in obligations(doc):
        if verb.i in heads or verb.i in framed:
            continue
        obj = next((heads[c.i] for c in verb.children if c.dep_ == "dobj" and c.i in heads), None)
        if obj is not None:
            out.remove(obj)  # "must reach an agreement": the agreement is asked for, not reached
        out.append(Trigger(start=verb.i, end=verb.i + 1, head=verb, plover=obj.plover if obj else "REQUEST",
                           mode=obj.mode if obj else None, means=None, modality=modality_of(verb), is_noun=False))
    return sorted(out, key=lambda t: t.start)


def _drop_shadowed(triggers: list[Trigger]) -> list[Trigger]:
    """A noun that is the object or subject of a verb trigger of the same type is the same event
    ("protesters staged protests" keeps one; "clashes killed five" keeps both: types differ)."""
    verbs = {t.head.i: t for t in triggers if not t.is_noun}
    nouns = {t.head.i: t for t in triggers if t.is_noun}
    # "threatened to attack": the attack, coded as a threat, stands for the threatening verb
    threatened_heads = {t.head.head.i for t in triggers if t.modality == "threatened"}
    kept = []
    for t in triggers:
        if t.plover == "THREATEN" and not t.is_noun and t.head.i in threatened_heads:
            continue
        gov = verbs.get(t.head.head.i) if t.is_noun else None
        if gov is not None and gov.plover == t.plover and t.head.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            continue
        if gov is not None and t.head.dep_ in {"dobj", "nsubjpass"} and _named_object(gov, t.head):
            continue  # "violated the ceasefire": the truce is what was broken, not a new event
        if gov is not None and t.head.dep_ in {"dobj", "nsubjpass"} and _lemma(gov.head) in _FORBIDDING:
            continue  # "banned rallies", "protests were outlawed": what is forbidden has not happened
        owner = nouns.get(t.head.head.head.i) if t.is_noun and t.head.dep_ == "pobj" and t.head.head.lower_ == "of" \
            else None
        if owner is not None and _named_object(owner, t.head):
            continue  # "the lifting of the blockade": one event, the easing
        kept.append(t)
    return kept


_FORBIDDING = frozenset({"ban", "prohibit", "outlaw", "forbid"})  # not "dispersed a protest": that one took place


def _named_object(verb: Trigger, noun: Token) -> bool:
    """Whether the verb's lexicon row names this noun as its object (`obj:ceasefire|truce`): the
    row read the noun as part of the verb's event."""
    lemma = _lemma(noun)
    return any(rule.plover == verb.plover and (rule.condition or "").startswith("obj:")
               and lemma in (rule.condition or "")[4:].split("|") for rule in _rules().get(_lemma(verb.head), ()))


# Deaths and damage from these are not political violence ("killed in the earthquake").
_HAZARDS = {"earthquake", "quake", "tremor", "aftershock", "flood", "flooding", "storm", "hurricane",
            "typhoon", "cyclone", "tornado", "landslide", "mudslide", "avalanche", "tsunami", "wildfire",
            "heatwave", "drought", "crash", "accident", "collision", "derailment", "disease", "virus",
            "covid", "outbreak", "epidemic", "pandemic", "cholera", "lightning", "stampede", "collapse"}


def hazard_near(head: Token) -> bool:
    """True when the trigger's sentence, or the article's first, names a natural or accidental
    cause (asked only for events that have no actor: "people killed in the earthquakes", and any
    actorless violence in a report that opens with a quake)."""
    first = next(iter(head.doc.sents), head.sent)
    return any(_lemma(tok) in _HAZARDS or tok.lower_ in _HAZARDS for sent in (head.sent, first) for tok in sent)
