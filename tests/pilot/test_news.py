"""The library's Feeds section: feeds and unread counts, refreshing in the background,
m s S, opening an entry's full text, searching, and hostile titles."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from news_server import (
    ARTICLE_PARAGRAPHS,
    CP1256_ENTRY_TITLES,
    CP1256_FEED_TITLE,
    SUMMARY_ENTRY_TITLE,
    UTF8_ENTRY_TITLES,
    UTF8_FEED_TITLE,
    NewsServer,
)
from pilot_helpers import screen_lines, settle, wait_until
from textual.widgets import DataTable

from reader.news.refresh import refresh
from reader.news.store import NewsStore
from reader.ui.screens.library_screen import LibraryScreen
from reader.ui.screens.reader_screen import ReaderScreen

SIZE = (120, 30)


async def subscribe(server: NewsServer, *paths: str, fetch: bool = True) -> None:
    store = NewsStore()
    for path in paths:
        store.add_feed(server.url(path))
    store.close()
    if fetch:
        await asyncio.to_thread(refresh)  # as `hamish feeds refresh` would


def rows(app, table_id: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [[cell.plain.strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    pane = app.screen.feeds
    return [e.title for e in pane.listing.matching(pane.query_text, pane.feed_id, pane.texts)]


async def test_feeds_with_unread_counts_and_entries_newest_first(
    make_app, news_server: NewsServer
) -> None:
    await subscribe(news_server, "/utf8.rss", "/cp1256-bare.rss", "/error.rss")
    store = NewsStore()
    store.set_read([store.entries(1)[0].id])
    store.close()
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        feeds = rows(app, "news-feeds")
        assert [r[1] for r in feeds] == ["3", "1", "2", "0"]
        names = [f.name for f in app.screen.feeds.listing.feeds]
        assert names == [UTF8_FEED_TITLE, CP1256_FEED_TITLE, news_server.url("/error.rss")]
        assert feeds[3][2].startswith("HTTP 500")  # the last error, one line beside it
        assert titles(app) == [
            CP1256_ENTRY_TITLES[1],
            UTF8_ENTRY_TITLES[1],
            CP1256_ENTRY_TITLES[0],
            UTF8_ENTRY_TITLES[0],
        ]
        # The titles are drawn by the engine: shaped, in visual order.
        shown = "\n".join(screen_lines(app))
        assert "ﺔﻔﻴﺤﺻ" in shown  # صحيفة, joined, as the reader draws it
        table = app.screen.query_one("#news-feeds", DataTable)
        table.move_cursor(row=2)
        await settle(pilot)
        assert titles(app) == list(reversed(CP1256_ENTRY_TITLES))
        assert len(rows(app, "news-entries")) == 2


async def test_refresh_leaves_the_screen_responsive(make_app, news_server: NewsServer) -> None:
    await subscribe(news_server, "/utf8.rss", "/slow.rss", fetch=False)
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        screen = app.screen.feeds
        # The quick feed's entries arrive while the slow one is still pending.
        assert await wait_until(pilot, lambda: len(rows(app, "news-entries")) == 2, 10)
        assert news_server.hits["/slow.rss"] == 1 and not news_server.release.is_set()
        await pilot.press("m", "s")
        first = screen.listing.entries[0]
        assert (first.read, first.starred) == (True, True)
        stored = NewsStore().entry(first.id)
        assert stored is not None and (stored.read, stored.starred) == (True, True)
        assert rows(app, "news-entries")[0][0] == "★"
        assert rows(app, "news-feeds")[0][1] == "1"
        await pilot.press("m")
        assert rows(app, "news-entries")[0][0] == "●★"
        news_server.release.set()
        assert await wait_until(pilot, lambda: len(rows(app, "news-entries")) == 3, 10)
        assert await wait_until(pilot, lambda: screen._refreshing == 0, 5)  # noqa: SLF001


async def open_highlighted_entry(pilot) -> None:  # type: ignore[no-untyped-def]
    """Enter on the highlighted entry, and wait for it to be read."""
    await settle(pilot)
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen), 10)
    await settle(pilot)


async def test_an_entry_with_only_a_summary_opens_its_page(
    make_app, news_server: NewsServer
) -> None:
    await subscribe(news_server, "/summary.rss")
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await open_highlighted_entry(pilot)
        article = app.screen.article
        assert article is not None and article.title == SUMMARY_ENTRY_TITLE
        assert article.text.splitlines()[-3:] == list(ARTICLE_PARAGRAPHS)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert rows(app, "news-feeds")[0][1] == "0"  # opening it read it


async def test_without_the_web_extra_the_summary_and_which_extra(
    make_app, news_server: NewsServer, monkeypatch
) -> None:
    import reader.news.save

    monkeypatch.setattr(reader.news.save, "web_extra_missing", lambda: "needs hamish[web]")
    await subscribe(news_server, "/summary.rss")
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await open_highlighted_entry(pilot)
        assert app.screen.article.text == "موجز: جفاف الأهوار."
        notices = [n.message for n in app._notifications]  # noqa: SLF001
        assert any("summary only; needs hamish[web]" in n for n in notices), notices


async def test_S_saves_to_the_corpus_and_it_opens_for_annotation(
    make_app, news_server: NewsServer, tmp_path: Path
) -> None:
    await subscribe(news_server, "/summary.rss", "/utf8.rss")
    corpus = tmp_path / "corpus.jsonl"
    app = make_app("--news", "--corpus", str(corpus))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("S", "down", "S", "down", "S", "up", "S")
        await settle(pilot)
    records = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3  # the fourth S was the same article again
    assert {r["meta"]["title"] for r in records} == {
        UTF8_ENTRY_TITLES[1],
        SUMMARY_ENTRY_TITLE,
        UTF8_ENTRY_TITLES[0],
    }
    paged = next(r for r in records if r["meta"]["title"] == SUMMARY_ENTRY_TITLE)
    assert paged["meta"]["extractor"].startswith("trafilatura ")
    assert ARTICLE_PARAGRAPHS[0] in paged["text"]

    out = tmp_path / "tags.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), str(corpus))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
        assert await wait_until(pilot, lambda: out.exists() and out.read_text(), 5)
    saved = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert saved["text"] == records[0]["text"]
    assert saved["spans"][0]["label"] == "GPE"


async def test_search_titles_arabic_aware_and_texts_on_request(
    make_app, news_server: NewsServer
) -> None:
    await subscribe(news_server, "/utf8.rss", "/cp1256-bare.rss")
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"دجله")  # ة typed as ه, as in article search
        assert titles(app) == [UTF8_ENTRY_TITLES[0]]
        await pilot.press("ctrl+a", "ctrl+k", *"البصره")  # only in a summary
        assert titles(app) == []
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert titles(app) == [CP1256_ENTRY_TITLES[0]]
        await pilot.press("escape")
        assert len(titles(app)) == 4


async def test_hostile_titles_show_as_text(make_app, news_server: NewsServer) -> None:
    await subscribe(news_server, "/hostile.rss")
    app = make_app("--news")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "[bold red]markup[/]" in shown  # markup shown, not obeyed
        assert "\x1b" not in shown and "␛[31m" in shown, shown
