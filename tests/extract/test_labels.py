"""Loaded labels and who used them. The sentences are written for these tests; the Almaty check
reads its article from ../shared (skipped without it)."""

from __future__ import annotations

import json

import pytest

from eventwire.extract.labels import UNATTRIBUTED, find_labels, label_lexicon
from eventwire.extract.quotes import find_quotes
from eventwire.model import Label

pytestmark = pytest.mark.model


def _labels(nlp, text: str, outlet: str | None = "Daily Planet") -> list[Label]:
    doc = nlp(text)
    return find_labels(doc, find_quotes(doc), outlet)


def test_word_in_the_narrative_is_the_outlets(nlp):
    found = _labels(nlp, "Rioters set fire to two shops near the station on Saturday night.")
    assert [(lab.text, lab.used_by) for lab in found] == [("Rioters", "Daily Planet")]


def test_without_an_outlet_the_author_used_it(nlp):
    found = _labels(nlp, "Looters emptied the pharmacy before dawn.", outlet=None)
    assert [(lab.text, lab.used_by) for lab in found] == [("Looters", "author")]


def test_word_in_a_quote_is_the_speakers(nlp):
    found = _labels(nlp, '"These bandits will be punished," the interior minister said.')
    assert [(lab.text, lab.used_by) for lab in found] == [("bandits", "the interior minister")]


def test_word_in_indirect_speech_is_the_speakers(nlp):
    found = _labels(nlp, "The governor said that terrorists had attacked the checkpoint.")
    assert [(lab.text, lab.used_by) for lab in found] == [("terrorists", "The governor")]


def test_pronoun_speaker_is_resolved_to_the_name(nlp):
    text = "General Omar Haddad said the army held the bridge. He added that the thugs had fled."
    found = _labels(nlp, text)
    assert [(lab.text, lab.used_by) for lab in found] == [("thugs", "General Omar Haddad")]


def test_modifier_of_a_group_noun_takes_the_noun(nlp):
    found = _labels(nlp, "Officials blamed foreign-trained fighters and terrorist groups for the unrest.")
    assert [lab.text for lab in found] == ["foreign-trained fighters", "terrorist groups"]


def test_regime_only_when_it_names_a_government(nlp):
    assert [lab.text for lab in _labels(nlp, "The regime cut the internet in the capital.")] == ["regime"]
    assert _labels(nlp, "The sanctions regime was tightened in March.") == []


def test_neutral_words_are_not_labels(nlp):
    text = "Militants and rebels clashed with protesters after a terrorist attack on the market."
    assert _labels(nlp, text) == []


def test_valorising_words_are_labels_too(nlp):
    found = _labels(nlp, "Crowds gathered to mourn the martyrs of the uprising.")
    assert [lab.text for lab in found] == ["martyrs"]


def test_spans_index_the_text(nlp):
    text = '"The occupiers must leave," a spokesman said, as extremists threatened the town.'
    for lab in _labels(nlp, text):
        assert text[lab.start : lab.end] == lab.text


def test_lexicon_entries_are_well_formed():
    terms = label_lexicon()
    assert terms and all(t.match in ("noun", "group", "state", "phrase") for t in terms)
    assert all(t.leaning in ("against", "for") for t in terms)


@pytest.mark.shared
def test_almaty_article_labels(nlp, shared):
    path = shared / "corpus" / "almaty-2022-01-06.input.jsonl"
    expected = json.loads((shared / "corpus" / "almaty-2022-01-06.expected.json").read_text())
    row = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    doc = nlp(row["text"])
    found = find_labels(doc, find_quotes(doc), row.get("outlet"))
    for word in expected["labels"]:
        hits = [lab for lab in found if word in lab.text.lower()]
        assert hits, word
        assert all("tokayev" in lab.used_by.lower() for lab in hits), hits


def test_word_in_scare_quotes_is_not_the_outlets(nlp):
    found = _labels(nlp, 'The ministry blamed "terrorists" for the fire, which destroyed the archive.')
    assert [(lab.text, lab.used_by) for lab in found] == [("terrorists", "The ministry")]
    found = _labels(nlp, 'Posters across the city called the marchers "looters".')
    assert [(lab.text, lab.used_by) for lab in found] == [("looters", UNATTRIBUTED)]
