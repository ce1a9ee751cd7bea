"""eventwire: turn news into event data.

    import eventwire
    result = eventwire.extract(text, published="2022-01-06")   # one article -> DocumentResult
    db = eventwire.open("eventwire.sqlite")                    # a database of coded articles
"""

from __future__ import annotations

from . import api as _api
from .model import Article, DocumentResult, Event, Problem

__version__ = "0.1.0"

# Bound after the imports above so that the `eventwire.extract` subpackage (loaded by them) does not
# shadow the function: `eventwire.extract(...)` is the public call.
extract = _api.extract
open = _api.open

__all__ = ["Article", "DocumentResult", "Event", "Problem", "extract", "open"]
