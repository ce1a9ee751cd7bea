"""What every ingest adapter shares: text normalisation, fingerprints, decoding, checks.

An adapter turns raw bytes into a string with `decode`, then hands the string and the metadata it
found to `checked_article`, which normalises the text, runs the checks every article goes through
(empty, too large, not English) and yields the `Article`, preceded by any warnings (`Note`s) that
the adapter collected on the way (text not UTF-8, a date that could not be read).

Whole-document failures are raised as `IngestError` inside the adapters and turned into `Problem`s
by the dispatcher in `__init__`; per-item failures inside a container (a JSONL line, a feed item, a
WARC record) are yielded as `Problem`s directly so that the other items go on.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from eventwire.errors import IngestError
from eventwire.model import Article, Problem
from eventwire.settings import Settings

__all__ = [
    "STAGE",
    "Context",
    "Decoded",
    "Note",
    "checked_article",
    "date_or_note",
    "decode",
    "english_share",
    "fingerprint",
    "language_shares",
    "looks_binary",
    "make_article",
    "normalise",
    "parse_date",
    "problem",
    "read_capped",
]

log = logging.getLogger(__name__)

STAGE = "ingest"

_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10
_MIN_WORDS_FOR_LANGUAGE = 20

# Words that are very common in English news and rare in the other big languages of the news
# (German "in"/"was"/"an"/"will", Spanish/French/Italian "a"/"i", Portuguese "do", Dutch "is"/"of",
# French "on" and "as" are left out on purpose: they would let a German or Spanish paragraph pass).
_ENGLISH_WORDS = frozenset({
    "the", "and", "to", "that", "for", "with", "said", "by", "at", "from", "it", "he", "she", "they",
    "his", "her", "their", "its", "them", "have", "has", "had", "been", "were", "are", "this", "these",
    "those", "which", "who", "whom", "whose", "not", "but", "or", "be", "after", "about", "than",
    "more", "when", "there", "what", "into", "against", "would", "could", "should", "says", "told",
    "while", "where", "because", "during", "before", "since", "between", "under", "most", "other",
    "only", "some", "such", "being", "does", "did", "our", "we", "you"
})  # fmt: skip

# The matching evidence for the other big languages of the news: their commonest function words
# that English text does not use (not "die", "la", "de" or "van": English names and verbs have them).
# A word in a script other than Latin counts too. A text is refused as not English only when it
# shows more of this than of English: a one-line caption made of names, or a table of prices, is
# short of English function words but is not in another language.
_FOREIGN_WORDS = frozenset({
    "der", "das", "und", "ist", "nicht", "mit", "dem", "den", "sich", "auf", "eine", "einen", "wurde",
    "les", "des", "est", "une", "pour", "dans", "qui", "sur", "avec", "pas", "été", "aux",
    "los", "las", "que", "por", "con", "para", "una", "fue", "como", "pero", "según",
    "della", "che", "per", "sono", "anche", "degli", "nel", "alla",
    "não", "uma", "pelo", "pela", "foram", "também", "het", "een", "niet", "zijn", "werd", "voor",
})  # fmt: skip
_LAST_LATIN = 0x24F

# Space characters other than the plain space that mean "a space", and characters that mean nothing.
_SPACES = re.compile(r"[^\S\n]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_WORDS = re.compile(r"[^\W\d_]+")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read these labels as windows-1252 (WHATWG encoding standard); so do we.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"})


@dataclass(frozen=True, slots=True)
class Context:
    """What every adapter is given besides its input."""

    settings: Settings
    published: dt.date | None = None  # the run's default publication date (--published)


@dataclass(frozen=True, slots=True)
class Note:
    """A warning about a document that was read anyway; becomes a Problem once the id is known."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: Note | None = None


def problem(code: str, message: str, origin: str | None, article_id: str | None = None) -> Problem:
    """A `Problem` of the ingest stage."""
    return Problem(stage=STAGE, code=code, message=message, origin=origin, article_id=article_id)


def normalise(text: str) -> str:
    """NFC, one kind of newline, one kind of space, no invisible characters, no trailing blanks.

    Paragraph breaks (blank lines) are kept, but never more than one blank line in a row.
    """
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def fingerprint(text: str) -> str:
    """First 16 hex digits of the SHA-1 of the normalised, lower-cased, space-collapsed text."""
    return _hash_normalised(normalise(text))


def _hash_normalised(normalised: str) -> str:
    canonical = " ".join(normalised.lower().split())
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]


def make_article(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    origin: str | None = None,
    verbatim: bool = False,
) -> Article:
    """An `Article` with normalised text and title; `id` is the given id or the fingerprint.

    `verbatim` keeps the text exactly as given (JSONL records and API callers: their offsets must
    index the text they sent); the fingerprint is computed on the normalised text either way.
    """
    normalised = normalise(text)
    text = text if verbatim else normalised
    fp = _hash_normalised(normalised)  # normalise once, not again inside fingerprint()
    return Article(
        id=id or fp,
        text=text,
        fingerprint=fp,
        title=_clean_field(title and " ".join(normalise(title).split())),
        url=_clean_field(url),
        outlet=_clean_field(outlet and " ".join(normalise(outlet).split())),
        published=published,
        origin=origin,
    )


