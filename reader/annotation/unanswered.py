"""The next (or previous) document that has no answer yet, for ``}`` and ``{``.

Nothing here imports Textual; the screen runs it in a worker thread, since it
reads each document it passes over (a library holds no answers itself).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.annotation.hashing import task_hash
from reader.annotation.journal import Journal
from reader.annotation.opening import document_id
from reader.annotation.store_api import Store
from reader.documents import InputError
from reader.library import Library, Position

__all__ = ["find_unanswered", "saved_answer"]


def saved_answer(doc_id: str, journal: Journal, store: Store) -> str | None:
    """The answer of ``doc_id`` as last saved (or due to be): None when it has none."""
    due = journal.latest(doc_id)
    if due is not None:
        return due.answer
    state = store.state_of(doc_id, task_hash(doc_id))
    answer = None if state is None else state.record.get("answer")
    return answer if isinstance(answer, str) else None


def find_unanswered(
    library: Library,
    position: Position,
    step: int,
    answer_of: Callable[[str], str | None],
) -> Position | None:
    """The first document after (``step`` > 0) or before ``position`` whose
    answer is None; a document that cannot be read is passed over."""
    at = position
    while True:
        found = library.next(at) if step > 0 else library.previous(at)
        if found is None:
            return None
        at = found
        try:
            article = library.article(at)
        except InputError:
            continue
        if answer_of(document_id(article, at.record)) is None:
            return at
