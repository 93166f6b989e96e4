"""Feeds, entries and fetched pages in the state database.

Everything a feed says is stored as the plain text it was parsed into; it is
untrusted still, and passes the boundary (:func:`reader.safe_text.shown`)
wherever it is shown.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.news.feeds import ParsedFeed
from reader.state.db import connect

DIRECTIONS = ("auto", "rtl", "ltr")


@dataclass(frozen=True)
class Feed:
    """A subscription, its settings, what its last fetch left, and its counts."""

    id: int
    url: str
    title: str  # the user's name for it, "" for the feed's own
    feed_title: str
    site_url: str
    etag: str | None
    last_modified: str | None
    last_error: str | None
    checked_at: float | None
    direction: str
    full_text: bool
    selector: str
    unread: int = 0
    total: int = 0

    @property
    def name(self) -> str:
        """What the feed is called: the user's title, the feed's, else its URL."""
        return self.title or self.feed_title or self.url


@dataclass(frozen=True)
class Entry:
    """An entry of a feed, with what the reader did with it."""

    id: int
    feed_id: int
    feed_name: str
    guid: str
    url: str
    title: str
    author: str
    published: float | None
    seen_at: float
    summary: str
    content: str
    read: bool
    starred: bool

    @property
    def when(self) -> float:
        """The entry's date, or when hamish first saw it."""
        return self.published if self.published is not None else self.seen_at

    @property
    def date(self) -> str:
        """The date as ISO 8601 in UTC: ``2025-06-10T04:00:00Z``."""
        moment = datetime.fromtimestamp(self.when, tz=timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def text(self) -> str:
        """The fullest text the feed gave: its content, else its summary."""
        return self.content or self.summary


@dataclass(frozen=True)
class Page:
    """A fetched web page: its raw HTML kept with the text taken from it and by what."""

    url: str
    final_url: str
    fetched_at: float
    content_type: str | None
    encoding: str
    html: bytes
    title: str
    text: str
    extractor: str
    extractor_version: str


_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.feed_title, f.site_url, f.etag, f.last_modified, f.last_error, "
    "f.checked_at, f.direction, f.full_text, f.selector"
)
_ENTRY_QUERY = (
    "SELECT e.*, CASE WHEN f.title != '' THEN f.title WHEN f.feed_title != '' "
    "THEN f.feed_title ELSE f.url END AS feed_name FROM entries e JOIN feeds f ON f.id = e.feed_id"
)
_NEWEST_FIRST = " ORDER BY coalesce(e.published, e.seen_at) DESC, e.id DESC"


def _feed(row: sqlite3.Row) -> Feed:
    values = dict(row)
    values["full_text"] = bool(values["full_text"])
    return Feed(**values)


def _entry(row: sqlite3.Row) -> Entry:
    values = dict(row)
    values["read"], values["starred"] = bool(values["read"]), bool(values["starred"])
    return Entry(**values)


