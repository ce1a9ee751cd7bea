"""Actors: who a noun phrase is (country + sector), from titles, roles, demonyms and names.

`ActorResolver` is built once per document. It learns who named people are from the way news
introduces them ("Kazakhstan's president Kassym-Jomart Tokayev", "Nikol Pashinyan, Armenia's prime
minister") so that later mentions ("Tokayev", "he") resolve to the same country and sector. The
sector lexicon (`data/sectors.tsv`) maps role words to CAMEO sector codes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .gazetteer import country_code

__all__ = ["ActorResolver", "noun_phrase", "sector_of_word"]

log = logging.getLogger(__name__)

_PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "we", "i", "who"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "who"}
# Dependents that start a new clause or a list: not part of the phrase that names the actor.
_CUT_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "punct", "appos", "parataxis", "ccomp", "prep_cut"}
_KEEP_PREPS = {"of", "from", "in"}
_PERSON_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "MED", "REL", "BUS"}


@cache
def _sector_table() -> dict[str, tuple[str, bool]]:
    """lemma -> (sector, is_person_role)."""
    table: dict[str, tuple[str, bool]] = {}
    text = resources.files("eventwire.extract").joinpath("data/sectors.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, sector, person = [*line.split("\t"), "", ""][:3]
        table[word.strip().lower()] = (sector.strip(), person.strip() == "person")
    return table


def sector_of_word(word: str) -> str | None:
    """The CAMEO sector a role word names ('police' -> COP), or None."""
    hit = _sector_table().get(word.lower())
    return hit[0] if hit else None


def _phrase_sector(tokens: Iterable[Token]) -> tuple[str | None, bool]:
    """Sector of a phrase: the head noun's role wins over its modifiers, multiword roles first."""
    table = _sector_table()
    toks = list(tokens)
    words = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    best: tuple[int, str, bool] | None = None  # (rank, sector, person)
    for n in (3, 2, 1):
        for i in range(len(toks) - n + 1):
            for seq in (" ".join(words[i : i + n]), " ".join(lemmas[i : i + n])):
                hit = table.get(seq)
                if hit is None:
                    continue
                last = toks[i + n - 1]
                # The phrase head outranks modifiers ("police headquarters" is not police).
                rank = 0 if last.dep_ not in {"compound", "amod", "poss", "pobj", "nmod"} else 1
                if best is None or rank < best[0]:
                    best = (rank, *hit)
    if best is None:
        return None, False
    return best[1], best[2]


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
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


@dataclass(frozen=True, slots=True)
class _Known:
    name: str
    country: str | None
    sector: str | None


