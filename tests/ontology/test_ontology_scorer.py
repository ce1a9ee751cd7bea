"""The tables agree with the shared scorer's label tables (../shared/eval/scorers/classify.py)."""

from __future__ import annotations

import importlib.util

import pytest

from eventwire.ontology import ACLED_SUB_TYPES, PLOVER_TYPES, cameo_info, code_event, plover_info
from eventwire.ontology.tables import load_tables

pytestmark = pytest.mark.shared

# PLOVER and CAMEO disagree on where these types sit, so their default CAMEO root has another
# pentaclass than PLOVER's quad category:
#   REQUEST  PLOVER: verbal conflict; CAMEO 02 (appeal) is a 'statement' in the Phoenix pentaclass
#            (a forceful demand, means='demand', is CAMEO 10: verbal conflict, as PLOVER says)
#   CONCEDE  PLOVER: verbal cooperation; CAMEO 08 (yield) is material cooperation
PENTA_EXCEPTIONS = {"REQUEST", "CONCEDE"}


@pytest.fixture(scope="module")
def classify(shared):
    path = shared / "eval" / "scorers" / "classify.py"
    spec = importlib.util.spec_from_file_location("shared_classify", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_acled_spellings_match_the_scorer(classify):
    assert ACLED_SUB_TYPES == classify.ACLED_SUB


def test_quad_and_penta_classes_match_the_scorer(classify):
    for c in load_tables().cameo.values():
        assert c.quad_class == classify.quadclass(c.root), c.code
        assert c.penta_class == classify.pentaclass(c.root), c.code


def test_plover_quads_match_the_scorer(classify):
    assert set(classify.PLOVER_PENTA) == set(PLOVER_TYPES)
    for ptype in PLOVER_TYPES:
        assert plover_info(ptype).quad == classify.PLOVER_PENTA[ptype], ptype


@pytest.mark.parametrize("ptype", PLOVER_TYPES)
def test_pentaclass_of_each_type_via_its_cameo_root(classify, ptype):
    info = cameo_info(code_event(ptype).cameo)
    assert info is not None
    if ptype in PENTA_EXCEPTIONS:
        assert info.penta_class != classify.PLOVER_PENTA[ptype]
    else:
        assert info.penta_class == classify.PLOVER_PENTA[ptype]


def test_a_demand_is_verbal_conflict(classify):
    info = cameo_info(code_event("REQUEST", means="demand").cameo)
    assert info is not None and info.penta_class == classify.PLOVER_PENTA["REQUEST"]


def test_every_mode_keeps_its_type_in_the_right_class(classify):
    """With any mode, a happened event's CAMEO root keeps the pentaclass of its type's default
    (SANCTION/convict is CAMEO 116, root 11, which is verbal conflict like root 16)."""
    for ptype in PLOVER_TYPES:
        default = cameo_info(code_event(ptype).cameo).penta_class
        for mode in plover_info(ptype).modes:
            info = cameo_info(code_event(ptype, mode).cameo)
            assert info.penta_class == default, (ptype, mode, info.code)
