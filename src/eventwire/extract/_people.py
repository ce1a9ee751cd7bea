"""Who the named people of an article are, from the way news introduces them (used by `actors`).

"Kazakhstan's president Kassym-Jomart Tokayev", "Nikol Pashinyan, Armenia's prime minister", "King
Hassan of Morocco", "Former Brazilian president Lula da Silva": the title gives the role (and so
the sector), the country word next to it the country. Each person is then known by the full name,
the surname and, when no one else in the article shares it, the given name ("Lula").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ._actor_lex import Role, best_hit, find_countries, find_organisation, role_of, sector_table
from .gazetteer import demonym_country

__all__ = ["Known", "learn_people"]

_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "abd", "van", "von", "der", "den", "del", "della", "de", "da",
                   "dos", "du", "la", "le", "mac", "mc", "sheikh", "sir", "dr", "mr", "mrs", "ms"}


@dataclass(frozen=True, slots=True)
class Known:
    """What the text said someone or something is."""

    name: str
    country: str | None
    sector: str | None
    role: str | None = None  # the role word the text gave ("president")


def learn_people(doc: Doc, places: Mapping[int, tuple[int, str, str]]
                 ) -> tuple[dict[str, Known], list[tuple[int, Known]]]:
    """(name key -> person, [(token index, person)] in text order) for the people the article
    introduces with a title. `places` as for `find_countries`."""
    table = sector_table()
    people: dict[str, Known] = {}
    order: list[tuple[int, Known]] = []
    given_names: dict[str, Known | None] = {}  # a given name shared by two people names neither
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG"}:
            continue
        name_tokens = [t for t in ent if t.pos_ == "PROPN" and t.lower_ not in table
                       and demonym_country(t.text) is None]
        if not name_tokens or (len(name_tokens) < 2 and ent.label_ != "PERSON"):
            continue
        if ent.label_ == "ORG" and not _is_person_like(ent):
            continue
        country, role = _describe(ent, places)
        if role is None:
            continue
        first = min(t.i for t in name_tokens)
        full = doc[first : max(t.i for t in name_tokens) + 1].text
        known = Known(full, country, role.sector, role.word)
        people[full.lower()] = known
        people[name_tokens[-1].lower_] = known
        given = name_tokens[0].lower_
        if len(name_tokens) > 1 and len(given) > 2 and given not in _NAME_PARTICLES:
            given_names[given] = known if given_names.get(given, known) == known else None
        order.append((ent.start, known))
    for given, person in given_names.items():
        if person is not None:
            people.setdefault(given, person)  # "Lula" after "Lula da Silva"
    return people, order


def _is_person_like(ent: Span) -> bool:
    """The small model tags "Kazakh President Kassym-Jomart Tokayev", or its name part, as ORG:
    a person's title inside the entity or just before it, and no organisation's name."""
    table = sector_table()
    before = [ent.doc[ent.start - 1]] if ent.start > 0 else []
    return find_organisation(ent) is None and any(table.get(t.lower_, ("", False))[1] for t in [*before, *ent])


def _describe(ent: Span, places: Mapping[int, tuple[int, str, str]]) -> tuple[str | None, Role | None]:
    """Country and role of a named person from the words around the name."""
    window: dict[int, Token] = {t.i: t for t in ent}
    head = ent.root
    for child in head.children:
        if child.i in window:
            continue
        if child.dep_ in {"appos", "compound", "poss", "amod"} or (child.dep_ == "prep" and child.lower_ == "of"):
            window.update((t.i, t) for t in child.subtree)
    if head.dep_ == "appos" or (head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"}):
        window.update((t.i, t) for t in head.head.subtree if t.dep_ not in {"relcl", "acl"})
    # "Kazakhstan's President Kassym-Jomart Tokayev": left context in the same phrase
    start = max(ent.sent.start, ent.start - 4)
    window.update((t.i, t) for t in ent.doc[start : ent.start])
    tokens = [window[i] for i in sorted(window)]
    hit = best_hit(find_countries(tokens, places), head)
    return (hit.country if hit else None), role_of(tokens)
