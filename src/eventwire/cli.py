"""The `eventwire` command: a thin layer over `eventwire.api` (each command's docstring is its help)."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import api
from .cli_export import export
from .cli_incidents import incident, incidents
from .cli_options import near_option
from .errors import EventwireError
from .model import DocumentResult, Problem
from .pipeline import RunCounts
from .settings import Settings

__all__ = ["main"]

err = Console(stderr=True)


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    try:
        return api.parse_date(value, "--published")
    except EventwireError as exc:
        raise click.BadParameter(str(exc)) from None


@contextmanager
def _progress(quiet: bool, what: str) -> Iterator[Any]:
    """A live counter on stderr (articles, events, problems); nothing when --quiet."""
    if quiet:
        yield lambda item: None
        return
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=None),
               MofNCompleteColumn(), TextColumn("{task.fields[events]} events, {task.fields[problems]} problems"),
               TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(what, total=None, events=0, problems=0)
        tally = Counter[str]()

        def tick(item: DocumentResult | Problem) -> None:
            if isinstance(item, Problem):
                tally["problems"] += 1
            else:
                tally["events"] += len(item.events)
            bar.update(task, advance=1, events=tally["events"], problems=tally["problems"])

        yield tick


def _report_problems(problems: list[Problem], quiet: bool) -> None:
    if not problems:
        return
    by_code = Counter(p.code for p in problems)
    err.print(f"[yellow]{len(problems)} problem(s):[/] " + ", ".join(f"{c}={n}" for c, n in by_code.most_common()))
    if quiet:
        return
    for p in problems[:20]:
        err.print(f"  [yellow]{p.stage}/{p.code}[/] {p.origin or p.article_id or ''}: {p.message}")
    if len(problems) > 20:
        err.print(f"  … and {len(problems) - 20} more (eventwire problems --db PATH lists them all)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="eventwire")
def cli(verbose: int) -> None:
    """eventwire: turn news articles into coded event records (PLOVER, ACLED, CAMEO), with the
    evidence for every value.

    \b
    Quick start:
      eventwire ingest examples/ --db eventwire.sqlite
      eventwire events --db eventwire.sqlite
      eventwire extract articles.jsonl -o events.jsonl
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


_processes = click.option("-p", "--processes", type=click.IntRange(1, 64), default=1, show_default=True,
                          help="Parser processes (spaCy nlp.pipe n_process).")
_published_opt = click.option("--published", callback=_published, metavar="YYYY-MM-DD",
                              help="Publication date for sources that give none (relative dates resolve "
                                   "against it; without any date they stay unresolved).")
_quiet = click.option("-q", "--quiet", is_flag=True, help="No progress bar; only errors and the summary line.")
_db = click.option("--db", default="eventwire.sqlite", show_default=True, help="SQLite database file.")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="Where to write the JSONL (- for stdout).")
@_published_opt
@_processes
@_quiet
def extract(inputs: tuple[str, ...], output: str, published: Any, processes: int, quiet: bool) -> None:
    """Code articles into the JSON contract, one line per article (stateless: no database).

    INPUTS are files or directories: .txt (first line = title), .html, RSS/Atom feeds, .jsonl
    (id, title, text, published, url) and .warc. Output lines keep the input order and ids.
    Articles of this run that report the same incident share an `incident` id, so the lines are
    written once the whole run is coded.
    """
    settings = Settings(processes=processes)
    counts = RunCounts()
    problems: list[Problem] = []
    out = sys.stdout if output == "-" else Path(output).open("w", encoding="utf-8")  # noqa: SIM115
    try:
        with _progress(quiet or output == "-", "extract") as tick:
            for item in api.extract_sources(inputs, published=published, settings=settings, counts=counts,
                                            progress=tick):
                line: dict[str, Any] | None
                if isinstance(item, Problem):
                    problems.append(item)
                    line = api.problem_line(item)
                else:
                    line = api.result_line(item)
                if line is not None:
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    _report_problems(problems, quiet)
    err.print(f"{counts.articles} articles, {counts.events} events" + ("" if output == "-" else f" -> {output}"))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@_db
