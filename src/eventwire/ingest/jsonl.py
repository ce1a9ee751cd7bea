"""JSON Lines: one article per line, `{"id", "title", "text", "published", "url", "outlet"}`.

Only `text` is required. A given `id` is kept as the Article's id so that output lines match input
lines. A bad line becomes a Problem (`bad_json`, `bad_record`, `too_large`, ...) and the other
lines go on. Lines are read one at a time, so the file may be of any size; blank lines are skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.errors import IngestError
from eventwire.ingest.common import Context, Note, checked_article, date_or_note, decode, problem
from eventwire.model import Article, Problem

__all__ = ["read_jsonl"]

log = logging.getLogger(__name__)

_BYTES_PER_CHAR = 6  # JSON may escape a character as \uXXXX
_METADATA_ROOM = 64 * 1024
_CHUNK = 64 * 1024
_TEXT_FIELDS = ("title", "url", "outlet")


def read_jsonl(path: Path, context: Context) -> Iterator[Article | Problem]:
    """One Article per line of a .jsonl file."""
    limit = context.settings.max_chars * _BYTES_PER_CHAR + _METADATA_ROOM
    records = 0
    with path.open("rb") as handle:
        for number, line in enumerate(_lines(handle, limit), start=1):
            origin = f"{path}#{number}"
            if line is None:
                yield problem("too_large", f"the line has more than {limit:,} bytes", origin)
                records += 1
                continue
            if not line.strip():
                continue
            records += 1
            try:
                yield from _record(line, origin=origin, context=context)
            except IngestError as error:
                yield problem(error.code, error.message, origin)
    if records == 0:
        raise IngestError("empty", "the JSONL file holds no records")


def _lines(handle: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a file; None for a line longer than `limit`, which is skipped without keeping it."""
    while line := handle.readline(limit + 1):
        if len(line.rstrip(b"\r\n")) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(_CHUNK)
        yield None


def _record(line: bytes, *, origin: str, context: Context) -> Iterator[Article | Problem]:
    decoded = decode(line)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise IngestError("bad_json", f"the line is not valid JSON: {error}") from error
    if not isinstance(record, dict):
        raise IngestError("bad_record", f"the line holds a JSON {type(record).__name__}, not an object")
    given_id = _record_id(record)
    text = record.get("text")
    if not isinstance(text, str):
        message = "the record has no 'text'" if text is None else "'text' is not a string"
        yield problem("bad_record", message, origin, given_id)
        return
    for name in _TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            yield problem("bad_record", f"{name!r} is not a string", origin, given_id)
            return
    notes: list[Note] = [decoded.note] if decoded.note else []
    published, date_note = date_or_note(record.get("published"), "'published' field", context.published)
    if date_note is not None:
        notes.append(date_note)
    yield from checked_article(
        text,
        context=context,
        origin=origin,
        notes=notes,
        id=given_id,
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=published,
        verbatim=True,  # offsets in the output must index the record's own text
    )


def _record_id(record: dict[str, Any]) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise IngestError("bad_record", f"'id' must be a string or an integer, not {type(value).__name__}")
    return str(value).strip() or None
