"""Toponyms of an article, resolved to the gazetteer: `find_places(doc) -> list[Place]`.

Finding. One left-to-right pass looks up the longest run of capitalised tokens (with "of", "and",
"-", "'s" inside) in the gazetteer's name index, and country demonyms ("Kazakh", "Russians"). A hit
is *strong* evidence of a place when spaCy labels it GPE / LOC / FAC, when it is a demonym, a country,
a US state or county, a region, or opens a dateline ("COLUMBUS, Ohio —"); it is *weak* when it sits in
an ORG ("Gainesville Police Department"), is an untagged proper noun, or a one-word PERSON that the
text puts somewhere ("in Gainesville"). Words that the article uses as a person's name ("Ripley" after
"John Ripley") are not places. US state abbreviations count after "City," ("Springfield, Ill.").

Resolving (`_resolve`). Each distinct name gets one reading per article (document consistency). An
explicit qualifier ("Paris, Texas", "Springfield, Ill.", "London, Ontario") restricts its candidates.
Candidates start from a prior (population, kind, primary name rather than alternate) and are
re-scored a few times against the rest of the article: readings inside the divisions and countries
that the other names point to, or near the other names' likely readings, gain. A weak mention is
kept only when its reading is a large place or is supported that way by the rest of the article.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Place
from . import gazetteer as gz
from .gazetteer import GazetteerEntry

__all__ = ["find_places"]

log = logging.getLogger(__name__)

_MAX_TOKENS = 6
_CONNECT = {"of", "and", "de", "del", "la", "le", "du", "upon", "on", "-", "'s", "\u2019s", "the", "al",
            "el", "sur", "en", "y", "&"}  # fmt: skip
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_STRONG_KINDS = {"country", "admin1", "county", "region", "continent"}
_PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "across", "throughout", "toward",
                "towards", "around", "through", "between", "via", "of"}  # fmt: skip
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
               "new", "old", "upper", "lower", "middle", "greater", "saint", "san", "santa"}  # fmt: skip
_CAPS_NAMES = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "EU", "E.U.", "DRC"}
_PRECISION = {"city": "city", "county": "admin1", "admin1": "admin1", "country": "country"}
_KIND_PRIOR = {"country": 3.0, "admin1": 1.5, "county": 1.5, "region": 6.0, "continent": 2.0, "city": 0.0}
_ALT_PENALTY = 1.5
_WEAK_MIN_POPULATION = 500_000  # a weak mention stands alone only for a large place
_WEAK_MIN_SUPPORT = 1.0  # ... or when the article's other places are in its division or near it
_TOP_K = 30
_WEAK_WEIGHT = 0.25  # how much a weak mention counts as context for the others
_ROUNDS = 3


@dataclass
class _Mention:
    start: int  # char offsets
    end: int
    tok_start: int
    tok_end: int
    key: str
    entries: list[GazetteerEntry]
    strong: bool
    qualifier: str | None = None  # admin1 code ("US.TX") or ISO3 named right after: "Paris, Texas"


def find_places(doc: Doc) -> list[Place]:
    """Every toponym of the article with its resolved coordinates, country, admin1 and precision."""
    mentions = _find_mentions(doc)
    if not mentions:
        return []
    chosen = _resolve(mentions)
    places = []
    for m in mentions:
        entry = chosen.get(m.key)
        if entry is None:
            continue
        places.append(Place(
            text=doc.text[m.start:m.end], start=m.start, end=m.end, name=entry.name, country=entry.country,
            admin1=entry.admin1, lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid,
            precision=_PRECISION.get(entry.kind), population=entry.population,  # type: ignore[arg-type]
        ))  # fmt: skip
    return places


# ---------------------------------------------------------------------------------------- finding
def _namelike(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def _lookup(text: str) -> tuple[str, list[GazetteerEntry], bool]:
    """(key, candidates, is_demonym) for a piece of text; no candidates when it names no place."""
    code = gz.demonym_country(text)
    if code is not None:
        name = gz.country_name(code) or ""
        return gz.name_key(name), [e for e in gz.candidates(name) if e.kind == "country"], True
    key = gz.name_key(text)
    if (len(key) < 3 and text not in _CAPS_NAMES) or key in _NOT_PLACES:
        return key, [], False
    return key, gz.candidates(text), False


def _find_mentions(doc: Doc) -> list[_Mention]:
    mentions: list[_Mention] = []
    persons = _person_words(doc)
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
            key, entries, demonym = _lookup(doc.text[tok.idx : last.idx + len(last.text)])
            if entries and last.text in {"'s", "\u2019s"} and demonym:  # "Kazakhstan's" is Kazakhstan
                continue
            if entries:
                found = (j, key, entries, demonym)
                break
        if found is None:
            i += 1
            continue
        j, key, entries, demonym = found
        if j - i > 1 and doc[j - 1].lower_ == "city":  # "Dublin City Council": Dublin, or Dublin City
            short, more, _ = _lookup(doc.text[tok.idx : doc[j - 2].idx + len(doc[j - 2].text)])
            entries = entries + [e for e in more if e not in entries and gz.name_key(e.name) == short]
        evidence = _evidence(doc, i, j, entries, demonym, persons)
        if evidence is not None:
            end = doc[j - 1]
            mentions.append(_Mention(tok.idx, end.idx + len(end.text), i, j, key, entries, evidence))
        i = j
    _add_state_abbreviations(doc, mentions)
    _set_qualifiers(doc, mentions)
    return mentions


def _joined(doc: Doc, i: int) -> bool:
    """'Mart' in 'Wal-Mart': the second half of a hyphenated word is not a name of its own."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_


