"""The seam between hamish and wherever its annotations are kept.

Everything that saves or reads back a session's annotations (the journal and
the save loop, the start of a session, the library's progress column,
``hamish compact``) reaches the store through :class:`Store`, and nothing
else: today a JSON Lines file (:class:`reader.annotation.store.AnnotationStore`),
later a server shared by a team, which implements the same few methods.

What a store keeps is a log of lines of two kinds, each a JSON object with
an integer ``_task_hash`` and the document's id, ``_hamish_doc``:

* a **full record** (:func:`reader.annotation.tasks.task_record`): a
  Prodigy ``ner_manual`` task, with the text, its tokens, the spans and the
  answer.  It grows with the document, so it is written when a document is
  answered, left, or the session ends;
* a **change line** (:func:`reader.annotation.changes.change_record`): the
  document's spans and answer, and the ``_input_hash`` of the text they are
  offsets into; no text, no tokens.  Every other save writes one, so a save
  costs what the document's spans cost, not what its text does.

The latest line of a document is its state, whatever its kind.

**The lock.**  Opening a store takes it for this process alone: a second
hamish is refused at once (:class:`reader.annotation.store_files.StoreLocked`,
which says who holds it), and :meth:`Store.close` lets go.  Compaction happens
under the same lock.

``hamish export`` and ``hamish agree`` read an output's lines themselves
(:func:`reader.formats.prodigy.read_prodigy`, which merges change lines onto
full records as a store does), without taking the lock: a file being
annotated into can be exported.  A server-backed store would offer an export
of its own.

**Threads.**  Every method may be called from any thread.  Reading what is
saved may take seconds for a large store, so it is :meth:`Store.load`, meant
for a worker: until it is done, :meth:`Store.state_of`, :meth:`Store.progress`
and the appends wait for it (:attr:`Store.loaded` says whether they would).

Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class SavedState:
    """A document's latest saved state.

    ``record`` is its latest line: a full record or a change line; both have
    ``spans``, ``answer`` and ``_input_hash``.  ``where`` names the line for
    messages (``out.jsonl:12``).  ``full`` is whether the state is in a full
    record: when it is not (a change line came after it, say before a crash),
    the session that opens the document owes one.
    """

    record: dict[str, Any]
    where: str
    full: bool


@dataclass(frozen=True)
class Compacted:
    """What :meth:`Store.compact` did: lines and bytes before and after, and what
    it had to say (spans left out, changes kept as they were for want of a text)."""

    lines_before: int
    documents: int
    bytes_before: int
    bytes_after: int
    problems: list[str] = field(default_factory=list)


class Store(Protocol):
    """Where a session's annotations are kept: load, look up, append, compact, close."""

    path: str
    """What messages call the store: a file's path, a server's address."""

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has let go of the store."""
        ...

    @property
    def loaded(self) -> bool:
        """Whether what is saved has been read: lookups and appends would not wait."""
        ...

    @property
    def pending_notice(self) -> str | None:
        """What to say before a session starts, if anything (a file: a torn last line
        that :meth:`start` will move aside)."""
        ...

    def start(self) -> list[str]:
        """The session runs and can say things: do what waited for that (a file
        moves a torn last line aside), and say what was done."""
        ...

    def load(self) -> list[str]:
        """Read what is saved, once; the one-line problems found (bad lines skipped).

        May take seconds: meant for a worker.  Calling it again does nothing.
        """
        ...

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Wait until :meth:`load` is done (True), or ``timeout`` seconds (False)."""
        ...

    def state_of(self, doc_id: str, task_hash: int) -> SavedState | None:
        """The latest state saved of a document, by its id (or, for lines other tools
        wrote without one, its task hash); None if nothing is saved.

        Raises OSError when it cannot be read, ValueError when it was changed
        behind the store's back.
        """
        ...

    def progress(self) -> dict[str, dict[str, int]]:
        """Documents answered, by input file name: ``{"news.jsonl": {"accept": 3}}``."""
        ...

    def append_change(self, change: Mapping[str, Any]) -> None:
        """Save a change line; on disk (or on the server) when this returns.

        Raises OSError when it was not saved (then nothing changed and it can
        simply be saved again), ValueError for a line that is not a change.
        """
        ...

    def append_full(self, record: Mapping[str, Any]) -> None:
        """Save a full record, as :meth:`append_change` saves a change line."""
        ...

    def compact(self) -> Compacted:
        """Keep one full record per document (its latest state), under the lock.

        A file store writes them beside the file and renames them over it:
        the store is whole at every moment.  Raises StoreError (and changes
        nothing) when it cannot.
        """
        ...

    def close(self) -> None:
        """Let go of the store and its lock; closing twice is fine."""
        ...
