"""`eventwire export`: a thin view over `Database.export` (registered on the `eventwire` group by
cli.py; the command's docstring is its help)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from . import api
from .cli_options import near_option
from .errors import EventwireError
from .export import FORMATS

__all__ = ["export"]

err = Console(stderr=True)

_SKIPPED = {"acled": "outside ACLED's scope (no ACLED event type)", "gdelt": "with no CAMEO code"}


@click.command()
@click.option("--db", default="eventwire.sqlite", show_default=True, help="SQLite database file.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="acled: ACLED-style CSV; gdelt: GDELT/CAMEO-style TSV with a header; jsonl: contract events "
                   "with their incident; parquet: typed columns.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), required=True,
              help="File to write (- for stdout, except parquet).")
@click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this date.")
@click.option("--country", metavar="ISO3", help="Country of the event's place (e.g. KAZ).")
@click.option("--type", "type_", metavar="TYPE", help="PLOVER type, ACLED event type or sub-type.")
@click.option("--near", callback=near_option, metavar="LAT,LON,KM", help="Events within KM of a point.")
@click.option("--search", metavar="QUERY", help="Full-text query over the events' articles.")
def export(db: str, fmt: str, output: str, since: str | None, until: str | None, country: str | None,
           type_: str | None, near: tuple[float, float, float] | None, search: str | None) -> None:
    """Export stored events as ACLED-style CSV, GDELT-style TSV, JSONL or Parquet (the filters of
    `eventwire events`). One row per event; every row names the incident of its article. Rows are
    read and written a page at a time, so large databases export in flat memory."""
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}; create one with: eventwire ingest SOURCES --db {db}")
    with api.open(db) as database:
        try:
            report = database.export(fmt, output, since=since, until=until, country=country, type=type_,
                                     near=near, text=search)
        except EventwireError as exc:
            raise click.UsageError(str(exc)) from None
    skipped = f"; {report.skipped} left out, {_SKIPPED[fmt]}" if report.skipped else ""
    err.print(f"{report.rows} events as {fmt} -> {output}{skipped}")
