"""Exceptions and the catalogue of problem codes.

    EventwireError
     ├── ConfigError          bad settings or options (the CLI exits with a message)
     ├── ModelNotFound        no spaCy model package is installed
     ├── StoreError           the database cannot be opened or written
     └── DocumentError        one document cannot go on; becomes a `Problem`, never kills a batch
          ├── IngestError     the source could not be read into an Article
          └── ExtractError    a stage failed on a parsed document

A `DocumentError` carries a `code` from `PROBLEM_CODES`, so runs can count problems per code and
users can grep for them.
"""

from __future__ import annotations

__all__ = [
    "PROBLEM_CODES",
    "ConfigError",
    "DocumentError",
    "EventwireError",
    "ExtractError",
    "IngestError",
    "ModelNotFound",
    "StoreError",
]

PROBLEM_CODES: dict[str, str] = {
    "empty": "the document has no text",
    "binary": "the file is binary, not text",
    "too_large": "the document is larger than the configured maximum (max_chars)",
    "not_utf8": "the text is not valid UTF-8; it was decoded with a detected charset",
    "undecodable": "the text could not be decoded in any known charset",
    "not_english": "the text does not look like English; eventwire reads English only",
    "no_main_text": "no main text could be extracted from the HTML page",
    "bad_feed": "the feed could not be parsed or holds no items",
    "bad_xml": "the XML is malformed or uses forbidden constructs (entities, DTDs)",
    "bad_json": "a JSONL line is not valid JSON",
    "bad_record": "a JSON record lacks the required fields or has fields of the wrong type",
    "bad_date": "a publication date could not be read; relative dates stay unresolved",
    "bad_warc": "the WARC file could not be read",
    "unsupported": "the file type is not supported",
    "unreadable": "the file could not be opened",
    "extract_failed": "an extraction stage failed on this document",
    "store_failed": "the document could not be stored",
}


class EventwireError(Exception):
    """Base of all eventwire errors."""


class ConfigError(EventwireError):
    """Bad settings or command-line options."""


class ModelNotFound(EventwireError):
    """No installed spaCy model could be loaded."""


class StoreError(EventwireError):
    """The database could not be opened or written."""


class DocumentError(EventwireError):
    """One document cannot be processed. `code` is a key of PROBLEM_CODES."""

    stage = "document"

    def __init__(self, code: str, message: str) -> None:
        if code not in PROBLEM_CODES:
            raise ValueError(f"unknown problem code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


class IngestError(DocumentError):
    stage = "ingest"


class ExtractError(DocumentError):
    stage = "extract"
