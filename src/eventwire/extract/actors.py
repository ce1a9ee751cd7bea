"""Actors: who a noun phrase is (country + sector), from titles, roles, demonyms and names.

`ActorResolver` is built once per document. It knows who the article's named people are (`_people`:
"Kazakhstan's president Kassym-Jomart Tokayev", "Nikol Pashinyan, Armenia's prime minister", "King
Hassan of Morocco") and what acronyms stand for ("the Islamic Salvation Front (FIS)"), so that later
mentions ("Tokayev", "the president", "FIS", "he") resolve to the same country and sector. The
dictionaries (roles, organisations, countries, capitals) and the phrase readers live in
`_actor_lex`; what a pronoun stands for is found here (its clause's subject, the speaker of a
governing speech verb, the noun a relative clause belongs to, else the nearest earlier mention that
agrees in person and number).

How a phrase is read: its role word gives the sector (the head outranks modifiers); a named
organisation gives its own sector and country; a country word that modifies the head directly
("Lebanon's president", "the Russian army") outranks one inside a prepositional phrase ("the
president of Armenia"); a country, capital or seat of government that is the whole phrase acts as
its government ("Pyongyang fired...": PRK GOV); a possessive pronoun lends its antecedent's country
("its troops"). Domestic actors named without a country ("the police") take the article's country.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Place
from ._actor_lex import (
    article_country,
    best_hit,
    find_countries,
    find_organisation,
    noun_phrase,
    role_of,
    sector_table,
)
from ._people import Known, learn_people
from .gazetteer import demonym_country

__all__ = ["ActorResolver", "explosive_cause", "noun_phrase", "sector_of_word"]

log = logging.getLogger(__name__)

_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "we", "i", "who",
             "us", "our", "my"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "my", "who"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_SPEAKER_PRONOUNS = {"we", "i", "us", "our", "my"}
_NAMED = {"PERSON", "ORG", "NORP", "GPE"}
# Sectors whose members need not belong to the article's country.
_NO_FOCUS = {None, "IGO", "NGO", "MED", "BUS", "IMG", "HRI", "MNC", "JRN"}
_GOVERNS = {"name", "capital", "seat"}  # a country, its capital or its seat acting is its government


def sector_of_word(word: str) -> str | None:
    """The CAMEO sector a role word names ('police' -> COP), or None."""
    hit = sector_table().get(word.lower())
    return hit[0] if hit else None


@dataclass(frozen=True, slots=True)
class _Mention:
    index: int  # token index of the phrase head
    actor: Actor
    person: bool
    plural: bool


class ActorResolver:
    """Resolves noun-phrase heads to `Actor` records within one document."""

    def __init__(self, doc: Doc, focus_country: str | None, places: Sequence[Place] = ()) -> None:
        self.doc = doc
        self._places: dict[int, tuple[int, str, str]] = {}
        for p in places:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and len(span) and p.country:
                self._places[span.start] = (span.end, p.country, p.precision or "")
        self.focus_country = article_country(doc, self._places, focus_country)
        self._people, self._roles = learn_people(doc, self._places)  # roles: (token index, person) in order
        self._aliases: dict[str, Known] = {}  # acronym -> what the text said it stands for
        self._history: list[_Mention] = []
        self._heads: list[int] | None = None
        self._mentions: dict[int, _Mention | None] = {}  # token index -> what it names, read on demand
        self._focus_filled: set[tuple[int, int]] = set()  # spans whose country is the article's
        self._learn_acronyms()

    def _learn_acronyms(self) -> None:
        """"the Collective Security Treaty Organization (CSTO)" ties an acronym to its name."""
        doc = self.doc
        for ent in doc.ents:
            nxt = ent.end
            if nxt + 2 < len(doc) and doc[nxt].text == "(" and doc[nxt + 2].text == ")":
                acro = doc[nxt + 1].text
                if acro.isupper() and len(acro) >= 2:
                    country, sector, _, _ = self._identity(ent.root, ent)
                    if country or sector:
                        self._aliases[acro.lower()] = Known(ent.text, country, sector)

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, head: Token, strict: bool = False) -> Actor | None:
        """The actor named by the phrase headed by `head` (None for words that name nobody).
        `strict`: only when the head itself names the actor ("the army", "Libya"), not when a
        modifier does ("military aid", "army trucks")."""
        if _is_pronoun(head):
            return self._resolve_pronoun(head)
        actor, person, direct = self._read(head)
        if actor is not None and strict and not direct:
            return None
        if actor is not None:
            self._history.append(_Mention(head.i, actor, person, _plural(head)))
        return actor

    def country_is_the_articles(self, actor: Actor) -> bool:
        """Whether the actor's country is only the article's, for want of its own."""
        return (actor.start, actor.end) in self._focus_filled

    def localise(self, actor: Actor | None, country: str | None) -> Actor | None:
        """An actor that took the article's country for want of its own takes instead the country of
        its event's place, when the event's own sentence names one."""
        if actor is None or country is None or (actor.start, actor.end) not in self._focus_filled:
            return actor
        return replace(actor, country=country)

    def as_crowd(self, head: Token) -> Actor:
        """A crowd named only by its size ("thousands marched") as demonstrators of the article's country."""
        phrase = noun_phrase(head)
        hit = best_hit(find_countries(list(phrase), self._places), head)
        actor = Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char, name="demonstrators",
                      country=hit.country if hit else self.focus_country, sector="OPP")
        self._history.append(_Mention(head.i, actor, False, True))
        return actor

    def _read(self, head: Token, depth: int = 0) -> tuple[Actor | None, bool, bool]:
        """(actor, is a person, the head itself names it) for a non-pronoun phrase head."""
        phrase = noun_phrase(head)
        country, sector, person, direct = self._identity(head, phrase, depth)
        name = self._name(phrase)
        known = self._lookup_person(list(phrase))
        if known is not None:
            sector = sector or known.sector
            country = country or known.country
            name, person, direct = known.name, True, True
        direct = direct or head.pos_ == "PROPN" or head.ent_type_ in _NAMED
        if sector is None and country is None and head.ent_type_ not in _NAMED and head.pos_ != "PROPN":
            return None, False, False  # a common noun that names no role: not an actor
        focused = country is None and sector not in _NO_FOCUS
        if focused:
            country = self.focus_country
        actor = Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char,
                      name=name, country=country, sector=sector)
        if focused and country is not None:
            self._focus_filled.add((actor.start, actor.end))
        return actor, person or head.ent_type_ == "PERSON", direct

    def _identity(self, head: Token, phrase: Span, depth: int = 0) -> tuple[str | None, str | None, bool, bool]:
        """(country, sector, is a person, the head itself names it) that the words of a phrase
        give, before any fallback."""
        tokens = list(phrase)
        role = role_of(tokens)
        if role is not None and role.weapon and not _doer_position(head):
            role = None  # "defused a bomb": the bomb did nothing
        if role is not None and role.place and _doer_position(head):
            role = None  # "the market fell": a place stands for its people only as a target
        sector, person = (role.sector, role.person) if role else (None, False)
        direct = role is not None and role.direct
        org = find_organisation(phrase)
        hits = find_countries(tokens, self._places)
        if org is not None and org.sector == "IGO":  # "Organization of American States" is no one's
            hits = [h for h in hits if not (org.start <= h.start < org.end)]
        hit = best_hit(hits, head)
        country = hit.country if hit else None
        if org is not None:
            sector, country = org.sector, country or org.country
            person = person and not (org.start <= head.i < org.end)
            direct = direct or org.start <= head.i < org.end
        elif head.pos_ == "PROPN" and head.lower_ in self._aliases:
            alias = self._aliases[head.lower_]
            sector, country = sector or alias.sector, country or alias.country
        if hit is not None and hit.start <= head.i < hit.end:
            direct = True
            if hit.kind in _GOVERNS:
                sector = sector or "GOV"  # "Ethiopia said", "Pyongyang fired": the government
            elif hit.kind == "place":
                sector = sector or "CVL"  # a town that suffers something: its people
        elif head.i > 0 and head.nbor(-1).lower_ == "ethnic" and demonym_country(head.text):
            sector = sector or "CVL"  # "ethnic Albanians": a people, coded where they live
        if country is None and depth < 2:
            country = self._possessor_country(head, depth)
        if country is None and role is not None and role.person:
            country = self._same_role_country(head, role.word)
        return country, sector, person, direct

    def _possessor_country(self, head: Token, depth: int) -> str | None:
        """"its troops", "their leaders": the country of what the possessive pronoun stands for."""
        for child in head.children:
            if child.dep_ == "poss" and _is_pronoun(child):
                ante = self._resolve_pronoun(child, depth + 1)
                return ante.country if ante else None
        return None

    def _same_role_country(self, head: Token, role: str) -> str | None:
        """"the president" after "Chile's president Sebastián Piñera": the country of that person."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        before = [k for i, k in self._roles if i < head.i and k.role == role and k.country]
        return before[-1].country if before else None

    def _lookup_person(self, tokens: list[Token]) -> Known | None:
        for tok in reversed(tokens):
            if tok.pos_ == "PROPN":
                hit = self._people.get(tok.lower_)
                if hit:
                    return hit
        return None

    @staticmethod
    def _name(phrase: Span) -> str:
        """The name the phrase gives: the named entity that holds its head ("Hamas"), else its words
        without determiners ("Ukrainian forces", not "Ukrainian")."""
        head = phrase.root
        if head.ent_type_ in _NAMED:  # the entity around the head, read off the IOB tags (Span.ents is slow)
            doc, start, end = phrase.doc, head.i, head.i + 1
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[start:end].text
        words = [t for t in phrase if t.dep_ not in {"det", "poss", "case"} and not t.is_punct]
        return " ".join(t.text for t in words) or phrase.text

    # -- pronouns ------------------------------------------------------------------------------
    def _resolve_pronoun(self, head: Token, depth: int = 0) -> Actor | None:
        if depth > 2:
            return None
        found = self._relative_head(head, depth) if head.lower_ in {"who", "whom", "whose", "which"} else None
        if found is None and head.dep_ in {"poss", "dobj", "pobj", "dative"}:
            found = self._clause_subject(head, depth)
        found = found or self._speaker(head, depth)
        if found is None and head.lower_ not in _SPEAKER_PRONOUNS:
            found = self._antecedent(head)
        return self._as_mention(found, head) if found is not None else None

    def _relative_head(self, head: Token, depth: int) -> Actor | None:
        """"the woman who shot...": the noun the relative clause belongs to, when it can be a person
        ("who") or a thing ("which")."""
        clause = head.head
        if clause.dep_ != "relcl" or clause.head.pos_ not in {"NOUN", "PROPN"}:
            return None
        found, person, _ = self._read(clause.head, depth + 1)
        if found is None or (head.lower_ in {"who", "whom"} and not (person or _plural(clause.head))):
            return None
        return found

    def _clause_subject(self, head: Token, depth: int) -> Actor | None:
        """"Syria withdrew its troops", "they continued their strike": the clause's own subject."""
        verb = head.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < head.i), None)
        if subj is None or not _agrees(head, subj):
            return None
        if _is_pronoun(subj):
            return self._resolve_pronoun(subj, depth + 1)
        return self._read(subj, depth + 1)[0]

    def _speaker(self, head: Token, depth: int) -> Actor | None:
        """The speaker of the governing speech verb ("the president said he had appealed")."""
        anc = head.head
        while anc.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and anc.head.i != anc.i:
            anc = anc.head
            for child in anc.children:
                if child.dep_ == "nsubj" and child.i != head.i:
                    if _is_pronoun(child):
                        return self._resolve_pronoun(child, depth + 1)
                    found = self._read(child, depth + 1)[0]
                    if found is not None:
                        return found
        return None

    def _antecedent(self, head: Token) -> Actor | None:
        """The nearest earlier mention that agrees with the pronoun (person, number): phrases are
        read backwards from the pronoun, each once per document, until one agrees."""
        want_person = head.lower_ in _PERSON_PRONOUNS
        want_plural = head.lower_ in _PLURAL_PRONOUNS

        def agrees(m: _Mention) -> bool:
            if want_person:
                return m.person and not m.plural
            if want_plural:
                return m.plural or not m.person
            return not (m.person or m.plural)

        history = [m for m in self._history if m.index < head.i and agrees(m)]
        best = max(history, key=lambda m: m.index) if history else None
        for i in reversed(self._mention_heads()):
            if i >= head.i:
                continue
            if best is not None and i <= best.index:
                break
            m = self._mention_at(i)
            if m is not None and agrees(m):
                best = m
                break
        return best.actor if best else None

    def _mention_heads(self) -> list[int]:
        """Token indices of the document's noun phrase and name heads, in text order (pronouns out)."""
        if self._heads is None:
            heads = {c.root.i for c in self.doc.noun_chunks} | {e.root.i for e in self.doc.ents
                                                                 if e.label_ in _NAMED}
            self._heads = sorted(i for i in heads if not (_is_pronoun(self.doc[i]) or self.doc[i].tag_ == "WDT"))
        return self._heads

    def _mention_at(self, i: int) -> _Mention | None:
        if i not in self._mentions:
            tok = self.doc[i]
            actor, person, _ = self._read(tok, depth=2)
            self._mentions[i] = (_Mention(i, actor, person, _plural(tok))
                                 if actor is not None and (actor.country or actor.sector) else None)
        return self._mentions[i]

    @staticmethod
    def _as_mention(actor: Actor, head: Token) -> Actor:
        """The antecedent's identity with the pronoun's own span (spans point at this mention)."""
        return Actor(text=head.text, start=head.idx, end=head.idx + len(head.text), name=actor.name,
                     country=actor.country, sector=actor.sector)


