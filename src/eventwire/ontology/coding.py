"""Coding an event in ACLED and CAMEO from its PLOVER description, and the way back from CAMEO.

`code_event` normalises its inputs (mode aliases, means aliases, sector case), then walks the rules
of mapping.tsv for the PLOVER type: the first rule that matches gives the ACLED category and the
CAMEO code. Events whose modality ACLED does not record (planned, threatened, denied, hypothetical)
lose their ACLED category whatever the rule says.

Unknown PLOVER types and modalities are errors (they come from closed lists the caller controls).
Unknown modes, contexts, means and sectors come from text analysis: they are logged once and read
as "not given", so one odd word never stops a batch.
"""

from __future__ import annotations

import functools
import logging

from .records import Coding, OntologyError
from .tables import MODALITIES, key, load_tables

__all__ = ["code_event", "normalize_means", "normalize_mode", "plover_for_cameo", "statement_code"]

log = logging.getLogger(__name__)


def _plover_type(plover_type: str) -> str:
    name = plover_type.strip().upper() if isinstance(plover_type, str) else ""
    if name not in load_tables().plover:
        raise OntologyError(f"unknown PLOVER type {plover_type!r} (known: {', '.join(load_tables().plover)})")
    return name


def normalize_mode(plover_type: str, mode: str | None) -> str | None:
    """The PLOVER mode that `mode` names for this type: a mode itself or one of its aliases
    ('march' -> 'demo', 'air strike' -> 'aerial'); None when no mode is given or the alias means
    "no particular mode" ('kill'). Raises OntologyError for a word the type does not know."""
    ptype = load_tables().plover[_plover_type(plover_type)]
    if mode is None or not mode.strip():
        return None
    k = key(mode)
    for m in ptype.modes:
        if key(m) == k:
            return m
    for alias, target in ptype.aliases.items():
        if key(alias) == k:
            return target
    raise OntologyError(f"{mode!r} is not a mode of {ptype.name} (modes: {', '.join(ptype.modes) or 'none'})")


def normalize_means(means: str | None) -> str | None:
    """The canonical means for a word or phrase ('air strike' -> 'aerial', 'tear gas' ->
    'crowd-control'); None when it names no known means."""
    if means is None or not means.strip():
        return None
    return load_tables().means_lookup.get(key(means))


@functools.cache
def _warn_once(what: str, value: str, where: str) -> None:
    log.warning("ontology: unknown %s %r%s; read as not given", what, value, where)


def _context(context: str | None) -> str | None:
    if context is None or not context.strip():
        return None
    for c in load_tables().contexts:
        if key(c) == key(context):
            return c
    return None


def _sector(sector: str | None) -> str | None:
    if sector is None or not sector.strip():
        return None
    code = sector.strip().upper()
    if code not in load_tables().sectors:
        _warn_once("sector", code, "")
    return code


def code_event(plover_type: str, mode: str | None = None, *, actor_sector: str | None = None,
               target_sector: str | None = None, means: str | None = None, modality: str = "happened",
               context: str | None = None) -> Coding:
    """ACLED event type / sub-type and CAMEO code for an event described in PLOVER terms.

    `mode` is a PLOVER mode or alias; for types whose codes depend on a PLOVER context rather than
    a mode (AID, COOPERATE, AGREE...), `mode` may name the context instead ('military' for AID).
    `means` is the weapon or manner ('air strike', 'IED', 'tear gas', 'demand'), `actor_sector` and
    `target_sector` are sector codes (GOV, MIL, REB, CVL...), `modality` one of MODALITIES.
    """
    ptype = _plover_type(plover_type)
    if modality not in MODALITIES:
        raise OntologyError(f"unknown modality {modality!r} (known: {', '.join(MODALITIES)})")
    ctx = _context(context)
    if context is not None and ctx is None:
        _warn_once("context", context, "")
    try:
        mode_n = normalize_mode(ptype, mode)
    except OntologyError:
        assert mode is not None
        mode_n = None
        if _context(mode) is not None and ctx is None:
            ctx = _context(mode)
        else:
            _warn_once("mode", mode, f" for {ptype}")
    means_n = normalize_means(means)
    if means is not None and means.strip() and means_n is None:
        _warn_once("means", means, "")
    return _code(ptype, mode_n, ctx, _sector(actor_sector), _sector(target_sector), means_n, modality)


@functools.lru_cache(maxsize=8192)
def _code(ptype: str, mode: str | None, context: str | None, actor: str | None, target: str | None,
          means: str | None, modality: str) -> Coding:
    t = load_tables()
    for rule in t.rules[ptype]:
        if rule.matches(mode, context, actor, target, means, modality):
            if modality not in t.counted_modalities:
                return Coding(None, None, rule.cameo)
            return Coding(rule.acled_type, rule.acled_sub_type, rule.cameo)
    raise AssertionError(f"mapping.tsv has no catch-all rule for {ptype}")  # the loader checks this


def plover_for_cameo(code: str) -> tuple[str, str | None]:
    """The PLOVER type and mode (or None) that a CAMEO code corresponds to, from cameo.tsv. A code
    the table lacks is read through its nearest known parent (e.g. '1834' as '183'). Raises
    OntologyError when the text is not a CAMEO code at all."""
    c = code.strip() if isinstance(code, str) else ""
    inverse = load_tables().cameo_plover
    if c.isdigit() and 2 <= len(c) <= 4:
        for n in range(len(c), 1, -1):
            if c[:n] in inverse:
                return inverse[c[:n]]
    raise OntologyError(f"{code!r} is not a CAMEO event code (2-4 digits, root 01-20)")


@functools.cache
def statement_code(plover_type: str) -> str:
    """The CAMEO statement or appeal code (roots 01 and 02) that corresponds to a PLOVER type in
    cameo.tsv ('ACCUSE' -> '012', 'REQUEST' -> '020'); '010', make a statement, for a type that
    has none. For events that are said rather than done."""
    ptype = _plover_type(plover_type)
    for code, (plover, _mode) in sorted(load_tables().cameo_plover.items()):
        if len(code) == 3 and code[:2] in {"01", "02"} and plover == ptype:
            return code
    return "010"
