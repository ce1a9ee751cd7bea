"""The event read paths of `SQLiteStore`: pages, totals, map points and counts, each one statement
of `select.py` run through the store's reader (`_read`, `_read_together`, under its lock)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import Any

from . import select
from .base import DailyCounts, DayBasis, EventFilter, EventPoint, StoredEvent, TypeScheme

__all__ = ["DENSE_TEXT", "EventReads"]

DENSE_TEXT = 0.02  # a full-text query matching this share of the articles or more is "dense"


class EventReads:
    """Mixed into `SQLiteStore`, which provides the reader."""

    def _read(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        raise NotImplementedError

    def _read_together(self, *statements: tuple[str, Sequence[Any]]) -> list[list[sqlite3.Row]]:
        raise NotImplementedError

    def events(
        self, filter: EventFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredEvent]:
        f = filter or EventFilter()
        statement = select.events_page(f, limit, offset, self._type_columns(f.type), probe_text=self._probe_text(f))
        return [_event(r) for r in self._read(*statement)]

    def page_events(
        self, filter: EventFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[int, list[StoredEvent]]:
        f = filter or EventFilter()
        if self._probe_text(f):
            rows = self._read(*select.events_page(f, limit, offset, self._type_columns(f.type), probe_text=True))
            return self.count_events(f), [_event(r) for r in rows]
        rows = self._read(*select.events_page(f, limit, offset, self._type_columns(f.type), counted=True))
        total = int(rows[0]["total"]) if rows else 0 if offset == 0 else self.count_events(f)
        return total, [_event(r) for r in rows]

    def count_events(self, filter: EventFilter | None = None) -> int:
        f = filter or EventFilter()
        return int(self._read(*select.count_events(f, self._type_columns(f.type)))[0][0])

    def event_points(self, filter: EventFilter | None = None, limit: int | None = None) -> list[EventPoint]:
        f = filter or EventFilter()
        rows = self._read(*select.event_points(f, limit, self._type_columns(f.type)))
        return [EventPoint(article_id=r[0], seq=r[1], lat=r[2], lon=r[3], date=r[4], plover_type=r[5], country=r[6])
                for r in rows]

    def count_events_by_day(self, filter: EventFilter | None = None, basis: DayBasis = "event") -> DailyCounts:
        f = filter or EventFilter()
        columns = self._type_columns(f.type)
        rows, total = self._read_together(select.events_by_day(f, basis, columns), select.count_events(f, columns))
        days = tuple((dt.date.fromisoformat(r["day"]), int(r["n"])) for r in rows)
        total_n = int(total[0][0])
        return DailyCounts(days=days, not_a_day=total_n - sum(n for _, n in days), total=total_n)

    def count_events_by_type(
        self, filter: EventFilter | None = None, scheme: TypeScheme = "plover"
    ) -> list[tuple[str | None, int]]:
        f = filter or EventFilter()
        counts: Counter[str | None] = Counter()
        for r in self._read(*select.events_by_type(f, scheme, self._type_columns(f.type))):
            kind = r["type"] or None
            counts[kind[:2] if kind and scheme == "cameo" else kind] += int(r["n"])
        return sorted(counts.items(), key=lambda tn: (-tn[1], tn[0] or ""))

    def _probe_text(self, f: EventFilter) -> bool:
        """Whether the page should look events up in the text's matches (they are many: see
        `select.text_share`) rather than start from them; only when text is the one costly filter."""
        if f.text is None or f.near is not None or f.bbox is not None or f.actor is not None:
            return False
        return float(self._read(*select.text_share(f.text))[0][0]) >= DENSE_TEXT

    def _type_columns(self, value: str | None) -> tuple[str, ...]:
        """The columns that hold this type (PLOVER, ACLED type or sub-type), so that one index answers."""
        if value is None:
            return select.TYPE_COLUMNS
        found = self._read(*select.type_probe(value))[0]
        return tuple(c for c, there in zip(select.TYPE_COLUMNS, found, strict=True) if there)


def _event(r: sqlite3.Row) -> StoredEvent:
    return StoredEvent(article_id=r["article_id"], seq=r["seq"], event=json.loads(r["event_json"]), title=r["title"],
                       outlet=r["outlet"], url=r["url"], published=_date(r["published"]), distance_km=r["distance"])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
