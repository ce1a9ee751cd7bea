"""The REST API and the web page: a FastAPI app over one `eventwire.api.Database`.

    create_app(db_path, token=None)
      GET  /                      the page (static/index.html; no external resources)
      GET  /api/events            filtered, paged events with the total
      GET  /api/events/points     where the filtered events happened (for the map; no JSON read)
      GET  /api/incidents         filtered, paged incidents with the total
      GET  /api/incidents/{id}    one incident: sources, timeline, disagreements
      GET  /api/articles/{id}     article text, contract and evidence spans
      GET  /api/stats/daily       events per day (for the timeline)
      GET  /api/stats/types       events per type (for charts)
      GET  /api/search?q=         full-text search over articles
      POST /api/articles          code and store one article (only with a token)
      GET  /docs                  the API docs (Swagger UI, served from here: see docs.py)

Events and incidents take the same filters: since, until, country, type, near or bbox, actor, q.
Bad parameters answer 4xx with `{"detail": ...}`; an `EventwireError` (bad date, since > until...)
answers 400. The app holds no logic of its own: reads and writes go through `eventwire.api`, and
every filter runs in the store's SQL.
"""

from __future__ import annotations

import hmac
import json
import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as Path_
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import api
from ..errors import EventwireError
from ..model import DocumentResult, Problem
from ..store import DayBasis, TypeScheme
from .docs import DOCS_CSP, add_docs
from .query import Filters
from .records import (
    POINT_FIELDS,
    article_json,
    daily_json,
    event_json,
    incident_brief,
    incident_json,
    points_row,
    types_json,
)

__all__ = ["ArticleIn", "create_app"]

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
MAX_LIMIT = 1000
MAX_POINTS = 20_000
MAX_OFFSET = 2**31 - 1
# The page loads nothing from elsewhere, and neither does /docs (docs.py).
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class ArticleIn(BaseModel):
    """One article to code and store (the fields of a JSONL source line)."""

    text: str = Field(min_length=1, max_length=1_000_000, description="The article's text, kept verbatim.")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    id: str | None = Field(default=None, max_length=500, description="Your id for it (default: a hash of the text).")


def _filters(
    since: Annotated[str | None, Query(description="Events on or after this date (YYYY-MM-DD).", max_length=40)] = None,
    until: Annotated[str | None, Query(description="Events on or before this date (YYYY-MM-DD).",
                                       max_length=40)] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-3 of the place (or actor).",
                                         pattern=r"^\s*[A-Za-z]{3}\s*$")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, ACLED event type or sub-type (for incidents: "
                                      "their PLOVER type, or an ACLED type of one of their events).",
                                      max_length=100)] = None,
    near: Annotated[str | None, Query(description="lat,lon,km: events within km of a point.", max_length=100)] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat.", max_length=200)] = None,
    actor: Annotated[str | None, Query(description="Text in the actor's words, name or code.", max_length=200)] = None,
    q: Annotated[str | None, Query(description="Full-text query over the events' articles.", max_length=500)] = None,
) -> Filters:
    return Filters.parse(since=since, until=until, country=country, type=type, near=near, bbox=bbox, actor=actor, q=q)


