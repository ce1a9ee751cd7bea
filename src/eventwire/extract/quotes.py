"""Attributions: who said what. `find_quotes(doc) -> list[Quote]`.

Three shapes, all read off the dependency parse:

* a **cue verb** from `data/cue_verbs.tsv` (say, tell, add, warn, accuse, call for ...) with its
  content in one of the frames that the lexicon allows for it (`_frames.py`): a clausal complement
  (`the police said that dozens were killed`), the clause it interrupts or follows (`dozens were
  killed, police said`), a quotation next to it, an infinitive (`urged them to leave`), an object
  (`denounced the decision`) or a prepositional object (`called for calm`). The source is the
  verb's subject as a whole noun phrase, inherited from the governing verb for `..., saying`,
  `and added`, `declined to comment`, `after saying`, `a poll showing`.
* **according to X**: the clause the phrase modifies is the content, X the source.
* **a name and a colon** opening a sentence (`Pence: ...`, headlines and transcripts).

When content lies in quotation marks the quote is `direct` and its content is widened to the marks;
a quotation that follows in the same paragraph without a cue of its own is added to it (the content
is then the hull of both parts, cue included, as PolNeAR annotates `"A," he said, "B."`).

Span conventions follow PolNeAR: the cue is the verb with its auxiliaries, negation and adverbs
(`has also called for`), see `_cue_tokens`; a pronoun source stays the pronoun (`he`), and
`resolve_speakers(quotes, doc)` maps it (and a relative `who`) to the speaker it stands for; the
source's kind is the resolved speaker's.

The lexicon was derived from PolNeAR train (a verb and frame are kept when 40% or more of their
occurrences there are annotated attributions), plus a hand-written core of reporting verbs.
When the cue model is there (`_cue_model.py`, fitted on PolNeAR train), every verb in every frame
that finds content is a candidate, and the model, which reads the lexicon as one of its features,
decides which candidate of each verb, if any, is a cue.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Quote, QuoteKind, Source, Span
from ._cue_model import CANDIDATE_FRAMES, CueModel, cue_features, load_cue_model
from ._frames import FRAMES, Context, content, subject, subtree, trim
from ._speakers import is_speaker_noun, resolve_speakers, settle_kinds, source_kind

__all__ = ["Candidate", "cue_candidates", "cue_lexicon", "find_quotes", "reporting_lemmas", "resolve_speakers"]

log = logging.getLogger(__name__)

_LEFT_CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl"})
# verbs whose infinitive complement is the real cue: `continued to insist`, `tried to show`
_ASPECTUAL = frozenset({"try", "continue", "begin", "start", "go", "have", "use", "need", "tend", "spend",
                        "struggle"})
_NOT_CUE_ADVERBS = frozenset({"when", "so", "where", "how", "why", "earlier", "closer"})
# A verb with an object or infinitive for content is a stance (`denounced the plan`) when it heads its
# clause; embedded in another clause (`he said Trump supports X`, `wants to endorse X`) or without a
# subject it rarely is one (PolNeAR train: 11-34% of such candidates are annotated attributions).
_OBJECT_FRAMES = frozenset({"dobj", "prep", "xcomp"})
_EMBEDDED = frozenset({"ccomp", "xcomp", "pcomp", "acl"})
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
        allowed = {f for f in frames.split(",") if f in FRAMES or f.startswith("prep:")}
        if "ccomp" in allowed:  # a verb that takes a clause after it takes one before it too
            allowed |= {"inv", "adj"}
        table[lemma] = frozenset(allowed)
    return table


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    """The cue verbs that take a clause ("said that ...", "..., he added")."""
    return frozenset(lemma for lemma, frames in cue_lexicon().items() if "ccomp" in frames)


@dataclass(slots=True)
class _Found:
    cue: list[Token]
    source: list[Token] | None
    first: int  # content, token indices (inclusive)
    last: int
    kind: str = "indirect"
    frame: str = ""


# ------------------------------------------------------------------ cue and source


def _cue_tokens(verb: Token, prep: Token | None) -> list[Token]:
    """The verb with its auxiliaries, negation and adverbs (`has also said`), a governing aspectual
    verb (`continued to insist`), a particle or adverb after it (`shot back`), the preposition that
    introduces the content (`called for`) or a PP naming the medium (`said in a statement`), and
    a colon right after it."""
    doc = verb.doc
    head = verb
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ASPECTUAL and verb.head.i < verb.i:
        head = verb.head
    toks = list(doc[head.i : verb.i + 1])
    lefts = {c.i for c in head.children if c.dep_ in _LEFT_CUE_DEPS and c.lower_ not in _NOT_CUE_ADVERBS}
    i = head.i - 1
    while i >= 0 and i in lefts:
        toks.insert(0, doc[i])
        i -= 1
    nxt = verb.i + 1
    if verb.lemma_.lower() == "put" and nxt < len(doc) and doc[nxt].lower_ == "it":
        toks.append(doc[nxt])  # `as one analyst put it`: the idiom is the cue
        nxt += 1
    for c in verb.children:
        bare_adverb = c.dep_ == "advmod" and c.tag_ == "RB" and c.n_lefts + c.n_rights == 0
        if c.i == nxt and (c.dep_ == "prt" or (bare_adverb and c.lower_ not in _NOT_CUE_ADVERBS)):
            toks.append(c)
            nxt += 1
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


def _source_tokens(ctx: Context, verb: Token) -> list[Token] | None:
    """The subject of the cue verb or, for a verb without one, of the verb it depends on
    (`..., saying`, `and added`, `declined to comment`, `after saying`, `a poll showing`)."""
    if _unnamed_asker(verb):
        return None
    tok = _outer_reporter(verb) or verb
    for _ in range(5):
        subj = subject(tok)
        if subj is not None:
            if subj.dep_ == "nsubjpass" and tok is verb:
                # `was criticized by some of his rivals`: the agent spoke
                agent = _agent(verb)
                return _source_span(ctx, verb, *subtree(agent)) if agent is not None else None
            return _source_span(ctx, verb, _owner_start(tok, subj), subj.right_edge.i)
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and (
                tok.tag_ == "VBG" or (tok.tag_ in ("VBD", "VBZ", "VBP") and tok.left_edge.i == tok.i)):
            # `a poll showing ...`, and a finite verb the parser hung on its subject: `A poll found that`
            return _source_span(ctx, verb, tok.head.left_edge.i, tok.left_edge.i - 1)
        if tok.dep_ == "xcomp" and tok.head.dep_ == "acomp":
            tok = tok.head.head  # `voters are more likely to say`: the subject of the copula spoke
            continue
        if tok.dep_ == "pcomp" and tok.head.head != tok.head:
            tok = tok.head.head
            continue
        if tok.dep_ not in _INHERIT_DEPS or tok.head == tok:
            return None
        tok = tok.head
    return None


_POSSESSIVE = frozenset({"’", "'", "’s", "'s"})


def _owner_start(verb: Token, subj: Token) -> int:
    """Where the subject starts. `Fox News’ Bret Baier noticed`: the parser may make the owner a
    second subject of the verb; only a possessive mark between them, and both are the source."""
    start = subj.left_edge.i
    for other in verb.children:
        if other.dep_ in ("nsubj", "nsubjpass") and other.i < subj.i and other.right_edge.i < start:
            marks = verb.doc[other.i + 1 : start]  # the possessive may hang on either
            if len(marks) and all(t.text in _POSSESSIVE for t in marks):
                return other.left_edge.i
    return start


def _unnamed_asker(verb: Token) -> bool:
    """`Asked about the vote, she said ...`, `after being asked to comment`: a passive participle
    without a subject of its own reports what someone unnamed did; the clause's subject was asked."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "pcomp", "ROOT") and subject(verb) is None
            and not any(c.dep_ == "aux" for c in verb.children))


