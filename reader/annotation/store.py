"""The output file: an append-only JSON Lines file of saved tasks, one per line.

Every save appends one record (see :mod:`reader.annotation.tasks`) as one
line, written with a single ``write`` on an ``O_APPEND`` descriptor and then
fsynced, so a save costs the same however long the file is.  Nothing is ever
rewritten; on load the *last* line for each ``_task_hash`` wins, which is
how reopening an input resumes its spans and answers.

Opening the file:

* opens only a regular file, and creates a missing one without following a
  link (:func:`~reader.annotation.store_files.open_output`);
* takes an exclusive ``flock`` on the file itself, so a second hamish on the
  same file, by whatever name, gets :class:`StoreLocked`;
* reads it once, a line at a time, and changes nothing.  Its first line must
  be a saved task, or the file is refused: it is some other file.  A bad line
  in the middle is reported and skipped but left where it is.  A *torn* last
  line (one without its final newline, or that is not a task record: what a
  crash in the middle of a save leaves) is only noted, :attr:`torn`; it is
  moved to a side file ``<file>.torn-<UTC time>`` by :meth:`set_torn_aside`,
  which the app calls once it runs and can say so.  A file with both is
  refused, and nothing is moved out of it.

A save that fails cuts off what it wrote, and only that: only when the file
is still the size that write left it.

Only where each task's latest line lies is kept in memory, not the records:
:meth:`AnnotationStore.latest` reads that one line back.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any

from reader.annotation.store_files import (
    TORN_SUFFIX,
    StoreError,
    StoreLocked,
    lock_output,
    move_aside,
    open_output,
    pread,
    pread_exactly,
    unlock_output,
)
from reader.annotation.store_lines import Torn, decoded, encode, read_output
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

Key = tuple[str, object]  # ("doc", document id) or ("task", task hash)


class AnnotationStore:
    """An output file opened for saving, locked against a second hamish.

    Safe to use from several threads.  Use :meth:`open` to make one, and
    :meth:`close` it (or use it as a context manager) to let go of the lock.
    """

    def __init__(self, path: str, fd: int, created: bool) -> None:
        """Wrap a descriptor that :meth:`open` has set up; use :meth:`open` instead."""
        self.path = path
        self._fd: int | None = fd
        self._created = created
        # Records are keyed by their document id (``_hamish_doc``) where they
        # carry one, since 32-bit task hashes collide (about a 2 in 3 chance
        # somewhere among 100,000 documents); by ``_task_hash`` otherwise.
        # key -> latest line's offset, length and 1-based line number
        self._where: dict[Key, tuple[int, int, int]] = {}
        self._answers: dict[Key, str] = {}
        self._tasks: dict[int, Key] = {}  # task hash -> key of its latest record
        self._end = 0  # the file's size, as far as this process knows: where the next line goes
        self._newlines = 0  # how many lines end before _end: the next record's line number
        self._cut: tuple[int, int] | None = None  # what a failed append may have left
        self._torn: Torn | None = None  # a torn last line, not moved aside yet
        self._mutex = threading.Lock()

    @classmethod
    def open(cls, path: str) -> tuple[AnnotationStore, list[str]]:
        """Lock ``path`` (creating it if need be) and read it; the store and one-line problems.

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
                    problems = store._load()
                except OSError as err:
                    raise StoreError(path, f"cannot be read ({os_reason(err)})") from None
            except BaseException:
                _let_go(path, fd, created and locked)
                raise
            return store, problems
        raise StoreError(path, "cannot be locked: it keeps being replaced")

    def __len__(self) -> int:
        """The number of documents with a saved record."""
        return len(self._where)

    def __contains__(self, task_hash: object) -> bool:
        """Whether a record was saved for ``task_hash``."""
        return task_hash in self._tasks

    def latest(self, task_hash: int, doc_id: str | None = None) -> dict[str, Any] | None:
        """The last record saved for a document, read back from the file; None if none.

        With ``doc_id``, the record saved under that id (or, failing that, a
        record with ``task_hash`` and no id, as other tools write); without
        it, the latest record with ``task_hash``.  Raises OSError when the
        file cannot be read, and ValueError if the line is no longer the JSON
        it was (the file was changed behind us).
        """
        found = self.latest_line(task_hash, doc_id)
        return None if found is None else found[0]

    def latest_line(
        self, task_hash: int, doc_id: str | None = None
    ) -> tuple[dict[str, Any], int] | None:
        """:meth:`latest`, with the 1-based line of the file it is on (for messages)."""
        with self._mutex:
            if doc_id is not None:
                where = self._where.get(("doc", doc_id)) or self._where.get(("task", task_hash))
            else:
                key = self._tasks.get(task_hash)
                where = self._where.get(key) if key is not None else None
            if where is None:
                return None
            data = pread_exactly(self._descriptor(), where[0], where[1])
        return decoded(data), where[2]

    def records(self) -> Iterator[dict[str, Any]]:
        """The latest record of every task, read back from the file one at a time.

        Reads a line per task, so it is meant for a worker thread.  Raises
        what :meth:`latest` raises.
        """
        with self._mutex:
            places = list(self._where.values())
        for where in places:
            with self._mutex:
                data = pread_exactly(self._descriptor(), where[0], where[1])
            yield decoded(data)

    def answers(self) -> dict[int, str]:
        """Each task's latest answer (``accept``, ``reject``, ``ignore``), for progress counts.

        Tasks whose latest record has no answer are left out.
        """
        with self._mutex:
            return {
                task: self._answers[key]
                for task, key in self._tasks.items()
                if key in self._answers
            }

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has let go of the file."""
        return self._fd is None

    @property
    def torn(self) -> str | None:
        """``file:line: torn last line (why)`` while a torn last line waits to be moved aside."""
        torn = self._torn
        if torn is None:
            return None
        return f"{self.path}:{torn.line}: torn last line ({torn.problem})"

    def set_torn_aside(self) -> str | None:
        """Move a torn last line to a side file and say where; None if there is none.

        Raises StoreError when it cannot be moved (then it stays, and saves
        go on after it, on a line of their own).
        """
        with self._mutex:
            torn, said = self._torn, self.torn
            if torn is None:
                return None
            side = move_aside(self.path, self._descriptor(), torn.start, self._end)
            self._end = torn.start
            self._newlines = torn.line - 1
            self._torn = None
        return f"{said} moved to {side}"

    def append(self, record: Mapping[str, Any]) -> None:
        """Save ``record`` as one line, written, flushed and fsynced before this returns.

        Raises OSError when it could not be saved (disk full, file gone
        read-only, I/O error): then nothing here changes, any part of the line
        that was written is cut off again where possible (else before the next
        save), and the same record can simply be appended again.  Raises
        ValueError for a record without an integer ``_task_hash`` or that JSON
        cannot hold, and writes nothing.
        """
        task = record.get("_task_hash")
        if not isinstance(task, int) or isinstance(task, bool):
            raise ValueError("a record to save needs an integer _task_hash")
        line = encode(record)
        with self._mutex:
            fd = self._descriptor()
            if self._cut is not None:
                self._undo(fd)
            # After a torn last line still in place, or what another program
            # added without its newline, the record goes on a line of its own.
            data = b"\n" + line if self._unfinished(fd) else line
            number = self._newlines + data.count(b"\n")  # the record's line
            start = self._end
            written = 0
            try:
                written = os.write(fd, data)
                if written != len(data):
                    raise OSError(errno.EIO, f"only {written} of {len(data)} bytes were written")
                os.fsync(fd)
            except OSError:
                self._cut = (start, start + written)
                with contextlib.suppress(OSError):
                    self._undo(fd)
                raise
            self._end = start + len(data)
            self._newlines = number
            self._torn = None
            self._note(record, task, self._end - len(line), len(line), number)

    def close(self) -> None:
        """Let go of the file and its lock; closing twice is fine.

        A file this store created and never wrote to is removed again.
        """
        with self._mutex:
            fd, self._fd = self._fd, None
            if fd is not None and self._cut is not None:
                with contextlib.suppress(OSError):
                    self._undo(fd)
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

    def _descriptor(self) -> int:
        if self._fd is None:
            raise ValueError(f"{self.path}: the annotation store is closed")
        return self._fd

    def _unfinished(self, fd: int) -> bool:
        """Whether the file ends inside a line; notes what another program appended.

        Raises OSError for a file cut shorter than this process left it: the
        places of the records it noted may be gone.
        """
        size = os.fstat(fd).st_size
        if size < self._end:
            raise OSError(errno.EIO, "the file was cut short by another program")
        if size > self._end:  # another program appended: what it wrote is kept
            self._newlines += pread(fd, size - self._end, self._end).count(b"\n")
            self._end = size
            return pread(fd, 1, size - 1) != b"\n"
        return self._torn is not None

    def _undo(self, fd: int) -> None:
        """Cut off what a failed append wrote, if the file still ends with it.

        Bytes are cut only when the file is exactly the size that append left
        it: anything else means someone else has written since, and nothing
        of theirs is ever cut off.
        """
        assert self._cut is not None
        start, end = self._cut
        if end > start and os.fstat(fd).st_size == end:
            os.ftruncate(fd, start)
            os.fsync(fd)
        self._cut = None

    def _load(self) -> list[str]:
        """Read the whole file once, noting each task's latest line; the problems found."""
        with os.fdopen(os.dup(self._descriptor()), "rb") as f:
            problems, self._torn, self._end, self._newlines = read_output(
                f, self.path, self._note
            )
        return problems

    def _note(
        self, record: Mapping[str, Any], task: int, start: int, length: int, line: int
    ) -> None:
        """Remember where a document's latest record is (offset, length, line), and its answer."""
        doc = record.get("_hamish_doc")
        key: Key = ("doc", doc) if isinstance(doc, str) else ("task", task)
        self._where[key] = (start, length, line)
        self._tasks[task] = key
        answer = record.get("answer")
        if isinstance(answer, str):
            self._answers[key] = answer
        else:
            self._answers.pop(key, None)


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
