"""Quotation-mark regions of a parsed article: which tokens lie between an opening and a closing mark.

Straight marks (`"`, `''`) do not say whether they open or close, and curly ones are sometimes typed
the wrong way round (`here,“`), so a mark's role comes from what it is attached to: glued to the
word after it, it opens; glued to the word before it, it closes; otherwise its glyph decides, and
a straight mark toggles. A quotation left open runs to the end of its paragraph (the convention for
quotations that go on over several paragraphs, each of which opens again).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

__all__ = ["QuoteRegion", "quote_regions"]

_OPENERS = frozenset({"“", "``", "«", "„"})
_CLOSERS = frozenset({"”", "»"})
_STRAIGHT = frozenset({'"', "''"})
MARKS = _OPENERS | _CLOSERS | _STRAIGHT


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """Token indices of a quotation, marks included: `doc[first : last + 1]`."""

    first: int
    last: int
    closed: bool

    def covers(self, i: int) -> bool:
        return self.first <= i <= self.last


def _is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _role(doc: Doc, i: int, inside: bool) -> str:
    tok = doc[i]
    glued_left = i > 0 and not doc[i - 1].whitespace_ and not doc[i - 1].is_space
    glued_right = not tok.whitespace_ and i + 1 < len(doc) and not doc[i + 1].is_space
    if glued_right and not glued_left:
        return "open"
    if glued_left and not glued_right:
        return "close"
    if tok.text in _OPENERS:
        return "open"
    if tok.text in _CLOSERS:
        return "close"
    return "close" if inside else "open"


def quote_regions(doc: Doc) -> list[QuoteRegion]:
    """All quotations in `doc`, in text order, none nested."""
    regions: list[QuoteRegion] = []
    start: int | None = None
    last_word: int | None = None
    for tok in doc:
        i = tok.i
        if _is_break(tok) and start is not None:
            if last_word is not None and last_word > start:
                regions.append(QuoteRegion(start, last_word, closed=False))
            start = None
            continue
        if tok.text not in MARKS:
            if not tok.is_space:
                last_word = i
            continue
        role = _role(doc, i, start is not None)
        if role == "open":
            if start is not None and last_word is not None and last_word > start:
                regions.append(QuoteRegion(start, last_word, closed=False))
            start = i
        elif start is not None:
            if i > start + 1:
                regions.append(QuoteRegion(start, i, closed=True))
            start = None
        last_word = i
    if start is not None and last_word is not None and last_word > start:
        regions.append(QuoteRegion(start, last_word, closed=False))
    return regions
