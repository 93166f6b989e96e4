"""SaveLoop: an annotation screen's changes on disk within a second.

A change schedules a save 0.3 s later; the save builds its line and
appends it in a worker thread.  Saves are written one at a time, never an
older state of a document after a newer one (the latest line wins on load).
The status says "saved" only when what is on screen is what is on disk, and
a failed save says so and is tried again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from reader.annotation.records import task_record
from reader.annotation.spans import Span
from reader.annotation.store import AnnotationStore

SAVE_AFTER = 0.3  # seconds after a change: the promise is "within one second", with room
RETRY_AFTER = 1.0


@dataclass(frozen=True)
class Snapshot:
    """One document's annotations at one moment, ready to become a saved line."""

    text: str
    meta: dict[str, Any]
    doc_id: str
    spans: tuple[Span, ...]
    answer: str | None
    annotator: str
    tokens: list[Any]
    file: str
    version: int

    def record(self) -> dict[str, Any]:
        """The Prodigy task to append (built in the worker: it grows with the text)."""
        record = task_record(
            text=self.text,
            meta=self.meta,
            doc_id=self.doc_id,
            spans=list(self.spans),
            answer=self.answer,
            annotator=self.annotator,
            tokens=self.tokens,
        )
        # Which input file it came from, for the library's progress column.
        record["_hamish_file"] = self.file
        return record


class SaveLoop:
    """Saves for ``screen``: ``snapshot`` gives what to save, ``is_current`` says
    whether a document's version is still the one on screen, and
    ``on_state`` is told when :attr:`state` changes."""

    def __init__(
        self,
        screen: Screen[Any],
        store: AnnotationStore,
        snapshot: Callable[[], Snapshot | None],
        is_current: Callable[[str, int], bool],
        on_state: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.store = store
        self._snapshot = snapshot
        self._is_current = is_current
        self._on_state = on_state
        self.dirty = False
        self.state = "nothing to save"
        self._timer: Timer | None = None
        self._in_flight = 0  # saves running in workers
        self._lock = threading.Lock()
        self._written: dict[str, int] = {}  # document id -> version on disk

    def _say(self, state: str) -> None:
        self.state = state
        self._on_state()

    def opened(self) -> None:
        """Another document is shown: say where it stands."""
        if not self.dirty and not self._in_flight:
            self._say("no changes yet")

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

    def save_now(self) -> None:
        """Start saving the current state, in a worker."""
        self._stop_timer()
        if not self.dirty:
            return
        snapshot = self._snapshot()
        if snapshot is None:
            return
        self.dirty = False
        self._in_flight += 1
        self._say("saving…")
        # The description is fixed: Textual would otherwise repr() the
        # arguments, the whole document, on the event loop.
        self.screen.run_worker(
            lambda: self._append(snapshot),
            thread=True,
            group="save",
            description="save annotations",
        )

    def _append(self, snapshot: Snapshot) -> None:
        try:
            self._write(snapshot)
        except OSError as err:
            self.screen.app.call_from_thread(self._failed, str(err.strerror or err))
        else:
            self.screen.app.call_from_thread(self._done, snapshot.doc_id, snapshot.version)

    def _write(self, snapshot: Snapshot) -> None:
        """Append ``snapshot`` unless a newer state of its document is already on disk."""
        with self._lock:
            if self._written.get(snapshot.doc_id, -1) > snapshot.version:
                return
            self.store.append(snapshot.record())
            self._written[snapshot.doc_id] = snapshot.version

    def _done(self, doc_id: str, version: int) -> None:
        self._in_flight -= 1
        # "saved" only when what is on screen is what is on disk: no change
        # since, and no other save still under way (it might yet fail).
        if not self.dirty and not self._in_flight and self._is_current(doc_id, version):
            self._say("saved " + time.strftime("%H:%M:%S"))
        else:
            self._on_state()

    def _failed(self, why: str) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self.dirty = True
        self._say(f"NOT SAVED ({why}); retrying")
        if self._timer is None:
            self._timer = self.screen.set_timer(RETRY_AFTER, self.save_now)

    def flush(self) -> bool:
        """Save now, for quitting: True when everything is on disk.

        A save still running in a worker may yet fail, so the current state
        is written here as well (the latest line wins; the same twice is fine).
        """
        self._stop_timer()
        if self.dirty or self._in_flight:
            snapshot = self._snapshot()
            if snapshot is not None:
                try:
                    self._write(snapshot)
                except OSError as err:
                    self._failed(str(err.strerror or err))
                    return False
                self.dirty = False
        return True
