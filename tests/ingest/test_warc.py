"""WARC archives: HTML responses become Articles; everything else in the archive is skipped."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import fingerprint
from eventwire.model import Article, Problem

Read = Callable[..., tuple[list[Article], list[Problem]]]

CURFEW = (
    "The government declared a state of emergency in Almaty and the surrounding region on Wednesday "
    "night. A curfew will be in force from eleven at night until seven in the morning, the president's "
    "office said in a statement."
)


def html_page(title: str, text: str, head: str = "") -> bytes:
    paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def write_record(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = "2022-01-07T08:00:00Z",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),  # with a length, warcio does not buffer (and leak) a temporary file
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_with_two_html_responses(tmp_path: Path, english: str, read: Read, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(name, {"software": "eventwire tests"}))
        dated_head = '<meta property="article:published_time" content="2022-01-06T09:00:00Z">'
        write_record(
            writer, "https://courier.example/almaty", html_page("Protest in Almaty", english, dated_head)
        )
        write_record(
            writer, "https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n\x00", content_type="image/png"
        )
        write_record(
            writer, "https://courier.example/gone", html_page("Not found", CURFEW), status="404 Not Found"
        )
        write_record(writer, "https://wire.example/curfew", html_page("Curfew declared", CURFEW))
    articles, problems = read(path)
    assert problems == []
    first, second = articles
    assert first.url == "https://courier.example/almaty"
    assert first.title == "Protest in Almaty"
    assert first.published == dt.date(2022, 1, 6)  # the page's own date
    assert first.fingerprint == fingerprint(english)
    assert first.origin == f"{path}#2"
    assert second.url == "https://wire.example/curfew"
    assert second.title == "Curfew declared"
    assert second.text == CURFEW
    assert second.published == dt.date(2022, 1, 7)  # no date on the page: the WARC-Date
    assert second.outlet == "wire.example"
    assert second.origin == f"{path}#5"


def test_bad_page_in_warc_is_a_problem_and_others_go_on(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "mixed.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        write_record(writer, "https://a.example/empty", b"<html><body><script>1</script></body></html>")
        write_record(writer, "https://a.example/ok", html_page("Curfew declared", CURFEW))
    [article], [problem] = read(path)
    assert problem.code == "no_main_text" and problem.origin == f"{path}#1"
    assert article.url == "https://a.example/ok"


def test_not_a_warc(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not a WARC file\n" * 10, encoding="utf-8")
    [], [problem] = read(path)
    assert problem.code == "bad_warc" and problem.origin == str(path)
    assert "does not start with" in problem.message


def test_truncated_warc_keeps_what_came_before(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "cut.warc"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    write_record(writer, "https://a.example/ok", html_page("Curfew declared", CURFEW))
    write_record(writer, "https://a.example/cut", html_page("Second", CURFEW))
    data = buffer.getvalue()
    path.write_bytes(data + b"garbage\r\n\r\n")
    articles, problems = read(path)
    assert [a.url for a in articles] == ["https://a.example/ok", "https://a.example/cut"]
    assert [p.code for p in problems] == ["bad_warc"]


def test_warc_without_html(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "images.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        write_record(writer, "https://a.example/x.png", b"\x89PNG\x00", content_type="image/png")
    [], [problem] = read(path)
    assert problem.code == "empty" and "HTML" in problem.message