def _clean_field(value: str | None) -> str | None:
    value = value.strip() if value else None
    return value or None


def english_share(text: str) -> float | None:
    """Share of the words of `text` that are common English function words.

    None when the text is too short (fewer than 20 words) to judge: a one-line headline is
    never refused.
    """
    shares = language_shares(text)
    return None if shares is None else shares[0]


def language_shares(text: str) -> tuple[float, float] | None:
    """(English, other languages): the shares of the words of `text` that are English function
    words, and that are another language's function words or in a non-Latin script. None when
    the text is too short (fewer than 20 words) to judge."""
    words = _WORDS.findall(text.lower())
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    english = sum(word in _ENGLISH_WORDS for word in words)
    foreign = sum(word in _FOREIGN_WORDS or ord(word[0]) > _LAST_LATIN for word in words)
    return english / len(words), foreign / len(words)


def checked_article(
    text: str,
    *,
    context: Context,
    origin: str | None,
    notes: Iterable[Note] = (),
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    verbatim: bool = False,
) -> Iterator[Article | Problem]:
    """Normalise and check one document; yield its warnings, then the Article (or one Problem).

    Checks: empty text, more than `max_chars` characters, not English (below `min_english`, with more
    function words of other languages than of English).
    """
    article = make_article(
        text, id=id, title=title, url=url, outlet=outlet, published=published, origin=origin,
        verbatim=verbatim,
    )
    settings = context.settings
    if not article.text.strip():
        yield problem("empty", "the document has no text", origin, article.id)
        return
    if len(article.text) > settings.max_chars:
        message = f"the text has {len(article.text):,} characters, more than max_chars={settings.max_chars:,}"
        yield problem("too_large", message, origin, article.id)
        return
    shares = language_shares(article.text)
    if shares is not None and shares[0] < settings.min_english and shares[1] > shares[0]:
        message = (
            f"only {shares[0]:.1%} of the words are common English words (min_english="
            f"{settings.min_english:.1%}), against {shares[1]:.1%} from other languages; "
            "the text does not look like English"
        )
        yield problem("not_english", message, origin, article.id)
        return
    for note in notes:
        yield problem(note.code, note.message, origin, article.id)
    log.debug("read article %s from %s", article.id, origin)
    yield article


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of `path`, refused (`too_large`) without reading when it holds more than `limit`."""
    size = path.stat().st_size
    if size > limit:
        raise IngestError("too_large", f"the file has {size:,} bytes, more than the limit of {limit:,}")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # the file grew, or stat lied (a pipe, a special file)
        raise IngestError("too_large", f"the file has more than {limit:,} bytes")
    return data


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte or a high share of control characters."""
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if (byte < 32 and byte not in b"\t\n\r\f\x1b") or byte == 127)
    return controls / len(head) > _MAX_CONTROL_SHARE


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a document's bytes: UTF-8 (with or without BOM), then a declared, then a detected charset.

    Raises `IngestError` `binary` (binary data) or `undecodable`. A detected (not declared) charset
    comes with a `not_utf8` note; a UTF-16/32 byte-order mark too.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                break
            return Decoded(text, encoding, Note("not_utf8", f"the text is not UTF-8; decoded as {encoding}"))
    if looks_binary(data):
        raise IngestError("binary", "the file looks binary (NUL bytes or many control characters)")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    if declared:
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(
            "undecodable",
            f"the text is not UTF-8 ({utf8_error.reason} at byte "
            f"{utf8_error.start}) and no other charset fits",
        )
    encoding = best.encoding
    message = f"the text is not valid UTF-8 (byte {utf8_error.start}); decoded as {encoding} (detected)"
    log.info("%s", message)
    return Decoded(str(best), encoding, Note("not_utf8", message))


def _decode_declared(data: bytes, declared: str) -> Decoded | None:
    label = declared.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        label = "cp1252"
    try:
        encoding = codecs.lookup(label).name
        if encoding.startswith("utf-8"):
            return None  # declared UTF-8, but it is not: detect
        return Decoded(data.decode(encoding), encoding)
    except (LookupError, UnicodeDecodeError):
        log.debug("declared charset %r does not decode the document", declared)
        return None


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")


def parse_date(value: object) -> dt.date:
    """A calendar date from a date, a datetime, an ISO 8601 string or an RFC 2822 string.

    Raises ValueError when no date can be read. Only absolute dates: nothing is resolved against
    today.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("z", "Z")).date()
    except ValueError:
        pass
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)  # raises ValueError for 2022-02-30
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def date_or_note(value: object, what: str, fallback: dt.date | None) -> tuple[dt.date | None, Note | None]:
    """Read a source's date; when it cannot be read, use `fallback` and say so in a `bad_date` note."""
    if value is None or value == "":
        return fallback, None
    try:
        return parse_date(value), None
    except ValueError:
        used = f"used the default {fallback.isoformat()}" if fallback else "left it unknown"
        return fallback, Note("bad_date", f"cannot read the {what} {value!r} as a date; {used}")
