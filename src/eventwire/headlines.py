"""Title-case headlines are parsed as if they were written in sentence case.

The small English model reads `Conservative Icon Morton Blackwell Endorses Ted Cruz` as one long
name: capitalised, `Endorses` is a proper noun, so the headline has no verb, no event and no
attribution. Before the parse, the words of a title-case line that are common words, not names
(function words and the forms of the verbs our lexicons know), are lower-cased; lower-casing
keeps every character offset. After the parse the document gets its own words back, with the
annotations read off the sentence-case copy.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from .extract.events import trigger_verbs
from .extract.quotes import cue_lexicon

__all__ = ["SentenceCaseTokenizer", "common_words", "restore_case", "title_case_lines"]

ORIGINAL_WORDS = "eventwire_original_words"
_ATTRS: list[int | str] = ["NORM", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID"]
_MIN_TITLE_WORDS = 3


@cache
def common_words() -> frozenset[str]:
    """Lower-case words that are no name: stop words and the inflected forms of known verbs."""
    forms: set[str] = set(STOP_WORDS)
    for lemma in trigger_verbs() | frozenset(cue_lexicon()):
        if " " in lemma or len(lemma) < 3:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", stem + "ing"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    return frozenset(forms)


def _lines(doc: Doc) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            lines.append([])
            continue
        lines[-1].append(tok)
        if "\n" in tok.whitespace_:
            lines.append([])
    return [line for line in lines if line]


def title_case_lines(doc: Doc) -> list[list[Token]]:
    """Lines written in headline style: at least three capitalised words, and no lower-case word
    but short function words (`of`, `to`, `and`). A line in capitals is left alone."""
    found = []
    for line in _lines(doc):
        words = [t for t in line if t.is_alpha]
        titled = sum(t.is_title for t in words)
        if titled < _MIN_TITLE_WORDS or all(t.is_upper for t in words):
            continue
        if all(t.is_title or t.is_upper or t.lower_ in STOP_WORDS for t in words):
            found.append(line)
    return found


class SentenceCaseTokenizer:
    """Wraps the model's tokenizer: title-case lines come out with their common words lower-cased,
    the original words kept in `doc.user_data` for `restore_case`."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        lower = {t.i for line in title_case_lines(doc) for t in line
                 if t.is_title and t.lower_ in common_words()}
        if not lower:
            return doc
        words = [t.lower_ if t.i in lower else t.text for t in doc]
        out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        norms: list[int | str] = ["NORM"]
        out.from_array(norms, doc.to_array(norms))  # type: ignore[arg-type]  # the tokenizer's norms: `n’t` is `not`
        out.user_data[ORIGINAL_WORDS] = [t.text for t in doc]
        return out

    def __getattr__(self, name: str) -> object:  # add_special_case, explain, rules ...
        return getattr(self.tokenizer, name)


@Language.component("restore_case")
def restore_case(doc: Doc) -> Doc:
    """The document with its own words again and the annotations of its sentence-case copy."""
    words = doc.user_data.pop(ORIGINAL_WORDS, None)
    if words is None:
        return doc
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    out.from_array(_ATTRS, doc.to_array(_ATTRS))  # type: ignore[arg-type]  # spaCy's stub: to_array gives ints
    out.user_data.update(doc.user_data)
    out.tensor = doc.tensor
    out._context = doc._context  # what `nlp.pipe(..., as_tuples=True)` hands back with the doc
    return out