class ActorResolver:
    """Resolves noun-phrase heads to `Actor` records within one document."""

    def __init__(self, doc: Doc, focus_country: str | None) -> None:
        self.doc = doc
        self.focus_country = focus_country
        self._people: dict[str, _Known] = {}
        self._orgs: dict[str, str] = {}  # acronym <-> long name, both ways
        self._history: list[tuple[int, Actor, bool]] = []  # (token index, actor, is a person)
        self._learn_people()

    # -- learning who people are -------------------------------------------------------------
    def _learn_people(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in {"PERSON", "ORG"}:
                continue
            name_tokens = [t for t in ent if t.pos_ == "PROPN" and _sector_table().get(t.lower_) is None]
            if len(name_tokens) < 2 or (ent.label_ == "ORG" and not self._is_person_like(ent)):
                continue
            country, sector = self._describe(ent)
            if sector is None:
                continue
            first = min(t.i for t in name_tokens)
            full = self.doc[first : max(t.i for t in name_tokens) + 1].text
            known = _Known(full, country, sector)
            self._people[full.lower()] = known
            self._people[name_tokens[-1].lower_] = known
        for ent in self.doc.ents:
            # "the Collective Security Treaty Organization (CSTO)" ties an acronym to its name
            nxt = ent.end
            if nxt + 2 < len(self.doc) and self.doc[nxt].text == "(" and self.doc[nxt + 2].text == ")":
                acro = self.doc[nxt + 1].text
                if acro.isupper() and len(acro) >= 2:
                    self._orgs[acro.lower()] = ent.text
                    self._orgs[ent.text.lower()] = acro

    @staticmethod
    def _is_person_like(ent: Span) -> bool:
        # The small model tags "Kazakh President Kassym-Jomart Tokayev" as ORG.
        return any(_sector_table().get(t.lower_, ("", False))[1] for t in ent)

    def _describe(self, ent: Span) -> tuple[str | None, str | None]:
        """Country and sector of a named person from the words around the name."""
        window: list[Token] = list(ent)
        head = ent.root
        for child in head.children:
            if child.dep_ in {"appos", "compound", "poss", "amod"} and child.i not in range(ent.start, ent.end):
                window.extend(child.subtree)
        if head.dep_ == "appos":
            window.extend(head.head.subtree)
        if head.dep_ in {"compound", "appos"} and head.head.pos_ in {"NOUN", "PROPN"}:
            window.extend(head.head.subtree)
        # "Kazakhstan's President Kassym-Jomart Tokayev": left context in the same phrase
        start = max(ent.sent.start, ent.start - 4)
        window.extend(self.doc[start : ent.start])
        sector, _ = _phrase_sector(window)
        country = None
        for tok in window:
            if (tok.pos_ in {"PROPN", "ADJ", "NOUN"} and tok.is_title) or tok.is_upper:
                country = country_code(tok.text)
                if country:
                    break
        return country, sector

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, head: Token) -> Actor | None:
        """The actor named by the phrase headed by `head` (None for words that name nobody)."""
        if head.lower_ in _PRONOUNS or head.tag_ in {"PRP", "WP"}:
            return self._resolve_pronoun(head)
        phrase = noun_phrase(head)
        tokens = list(phrase)
        sector, is_person = _phrase_sector(tokens)
        country = self._phrase_country(tokens)
        name = self._name(phrase)
        known = self._lookup_person(tokens)
        if known is not None:
            sector = sector or known.sector
            country = country or known.country
            name = known.name
            is_person = True
        org = self._org_sector(tokens)
        if org is not None and (sector is None or org == "IGO"):
            sector = org
        if country is None and head.ent_type_ in {"GPE"} and sector is None:
            country = country_code(phrase.text)
            sector = "GOV" if country else None  # a country acting is its government
        if sector is None and country is None and head.ent_type_ not in {"PERSON", "ORG", "NORP", "GPE"} \
                and head.pos_ != "PROPN":
            return None  # a common noun that names no role: not an actor

        if country is None and sector not in {None, "IGO", "NGO", "MED", "BUS"}:
            country = self.focus_country
        actor = Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char,
                      name=name, country=country, sector=sector)
        self._history.append((head.i, actor, is_person or head.ent_type_ == "PERSON"))
        return actor

    def as_crowd(self, head: Token) -> Actor:
        """A crowd named only by its size ("thousands marched") as demonstrators of the article's country."""
        phrase = noun_phrase(head)
        actor = Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char, name="demonstrators",
                      country=self._phrase_country(list(phrase)) or self.focus_country, sector="OPP")
        self._history.append((head.i, actor, False))
        return actor

    def _phrase_country(self, tokens: list[Token]) -> str | None:
        for tok in tokens:
            if not (tok.is_title or tok.is_upper) or tok.lower_ in _sector_table():
                continue
            if tok.ent_type_ in {"ORG"} and tok.ent_iob_ != "B" and tok.dep_ != "poss":
                continue
            # "Russian-led alliance": the leader's nationality is not the alliance's
            if tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "-" and tok.nbor(2).lower_ == "led":
                continue
            code = country_code(tok.text)
            if code:
                return code
        return None

    def _lookup_person(self, tokens: list[Token]) -> _Known | None:
        for tok in reversed(tokens):
            if tok.pos_ == "PROPN":
                hit = self._people.get(tok.lower_)
                if hit:
                    return hit
        return None

    def _org_sector(self, tokens: list[Token]) -> str | None:
        text = " ".join(t.text for t in tokens).lower()
        for key in (text, *(t.lower_ for t in tokens)):
            sector = _igo_sector(key)
            if sector:
                return sector
            alias = self._orgs.get(key)
            if alias and _igo_sector(alias.lower()):
                return _igo_sector(alias.lower())
        return None

    @staticmethod
    def _name(phrase: Span) -> str:
        ents = [e for e in phrase.ents if e.label_ in {"PERSON", "ORG", "NORP", "GPE"}]
        if ents:
            return max(ents, key=len).text
        words = [t for t in phrase if t.dep_ not in {"det", "poss", "case"} and not t.is_punct]
        return " ".join(t.text for t in words) or phrase.text

    def _resolve_pronoun(self, head: Token) -> Actor | None:
        # The speaker of the governing speech verb ("the president said he had appealed").
        anc = head.head
        while anc.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and anc.head.i != anc.i:
            anc = anc.head
            for child in anc.children:
                if child.dep_ == "nsubj" and child.lower_ not in _PRONOUNS:
                    found = self.resolve(child)
                    if found is not None:
                        return self._as_mention(found, head)
        want_person = head.lower_ in _PERSON_PRONOUNS
        for idx, actor, is_person in reversed(self._history):
            if idx >= head.i:
                continue
            if want_person == is_person:
                return self._as_mention(actor, head)
        return None

    @staticmethod
    def _as_mention(actor: Actor, head: Token) -> Actor:
        """The antecedent's identity with the pronoun's own span (spans point at this mention)."""
        return Actor(text=head.text, start=head.idx, end=head.idx + len(head.text), name=actor.name,
                     country=actor.country, sector=actor.sector)


@cache
def _igo_table() -> dict[str, str]:
    table: dict[str, str] = {}
    text = resources.files("eventwire.extract").joinpath("data/organisations.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, sector = line.split("\t")[:2]
            table[name.strip().lower()] = sector.strip()
    return table


def _igo_sector(key: str) -> str | None:
    key = key.removeprefix("the ").strip()
    return _igo_table().get(key)
