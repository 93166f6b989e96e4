"""The state database: feeds, entries, refreshes, and what survives a restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from news_server import (
    CP1256_ENTRY_TITLES,
    CP1256_FEED_TITLE,
    SUMMARY_ENTRY_TITLE,
    UTF8_ENTRY_TITLES,
    UTF8_FEED_TITLE,
    NewsServer,
)

from reader.documents import InputError
from reader.news.fetch import Limits
from reader.news.refresh import Outcome, refresh
from reader.news.store import NewsStore
from reader.state.db import MIGRATIONS, connect
from reader.state.places import Place, Places, place_key


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "state" / "hamish.db"


def test_feeds_entries_and_their_state_survive_a_restart(db: Path, news_server: NewsServer) -> None:
    store = NewsStore(db)
    feed = store.add_feed(news_server.url("/utf8.rss"), "mine")
    store.close()
    refresh(path=db)
    store = NewsStore(db)
    newest, older = store.entries()
    store.set_read([newest.id])
    store.set_starred(older.id, True)
    store.close()

    again = NewsStore(db)  # a new process would see the same
    (f,) = again.feeds()
    assert (f.id, f.title, f.unread, f.total) == (feed.id, "mine", 1, 2)
    assert [(e.title, e.read, e.starred) for e in again.entries()] == [
        (UTF8_ENTRY_TITLES[1], True, False),
        (UTF8_ENTRY_TITLES[0], False, True),
    ]


def test_the_database_is_in_wal_mode_with_a_schema_version(db: Path) -> None:
    NewsStore(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_a_database_from_a_newer_hamish_is_refused_untouched(db: Path) -> None:
    NewsStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version VALUES (99)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="written by a newer hamish"):
        connect(db)


def test_a_file_that_is_no_database_is_refused(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_text("notes, not a database " * 100)
    with pytest.raises(InputError, match="not a hamish state database"):
        connect(db)


def test_a_fifo_in_place_of_the_database_is_refused(db: Path) -> None:
    import os

    db.parent.mkdir(parents=True)
    os.mkfifo(db)
    with pytest.raises(InputError, match="not a regular file"):
        connect(db)


def test_a_failing_feed_never_stops_the_others(db: Path, news_server: NewsServer) -> None:
    store = NewsStore(db)
    for path in ("/error.rss", "/cp1256-bare.rss", "/slow.rss", "/not-a-feed.rss"):
        store.add_feed(news_server.url(path))
    seen: list[Outcome] = []
    outcomes = refresh(done=seen.append, limits=Limits(timeout=1), path=db)
    assert [o.error for o in outcomes][:3] == [
        "HTTP 500 Internal Server Error",
        None,
        "timed out after 1 s",
    ]
    assert str(outcomes[3].error).startswith("not an RSS or Atom feed (")
    assert len(seen) == 4
    feeds = store.feeds()
    assert [f.last_error for f in feeds][:3] == [
        "HTTP 500 Internal Server Error",
        None,
        "timed out after 1 s",
    ]
    assert feeds[1].name == CP1256_FEED_TITLE
    assert [e.title for e in store.entries(feeds[1].id)] == list(reversed(CP1256_ENTRY_TITLES))


def test_a_stopped_refresh_drops_the_slow_feed_and_keeps_the_rest(
    db: Path, news_server: NewsServer
) -> None:
    """Quitting must not wait for a slow server: once ``stopped`` says so, the
    fetch still waiting is dropped (no outcome, no error stored for it)."""
    store = NewsStore(db)
    for path in ("/slow.rss", "/utf8.rss"):
        store.add_feed(news_server.url(path))
    seen: list[Outcome] = []
    # Stop once the quick feed is in: the slow one would answer only when the
    # test ends, or time out after 20 s with an error outcome.
    outcomes = refresh(done=seen.append, path=db, stopped=lambda: len(seen) >= 1)
    assert [o.name for o in outcomes] == [UTF8_FEED_TITLE] and outcomes == seen
    slow, quick = store.feeds()
    assert slow.last_error is None and not store.entries(slow.id)
    assert len(store.entries(quick.id)) == 2


def test_an_unchanged_feed_costs_a_304_and_keeps_its_entries(
    db: Path, news_server: NewsServer
) -> None:
    store = NewsStore(db)
    store.add_feed(news_server.url("/etag.rss"))
    (first,) = refresh(path=db)
    (second,) = refresh(path=db)
    assert (first.new, first.not_modified) == (2, False)
    assert (second.new, second.not_modified) == (0, True)
    assert news_server.headers["/etag.rss"]["If-None-Match"] == '"v1"'
    assert store.feeds()[0].total == 2


def test_a_refreshed_entry_keeps_what_the_reader_did(db: Path, news_server: NewsServer) -> None:
    store = NewsStore(db)
    store.add_feed(news_server.url("/utf8.rss"))
    refresh(path=db)
    entry = store.entries()[0]
    store.set_read([entry.id])
    store.set_starred(entry.id, True)
    (again,) = refresh(path=db)
    assert again.new == 0
    after = store.entry(entry.id)
    assert after is not None and (after.title, after.read, after.starred) == (
        entry.title,
        True,
        True,
    )


def test_unread_counts(db: Path, news_server: NewsServer) -> None:
    store = NewsStore(db)
    a = store.add_feed(news_server.url("/utf8.rss"))
    b = store.add_feed(news_server.url("/cp1256-header.rss"))
    refresh(path=db)
    store.set_read([store.entries(a.id)[0].id])
    counts = {f.id: (f.unread, f.total) for f in store.feeds()}
    assert counts == {a.id: (1, 2), b.id: (2, 2)}
    store.set_read([e.id for e in store.entries(b.id)])
    assert {f.id: f.unread for f in store.feeds()} == {a.id: 1, b.id: 0}


def test_a_full_text_feed_fetches_its_new_pages(db: Path, news_server: NewsServer) -> None:
    store = NewsStore(db)
    feed = store.add_feed(news_server.url("/summary.rss"))
    store.set_feed(feed.id, full_text=1)
    (outcome,) = refresh(path=db)
    assert outcome.pages == 1
    (entry,) = store.entries()
    assert entry.title == SUMMARY_ENTRY_TITLE
    page = store.page(entry.url)
    assert page is not None
    assert page.html.startswith(b"<!DOCTYPE html>")  # the raw page, kept as it came
    assert page.extractor == "trafilatura" and page.extractor_version[0].isdigit()


def test_adding_a_feed_twice_is_refused(db: Path) -> None:
    store = NewsStore(db)
    store.add_feed("http://127.0.0.1:9/feed")
    with pytest.raises(ValueError, match="already subscribed"):
        store.add_feed("http://127.0.0.1:9/feed")


def test_places_by_path_and_content_hash_survive_a_restart(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    places = Places(db)
    key = place_key(str(tmp_path / "a.txt"), "نص المقال")
    places.put(key, Place(120, 130))
    places.close()
    again = Places(db)
    assert again.get(key) == Place(120, 130)
    # The same file with other text is another document: it starts at the top.
    assert again.get(place_key(str(tmp_path / "a.txt"), "نص آخر")) is None
    # A relative path is the same file as its absolute one.
    monkeypatch.chdir(tmp_path)
    assert again.get(place_key("a.txt", "نص المقال")) == Place(120, 130)
