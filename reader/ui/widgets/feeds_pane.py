"""FeedsPane: the library's Feeds section, the subscribed feeds and their entries.

Feeds on the left with their unread counts and, beside a feed whose last
refresh failed, that error in one line; on the right their entries, newest
first.  The library's filter narrows the entries too (titles, and with
``texts`` the stored texts); the keys that act on feeds and entries (``r``
``m`` ``s`` ``S``) live in :class:`reader.ui.widgets.feed_actions.FeedActions`.

Everything a feed says is untrusted: names, titles and errors pass the
boundary (``visual_title`` and :func:`reader.safe_text.shown`) and are drawn
as ``rich.text.Text``, never as markup.  The database is read in a thread
worker, so the library answers keys while it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Static

from reader.safe_text import shown
from reader.ui.themes import theme_style
from reader.ui.widgets.feed_actions import FeedActions
from reader.ui.widgets.titles import visual_title
from reader.ui.widgets.visual import isolate, visual_line

if TYPE_CHECKING:
    from reader.news.listing import Listing
    from reader.news.store import Entry

ALL = "all"
FEED_WIDTH = 20
ERROR_WIDTH = 14
FEED_NAME_WIDTH = 16
# Cells beside an entry's title: the feeds table (see library.tcss), the other
# columns, their padding, margins and the scrollbar.
BESIDE_TITLE = 48 + 3 + 10 + FEED_NAME_WIDTH + 2 * 4 + 2 + 2
MIN_TITLE_WIDTH = 20
NO_FEEDS = "Feeds: none yet (hamish feeds add URL, then r here)"


class FeedsPane(FeedActions):
    """The feeds and their entries; Enter on an entry reads it."""

    @dataclass
    class Loaded(Message):
        """The feeds and entries were read from the database."""

        listing: Listing

    def __init__(self, corpus: str, *, id: str | None = None) -> None:
        super().__init__(corpus, id=id)
        self.add_class("-no-feeds")  # until the database says otherwise
        self._focus_when_loaded = False
        self._titles: dict[tuple[int, str, str, str], tuple[Text, Text]] = {}
        self._title_width = MIN_TITLE_WIDTH
        self.listing: Listing | None = None
        self.feed_id: int | None = None  # the feed whose entries are listed; None for all
        self.query_text = ""
        self.texts = False  # the filter searches the stored texts too

    def compose(self) -> ComposeResult:
        yield Static(id="news-status")
        with Horizontal(id="news-body"):
            yield DataTable(id="news-feeds", cursor_type="row")
            yield DataTable(id="news-entries", cursor_type="row", zebra_stripes=True)

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
        entries.add_column("Feed", key="feed", width=FEED_NAME_WIDTH)
        self.reload()

    def focus_entries(self) -> None:
        """Give the entries the focus: the keys of the Feeds section work then
        (once the feeds are read; with none, say how to subscribe)."""
        if self.listing is None:
            self._focus_when_loaded = True
        elif self.has_feeds:
            self.screen.set_focus(self.query_one("#news-entries", DataTable))
        else:
            self._say(NO_FEEDS, "warning")

    @property
    def has_feeds(self) -> bool:
        """Whether any feed is subscribed (once the database was read)."""
        return bool(self.listing and self.listing.feeds)

    # -- reading the database ----------------------------------------------------

    def reload(self) -> None:
        """Read the feeds and entries again, off the event loop."""
        self._read_listing()

    @work(thread=True, exclusive=True, group="news-load")
    def _read_listing(self) -> None:
        from reader.documents import InputError
        from reader.news.listing import read_listing

        try:
            self.post_message(self.Loaded(read_listing(self.texts)))
        except InputError as err:
            self.app.call_from_thread(self._say, str(err), "error")

    def on_feeds_pane_loaded(self, message: Loaded) -> None:
        self.listing = message.listing
        self.set_class(not self.listing.feeds, "-no-feeds")
        self._fill_feeds()
        self._fill_entries()
        if not self._refreshing:
            self._status(self._counts())
        if self._focus_when_loaded and self.has_feeds:
            self._focus_when_loaded = False
            self.focus_entries()

    def _counts(self) -> str:
        if not self.has_feeds:
            return NO_FEEDS
        assert self.listing is not None
        unread = sum(f.unread for f in self.listing.feeds)
        texts = " · the filter searches the stored texts too" if self.texts else ""
        return (
            f"Feeds: {len(self.listing.feeds)} · {unread} unread · S saves to {self.corpus}{texts}"
        )

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
        # The titles are laid out once per entry, not at each key typed in the filter.
        key = (e.id, e.title, e.url, e.feed_name)
        titles = self._titles.get(key)
        if titles is None:
            titles = self._titles[key] = (
                visual_title(e.title or e.url, self._title_width),
                visual_title(e.feed_name, FEED_NAME_WIDTH),
            )
        return [self._flags(e.read, e.starred), Text(shown(e.date[:10]), no_wrap=True), *titles]

    @on(DataTable.RowHighlighted, "#news-feeds")
    def _feed_chosen(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        feed_id = None if key in (None, ALL) else int(key)
        if feed_id != self.feed_id:
            self.feed_id = feed_id
            self._fill_entries()
        if not self._refreshing:
            self._status(self._feed_said(feed_id))

    def _feed_said(self, feed_id: int | None) -> str:
        """The status for a feed picked: its last error in full, if it has one."""
        assert self.listing is not None
        feed = next((f for f in self.listing.feeds if f.id == feed_id), None)
        if feed is None or not feed.last_error:
            return self._counts()
        return f"{isolate(feed.name)}: {feed.last_error}"

    # -- the library's filter ----------------------------------------------------------

    def search(self, query: str) -> None:
        """List only the entries whose title (or, with ``texts``, text) holds ``query``."""
        self.query_text = query
        self._fill_entries()

    def toggle_texts(self) -> bool:
        """Search the stored texts too, or titles only again; the new setting."""
        self.texts = not self.texts
        self.reload()  # the texts' search keys are read with the listing
        return self.texts

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
            if not self._refreshing:
                self._status(self._counts())
        table = self.query_one("#news-entries", DataTable)
        if str(new.id) in table.rows:
            table.update_cell(str(new.id), "flags", self._flags(new.read, new.starred))

    @on(DataTable.RowSelected, "#news-entries")
    def _entry_chosen(self, event: DataTable.RowSelected) -> None:
        entry = self._entry(int(event.row_key.value or 0))
        if entry is None:
            return
        if not entry.read:
            self._store_change(entry, read=True)
        self._status(f"opening {isolate(entry.title or entry.url)}…")
        self.open_entry(entry)

    def _status(self, line: str) -> None:
        # Shaped and in visual order (a feed's name, an entry's title), through the boundary.
        text = Text(visual_line(line), no_wrap=True, overflow="ellipsis")
        self.query_one("#news-status", Static).update(text)
