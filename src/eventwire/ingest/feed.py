"""RSS and Atom feed files: each item becomes an Article.

The file is checked with defusedxml before feedparser sees it: a document type declaration or an
entity (billion laughs, external entities) is refused (`bad_xml`) and never expanded. XML that is
not well-formed but still yields items in feedparser's lenient mode is read (with a log line);
when it yields nothing it is `bad_xml`. Well-formed XML that is not a feed, or a feed without
items, is `bad_feed`.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser
from lxml import etree
from lxml import html as lxml_html

from eventwire.errors import IngestError
from eventwire.ingest.common import (
    Context,
    Note,
    checked_article,
    date_or_note,
    looks_binary,
    problem,
    read_capped,
)
from eventwire.model import Article, Problem

__all__ = ["check_xml", "html_text", "read_feed"]

log = logging.getLogger(__name__)

_BYTES_PER_CHAR = 16  # a feed holds many items: room for several articles of max_chars each
_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template")
_SPACE_RUN = re.compile(r"\s+")
_HTML_PARSER = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def read_feed(path: Path, context: Context) -> Iterator[Article | Problem]:
    """One Article per item of an RSS or Atom file; bad items become Problems, the others go on."""
    data = read_capped(path, context.settings.max_chars * _BYTES_PER_CHAR)
    if not data.strip():
        raise IngestError("empty", "the feed file is empty")
    if looks_binary(data):
        raise IngestError("binary", "the file looks binary (NUL bytes or many control characters)")
    malformed = check_xml(data)
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    if not entries:
        if malformed:
            raise IngestError("bad_xml", f"the file is not well-formed XML: {malformed}")
        reason = "it is not an RSS or Atom feed" if not parsed.get("version") else "it holds no items"
        raise IngestError("bad_feed", f"the feed cannot be read: {reason}")
    if malformed:  # read what can be read, but say so: the feed is broken
        log.warning("%s is not well-formed XML (%s); read %d items leniently", path, malformed, len(entries))
        yield problem("bad_xml", f"the feed is not well-formed XML ({malformed}); "
                      f"{len(entries)} item(s) were read leniently", str(path))
    feed_info = parsed.get("feed") or {}
    outlet = _plain(feed_info.get("title"), feed_info.get("title_detail"))
    for number, entry in enumerate(entries, start=1):
        origin = f"{path}#{number}"
        try:
            yield from _entry_article(entry, origin=origin, outlet=outlet, context=context)
        except IngestError as error:
            yield problem(error.code, error.message, origin)


def check_xml(data: bytes) -> str | None:
    """Refuse DTDs and entities (`bad_xml`); return the parse error of malformed XML, else None."""
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as error:
        raise IngestError(
            "bad_xml", f"the feed uses a forbidden XML construct ({type(error).__name__}); it is not read"
        ) from error
    except ParseError as error:
        return str(error)
    return None


def _entry_article(
    entry: Mapping[str, Any], *, origin: str, outlet: str | None, context: Context
) -> Iterator[Article | Problem]:
    notes: list[Note] = []
    published, date_note = _entry_date(entry, context.published)
    if date_note is not None:
        notes.append(date_note)
    yield from checked_article(
        _entry_text(entry),
        context=context,
        origin=origin,
        notes=notes,
        title=_plain(entry.get("title"), entry.get("title_detail")),
        url=entry.get("link") or None,
        outlet=outlet,
        published=published,
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The longest full content of an item, else its summary, as plain text."""
    contents = [part for part in entry.get("content") or [] if (part.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda part: len(part.get("value") or ""))
        return _plain(best.get("value"), best) or ""
    return _plain(entry.get("summary"), entry.get("summary_detail")) or ""


def _entry_date(entry: Mapping[str, Any], fallback: dt.date | None) -> tuple[dt.date | None, Note | None]:
    for key in ("published", "updated", "created"):
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed is not None:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), None
            except ValueError:
                pass
        raw = entry.get(key)
        if raw:  # feedparser could not read it; maybe we can
            return date_or_note(raw, f"item's {key} date", fallback)
    return fallback, None


def _plain(value: str | None, detail: Mapping[str, Any] | None) -> str | None:
    """A feed field as plain text: HTML (the default for feed text) is stripped of its markup."""
    if not value:
        return None
    kind = (detail or {}).get("type") or "text/html"
    return value if kind == "text/plain" else html_text(value)


def html_text(markup: str) -> str:
    """The text of an HTML fragment, with a line break after each block; scripts and styles dropped."""
    if "<" not in markup and "&" not in markup:
        return markup
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div", parser=_HTML_PARSER)
    except (etree.ParserError, ValueError) as error:
        log.debug("cannot parse HTML fragment: %s", error)
        return markup if "<" not in markup else ""
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in root.iter():  # as a browser does: a line break in the source is a space
        if element.text and element.tag != "pre":
            element.text = _SPACE_RUN.sub(" ", element.text)
        if element.tail:
            element.tail = _SPACE_RUN.sub(" ", element.tail)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())
