"""Feeds parsed into plain text: Atom and RSS, hostile titles, hostile XML."""

from __future__ import annotations

import resource
import time

from news_server import (
    ATOM_ENTRY_TITLE,
    ATOM_FEED_TITLE,
    UTF8_ENTRY_TITLES,
    UTF8_FEED_TITLE,
    NewsServer,
)

from reader.news.feeds import parse_feed
from reader.news.fetch import fetch_one
from reader.news.html_text import html_to_text
from reader.safe_text import shown


def feed_at(server: NewsServer, path: str):  # type: ignore[no-untyped-def]
    fetched = fetch_one(server.url(path))
    return parse_feed(fetched.body, fetched.content_type, fetched.final_url)


def test_rss_in_utf8(news_server: NewsServer) -> None:
    feed = feed_at(news_server, "/utf8.rss")
    assert feed.title == UTF8_FEED_TITLE
    assert [e.title for e in feed.entries] == list(UTF8_ENTRY_TITLES)
    assert feed.entries[0].url == news_server.url("/utf8/0")
    assert feed.entries[0].published == 1749513600.0  # Tue, 10 Jun 2025 00:00:00 GMT


def test_atom_in_utf8_with_html_content_made_text(news_server: NewsServer) -> None:
    feed = feed_at(news_server, "/atom.xml")
    assert feed.title == ATOM_FEED_TITLE
    (entry,) = feed.entries
    assert entry.title == ATOM_ENTRY_TITLE
    assert entry.content == "التمور العراقية"  # <p> gone: HTML is never shown as HTML


def test_hostile_titles_are_plain_text_and_links_only_web(news_server: NewsServer) -> None:
    feed = feed_at(news_server, "/hostile.rss")
    first, second = feed.entries
    # Kept as the feed said them; the boundary turns the escape into a stand-in.
    assert "\x1b" not in shown(first.title)
    assert "[bold red]markup[/]" in first.title
    assert first.url == ""  # javascript: is no link
    assert second.title.endswith("نص")  # whatever the tags, the words are kept
    assert second.summary == "bold"
    assert feed.title == "<b>عدائي"  # an escaped tag in a title is text, not a tag


def test_billion_laughs_neither_expands_nor_hangs(news_server: NewsServer) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    feed = feed_at(news_server, "/laughs.rss")
    assert time.monotonic() - started < 5
    assert all(len(e.title) < 100 for e in feed.entries)
    assert len(feed.title) < 100
    # 10^9 "lol"s would be gigabytes: the process grew by far less than 100 MB.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000


def test_an_external_entity_is_never_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>&x;</title><item><title>a &x;</title>'
        "<guid>1</guid></item></channel></rss>"
    ).encode()
    feed = parse_feed(data)
    assert "SECRET" not in feed.title and "SECRET" not in feed.entries[0].title


def test_bytes_that_are_no_feed_are_an_error() -> None:
    import pytest

    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(b"just words", "text/plain")


def test_entries_without_an_id_get_a_stable_one() -> None:
    data = '<rss version="2.0"><channel><item><title>بلا معرف</title></item></channel></rss>'
    one, two = parse_feed(data.encode()).entries[0], parse_feed(data.encode()).entries[0]
    assert one.guid == two.guid and one.guid.startswith("sha256:")


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<p>أول &amp; <b>ثان</b></p><script>alert(1)</script><div>ثالث<br>رابع</div>"
    assert html_to_text(html) == "أول & ثان\nثالث\nرابع"
