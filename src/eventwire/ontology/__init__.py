"""PLOVER, ACLED and CAMEO: the three event ontologies as data tables, and the mapping between them.

The tables live in `data/` (written by us from the public codebooks; formats in data/README.md) and
are read and checked once, on first import:

    plover.json        16 PLOVER types: quad category, description, modes, mode aliases; contexts
    acled.json         6 ACLED event types, 25 sub-event types, which modalities ACLED records
    cameo.tsv          CAMEO event codes: name, quad class, pentaclass, Goldstein, PLOVER equivalent
    cameo_actors.tsv   actor sector codes (GOV, MIL, REB, CVL...) and the groups the rules use
    means.tsv          weapons and manners (aerial, shelling, ied, tear gas...) with their aliases
    mapping.tsv        rules (PLOVER type, mode, context, actor, target, means, modality)
                       -> (ACLED type, ACLED sub-type, CAMEO code); first match wins

    >>> code_event("ASSAULT", "firearms", actor_sector="MIL", target_sector="REB")
    Coding(acled_type='Battles', acled_sub_type='Armed clash', cameo='193')
    >>> plover_for_cameo("145")
    ('PROTEST', 'riot')
"""

from __future__ import annotations

from .coding import code_event, normalize_means, normalize_mode, plover_for_cameo, statement_code
from .records import CameoCode, Coding, OntologyError, PloverType, Sector
from .tables import MODALITIES, load_tables

__all__ = [
    "ACLED_EVENT_TYPES",
    "ACLED_SUB_TYPES",
    "MEANS",
    "MODALITIES",
    "PLOVER_CONTEXTS",
    "PLOVER_TYPES",
    "CameoCode",
    "Coding",
    "OntologyError",
    "PloverType",
    "Sector",
    "acled_description",
    "cameo_info",
    "code_event",
    "normalize_means",
    "normalize_mode",
    "plover_for_cameo",
    "plover_info",
    "plover_modes",
    "sector_info",
    "statement_code",
]

PLOVER_TYPES: tuple[str, ...] = tuple(load_tables().plover)
PLOVER_CONTEXTS: tuple[str, ...] = tuple(load_tables().contexts)
ACLED_EVENT_TYPES: tuple[str, ...] = tuple(load_tables().acled_types)
ACLED_SUB_TYPES: dict[str, str] = {sub: et for sub, (et, _) in load_tables().acled_sub_types.items()}
MEANS: tuple[str, ...] = tuple(load_tables().means)


def plover_info(plover_type: str) -> PloverType:
    """The PLOVER type record (quad category, description, modes). Raises OntologyError if unknown."""
    name = plover_type.strip().upper()
    if name not in load_tables().plover:
        raise OntologyError(f"unknown PLOVER type {plover_type!r} (known: {', '.join(PLOVER_TYPES)})")
    return load_tables().plover[name]


def plover_modes(plover_type: str) -> tuple[str, ...]:
    """The modes of a PLOVER type (empty for types without modes, e.g. AGREE)."""
    return tuple(plover_info(plover_type).modes)


def cameo_info(code: str) -> CameoCode | None:
    """The CAMEO code record ('141', '14', '1831'), or None for a code CAMEO does not have."""
    return load_tables().cameo.get(code.strip()) if isinstance(code, str) else None


def sector_info(code: str) -> Sector | None:
    """The actor sector record ('GOV', 'REB'...), or None for an unknown code."""
    return load_tables().sectors.get(code.strip().upper()) if isinstance(code, str) else None


def acled_description(name: str) -> str | None:
    """Our short description of an ACLED event type or sub-event type, or None if unknown."""
    t = load_tables()
    if name in t.acled_types:
        return t.acled_types[name]
    sub = t.acled_sub_types.get(name)
    return sub[1] if sub else None
