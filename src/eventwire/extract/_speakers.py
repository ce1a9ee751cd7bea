"""Who a quote's source is: its kind (`source_kind`) and, for pronouns, whom it stands for
(`resolve_speakers`).

Kinds come from `data/source_kinds.tsv`, looked up in this order: a word that marks the source as
unnamed anywhere in the phrase (`a source familiar with ...`, `on condition of anonymity`); a
multi-word name (`law enforcement`, `state department`, `associated press`); the head noun; the
other words of the phrase outside relative clauses (`Kazakhstan's president Kassym-Jomart
Tokayev`); then the entity type (PERSON -> person, ORG -> organisation); else person.
A spokesman takes the kind of whom he speaks for (`a spokesman for Amnesty` -> organisation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Quote, Source, SourceKind

__all__ = ["PRONOUNS", "RELATIVE_PRONOUNS", "is_speaker_noun", "resolve_speakers", "settle_kinds", "source_kind"]

PRONOUNS: dict[str, str] = {
    "he": "sg", "she": "sg", "i": "sg", "him": "sg", "her": "sg",
    "they": "pl", "we": "pl", "them": "pl", "it": "it",
}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement"})
_SKIP_DEPS = frozenset({"relcl", "acl", "advcl"})


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, SourceKind], dict[tuple[str, ...], SourceKind]]:
    single: dict[str, SourceKind] = {}
    multi: dict[tuple[str, ...], SourceKind] = {}
    text = resources.files(__package__).joinpath("data/source_kinds.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, kind = line.split("\t")[:2]
        words = tuple(word.split())
        if len(words) > 1:
            multi[words] = kind  # type: ignore[assignment]
        else:
            single[word] = kind  # type: ignore[assignment]
    return single, multi


def is_speaker_noun(tok: Token) -> bool:
    """A noun that names a kind of speaker (president, police, witness, newspaper ...)."""
    single, _ = _kinds()
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in single or tok.lemma_.lower() in single)


def _phrase_tokens(span: SpacySpan) -> list[Token]:
    """The span's tokens outside relative clauses and other clausal modifiers."""
    skip: set[int] = set()
    for tok in span:
        if tok.dep_ in _SKIP_DEPS and tok.i != span.root.i:
            skip.update(t.i for t in tok.subtree)
    return [t for t in span if t.i not in skip]


def source_kind(span: SpacySpan) -> SourceKind:
    """The kind of source that the noun phrase `span` names."""
    single, multi = _kinds()
    toks = _phrase_tokens(span)
    words = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    if any("unnamed" in (single.get(w), single.get(lem)) for w, lem in zip(words, lemmas, strict=True)):
        return "unnamed"
    root = span.root
    if root.lemma_.lower() in _SPOKES:
        for prep in (c for c in root.children if c.lower_ in ("for", "of")):
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs:
                obj = span.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
                kind = source_kind(obj)
                if kind != "person":
                    return kind
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            named = multi.get(tuple(words[i : i + n]))
            if named:
                return named
    for key in (root.lower_, root.lemma_.lower()):
        if key in single:
            return single[key]
    for w, lem in zip(words, lemmas, strict=True):
        found = single.get(w) or single.get(lem)
        if found:
            return found
    if root.ent_type_ in ("ORG", "NORP") or any(t.ent_type_ == "ORG" for t in toks):
        return "organisation"
    return "person"


def _relative_antecedent(doc: Doc, source: Source) -> Source | None:
    """`Trump, who said ...`: the noun that the relative pronoun stands for."""
    span = doc.char_span(source.start, source.end)
    if span is None or len(span) != 1 or span[0].dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = span[0].head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    first = noun.left_edge.i
    last = max([noun.i] + [t.right_edge.i for t in noun.children if t.i < clause.left_edge.i])
    while last > first and doc[last].is_punct:
        last -= 1
    text = doc[first : last + 1]
    return Source(text.text, text.start_char, text.end_char, source_kind(text))


def _names(doc: Doc, src: Source) -> set[str]:
    span = doc.char_span(src.start, src.end, alignment_mode="expand")
    return {t.lower_ for t in span if t.pos_ == "PROPN" and len(t) > 2} if span is not None else set()


def settle_kinds(quotes: Sequence[Quote], doc: Doc) -> list[Quote]:
    """Kinds that the rest of the article decides: a named person who appears elsewhere with an
    office (`Kazakhstan's president Kassym-Jomart Tokayev` ... `Tokayev said`) is an official, and
    a pronoun speaker has the kind of the speaker it stands for (its span stays the pronoun)."""
    official: set[str] = set()
    for q in quotes:
        if q.source is not None and q.source.kind == "official":
            official |= _names(doc, q.source)
    out = []
    for q in quotes:
        src = q.source
        if src is not None and src.kind == "person" and official & _names(doc, src):
            q = replace(q, source=replace(src, kind="official"))
        out.append(q)
    for i, antecedent in resolve_speakers(out, doc).items():
        src = out[i].source
        if src is not None and src.kind != antecedent.kind:
            out[i] = replace(out[i], source=replace(src, kind=antecedent.kind))
    return out


def resolve_speakers(quotes: Sequence[Quote], doc: Doc | None = None) -> dict[int, Source]:
    """Quote index -> the named source that its pronoun source stands for.

    Only quotes whose source is a pronoun (`he`, `she`, `they`, `it`) or, when `doc` is given, a
    relative pronoun (`who`) appear. A personal pronoun takes the last earlier named speaker of a
    compatible kind: `he`/`she` a person or official, `it` anything but a person, `they` any.
    """
    resolved: dict[int, Source] = {}
    named: list[Source] = []
    for i, q in enumerate(quotes):
        src = q.source
        if src is None:
            continue
        low = src.text.lower()
        if low in RELATIVE_PRONOUNS and doc is not None:
            antecedent = _relative_antecedent(doc, src)
            if antecedent is not None:
                resolved[i] = antecedent
                named.append(antecedent)
            continue
        number = PRONOUNS.get(low)
        if number is None:
            if low not in RELATIVE_PRONOUNS:
                named.append(src)
            continue
        for cand in reversed(named):
            if (number == "sg" and cand.kind in ("person", "official", "witness")) or (
                number == "it" and cand.kind != "person") or number == "pl":
                resolved[i] = cand
                break
    return resolved
