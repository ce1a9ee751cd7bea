"""Read news sources into `Article` records; whatever cannot be read becomes a `Problem`.

    read_sources(paths) ──► one adapter per file kind ──► Article | Problem
                             .txt                  text.py   first line = title
                             .html .htm .xhtml     html.py   trafilatura main text + metadata
                             .rss .atom .xml       feed.py   one Article per item
                             .jsonl .ndjson        jsonl.py  one Article per line, its `id` kept
                             .warc .warc.gz        warc.py   one Article per HTML response

Nothing is raised through a run: a file, line, item or record that cannot be read is yielded as a
`Problem` (stage "ingest", a code from `errors.PROBLEM_CODES`, an `origin` such as `path`,
`path#line`, `path#item` or `path#record`) and the run goes on. Warnings about an article that was
read anyway (`not_utf8`, `bad_date`) are yielded just before that Article, with its id.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import IngestError
from eventwire.ingest.common import Context, fingerprint, make_article, normalise, problem
from eventwire.ingest.feed import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.text import read_text
from eventwire.ingest.warc import read_warc
from eventwire.model import Article, Problem
from eventwire.settings import Settings

__all__ = ["SUFFIXES", "adapter_for", "fingerprint", "make_article", "normalise", "read_sources"]

log = logging.getLogger(__name__)

Adapter = Callable[[Path, Context], Iterator[Article | Problem]]

SUFFIXES: dict[str, Adapter] = {
    ".warc.gz": read_warc,
    ".warc": read_warc,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}

# Files that sit beside documents in a crawl, a saved page or a data folder and are not documents
# themselves: skipped without a Problem in directory walks (a file named on the command line is
# always reported).
_NOT_DOCUMENTS = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".avif",
    ".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".m4a",
    ".wav", ".ogg", ".webm", ".mov", ".avi", ".cdx", ".cdxj", ".idx", ".pyc", ".py", ".sh", ".db",
    ".sqlite", ".sqlite-wal", ".sqlite-shm", ".lock", ".md", ".rst", ".csv", ".tsv", ".yaml", ".yml",
    ".toml", ".cfg", ".ini",
})  # fmt: skip
_NOT_DOCUMENT_NAMES = ("readme", "license", "licence", "notice", "changelog", "authors", "copying")

_DEFAULT_SETTINGS = Settings()


def read_sources(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    settings: Settings = _DEFAULT_SETTINGS,
) -> Iterator[Article | Problem]:
    """Articles from files and directories (walked recursively in sorted order, hidden ones skipped).

    `published` is the publication date of articles whose source gives none; without it their date
    stays None (never today).
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    context = Context(settings=settings, published=published)
    for path in _files(paths):
        yield from _read_file(path, context)


def adapter_for(path: Path) -> Adapter | None:
    """The adapter that reads a file of this name, if any."""
    name = path.name.lower()
    for suffix, adapter in SUFFIXES.items():
        if name.endswith(suffix):
            return adapter
    return None


def _files(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield problem("unreadable", "no such file or directory", str(path))


def _walk(root: Path) -> Iterator[Path | Problem]:
    errors: list[OSError] = []
    for directory, subdirs, names in os.walk(root, onerror=errors.append):
        yield from _walk_problems(errors)
        subdirs[:] = sorted(name for name in subdirs if not name.startswith("."))
        for name in sorted(names):
            path = Path(directory, name)
            if name.startswith(".") or not path.is_file():
                continue
            if adapter_for(path) is None and _not_a_document(path):
                log.debug("skipping %s: not a document", path)
                continue
            yield path
    yield from _walk_problems(errors)


def _not_a_document(path: Path) -> bool:
    return path.suffix.lower() in _NOT_DOCUMENTS or path.stem.lower() in _NOT_DOCUMENT_NAMES


def _walk_problems(errors: list[OSError]) -> Iterator[Problem]:
    while errors:
        error = errors.pop(0)
        log.warning("cannot list %s: %s", error.filename, error)
        yield problem(
            "unreadable", f"the directory cannot be read: {error.strerror or error}", error.filename
        )


def _read_file(path: Path | Problem, context: Context) -> Iterator[Article | Problem]:
    if isinstance(path, Problem):
        yield path
        return
    adapter = adapter_for(path)
    origin = str(path)
    if adapter is None:
        known = ", ".join(SUFFIXES)
        yield problem("unsupported", f"eventwire reads {known} files, not {path.suffix or 'this'}", origin)
        return
    log.debug("reading %s with %s", path, adapter.__module__)
    try:
        yield from adapter(path, context)
    except IngestError as error:
        yield problem(error.code, error.message, origin)
    except OSError as error:
        yield problem("unreadable", f"the file cannot be read: {error.strerror or error}", origin)
    except Exception as error:  # a bug or a library failure must not end the run: report it
        log.exception("unexpected error while reading %s", path)
        yield problem(
            "unreadable", f"unexpected error while reading: {type(error).__name__}: {error}", origin
        )
