"""Finding toponyms for `places.py`: spans of an article that name places, with their candidates.

One left-to-right pass looks up the longest run of capitalised tokens (with "of", "and", "-", "'s"
inside) in the gazetteer's name index, and country demonyms ("Kazakh", "Russians"). A hit is *strong*
evidence of a place when spaCy labels it GPE (or LOC / FAC as a whole), when it is a demonym, a
country, a US state or county, a region, opens a dateline ("COLUMBUS, Ohio —", "JOHANNESBURG, June
16") or is a one-word PERSON that the words around place ("in Gainesville", "Alexandria police"). It
is *weak* when it sits in an ORG ("Gainesville Police Department"), is an untagged proper noun, or is
a PERSON only loosely placed ("to Alexandria"). Not places: words of the article's person names
("Ripley" after "John Ripley"), names after an honorific ("Mrs. Lincoln"), languages ("spoke
French"), saints' institutions ("St. Mary's Hospital"), weak hits that the article also writes in
lower case ("the agency"), and a list of common words. One sense per discourse: a name rejected in
one spot is kept when the article places it elsewhere. US state abbreviations count after "City,"
and when dotted ("Springfield, Ill.", "in D.C."); "Paris, Texas" sets a qualifier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import gazetteer as gz
from .gazetteer import GazetteerEntry

__all__ = ["Mention", "find_mentions", "within"]

log = logging.getLogger(__name__)

_MAX_TOKENS = 6
_CONNECT = {"of", "and", "de", "del", "la", "le", "du", "upon", "on", "-", "'s", "\u2019s", "the", "al",
            "el", "sur", "en", "y", "&"}  # fmt: skip
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_STRONG_KINDS = {"country", "admin1", "county", "region", "continent"}
_PLACE_PREPS = {"in", "at", "near", "from", "into", "outside", "inside", "across", "throughout", "toward",
                "towards", "around", "through", "via", "over", "within", "downtown"}  # fmt: skip
_WEAK_PREPS = {"to", "of", "between", "for"}
# "Alexandria police", "a Gainesville man": a town name before these is read as the town
_LOCAL_NOUNS = {"police", "man", "woman", "men", "women", "resident", "residents", "officials", "teen",
                "teenager", "boy", "girl", "couple", "mayor", "native", "firefighters", "family",
                "parents", "officers", "area", "neighborhood", "residents'", "homeowners"}  # fmt: skip
# words that name places somewhere but are far more often something else
_NOT_PLACES = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "god", "jesus", "christ", "mr", "mrs", "ms", "dr", "police", "city",
               "county", "state", "university", "college", "center", "centre", "north", "south", "east",
               "west", "central", "northern", "southern", "eastern", "western", "union", "court",
               "council", "street", "church", "hall", "bank", "home", "market", "airport", "energy",
               "commerce", "justice", "federal", "human", "force", "congress", "officer", "leader",
               "chamber", "metro", "research", "law", "vice", "village", "valley", "ridge", "bridge",
               "area", "green", "red", "grand", "king", "eagle", "man", "superior", "continental",
               "white house", "hope", "liberty", "independence", "friendship", "opportunity",
               "industry", "temple", "mobile", "reading", "national", "international", "general",
               "capital", "republic", "kingdom", "arab", "gulf", "lake", "river", "island", "park",
               "mount", "fort", "port", "bay", "beach", "springs", "heights", "harbor", "canal",
               "new", "old", "upper", "lower", "middle", "greater", "saint", "san", "santa", "olympic",
               "olympics", "santa claus", "empire", "titan", "region", "coast", "delta", "common",
               "forest", "post", "tour", "comfort", "homeland", "mon", "tue", "tues", "wed",
               "thu", "thur", "thurs", "fri", "sat", "jan", "feb", "mar", "apr", "jun", "jul",
               "aug", "sep", "sept", "oct", "nov", "dec", "creek", "hill", "hills", "mountain",
               "mountains", "falls", "point", "rock", "woods", "grove", "lakes", "garden", "gardens",
               "square", "plaza", "station", "junction", "crossing", "landing", "mill", "mills",
               "camp"}  # fmt: skip
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor",
               "president", "gen", "lt", "sgt", "capt", "col", "officer", "judge", "coach", "mayor",
               "rev", "father", "sister", "brother", "st", "saint", "prof", "professor", "deputy",
               "detective", "sheriff"}  # fmt: skip
_INSTITUTIONS = {"hospital", "church", "school", "college", "university", "cathedral", "academy",
                 "catholic", "medical", "parish", "episcopal", "day", "home", "regional", "health",
                 "high", "elementary"}  # fmt: skip
_LANGUAGE_VERBS = {"speak", "learn", "teach", "translate", "study", "understand", "write", "read"}
_LANGUAGE_NOUNS = {"language", "languages", "class", "classes", "teacher", "teachers", "students",
                   "course", "lessons", "speaker", "speakers", "translation", "immersion", "club",
                   "fries", "toast"}  # fmt: skip
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec"}  # fmt: skip
_DIVISION_WORDS = {"province", "state", "region", "governorate", "oblast", "prefecture", "department",
                   "emirate", "krai", "canton"}  # fmt: skip
_CAPS_NAMES = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "EU", "E.U.", "DRC"}


@dataclass
class Mention:
    start: int  # char offsets
    end: int
    tok_start: int
    tok_end: int
    key: str
    entries: list[GazetteerEntry]
    strong: bool
    qualifier: str | None = None  # admin1 code ("US.TX") or ISO3 named right after: "Paris, Texas"
    kind: str | None = None  # the kind the text names: "the city of Basra", "Helmand province"


def _namelike(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def _lookup(text: str) -> tuple[str, list[GazetteerEntry], bool]:
    """(key, candidates, is_demonym) for a piece of text; no candidates when it names no place."""
    code = gz.demonym_country(text)
    if code is not None:
        name = gz.country_name(code) or ""
        return f"={code}", [e for e in gz.candidates(name) if e.kind == "country"], True  # its own key
    key = gz.name_key(text)
    if (len(key) < 3 and text not in _CAPS_NAMES) or key in _NOT_PLACES:
        return key, [], False
    return key, gz.candidates(text), False


def find_mentions(doc: Doc) -> list[Mention]:
    """The toponyms of `doc`, each with its gazetteer candidates and the strength of the evidence."""
    mentions: list[Mention] = []
    rejected: list[Mention] = []  # hits that the text alone did not make places
    ents = _Entities(doc)
    text = doc.text  # built anew on each access
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if (
            not _namelike(tok)
            or tok.lower_ == "the"
            or _joined(doc, i)
            or (tok.text.endswith(".") and gz.state_code(tok.text))
        ):
            i += 1
            continue
        found = None
        for j in range(min(n, i + _MAX_TOKENS), i, -1):  # longest first
            last = doc[j - 1]
            if j - 1 > i and not (_namelike(last) or last.text in {"'s", "\u2019s"}):
                continue
            if any(not (_namelike(t) or t.lower_ in _CONNECT) for t in doc[i + 1 : j - 1]):
                continue
            key, entries, demonym = _lookup(text[tok.idx : last.idx + len(last.text)])
            if entries and last.text in {"'s", "\u2019s"}:  # "St. John's" is a name, "Jordan's" is not
                entries = [e for e in entries if not demonym and ("'" in e.name or "\u2019" in e.name)]
            if entries:
                found = (j, key, entries, demonym)
                break
        if found is None:
            i += 1
            continue
        j, key, entries, demonym = found
        if j - i > 1 and doc[j - 1].lower_ == "city":  # "Dublin City Council": Dublin, or Dublin City
            short, more, _ = _lookup(text[tok.idx : doc[j - 2].idx + len(doc[j - 2].text)])
            entries = entries + [e for e in more if e not in entries and gz.name_key(e.name) == short]
        evidence = _evidence(doc, i, j, entries, demonym, ents)
        if evidence is False and j - i == 1 and tok.lower_ in ents.common:
            evidence = None
        end = doc[j - 1]
        mention = Mention(tok.idx, end.idx + len(end.text), i, j, key, entries, bool(evidence), None,
                          _kind_named(doc, i, j))  # fmt: skip
        if evidence is not None:
            mentions.append(mention)
        elif ents.label.get(i) not in {"LANGUAGE", "PERSON_NAME"} and tok.lower_ not in ents.persons:
            rejected.append(mention)
        i = j
    # one sense per discourse: "Gainesville police" (tagged PERSON) once Gainesville is a place here
    placed = {m.key for m in mentions if m.strong}
    mentions += [m for m in rejected if m.key in placed]
    mentions.sort(key=lambda m: m.start)
    _add_state_abbreviations(doc, mentions)
    _set_qualifiers(doc, mentions)
    return mentions


def _qualified(doc: Doc, j: int) -> bool:
    """Whether ', <US state or country>' follows: 'Greer, South Carolina', 'Paris, Texas'."""
    if j + 1 >= len(doc) or doc[j].text != ",":
        return False
    for n in (2, 1):
        words = doc[j + 1 : j + 1 + n]
        if (len(words) == n and all(_namelike(t) for t in words)
                and (gz.state_code(words.text) or gz.country_code(words.text))):  # fmt: skip
            return True
    return False


def _kind_named(doc: Doc, i: int, j: int) -> str | None:
    """'the city of Basra', 'Basra city' -> city; 'Helmand province', 'the state of Ohio' -> admin1."""
    before = " ".join(t.lower_ for t in doc[max(0, i - 2) : i])
    after = doc[j].lower_ if j < len(doc) else ""
    if before in {"city of", "town of", "village of", "capital of"} or after in {"city", "town", "village"}:
        return "city"
    if before in {"state of", "province of", "region of"} or after in _DIVISION_WORDS:
        return "admin1"
    return None


def _joined(doc: Doc, i: int) -> bool:
    """'Mart' in 'Wal-Mart': the second half of a hyphenated word is not a name of its own."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_


