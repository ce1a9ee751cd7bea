"""Content frames: where a cue verb's content is, read off the dependency parse.

`content(ctx, verb, frames)` tries the frames that the lexicon allows for the verb, in this order:

    ccomp   a clausal complement: `said (that) dozens were killed`, or one before the verb that ends
            next to it: `"...," she said`
    inv     the clause the cue interrupts or follows: `The town, residents said, was quiet`;
            `Dozens were killed, police said`; `X, said Y` where the parser made X a second subject;
            `As the paper reported, X`
    adj     a quotation right next to the cue and its subject, whatever the parse: `"...," Sweet said.`
            `Sweet said: "..."` (after a colon, even in the next paragraph)
    xcomp   an infinitive, with the object before it: `urged them to leave`
    dobj    a direct object (or an interjection: `said no`): `denounced the decision`
    prep:X  the object of the preposition X right after the verb: `called for calm`, and the clause
            after `for`: `called for the army to withdraw`

Content never leaves the cue's paragraph (a colon opens the next one). Spans are token indices,
inclusive, trimmed of edge punctuation.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ._quote_marks import MARKS, QuoteRegion, quote_regions

__all__ = ["FRAMES", "SUBJECT_DEPS", "Context", "content", "subject", "subtree", "trim"]

FRAMES = ("ccomp", "inv", "adj", "xcomp", "dobj", "prep:*")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_TRIM = frozenset({",", ";", ":", "-", "—", "–", "(", ")"})


@dataclass(frozen=True, slots=True)
class Context:
    """What every frame needs: the doc, its quotations and where its paragraphs start."""

    doc: Doc
    regions: tuple[QuoteRegion, ...]
    para_starts: tuple[int, ...]
    inside: frozenset[int]  # tokens strictly between a quotation's marks

    @classmethod
    def of(cls, doc: Doc) -> Context:
        starts = [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text]
        regions = tuple(quote_regions(doc))
        inside = frozenset(i for r in regions for i in range(r.first + 1, r.last))
        return cls(doc, regions, tuple(starts), inside)

    def paragraph(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.para_starts, i) - 1
        end = self.para_starts[k + 1] - 1 if k + 1 < len(self.para_starts) else len(self.doc)
        return self.para_starts[k], end - 1

    def clip(self, i: int, span: tuple[int, int] | None) -> tuple[int, int] | None:
        """`span` cut to the paragraph of token `i`, trimmed; None when nothing is left."""
        if span is None:
            return None
        lo, hi = self.paragraph(i)
        return trim(self.doc, max(span[0], lo), min(span[1], hi))

    def quoted(self, i: int) -> bool:
        return i in self.inside


def subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_space or doc[first].text in _TRIM or doc[first].dep_ == "cc"):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in _TRIM or doc[last].text == "."):
        last -= 1
    return (first, last) if first <= last else None


def subject(verb: Token) -> Token | None:
    """The verb's subject. In `X, said Y` and `"... X," Y said` the parser may take X for a
    subject too; the real one is the one nearest the verb (after it, if there is one)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    after = [c for c in subjects if c.i > verb.i]
    return after[0] if after else subjects[-1]


def _cue_start(verb: Token) -> int:
    """Where the cue and its subject begin: `Officials said`, `said officials`."""
    subj = subject(verb)
    return min(verb.i, subj.left_edge.i) if subj is not None and subj.i < verb.i else verb.i


def _next_to(doc: Doc, last: int, start: int) -> bool:
    """Only punctuation (at most three tokens) between token `last` and token `start`."""
    between = doc[last + 1 : start]
    return len(between) <= 3 and all(t.is_punct or t.is_space for t in between)


def _inverted(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """`Dozens were killed, police said` / `The city, he said, is calm` / `X, said Y`: the clause
    around the cue."""
    head, doc = verb.head, ctx.doc
    subj = subject(verb)
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return _as_clause(ctx, verb) if subj is not None else None
    fronted = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i and c is not subj]
    after = fronted[0].right_edge.i + 1 if fronted else len(doc)
    if after < len(doc) and doc[after].text in (",", *MARKS):  # X parsed as a subject
        return ctx.clip(verb.i, subtree(fronted[0]))
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or head == verb or subj is None:
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "mark") for c in verb.children):
        return None
    v_lo, v_hi = verb.left_edge.i, verb.right_edge.i
    while v_lo < verb.i and doc[v_lo].is_punct:
        v_lo += 1
    lo, hi = subtree(head)
    if v_lo <= lo or doc[v_lo - 1].text not in (",", *MARKS):
        return None
    return ctx.clip(verb.i, (lo, v_lo - 1) if v_hi >= hi - 1 else (lo, hi))