def _person_words(doc: Doc) -> set[str]:
    """Words of the article's multi-word person names: 'Ripley' once 'John Ripley' was named."""
    words = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent.root.ent_type_ == "PERSON":
            words.update(t.lower_ for t in ent if t.is_alpha and t.is_title)
    return words


def _evidence(doc: Doc, i: int, j: int, entries: list[GazetteerEntry], demonym: bool,
              persons: set[str]) -> bool | None:  # fmt: skip
    """True: strong evidence of a place, False: weak, None: not a place."""
    span = doc[i:j]
    label = span[0].ent_type_
    strong_kind = demonym or any(e.kind in _STRONG_KINDS for e in entries)
    if j - i == 1 and span[0].lower_ in persons and not strong_kind:
        return None
    if label == "LANGUAGE":
        return None
    if all(t.is_upper for t in span if t.is_alpha) and len(span.text) > 2:
        if _in_dateline(doc, i):
            return True
        if label != "GPE" and not (strong_kind and span.text in _CAPS_NAMES):
            return None
    if label in _PLACE_LABELS:
        if label == "GPE" or _whole_entity(doc, i, j):
            return True
        return True if strong_kind else None
    if label == "PERSON":
        if not _whole_entity(doc, i, j):
            return None
        return False if _place_context(doc, i, j) or strong_kind else None
    if label == "NORP":
        return True if demonym or strong_kind else None
    if label == "ORG":
        return strong_kind
    if label:
        return True if strong_kind else None
    if all(t.pos_ == "PROPN" for t in span if _namelike(t)):
        return strong_kind
    return True if demonym else None


def _whole_entity(doc: Doc, i: int, j: int) -> bool:
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    if ent is None:
        return False
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    return start == i and ent.end == j


def _place_context(doc: Doc, i: int, j: int) -> bool:
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[j].text if j < len(doc) else ""
    return before in _PLACE_PREPS or after == ","


def _in_dateline(doc: Doc, i: int) -> bool:
    """ALL-CAPS words opening a line or sentence, then a comma or dash: 'COLUMBUS, Ohio —'."""
    k = i
    while k > 0 and doc[k - 1].is_upper and doc[k - 1].is_alpha:
        k -= 1
    if not (k == 0 or doc[k].is_sent_start or doc[k - 1].is_space or doc[k - 1].text in {".", '"'}):
        return False
    m = i
    while m < len(doc) and (doc[m].is_upper or doc[m].text in {".", "'S", "-"}):
        m += 1
    return m < len(doc) and doc[m].text in {",", "-", "\u2014", "\u2013", "--", "(", ":"}


def _add_state_abbreviations(doc: Doc, mentions: list[_Mention]) -> None:
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
            mentions.append(_Mention(tok.idx, end, tok.i, tok.i + 1, gz.name_key(state[0].name), state, True))
    mentions.sort(key=lambda m: m.start)


def _set_qualifiers(doc: Doc, mentions: list[_Mention]) -> None:
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
            if any(_within(c, code) for c in m.entries):
                m.qualifier = code
                m.strong = True
                break


def _within(entry: GazetteerEntry, code: str | None) -> bool:
    if code is None or entry.kind in {"country", "admin1"}:
        return False
    return entry.admin1_code == code if "." in code else entry.country == code


