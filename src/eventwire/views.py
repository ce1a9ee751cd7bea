"""Evidence marking shared by the views: which characters of an article each value came from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text

__all__ = ["STYLES", "evidence_spans", "marked_text"]

# One distinct mark per kind of evidence (the web page uses the same kinds as CSS classes).
STYLES = {
    "trigger": "bold reverse red",
    "actor": "bold blue",
    "target": "bold magenta",
    "location": "underline green",
    "date": "underline cyan",
    "count": "bold yellow",
    "source": "italic bright_blue",
    "quote": "dim",
    "label": "bold reverse yellow",
}


def evidence_spans(result: dict[str, Any]) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) for every span of a contract dict; quotes first so that marks nest."""
    for q in result.get("quotes") or []:
        if q.get("content"):
            yield q["content"]["start"], q["content"]["end"], "quote"
        if q.get("source"):
            yield q["source"]["start"], q["source"]["end"], "source"
    for e in result.get("events") or []:
        for key, kind in (("trigger", "trigger"), ("actor", "actor"), ("target", "target"),
                          ("location", "location"), ("date", "date"), ("fatalities", "count"),
                          ("injured", "count"), ("arrested", "count")):
            value = e.get(key)
            if value and isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
                yield value["start"], value["end"], kind
        for label in e.get("labels") or []:
            yield label["start"], label["end"], "label"


def marked_text(text: str, result: dict[str, Any]) -> Text:
    """The article text with its evidence styled for a terminal (rich escapes nothing: plain text)."""
    out = Text(text)
    for start, end, kind in evidence_spans(result):
        if 0 <= start < end <= len(text):
            out.stylize(STYLES[kind], start, end)
    return out
