"""The annotation screen's moves from one document to another.

``]`` and ``[`` wait, like every edit, while the shown document's saved state
is being read (its changes are saved on leaving); ``}`` and ``{`` go to the
next or previous document with no answer yet, found in a worker thread since
it reads each document it passes over.
"""

from __future__ import annotations

from textual import work

from reader.annotation.unanswered import find_unanswered, saved_answer
from reader.library import Position
from reader.ui.screens.saved_state import WaitsForSavedState, after_loading


class StepsThroughDocuments(WaitsForSavedState):
    """The reader's document keys, for annotating, and the unanswered ones."""

    @after_loading
    def action_next_document(self) -> None:
        super().action_next_document()

    @after_loading
    def action_previous_document(self) -> None:
        super().action_previous_document()

    @after_loading
    def action_unanswered(self, step: int) -> None:
        """``}`` / ``{``: the next or previous document with no answer yet."""
        self._find_unanswered(self.position, step)

    @work(thread=True, exclusive=True, group="unanswered")
    def _find_unanswered(self, position: Position, step: int) -> None:
        journal, store = self.options.journal, self.options.store
        found = find_unanswered(
            self.library, position, step, lambda doc: saved_answer(doc, journal, store)
        )
        if found is None:
            where = "after" if step > 0 else "before"
            self.app.call_from_thread(self.notify, f"no unanswered document {where} this one")
        else:
            self.app.call_from_thread(self.load, found)