class _Entities:
    """spaCy's entities, read once: the span around each token, and the words of person names."""

    def __init__(self, doc: Doc) -> None:
        self.span: dict[int, tuple[int, int]] = {}
        self.label: dict[int, str] = {}  # PERSON_NAME: a token of a person's name of several words
        self.persons: set[str] = set()  # "ripley" once "John Ripley" was named
        for ent in doc.ents:
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            label = "PERSON_NAME" if ent.label_ == "PERSON" and len(ent) > 1 else ent.label_
            for k in range(ent.start, ent.end):
                self.span[k] = (start, ent.end)
                self.label[k] = label
            if ent.label_ == "PERSON" and len(ent) > 1:
                self.persons.update(t.lower_ for t in ent if t.is_alpha and t.is_title)
        # words that the article also writes in lower case are words first: "the agency" -> "Agency"
        self.common = {t.text for t in doc if t.is_lower and t.is_alpha}

    def whole(self, i: int, j: int) -> bool:
        """Whether tokens i..j are exactly one entity (less a leading "the")."""
        return self.span.get(i) == (i, j)


def _evidence(doc: Doc, i: int, j: int, entries: list[GazetteerEntry], demonym: bool,
              ents: _Entities) -> bool | None:  # fmt: skip
    """True: strong evidence of a place, False: weak, None: not a place."""
    span = doc[i:j]
    label = span[0].ent_type_
    strong_kind = demonym or any(e.kind in _STRONG_KINDS for e in entries)
    national = demonym or any(e.kind == "country" or (e.admin1_code or "").startswith("US.") for e in entries
                              if e.kind != "city")  # fmt: skip
    if j - i == 1 and span[0].lower_ in ents.persons and not national and not _qualified(doc, j):
        return None
    if label == "LANGUAGE" or (i > 0 and doc[i - 1].lower_.rstrip(".") in _HONORIFICS):  # "Mrs. Lincoln"
        return None
    if demonym and _language(doc, i, j):  # "spoke French", "French students"
        return None
    if gz.name_key(span.text).startswith("saint ") and j < len(doc) and doc[j].lower_ in _INSTITUTIONS:
        return None  # "St. Mary's Hospital"
    if all(t.is_upper for t in span if t.is_alpha):
        if len(span.text) > 2 and _in_dateline(doc, i):
            return True
        shouting = any(0 <= k < len(doc) and doc[k].is_upper and doc[k].is_alpha and len(doc[k]) > 1
                       for k in (i - 1, j))  # fmt: skip  # "POLICE TELL US TO STAY HOME"
        if label != "GPE" and (
            shouting or (len(span.text) > 2 and not (strong_kind and span.text in _CAPS_NAMES))
        ):
            return None
    if label in _PLACE_LABELS:
        if label == "GPE" or ents.whole(i, j):
            return True
        return True if strong_kind else None
    if label == "PERSON":
        if not ents.whole(i, j):
            return None
        context = _place_context(doc, i, j)
        return True if context == 2 else (False if context or strong_kind else None)
    if label == "NORP":
        return bool(demonym or strong_kind)  # weak unless a demonym: "Greer, South Carolina"
    if label == "ORG":  # "Gainesville police" is often tagged as one organisation
        return strong_kind or (ents.whole(i, j) and _place_context(doc, i, j) == 2)
    if label:
        return True if strong_kind else None
    if all(t.pos_ == "PROPN" for t in span if _namelike(t)):
        return strong_kind
    return True if demonym else None


