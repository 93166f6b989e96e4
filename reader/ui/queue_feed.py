"""The next documents from a shared store's queue, claimed when a session runs out.

``hamish --store URL`` with no PATH starts with one batch of claims
(:class:`reader.team.session_queue.SessionQueue`).  When the annotator goes
past the last document of the library (answering it does), :class:`QueueFeed`
claims the next batch in a worker, adds it to the library and opens its first
document; when the queue has nothing left for them it says so, once.  A
server that cannot be reached is a notice, and the next try claims again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.library import Opened, Position, open_files
from reader.safe_text import shown

if TYPE_CHECKING:
    from reader.team.session_queue import SessionQueue
    from reader.ui.app import HamishApp

LAST = "This is the last document."


class QueueFeed:
    """Claims a session's next batches from its queue, for ``app``'s library."""

    def __init__(self, app: HamishApp, queue: SessionQueue) -> None:
        self.app = app
        self.queue = queue
        self.claiming = False
        self.said_empty = False

    def ask(self, position: Position) -> None:
        """The annotator is past the last document, at ``position``: claim more (in a
        worker), unless a claim is under way already."""
        if self.claiming:
            return
        self.claiming = True
        self.app.run_worker(
            lambda: self._claim(position), thread=True, group="queue", exit_on_error=False
        )

    def _claim(self, position: Position) -> None:
        try:
            count = self.queue.more()
            opened = open_files(self.queue.paths[-1:], self.app.library.limit) if count else []
        except OSError as err:
            self.app.call_from_thread(self._failed, str(err))
            return
        self.app.call_from_thread(self._claimed, position, opened)

    def _failed(self, problem: str) -> None:
        self.claiming = False
        self.app.notify(
            f"could not claim more documents: {shown(problem)}", severity="warning", markup=False
        )

    def _claimed(self, position: Position, opened: list[Opened]) -> None:
        from reader.team.session_queue import nothing_left
        from reader.ui.screens.reader_screen import ReaderScreen

        self.claiming = False
        first = self.app.library.extend(opened) if opened else None
        if first is None:
            said = LAST if self.said_empty else nothing_left(self.queue.annotator)
            self.said_empty = True
            self.app.notify(shown(said), markup=False)
            return
        screen = self.app.screen
        if (
            isinstance(screen, ReaderScreen)
            and screen.library is self.app.library
            and screen.position == position
        ):
            screen.load(first)
        else:
            self.app.notify(f"{opened[0].entry.length} more documents claimed", markup=False)
