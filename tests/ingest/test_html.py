"""HTML pages: main text without boilerplate, metadata, broken markup, pages without text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from eventwire.ingest import fingerprint
from eventwire.model import Article, Problem

Read = Callable[..., tuple[list[Article], list[Problem]]]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


HEAD = (
    '<meta charset="utf-8"><title>Fuel protest turns violent in Almaty | Steppe Courier</title>'
    '<meta property="og:site_name" content="Steppe Courier">'
    '<meta property="article:published_time" content="2022-01-06T09:15:00+06:00">'
    '<link rel="canonical" href="https://courier.example/world/almaty-protest">'
)


def article_body(english: str) -> str:
    paragraphs = "".join(f"<p>{part}</p>" for part in english.split("\n\n"))
    return (
        '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
        f"<article><h1>Fuel protest turns violent in Almaty</h1>{paragraphs}</article>"
        "<footer><p>Copyright Steppe Courier. All rights reserved. Subscribe to our newsletter.</p></footer>"
    )


def test_html_page(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "almaty.html"
    path.write_text(page(article_body(english), HEAD), encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    [article] = articles
    assert article.title == "Fuel protest turns violent in Almaty"
    assert article.text.startswith("Thousands of people gathered")  # the headline is not repeated
    assert "during the clashes." in article.text
    assert "Subscribe" not in article.text and "Sport" not in article.text
    assert article.published == dt.date(2022, 1, 6)
    assert article.outlet == "Steppe Courier"
    assert article.url == "https://courier.example/world/almaty-protest"
    assert article.fingerprint == fingerprint(english)
    assert article.origin == str(path)


def test_page_without_date_uses_published_option(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "nodate.htm"
    path.write_text(page(article_body(english), "<title>Protest</title>"), encoding="utf-8")
    [article], [] = read(path)
    assert article.published is None
    [article], [] = read(path, published=dt.date(2022, 1, 8))
    assert article.published == dt.date(2022, 1, 8)


def test_broken_html_still_gives_its_text(tmp_path: Path, english: str, read: Read) -> None:
    first, second = english.split("\n\n")
    broken = f"<html><head><title>Almaty</title><body><div><p>{first}<div><b><i>{second}</b> <p>"
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert "Thousands of people gathered" in article.text
    assert "eight officers had been killed" in article.text


def test_html_without_main_text(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "menu.html"
    path.write_text(page("<script>var x = 1;</script><img src='map.png'>"), encoding="utf-8")
    articles, [problem] = read(path)
    assert articles == [] and problem.code == "no_main_text" and problem.origin == str(path)


def test_declared_charset_is_used(tmp_path: Path, english: str, read: Read) -> None:
    text = english.replace("mayor's office", "mayor’s office near the café")
    markup = page(
        article_body(text), '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    )
    path = tmp_path / "cp1252.html"
    path.write_bytes(markup.encode("cp1252"))
    [article], problems = read(path)
    assert problems == []  # the page said what it is: no not_utf8 warning
    assert "mayor’s office near the café" in article.text


def test_unreadable_page_date_is_dropped_not_guessed(tmp_path: Path, english: str, read: Read) -> None:
    head = '<title>Protest</title><meta property="article:published_time" content="2022-13-45">'
    path = tmp_path / "baddate.html"
    path.write_text(page(article_body(english), head), encoding="utf-8")
    [article], problems = read(path)
    # htmldate drops a date it cannot read, and does not guess one from the text or the clock
    assert article.published is None
    assert problems == []
