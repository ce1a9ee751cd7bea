"""Where results are kept: the `Store` protocol and its adapters.

    open_store("events.db")              -> SQLiteStore
    open_store("sqlite:///data/ev.db")   -> SQLiteStore on data/ev.db (relative, as in SQLAlchemy)
    open_store("sqlite:////srv/ev.db")   -> SQLiteStore on /srv/ev.db (four slashes: absolute)
    open_store("postgresql://…")         -> ConfigError: not available yet

SQL lives only in this package.
"""

from __future__ import annotations

import os
from urllib.parse import unquote

from ..errors import ConfigError
from .base import (
    AddReport,
    BBox,
    DailyCounts,
    DayBasis,
    EventFilter,
    EventPoint,
    IncidentFilter,
    IncidentMember,
    IncidentRef,
    SearchHit,
    Store,
    StoredArticle,
    StoredEvent,
    StoredIncident,
    StoredProblem,
    StoredRun,
    StoreStats,
    TypeScheme,
)
from .sqlite import SQLiteStore

__all__ = [
    "AddReport",
    "BBox",
    "DailyCounts",
    "DayBasis",
    "EventFilter",
    "EventPoint",
    "IncidentFilter",
    "IncidentMember",
    "IncidentRef",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoreStats",
    "StoredArticle",
    "StoredEvent",
    "StoredIncident",
    "StoredProblem",
    "StoredRun",
    "TypeScheme",
    "open_store",
]

_SQLITE = "sqlite://"


def open_store(path_or_url: str | os.PathLike[str]) -> Store:
    """Open (creating it if need be) the store at a file path or a `sqlite:///path` URL."""
    target = os.fspath(path_or_url)
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
        raise ConfigError("PostgreSQL stores are not available yet; use a SQLite path or sqlite:///path")
    if scheme == "sqlite":
        path = unquote(target[len(_SQLITE):])
        if not path.startswith("/"):
            raise ConfigError(f"bad SQLite URL {target!r}: write sqlite:///relative.db or sqlite:////abs.db")
        path = path[1:]
        if not path:
            raise ConfigError(f"bad SQLite URL {target!r}: it names no file")
        return SQLiteStore(path)
    if scheme:
        raise ConfigError(f"unknown store URL scheme {scheme!r} in {target!r}; use a path or sqlite:///path")
    return SQLiteStore(target)
