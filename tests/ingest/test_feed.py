"""RSS and Atom feeds: items, metadata, and feeds that must be refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.ingest import feed, fingerprint
from eventwire.model import Article, Problem

Read = Callable[..., tuple[list[Article], list[Problem]]]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Steppe Courier</title>
  <link>https://courier.example/</link>
  <description>News from the steppe</description>
  <item>
    <title>Fuel protest turns violent in Almaty</title>
    <link>https://courier.example/world/almaty-protest</link>
    <guid>almaty-1</guid>
    <pubDate>Thu, 06 Jan 2022 09:15:00 GMT</pubDate>
    <description>Short teaser only.</description>
    <content:encoded><![CDATA[{html}]]></content:encoded>
  </item>
  <item>
    <title>Curfew declared &amp; internet cut</title>
    <link>https://courier.example/world/curfew</link>
    <pubDate>not a date at all</pubDate>
    <description>&lt;p&gt;The government declared a curfew in the city and cut the
      internet.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire Desk</title>
  <id>urn:example:wire</id>
  <updated>2022-01-07T12:00:00Z</updated>
  <entry>
    <title type="html">Troops &lt;em&gt;arrive&lt;/em&gt; in Almaty</title>
    <link href="https://wire.example/troops"/>
    <id>urn:example:wire:1</id>
    <published>2022-01-07T06:00:00Z</published>
    <updated>2022-01-07T08:00:00Z</updated>
    <summary>Foreign troops arrived in Almaty on Friday at the request of the president.</summary>
  </entry>
</feed>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>Item</title><description>&lol9;</description></item>
</channel></rss>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Leak</title>
<item><title>Item</title><description>&secret;</description></item>
</channel></rss>
"""


def rss_html(english: str) -> str:
    paragraphs = "".join(f"<p>{part}</p>" for part in english.split("\n\n"))
    return f"{paragraphs}<script>alert('x')</script>"


def test_rss_items(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS.replace("{html}", rss_html(english)), encoding="utf-8")
    articles, problems = read(path)
    first, second = articles
    assert first.title == "Fuel protest turns violent in Almaty"
    assert first.url == "https://courier.example/world/almaty-protest"
    assert first.outlet == "Steppe Courier"
    assert first.published == dt.date(2022, 1, 6)
    assert first.text.startswith("Thousands of people gathered")  # full content, not the teaser
    assert "\n" in first.text and "alert" not in first.text and "<p>" not in first.text
    assert first.fingerprint == fingerprint(english)
    assert first.origin == f"{path}#1"
    assert second.title == "Curfew declared & internet cut"
    assert second.text == "The government declared a curfew in the city and cut the internet."
    assert second.published is None
    assert second.origin == f"{path}#2"
    [problem] = problems
    assert problem.code == "bad_date" and problem.origin == f"{path}#2"
    assert problem.article_id == second.id and "not a date at all" in problem.message


def test_bad_item_date_falls_back_to_published_option(tmp_path: Path, english: str, read: Read) -> None:
    path = tmp_path / "courier.xml"
    path.write_text(RSS.replace("{html}", rss_html(english)), encoding="utf-8")
    (first, second), [problem] = read(path, published=dt.date(2022, 1, 9))
    assert first.published == dt.date(2022, 1, 6)
    assert second.published == dt.date(2022, 1, 9)
    assert problem.code == "bad_date" and "2022-01-09" in problem.message


def test_atom_entry(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article], [] = read(path)
    assert article.title == "Troops arrive in Almaty"
    assert article.url == "https://wire.example/troops"
    assert article.outlet == "Wire Desk"
    assert article.published == dt.date(2022, 1, 7)
    assert article.text == "Foreign troops arrived in Almaty on Friday at the request of the president."


@pytest.mark.parametrize("document", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entities_and_dtds_are_refused_never_expanded(
    tmp_path: Path, read: Read, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    def _must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("feedparser must not see a document with entities")

    monkeypatch.setattr(feed.feedparser, "parse", _must_not_parse)
    path = tmp_path / "evil.rss"
    path.write_text(document, encoding="utf-8")
    articles, [problem] = read(path)
    assert articles == []
    assert problem.code == "bad_xml" and problem.origin == str(path)
    assert "lol" not in problem.message and "root:" not in problem.message


def test_doctype_alone_is_refused(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "doctype.rss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://example.invalid/rss.dtd">'
        "<rss version='2.0'><channel><title>T</title><item><title>A</title></item></channel></rss>",
        encoding="utf-8",
    )
    [], [problem] = read(path)
    assert problem.code == "bad_xml"


def test_xml_that_is_not_a_feed(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<?xml version='1.0'?><config><option name='a'>1</option></config>", encoding="utf-8")
    [], [problem] = read(path)
    assert problem.code == "bad_feed" and problem.origin == str(path)


def test_feed_without_items(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text("<rss version='2.0'><channel><title>Quiet</title></channel></rss>", encoding="utf-8")
    [], [problem] = read(path)
    assert problem.code == "bad_feed" and "no items" in problem.message


def test_garbage_is_bad_xml(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "garbage.rss"
    path.write_text("this is not < a feed &&& at all", encoding="utf-8")
    [], [problem] = read(path)
    assert problem.code == "bad_xml" and "well-formed" in problem.message


def test_sloppy_feed_is_read_leniently(tmp_path: Path, read: Read) -> None:
    # &nbsp; is not an XML entity: the file is not well-formed, but feedparser can read it
    path = tmp_path / "sloppy.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Sloppy&nbsp;News</title><item><title>Riot police deployed"
        "</title><description>Riot police were deployed in the city centre.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [article], [problem] = read(path)
    assert problem.code == "bad_xml" and "leniently" in problem.message  # read, but reported
    assert article.title == "Riot police deployed"
    assert article.text == "Riot police were deployed in the city centre."


def test_empty_item_is_a_problem_and_others_go_on(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "mixed.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Mixed</title>"
        "<item><title>Nothing here</title></item>"
        "<item><title>Strike</title>"
        "<description>Oil workers went on strike in Zhanaozen.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [article], [problem] = read(path)
    assert problem.code == "empty" and problem.origin == f"{path}#1"
    assert article.origin == f"{path}#2" and article.title == "Strike"


def test_html_text_keeps_blocks_apart() -> None:
    assert feed.html_text("<p>One.</p><p>Two &amp; three.</p><style>p{}</style>").split() == [
        "One.",
        "Two",
        "&",
        "three.",
    ]
    assert feed.html_text("<p>One.</p><p>Two.</p>").strip() == "One.\nTwo."
    assert feed.html_text("plain & simple") == "plain & simple"
    assert feed.html_text("<p>a line\n  broken in\tthe source</p>").strip() == "a line broken in the source"
    assert feed.html_text("") == ""