def _language(doc: Doc, i: int, j: int) -> bool:
    head = doc[i].head
    following = doc[j].lower_ if j < len(doc) else ""
    return head.lemma_ in _LANGUAGE_VERBS or following in _LANGUAGE_NOUNS


def _place_context(doc: Doc, i: int, j: int) -> int:
    """2: the words around say "a place" ("in Gainesville", "Alexandria police"); 1: they may; 0: no."""
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[j] if j < len(doc) else None
    possessive = after is not None and after.lower_ in {"'s", "\u2019s"}  # "at Obama's town hall"
    if (before in _PLACE_PREPS and not possessive) or (
        after is not None and after.lower_ in _LOCAL_NOUNS and after.is_lower
    ):
        return 2
    return 1 if before in _WEAK_PREPS or (after is not None and after.text == ",") else 0


def _in_dateline(doc: Doc, i: int) -> bool:
    """ALL-CAPS words that open a report: 'COLUMBUS, Ohio —', 'BEIRUT (AP) -', '... JOHANNESBURG, June 16'."""
    k = i
    while k > 0 and doc[k - 1].is_upper and doc[k - 1].is_alpha:
        k -= 1
    m = i
    while m < len(doc) and (doc[m].is_upper or doc[m].text in {".", "'S", "-"}):
        m += 1
    if m >= len(doc):
        return False
    after = doc[m].text
    following = doc[m + 1] if m + 1 < len(doc) else None
    if following is not None and (
        (after == "," and following.lower_.rstrip(".") in _MONTHS)
        or (after == "(" and following.text.upper() in {"AP", "REUTERS", "AFP", "UPI", "CNN", "DPA"})
    ):
        return True  # a dateline even in the middle of a line
    opens = k == 0 or doc[k].is_sent_start or doc[k - 1].is_space or doc[k - 1].text in {".", '"'}
    return opens and after in {",", "-", "\u2014", "\u2013", "--", "(", ":"}


