"""Where each document was left: this session's places and the saved ones, in one object.

The app owns one `ReadingPlaces`.  In a session a document of the library is
known by its `Position` (the top offset it was left at, and the record last read
in each entry); across runs by its place key (`reader.state.places.place_key`)
in the state database, which is opened when first needed, from any thread.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from reader.documents import InputError
from reader.library import Position
from reader.state.places import Place, Places, safe_put


class ReadingPlaces:
    """This session's reading places, and the database's for the next run."""

    def __init__(
        self, path: Path | None = None, on_problem: Callable[[str], None] | None = None
    ) -> None:
        """``path``: the state database (the default one when None).  ``on_problem``
        hears, once, that the database cannot be opened (from the thread that tried)."""
        self._path = path
        self._on_problem = on_problem
        self._tops: dict[Position, int] = {}
        self._last_read: dict[int, Position] = {}
        self._book: Places | None = None
        self._problem: str | None = None
        self._lock = threading.Lock()

    def remember(
        self, position: Position | None, key: str, top: int, cursor: int | None
    ) -> str | None:
        """Keep where a document was left: ``position`` in the library (None for a
        document from elsewhere), ``key`` its place key ("" for none).  A failure to
        save is returned in words."""
        if position is not None:
            self._tops[position] = top
            self._last_read[position.entry] = position
        if not key:
            return None
        return safe_put(self._places(), key, Place(top, cursor))

    def top(self, position: Position) -> int | None:
        """The offset at the top where the library's ``position`` was left this session."""
        return self._tops.get(position)

    def resume(self, position: Position) -> Position:
        """The document to open for ``position``: at an entry's first record, the
        record last read in that entry this session."""
        if position.record != 0:
            return position
        return self._last_read.get(position.entry, position)

    def saved(self, key: str) -> Place | None:
        """Where the document of ``key`` was left in this run or an earlier one (any thread)."""
        book = self._places()
        try:
            return book.get(key) if book is not None else None
        except sqlite3.Error:
            return None

    def close(self) -> None:
        """Close the database, if it was opened."""
        with self._lock:
            if self._book is not None:
                self._book.close()
                self._book = None

    def _places(self) -> Places | None:
        with self._lock:
            if self._book is None and self._problem is None:
                try:
                    self._book = Places(self._path)
                except InputError as err:
                    self._problem = f"{err}; reading places are not kept"
                    if self._on_problem is not None:
                        self._on_problem(self._problem)
            return self._book