def _stray_report(verb: Token) -> bool:
    """`He said the attacks had helped him and said that ...`, `Trump insisted that he has expanded
    the party, claiming that ...`: the parser hangs the second report on the last verb of the first
    one's content, but it is the same speaker's next statement."""
    coordinated = verb.dep_ == "conj" and verb.pos_ == "VERB"
    participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
    return ((coordinated or participle) and verb.lemma_.lower() in reporting_lemmas()
            and subject(verb) is None and verb.head.dep_ != "ROOT")


def _outer_reporter(verb: Token) -> Token | None:
    """For a stray report, the reporting verb whose content it was hung in."""
    if not _stray_report(verb):
        return None
    node = verb.head
    for _ in range(6):
        if node.dep_ == "ccomp":
            outer = node.head
            return outer if outer.lemma_.lower() in reporting_lemmas() else None
        if node.head == node:
            return None
        node = node.head
    return None


def _cut_stray_reports(ctx: Context, verb: Token, first: int, last: int) -> int:
    """The content's last token, once a stray report of the same speaker (and what it says) is cut off."""
    for tok in ctx.doc[first + 1 : last + 1]:
        outer = _outer_reporter(tok)
        if outer is not None and outer.i == verb.i and not ctx.quoted(tok.i):
            end = tok.left_edge.i - 1
            while end > first and ctx.doc[end].dep_ == "cc":
                end -= 1
            span = trim(ctx.doc, first, end)
            return span[1] if span else last
    return last


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's `by`."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def _source_span(ctx: Context, verb: Token, first: int, last: int) -> list[Token] | None:
    span = ctx.clip(verb.i, (first, last))
    if span is None:
        return None
    first, last = span
    doc = ctx.doc
    first = _after_dateline(doc, first, last)
    # `Even China said`, `Both Mr. King and Mr. Schultz say`: the adverb is not part of the source,
    # but `Nearly half`, `about a third of voters` count how many spoke
    while (first < last and doc[first].dep_ in ("advmod", "preconj") and doc[first].head.i <= last
           and doc[first].head.pos_ in ("PROPN", "NOUN", "PRON") and doc[first].lower_ not in _HOW_MANY):
        first += 1
    last = _without_aside(doc, first, last)
    # trimming drops a closing bracket: `Rep. Elijah E. Cummings (D-Md.)`
    opened = sum(t.text == "(" for t in doc[first : last + 1]) - sum(t.text == ")" for t in doc[first : last + 1])
    if opened > 0:
        close = next((t.i for t in doc[last + 1 : last + 4] if t.text == ")"), None)
        last = close if close is not None else last
    # PolNeAR keeps the comma or dash that closes an apposition or a relative clause: `Smith, a lawyer,
    # said`, `Jason Sims — a teacher from Mount Pleasant — said`
    closing = doc[last + 1].text if last + 1 < len(doc) else ""
    if (closing == "," or closing in _DASHES) and any(t.text == closing for t in doc[first:last]):
        last += 1
    return list(doc[first : last + 1])


