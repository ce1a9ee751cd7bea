"""The spaCy set-up: paragraphs end sentences, titles and ranks keep their period."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_line_break_ends_a_sentence(nlp):
    doc = nlp("Clashes in the capital\nPolice said two people were hurt.")
    assert [s.text.strip() for s in doc.sents] == ["Clashes in the capital", "Police said two people were hurt."]


@pytest.mark.parametrize("title", ["Sgt.", "Lt.", "Col.", "Capt.", "Pres.", "Maj."])
def test_a_rank_stays_with_the_name_it_precedes(nlp, title):
    doc = nlp(f"Troops led by {title} Omar Haddad entered the town. Two soldiers were wounded.")
    assert title in [t.text for t in doc]
    assert len(list(doc.sents)) == 2



@pytest.mark.parametrize("text", [
    "Minnesota Gov. Mark Dayton is backing the senator.",
    "Texas Sen. Ted Cruz is standing by his remarks.",
])
def test_a_title_after_a_place_does_not_start_a_sentence(nlp, text):
    assert len(list(nlp(text).sents)) == 1
