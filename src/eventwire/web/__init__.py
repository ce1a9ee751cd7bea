"""The REST API and the single web page (thin: every read and write goes through `eventwire.api`)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
