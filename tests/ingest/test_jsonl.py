"""JSON Lines: one article per line; a bad line is a Problem and the others go on."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from eventwire.ingest import fingerprint
from eventwire.model import Article, Problem
from eventwire.settings import Settings

Read = Callable[..., tuple[list[Article], list[Problem]]]


def line(**record: object) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def test_jsonl_records_keep_their_ids(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        line(
            id="kz-0001",
            title="Fuel protest turns violent",
            text=english,
            published="2022-01-06",
            url="https://courier.example/a",
            outlet="Steppe Courier",
        )
        + "\n"  # a blank line is skipped
        + line(
            id=42, title="Curfew", text="A curfew was declared in Almaty.", published="2022-01-07T05:00:00Z"
        )
        + line(text="Troops arrived in the city.", published=None, url=None),
        encoding="utf-8",
    )
    articles, problems = read(path)
    assert problems == []
    first, second, third = articles
    assert first.id == "kz-0001" and first.fingerprint == fingerprint(english)
    assert first.title == "Fuel protest turns violent"
    assert first.published == dt.date(2022, 1, 6)
    assert first.url == "https://courier.example/a" and first.outlet == "Steppe Courier"
    assert first.origin == f"{path}#1"
    assert second.id == "42" and second.published == dt.date(2022, 1, 7)
    assert second.origin == f"{path}#3"
    assert third.id == third.fingerprint and third.published is None and third.url is None


def test_bad_lines_become_problems(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        line(id="good-1", text=english)
        + '{"id": "broken", "text": "unterminated\n'
        + line(id="no-text", title="Only a title")
        + line(id="wrong-type", text=["a", "list"])
        + "[1, 2, 3]\n"
        + line(id="bad-title", text="Police arrived.", title=7)
        + line(id="bad-date", text="Police arrived.", published="last Tuesday")
        + line(id="blank", text="   ")
        + line(id="good-2", text="Police arrived."),
        encoding="utf-8",
    )
    articles, problems = read(path)
    assert [a.id for a in articles] == ["good-1", "bad-date", "good-2"]
    assert [(p.code, p.origin, p.article_id) for p in problems] == [
        ("bad_json", f"{path}#2", None),
        ("bad_record", f"{path}#3", "no-text"),
        ("bad_record", f"{path}#4", "wrong-type"),
        ("bad_record", f"{path}#5", None),
        ("bad_record", f"{path}#6", "bad-title"),
        ("bad_date", f"{path}#7", "bad-date"),
        ("empty", f"{path}#8", "blank"),
    ]
    assert all(p.stage == "ingest" and p.message for p in problems)
    assert "'text'" in problems[1].message


def test_too_long_line_is_skipped_cheaply(tmp_path: Path, read: Read) -> None:
    settings = Settings(max_chars=10)  # lines up to 10 * 6 bytes + 64 KB of metadata
    path = tmp_path / "long.jsonl"
    path.write_text(
        line(id="long", text="x" * 200_000) + line(id="short", text="Police."),
        encoding="utf-8",
    )
    [article], [problem] = read(path, settings=settings)
    assert problem.code == "too_large" and problem.origin == f"{path}#1"
    assert article.id == "short" and article.origin == f"{path}#2"


def test_cp1252_line(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "cp1252.jsonl"
    record = '{"id": "c1", "text": "The café owner said “nobody expected this” and closed early that day."}\n'
    path.write_bytes(record.encode("cp1252"))
    [article], [problem] = read(path)
    assert "“nobody expected this”" in article.text
    assert problem.code == "not_utf8" and problem.article_id == "c1"


def test_empty_jsonl(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    [], [problem] = read(path)
    assert problem.code == "empty" and problem.origin == str(path)


def test_jsonl_text_is_kept_verbatim_so_offsets_hold(tmp_path):
    import json

    from eventwire.ingest import read_sources

    text = "Two  spaces,\r\na Windows newline and  trailing blanks.  "
    path = tmp_path / "v.jsonl"
    path.write_text(json.dumps({"id": "v1", "text": text}) + "\n", encoding="utf-8")
    (article,) = list(read_sources([path]))
    assert article.text == text