# Set off after the speaker, a participle or adjective phrase says what the speaker was doing or feeling,
# not who they are: `Marco Rubio, speaking at a rally,`, `Republicans, concerned about ...,`. Counted on
# the gold sources of PolNeAR train (asides after the source's head: inside the source / outside):
# VBG participles 1 / 50; past participles 4 / 15 after a name but 12 / 12 after a common noun (`a poll,
# conducted by ...` names the poll); adjectives 0 / 7; relative clauses set off by dashes 1 / 9. Relative
# clauses after a comma (197 / 188) and appositions (1,149 / 72) stay.
_SPEAKER_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_WHERE_PREPS = frozenset({"in", "at", "on", "during"})  # `Trump, in Kentucky,`: 2 inside / 22 outside
_DASHES = frozenset({"—", "–", "--", "-"})


def _without_aside(doc: Doc, first: int, last: int) -> int:
    """The source's last token once a trailing aside is cut off."""
    head = next((t for t in doc[first : last + 1] if not first <= t.head.i <= last or t.head == t), None)
    if head is None:
        return last
    named = head.ent_type_ in _SPEAKER_ENTS or head.pos_ == "PRON"
    for child in head.rights:
        lo = child.left_edge.i
        mark = doc[lo - 1].text
        if not (first < lo - 1 and mark in (",", *_DASHES)
                and all(t.is_punct for t in doc[child.right_edge.i + 1 : last + 1])):
            continue
        participle = child.dep_ == "acl" and (child.tag_ == "VBG" or (child.tag_ == "VBN" and named))
        relative = child.dep_ == "relcl" and mark != ","
        where = child.dep_ == "prep" and named and child.lower_ in _WHERE_PREPS
        if participle or relative or where or child.dep_ in ("amod", "advmod"):
            return lo - 2
    return last


_HOW_MANY = frozenset({"about", "nearly", "almost", "roughly", "around", "approximately", "some", "over",
                       "more", "fewer", "less", "close", "up"})