class NewsStore:
    """The feeds and entries of the state database at ``path`` (default: the user's)."""

    def __init__(self, path: Path | None = None) -> None:
        self.conn = connect(path)

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    # -- feeds ----------------------------------------------------------------

    def add_feed(self, url: str, title: str = "") -> Feed:
        """Subscribe to ``url``; ValueError if it is already subscribed."""
        known = self.find_feed(url)
        if known is not None:
            raise ValueError(f"already subscribed, as feed {known.id}")
        with self.conn:
            cursor = self.conn.execute(
                "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?)",
                (url, title, time.time()),
            )
        found = self.feed(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def feeds(self) -> list[Feed]:
        """Every feed, in the order added, with its unread and total counts."""
        rows = self.conn.execute(
            f"SELECT {_FEED_COLUMNS}, coalesce(sum(1 - e.read), 0) AS unread, "
            "count(e.id) AS total FROM feeds f LEFT JOIN entries e ON e.feed_id = f.id "
            "GROUP BY f.id ORDER BY f.id"
        )
        return [_feed(row) for row in rows]

    def feed(self, feed_id: int) -> Feed | None:
        """The feed of ``feed_id``, or None."""
        return next((f for f in self.feeds() if f.id == feed_id), None)

    def find_feed(self, ref: str) -> Feed | None:
        """A feed by its number or its URL."""
        ref = ref.strip()
        for feed in self.feeds():
            if (ref.isdigit() and feed.id == int(ref)) or feed.url == ref:
                return feed
        return None

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe: the feed and its entries go."""
        with self.conn:
            self.conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def set_feed(self, feed_id: int, **settings: Any) -> None:
        """Change a feed's settings: ``title``, ``direction``, ``full_text``, ``selector``."""
        allowed = {"title", "direction", "full_text", "selector"}
        unknown = set(settings) - allowed
        if unknown:
            raise ValueError(f"not a feed setting: {', '.join(sorted(unknown))}")
        if settings.get("direction", "auto") not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
        with self.conn:
            for name, value in settings.items():
                self.conn.execute(f"UPDATE feeds SET {name} = ? WHERE id = ?", (value, feed_id))

    def fetched(
        self, feed_id: int, parsed: ParsedFeed | None, etag: str | None, modified: str | None
    ) -> list[int]:
        """A fetch that worked: its validators kept, its error cleared, and (unless
        not modified) its entries stored.  Returns the ids of the entries new to us."""
        now = time.time()
        new: list[int] = []
        with self.conn:
            self.conn.execute(
                "UPDATE feeds SET etag = ?, last_modified = ?, last_error = NULL, "
                "checked_at = ? WHERE id = ?",
                (etag, modified, now, feed_id),
            )
            if parsed is None:
                return new
            if parsed.title or parsed.site_url:
                self.conn.execute(
                    "UPDATE feeds SET feed_title = ?, site_url = ? WHERE id = ?",
                    (parsed.title, parsed.site_url, feed_id),
                )
            for e in parsed.entries:
                known = self.conn.execute(
                    "SELECT id FROM entries WHERE feed_id = ? AND guid = ?", (feed_id, e.guid)
                ).fetchone()
                values = (e.url, e.title, e.author, e.published, e.summary, e.content)
                if known is None:
                    cursor = self.conn.execute(
                        "INSERT INTO entries (feed_id, guid, url, title, author, published, "
                        "summary, content, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (feed_id, e.guid, *values, now),
                    )
                    new.append(int(cursor.lastrowid or 0))
                else:  # a corrected entry: its text changes, what the reader did stays
                    self.conn.execute(
                        "UPDATE entries SET url = ?, title = ?, author = ?, published = ?, "
                        "summary = ?, content = ? WHERE id = ?",
                        (*values, known["id"]),
                    )
        return new

    def failed(self, feed_id: int, problem: str) -> None:
        """A fetch that failed: its problem is the feed's last error."""
        with self.conn:
            self.conn.execute(
                "UPDATE feeds SET last_error = ?, checked_at = ? WHERE id = ?",
                (problem, time.time(), feed_id),
            )

    # -- entries ----------------------------------------------------------------

    def entries(
        self,
        feed_id: int | None = None,
        *,
        unread: bool = False,
        starred: bool = False,
        ids: Sequence[int] | None = None,
    ) -> list[Entry]:
        """Entries, newest first: of one feed or all, only unread or starred ones if asked."""
        where: list[str] = []
        params: list[Any] = []
        if feed_id is not None:
            where.append("e.feed_id = ?")
            params.append(feed_id)
        if unread:
            where.append("e.read = 0")
        if starred:
            where.append("e.starred = 1")
        if ids is not None:
            where.append(f"e.id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        sql = _ENTRY_QUERY + (" WHERE " + " AND ".join(where) if where else "") + _NEWEST_FIRST
        return [_entry(row) for row in self.conn.execute(sql, params)]

    def entry(self, entry_id: int) -> Entry | None:
        """The entry of ``entry_id``, or None."""
        found = self.entries(ids=[entry_id])
        return found[0] if found else None

    def set_read(self, entry_ids: Iterable[int], read: bool = True) -> None:
        """Mark entries read (or unread)."""
        with self.conn:
            self.conn.executemany(
                "UPDATE entries SET read = ? WHERE id = ?", [(int(read), i) for i in entry_ids]
            )

    def set_starred(self, entry_id: int, starred: bool) -> None:
        """Star an entry, or take its star away."""
        with self.conn:
            self.conn.execute(
                "UPDATE entries SET starred = ? WHERE id = ?", (int(starred), entry_id)
            )

    # -- pages ------------------------------------------------------------------

    def page(self, url: str) -> Page | None:
        """The page fetched for ``url``, or None."""
        row = self.conn.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        return Page(**dict(row)) if row else None

    def save_page(self, page: Page) -> None:
        """Keep a fetched page (replacing an earlier fetch of the same URL)."""
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO pages (url, final_url, fetched_at, content_type, "
                "encoding, html, title, text, extractor, extractor_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    page.url,
                    page.final_url,
                    page.fetched_at,
                    page.content_type,
                    page.encoding,
                    page.html,
                    page.title,
                    page.text,
                    page.extractor,
                    page.extractor_version,
                ),
            )

    def page_texts(self) -> dict[str, str]:
        """The text of every fetched page, by URL (for searching stored texts)."""
        return {row[0]: row[1] for row in self.conn.execute("SELECT url, text FROM pages")}
