"""Attributions: who said what. `find_quotes(doc) -> list[Quote]`.

Three shapes, all read off the dependency parse:

* a **cue verb** from `data/cue_verbs.tsv` (say, tell, add, warn, accuse, call for ...) with its
  content in one of the frames that the lexicon allows for it: a clausal complement (`the police
  said that dozens were killed`), the clause it interrupts or follows (`dozens were killed, police
  said`), an infinitive (`urged them to leave`), an object (`denounced the decision`) or a
  prepositional object (`called for calm`). The source is the verb's subject (inherited from the
  governing verb for `..., saying`, `and added` and `declined to comment`), as the whole noun phrase.
* **according to X**: the clause the phrase modifies is the content, X the source.
* **a colon after a name** (`Pence: ...`, headlines and transcripts).

When content lies in quotation marks the quote is `direct`, its content is widened to the marks,
and a quotation that follows in the same paragraph without a cue of its own is added to it (the
content is then the hull of both parts, cue included, as PolNeAR annotates `"A," he said, "B."`).

Span conventions follow PolNeAR: the cue is the verb with its auxiliaries, negation and adverbs on
its left and a particle or the preposition that introduces the content (`has also called for`), plus
a colon right after it; a pronoun source stays the pronoun (`he`). `resolve_speakers` maps such
quotes to the last named speaker that fits.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import Quote, QuoteKind, Source, Span
from ._quote_marks import MARKS, QuoteRegion, quote_regions
from ._speakers import is_speaker_noun, resolve_speakers, source_kind

__all__ = ["cue_lexicon", "find_quotes", "resolve_speakers"]

log = logging.getLogger(__name__)

FRAMES = ("ccomp", "inv", "xcomp", "dobj", "prep", "adj")
_LEFT_CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
_TRIM = frozenset({",", ";", ":", "-", "—", "–", "(", ")"})
_CUE_PP = frozenset({"statement", "favor", "favour"})  # `said in a statement`, `spoke in favor of`


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, frozenset[str]]:
    """Cue lemma -> the content frames it takes (`data/cue_verbs.tsv`)."""
    table: dict[str, frozenset[str]] = {}
    text = resources.files(__package__).joinpath("data/cue_verbs.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, frames = line.split("\t")[:2]
        allowed = {f for f in frames.split(",") if f in FRAMES}
        if "ccomp" in allowed:  # a verb that takes a clause after it takes one before it too
            allowed |= {"inv", "adj"}
        table[lemma] = frozenset(allowed)
    return table


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What every frame needs: the doc, its quotations and where its paragraphs start."""

    doc: Doc
    regions: tuple[QuoteRegion, ...]
    para_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Doc) -> _Ctx:
        starts = [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text]
        return cls(doc, tuple(quote_regions(doc)), tuple(starts))

    def paragraph(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.para_starts, i) - 1
        end = self.para_starts[k + 1] - 1 if k + 1 < len(self.para_starts) else len(self.doc)
        return self.para_starts[k], end - 1

    def clip(self, i: int, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """`span` cut to the paragraph of token `i`, trimmed; None when nothing is left."""
        if span is None:
            return None
        lo, hi = self.paragraph(i)
        return _trim(self.doc, max(span[0], lo), min(span[1], hi))

    def quoted(self, i: int) -> bool:
        return any(r.first < i < r.last for r in self.regions)


@dataclass(slots=True)
class _Found:
    cue: list[Token]
    source: list[Token] | None
    first: int  # content, token indices (inclusive)
    last: int
    kind: str = "indirect"


# ------------------------------------------------------------------ content frames


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_space or doc[first].text in _TRIM or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in _TRIM or doc[last].text == "."):
        last -= 1
    return (first, last) if first <= last else None


def _inverted(ctx: _Ctx, verb: Token) -> tuple[int, int] | None:
    """`Dozens were killed, police said` / `The city, he said, is calm`: the clause around the cue."""
    head, doc = verb.head, ctx.doc
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or head == verb:
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "mark") for c in verb.children):
        return None
    if not any(c.dep_ in ("nsubj", "expl") for c in verb.children):
        return None
    v_lo, v_hi = verb.left_edge.i, verb.right_edge.i
    while v_lo < verb.i and doc[v_lo].is_punct:
        v_lo += 1
    lo, hi = _subtree(head)
    if v_lo <= lo or doc[v_lo - 1].text not in (",", *MARKS):
        return None
    return ctx.clip(verb.i, (lo, v_lo - 1) if v_hi >= hi - 1 else (lo, hi))


def _adjacent(ctx: _Ctx, verb: Token) -> tuple[int, int] | None:
    """`"..." he said.` and `he said: "..."` across a sentence break: the quotation next to the cue."""
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    doc = ctx.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i
    for r in ctx.regions:
        if r.first <= hi and r.last >= lo:
            continue
        between = doc[r.last + 1 : lo] if r.last < lo else doc[hi + 1 : r.first]
        if len(between) <= 3 and all(t.is_punct for t in between):
            return r.first, r.last
    return None


