"""The session's saves across documents and screens: the newest state wins.

Every state of a document to be saved is a :class:`Snapshot`, numbered as it
is taken.  A document's older snapshot is never written after a newer one,
and a snapshot that could not be written stays due until one of its
document's is.  Until then the newest snapshot taken is the document's state,
whatever the file says: a document opened again while its save is still on
the way shows what was last done to it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.annotation.spans import Span
from reader.annotation.store import AnnotationStore
from reader.annotation.tasks import task_record
from reader.annotation.tokens import Token


@dataclass(frozen=True)
class Snapshot:
    """One document's annotations at one moment, ready to become a saved line."""

    text: str
    meta: dict[str, Any]
    doc_id: str
    spans: tuple[Span, ...]
    answer: str | None
    annotator: str
    tokens: Sequence[Token]
    file: str

    def record(self) -> dict[str, Any]:
        """The Prodigy task to append (built when written: it grows with the text)."""
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


class Journal:
    """Numbers snapshots as they are taken and writes them to ``store`` in order.

    :meth:`take` and :meth:`latest` are for the event loop; :meth:`write` may
    run in any thread.
    """

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self._lock = threading.Lock()  # the bookkeeping: held only briefly
        self._writing = threading.Lock()  # one write at a time, in number order
        self._taken = 0
        self._due: dict[str, tuple[int, Snapshot]] = {}  # doc id -> newest not yet on disk
        self._written: dict[str, int] = {}  # doc id -> number of the newest on disk

    def take(self, snapshot: Snapshot) -> None:
        """``snapshot`` is its document's newest state: due to be written."""
        with self._lock:
            self._taken += 1
            self._due[snapshot.doc_id] = (self._taken, snapshot)

    def latest(self, doc_id: str) -> Snapshot | None:
        """The newest state of ``doc_id`` taken and not yet on disk, if any."""
        with self._lock:
            due = self._due.get(doc_id)
        return due[1] if due is not None else None

    def due(self) -> list[tuple[int, Snapshot]]:
        """Every document's newest snapshot not yet on disk, oldest first."""
        with self._lock:
            return sorted(self._due.values(), key=lambda item: item[0])

    def write(self, number: int, snapshot: Snapshot) -> None:
        """Append ``snapshot`` (numbered ``number``) unless its document has a newer
        one on disk already.  Raises OSError, and the snapshot stays due."""
        with self._writing:
            with self._lock:
                if self._written.get(snapshot.doc_id, 0) >= number:
                    return
            self.store.append(snapshot.record())
            with self._lock:
                self._written[snapshot.doc_id] = number
                due = self._due.get(snapshot.doc_id)
                if due is not None and due[0] <= number:
                    del self._due[snapshot.doc_id]
