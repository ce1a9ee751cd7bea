"""read_sources: dispatch, directory walks, and the same article read from every kind of source."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import eventwire.ingest as ingest
from eventwire.errors import PROBLEM_CODES
from eventwire.ingest import fingerprint, read_sources
from eventwire.ingest.common import Context
from eventwire.model import Article, Problem

Read = Callable[..., tuple[list[Article], list[Problem]]]

TITLE = "Fuel protest turns violent in Almaty"


def html_of(text: str) -> str:
    paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
    head = f"<head><title>{TITLE}</title></head>"
    return f"<html>{head}<body><article><h1>{TITLE}</h1>{paragraphs}</article></body></html>"


def write_every_kind(folder: Path, text: str) -> None:
    """The same report as .txt, .html, .jsonl, .rss and .warc.gz."""
    (folder / "report.txt").write_text(f"{TITLE}\n\n{text}\n", encoding="utf-8")
    (folder / "report.html").write_text(html_of(text), encoding="utf-8")
    (folder / "report.jsonl").write_text(json.dumps({"id": "r1", "title": TITLE, "text": text}) + "\n")
    paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
    (folder / "report.rss").write_text(
        f"<rss version='2.0'><channel><title>Courier</title><item><title>{TITLE}</title>"
        f"<description><![CDATA[{paragraphs}]]></description></item></channel></rss>",
        encoding="utf-8",
    )
    body = html_of(text).encode()
    with (folder / "report.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://courier.example/r", "response", payload=io.BytesIO(body), length=len(body),
                http_headers=headers,
            )
        )  # fmt: skip


def test_same_text_from_every_kind_of_source_has_one_fingerprint(
    tmp_path: Path, english: str, read: Read
) -> None:
    write_every_kind(tmp_path, english)
    articles, problems = read(tmp_path)
    assert problems == []
    assert [Path(a.origin or "").name.split("#")[0] for a in articles] == [
        "report.html",
        "report.jsonl",
        "report.rss",
        "report.txt",
        "report.warc.gz",
    ]
    assert {a.fingerprint for a in articles} == {fingerprint(english)}
    assert {a.title for a in articles} == {TITLE}
    assert [a.id for a in articles if a.id != a.fingerprint] == ["r1"]  # only JSONL names its own id


def test_directory_walk_is_recursive_sorted_and_skips_hidden(
    tmp_path: Path, english: str, read: Read
) -> None:
    names = ["b/2022-01-02-two.txt", "a/z/2022-01-03-three.txt", "2022-01-01-one.txt", "a/.hidden.txt",
             ".git/ignored.txt", "a/logo.png", "a/style.css"]  # fmt: skip
    for relative in names:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{relative}\n{english}", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.title for a in articles] == [
        "2022-01-01-one.txt",
        "a/z/2022-01-03-three.txt",
        "b/2022-01-02-two.txt",
    ]
    assert [a.published for a in articles] == [dt.date(2022, 1, 1), dt.date(2022, 1, 3), dt.date(2022, 1, 2)]


def test_unknown_files(tmp_path: Path, read: Read) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "README.md").write_text("# Sources\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("CC-BY\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    _, problems = read(tmp_path)
    assert [(p.code, p.origin) for p in problems] == [
        ("unsupported", str(tmp_path / "data.json")),
        ("unsupported", str(tmp_path / "notes.docx")),
    ]
    _, problems = read(tmp_path / "photo.jpg")  # named on the command line: always reported
    assert [(p.code, p.origin) for p in problems] == [("unsupported", str(tmp_path / "photo.jpg"))]
    assert ".txt" in problems[0].message


def test_missing_path(tmp_path: Path, read: Read) -> None:
    [], problems = read([tmp_path / "nowhere.txt", str(tmp_path / "nodir")])
    assert [(p.code, p.origin) for p in problems] == [
        ("unreadable", str(tmp_path / "nowhere.txt")),
        ("unreadable", str(tmp_path / "nodir")),
    ]


def test_an_adapter_crash_is_a_problem_and_the_run_goes_on(
    tmp_path: Path,
    english: str,
    read: Read,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def _crash(path: Path, context: Context) -> Iterator[Article | Problem]:
        raise RuntimeError("adapter bug")

    monkeypatch.setitem(ingest.SUFFIXES, ".html", _crash)
    (tmp_path / "a.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Title\n{english}", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="eventwire.ingest"):
        [article], [problem] = read(tmp_path)
    assert problem.code == "unreadable" and "adapter bug" in problem.message
    assert problem.origin == str(tmp_path / "a.html")
    assert article.origin == str(tmp_path / "b.txt")
    assert "adapter bug" in caplog.text


def test_every_problem_is_an_ingest_problem_with_a_known_code(tmp_path: Path, german: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "de.txt").write_text("Titel\n" + german, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{nope\n", encoding="utf-8")
    (tmp_path / "bad.rss").write_text("<rss", encoding="utf-8")
    (tmp_path / "bad.warc").write_text("nope", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4")
    results = list(read_sources([tmp_path]))
    assert all(isinstance(r, Problem) for r in results)
    assert sorted(r.code for r in results) == sorted(
        ["empty", "binary", "not_english", "bad_json", "bad_xml", "bad_warc", "unsupported"]
    )
    assert all(r.stage == "ingest" and r.code in PROBLEM_CODES and r.message and r.origin for r in results)


def test_read_sources_is_lazy(tmp_path: Path, english: str) -> None:
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"Title {number}\n{english}", encoding="utf-8")
    results = read_sources([tmp_path])
    first = next(results)
    assert isinstance(first, Article) and first.title == "Title 0"
