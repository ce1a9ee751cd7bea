"""One Settings object: every tunable with its default and a line of help."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

__all__ = ["DEFAULT_SETTINGS", "Settings"]


@dataclass(frozen=True)
class Settings:
    db_path: str = field(default="eventwire.sqlite", metadata={"help": "SQLite database file"})
    model: str | None = field(default=None, metadata={"help": "spaCy model package (default: auto)"})
    batch_size: int = field(default=32, metadata={"help": "articles per nlp.pipe batch"})
    processes: int = field(default=1, metadata={"help": "parser processes (nlp.pipe n_process)"})
    store_batch: int = field(default=64, metadata={"help": "articles per database transaction"})
    max_chars: int = field(default=1_000_000, metadata={"help": "longer documents are refused (too_large)"})
    min_english: float = field(
        default=0.04,
        metadata={"help": "minimum share of common English words; below it, with more words of other "
                          "languages: not_english"},
    )

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}


DEFAULT_SETTINGS = Settings()
