"""LibraryScreen: the files opened and the subscribed feeds, filtered as you type.

Two sections under one filter: Files (Enter reads the highlighted one) and
Feeds (:class:`reader.ui.widgets.feeds_pane.FeedsPane`: the feeds with their
unread counts and their entries, newest first).  Typing in the filter narrows
both by title; Ctrl+T makes it search the feeds' stored texts too.  Tab or
Ctrl+N moves to the Feeds section, where ``r`` ``m`` ``s`` ``S`` act and ``/``
goes back to the filter.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from reader.documents import InputError
from reader.library import Entry, Library, Position
from reader.plural import counted
from reader.search import fold, strip_ignorables
from reader.ui.early_keys import type_into
from reader.ui.messages import OpenDocument
from reader.ui.screens.base import HamishScreen
from reader.ui.widgets.feeds_pane import FeedsPane
from reader.ui.widgets.file_cells import SOURCE_WIDTH, FileCells
from reader.ui.widgets.keys_footer import KeysFooter
from reader.ui.widgets.query_input import QueryInput

MIN_TITLE_WIDTH = 24
MAX_TITLE_WIDTH = 60
# Cells the other columns, their padding, the margins and the scrollbar take.
PROGRESS_WIDTH = 12
OTHER_COLUMNS = 16 + 10 + 16 + PROGRESS_WIDTH + 2 * 5 + 2 + 2


class EntryTable(DataTable[Text], can_focus=False):
    """The library's entries.  It never takes the focus, so the filter keeps
    it: letters always filter (q too), the arrows move the cursor through the
    screen's bindings, and a click still picks a row."""


