"""Option parsers shared by the CLI's command modules (click callbacks)."""

from __future__ import annotations

import click

__all__ = ["near_option"]


def near_option(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, float, float] | None:
    """--near LAT,LON,KM as three floats."""
    if value is None:
        return None
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise click.BadParameter("write LAT,LON,KM, e.g. 43.25,76.92,50") from None
    return lat, lon, km
