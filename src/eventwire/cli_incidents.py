"""`eventwire incidents` and `eventwire incident`: thin views over `Database.incidents` / `incident`
(registered on the `eventwire` group by cli.py; each command's docstring is its help)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import api
from .errors import EventwireError
from .store import StoredIncident

__all__ = ["incident", "incidents"]

_CSV_FIELDS = ("id", "first_date", "last_date", "plover_type", "country", "place", "articles", "fatalities_low",
               "fatalities_high", "disagreement", "title", "article_ids")


def _open(db: str) -> api.Database:
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; create one with: eventwire ingest SOURCES --db {db}")
    return api.open(db)


def _record(inc: StoredIncident) -> dict[str, Any]:
    """The JSON of one incident (what `--format jsonl` writes)."""
    return {"id": inc.id, "plover_type": inc.plover_type, "first_date": _iso(inc.first_date),
            "last_date": _iso(inc.last_date), "country": inc.country, "summary": inc.summary,
            "members": [{"article_id": m.article_id, "title": m.title, "outlet": m.outlet, "url": m.url,
                         "published": _iso(m.published), "reason": m.reason} for m in inc.members]}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _flat(inc: StoredIncident) -> dict[str, Any]:
    rng = inc.summary.get("disagreement", {}).get("fatalities_range") or [None, None]
    title = next((m.title for m in inc.members if m.title), None)
    return {"id": inc.id, "first_date": _iso(inc.first_date), "last_date": _iso(inc.last_date),
            "plover_type": inc.plover_type, "country": inc.country, "place": inc.summary.get("place"),
            "articles": len(inc.members), "fatalities_low": rng[0], "fatalities_high": rng[1],
            "disagreement": ", ".join(_differs(inc)), "title": title,
            "article_ids": " ".join(m.article_id for m in inc.members)}


def _differs(inc: StoredIncident) -> list[str]:
    """What the sources disagree on, in a few words."""
    d = inc.summary.get("disagreement", {})
    out = []
    for key, word in (("fatalities", "killed"), ("injured", "injured")):
        if len({r["best"] for r in d.get(key, [])}) > 1:
            lo, hi = d[f"{key}_range"]
            out.append(f"{word} {lo}-{hi}")
    if d.get("dates"):
        out.append("dates")
    if d.get("actors"):
        out.append("actors")
    if d.get("labels"):
        out.append("labels")
    return out


@click.command()
@click.option("--db", default="eventwire.sqlite", show_default=True, help="SQLite database file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--since", metavar="YYYY-MM-DD", help="Incidents that last until this date or later.")
@click.option("--until", metavar="YYYY-MM-DD", help="Incidents that begin on this date or earlier.")
@click.option("--country", metavar="ISO3", help="Country of the incident (e.g. KAZ).")
@click.option("--type", "type_", metavar="TYPE", help="PLOVER type of the incident (e.g. PROTEST).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many incidents.")
def incidents(db: str, fmt: str, since: str | None, until: str | None, country: str | None, type_: str | None,
              limit: int | None) -> None:
    """List incidents: the reports of many articles about one real-world event, merged, with what
    their sources disagree on (killed, dates, actors, labels). `eventwire incident ID` shows one."""
    with _open(db) as database:
        try:
            rows = database.incidents(since=since, until=until, country=country, type=type_, limit=limit)
        except EventwireError as exc:
            raise click.UsageError(str(exc)) from None
    if fmt == "jsonl":
        for inc in rows:
            click.echo(json.dumps(_record(inc), ensure_ascii=False, sort_keys=True))
        return
    flat = [_flat(inc) for inc in rows]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(_CSV_FIELDS))
        writer.writeheader()
        writer.writerows(flat)
        return
    table = Table(title=f"{len(rows)} incidents in {db}")
    table.add_column("incident", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    for name in ("what", "where", "sources", "killed", "disagree", "headline"):
        table.add_column(name, overflow="fold")
    for f in flat:
        dates = f["first_date"] or ""
        if f["last_date"] and f["last_date"] != f["first_date"]:
            dates += f"..{f['last_date']}"
        killed = "" if f["fatalities_low"] is None else (
            str(f["fatalities_low"]) if f["fatalities_low"] == f["fatalities_high"]
            else f"{f['fatalities_low']}-{f['fatalities_high']}")
        table.add_row(f["id"], dates, f["plover_type"] or "", " ".join(x for x in (f["place"], f["country"]) if x),
                      str(f["articles"]), killed, f["disagreement"], escape(f["title"] or ""))
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@click.command()
@click.argument("incident_id")
@click.option("--db", default="eventwire.sqlite", show_default=True, help="SQLite database file.")
@click.option("--json", "as_json", is_flag=True, help="Print the incident as one JSON object.")
def incident(incident_id: str, db: str, as_json: bool) -> None:
    """Show one incident (an id or its unambiguous prefix): its sources, the timeline of what each
    reported, and where they disagree (killed and injured by source, dates, actors, loaded labels)."""
    with _open(db) as database:
        inc = database.incident(incident_id)
    if inc is None:
        raise click.ClickException(f"no incident {incident_id!r} in {db} (eventwire incidents --db {db} lists them)")
    if as_json:
        click.echo(json.dumps(_record(inc), ensure_ascii=False, indent=1, sort_keys=True))
        return
    out = Console(width=None if sys.stdout.isatty() else 160, highlight=False)
    names = {m.article_id: m.outlet or m.title or m.article_id for m in inc.members}
    dates = inc.first_date.isoformat() if inc.first_date else "undated"
    if inc.last_date and inc.last_date != inc.first_date:
        dates += f" .. {inc.last_date.isoformat()}"
    place = " ".join(x for x in (inc.summary.get("place"), inc.country) if x)
    out.print(f"[bold]{inc.id}[/]  {inc.plover_type or '?'}  {escape(place)}  {dates}  "
              f"({len(inc.members)} source{'s' if len(inc.members) != 1 else ''})")

    out.print("\n[bold]sources[/]")
    for m in inc.members:
        why = m.reason
        joined = "" if why is None else (f"  [dim]joined {why['joined'][:12]} (score {why['score']}, "
                                         f"shared: {escape(', '.join(why['shared'][:4]))})[/]")
        out.print(f"  {m.article_id[:12]}  {escape(m.outlet or '-')}  {m.published or ''}  "
                  f"{escape(m.title or '(no title)')}{joined}")
        if m.url:
            out.print(f"      {escape(m.url)}")

    out.print("\n[bold]timeline[/]")
    reports = sorted(inc.summary.get("reports", []),
                     key=lambda r: ((r.get("event") or {}).get("date") or r.get("published") or "", r["article_id"]))
    for r in reports:
        e = r.get("event")
        if e is None:
            out.print(f"  {r.get('published') or '?':<10}  {escape(names[r['article_id']])}: no event coded")
            continue
        what = f"{e['type']}{'/' + e['mode'] if e.get('mode') else ''} {escape(repr(e['trigger']))}"
        bits = [x for x in (e.get("place"), e.get("actor") and f"by {e['actor']}",
                            e.get("fatalities") and f"{e['fatalities']['best']} killed",
                            e.get("injured") and f"{e['injured']['best']} injured") if x]
        when = (e.get("date") or "?") + ("*" if e.get("date_inferred") else "")
        out.print(f"  {when:<10}  {escape(names[r['article_id']])}: {what}"
                  + (f" ({escape(', '.join(bits))})" if bits else ""))

    out.print("\n[bold]disagreements[/]")
    d = inc.summary.get("disagreement", {})
    shown = False
    for key, word in (("fatalities", "killed"), ("injured", "injured")):
        reports_of = d.get(key, [])
        if len({r["best"] for r in reports_of}) > 1:
            shown = True
            out.print(f"  {word}: " + "; ".join(f"{r['best']} ({escape(repr(r['text']))}, "
                                                 f"{escape(names.get(r['article_id'], r['article_id']))})"
                                                 for r in reports_of))
    for key, word in (("dates", "dates"), ("actors", "actors")):
        if d.get(key):
            shown = True
            out.print(f"  {word}: " + "; ".join(f"{escape(str(v))} ({escape(names.get(a, a))})" for a, v in d[key]))
    if d.get("labels"):
        shown = True
        out.print("  labels: " + "; ".join(f"{escape(repr(word))} ({escape(by)}, {escape(names.get(a, a))})"
                                            for a, word, by in d["labels"]))
    if not shown:
        out.print("  none: the sources agree on what they both report")