def _is_pronoun(tok: Token) -> bool:
    """"he", "its", "who" -- but not "US" or "WHO" in capitals."""
    if len(tok.text) > 1 and tok.text.isupper():
        return False
    return tok.lower_ in _PRONOUNS or tok.tag_ in {"PRP", "PRP$", "WP"}


def _doer_position(tok: Token) -> bool:
    """Subject, agent of a passive ("killed by a roadside bomb") or its cause ("killed in a blast")."""
    if tok.dep_ == "nsubj" or (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "in" and any(c.dep_ in {"nsubjpass", "auxpass"}
                                                                  for c in tok.head.head.children)


def explosive_cause(verb: Token) -> Token | None:
    """The explosive that did what a passive verb says when no one is named ("was killed in a car bomb
    explosion"): the head of that phrase, else None."""
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"in", "by"}:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                role = role_of(list(noun_phrase(pobj)))
                if role is not None and role.weapon:
                    return pobj
    return None


def _plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in tok.children)


def _agrees(pronoun: Token, noun: Token) -> bool:
    word = pronoun.lower_
    if word in _PLURAL_PRONOUNS:
        return _plural(noun) or noun.ent_type_ in {"ORG", "GPE", "NORP"}
    if word in {"it", "its"}:
        return not _plural(noun) and noun.ent_type_ != "PERSON"
    if word in _PERSON_PRONOUNS:
        return not _plural(noun)
    return True