class LibraryScreen(HamishScreen):
    """Lists the library; the reader opens on Enter."""

    CSS_PATH = "library.tcss"

    BINDINGS = [
        Binding("escape", "clear_filter", "Clear filter", id="clear-filter"),
        Binding("down", "cursor(1)", "Next entry", id="next-entry", show=False),
        Binding("up", "cursor(-1)", "Previous entry", id="previous-entry", show=False),
        Binding("ctrl+n", "news", "Feeds", id="news"),
        Binding("ctrl+t", "search_texts", "Search texts too", id="search-texts"),
        Binding("slash", "search", "Filter", id="search-library", show=False),
    ]

    NOTICES_PER_FILE = 3

    @dataclass
    class RecordsChecked(Message):
        """A record file was read through in a worker: its bad lines."""

        entry: int
        bad: int
        first: list[str]

    @dataclass
    class ProgressCounted(Message):
        """The answers of each input file, counted in a worker."""

        counts: dict[str, dict[str, int]]

    def __init__(
        self,
        library: Library,
        progress: Callable[[], dict[str, dict[str, int]]] | None = None,
        *,
        corpus: str = "corpus.jsonl",
        feeds_first: bool = False,
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self._feeds_first = feeds_first
        self.library = library
        self._progress_source = progress
        self.cells = FileCells(lambda: self.app.theme_variables)
        self._keys = [self._search_key(e) for e in library.entries]

    @staticmethod
    def _search_key(entry: Entry) -> str:
        # What the list shows, nothing hidden: a file's name, not its folders.
        name = os.path.basename(entry.path)
        text = " ".join([entry.title, entry.source, entry.date, name, entry.error or ""])
        return strip_ignorables(fold(text)).casefold()

    def compose(self) -> ComposeResult:
        yield QueryInput("filter: type to narrow the list, Enter to open", id="filter")
        yield Static(self._files_heading(), id="files-heading")
        yield EntryTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield FeedsPane(self.corpus, id="feeds")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#entries", DataTable)
        self.cells.title_width = max(
            MIN_TITLE_WIDTH, min(MAX_TITLE_WIDTH, self.app.size.width - OTHER_COLUMNS)
        )
        table.add_column("Title", key="title", width=self.cells.title_width)
        table.add_column("Source", key="source", width=SOURCE_WIDTH)
        table.add_column("Date", key="date", width=10)
        table.add_column("Length", key="length", width=16)
        table.add_column("Progress", key="progress", width=PROGRESS_WIDTH)
        self._fill("")
        self.count_progress()
        if self._feeds_first:
            self.feeds.focus_entries()
        else:
            self.set_focus(self._filter())  # typing filters at once
        self.check_records()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    @work(thread=True, exclusive=True, group="check-records")
    def check_records(self) -> None:
        """Read every record file through, off the event loop, for bad lines."""
        worker = get_current_worker()
        for i, entry in enumerate(self.library.entries):
            records = self.library.record_file(i)
            if records is None or entry.error:
                continue
            bad = 0
            first: list[str] = []
            try:
                for problem in records.problems():
                    if worker.is_cancelled:
                        return
                    bad += 1
                    if len(first) < self.NOTICES_PER_FILE:
                        first.append(str(problem))
            except InputError as err:
                bad, first = bad + 1, [*first, str(err)]
            if bad:
                self.post_message(self.RecordsChecked(i, bad, first))

    def on_library_screen_records_checked(self, message: RecordsChecked) -> None:
        self.cells.bad[message.entry] = message.bad
        for line in message.first:
            self.notify(line, severity="warning", timeout=10, markup=False)
        if message.bad > len(message.first):
            self.notify(
                f"{self.library.entries[message.entry].path}: "
                f"{counted(message.bad - len(message.first), 'more bad line')}",
                severity="warning",
                timeout=10,
                markup=False,
            )
        table = self.query_one("#entries", DataTable)
        key = str(message.entry)
        if key in table.rows:
            entry = self.library.entries[message.entry]
            table.update_cell(key, "length", self.cells.length(message.entry, entry))

    @property
    def feeds(self) -> FeedsPane:
        """The Feeds section."""
        return self.query_one("#feeds", FeedsPane)

    def _files_heading(self, shown_count: int | None = None) -> Text:
        count = len(self.library.entries)
        if shown_count is None or shown_count == count:
            return Text(f"Files: {count}", no_wrap=True)
        return Text(f"Files: {shown_count} of {count}", no_wrap=True)

    def on_feeds_pane_loaded(self) -> None:
        # With feeds, the Files section takes the rows it needs (up to half).
        self.set_class(self.feeds.has_feeds, "-feeds")

    def _fill(self, query: str) -> None:
        table = self.query_one("#entries", DataTable)
        table.clear()
        needle = strip_ignorables(fold(query)).casefold().strip()
        for i, entry in enumerate(self.library.entries):
            if needle and needle not in self._keys[i]:
                continue
            table.add_row(*self.cells.row(i, entry), key=str(i))
        self.query_one("#files-heading", Static).update(self._files_heading(table.row_count))

    def on_screen_resume(self) -> None:
        """Back from reading: answers may have changed (and a queue's next batch come)."""
        if len(self._keys) < len(self.library.entries):
            self._keys += [self._search_key(e) for e in self.library.entries[len(self._keys) :]]
            self._fill(self._filter().value)
        self.count_progress()

    @work(thread=True, exclusive=True, group="progress")
    def count_progress(self) -> None:
        """Count the answers off the event loop: the output may still be being read."""
        if self._progress_source is None:
            return
        try:
            counts = self._progress_source()
        except OSError:
            return  # an output that cannot be read: its notice says so
        self.post_message(self.ProgressCounted(counts))

    def on_library_screen_progress_counted(self, message: ProgressCounted) -> None:
        self.cells.progress = message.counts
        self._repaint()

    def _theme_changed(self, theme: Theme) -> None:
        self._repaint()

    def _repaint(self) -> None:
        """Draw the coloured cells again: new answers, or a new theme's colours."""
        table = self.query_one("#entries", DataTable)
        for key in table.rows:
            index = int(key.value or 0)
            entry = self.library.entries[index]
            if entry.error:
                table.update_cell(key, "title", self.cells.row(index, entry)[0])
            else:
                table.update_cell(key, "progress", self.cells.progress_cell(entry))
                table.update_cell(key, "length", self.cells.length(index, entry))

    @on(Input.Changed, "#filter Input")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        self.feeds.search(event.value)

    @on(Input.Submitted, "#filter Input")
    def _filter_submitted(self) -> None:
        table = self.query_one("#entries", DataTable)
        if table.row_count:
            self._open(
                int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
            )

    @on(DataTable.RowSelected, "#entries")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(int(event.row_key.value or 0))

    def _open(self, index: int) -> None:
        entry = self.library.entries[index]
        if entry.error:
            self.notify(entry.error, severity="error", markup=False)
            return
        self.post_message(OpenDocument(Position(index, 0)))

    def action_cursor(self, step: int) -> None:
        table = self.query_one("#entries", DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_news(self) -> None:
        self.feeds.focus_entries()

    def action_search(self) -> None:
        self.set_focus(self._filter())

    def action_search_texts(self) -> None:
        texts = self.feeds.toggle_texts()
        self.notify(
            "the filter searches titles and the feeds' stored texts"
            if texts
            else "the filter searches titles",
            timeout=4,
            markup=False,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the filter, / is a letter of the query.
        return not (action == "search" and self.focused is self._filter())

    def _in_feeds(self) -> bool:
        focused = self.focused
        return focused is not None and self.feeds in focused.ancestors_with_self

    def on_key(self, event: events.Key) -> None:
        # A letter typed before the screen was up went to the screen, nothing
        # having the focus yet (any later one goes to the filter, which keeps
        # every letter it gets): it is the filter's too, in order.  In the
        # Feeds section, letters are its keys (r m s S).
        if not self._in_feeds():
            type_into(self._filter(), event)

    def _filter(self) -> Input:
        return self.query_one("#filter", QueryInput).input

    def action_clear_filter(self) -> None:
        if self._in_feeds():  # back to the filter, which keeps its query
            self.set_focus(self._filter())
            return
        self._filter().value = ""
        self.set_focus(self._filter())
