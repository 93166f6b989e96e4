"""An annotation screen waiting for its document's saved state.

A long output file is read after the first frame (see
:mod:`reader.annotation.store_reading`), so a document may be shown before
what was saved of it is known.  Until then the status line says so, and the
keys that edit or move wait in a queue, in order, and are made on the state
once it is known: none is lost, and none is made on a state about to be
replaced.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from textual import work
from textual.message import Message

from reader.annotation.opening import Prepared, look_up_saved
from reader.annotation.setup import AnnotationSetup
from reader.documents import Article
from reader.ui.screens.reader_screen import ReaderScreen

LOADING = "loading saved spans…"


def after_loading(action: Callable[..., Any]) -> Callable[..., Any]:
    """A key's action that waits, queued in order, while the document's saved state
    is being read: no edit is lost, nor made on a state about to be replaced."""

    @functools.wraps(action)
    def run(self: Any, *args: Any) -> Any:
        if self.waiting is not None:
            self.queued.append(functools.partial(action, self, *args))
            self._show_status()
            return None
        return action(self, *args)

    return run


class WaitsForSavedState(ReaderScreen):
    """The reader screen with the waiting part of
    :class:`reader.ui.screens.annotate_screen.AnnotateScreen`: ``waiting`` is
    the document shown whose saved state is being read, and ``queued`` the keys
    pressed meanwhile."""

    waiting: Prepared | None = None
    queued: list[Callable[[], Any]]
    options: AnnotationSetup

    def _open(self, prepared: Prepared, article: Article) -> None:
        """Start annotating the shown document from its saved state (the screen's own)."""
        raise NotImplementedError

    @dataclass
    class SavedFound(Message):
        """The saved state of a shown document was read in a worker."""

        waited: Prepared
        prepared: Prepared
        error: str | None

    def wait_for_saved(self, prepared: Prepared, text: str) -> None:
        """Show that the document's saved state is being read, and read it."""
        self.waiting, self.queued = prepared, []
        self._show_status()
        self.look_up(prepared, text)

    @work(thread=True, exclusive=True, group="saved-state")
    def look_up(self, prepared: Prepared, text: str) -> None:
        """Read the store (if it is still being read, wait) for the document's state."""
        self.post_message(self._found(prepared, text))

    def _found(self, prepared: Prepared, text: str) -> SavedFound:
        error = None
        try:
            found = look_up_saved(prepared, text, self.options.store)
        except (OSError, ValueError) as err:
            found, error = replace(prepared, pending=False), str(err)
        return self.SavedFound(prepared, found, error)

    def on_waits_for_saved_state_saved_found(self, message: SavedFound) -> None:
        if message.waited is not self.waiting or self.article is None:
            return  # another document is shown now
        if message.error:
            self.notify(
                f"{self.options.store.path}: {message.error}; its saved spans are not shown",
                severity="error",
                markup=False,
            )
        self.waiting = None
        self._open(message.prepared, self.article)
        queued, self.queued = self.queued, []
        for key in queued:
            key()

    def finish_loading(self) -> None:
        """Read the shown document's saved state now, on the event loop, and make the
        keys that waited for it (for quitting: nothing typed is left behind)."""
        waited, article = self.waiting, self.article
        if waited is not None and article is not None:
            self.on_waits_for_saved_state_saved_found(self._found(waited, article.text))
