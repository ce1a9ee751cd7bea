"""Loaded labels: words that take a side ("terrorists", "bandits", "the regime", "martyrs").

`find_labels(doc, quotes, outlet) -> list[Label]`. The words and why each is on the list are in
`data/loaded_labels.tsv`; words that wire services use as neutral description (militant,
insurgent, rebel, gunman, protester) are left out on purpose. A word is matched by its lemma and
only in the role that makes it a label (see the file's header): "terrorist gangs" is one, a
"terrorist attack" is not; "the Assad regime" is one, "a sanctions regime" is not.

`used_by` says whose word it is: the speaker of the innermost quote whose content holds it (a
pronoun speaker resolved to the name it stands for, see `quotes.resolve_speakers`); inside quotation
marks that no attribution claims (scare quotes, an unattributed quotation) it is
"unattributed quotation", since the writer is citing someone else's word, not using it; otherwise
the outlet, or "author" when the outlet is unknown.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import Label, Quote, Source
from ._quote_marks import quote_regions
from ._speakers import resolve_speakers

__all__ = ["UNATTRIBUTED", "LabelTerm", "find_labels", "label_lexicon"]

log = logging.getLogger(__name__)

_GROUP_NOUNS = frozenset({
    "gang", "group", "cell", "organization", "organisation", "network", "militia", "element", "fighter",
    "movement", "outfit", "faction", "band", "force", "camp", "leader", "commander",
})
_STATE_MODIFIER_ENTS = frozenset({"GPE", "NORP", "PERSON", "ORG"})
_TOKEN = re.compile(r"\w+|[^\w\s]")
_NO_SOURCE = Source("", 0, 0, "unnamed")
UNATTRIBUTED = "unattributed quotation"


@dataclass(frozen=True, slots=True)
class LabelTerm:
    lemmas: tuple[str, ...]
    match: str  # noun | group | state | phrase
    leaning: str  # against | for


@lru_cache(maxsize=1)
def label_lexicon() -> tuple[LabelTerm, ...]:
    """The loaded words of `data/loaded_labels.tsv`, longest first."""
    terms = []
    text = resources.files(__package__).joinpath("data/loaded_labels.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, match, leaning = line.split("\t")[:3]
        terms.append(LabelTerm(tuple(_TOKEN.findall(term.lower())), match, leaning))
    return tuple(sorted(terms, key=lambda t: -len(t.lemmas)))


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[LabelTerm, ...]]:
    index: dict[str, list[LabelTerm]] = {}
    for term in label_lexicon():
        index.setdefault(term.lemmas[0], []).append(term)
    return {word: tuple(terms) for word, terms in index.items()}


def _matches(doc: Doc, forms: Sequence[tuple[str, str]], i: int, term: LabelTerm) -> bool:
    if i + len(term.lemmas) > len(doc):
        return False
    if not all(want in forms[i + k] for k, want in enumerate(term.lemmas)):
        return False
    if term.match == "phrase":
        return True
    tok = doc[i]
    if term.match == "state":
        return tok.pos_ == "NOUN" and _names_a_state(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod"):
        return True
    if term.match == "group":
        return tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in _GROUP_NOUNS
    return False


def _names_a_state(tok: Token) -> bool:
    """`the regime`, `the Assad regime`, `Syria's regime` -- not `a sanctions regime`."""
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    if any(m.pos_ == "NOUN" and not m.ent_type_ for m in mods):
        return False
    if any(m.ent_type_ in _STATE_MODIFIER_ENTS or m.pos_ in ("PROPN", "PRON") for m in mods):
        return True
    return any(c.lower_ == "the" for c in tok.children)


def _speaker_names(quotes: Sequence[Quote], doc: Doc) -> list[str | None]:
    """Each quote's speaker as a name: pronouns resolved where possible."""
    resolved = resolve_speakers(quotes, doc)
    return [(resolved.get(i) or q.source or _NO_SOURCE).text or None for i, q in enumerate(quotes)]


def find_labels(doc: Doc, quotes: Sequence[Quote], outlet: str | None) -> list[Label]:
    """Loaded words in `doc` and who used them: a quoted speaker, else the outlet (or "author")."""
    index = _by_first_word()
    forms = [(t.lower_, t.lemma_.lower()) for t in doc]
    names: list[str | None] | None = None
    quoted: list[tuple[int, int]] | None = None
    labels: list[Label] = []
    i = 0
    while i < len(doc):
        candidates = index.get(forms[i][0], ()) + index.get(forms[i][1], ())
        term = next((t for t in sorted(candidates, key=lambda t: -len(t.lemmas))
                     if _matches(doc, forms, i, t)), None)
        if term is None:
            i += 1
            continue
        first, last = doc[i], doc[i + len(term.lemmas) - 1]
        if last.dep_ in ("amod", "compound") and last.head.i == last.i + 1 and last.head.pos_ == "NOUN":
            last = last.head  # the noun it qualifies: "terrorist groups", "foreign-trained fighters"
        start, end = first.idx, last.idx + len(last)
        used_by = outlet or "author"
        quoted = quoted if quoted is not None else [(r.first, r.last) for r in quote_regions(doc)]
        if any(a < first.i and last.i < b for a, b in quoted):
            used_by = UNATTRIBUTED
        inside = [k for k, q in enumerate(quotes) if q.content.start <= start and end <= q.content.end]
        if inside:
            names = names if names is not None else _speaker_names(quotes, doc)
            spoken = [k for k in inside if names[k]]
            if spoken:
                k = min(spoken, key=lambda k: quotes[k].content.end - quotes[k].content.start)
                used_by = names[k] or used_by
        labels.append(Label(doc[first.i : last.i + 1].text, start, end, used_by))
        i = last.i + 1
    log.debug("%d loaded labels", len(labels))
    return labels
