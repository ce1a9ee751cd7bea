"""The actor dictionaries and the phrase readers built on them (used by `actors`).

- roles: `data/sectors.tsv` maps role words ("president", "riot police") to CAMEO sectors;
- organisations: `data/organisations.tsv` maps names and acronyms (international bodies, armed
  groups, parties, seats of government, news agencies) to a sector and, where one applies, a country;
- countries: country names and their formal forms, demonyms (gazetteer), national capitals standing
  for their governments ("Pyongyang fired..."), and the places that the places stage resolved in this
  article ("Dili", "Juba"), read as the longest match over the phrase's tokens.

A country word does not name the actor's country when it says whom the actor is for, against or led
by ("pro-Iranian", "anti-Syria", "Russian-led", "Syrian-backed"), or when it names an ethnic group
("ethnic Albanians" in Serbia are coded with the country they live in).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .gazetteer import candidates, country_code, demonym_country, is_capital, name_key

__all__ = ["CountryHit", "Organisation", "Role", "article_country", "best_hit", "find_countries",
           "find_organisation", "noun_phrase", "phrase_sector", "role_of", "sector_table", "stance_blocked"]

_MAX_NGRAM = 6
# "pro-Iranian", "anti-Syria": whom the actor is for or against, not who it is
_STANCE_PREFIXES = {"pro", "anti", "non"}
# "Russian-led", "Syrian-backed": who leads or backs the actor, not who it is
_AGENT_SUFFIXES = {"led", "backed", "sponsored", "supported", "allied", "funded", "armed", "trained",
                   "aligned", "installed", "imposed", "brokered", "occupied", "controlled", "held",
                   "dominated", "friendly", "bound", "born"}
_ETHNIC = {"ethnic"}
_ELITE_MARKS = {"former", "ex", "ousted", "deposed", "exiled", "retired", "late", "onetime", "one-time"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
# Dependents that start a new clause or a list: not part of the phrase that names the actor.
_CUT_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "appos", "parataxis", "ccomp", "prep_cut"}
_KEEP_PREPS = {"of", "from", "in"}
_ARMED_MARKS = frozenset({"armed", "masked", "gun-toting", "machete-wielding"})
_DIRECT, _VIA_PREP, _ELSEWHERE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Role:
    sector: str
    person: bool  # a role one person holds ("president"), not a body ("government")
    word: str  # the lexicon entry that matched
    direct: bool = True  # the phrase head is the role word ("the army"), not a modifier ("army trucks")
    weapon: bool = False  # an explosive named as the doer ("a car bomb killed..."): UAF
    place: bool = False  # a place that stands for its people only when something is done to it ("raided a village")


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    sector: str
    country: str | None
    start: int  # token range of the match in the document
    end: int


@dataclass(frozen=True, slots=True)
class CountryHit:
    country: str
    start: int  # token range of the match in the document
    end: int
    kind: str  # name | demonym | capital | seat | place


def _data(name: str) -> list[list[str]]:
    text = resources.files("eventwire.extract").joinpath("data", name).read_text("utf-8")
    return [[c.strip() for c in line.split("\t")] for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def sector_table() -> dict[str, tuple[str, bool]]:
    """role word (lower case) -> (sector, is a role one person holds)."""
    return {row[0].lower(): (row[1], len(row) > 2 and row[2] == "person") for row in _data("sectors.tsv")}


@cache
def _flagged(flag: str) -> frozenset[str]:
    return frozenset(row[0].lower() for row in _data("sectors.tsv") if len(row) > 2 and row[2] == flag)


@cache
def _org_table() -> dict[str, tuple[str, str, str | None, bool]]:
    """name key -> (name, sector, country, acronym: match only text in capitals)."""
    table: dict[str, tuple[str, str, str | None, bool]] = {}
    for row in _data("organisations.tsv"):
        name, sector = row[0], row[1]
        country = row[2] if len(row) > 2 and row[2] else None
        acronym = name.replace(".", "").replace("/", "").isupper()
        table.setdefault(_org_key(name), (name, sector, country, acronym))
    return table


def _org_key(text: str) -> str:
    return name_key(text.replace("/", " ")).removeprefix("the ")


def role_of(tokens: Sequence[Token]) -> Role | None:
    """The role a phrase names: multiword roles first, the phrase head over its modifiers
    ("police headquarters" is not the police); place names hold no role ("the West Bank")."""
    table = sector_table()
    toks = [t for t in tokens if t.ent_type_ not in _PLACE_ENTS]
    words = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    best: tuple[int, int, Role, bool] | None = None  # (rank, -length, role, the phrase head is the role word)
    for n in (4, 3, 2, 1):
        for i in range(len(toks) - n + 1):
            if toks[i + n - 1].i - toks[i].i != n - 1:
                continue  # not contiguous
            for seq in (" ".join(words[i : i + n]), " ".join(words[i : i + n - 1] + lemmas[i + n - 1 : i + n])):
                hit = table.get(seq)
                if hit is None:
                    continue
                last = toks[i + n - 1]
                head = last.dep_ not in {"compound", "amod", "poss", "pobj", "nmod", "npadvmod"}
                # "the house of an opposition leader": whose place it is comes before the place
                rank = 2 if seq in _flagged("place") else 0 if head else 1
                if best is None or (rank, -n) < best[:2]:
                    best = (rank, -n, Role(hit[0], hit[1], seq), head)
    if best is None:
        return None
    _, _, role, direct = best
    role = Role(role.sector, role.person, role.word, direct=direct, weapon=role.word in _flagged("weapon"),
                place=role.word in _flagged("place"))
    if role.sector == "CVL" and any(t.lower_ in _ARMED_MARKS and t.dep_ == "amod" for t in tokens):
        # "armed men", "masked youths": ACLED's unidentified armed group, not civilians
        return Role("UAF", role.person, role.word, role.direct)
    if role.person and role.sector in {"GOV", "MIL", "LEG", "JUD"} and any(
            t.lower_.strip("-") in _ELITE_MARKS for t in tokens):
        return Role("ELI", True, role.word, role.direct)  # former and ousted office holders are elites (CAMEO)
    return role


def phrase_sector(tokens: Iterable[Token]) -> tuple[str | None, bool]:
    """(sector, is a person role) of a phrase, or (None, False)."""
    role = role_of(list(tokens))
    return (role.sector, role.person) if role else (None, False)


def find_organisation(phrase: Span) -> Organisation | None:
    """The longest named organisation in the phrase (its first word capitalised in the text)."""
    table = _org_table()
    toks = list(phrase)
    best: Organisation | None = None
    for i, first in enumerate(toks):
        if not (first.is_title or first.is_upper or first.text[:1].isupper()):
            continue
        for n in range(min(_MAX_NGRAM, len(toks) - i), 0, -1):
            if best is not None and n <= best.end - best.start:
                break
            span = phrase.doc[first.i : first.i + n]
            if span[-1].is_punct and n > 1:
                continue
            hit = table.get(_org_key(span.text))
            if hit is None:
                continue
            name, sector, country, acronym = hit
            if acronym and not span.text.replace(".", "").replace("/", "").replace("-", "").isupper():
                continue
            best = Organisation(name, sector, country, span.start, span.end)
            break
    return best


def stance_blocked(first: Token, last: Token) -> bool:
    """Whether the country word(s) first..last say whom someone is for, against or led by, or
    name an ethnic group ("pro-Iranian", "Syrian-backed", "ethnic Turks")."""
    doc = first.doc
    i, j = first.i, last.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCE_PREFIXES:
        return True
    if i >= 1 and doc[i - 1].lower_.rstrip("-") in _STANCE_PREFIXES and doc[i - 1].text.endswith("-"):
        return True
    if i >= 1 and doc[i - 1].lower_ in _ETHNIC:
        return True
    return j + 2 < len(doc) and doc[j + 1].text == "-" and doc[j + 2].lower_ in _AGENT_SUFFIXES


@cache
def _capital_country(key: str) -> str | None:
    for entry in candidates(key):
        if entry.country and is_capital(entry):
            return entry.country
    return None


def _read_country(span: Span) -> tuple[str, str] | None:
    """(country, kind) that a name names: country, demonym, seat of government or capital."""
    text = span.text
    code = country_code(text)
    if code:
        return code, ("name" if _is_country_name(span) else "demonym")
    org = _org_table().get(_org_key(text))
    if org and org[2] and org[1] == "GOV":
        return org[2], "seat"
    capital = _capital_country(name_key(text))
    if capital:
        return capital, "capital"
    return None


def _is_country_name(span: Span) -> bool:
    """A country's name, not its adjective or its people: as the entity recogniser reads it in
    context ("Kazakhstan" is both in "the Kazakhstan government" and in "flew to Kazakhstan")."""
    label = span.root.ent_type_
    if label in {"GPE", "LOC"}:
        return True
    if label == "NORP":
        return False
    return demonym_country(span.text) is None


def _place_kind(span: Span, precision: str) -> str:
    if precision == "country":
        return "name" if _is_country_name(span) else "demonym"
    if precision == "city" and _capital_country(name_key(span.text)):
        return "capital"
    return "place"


def find_countries(tokens: Sequence[Token], places: Mapping[int, tuple[int, str, str]] | None = None
                   ) -> list[CountryHit]:
    """Every country named in a run of tokens, longest match first, left to right.

    `places` maps a token index to (end token, country, precision) for the places that the places
    stage resolved in this article; a place reading is taken over the dictionaries' (it knows the
    context: "Georgia" in a story about Atlanta is the state)."""
    places = places or {}
    toks = list(tokens)
    hits: list[CountryHit] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not (tok.is_title or tok.is_upper or tok.text[:1].isupper()) or tok.is_punct \
                or tok.lower_ in sector_table():
            i += 1
            continue
        found: CountryHit | None = None
        place = places.get(tok.i)
        if place is not None and (tok.ent_type_ != "PERSON" or place[2] == "country"):  # "Fazl" is no town
            end, country, precision = place
            found = CountryHit(country, tok.i, end, _place_kind(tok.doc[tok.i : end], precision))
        else:
            for n in range(min(_MAX_NGRAM, len(toks) - i), 0, -1):
                if toks[i + n - 1].i - tok.i != n - 1:
                    continue
                span = tok.doc[tok.i : tok.i + n]
                if span[-1].is_punct or span[-1].lower_ in {"'s", "’s"}:
                    continue
                read = _read_country(span)
                if read is not None:
                    found = CountryHit(read[0], span.start, span.end, read[1])
                    break
        if found is None:
            i += 1
            continue
        if not stance_blocked(tok.doc[found.start], tok.doc[found.end - 1]):
            hits.append(found)
        i += max(1, found.end - tok.i)
    return hits


def noun_phrase(head: Token) -> Span:
    """The phrase that names the entity headed by `head`, without relative clauses or lists."""
    doc = head.doc
    left, right = head.i, head.i
    for child in head.lefts:
        if child.dep_ not in _CUT_DEPS:
            left = min(left, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in _CUT_DEPS:
            break
        if child.dep_ == "prep" and child.lower_ not in _KEEP_PREPS:
            break
        right = max(right, child.right_edge.i)
    # A run of spaces or a line break is layout (a dateline, a photo credit), not part of a name:
    # "AFP      Syrian government forces" -> "Syrian government forces".
    breaks = [t.i for t in doc[left:right + 1] if t.is_space]
    left = max([left, *(i + 1 for i in breaks if i < head.i)])
    right = min([right, *(i - 1 for i in breaks if i > head.i)])
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    opened = next((t.i for t in doc[left : right + 1] if t.text == "("), None)
    if opened is not None and opened > left and not any(t.text == ")" for t in doc[opened : right + 1]):
        right = opened - 1  # "the European Union (EU" -> "the European Union"
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


def _closeness(tok: Token, head: Token) -> int:
    """How directly a word describes the phrase head: a modifier of it, inside one of its
    prepositional phrases, or not under it at all."""
    node, via_prep = tok, False
    for _ in range(12):
        if node.i == head.i:
            return _VIA_PREP if via_prep else _DIRECT
        if node.dep_ in {"prep", "pobj", "agent"}:
            via_prep = True
        if node.head.i == node.i:
            break
        node = node.head
    return _ELSEWHERE


def best_hit(hits: Sequence[CountryHit], head: Token) -> CountryHit | None:
    """The country word that describes the head most directly ("Lebanon's president" before "the
    president of Armenia"), the first of equals."""
    if not hits:
        return None
    doc = head.doc
    return min(hits, key=lambda h: (min(_closeness(doc[i], head) for i in range(h.start, h.end)), h.start))


def article_country(doc: Doc, places: Mapping[int, tuple[int, str, str]], given: str | None) -> str | None:
    """The article's country for actors named without one. Towns say where a story happens more
    than country names do, and country words that only modify ("U.S. soldiers") or name a stance
    or an ethnic group ("pro-Iranian", "ethnic Turks") say least or nothing. With no place at all:
    the country of the national bodies the article names ("the Tamil Tigers"). `given`: the
    article's main place's country, kept on a tie."""
    weights: dict[str, float] = {}
    for start, (end, country, precision) in places.items():
        if stance_blocked(doc[start], doc[end - 1]):
            continue
        root = doc[start:end].root
        if precision in {"city", "admin1"}:
            weight = 2.0
        elif root.dep_ in {"amod", "compound", "nmod"} or demonym_country(root.text):
            weight = 0.5
        else:
            weight = 1.0
        weights[country] = weights.get(country, 0.0) + weight
    if not weights:
        for ent in doc.ents:
            org = find_organisation(ent) if ent.label_ in {"ORG", "NORP", "PERSON"} else None
            if org is not None and org.country and org.sector != "MED":
                weights[org.country] = weights.get(org.country, 0.0) + 1.0
    if not weights:
        return given
    top = max(weights.values())
    if given is not None and weights.get(given) == top:
        return given
    return next(c for c, w in weights.items() if w == top)  # ties: the first named
