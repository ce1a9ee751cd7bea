"""Every output line validates against the project's JSON Schema of the contract."""

from __future__ import annotations

import json

import jsonschema
import pytest

from eventwire import api
from eventwire.contract import contract_schema, to_contract

TEXTS = [
    ("Rebels ambushed an army patrol near Gao on Monday, killing four soldiers, the defence ministry said.",
     "2021-03-02"),
    ('"We will not leave," a protester told reporters as police dispersed the sit-in in Khartoum.', "2019-06-03"),
    ("Nothing happened here.", None),
]


@pytest.fixture(scope="module")
def validator():
    schema = contract_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(("text", "published"), TEXTS)
def test_output_validates(validator, text, published):
    line = to_contract(api.extract(text, published=published))
    errors = sorted(validator.iter_errors(line), key=str)
    assert not errors, errors[0]
    json.dumps(line)  # plain JSON all the way down


def test_examples_validate(validator, tmp_path):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[1] / "examples"
    lines = [to_contract(r) for r in api.extract_sources([examples]) if hasattr(r, "events")]
    assert len(lines) >= 15
    for line in lines:
        errors = list(validator.iter_errors(line))
        assert not errors, (line["id"], errors[0])


def test_almaty_output_validates(validator, shared):
    lines = [to_contract(r) for r in api.extract_sources([shared / "corpus" / "almaty-2022-01-06.input.jsonl"])]
    assert len(lines) == 1
    assert not list(validator.iter_errors(lines[0]))