def _content(ctx: _Ctx, verb: Token, frames: frozenset[str]) -> tuple[str, int, int, Token | None] | None:
    """(frame, first, last, preposition in the cue) for the first frame that fits `verb`."""
    kids = list(verb.children)
    clip = ctx.clip
    if "ccomp" in frames:
        ccomps = [c for c in kids if c.dep_ == "ccomp"]
        left = [c for c in ccomps if c.i < verb.i and c.right_edge.i >= verb.left_edge.i - 3]
        right = [c for c in ccomps if c.i > verb.i]
        for c in left + right:
            span = clip(verb.i, _subtree(c))
            if span:
                return ("ccomp", *span, None)
    if "inv" in frames:
        span = _inverted(ctx, verb)
        if span:
            return ("inv", *span, None)
    if "xcomp" in frames:
        for c in kids:
            if c.dep_ == "xcomp" and c.i > verb.i:
                objs = [k for k in kids if k.dep_ in ("dobj", "dative") and verb.i < k.i < c.i]
                span = clip(verb.i, (objs[0].left_edge.i if objs else c.left_edge.i, c.right_edge.i))
                if span:
                    return ("xcomp", *span, None)
    if "dobj" in frames:
        for c in kids:
            if c.dep_ == "dobj" and c.i > verb.i:
                span = clip(verb.i, _subtree(c))
                if span:
                    return ("dobj", *span, None)
    if "prep" in frames:
        for c in kids:
            if c.dep_ == "prep" and c.i > verb.i:
                objs = [k for k in c.children if k.dep_ in ("pobj", "pcomp")]
                span = clip(verb.i, _subtree(objs[0])) if objs else None
                if span:
                    return ("prep", *span, c)
    if "adj" in frames:
        span = _adjacent(ctx, verb)
        if span:
            return ("adj", *span, None)
    return None


# ------------------------------------------------------------------ cue and source


def _cue_tokens(verb: Token, prep: Token | None) -> list[Token]:
    doc = verb.doc
    toks = [verb]
    i = verb.i - 1
    lefts = {c.i for c in verb.children if c.dep_ in _LEFT_CUE_DEPS and c.tag_ != "WRB"}
    while i >= 0 and i in lefts:
        toks.insert(0, doc[i])
        i -= 1
    for c in verb.children:
        if c.dep_ == "prt" and c.i == toks[-1].i + 1:
            toks.append(c)
    nxt = toks[-1].i + 1
    if prep is not None and prep.i == nxt:
        toks.append(prep)
    elif nxt < len(doc) and doc[nxt].dep_ == "prep" and doc[nxt].head == verb:
        objs = [o for o in doc[nxt].children if o.dep_ == "pobj" and o.lemma_.lower() in _CUE_PP]
        if objs and objs[0].right_edge.i - nxt < 4:
            toks.extend(doc[nxt : objs[0].right_edge.i + 1])
    nxt = toks[-1].i + 1
    if nxt < len(doc) and doc[nxt].text == ":" and not toks[-1].whitespace_:
        toks.append(doc[nxt])
    return toks


def _source_tokens(ctx: _Ctx, verb: Token) -> list[Token] | None:
    """The subject of the cue verb or, for a verb without one, of the verb it depends on
    (`..., saying`, `and added`, `declined to comment`, `after saying`, `a poll showing`)."""
    tok = verb
    for _ in range(5):
        subj = [c for c in tok.children if c.dep_ in _SUBJ_DEPS]
        if subj:
            if subj[0].dep_ == "nsubjpass" and tok is verb:
                return None
            return _source_span(ctx, verb, *_subtree(subj[0]))
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBG":
            return _source_span(ctx, verb, tok.head.left_edge.i, tok.left_edge.i - 1)
        if tok.dep_ == "pcomp" and tok.head.head != tok.head:
            tok = tok.head.head
            continue
        if tok.dep_ not in _INHERIT_DEPS or tok.head == tok:
            return None
        tok = tok.head
    return None


def _source_span(ctx: _Ctx, verb: Token, first: int, last: int) -> list[Token] | None:
    span = ctx.clip(verb.i, (first, last))
    if span is None:
        return None
    first, last = span
    doc = ctx.doc
    # PolNeAR keeps the comma that closes an apposition or a relative clause: `Smith, a lawyer, said`
    if last + 1 < len(doc) and doc[last + 1].text == "," and any(t.text == "," for t in doc[first:last]):
        last += 1
    return list(doc[first : last + 1])


def _verb_quotes(ctx: _Ctx, lexicon: dict[str, frozenset[str]]) -> Iterable[_Found]:
    for tok in ctx.doc:
        if tok.pos_ not in ("VERB", "AUX") or ctx.quoted(tok.i):
            continue
        frames = lexicon.get(tok.lemma_.lower())
        if not frames:
            continue
        found = _content(ctx, tok, frames)
        if found is None:
            continue
        _frame, first, last, prep = found
        yield _Found(_cue_tokens(tok, prep), _source_tokens(ctx, tok), first, last)


