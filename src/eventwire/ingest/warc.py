"""WARC archives (.warc, .warc.gz): each HTML response inside goes through the HTML adapter.

The url is the record's WARC-Target-URI; the WARC-Date (when the page was fetched) is the
publication date only when the page has none of its own. Requests, metadata, redirects, error
pages and non-HTML payloads (images, scripts, styles) are not documents and are skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventwire.errors import IngestError
from eventwire.ingest.common import Context, parse_date, problem
from eventwire.ingest.html import html_document
from eventwire.model import Article, Problem

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

_BYTES_PER_CHAR = 10  # as for HTML files: room for markup
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_BYTES = 1024
_GZIP_MAGIC = b"\x1f\x8b"
_READ_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError)


def read_warc(path: Path, context: Context) -> Iterator[Article | Problem]:
    """One Article per HTML response record; a broken archive ends in a `bad_warc` Problem."""
    number = 0
    pages = 0
    with path.open("rb") as handle:
        _check_start(handle)
        records = iter(ArchiveIterator(handle))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as error:  # warcio fails in many ways on a damaged archive
                log.warning("cannot read %s after %d records: %s", path, number, error)
                where = f"{path}#{number + 1}" if number else str(path)
                message = (
                    f"the WARC file cannot be read past record {number}: {type(error).__name__}: {error}"
                )
                yield problem("bad_warc", message, where)
                return
            number += 1
            origin = f"{path}#{number}"
            try:
                page = _html_page(record, context)
                if page is None:
                    continue
                pages += 1
                data, url, charset, fetched = page
                yield from html_document(
                    data, origin=origin, context=context, url=url, charset=charset, fallback_date=fetched
                )
            except IngestError as error:
                yield problem(error.code, error.message, origin)
    if number == 0:
        raise IngestError("empty", "the WARC file holds no records")
    if pages == 0:
        raise IngestError("empty", f"none of the {number} records of the WARC file is an HTML page")


def _check_start(handle: BinaryIO) -> None:
    """Refuse a file that does not start with a WARC record (warcio would guess at it)."""
    head = handle.read(_SNIFF_BYTES)
    handle.seek(0)
    if not head:
        raise IngestError("empty", "the WARC file is empty")
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, _SNIFF_BYTES)
        except zlib.error as error:
            raise IngestError("bad_warc", f"the file is not a readable gzip file: {error}") from error
    if not head.lstrip(b"\r\n").startswith(b"WARC/"):
        raise IngestError("bad_warc", "the file is not a WARC file: it does not start with a WARC/ header")


def _html_page(
    record: ArcWarcRecord, context: Context
) -> tuple[bytes, str | None, str | None, dt.date | None] | None:
    """(payload, url, charset, fetch date) of an HTML page record; None for any other record."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            log.debug("skipping a response with status %s", status)
            return None
        content_type = headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    mime, charset = _content_type(content_type)
    limit = context.settings.max_chars * _BYTES_PER_CHAR
    if mime is not None and mime not in _HTML_TYPES:
        return None
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > limit:
        raise IngestError("too_large", f"the record has {length:,} bytes, more than the limit of {limit:,}")
    try:
        data = record.content_stream().read(limit + 1)
    except _READ_ERRORS as error:
        raise IngestError("bad_warc", f"the record's payload cannot be read: {error}") from error
    if len(data) > limit:
        raise IngestError("too_large", f"the page has more than {limit:,} bytes")
    if mime is None and not _sniff_html(data):
        return None
    return data, record.rec_headers.get_header("WARC-Target-URI"), charset, _warc_date(record)


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """(mime type, charset) of a Content-Type header."""
    if not value:
        return None, None
    mime, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        name, _, param_value = param.partition("=")
        if name.strip().lower() == "charset" and param_value.strip():
            charset = param_value.strip().strip("\"'")
    return mime.lower() or None, charset


def _sniff_html(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _warc_date(record: ArcWarcRecord) -> dt.date | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        log.debug("unreadable WARC-Date %r", value)
        return None
