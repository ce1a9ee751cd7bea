"""Title-case headlines are parsed in sentence case, and keep their own words."""

from __future__ import annotations

import pytest

from eventwire.headlines import common_words, title_case_lines

pytestmark = pytest.mark.model


def test_a_title_case_headline_gets_its_verb(nlp):
    text = "Regional Governor Ama Boateng Condemns Attack On Aid Convoy\n\nThe convoy was hit on Sunday."
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "Condemns")
    assert verb.pos_ == "VERB" and verb.lemma_ == "condemn"
    assert doc.text == text  # the document keeps the article's own characters
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Ama Boateng"]


def test_only_headline_lines_change(nlp):
    doc = nlp("Rebels Seize Border Town\n\nThe Rebels said they would hold the town.")
    lines = title_case_lines(doc)
    assert [" ".join(t.text for t in line) for line in lines] == ["Rebels Seize Border Town"]
    assert doc[1].pos_ == "VERB"  # Seize
    assert "Rebels" in [t.text for t in doc[4:]]


def test_sentence_case_and_capitals_are_left_alone(nlp):
    assert title_case_lines(nlp("Police said two people were hurt in the capital.")) == []
    assert title_case_lines(nlp("EXPERTS DOWNPLAY PLANNED LAUNCH")) == []


def test_contractions_keep_their_norms_in_a_document_with_a_headline(nlp):
    doc = nlp("Minister Rejects New Tax Plan\n\nShe didn't say why.")
    neg = next(t for t in doc if t.text == "n't")
    assert neg.dep_ == "neg"


def test_common_words_are_function_words_and_verb_forms():
    words = common_words()
    assert {"the", "of", "says", "endorses", "condemned", "attacking"} <= words
    assert "boateng" not in words


def test_the_context_of_a_document_survives(nlp):
    texts = [("Rebels Seize Border Town\n\nThe rebels said so.", "a"), ("Plain text.", "b")]
    assert [ctx for _, ctx in nlp.pipe(texts, as_tuples=True)] == ["a", "b"]