def _according_to(ctx: _Ctx) -> Iterable[_Found]:
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        if not objs or ctx.quoted(tok.i):
            continue
        src_lo, src_hi = _subtree(objs[0])
        head = tok.head
        while head.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") and head.head != head:
            head = head.head
        lo, hi = _subtree(head)
        if tok.i <= lo:
            span = ctx.clip(tok.i, (src_hi + 1, hi))
        elif src_hi >= hi - 1:
            span = ctx.clip(tok.i, (lo, tok.i - 1))
        else:
            span = ctx.clip(tok.i, (lo, hi))
        if span:
            yield _Found([tok, to], list(doc[src_lo : src_hi + 1]), span[0], span[1], "according_to")


def _colon_quotes(ctx: _Ctx) -> Iterable[_Found]:
    """`Pence: ...` / `Kazakhstan president: ...` opening a sentence: a named speaker, a colon, words."""
    doc = ctx.doc
    for sent in doc.sents:
        colon = next((t for t in sent[:9] if t.text == ":"), None)
        if colon is None or colon.i == sent.start:
            continue
        name = doc[sent.start : colon.i]
        if any(t.is_space or t.like_num or t.pos_ in ("VERB", "AUX") for t in name):
            continue
        if not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name) and not is_speaker_noun(name.root):
            continue
        span = ctx.clip(colon.i, (colon.i + 1, sent.end - 1))
        if span:
            yield _Found([colon], list(name), span[0], span[1], "direct")


# ------------------------------------------------------------------ direct quotations


def _widen(ctx: _Ctx, found: _Found) -> None:
    """Content that lies in (or starts) a quotation takes the whole quotation, marks included."""
    for r in ctx.regions:
        if r.last < found.first or r.first > found.last + 1:
            continue
        if r.first <= found.first + 1 or r.covers(found.last):
            found.first, found.last = min(found.first, r.first), max(found.last, r.last)
            if found.kind == "indirect":
                found.kind = "direct"


def _merge_continuations(ctx: _Ctx, quotes: list[_Found]) -> None:
    """Add cue-less quotations to the direct quote before them in the same paragraph."""
    taken = [(q.first, q.last) for q in quotes]
    for r in ctx.regions:
        if any(a <= r.last and r.first <= b for a, b in taken):
            continue
        before = [q for q in quotes if q.kind == "direct" and q.last < r.first]
        if not before:
            continue
        prev = max(before, key=lambda q: q.last)
        if ctx.paragraph(prev.last) != ctx.paragraph(r.first) or prev.cue[-1].i > r.first:
            continue
        if any(prev.last < q.first and q.last < r.first for q in quotes):
            continue
        prev.last = r.last
        taken.append((r.first, r.last))


def _dedupe(found: list[_Found]) -> list[_Found]:
    """One quote per content: of those with the same content, the first with a source wins;
    a cue that lies inside another's cue or source is not a cue."""
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.first, -f.last, f.source is None)):
        if any(_inside_cue_or_source(f, k) or (k.first, k.last) == (f.first, f.last) for k in kept):
            continue
        kept.append(f)
    return kept


# ------------------------------------------------------------------ assembly


def _char_span(doc: Doc, first: int, last: int) -> Span:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Span(doc.text[start:end], start, end)


def _to_quote(doc: Doc, found: _Found) -> Quote:
    cue = _char_span(doc, found.cue[0].i, found.cue[-1].i)
    source = None
    if found.source:
        first, last = found.source[0].i, found.source[-1].i
        sp = _char_span(doc, first, last)
        source = Source(sp.text, sp.start, sp.end, source_kind(doc[first : last + 1]))
    kind: QuoteKind = "direct" if found.kind == "direct" else (
        "according_to" if found.kind == "according_to" else "indirect")
    return Quote(cue=cue, content=_char_span(doc, found.first, found.last), kind=kind, source=source)


def _inside_cue_or_source(q: _Found, other: _Found) -> bool:
    toks = {t.i for t in other.cue} | {t.i for t in other.source or ()}
    return any(t.i in toks for t in q.cue)


def find_quotes(doc: Doc, lexicon: dict[str, frozenset[str]] | None = None) -> list[Quote]:
    """Direct, indirect and `according to` attributions in `doc`, in text order."""
    ctx = _Ctx.of(doc)
    found = [*_verb_quotes(ctx, cue_lexicon() if lexicon is None else lexicon), *_according_to(ctx),
             *_colon_quotes(ctx)]
    for f in found:
        _widen(ctx, f)
    kept = sorted(_dedupe(found), key=lambda f: f.first)
    _merge_continuations(ctx, kept)
    log.debug("%d quotes in a document of %d tokens", len(kept), len(doc))
    return [_to_quote(doc, f) for f in kept]
