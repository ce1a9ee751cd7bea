"""The typed records of the ontology tables, and the one error they raise.

Everything here is a frozen dataclass built once from the data files in `data/` (see `tables.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import EventwireError

__all__ = ["CameoCode", "Coding", "OntologyError", "PloverType", "Rule", "Sector"]


class OntologyError(EventwireError, ValueError):
    """A table in `ontology/data` is malformed, or a caller named a type, mode or code that the
    tables do not know. The message names the file and line, or the bad value and what is allowed."""


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type: its quad category (1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict), a short description and its modes."""

    name: str
    quad: int
    description: str
    modes: Mapping[str, str]  # mode -> short description
    aliases: Mapping[str, str | None]  # loose word -> mode (None: means "no mode")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code (2 to 4 digits; 2 digits = a root / cue category)."""

    code: str
    name: str
    root: str  # the first two digits
    quad_class: int  # 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
    penta_class: int  # Phoenix pentaclass 0-4 (0 = public statement / appeal)
    goldstein: float  # -10 (most conflictual) .. +10 (most cooperative)


@dataclass(frozen=True, slots=True)
class Sector:
    """One actor sector / role code (the last three letters of e.g. KAZGOV)."""

    code: str
    scheme: str  # cameo | plover
    groups: tuple[str, ...]  # named sets used by mapping.tsv: armed, civilian, crowd...
    meaning: str


@dataclass(frozen=True, slots=True)
class Coding:
    """An event's codes in ACLED and CAMEO. ACLED fields are None when ACLED has no category for
    the event (it only records political violence, demonstrations and strategic developments, and
    only things that happened or were attempted)."""

    acled_type: str | None
    acled_sub_type: str | None
    cameo: str | None


# A condition of a mapping rule: None matches anything; otherwise the set of allowed values, where
# None inside the set stands for "not given".
Cond = frozenset[str | None] | None


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of mapping.tsv."""

    line: int
    plover: str
    mode: Cond
    context: Cond
    actor: Cond
    target: Cond
    means: Cond
    modality: Cond
    acled_type: str | None
    acled_sub_type: str | None
    cameo: str
    why: str

    def matches(self, mode: str | None, context: str | None, actor: str | None, target: str | None,
                means: str | None, modality: str) -> bool:
        return all(cond is None or value in cond for cond, value in (
            (self.mode, mode), (self.context, context), (self.actor, actor), (self.target, target),
            (self.means, means), (self.modality, modality)))

    @property
    def is_catch_all(self) -> bool:
        return all(c is None for c in (self.mode, self.context, self.actor, self.target, self.means,
                                       self.modality))