# -------------------------------------------------------------------------------------- resolving
def _resolve(mentions: list[_Mention]) -> dict[str, GazetteerEntry]:
    """One reading per distinct name, chosen with the rest of the article as context."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    cands: dict[str, list[GazetteerEntry]] = {}
    prior: dict[str, list[float]] = {}
    for key, ms in groups.items():
        entries = ms[0].entries[:_TOP_K]
        quals = {m.qualifier for m in ms if m.qualifier}
        if quals:
            entries = [e for e in ms[0].entries if any(_within(e, q) for q in quals)] or entries
        cands[key] = entries
        prior[key] = [_prior(key, e) for e in entries]
    strong = {k for k, ms in groups.items() if any(m.strong for m in ms)}
    weight = {k: 1.0 if k in strong else _WEAK_WEIGHT for k in cands}
    probs = {k: _softmax(v) for k, v in prior.items()}
    support: dict[str, list[float]] = {}
    for _ in range(_ROUNDS):
        countries, admins, points = _context(cands, probs, weight)
        new = {}
        for key, entries in cands.items():
            scores = []
            sup = []
            for e, p0 in zip(entries, prior[key], strict=True):
                local = 3.0 * _support(admins, key, e.admin1_code if e.kind != "country" else None)
                local += 2.0 * _near(points, key, e)
                sup.append(local)
                scores.append(p0 + local + 2.0 * _support(countries, key, e.country))
            new[key] = _softmax(scores)
            support[key] = sup
        probs = new
    chosen = {}
    for key, p in probs.items():
        best = max(range(len(p)), key=p.__getitem__)
        entry = cands[key][best]
        if entry.kind == "admin1":  # "New York", "Almaty", "Moscow": the division's own big city
            city = next(
                (
                    i
                    for i, e in enumerate(cands[key])
                    if e.kind == "city"
                    and e.admin1_code == entry.admin1_code
                    and e.population >= 0.3 * entry.population
                ),
                None,
            )
            if city is not None:
                best, entry = city, cands[key][city]
        primary = gz.name_key(entry.name) == key
        if (
            key in strong
            or support[key][best] >= _WEAK_MIN_SUPPORT
            or (primary and entry.population >= _WEAK_MIN_POPULATION)
        ):
            chosen[key] = entry
    return chosen


def _prior(key: str, e: GazetteerEntry) -> float:
    score = math.log10(e.population + 10) + _KIND_PRIOR.get(e.kind, 0.0)
    if e.kind != "country" and gz.name_key(e.name) != key:
        score -= _ALT_PENALTY
    return score


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    ex = [math.exp(2.0 * (x - top)) for x in xs]
    total = sum(ex)
    return [x / total for x in ex]


_Ctx = dict[str, dict[str, float]]
_Points = dict[str, list[tuple[float, float, float]]]


def _context(
    cands: dict[str, list[GazetteerEntry]], probs: dict[str, list[float]], weight: dict[str, float]
) -> tuple[_Ctx, _Ctx, _Points]:
    """Per name: how strongly it points at each country and division, and its likely points."""
    countries: _Ctx = {}
    admins: _Ctx = {}
    points: _Points = {}
    for key, entries in cands.items():
        c: dict[str, float] = {}
        a: dict[str, float] = {}
        pts = []
        w = weight[key]
        for e, p0 in zip(entries, probs[key], strict=True):
            p = p0 * w
            if e.country:
                c[e.country] = c.get(e.country, 0.0) + p
            if e.admin1_code and e.kind != "country":
                a[e.admin1_code] = a.get(e.admin1_code, 0.0) + p
            if p0 > 0.05 and e.kind in {"city", "county"}:
                pts.append((e.lat, e.lon, p))
        countries[key], admins[key], points[key] = c, a, pts
    return countries, admins, points


def _support(ctx: _Ctx, key: str, code: str | None) -> float:
    if code is None:
        return 0.0
    return min(1.0, sum(d.get(code, 0.0) for k, d in ctx.items() if k != key))


def _near(points: _Points, key: str, e: GazetteerEntry) -> float:
    if e.kind not in {"city", "county"}:
        return 0.0
    total = 0.0
    for k, pts in points.items():
        if k == key:
            continue
        best = 0.0
        for lat, lon, p in pts:
            d = _km(e.lat, e.lon, lat, lon)
            if d < 150:
                best = max(best, p * (1.0 - d / 150))
        total += best
    return min(1.0, total)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)