def _as_clause(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """`As Breitbart News reported, X`, `X, as one analyst put it`: the clause that the as-clause
    modifies, without it. Its object can only be `it` or `so` (`as he put it`, `as she said so`)."""
    if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.lower_ not in ("it", "so"))
           for c in verb.children):
        return None
    lo, hi = subtree(verb.head)
    v_lo, v_hi = subtree(verb)
    if v_lo <= lo:
        return ctx.clip(verb.i, (v_hi + 1, hi))
    return ctx.clip(verb.i, (lo, v_lo - 1) if v_hi >= hi - 1 else (lo, hi))


def _adjacent(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """`"...," Sweet said.`, `"...," said Sweet.`, `Sweet said: "..."`: a quotation right next to
    the cue and its subject, whatever the parser made of it (after a colon, in the next paragraph)."""
    subj = subject(verb)
    if subj is None:
        return None
    doc = ctx.doc
    lo, hi = min(subj.left_edge.i, verb.i), max(subj.right_edge.i, verb.i)
    for r in ctx.regions:
        if r.last < lo:
            gap = (r.last + 1, lo)
        elif r.first > hi:
            gap = (hi + 1, r.first)
        else:
            continue
        if gap[1] - gap[0] > 6:  # room for `:` and paragraph breaks; checked below
            continue
        between = list(doc[gap[0] : gap[1]])
        if between and between[0].text == ":" and r.first > hi:
            between = [t for t in between if not t.is_space]
        if len(between) <= 3 and all(t.is_punct for t in between):
            return r.first, r.last
    return None


def content(ctx: Context, verb: Token, frames: frozenset[str]) -> tuple[str, int, int, Token | None] | None:
    """(frame, first, last, preposition in the cue) for the first frame that fits `verb`."""
    kids = list(verb.children)
    clip = ctx.clip
    if "ccomp" in frames:
        ccomps = [c for c in kids if c.dep_ == "ccomp"]
        left = [c for c in ccomps if c.i < verb.i and _next_to(ctx.doc, c.right_edge.i, _cue_start(verb))]
        right = [c for c in ccomps if c.i > verb.i]
        close = [c for c in right if not any(t.is_punct for t in ctx.doc[verb.i + 1 : c.left_edge.i])]
        for c in close + left + right:
            span = clip(verb.i, subtree(c))
            if span:
                return ("ccomp", *span, None)
    if "inv" in frames:
        span = _inverted(ctx, verb)
        if span:
            return ("inv", *span, None)
    if "adj" in frames:
        span = _adjacent(ctx, verb)
        if span:
            return ("adj", *span, None)
    if "xcomp" in frames:
        for c in kids:
            if c.dep_ == "xcomp" and c.i > verb.i:
                objs = [k for k in kids if k.dep_ in ("dobj", "dative") and verb.i < k.i < c.i]
                span = clip(verb.i, (objs[0].left_edge.i if objs else c.left_edge.i, c.right_edge.i))
                if span:
                    return ("xcomp", *span, None)
    if "dobj" in frames:
        for c in kids:
            if c.dep_ in ("dobj", "intj") and c.i > verb.i:
                span = clip(verb.i, subtree(c))
                if span:
                    return ("dobj", *span, None)
    for c in kids:
        if c.dep_ == "prep" and c.i > verb.i and ("prep:" + c.lower_ in frames or "prep:*" in frames):
            objs = [k for k in c.children if k.dep_ in ("pobj", "pcomp")]
            span = clip(verb.i, subtree(objs[0])) if objs else None
            if span:
                return ("prep:" + c.lower_, *span, c)
    if "prep:for" in frames or "prep:*" in frames:
        return _for_clause(ctx, verb)
    return None


def _for_clause(ctx: Context, verb: Token) -> tuple[str, int, int, Token | None] | None:
    """`called for the United States to step up its efforts`: the parser makes `for` the mark of an
    infinitive clause with its own subject; the clause after `for` is the content."""
    for c in verb.children:
        mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "for"), None)
        if c.dep_ == "advcl" and mark is not None and mark.i > verb.i and mark.i == c.left_edge.i:
            span = ctx.clip(verb.i, (mark.i + 1, c.right_edge.i))
            if span:
                return ("prep:for", *span, mark)
    return None
