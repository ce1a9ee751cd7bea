"""HTML pages: the main text by trafilatura; title, date, outlet and url from the page's metadata.

Also used by the WARC adapter for each HTML response it finds (`html_document`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.settings import set_date_params

from eventwire.errors import IngestError
from eventwire.ingest.common import Context, Note, checked_article, date_or_note, decode, read_capped
from eventwire.model import Article, Problem

__all__ = ["declared_charset", "extract_html", "html_document", "read_html"]

log = logging.getLogger(__name__)

_BYTES_PER_CHAR = 10  # room for markup: a page of max_chars characters of text may be this many bytes
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(path: Path, context: Context) -> Iterator[Article | Problem]:
    """One Article from a saved .html page."""
    data = read_capped(path, context.settings.max_chars * _BYTES_PER_CHAR)
    yield from html_document(data, origin=str(path), context=context)


def html_document(
    data: bytes,
    *,
    origin: str,
    context: Context,
    url: str | None = None,
    charset: str | None = None,
    fallback_date: dt.date | None = None,
) -> Iterator[Article | Problem]:
    """One Article from the bytes of a page.

    `charset` is what the transport declared (an HTTP header); else the page's own declaration is
    used. `url` (e.g. a WARC target URI) wins over the page's canonical URL. `fallback_date` is used
    when the page has no date of its own, before the run's `--published` date.
    """
    if len(data) > context.settings.max_chars * _BYTES_PER_CHAR:
        raise IngestError("too_large", f"the page has {len(data):,} bytes, too many for max_chars")
    decoded = decode(data, declared=charset or declared_charset(data))
    notes = [decoded.note] if decoded.note else []
    yield from extract_html(
        decoded.text, origin=origin, context=context, url=url, fallback_date=fallback_date, notes=notes
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its XML declaration or a <meta> tag, if any."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def extract_html(
    markup: str,
    *,
    origin: str,
    context: Context,
    url: str | None = None,
    fallback_date: dt.date | None = None,
    notes: list[Note] | None = None,
) -> Iterator[Article | Problem]:
    """Run trafilatura on decoded markup and check the result."""
    notes = list(notes or ())
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            favor_precision=True,
            with_metadata=True,
            include_comments=False,
            # only the page's own metadata and URL; no guessing from dates in the text
            date_extraction_params=set_date_params(False),
        )
    except Exception as error:  # lxml and trafilatura fail in many ways on broken markup
        log.warning("trafilatura failed on %s: %s", origin, error)
        raise IngestError("no_main_text", f"the HTML could not be parsed: {error}") from error
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise IngestError("no_main_text", "no main text could be extracted from the page")
    title: str | None = getattr(document, "title", None)
    default_date = fallback_date or context.published
    published, date_note = date_or_note(getattr(document, "date", None), "page date", default_date)
    if date_note is not None:
        notes.append(date_note)
    outlet = getattr(document, "sitename", None) or getattr(document, "hostname", None)
    yield from checked_article(
        _drop_title_line(text, title),
        context=context,
        origin=origin,
        notes=notes,
        title=title,
        url=url or getattr(document, "url", None),
        outlet=outlet,
        published=published,
    )


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line of the text; the title field has it."""
    if not title:
        return text
    first, _, rest = text.lstrip().partition("\n")
    if rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text