def _after_dateline(doc: Doc, first: int, last: int) -> int:
    """`WASHINGTON — Hillary Clinton said`, `RENO, Nev. (AP) — ...`: the source starts after the dateline."""
    for tok in doc[first : min(last, first + 8)]:
        if tok.text in _DASHES:
            head = doc[first : tok.i]
            if head and all(t.is_punct or t.is_upper or t.is_title for t in head) and any(
                    t.is_upper and len(t) > 2 for t in head):
                return tok.i + 1
            break
    return first


def _plausible(verb: Token, frame: str, source: list[Token] | None) -> bool:
    if frame.split(":")[0] in _OBJECT_FRAMES and (verb.dep_ in _EMBEDDED or source is None):
        return False
    embedded = verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() not in _ASPECTUAL
    return not (frame == "ccomp" and embedded)


def _verb_quotes(ctx: Context, lexicon: dict[str, frozenset[str]]) -> Iterable[_Found]:
    """The lexicon's rules alone: a listed verb in one of its listed frames, if plausible."""
    for tok in ctx.doc:
        if tok.pos_ not in ("VERB", "AUX") or ctx.quoted(tok.i):
            continue
        frames = lexicon.get(tok.lemma_.lower())
        if not frames:
            continue
        found = content(ctx, tok, frames)
        if found is None:
            continue
        frame, first, last, prep = found
        if frame == "ccomp":
            last = _cut_stray_reports(ctx, tok, first, last)
        source = _source_tokens(ctx, tok)
        if _plausible(tok, frame, source):
            yield _Found(_cue_tokens(tok, prep), source, first, last, frame=frame)


@dataclass(slots=True)
class Candidate:
    """A verb with content in one frame: what the cue model judges."""

    verb: Token
    frame: str
    first: int
    last: int
    prep: Token | None
    source: list[Token] | None
    plausible: bool

    def features(self, ctx: Context, lexicon: dict[str, frozenset[str]]) -> list[str]:
        return cue_features(ctx, self.verb, self.frame, self.first, self.last, self.source, lexicon,
                            self.plausible)


_ONE_FRAME = tuple(frozenset({f}) for f in CANDIDATE_FRAMES)  # built once: this runs for every verb


def cue_candidates(ctx: Context) -> Iterable[Candidate]:
    """Every verb outside quotations, in every frame that finds content for it."""
    for tok in ctx.doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass") or ctx.quoted(tok.i):
            continue
        source: list[Token] | None = None
        looked = False
        for frame in _ONE_FRAME:
            found = content(ctx, tok, frame)
            if found is None:
                continue
            if not looked:
                source, looked = _source_tokens(ctx, tok), True
            kind, first, last, prep = found
            if kind == "ccomp":
                last = _cut_stray_reports(ctx, tok, first, last)
            yield Candidate(tok, kind, first, last, prep, source, _plausible(tok, kind, source))


def _scored_quotes(ctx: Context, lexicon: dict[str, frozenset[str]], model: CueModel) -> Iterable[_Found]:
    """Per verb, the candidate the model likes best, if it clears the model's threshold."""
    best: dict[int, tuple[float, Candidate]] = {}
    for cand in cue_candidates(ctx):
        p = model.probability(cand.features(ctx, lexicon))
        if p >= model.threshold and p > best.get(cand.verb.i, (0.0, None))[0]:
            best[cand.verb.i] = (p, cand)
    for _, c in best.values():
        yield _Found(_cue_tokens(c.verb, c.prep), c.source, c.first, c.last, frame=c.frame)


def _according_to(ctx: Context) -> Iterable[_Found]:
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        if not objs or ctx.quoted(tok.i):
            continue
        src_lo, src_hi = subtree(objs[0])
        head = tok.head
        while head.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") and head.head != head:
            head = head.head
        lo, hi = subtree(head)
        if tok.i <= lo:
            span = ctx.clip(tok.i, (src_hi + 1, hi))
        elif src_hi >= hi - 1:
            span = ctx.clip(tok.i, (lo, tok.i - 1))
        else:
            span = ctx.clip(tok.i, (lo, hi))
        if span:
            source = list(doc[src_lo : src_hi + 1])
            yield _Found([tok, to], source, span[0], span[1], "according_to", "according")


