"""SaveLoop: an annotation screen's changes on disk within a second.

A change schedules a save 0.3 s later; the save takes a snapshot on the
event loop and appends it in a worker thread (a change line, which costs what
the document's spans cost; a full record when the document is answered or
left, or the session ends), through the session's
:class:`~reader.annotation.journal.Journal`, which never writes an older
state of a document after a newer one and keeps a failed one due.  The status
says "saved" only when what is on screen is what is on disk, and a failed
save says so and is tried again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from reader.annotation.journal import Journal, Snapshot

SAVE_AFTER = 0.3  # seconds after a change: the promise is "within one second", with room
RETRY_AFTER = 1.0


class SaveLoop:
    """Saves for ``screen``: ``snapshot`` gives what to save, ``is_current`` says
    whether a document is the one on screen, and ``on_state`` is told when
    :attr:`state` changes."""

    def __init__(
        self,
        screen: Screen[Any],
        journal: Journal,
        snapshot: Callable[[], Snapshot | None],
        is_current: Callable[[str], bool],
        on_state: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.journal = journal
        self._snapshot = snapshot
        self._is_current = is_current
        self._on_state = on_state
        self.dirty = False  # changes on screen that no snapshot holds yet
        self.state = "nothing to save"
        self._timer: Timer | None = None
        self._in_flight = 0  # saves running in workers

    def _say(self, state: str) -> None:
        self.state = state
        self._tell()

    def _there(self) -> bool:
        # A save can end after its screen began to go (the app closing, or the
        # screen popped): its widgets may be gone, with nobody left to tell, and
        # what is still due is written by whoever ends the session or saves next.
        return self.screen.is_attached and self.screen.display

    def _tell(self) -> None:
        if self._there():
            self._on_state()

    def opened(self) -> None:
        """Another document is shown: say where it stands."""
        if not self.state.startswith("NOT SAVED"):
            self._say("nothing to save")

    def changed(self) -> None:
        """Something changed: save it within a second."""
        self.dirty = True
        self._say("unsaved changes")
        if self._timer is None:
            self._timer = self.screen.set_timer(SAVE_AFTER, self.save_now)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _take(self, full: bool = False) -> None:
        """Hand the journal what is on screen; with ``full``, as a full record (or,
        with nothing new, the full record the document owes, if it owes one)."""
        if not (self.dirty or full):
            return
        snapshot = self._snapshot()
        if snapshot is None:
            return
        if self.dirty:
            self.journal.take(replace(snapshot, full=True) if full else snapshot)
            self.dirty = False
        else:
            self.journal.settle(snapshot.doc_id)

    def save_now(self, full: bool = False) -> None:
        """Start saving the current state, and any earlier one still due, in a worker;
        as a change line, or with ``full`` as a full record."""
        self._stop_timer()
        self._take(full)
        due = self.journal.due()
        if not due:
            return
        self._in_flight += 1
        self._say("saving…")
        # The description is fixed: Textual would otherwise repr() the
        # arguments, the whole document, on the event loop.
        self.screen.run_worker(
            lambda: self._append(due),
            thread=True,
            group="save",
            description="save annotations",
        )

    def _append(self, due: list[tuple[int, Snapshot]]) -> None:
        try:
            for number, snapshot in due:
                self.journal.write(number, snapshot)
        except OSError as err:
            self.screen.app.call_from_thread(self._failed, str(err.strerror or err))
        else:
            self.screen.app.call_from_thread(self._done, [s.doc_id for _, s in due])

    def _done(self, doc_ids: list[str]) -> None:
        self._in_flight -= 1
        # "saved" only when what is on screen is what is on disk: no change
        # since, nothing due, and no other save still under way (it might yet fail).
        # A save of another document says nothing of this one, unless this
        # one was waiting on it ("saving…", "NOT SAVED").
        settled = not self.dirty and not self._in_flight and not self.journal.due()
        ours = any(self._is_current(doc_id) for doc_id in doc_ids)
        if settled and (ours or self.state.startswith(("NOT SAVED", "saving"))):
            self._say("saved " + time.strftime("%H:%M:%S"))
        else:
            self._tell()

    def _failed(self, why: str) -> None:
        self._in_flight -= 1
        self._not_saved(why)

    def _not_saved(self, why: str) -> None:
        self._say(f"NOT SAVED, retrying: {why}")
        if self._timer is None and self._there():
            self._timer = self.screen.set_timer(RETRY_AFTER, self.save_now)

    def leave(self) -> None:
        """The document on screen is about to be replaced or closed: save its full
        record, if it changed (or owes one)."""
        self.save_now(full=True)

    def hold(self) -> None:
        """Hand what is on screen to the journal without writing it (the screen is
        going away; whoever ends the session writes what is due)."""
        self._stop_timer()
        self._take(full=True)

    def flush(self) -> bool:
        """Save now, for quitting: True when everything is on disk.

        A save still running in a worker may yet fail, so what is due is
        written here as well (the journal skips what is on disk already).
        """
        self._stop_timer()
        self._take(full=True)
        for number, snapshot in self.journal.due():
            try:
                self.journal.write(number, snapshot)
            except OSError as err:
                self._not_saved(str(err.strerror or err))
                return False
        return True
