"""Plain-text files: the first line is the title, the rest is the text.

The publication date comes from an ISO date in the file name (`2022-01-06-almaty.txt`), else from
the run's `--published` date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from eventwire.ingest.common import Context, Note, checked_article, date_or_note, decode, read_capped
from eventwire.model import Article, Problem

__all__ = ["date_from_name", "read_text", "split_title"]

log = logging.getLogger(__name__)

_BYTES_PER_CHAR = 4  # UTF-8 needs at most 4 bytes a character: a bigger file is surely too large
_TITLE_MAX_CHARS = 300  # a longer first line is a paragraph, not a title
_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def read_text(path: Path, context: Context) -> Iterator[Article | Problem]:
    """One Article from a .txt file."""
    data = read_capped(path, context.settings.max_chars * _BYTES_PER_CHAR)
    decoded = decode(data)
    title, body = split_title(decoded.text)
    published, date_note = date_from_name(path.name, context.published)
    notes = [note for note in (decoded.note, date_note) if note is not None]
    yield from checked_article(
        body, context=context, origin=str(path), notes=notes, title=title, published=published
    )


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first non-blank line is the title when more text follows and it is short."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if not rest.strip() or len(first) > _TITLE_MAX_CHARS:
        return None, stripped
    return first, rest


def date_from_name(name: str, fallback: dt.date | None) -> tuple[dt.date | None, Note | None]:
    """The ISO date (YYYY-MM-DD) in a file name, else `fallback`; a bad one comes with a note."""
    match = _NAME_DATE.search(name)
    if match is None:
        return fallback, None
    return date_or_note(match.group(1), "date in the file name", fallback)
