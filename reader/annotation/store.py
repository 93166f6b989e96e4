"""The output file: an append-only JSON Lines file of saved lines, one per save.

Every save appends one line (a full record, :mod:`reader.annotation.tasks`,
or a change line, :mod:`reader.annotation.changes`), written with a single
``write`` on an ``O_APPEND`` descriptor and then fsynced, so a save costs the
same however long the file is.  Nothing is rewritten, save by compaction
(:meth:`AnnotationStore.compact`, which writes a new file beside it and
renames it over); on load the *last* line of each document wins, whatever
its kind.  :class:`AnnotationStore` is the file's :class:`~reader.annotation.store_api.Store`.

Opening the file:

* opens only a regular file, and creates a missing one without following a
  link (:func:`~reader.annotation.store_files.open_output`);
* takes an exclusive ``flock`` on the file itself, so a second hamish on the
  same file, by whatever name, gets :class:`StoreLocked`;
* checks that its first line is a saved task, or refuses it: it is some
  other file;
* reads it, a line at a time, changing nothing: at once when it is small or
  its last line is not whole, else later, in :meth:`AnnotationStore.load`
  (a worker's job: a file of 100,000 records takes seconds).  A bad line in
  the middle is reported and skipped but left where it is.  A *torn* last
  line (one without its final newline, or that is not a task: what a crash
  in the middle of a save leaves) is only noted, :attr:`torn`; it is moved
  to a side file ``<file>.torn-<UTC time>`` by :meth:`set_torn_aside`, which
  the app calls once it runs and can say so.  A file with both is refused,
  and nothing is moved out of it.

A save that fails cuts off what it wrote, and only that: only when the file
is still the size that write left it.

Only where each document's lines lie is kept in memory
(:mod:`reader.annotation.store_index`), not the records: a line is read back
when it is wanted.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import replace
from types import TracebackType
from typing import TYPE_CHECKING, Any

from reader.annotation.changes import is_change
from reader.annotation.store_api import Compacted, Store
from reader.annotation.store_files import (
    TORN_SUFFIX,
    StoreError,
    StoreLocked,
    lock_output,
    open_output,
    unlock_output,
)
from reader.annotation.store_index import StoreIndex
from reader.annotation.store_lines import (
    encode,
)
from reader.annotation.store_reading import StoreFile
from reader.annotation.store_tail import FileEnd
from reader.files.durable import fsync_dir
from reader.files.errors import os_reason


def default_output_path(input_path: str) -> str:
    """Where annotations of ``input_path`` go without ``--output``.

    Beside the input, named after it without its extension:
    ``news/day1.jsonl`` → ``news/day1.annotations.jsonl``.  Standard input
    (``-``) gives ``stdin.annotations.jsonl`` in the current folder.
    """
    if input_path == "-":
        return "stdin.annotations.jsonl"
    folder, name = os.path.split(input_path)
    stem = os.path.splitext(name)[0] or name
    return os.path.join(folder, f"{stem}.annotations.jsonl")


__all__ = [
    "TORN_SUFFIX",
    "AnnotationStore",
    "StoreError",
    "StoreLocked",
    "default_output_path",
]


class AnnotationStore(StoreFile):
    """An output file opened for saving, locked against a second hamish.

    Safe to use from several threads.  Use :meth:`open` to make one, and
    :meth:`close` it (or use it as a context manager) to let go of the lock.
    """

    @classmethod
    def open(cls, path: str) -> tuple[AnnotationStore, list[str]]:
        """Lock ``path`` (creating it if need be), check it, and read it if it is small;
        the store and one-line problems.  A larger file is read by :meth:`load`.

        Raises :class:`StoreLocked` when another hamish holds it, and
        :class:`StoreError` when it cannot be created, written, locked or
        read, is not a regular file, or is not an annotation file.
        """
        for _ in range(10):
            fd, created = open_output(path)
            locked = False
            try:
                lock_output(path, fd)
                locked = True
                if not _still_at(path, fd):
                    # Removed (empty, by the hamish that made it) while we waited:
                    # the lock we hold is on a file no longer there.
                    unlock_output(fd)
                    continue
                if created:
                    fsync_dir(os.path.dirname(os.path.abspath(path)))
                store = cls(path, fd, created)
                try:
                    problems = store._open_checks()
                except OSError as err:
                    raise StoreError(path, f"cannot be read ({os_reason(err)})") from None
            except BaseException:
                _let_go(path, fd, created and locked)
                raise
            return store, problems
        raise StoreError(path, "cannot be locked: it keeps being replaced")

    # -- a torn last line --------------------------------------------------------

    @property
    def torn(self) -> str | None:
        """``file:line: torn last line (why)`` while a torn last line waits to be moved aside."""
        torn = self._tail.torn
        if torn is None:
            return None
        return f"{self.path}:{torn.line}: torn last line ({torn.problem})"

    @property
    def pending_notice(self) -> str | None:
        """What to say before the session starts: a torn last line :meth:`start` moves."""
        torn = self.torn
        return None if torn is None else f"{torn}: moving it to a side file"

    def start(self) -> list[str]:
        """The session runs: move a torn last line aside, and say so (or why not)."""
        try:
            said = self.set_torn_aside()
        except StoreError as err:
            return [f"{err}; saving goes on after it, on a line of its own"]
        return [said] if said else []

    def set_torn_aside(self) -> str | None:
        """Move a torn last line to a side file and say where; None if there is none.

        Raises StoreError when it cannot be moved (then it stays, and saves
        go on after it, on a line of their own).
        """
        with self._mutex:
            said = self.torn
            side = self._tail.move_torn_aside(self.path, self._descriptor())
        return None if side is None else f"{said} moved to {side}"

    # -- saving ----------------------------------------------------------------

    def append_change(self, change: Mapping[str, Any]) -> None:
        """Save a change line (:func:`reader.annotation.changes.change_record`), as
        :meth:`append` saves a line.  ValueError for a line that is not a change."""
        if not is_change(change):
            raise ValueError("a change line needs _hamish_change: true")
        self.append(change)

    def append_full(self, record: Mapping[str, Any]) -> None:
        """Save a full record (:func:`reader.annotation.tasks.task_record`), as
        :meth:`append` saves a line.  ValueError for a change line or a record with no text."""
        if is_change(record) or not isinstance(record.get("text"), str):
            raise ValueError("a full record needs its text, and is not a change line")
        self.append(record)

    def append(self, record: Mapping[str, Any]) -> None:
        """Save ``record`` as one line, written, flushed and fsynced before this returns.

        Waits for the file to have been read.  Raises OSError when it could
        not be saved (disk full, file gone read-only, I/O error, a file that
        could not be read): then nothing here changes, any part of the line
        that was written is cut off again where possible (else before the next
        save), and the same record can simply be appended again.  Raises
        ValueError for a record without an integer ``_task_hash`` or that JSON
        cannot hold, and writes nothing.
        """
        task = record.get("_task_hash")
        if not isinstance(task, int) or isinstance(task, bool):
            raise ValueError("a record to save needs an integer _task_hash")
        line = encode(record)
        self._ready()
        with self._mutex:
            place = self._tail.write(self._descriptor(), line)
            self._index.note(record, task, place)

    def compact(self) -> Compacted:
        """Rewrite the file as one full record per document, its latest state, under
        the lock: written beside it, fsynced, then renamed over it (see
        :mod:`reader.annotation.store_compact`).  Raises StoreError, and then the
        file is as it was."""
        from reader.annotation.store_compact import compacted_lines, refusal, write_beside

        self._ready()
        with self._mutex:
            fd, tail = self._descriptor(), self._tail
            tail.mend(fd)
            refused = refusal(fd, tail)
            if refused:
                raise StoreError(self.path, refused)
            problems: list[str] = []
            lines = compacted_lines(self.path, fd, self._index, problems)
            try:
                new_fd = write_beside(self.path, lines)
            except ValueError as err:  # a line no longer the JSON it was
                raise StoreError(self.path, f"cannot be compacted ({err})") from None
            unlock_output(fd)
            done = Compacted(tail.newlines, len(self._index), tail.size, 0, problems)
            self._fd, self._index, self._tail, self._created = (
                new_fd,
                StoreIndex(),
                FileEnd(),
                False,
            )
            self._tail.found(*self._scan())
            return replace(done, bytes_after=self._tail.size)

    def close(self) -> None:
        """Let go of the file and its lock; closing twice is fine.

        A file this store created and never wrote to is removed again.
        """
        with self._mutex:
            fd, self._fd = self._fd, None
            if fd is not None:
                with contextlib.suppress(OSError):
                    self._tail.mend(fd)
        if fd is not None:
            _let_go(self.path, fd, self._created)

    def __enter__(self) -> AnnotationStore:
        """The store itself."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()


def _still_at(path: str, fd: int, follow: bool = True) -> bool:
    """Whether ``path`` (or, without ``follow``, the name itself) is the file open at ``fd``."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path) if follow else os.lstat(path))
    except OSError:
        return False


def _let_go(path: str, fd: int, remove_if_empty: bool) -> None:
    """Unlock and close.  With ``remove_if_empty`` (a file this process created and
    locked), an empty file is removed first, while still locked: a run that saved
    nothing leaves no empty output behind."""
    with contextlib.suppress(OSError):
        if remove_if_empty and os.fstat(fd).st_size == 0 and _still_at(path, fd, follow=False):
            os.unlink(path)
    unlock_output(fd)


if TYPE_CHECKING:  # the file store is a Store: mypy checks it has every method
    _IS_A_STORE: type[Store] = AnnotationStore