def _colon_quotes(ctx: Context) -> Iterable[_Found]:
    """`Pence: ...` / `Kazakhstan president: ...` opening a sentence: a named speaker, a colon, words."""
    doc = ctx.doc
    names = {t.lower_ for e in doc.ents if e.label_ in ("PERSON", "ORG") for t in e if t.is_title}
    for sent in doc.sents:
        colon = next((t for t in sent[:9] if t.text == ":"), None)
        if colon is None or colon.i == sent.start:
            continue
        name = doc[sent.start : colon.i]
        if any(t.is_space or t.like_num or t.pos_ in ("VERB", "AUX") for t in name):
            continue
        if not (any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name) or is_speaker_noun(name.root)
                or _named_elsewhere(name, names)):
            continue
        span = ctx.clip(colon.i, (colon.i + 1, sent.end - 1))
        if span:
            yield _Found([colon], list(name), span[0], span[1], "direct", "colon")


def _named_elsewhere(name: SpacySpan, names: set[str]) -> bool:
    """`Lynch: No outside influence ...`: NER misses a bare surname in a title-case headline, but the
    article names the person in full (`Loretta Lynch`): a short proper name whose last word is part
    of a person or organisation named elsewhere."""
    return (len(name) <= 4 and all(t.is_title and t.pos_ in ("PROPN", "NOUN") for t in name)
            and name[-1].lower_ in names)


# ------------------------------------------------------------------ direct quotations


def _widen(ctx: Context, found: _Found) -> None:
    """Content that lies in (or starts) a quotation takes the whole quotation, marks included."""
    for r in ctx.regions:
        if r.last < found.first or r.first > found.last + 1:
            continue
        if r.first <= found.first + 1 or r.covers(found.last):
            found.first, found.last = min(found.first, r.first), max(found.last, r.last)
            if found.kind == "indirect":
                found.kind = "direct"


def _merge_continuations(ctx: Context, quotes: list[_Found]) -> None:
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
    a cue that lies inside another's cue is not a cue."""
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.first, -f.last, f.source is None)):
        if any(_inside_cue(f, k) or (k.first, k.last) == (f.first, f.last) for k in kept):
            continue
        kept.append(f)
    return kept


# ------------------------------------------------------------------ assembly


def _char_span(doc: Doc, text: str, first: int, last: int) -> Span:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Span(text[start:end], start, end)


def _to_quote(doc: Doc, text: str, found: _Found) -> Quote:
    cue = _char_span(doc, text, found.cue[0].i, found.cue[-1].i)
    source = None
    if found.source:
        first, last = found.source[0].i, found.source[-1].i
        sp = _char_span(doc, text, first, last)
        source = Source(sp.text, sp.start, sp.end, source_kind(doc[first : last + 1]))
    kind: QuoteKind = "direct" if found.kind == "direct" else (
        "according_to" if found.kind == "according_to" else "indirect")
    return Quote(cue=cue, content=_char_span(doc, text, found.first, found.last), kind=kind, source=source)


def _inside_cue(q: _Found, other: _Found) -> bool:
    toks = {t.i for t in other.cue}
    return any(t.i in toks for t in q.cue)


_DEFAULT = object()


def find_quotes(doc: Doc, lexicon: dict[str, frozenset[str]] | None = None,
                model: CueModel | object | None = _DEFAULT) -> list[Quote]:
    """Direct, indirect and `according to` attributions in `doc`, in text order.

    Verb cues are judged by the cue model (`_cue_model.py`) when there is one, else by the
    lexicon's rules; `model=None` forces the rules."""
    ctx = Context.of(doc)
    lexicon = cue_lexicon() if lexicon is None else lexicon
    cue_model = load_cue_model() if model is _DEFAULT else model
    verbs = (_scored_quotes(ctx, lexicon, cue_model) if isinstance(cue_model, CueModel)
             else _verb_quotes(ctx, lexicon))
    found = [*verbs, *_according_to(ctx), *_colon_quotes(ctx)]
    for f in found:
        _widen(ctx, f)
    kept = sorted(_dedupe(found), key=lambda f: f.first)
    _merge_continuations(ctx, kept)
    log.debug("%d quotes in a document of %d tokens", len(kept), len(doc))
    text = doc.text
    return settle_kinds([_to_quote(doc, text, f) for f in kept], doc)