@_published_opt
@_processes
@_quiet
def ingest(inputs: tuple[str, ...], db: str, published: Any, processes: int, quiet: bool) -> None:
    """Read, code and store articles in the database (already stored articles are skipped).

    Problems (unreadable files, bad lines, non-English texts...) are stored with the run and listed
    at the end; the run goes on and nothing already stored is lost.
    """
    with api.open(db, Settings(processes=processes, db_path=db)) as database, _progress(quiet, "ingest") as tick:
        report = database.ingest(inputs, published=published, progress=tick,
                                 command="ingest " + " ".join(inputs))
    _report_problems(report.problems, quiet)
    err.print(f"run {report.run_id}: {report.added} articles stored, {report.duplicates + report.counts.skipped} "
              f"already there, {report.counts.events} events coded"
              + ("" if report.incidents is None else f", {report.incidents} incidents") + f" -> {db}")


@cli.command()
@_db
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this date.")
@click.option("--country", metavar="ISO3", help="Country of the event's place (e.g. KAZ).")
@click.option("--type", "type_", metavar="TYPE", help="PLOVER type, ACLED event type or sub-type.")
@click.option("--near", callback=near_option, metavar="LAT,LON,KM", help="Events within KM of a point.")
@click.option("--search", metavar="QUERY", help="Full-text query over the events' articles.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
def events(db: str, fmt: str, since: str | None, until: str | None, country: str | None, type_: str | None,
           near: tuple[float, float, float] | None, search: str | None, limit: int | None) -> None:
    """List stored events: date, place, what, who -> whom, killed, source."""
    _need_db(db)
    with api.open(db) as database:
        try:
            rows = database.events(since=since, until=until, country=country, type=type_, near=near,
                                   text=search, limit=limit)
        except EventwireError as exc:
            raise click.UsageError(str(exc)) from None
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps({"article_id": row.article_id, "seq": row.seq, "title": row.title,
                                   "outlet": row.outlet, "url": row.url, **row.event}, ensure_ascii=False))
        return
    flat = [_flat(row) for row in rows]
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(_flat_fields()))
        writer.writeheader()
        writer.writerows(flat)
        return
    table = Table(title=f"{len(rows)} events in {db}", show_lines=False)
    table.add_column("date", no_wrap=True)
    for name in ("place", "what", "who → whom", "killed", "source"):
        table.add_column(name, overflow="fold")
    table.add_column("article", no_wrap=True)
    for f in flat:
        who = f"{f['actor'] or '?'} → {f['target'] or '–'}"
        what = f"{f['plover']}{'/' + f['mode'] if f['mode'] else ''}"
        what += f" ({f['acled_sub']})" if f["acled_sub"] else ""
        if f["modality"] != "happened":
            what += f" [{f['modality']}]"
        table.add_row(f["date"] or "", f["place"] or "", what, who, str(f["killed"] or ""), f["source"] or "",
                      f["article_id"][:12])
    # A pipe or a file gets a wide table rather than rich's 80-column default.
    Console(width=None if sys.stdout.isatty() else 150).print(table)


def _flat_fields() -> dict[str, None]:
    return dict.fromkeys(["article_id", "seq", "date", "place", "country", "lat", "lon", "plover", "mode",
                          "acled_type", "acled_sub", "cameo", "modality", "actor", "actor_code", "target",
                          "target_code", "killed", "injured", "arrested", "source", "trigger", "confidence",
                          "title", "outlet", "url"])


