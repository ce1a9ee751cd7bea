"""Read and check the data files in `data/` once: plover.json, acled.json, cameo.tsv,
cameo_actors.tsv, means.tsv and mapping.tsv (their formats are described in data/README.md).

Every check names the file and line of the problem; a bad table fails loudly at import time rather
than mis-coding events quietly.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, get_args

from ..model import Modality
from .records import CameoCode, Cond, OntologyError, PloverType, Rule, Sector

__all__ = ["MODALITIES", "Tables", "key", "load_tables"]

log = logging.getLogger(__name__)

MODALITIES: tuple[str, ...] = get_args(Modality)
_MAPPING_COLUMNS = ("plover", "mode", "context", "actor", "target", "means", "modality",
                    "acled_type", "acled_sub_type", "cameo", "why")
_CAMEO_COLUMNS = ("code", "name", "quad_class", "penta_class", "goldstein", "plover_type", "plover_mode")
# Phoenix / PETRARCH pentaclass of each CAMEO root (0 statement, 1 verbal coop., 2 material coop.,
# 3 verbal conflict, 4 material conflict), as the shared scorer defines it.
_PENTA = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3, 13: 3, 14: 4,
          15: 4, 16: 3, 17: 4, 18: 4, 19: 4, 20: 4}


def key(text: str) -> str:
    """Lookup form of a word: lower case, with '-', '_' and runs of spaces read as one space."""
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


def _quad(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


@dataclass(frozen=True)
class Tables:
    plover: MappingProxyType[str, PloverType]
    contexts: MappingProxyType[str, str]
    acled_types: MappingProxyType[str, str]  # event type -> description
    acled_sub_types: MappingProxyType[str, tuple[str, str]]  # sub-type -> (event type, description)
    counted_modalities: frozenset[str]
    cameo: MappingProxyType[str, CameoCode]
    cameo_plover: MappingProxyType[str, tuple[str, str | None]]
    sectors: MappingProxyType[str, Sector]
    means: MappingProxyType[str, str]  # canonical means -> meaning
    means_lookup: MappingProxyType[str, str]  # key(word or alias) -> canonical means
    rules: MappingProxyType[str, tuple[Rule, ...]]  # PLOVER type -> its rules, in order


def _text(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def _tsv(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as (line number, {column: value}); '#' lines and blank lines skipped."""
    header: list[str] | None = None
    for n, line in enumerate(_text(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise OntologyError(f"{name}:{n}: header should be {' | '.join(columns)}, "
                                    f"not {' | '.join(cells)}")
            continue
        if len(cells) != len(columns):
            raise OntologyError(f"{name}:{n}: {len(cells)} columns, expected {len(columns)}")
        yield n, {c: v.strip() for c, v in zip(columns, cells, strict=True)}


def _json(name: str) -> dict[str, Any]:
    try:
        data = json.loads(_text(name))
    except json.JSONDecodeError as e:
        raise OntologyError(f"{name}: not valid JSON ({e})") from e
    if not isinstance(data, dict):
        raise OntologyError(f"{name}: the top level should be an object")
    return data


def _load_plover() -> tuple[dict[str, PloverType], dict[str, str]]:
    data = _json("plover.json")
    types: dict[str, PloverType] = {}
    for t in data.get("types", []):
        name = t.get("name", "")
        where = f"plover.json: type {name!r}"
        if not re.fullmatch(r"[A-Z]+", name) or name in types:
            raise OntologyError(f"{where}: names are unique upper-case words")
        if t.get("quad") not in (1, 2, 3, 4):
            raise OntologyError(f"{where}: quad must be 1, 2, 3 or 4, not {t.get('quad')!r}")
        modes = t.get("modes", {})
        aliases = t.get("mode_aliases", {})
        for m in modes:
            if not re.fullmatch(r"[a-z]+(-[a-z]+)*", m):
                raise OntologyError(f"{where}: mode {m!r} should be lower case, words joined by '-'")
        mode_keys = {key(m) for m in modes}
        for word, target in aliases.items():
            if target is not None and target not in modes:
                raise OntologyError(f"{where}: alias {word!r} points to unknown mode {target!r}")
            if key(word) in mode_keys:
                raise OntologyError(f"{where}: alias {word!r} is already a mode")
        types[name] = PloverType(name, t["quad"], t.get("description", ""), MappingProxyType(dict(modes)),
                                 MappingProxyType(dict(aliases)))
    if not types:
        raise OntologyError("plover.json: no types")
    contexts = data.get("contexts", {})
    if not isinstance(contexts, dict) or not contexts:
        raise OntologyError("plover.json: 'contexts' should be a non-empty object")
    return types, dict(contexts)


def _load_acled() -> tuple[dict[str, str], dict[str, tuple[str, str]], frozenset[str]]:
    data = _json("acled.json")
    types: dict[str, str] = {}
    subs: dict[str, tuple[str, str]] = {}
    for et in data.get("event_types", []):
        name = et.get("name", "")
        if not name or name in types:
            raise OntologyError(f"acled.json: event type {name!r} is empty or repeated")
        types[name] = et.get("description", "")
        for sub, desc in et.get("sub_event_types", {}).items():
            if sub in subs:
                raise OntologyError(f"acled.json: sub-event type {sub!r} appears under two event types")
            subs[sub] = (name, desc)
    counted = data.get("counted_modalities", [])
    bad = [m for m in counted if m not in MODALITIES]
    if bad or not counted:
        raise OntologyError(f"acled.json: counted_modalities {counted!r} should be drawn from {MODALITIES}")
    return types, subs, frozenset(counted)


def _load_cameo(plover: dict[str, PloverType]
                ) -> tuple[dict[str, CameoCode], dict[str, tuple[str, str | None]]]:
    codes: dict[str, CameoCode] = {}
    inverse: dict[str, tuple[str, str | None]] = {}
    for n, row in _tsv("cameo.tsv", _CAMEO_COLUMNS):
        code, where = row["code"], f"cameo.tsv:{n}"
        if not re.fullmatch(r"\d{2,4}", code) or not 1 <= int(code[:2]) <= 20:
            raise OntologyError(f"{where}: {code!r} is not a CAMEO code (2-4 digits, root 01-20)")
        if code in codes:
            raise OntologyError(f"{where}: code {code} repeated")
        parent = code[:-1] if len(code) == 4 else code[:2] if len(code) == 3 else None
        if parent is not None and parent not in codes:
            raise OntologyError(f"{where}: code {code} comes before (or without) its parent {parent}")
        root = int(code[:2])
        try:
            quad, penta, goldstein = int(row["quad_class"]), int(row["penta_class"]), float(row["goldstein"])
        except ValueError as e:
            raise OntologyError(f"{where}: quad_class, penta_class and goldstein must be numbers") from e
        if quad != _quad(root):
            raise OntologyError(f"{where}: quad_class {quad}, but root {code[:2]} is {_quad(root)}")
        if penta != _PENTA[root]:
            raise OntologyError(f"{where}: penta_class {penta}, but root {code[:2]} is {_PENTA[root]}")
        if not -10.0 <= goldstein <= 10.0:
            raise OntologyError(f"{where}: Goldstein value {goldstein} is outside [-10, 10]")
        ptype, pmode = row["plover_type"], row["plover_mode"] or None
        if ptype not in plover:
            raise OntologyError(f"{where}: unknown PLOVER type {ptype!r}")
        if pmode is not None and pmode not in plover[ptype].modes:
            raise OntologyError(f"{where}: {pmode!r} is not a mode of {ptype}")
        codes[code] = CameoCode(code, row["name"], code[:2], quad, penta, goldstein)
        inverse[code] = (ptype, pmode)
    missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in codes]
    if missing:
        raise OntologyError(f"cameo.tsv: roots missing: {', '.join(missing)}")
    return codes, inverse


def _load_sectors() -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for n, row in _tsv("cameo_actors.tsv", ("code", "scheme", "groups", "meaning")):
        code = row["code"]
        if not re.fullmatch(r"[A-Z]{3}", code) or code in sectors:
            raise OntologyError(f"cameo_actors.tsv:{n}: {code!r} should be a new three-letter code")
        if row["scheme"] not in ("cameo", "plover"):
            raise OntologyError(f"cameo_actors.tsv:{n}: scheme should be cameo or plover")
        groups = tuple(g.strip() for g in row["groups"].split(",") if g.strip())
        sectors[code] = Sector(code, row["scheme"], groups, row["meaning"])
    return sectors


def _load_means() -> tuple[dict[str, str], dict[str, str]]:
    means: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for n, row in _tsv("means.tsv", ("means", "aliases", "meaning")):
        name = row["means"]
        words = [name, *(a for a in row["aliases"].split("|") if a.strip())]
        for w in words:
            if lookup.get(key(w), name) != name:
                raise OntologyError(f"means.tsv:{n}: {w!r} already stands for {lookup[key(w)]!r}")
            lookup[key(w)] = name
        means[name] = row["meaning"]
    return means, lookup


class _RuleReader:
    """Parses the condition cells of mapping.tsv against the other tables."""

    def __init__(self, plover: dict[str, PloverType], contexts: dict[str, str], sectors: dict[str, Sector],
                 means: dict[str, str]) -> None:
        self.plover, self.contexts, self.sectors, self.means = plover, contexts, sectors, means
        self.groups: dict[str, set[str]] = {}
        for s in sectors.values():
            for g in s.groups:
                self.groups.setdefault(g, set()).add(s.code)

    def cond(self, cell: str, column: str, ptype: str, where: str) -> Cond:
        if cell == "*":
            return None
        allowed: set[str | None] = set()
        for part in cell.split("|"):
            if part == "-":
                allowed.add(None)
            elif part.startswith("@") and column in ("actor", "target"):
                if part[1:] not in self.groups:
                    raise OntologyError(f"{where}: unknown sector group {part!r} "
                                        f"(known: {', '.join(sorted(self.groups))})")
                allowed.update(self.groups[part[1:]])
            else:
                self._check(part, column, ptype, where)
                allowed.add(part)
        return frozenset(allowed)

    def _check(self, value: str, column: str, ptype: str, where: str) -> None:
        known: Any = {"mode": self.plover[ptype].modes, "context": self.contexts, "actor": self.sectors,
                      "target": self.sectors, "means": self.means, "modality": MODALITIES}[column]
        if value not in known:
            what = f"a mode of {ptype}" if column == "mode" else f"a known {column}"
            raise OntologyError(f"{where}: {value!r} is not {what}")


def _load_rules(plover: dict[str, PloverType], contexts: dict[str, str], sectors: dict[str, Sector],
                means: dict[str, str], subs: dict[str, tuple[str, str]], counted: frozenset[str],
                cameo: dict[str, CameoCode]) -> dict[str, tuple[Rule, ...]]:
    reader = _RuleReader(plover, contexts, sectors, means)
    rules: dict[str, list[Rule]] = {t: [] for t in plover}
    for n, row in _tsv("mapping.tsv", _MAPPING_COLUMNS):
        where, ptype = f"mapping.tsv:{n}", row["plover"]
        if ptype not in plover:
            raise OntologyError(f"{where}: unknown PLOVER type {ptype!r} (known: {', '.join(plover)})")
        if rules[ptype] and rules[ptype][-1].is_catch_all:
            raise OntologyError(f"{where}: unreachable, {ptype} already has a catch-all rule above")
        conds = {c: reader.cond(row[c], c, ptype, where)
                 for c in ("mode", "context", "actor", "target", "means", "modality")}
        et, st = (None if row[c] == "-" else row[c] for c in ("acled_type", "acled_sub_type"))
        if (et is None) != (st is None):
            raise OntologyError(f"{where}: give both ACLED event type and sub-type, or neither")
        if st is not None and (st not in subs or subs[st][0] != et):
            raise OntologyError(f"{where}: {et!r} / {st!r} is not an ACLED event type / sub-event type pair")
        modality = conds["modality"]
        if st is not None and modality is not None and not modality & counted:
            raise OntologyError(f"{where}: ACLED category on a rule for modalities ACLED does not record")
        if row["cameo"] not in cameo:
            raise OntologyError(f"{where}: CAMEO code {row['cameo']!r} is not in cameo.tsv")
        rules[ptype].append(Rule(n, ptype, conds["mode"], conds["context"], conds["actor"], conds["target"],
                                 conds["means"], modality, et, st, row["cameo"], row["why"]))
    for ptype, lst in rules.items():
        if not lst or not lst[-1].is_catch_all:
            raise OntologyError(f"mapping.tsv: {ptype} must end with a catch-all rule (every condition '*')")
    return {t: tuple(lst) for t, lst in rules.items()}


@functools.cache
def load_tables() -> Tables:
    """All tables, read and checked once."""
    plover, contexts = _load_plover()
    acled_types, subs, counted = _load_acled()
    cameo, inverse = _load_cameo(plover)
    sectors = _load_sectors()
    means, means_lookup = _load_means()
    rules = _load_rules(plover, contexts, sectors, means, subs, counted, cameo)
    log.debug("ontology tables loaded: %d PLOVER types, %d CAMEO codes, %d rules",
              len(plover), len(cameo), sum(map(len, rules.values())))
    return Tables(MappingProxyType(plover), MappingProxyType(contexts), MappingProxyType(acled_types),
                  MappingProxyType(subs), counted, MappingProxyType(cameo), MappingProxyType(inverse),
                  MappingProxyType(sectors), MappingProxyType(means), MappingProxyType(means_lookup),
                  MappingProxyType(rules))
