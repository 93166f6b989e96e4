"""FeedActions: what the library's Feeds section does to feeds and entries.

``r`` refreshes every feed in a thread worker (its own event loop), so the
library keeps answering keys; ``m`` and ``s`` mark an entry read and starred;
``S`` appends it to the corpus; Enter reads it, its page fetched first when
the feed gave only a summary.  The network and the database are used off the
event loop; what they found comes back as messages.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.worker import get_current_worker

from reader.plural import counted
from reader.ui.messages import ReadArticle

if TYPE_CHECKING:
    from textual import getters
    from textual.notifications import SeverityLevel

    from reader.documents import Article
    from reader.news.refresh import Outcome
    from reader.news.store import Entry
    from reader.ui.app import HamishApp


class FeedActions(Vertical):
    """The keys of the Feeds section and the workers behind them."""

    if TYPE_CHECKING:
        app = getters.app(HamishApp)

    BINDINGS = [
        Binding("r", "refresh", "Refresh feeds", id="refresh-feeds"),
        Binding("m", "toggle_read", "Read/unread", id="mark-read"),
        Binding("s", "toggle_star", "Star", id="star"),
        Binding("S", "save_to_corpus", "Save to corpus", id="save-to-corpus"),
    ]

    @dataclass
    class FeedDone(Message):
        """One feed's refresh finished."""

        outcome: Outcome

    @dataclass
    class ArticleReady(Message):
        """An entry's text was had (its page fetched, if need be)."""

        article: Article
        note: str | None

    def __init__(self, corpus: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self._saving = threading.Lock()
        self._refreshing = 0  # feeds still being refreshed

    # What the pane that shows the feeds provides.

    def reload(self) -> None:
        """Read the feeds and entries again (in a worker)."""
        raise NotImplementedError

    @property
    def has_feeds(self) -> bool:
        """Whether any feed is subscribed."""
        raise NotImplementedError

    def _current_entry_id(self) -> int | None:
        raise NotImplementedError

    def _entry(self, entry_id: int | None) -> Entry | None:
        raise NotImplementedError

    def _replace(self, new: Entry) -> None:
        raise NotImplementedError

    def _counts(self) -> str:
        raise NotImplementedError

    def _status(self, line: str) -> None:
        raise NotImplementedError

    # -- marking -----------------------------------------------------------------

    def _store_change(self, entry: Entry, **change: bool) -> Entry | None:
        from reader.documents import InputError
        from reader.news.store import NewsStore

        try:
            store = NewsStore()
            try:
                if "read" in change:
                    store.set_read([entry.id], change["read"])
                if "starred" in change:
                    store.set_starred(entry.id, change["starred"])
            finally:
                store.close()
        except (InputError, OSError) as err:
            self._say(f"not changed: {err}", "error")
            return None
        changed = replace(
            entry,
            read=change.get("read", entry.read),
            starred=change.get("starred", entry.starred),
        )
        self._replace(changed)
        return changed

    def action_toggle_read(self) -> None:
        entry = self._entry(self._current_entry_id())
        if entry is not None:
            self._store_change(entry, read=not entry.read)

    def action_toggle_star(self) -> None:
        entry = self._entry(self._current_entry_id())
        if entry is not None:
            self._store_change(entry, starred=not entry.starred)

    # -- reading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="news-open")
    def open_entry(self, entry: Entry) -> None:
        """The entry's fullest text, its page fetched if the feed gave only a summary."""
        from reader.news.listing import entry_article

        article, note = entry_article(entry)
        self.post_message(self.ArticleReady(article, note))

    def on_feed_actions_article_ready(self, message: ArticleReady) -> None:
        if message.note:
            self._say(message.note, "warning")
        self._status(self._counts())
        self.post_message(ReadArticle(message.article))

    # -- saving to the corpus --------------------------------------------------------

    def action_save_to_corpus(self) -> None:
        entry = self._entry(self._current_entry_id())
        if entry is not None:
            self._status(f"saving to {self.corpus}…")
            self.save_entry(entry)

    @work(thread=True, group="news-save")
    def save_entry(self, entry: Entry) -> None:
        """Append the entry to the corpus (its page fetched first, if need be)."""
        from reader.documents import InputError
        from reader.news.save import save_entries
        from reader.news.store import NewsStore

        try:
            with self._saving:  # one save at a time: the corpus is locked while written
                store = NewsStore()
                try:
                    saved, notes = save_entries(store, [entry], self.corpus)
                finally:
                    store.close()
        except InputError as err:
            self.app.call_from_thread(self._say, f"not saved: {err}", "error")
            return
        said = f"entry {entry.id} " + ("saved" if saved.added else "already there (same text)")
        for note in notes:
            self.app.call_from_thread(self._say, note, "warning")
        self.app.call_from_thread(self._say, f"{self.corpus}: {said}")
        self.app.call_from_thread(self._status, f"{self.corpus}: {said}")

    # -- refreshing ------------------------------------------------------------------

    def action_refresh(self) -> None:
        from reader.news import news_extra_missing

        missing = news_extra_missing()
        if missing:
            self._say(missing, "error")
            return
        if self._refreshing or not self.has_feeds:
            return
        self._refreshing = -1  # not yet known how many
        self._status("refreshing the feeds…")
        self.refresh_feeds()

    @work(thread=True, exclusive=True, group="news-refresh")
    def refresh_feeds(self) -> None:
        """Fetch every feed at once, in this thread's own event loop."""
        from reader.documents import InputError
        from reader.news.refresh import refresh
        from reader.news.store import NewsStore

        try:
            store = NewsStore()
            try:
                count = len(store.feeds())
            finally:
                store.close()
            self.app.call_from_thread(self._start_refreshing, count)
            # Quitting (or this pane going away) cancels the worker: the
            # fetches still waiting on a slow server are dropped, not waited for.
            worker = get_current_worker()
            refresh(done=self._feed_done, stopped=lambda: worker.is_cancelled)
        except InputError as err:
            self.app.call_from_thread(self._say, str(err), "error")
            self.app.call_from_thread(self._start_refreshing, 0)

    def _start_refreshing(self, count: int) -> None:
        self._refreshing = count
        self._status(f"refreshing {counted(count, 'feed')}…")

    def _feed_done(self, outcome: Outcome) -> None:
        self.post_message(self.FeedDone(outcome))

    def on_feed_actions_feed_done(self, message: FeedDone) -> None:
        self._refreshing = max(0, self._refreshing - 1)
        if self._refreshing:
            self._status(f"refreshing: {counted(self._refreshing, 'feed')} to go")
        self.reload()
        if not self._refreshing:
            self._say("feeds refreshed", "information")

    def _say(self, line: str, severity: SeverityLevel = "information") -> None:
        self.notify(line, severity=severity, timeout=8, markup=False)