def _flat(row: Any) -> dict[str, Any]:
    e = row.event

    def get(*path: str) -> Any:
        node: Any = e
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node

    return {"article_id": row.article_id, "seq": row.seq, "date": get("date", "value"),
            "place": get("location", "name") or get("location", "text"), "country": get("location", "country"),
            "lat": get("location", "lat"), "lon": get("location", "lon"), "plover": get("plover", "type"),
            "mode": get("plover", "mode"), "acled_type": get("acled", "event_type"),
            "acled_sub": get("acled", "sub_event_type"), "cameo": get("cameo", "code"), "modality": e.get("modality"),
            "actor": get("actor", "text"), "actor_code": get("actor", "code"), "target": get("target", "text"),
            "target_code": get("target", "code"), "killed": get("fatalities", "best"),
            "injured": get("injured", "best"),
            "arrested": get("arrested", "best"),
            "source": get("attribution", "source", "text") or row.outlet, "trigger": get("trigger", "text"),
            "confidence": e.get("confidence"), "title": row.title, "outlet": row.outlet, "url": row.url}


@cli.command()
@click.argument("article_id")
@_db
def show(article_id: str, db: str) -> None:
    """Show one stored article with its events; the evidence spans are marked in the text."""
    _need_db(db)
    with api.open(db) as database:
        art = database.article(article_id)
        if art is None:
            matches = [h for h in database.events(limit=None) if h.article_id.startswith(article_id)]
            art = database.article(matches[0].article_id) if matches else None
    if art is None:
        raise click.ClickException(f"no article {article_id!r} in {db}")
    console = Console()
    console.print(f"[bold]{art.title or '(no title)'}[/]  {art.outlet or ''} {art.published or ''} {art.url or ''}")
    console.print(f"id {art.id}  from {art.origin or '?'}\n")
    from .views import marked_text  # the marking is shared with the web page

    console.print(marked_text(art.text, art.result))
    for n, e in enumerate(art.result.get("events", [])):
        console.print(f"\n[bold]event {n}[/] {e['plover']['type']}/{e['plover']['mode'] or '-'} "
                      f"ACLED {e['acled']['sub_event_type'] or '-'} CAMEO {e['cameo']['code'] or '-'} "
                      f"({e['modality']}, confidence {e['confidence']})")
        for key in ("trigger", "actor", "target", "location", "date", "fatalities", "injured", "arrested"):
            if e.get(key):
                value = e[key]
                extra = {k: v for k, v in value.items() if k not in {"text", "start", "end"} and v is not None}
                console.print(f"  {key:<10} {value.get('text')!r} {extra if extra else ''}", markup=False)
        if e.get("attribution"):
            a = e["attribution"]
            console.print(f"  {'source':<10} {a['source']['text']!r} ({a['source']['kind']}) cue {a['cue']['text']!r}",
                          markup=False)


@cli.command()
@_db
@click.option("--run", "run_id", type=int, default=None, help="Only the problems of this run.")
def problems(db: str, run_id: int | None) -> None:
    """List the problems recorded by ingest runs (per document: stage, code, message)."""
    _need_db(db)
    with api.open(db) as database:
        rows = database.problems(run_id)
    for p in rows:
        click.echo(f"run {p.run_id}\t{p.stage}/{p.code}\t{p.origin or p.article_id or ''}\t{p.message}")
    err.print(f"{len(rows)} problem(s)")


@cli.command()
@click.argument("query")
@_db
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over stored articles (words, "phrases", prefix*)."""
    _need_db(db)
    with api.open(db) as database:
        try:
            hits = database.search(query, limit)
        except EventwireError as exc:
            raise click.UsageError(str(exc)) from None
    for h in hits:
        click.echo(f"{h.article_id}\t{h.title or ''}\t{h.snippet}")


@cli.command()
@_db
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="EVENTWIRE_TOKEN", default=None,
              help="Allow POST /api/articles with 'Authorization: Bearer TOKEN' (also $EVENTWIRE_TOKEN); "
                   "without it the API is read-only.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web page and the REST API (docs at /docs) over a database."""
    _need_db(db)
    import uvicorn

    from .web import create_app

    err.print(f"eventwire: http://{host}:{port}/ over {db}" + (" (POST /api/articles on)" if token else ""))
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")


def _need_db(db: str) -> None:
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; create one with: eventwire ingest SOURCES --db {db}")


cli.add_command(incidents)
cli.add_command(incident)
cli.add_command(export)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except EventwireError as exc:
        err.print(f"[red]error:[/] {exc}")
        sys.exit(2)
