"""NewsScreen: the subscribed feeds and their entries; refresh, read, star, save.

Everything a feed says is untrusted: names, titles and errors pass the
boundary (``visual_title`` and :func:`reader.safe_text.shown`) and are drawn
as ``rich.text.Text``, never as markup.  The database is read and the network
used in thread workers, so the screen answers keys while feeds refresh.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from reader.safe_text import shown
from reader.ui.messages import ReadArticle, ShowLibrary
from reader.ui.screens.base import HamishScreen
from reader.ui.screens.library_screen import visual_title
from reader.ui.themes import theme_style
from reader.ui.widgets.query_input import QueryInput

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from reader.documents import Article
    from reader.news.listing import Listing
    from reader.news.refresh import Outcome
    from reader.news.store import Entry

ALL = "all"
FEED_WIDTH = 20
ERROR_WIDTH = 14
# Cells beside an entry's title: the feeds pane (see news.tcss), the other
# columns, their padding, margins and the scrollbar.
BESIDE_TITLE = 48 + 3 + 10 + 16 + 2 * 4 + 2 + 2
MIN_TITLE_WIDTH = 20


class NewsScreen(HamishScreen):
    """Feeds on the left, their entries newest first on the right."""

    CSS_PATH = "news.tcss"
    is_news = True  # the app returns here from a document opened from the news

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="refresh-feeds"),
        Binding("m", "toggle_read", "Read/unread", id="mark-read"),
        Binding("s", "toggle_star", "Star", id="star"),
        Binding("S", "save_to_corpus", "Save to corpus", id="save-to-corpus"),
        Binding("slash", "search", "Search", id="search-news"),
        Binding("ctrl+t", "search_texts", "Search texts too", id="search-texts", show=False),
        Binding("escape", "back", "Library", id="back-to-library", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """The feeds and entries were read from the database."""

        listing: Listing

    @dataclass
    class FeedDone(Message):
        """One feed's refresh finished."""

        outcome: Outcome

    @dataclass
    class ArticleReady(Message):
        """An entry's text was had (its page fetched, if need be)."""

        article: Article
        note: str | None

    def __init__(self, corpus: str = "corpus.jsonl") -> None:
        super().__init__()
        self._title_width = MIN_TITLE_WIDTH
        self._saving = threading.Lock()
        self.corpus = corpus
        self.listing: Listing | None = None
        self.feed_id: int | None = None  # the feed whose entries are listed; None for all
        self.query_text = ""
        self.texts = False  # search the stored texts too
        self._refreshing = 0  # feeds still being refreshed

    def compose(self) -> ComposeResult:
        yield QueryInput(
            "search titles (Ctrl+T: texts too); Enter keeps it, Escape clears", id="news-search"
        )
        with Horizontal(id="news-body"):
            yield DataTable(id="news-feeds", cursor_type="row")
            yield DataTable(id="news-entries", cursor_type="row", zebra_stripes=True)
        yield Static(id="news-status")
        yield Footer()

    def on_mount(self) -> None:
        feeds = self.query_one("#news-feeds", DataTable)
        feeds.add_column("Feed", key="name", width=FEED_WIDTH)
        feeds.add_column("Unread", key="unread", width=6)
        feeds.add_column("Last error", key="error", width=ERROR_WIDTH)
        entries = self.query_one("#news-entries", DataTable)
        entries.add_column("", key="flags", width=3)
        entries.add_column("Date", key="date", width=10)
        self._title_width = max(MIN_TITLE_WIDTH, self.app.size.width - BESIDE_TITLE)
        entries.add_column("Title", key="title", width=self._title_width)
        entries.add_column("Feed", key="feed", width=16)
        entries.focus()
        self.reload()

    # -- reading the database ----------------------------------------------------

    @work(thread=True, exclusive=True, group="news-load")
    def reload(self) -> None:
        """Read the feeds and entries again, off the event loop."""
        from reader.documents import InputError
        from reader.news.listing import read_listing

        try:
            self.post_message(self.Loaded(read_listing(self.texts)))
        except InputError as err:
            self.app.call_from_thread(self._say, str(err), "error")

    def on_news_screen_loaded(self, message: Loaded) -> None:
        self.listing = message.listing
        self._fill_feeds()
        self._fill_entries()
        if not self.listing.feeds:
            self._status(
                "No feeds yet: hamish feeds add URL, then r here (or hamish feeds refresh)"
            )
        elif not self._refreshing:
            self._status(self._counts())

    def _counts(self) -> str:
        assert self.listing is not None
        unread = sum(f.unread for f in self.listing.feeds)
        return f"{len(self.listing.feeds)} feeds · {unread} unread · saving to {self.corpus}"

    def _fill_feeds(self) -> None:
        assert self.listing is not None
        table = self.query_one("#news-feeds", DataTable)
        keep = self.feed_id
        table.clear()
        unread = sum(f.unread for f in self.listing.feeds)
        table.add_row(Text("All feeds"), Text(str(unread), justify="right"), Text(""), key=ALL)
        for f in self.listing.feeds:
            error = Text(
                shown(f.last_error or ""),
                style=theme_style(self.app.theme_variables, "error", bold=True),
                no_wrap=True,
                overflow="ellipsis",
            )
            table.add_row(
                visual_title(f.name, FEED_WIDTH),
                Text(str(f.unread), justify="right"),
                error,
                key=str(f.id),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)

    def _fill_entries(self) -> None:
        if self.listing is None:
            return
        table = self.query_one("#news-entries", DataTable)
        keep = self._current_entry_id()
        table.clear()
        for e in self.listing.matching(self.query_text, self.feed_id, self.texts):
            table.add_row(*self._cells(e), key=str(e.id))
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)

    @staticmethod
    def _flags(read: bool, starred: bool) -> Text:
        text = Text(no_wrap=True)
        text.append("●" if not read else " ", style="bold")
        text.append("★" if starred else " ", style="bold")
        return text

    def _cells(self, e: Entry) -> list[Text]:
        return [
            self._flags(e.read, e.starred),
            Text(shown(e.date[:10]), no_wrap=True),
            visual_title(e.title or e.url, self._title_width),
            visual_title(e.feed_name, 16),
        ]

    @on(DataTable.RowHighlighted, "#news-feeds")
    def _feed_chosen(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        feed_id = None if key in (None, ALL) else int(key)
        if feed_id != self.feed_id:
            self.feed_id = feed_id
            self._fill_entries()

    # -- one entry -----------------------------------------------------------------

    def _current_entry_id(self) -> int | None:
        table = self.query_one("#news-entries", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    def _entry(self, entry_id: int | None) -> Entry | None:
        if entry_id is None or self.listing is None:
            return None
        return next((e for e in self.listing.entries if e.id == entry_id), None)

    def _replace(self, new: Entry) -> None:
        """An entry changed (read, starred): the listing, its row and its feed's count."""
        from dataclasses import replace

        assert self.listing is not None
        old = self._entry(new.id)
        self.listing.entries[:] = [new if e.id == new.id else e for e in self.listing.entries]
        if old is not None and old.read != new.read:
            step = -1 if new.read else 1
            self.listing.feeds[:] = [
                replace(f, unread=f.unread + step) if f.id == new.feed_id else f
                for f in self.listing.feeds
            ]
            self._fill_feeds()
        table = self.query_one("#news-entries", DataTable)
        if str(new.id) in table.rows:
            table.update_cell(str(new.id), "flags", self._flags(new.read, new.starred))

    def _store_change(self, entry: Entry, **change: bool) -> Entry | None:
        from dataclasses import replace

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

    @on(DataTable.RowSelected, "#news-entries")
    def _entry_chosen(self, event: DataTable.RowSelected) -> None:
        entry = self._entry(int(event.row_key.value or 0))
        if entry is None:
            return
        if not entry.read:
            self._store_change(entry, read=True)
        self._status(f"opening {shown(entry.title or entry.url)}…")
        self.open_entry(entry)

    @work(thread=True, exclusive=True, group="news-open")
    def open_entry(self, entry: Entry) -> None:
        """The entry's fullest text, its page fetched if the feed gave only a summary."""
        from reader.news.listing import entry_article

        article, note = entry_article(entry)
        self.post_message(self.ArticleReady(article, note))

    def on_news_screen_article_ready(self, message: ArticleReady) -> None:
        if message.note:
            self._say(message.note, "warning")
        self._status(self._counts() if self.listing else "")
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
        if self._refreshing or self.listing is None or not self.listing.feeds:
            return
        self._refreshing = len(self.listing.feeds)
        self._status(f"refreshing {self._refreshing} feeds…")
        self.refresh_feeds()

    @work(thread=True, exclusive=True, group="news-refresh")
    def refresh_feeds(self) -> None:
        """Fetch every feed at once, in this thread's own event loop."""
        from reader.documents import InputError
        from reader.news.refresh import refresh

        try:
            refresh(done=self._feed_done)
        except InputError as err:
            self.app.call_from_thread(self._say, str(err), "error")
            self.app.call_from_thread(self._stop_refreshing)

    def _feed_done(self, outcome: Outcome) -> None:
        self.post_message(self.FeedDone(outcome))

    def _stop_refreshing(self) -> None:
        self._refreshing = 0

    def on_news_screen_feed_done(self, message: FeedDone) -> None:
        self._refreshing = max(0, self._refreshing - 1)
        if self._refreshing:
            self._status(f"refreshing: {self._refreshing} feeds to go")
        self.reload()
        if not self._refreshing:
            self._say("feeds refreshed", "information")

    # -- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#news-search", QueryInput)
        box.display = True
        box.input.focus()

    def action_search_texts(self) -> None:
        self.texts = not self.texts
        self._status("searching titles and stored texts" if self.texts else "searching titles")
        self.reload()  # the texts' search keys are read with the listing

    @on(Input.Changed, "#news-search Input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._fill_entries()

    @on(Input.Submitted, "#news-search Input")
    def _query_submitted(self) -> None:
        self.query_one("#news-entries", DataTable).focus()

    def action_back(self) -> None:
        box = self.query_one("#news-search", QueryInput)
        if box.display:
            box.input.value = ""
            box.display = False
            self.query_one("#news-entries", DataTable).focus()
            return
        self.post_message(ShowLibrary())

    # -- saying ----------------------------------------------------------------------

    def _status(self, line: str) -> None:
        self.query_one("#news-status", Static).update(Text(shown(line), no_wrap=True))

    def _say(self, line: str, severity: SeverityLevel = "information") -> None:
        self.notify(line, severity=severity, timeout=8, markup=False)