def _add_state_abbreviations(doc: Doc, mentions: list[Mention]) -> None:
    """'Springfield, Ill.', 'CHARLESTON, W.Va. —', 'in D.C.': the abbreviation is a toponym too."""
    taken = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    ends = {m.tok_end: m for m in mentions}
    for tok in doc:
        text = tok.text
        if tok.i in taken or not text[:1].isupper() or ("." not in text and not tok.is_upper):
            continue
        code = gz.state_code(text)
        if code is None:
            continue
        after_place = (
            tok.i >= 2
            and doc[tok.i - 1].text == ","
            and (tok.i - 1 in ends or doc[tok.i - 2].is_upper or doc[tok.i - 2].ent_type_ in _PLACE_LABELS)
        )
        dotted = text.count(".") >= 2 and len(text) > 3  # "W.Va.", "D.C.", "N.J."
        if not (after_place or dotted):
            continue
        state = gz.candidates(gz.state_name(code) or "")
        state = [e for e in state if e.kind == "admin1" and e.admin1_code == f"US.{code}"]
        if state:
            end = tok.idx + len(text)
            if (
                not text.endswith(".")
                and tok.i + 1 < len(doc)
                and doc[tok.i + 1].text == "."
                and not tok.whitespace_
            ):
                end += 1  # "W.Va" + "." at the end of a sentence
            mentions.append(Mention(tok.idx, end, tok.i, tok.i + 1, gz.name_key(state[0].name), state, True))
    mentions.sort(key=lambda m: m.start)


def _set_qualifiers(doc: Doc, mentions: list[Mention]) -> None:
    """'Paris, Texas': a place followed by ', <division or country>' is read inside it."""
    by_start = {m.tok_start: m for m in mentions}
    for m in mentions:
        if m.tok_end + 1 >= len(doc) or doc[m.tok_end].text != ",":
            continue
        nxt = by_start.get(m.tok_end + 1)
        if nxt is None:
            continue
        for e in nxt.entries:
            if e.kind not in {"admin1", "country"}:
                continue
            code = e.admin1_code if e.kind == "admin1" else e.country
            if any(within(c, code) for c in m.entries):
                m.qualifier = code
                m.strong = True
                break


def within(entry: GazetteerEntry, code: str | None) -> bool:
    """Whether a town or county lies in a division ("US.TX") or country ("FRA")."""
    if code is None or entry.kind in {"country", "admin1"}:
        return False
    return entry.admin1_code == code if "." in code else entry.country == code
