"""The library holds the feeds beside the files: one filter for both, the Feeds
section's keys, and a feed's direction applied when its entry is read."""

from __future__ import annotations

from news_server import CP1256_ENTRY_TITLES, UTF8_ENTRY_TITLES, NewsServer
from pilot_helpers import SEED, screen_lines, settle, wait_until
from test_news import SIZE, rows, subscribe, titles
from textual.widgets import DataTable

from reader.files.bundled import sample_path
from reader.news.store import NewsStore
from reader.ui.screens.library_screen import LibraryScreen
from reader.ui.screens.reader_screen import ReaderScreen

OTHER = str(sample_path("en-article.txt"))


async def test_files_and_feeds_in_one_library(make_app, news_server: NewsServer) -> None:
    await subscribe(news_server, "/utf8.rss", "/cp1256-bare.rss")
    app = make_app(SEED, OTHER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#entries", DataTable).row_count == 2  # the files
        assert [r[1] for r in rows(app, "news-feeds")] == ["4", "2", "2"]  # unread
        assert titles(app) == [
            CP1256_ENTRY_TITLES[1],
            UTF8_ENTRY_TITLES[1],
            CP1256_ENTRY_TITLES[0],
            UTF8_ENTRY_TITLES[0],
        ]
        lines = "\n".join(screen_lines(app))
        assert "Files: 2" in lines and "Feeds: 2 · 4 unread" in lines
        # Typing filters both sections; Arabic-aware (ة typed as ه).
        await pilot.press(*"دجله")
        assert titles(app) == [UTF8_ENTRY_TITLES[0]]
        assert app.screen.query_one("#entries", DataTable).row_count == 0
        assert "Files: 0 of 2" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        assert len(titles(app)) == 4
        # Ctrl+N: the Feeds section, where letters are its keys, not the filter's.
        await pilot.press("ctrl+n", "m", "s")
        entries = app.screen.query_one("#news-entries", DataTable)
        assert app.screen.focused is entries
        assert app.screen.query_one("#filter Input").value == ""
        # The entry the cursor was on when filtered (it stays on it) got them.
        marked = [e.title for e in NewsStore().entries() if e.read and e.starred]
        assert marked == [UTF8_ENTRY_TITLES[0]]
        assert rows(app, "news-feeds")[0][1] == "3"
        # / goes back to the filter, which types again.
        await pilot.press("slash", "x")
        assert app.screen.query_one("#filter Input").value == "x"


async def test_the_filter_searches_stored_texts_on_ctrl_t(
    make_app, news_server: NewsServer
) -> None:
    await subscribe(news_server, "/utf8.rss", "/cp1256-bare.rss")
    app = make_app(SEED, OTHER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"البصره")  # only in a summary
        assert titles(app) == []
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert titles(app) == [CP1256_ENTRY_TITLES[0]]
        assert "stored texts too" in "\n".join(screen_lines(app))
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert titles(app) == []


async def test_without_feeds_the_section_says_how_to_subscribe(make_app) -> None:
    app = make_app(SEED, OTHER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#news-entries").display or not (
            app.screen.query_one("#news-body").display
        )
        assert "Feeds: none yet (hamish feeds add URL" in "\n".join(screen_lines(app))
        await pilot.press("ctrl+n", "r")  # nothing to refresh: letters filter again
        assert app.screen.query_one("#filter Input").value == "r"


async def test_a_feeds_direction_applies_to_its_entries(make_app, news_server: NewsServer) -> None:
    await subscribe(news_server, "/utf8.rss", "/cp1256-bare.rss")
    store = NewsStore()
    store.set_feed(1, direction="ltr")  # the UTF-8 feed, Arabic, forced left to right
    store.close()
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        feed_of = {e.id: e.feed_id for e in app.screen.feeds.listing.entries}
        for row, entry_id in enumerate(feed_of):
            app.screen.query_one("#news-entries", DataTable).move_cursor(row=row)
            await settle(pilot)
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), 10)
            await settle(pilot)
            wanted = "ltr" if feed_of[entry_id] == 1 else "auto"
            assert app.screen.view.options.direction == wanted
            status = "\n".join(screen_lines(app))
            if wanted == "ltr":
                assert "direction ltr (the feed's)" in status
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), 5)
        assert app.settings.direction == "auto"  # the setting itself is left alone


async def open_entry_titled(pilot, title: str) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    ids = [e.id for e in app.screen.feeds.listing.entries if e.title == title]
    table = app.screen.query_one("#news-entries", DataTable)
    table.move_cursor(row=table.get_row_index(str(ids[0])))
    await settle(pilot)
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen), 10)
    await settle(pilot)
    assert len(app.screen_stack) == 2  # the entry over the library, and no file opened too


async def test_an_entry_reopens_where_it_was_left(make_app, news_server: NewsServer) -> None:
    await subscribe(news_server, "/utf8.rss")
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_entry_titled(pilot, UTF8_ENTRY_TITLES[0])
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        left_at = app.screen.view.top_offset
        assert left_at > 0
        await pilot.press("q")
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_entry_titled(pilot, UTF8_ENTRY_TITLES[0])
        assert app.screen.view.top_offset == left_at


async def test_a_feeds_whole_error_shows_when_it_is_picked(
    make_app, news_server: NewsServer
) -> None:
    await subscribe(news_server, "/utf8.rss", "/error.rss")
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "HTTP 500 Inte…" in "\n".join(screen_lines(app))  # cut to its column
        app.screen.query_one("#news-feeds", DataTable).move_cursor(row=2)
        await settle(pilot)
        status = [line for line in screen_lines(app) if "HTTP 500" in line]
        wanted = f"{news_server.url('/error.rss')}: HTTP 500 Internal Server Error"
        assert any(line.strip() == wanted for line in status), status


async def test_r_without_the_news_extra_says_which(
    make_app, news_server: NewsServer, monkeypatch
) -> None:
    import reader.news

    monkeypatch.setattr(reader.news, "news_extra_missing", lambda: "needs hamish[news]")
    await subscribe(news_server, "/utf8.rss", fetch=False)
    app = make_app("--news")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        notices = [n.message for n in app._notifications]  # noqa: SLF001
        assert "needs hamish[news]" in notices
        assert news_server.hits["/utf8.rss"] == 0
