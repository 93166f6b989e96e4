"""LibraryScreen: every opened article, filtered as you type; Enter reads."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme
from textual.widgets import DataTable, Footer, Input
from textual.worker import get_current_worker

from reader.documents import InputError
from reader.layout import DocumentLayout, LayoutOptions
from reader.library import Entry, Library, Position
from reader.safe_text import shown
from reader.search import fold, strip_ignorables
from reader.ui.messages import OpenDocument, ShowNews
from reader.ui.screens.base import HamishScreen
from reader.ui.themes import theme_style
from reader.ui.widgets.query_input import QueryInput

MIN_TITLE_WIDTH = 24
MAX_TITLE_WIDTH = 60
TITLE_WIDTH = 40
SOURCE_WIDTH = 16
# Cells the other columns, their padding, the margins and the scrollbar take.
PROGRESS_WIDTH = 12
OTHER_COLUMNS = 16 + 10 + 16 + PROGRESS_WIDTH + 2 * 5 + 2 + 2


def visual_title(title: str, width: int = TITLE_WIDTH) -> Text:
    """A title as the engine draws it: its first row, right-aligned if RTL,
    with an ellipsis where the rest is cut (on the left for RTL); plain text."""
    title = shown(" ".join(title.split())) or "untitled"
    layout = DocumentLayout(title, width, LayoutOptions())
    if len(layout.rows) > 1:
        layout = DocumentLayout(title, width - 1, LayoutOptions())  # room for "…"
    row = layout.rows[0]
    more = "…" if len(layout.rows) > 1 else ""
    if row.direction == "rtl":
        pad = width - row.row.width - len(more)
        return Text(" " * pad + more + row.visual, no_wrap=True)
    return Text(row.visual + more, no_wrap=True)


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
        Binding("ctrl+n", "news", "News", id="news"),
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
        self, library: Library, progress: Callable[[], dict[str, dict[str, int]]] | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self._progress_source = progress
        self._progress: dict[str, dict[str, int]] = {}
        self._keys = [self._search_key(e) for e in library.entries]
        self._bad: dict[int, int] = {}

    @staticmethod
    def _search_key(entry: Entry) -> str:
        # What the list shows, nothing hidden: a file's name, not its folders.
        name = os.path.basename(entry.path)
        text = " ".join([entry.title, entry.source, entry.date, name, entry.error or ""])
        return strip_ignorables(fold(text)).casefold()

    def compose(self) -> ComposeResult:
        yield QueryInput("filter: type to narrow the list, Enter to open", id="filter")
        yield EntryTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self._title_width = max(
            MIN_TITLE_WIDTH, min(MAX_TITLE_WIDTH, self.app.size.width - OTHER_COLUMNS)
        )
        table.add_column("Title", key="title", width=self._title_width)
        table.add_column("Source", key="source", width=SOURCE_WIDTH)
        table.add_column("Date", key="date", width=10)
        table.add_column("Length", key="length", width=16)
        table.add_column("Progress", key="progress", width=PROGRESS_WIDTH)
        self._fill("")
        self.count_progress()
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
        self._bad[message.entry] = message.bad
        for line in message.first:
            self.notify(line, severity="warning", timeout=10, markup=False)
        if message.bad > len(message.first):
            self.notify(
                f"{self.library.entries[message.entry].path}: "
                f"{message.bad - len(message.first)} more bad lines",
                severity="warning",
                timeout=10,
                markup=False,
            )
        table = self.query_one(DataTable)
        key = str(message.entry)
        if key in table.rows:
            entry = self.library.entries[message.entry]
            table.update_cell(key, "length", self._length(message.entry, entry))

    def _fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        needle = strip_ignorables(fold(query)).casefold().strip()
        for i, entry in enumerate(self.library.entries):
            if needle and needle not in self._keys[i]:
                continue
            table.add_row(*self._cells(i, entry), key=str(i))

    def _cells(self, index: int, entry: Entry) -> list[Text]:
        if entry.error:
            # The file's name, not its whole path, so the problem fits; Enter
            # shows the whole line.
            problem = shown(entry.error.replace(entry.path, os.path.basename(entry.path), 1))
            blank = [Text("") for _ in range(4)]
            style = self._colour("error", bold=True)
            return [Text(problem, style=style, no_wrap=True, overflow="ellipsis"), *blank]
        length = self._length(index, entry)
        return [
            visual_title(entry.title, self._title_width),
            visual_title(entry.source, SOURCE_WIDTH),
            Text(shown(entry.date), no_wrap=True),
            length,
            self._progress_cell(entry),
        ]

    def _progress_cell(self, entry: Entry) -> Text:
        """Accepted, rejected and ignored documents of this file: ✓3 ✗1 ⊘0."""
        counts = self._progress.get(os.path.basename(entry.path))
        if not counts:
            return Text("—", justify="center")
        text = Text(justify="center")
        text.append(f"✓{counts.get('accept', 0)}", style=self._colour("success"))
        text.append(f" ✗{counts.get('reject', 0)}", style=self._colour("error"))
        text.append(f" ⊘{counts.get('ignore', 0)}", style="dim")
        return text

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
        self._progress = message.counts
        self._repaint()

    def _colour(self, name: str, bold: bool = False) -> Style:
        return theme_style(self.app.theme_variables, name, bold)

    def _theme_changed(self, theme: Theme) -> None:
        self._repaint()

    def _repaint(self) -> None:
        """Draw the coloured cells again: new answers, or a new theme's colours."""
        table = self.query_one(DataTable)
        for key in table.rows:
            index = int(key.value or 0)
            entry = self.library.entries[index]
            if entry.error:
                table.update_cell(key, "title", self._cells(index, entry)[0])
            else:
                table.update_cell(key, "progress", self._progress_cell(entry))
                table.update_cell(key, "length", self._length(index, entry))

    def _length(self, index: int, entry: Entry) -> Text:
        if entry.kind != "records":
            return Text(f"{entry.length:,} chars", justify="right")
        noun = "record" if entry.length == 1 else "records"
        text = Text(f"{entry.length:,} {noun}", justify="right")
        bad = self._bad.get(index, 0)
        if bad:
            text.append(f", {bad:,} bad", style=self._colour("error", bold=True))
        return text

    @on(Input.Changed, "#filter Input")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter Input")
    def _filter_submitted(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._open(
                int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
            )

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(int(event.row_key.value or 0))

    def _open(self, index: int) -> None:
        entry = self.library.entries[index]
        if entry.error:
            self.notify(entry.error, severity="error", markup=False)
            return
        self.post_message(OpenDocument(Position(index, 0)))

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_news(self) -> None:
        self.post_message(ShowNews())

    def on_key(self, event: events.Key) -> None:
        # A letter typed before the screen was up went to the screen, nothing
        # having the focus yet (any later one goes to the filter, which keeps
        # every letter it gets): it is the filter's too, in order.
        if event.is_printable and event.character:
            self._filter().insert_text_at_cursor(event.character)
            self.set_focus(self._filter())
            event.stop()

    def _filter(self) -> Input:
        return self.query_one("#filter", QueryInput).input

    def action_clear_filter(self) -> None:
        self._filter().value = ""
        self.set_focus(self._filter())
