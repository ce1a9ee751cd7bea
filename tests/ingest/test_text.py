"""Plain-text files: title, text, date from the file name, and the problems a file can have."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from eventwire.ingest import fingerprint
from eventwire.model import Article, Problem
from eventwire.settings import Settings

Read = Callable[..., tuple[list[Article], list[Problem]]]


def test_text_file_title_text_and_date_from_name(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "2022-01-06-almaty.txt"
    path.write_text("Fuel protest turns violent in Almaty\n\n" + english + "\n", encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    [article] = articles
    assert article.title == "Fuel protest turns violent in Almaty"
    assert article.text.startswith("Thousands of people gathered")
    assert article.text.endswith("during the clashes.")
    assert "\n\n" in article.text  # the paragraph break is kept
    assert article.published == dt.date(2022, 1, 6)
    assert article.id == article.fingerprint == fingerprint(english)
    assert article.origin == str(path)
    assert article.url is None and article.outlet is None


def test_published_option_is_the_fallback_and_never_today(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "almaty.txt"
    path.write_text("Title\n" + english, encoding="utf-8")
    [article], _ = read(path)
    assert article.published is None
    [article], _ = read(path, published=dt.date(2022, 1, 7))
    assert article.published == dt.date(2022, 1, 7)
    dated = tmp_path / "2022-01-05-almaty.txt"
    dated.write_text("Title\n" + english, encoding="utf-8")
    [article], _ = read(dated, published=dt.date(2022, 1, 7))
    assert article.published == dt.date(2022, 1, 5)  # the source's own date wins


def test_impossible_date_in_name_is_bad_date(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "2022-02-30-almaty.txt"
    path.write_text("Title\n" + english, encoding="utf-8")
    [article], [problem] = read(path)
    assert article.published is None
    assert problem.code == "bad_date" and problem.stage == "ingest"
    assert "2022-02-30" in problem.message
    assert problem.article_id == article.id and problem.origin == str(path)


def test_one_line_file_is_text_without_title(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "headline.txt"
    path.write_text("Police fire tear gas at protesters in Almaty\n", encoding="utf-8")
    [article], problems = read(path)
    assert problems == []  # a short English headline is not refused as not_english
    assert article.title is None
    assert article.text == "Police fire tear gas at protesters in Almaty"


def test_empty_and_blank_files(tmp_path: Path, read: Read) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n  \n", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert articles == []
    assert [(p.code, Path(p.origin or "").name) for p in problems] == [
        ("empty", "blank.txt"),
        ("empty", "empty.txt"),
    ]


def test_title_without_text_is_empty(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "title-only.txt"
    path.write_text("A title\n\n\n", encoding="utf-8")
    [article], problems = read(path)  # one line: it is the text, not a title
    assert problems == [] and article.text == "A title"


def test_binary_file(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    articles, [problem] = read(path)
    assert articles == [] and problem.code == "binary" and problem.origin == str(path)


def test_cp1252_file_is_read_with_a_not_utf8_warning(tmp_path: Path, english: str, read: Read) -> None:
    text = english.replace("mayor's office", "mayor’s office – the “Akimat” café")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(("Protest – “chaos”\n" + text).encode("cp1252"))
    [article], [problem] = read(path)
    assert article.title == "Protest – “chaos”"
    assert "mayor’s office – the “Akimat” café" in article.text
    assert problem.code == "not_utf8" and problem.article_id == article.id
    assert "decoded as" in problem.message


def test_non_english_text_is_refused(tmp_path: Path, german: str, spanish: str, read: Read) -> None:
    (tmp_path / "de.txt").write_text("Proteste in Almaty\n" + german, encoding="utf-8")
    (tmp_path / "es.txt").write_text("Protestas en Almaty\n" + spanish, encoding="utf-8")
    articles, problems = read(tmp_path)
    assert articles == []
    assert [p.code for p in problems] == ["not_english", "not_english"]
    assert all(p.article_id for p in problems)


def test_caption_of_names_is_not_refused_as_foreign(tmp_path: Path, read: Read) -> None:
    caption = ("A trader named as 'Baba' was beaten by a crowd in Ilupeju market, Mushin Local Government "
               "Area of Lagos State on Friday, May 3 near Agege Motor Road")
    (tmp_path / "caption.txt").write_text(caption, encoding="utf-8")
    articles, problems = read(tmp_path)
    assert [a.text for a in articles] == [caption] and problems == []


def test_too_large_by_size_is_refused_without_reading(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # a sparse 50 MB file: cheap to make, and must be cheap to refuse
        handle.truncate(50 * 1024 * 1024)
    articles, [problem] = read(path)
    assert articles == [] and problem.code == "too_large"
    assert "52,428,800 bytes" in problem.message


def test_too_large_by_characters(tmp_path: Path, english: str, read: Read) -> None:
    small = Settings(max_chars=200)
    path = tmp_path / "long.txt"
    path.write_text("Title\n" + english, encoding="utf-8")  # under 4 x 200 bytes, over 200 characters
    assert 200 < len(english) < 800
    articles, [problem] = read(path, settings=small)
    assert articles == [] and problem.code == "too_large"
    assert problem.article_id is not None
    [article], [] = read(path, settings=Settings(max_chars=len(english)))
    assert len(article.text) == len(english)
