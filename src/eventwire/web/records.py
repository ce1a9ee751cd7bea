"""Stored records into the JSON the REST API answers (and the page reads)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..store import DailyCounts, EventPoint, IncidentMember, StoredArticle, StoredEvent, StoredIncident
from ..views import evidence_spans

__all__ = ["POINT_FIELDS", "article_json", "daily_json", "event_json", "incident_brief", "incident_json",
           "points_row", "types_json"]

NO_TYPE = "(none)"
POINT_FIELDS = ("lat", "lon", "article_id", "seq", "date", "plover_type", "country")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def event_json(row: StoredEvent) -> dict[str, Any]:
    return {"article_id": row.article_id, "seq": row.seq, "title": row.title, "outlet": row.outlet,
            "url": row.url, "published": _iso(row.published), "distance_km": row.distance_km, "event": row.event}


def points_row(p: EventPoint) -> list[Any]:
    """One map point as a short array (the fields of POINT_FIELDS): thousands of them stay small."""
    return [p.lat, p.lon, p.article_id, p.seq, p.date, p.plover_type, p.country]


def _spans(result: dict[str, Any], length: int) -> list[dict[str, Any]]:
    """Evidence spans tagged with the event they belong to (None for quotes), inside the text."""
    tagged: list[tuple[int, int, str, int | None]]
    tagged = [(s, e, kind, None) for s, e, kind in evidence_spans({"quotes": result.get("quotes") or []})]
    for seq, event in enumerate(result.get("events") or []):
        tagged += [(s, e, kind, seq) for s, e, kind in evidence_spans({"events": [event]})]
    return [{"start": s, "end": e, "kind": kind, "event": seq} for s, e, kind, seq in tagged
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= length]


def article_json(art: StoredArticle) -> dict[str, Any]:
    return {"id": art.id, "title": art.title, "url": art.url, "outlet": art.outlet,
            "published": _iso(art.published), "origin": art.origin, "ingested_at": art.ingested_at,
            "text": art.text, "result": art.result, "incident": art.result.get("incident"),
            "spans": _spans(art.result, len(art.text))}


def daily_json(counts: DailyCounts, basis: str) -> dict[str, Any]:
    return {"basis": basis, "days": [{"date": d.isoformat(), "count": n} for d, n in counts.days],
            "not_a_day": counts.not_a_day, "total": counts.total}


def types_json(counts: list[tuple[str | None, int]], scheme: str) -> dict[str, Any]:
    return {"scheme": scheme, "types": [{"type": t or NO_TYPE, "count": n} for t, n in counts],
            "total": sum(n for _, n in counts)}


# -- incidents -------------------------------------------------------------------------------------


def _differs(disagreement: dict[str, Any]) -> list[str]:
    """What the sources disagree on, in a word or two each."""
    out = []
    for key, word in (("fatalities", "killed"), ("injured", "injured")):
        if len({r.get("best") for r in disagreement.get(key) or []}) > 1:
            low, high = disagreement.get(f"{key}_range") or (None, None)
            out.append(f"{word} {low}-{high}")
    out += [key for key in ("dates", "actors") if disagreement.get(key)]
    return out


def incident_brief(inc: StoredIncident) -> dict[str, Any]:
    """One incident in a list: what, where, when, how many sources, what they disagree on."""
    d = inc.summary.get("disagreement") or {}
    return {"id": inc.id, "plover_type": inc.plover_type, "first_date": _iso(inc.first_date),
            "last_date": _iso(inc.last_date), "country": inc.country, "place": inc.summary.get("place"),
            "articles": len(inc.members), "title": next((m.title for m in inc.members if m.title), None),
            "fatalities_range": d.get("fatalities_range"), "disagree": _differs(d),
            "article_ids": [m.article_id for m in inc.members]}


def _source(m: IncidentMember) -> dict[str, Any]:
    return {"article_id": m.article_id, "title": m.title, "outlet": m.outlet, "url": m.url,
            "published": _iso(m.published), "joined": m.reason}


def _timeline(inc: StoredIncident) -> list[dict[str, Any]]:
    """Each source's account (its main event), by the event's date, else publication."""
    members = {m.article_id: m for m in inc.members}
    out = []
    for report in inc.summary.get("reports") or []:
        member = members.get(report.get("article_id"))
        event = report.get("event")
        out.append({"article_id": report.get("article_id"), "published": report.get("published"),
                    "outlet": member.outlet if member else None, "title": member.title if member else None,
                    "date": (event or {}).get("date"), "event": event})
    return sorted(out, key=lambda r: (r["date"] or r["published"] or "", r["article_id"] or ""))


def _disagreements(d: dict[str, Any]) -> dict[str, Any]:
    pairs = {key: [{"article_id": a, "value": v} for a, v in d.get(key) or []] for key in ("dates", "actors")}
    return {"any": bool(d.get("any")), "summary": _differs(d),
            "fatalities": d.get("fatalities") or [], "fatalities_range": d.get("fatalities_range"),
            "injured": d.get("injured") or [], "injured_range": d.get("injured_range"), **pairs}


def incident_json(inc: StoredIncident) -> dict[str, Any]:
    """One incident in full: its sources (and why each joined), the timeline of what each reported,
    and where they disagree (killed and injured by source, dates, actors)."""
    brief = incident_brief(inc)
    del brief["article_ids"]
    return brief | {"sources": [_source(m) for m in inc.members], "timeline": _timeline(inc),
                    "disagreements": _disagreements(inc.summary.get("disagreement") or {})}