Filtered = Annotated[Filters, Depends(_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many first.")]


def create_app(db_path: str | Path, *, token: str | None = None) -> FastAPI:
    """The app over the database at `db_path`; `POST /api/articles` is on only when `token` is given."""
    db = api.open(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="eventwire", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Coded news events (PLOVER, ACLED, CAMEO) with the evidence for every value.")
    app.state.db = db

    @app.exception_handler(EventwireError)
    async def _bad_request(request: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        path = request.url.path
        if path == "/" or path.startswith("/static/"):
            response.headers["Content-Security-Policy"] = PAGE_CSP
        elif path == "/docs" or path.startswith("/docs/"):
            response.headers["Content-Security-Policy"] = DOCS_CSP
        return response

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_docs(app)

    @app.get("/api/events", tags=["events"])
    def events(filters: Filtered, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events matching every filter, ordered by date (undated last), one page with the total."""
        total, rows = db.events_page(limit, offset, **filters.kwargs())
        return {"total": total, "limit": limit, "offset": offset, "events": [event_json(r) for r in rows]}

    @app.get("/api/events/points", tags=["events"])
    def event_points(filters: Filtered, limit: Annotated[int, Query(ge=1, le=MAX_POINTS)] = 5000) -> dict[str, Any]:
        """Where the matching events happened, in the order of /api/events (events without coordinates
        left out): `[lat, lon, article_id, seq, date, plover_type, country]` each; `more` says that
        the limit cut the list."""
        points = db.event_points(limit + 1, **filters.kwargs())
        return {"limit": limit, "more": len(points) > limit, "fields": list(POINT_FIELDS),
                "points": [points_row(p) for p in points[:limit]]}

    @app.get("/api/incidents", tags=["incidents"])
    def incidents(filters: Filtered, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Incidents (the reports of many articles about one real-world event) matching every filter,
        by first date (undated last), one page with the total. `near`, `bbox` and `actor` match one
        event of one of the incident's articles; `q` one of its articles."""
        total, rows = db.incidents_page(limit, offset, **filters.kwargs())
        return {"total": total, "limit": limit, "offset": offset, "incidents": [incident_brief(r) for r in rows]}

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def incident(incident_id: Annotated[str, Path_(max_length=200)]) -> dict[str, Any]:
        """One incident (its id, or an unambiguous prefix of 4 characters or more): its sources and why
        each joined, the timeline of what each reported, and where they disagree."""
        found = db.incident(incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        return incident_json(found)

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        """One article: its text, its contract (events, places, times, quotes) and the evidence spans
        to highlight, each with its kind and the event it belongs to (null for quotes)."""
        art = db.article(article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return article_json(art)

    @app.get("/api/stats/daily", tags=["stats"])
    def stats_daily(filters: Filtered, basis: DayBasis = "event") -> dict[str, Any]:
        """Matching events per day of the event's date (or of publication); coarser dates counted apart."""
        return daily_json(db.events_per_day(basis, **filters.kwargs()), basis)

    @app.get("/api/stats/types", tags=["stats"])
    def stats_types(filters: Filtered, scheme: TypeScheme = "plover") -> dict[str, Any]:
        """Matching events per type of one scheme (CAMEO by root code), most frequent first."""
        return types_json(db.events_per_type(scheme, **filters.kwargs()), scheme)

    @app.get("/api/search", tags=["articles"])
    def search(q: Annotated[str, Query(min_length=1, max_length=500, description='words, "phrases", prefix*')],
               limit: Limit = 20) -> dict[str, Any]:
        """Full-text search over article titles and texts, best first; matches in the snippet are
        between [ and ] (plain text, not HTML)."""
        hits = db.search(q, limit)
        return {"q": q, "hits": [{"article_id": h.article_id, "title": h.title, "snippet": h.snippet,
                                  "score": h.score} for h in hits]}

    def _authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        if token is None:
            raise HTTPException(403, "adding articles is disabled: start the server with a token")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                                headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/articles", tags=["articles"], status_code=201, dependencies=[Depends(_authorised)])
    def add_article(item: ArticleIn) -> dict[str, Any]:
        """Code and store one article (needs the server's token); an article already stored is kept
        as it was. Answers the run, the ids coded and any problems."""
        api.parse_date(item.published, "published")
        return _ingest(db, item)

    return app


def _ingest(db: api.Database, item: ArticleIn) -> dict[str, Any]:
    """Through the same path as `eventwire ingest`: a one-line JSONL source."""
    coded: list[str] = []

    def seen(result: DocumentResult | Problem) -> None:
        if isinstance(result, DocumentResult):
            coded.append(result.article.id)

    with tempfile.TemporaryDirectory(prefix="eventwire-web-") as tmp:
        source = Path(tmp) / "article.jsonl"
        source.write_text(json.dumps(item.model_dump(exclude_none=True), ensure_ascii=False) + "\n",
                          encoding="utf-8")
        report = db.ingest([source], progress=seen, command="web POST /api/articles")
    log.info("web ingest: run %s, %s added", report.run_id, report.added)
    return {"run_id": report.run_id, "added": report.added,
            "duplicates": report.duplicates + report.counts.skipped, "ids": coded,
            "events": report.counts.events,
            "problems": [{"stage": p.stage, "code": p.code, "message": p.message} for p in report.problems]}
