"""The session's saves across documents and screens: the newest state wins.

Every state of a document to be saved is a :class:`Snapshot`, numbered as it
is taken.  A document's older snapshot is never written after a newer one,
and a snapshot that could not be written stays due until one of its
document's is.  Until then the newest snapshot taken is the document's state,
whatever the store says: a document opened again while its save is still on
the way shows what was last done to it.

A snapshot is written as a change line (its spans and answer: small) unless
it is *full*, when it is written as a full record (text and tokens too).  A
document whose latest line is a change *owes* a full record, which
:meth:`Journal.settle` makes due when the document is left and
:meth:`Journal.settle_all` when the session ends.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reader.annotation.changes import change_record
from reader.annotation.hashing import input_hash
from reader.annotation.spans import Span
from reader.annotation.store_api import Store
from reader.annotation.tasks import task_record
from reader.annotation.tokens import Token


@dataclass(frozen=True)
class Snapshot:
    """One document's annotations at one moment, ready to become a saved line.

    ``text_hash`` is the text's ``_input_hash`` when it is at hand (hashing a
    long text costs as much as the text: the screen hashes it once); ``full``
    says to write a full record rather than a change line.
    """

    text: str
    meta: dict[str, Any]
    doc_id: str
    spans: tuple[Span, ...]
    answer: str | None
    annotator: str
    tokens: Sequence[Token]
    file: str
    text_hash: int | None = None
    full: bool = False
    extra: Mapping[str, Any] | None = None  # more keys for both kinds of line (a review's)

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
        record.update(self.extra or {})
        return record

    def change(self) -> dict[str, Any]:
        """The change line to append: the spans and answer (it grows with the spans)."""
        line = change_record(
            doc_id=self.doc_id,
            text_hash=self.text_hash if self.text_hash is not None else input_hash(self.text),
            spans=self.spans,
            answer=self.answer,
            annotator=self.annotator,
            file=self.file,
        )
        line.update(self.extra or {})
        return line


class Journal:
    """Numbers snapshots as they are taken and writes them to ``store`` in order.

    :meth:`take`, :meth:`latest`, :meth:`owe` and :meth:`settle` are for the
    event loop; :meth:`write` may run in any thread.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()  # the bookkeeping: held only briefly
        self._writing = threading.Lock()  # one write at a time, in number order
        self._taken = 0
        self._due: dict[str, tuple[int, Snapshot]] = {}  # doc id -> newest not yet on disk
        self._written: dict[str, int] = {}  # doc id -> number of the newest on disk
        # doc id -> the newest state on disk as a change line only: a full record is owed
        self._owed: dict[str, tuple[int, Snapshot]] = {}

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

    def owe(self, snapshot: Snapshot) -> None:
        """``snapshot``'s state is on disk as a change line only (a session before
        this one stopped before writing its full record): owe one."""
        with self._lock:
            if snapshot.doc_id not in self._owed:
                self._owed[snapshot.doc_id] = (0, snapshot)

    def settle(self, doc_id: str) -> bool:
        """The document is left: make its newest state due as a full record, if a
        change is due or a full record owed.  Whether anything is due for it now."""
        with self._lock:
            due = self._due.get(doc_id)
            newest = due if due is not None else self._owed.get(doc_id)
            if newest is None:
                return False
            if not newest[1].full:
                # A new number: a write of the change under way must not cancel it.
                self._taken += 1
                self._due[doc_id] = (self._taken, replace(newest[1], full=True))
            return True

    def settle_all(self) -> None:
        """The session ends: every document owing a full record has it due."""
        with self._lock:
            owing = list(self._owed)
        for doc_id in owing:
            self.settle(doc_id)

    def due(self) -> list[tuple[int, Snapshot]]:
        """Every document's newest snapshot not yet on disk, oldest first."""
        with self._lock:
            return sorted(self._due.values(), key=lambda item: item[0])

    def write(self, number: int, snapshot: Snapshot) -> None:
        """Append ``snapshot`` (numbered ``number``) unless its document has a newer
        one on disk already.  Raises OSError, and the snapshot stays due."""
        doc = snapshot.doc_id
        with self._writing:
            with self._lock:
                if self._written.get(doc, 0) >= number:
                    return
            if snapshot.full:
                self.store.append_full(snapshot.record())
            else:
                self.store.append_change(snapshot.change())
            with self._lock:
                self._written[doc] = number
                due = self._due.get(doc)
                if due is not None and due[0] <= number:
                    del self._due[doc]
                owed = self._owed.get(doc)
                if snapshot.full and owed is not None and owed[0] <= number:
                    del self._owed[doc]
                elif not snapshot.full and (owed is None or owed[0] < number):
                    self._owed[doc] = (number, snapshot)
