"""The output file: an append-only JSON Lines file of saved tasks, one per line.

Every save appends one record (see :mod:`reader.annotation.records`) as one
line, written with a single ``write`` on an ``O_APPEND`` descriptor and then
fsynced, so a save costs the same however long the file is.  Nothing is ever
rewritten; on load the *last* line for each ``_task_hash`` wins, which is
how reopening an input resumes its spans and answers.

Opening the file:

* takes an exclusive ``flock`` on a lock file beside it, ``<file>.lock``,
  holding the pid and host of the hamish that has it; a second hamish gets
  :class:`StoreLocked`.  The lock file is removed on close;
* reads it once, a line at a time.  A *torn* last line (one without its
  final newline, or that is not a task record: what a crash in the middle of
  a save leaves) is moved to a side file ``<file>.torn-<UTC time>`` and cut
  off, so the next save starts a fresh line; every line before it is kept.  A
  bad line anywhere else is reported and skipped but left where it is.

Only where each task's latest line lies is kept in memory, not the records:
:meth:`AnnotationStore.latest` reads that one line back.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any, BinaryIO

from reader.annotation.store_files import (
    LOCK_SUFFIX,
    TORN_SUFFIX,
    StoreError,
    StoreLocked,
    _lock,
    _move_aside,
    _open_for_append,
    _pread_exactly,
    _reason,
    _truncate,
    _unlock,
)
from reader.documents.json_input import JsonError, loads
from reader.documents.reading import not_regular
from reader.durable import fsync_dir


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


_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


__all__ = [
    "LOCK_SUFFIX",
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

    def __init__(self, path: str, fd: int, lock_fd: int, lock_path: str) -> None:
        """Wrap descriptors that :meth:`open` has set up; use :meth:`open` instead."""
        self.path = path
        self.lock_path = lock_path
        self._fd: int | None = fd
        self._lock_fd: int | None = lock_fd
        # Records are keyed by their document id (``_hamish_doc``) where they
        # carry one, since 32-bit task hashes collide (about a 2 in 3 chance
        # somewhere among 100,000 documents); by ``_task_hash`` otherwise.
        # key -> latest line's offset, length and 1-based line number
        self._where: dict[Key, tuple[int, int, int]] = {}
        self._answers: dict[Key, str] = {}
        self._tasks: dict[int, Key] = {}  # task hash -> key of its latest record
        self._end = 0  # where the next line goes: the file's size when all is well
        self._lines = 0  # how many lines the file holds, up to _end
        self._unclean = False  # a failed append may have left bytes past _end
        self._mutex = threading.Lock()

    @classmethod
    def open(cls, path: str) -> tuple[AnnotationStore, list[str]]:
        """Lock ``path`` (creating it if need be) and read it; the store and one-line problems.

        Raises :class:`StoreLocked` when another hamish holds it, and
        :class:`StoreError` when it cannot be created, written, locked or read,
        is not a regular file, or a torn last line cannot be moved aside.
        """
        _refuse_special(path, _status(path))  # never lock, read or write /dev/full or a FIFO
        lock_fd, lock_path = _lock(path)
        fd = -1
        try:
            existed = os.path.exists(path)
            fd = _open_for_append(path)
            _refuse_special(path, os.fstat(fd).st_mode)
            if not existed:
                fsync_dir(os.path.dirname(os.path.abspath(path)))
            store = cls(path, fd, lock_fd, lock_path)
            try:
                problems = store._load()
            except OSError as err:
                raise StoreError(path, f"cannot be read ({_reason(err)})") from None
        except BaseException:
            if fd >= 0:
                os.close(fd)
            _unlock(lock_fd, lock_path)
            raise
        return store, problems

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
            data = _pread_exactly(self._descriptor(), where[0], where[1])
        return _decoded(data), where[2]

    def records(self) -> Iterator[dict[str, Any]]:
        """The latest record of every task, read back from the file one at a time.

        Reads a line per task, so it is meant for a worker thread.  Raises
        what :meth:`latest` raises.
        """
        with self._mutex:
            places = list(self._where.values())
        for where in places:
            with self._mutex:
                data = _pread_exactly(self._descriptor(), where[0], where[1])
            yield _decoded(data)

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
        data = _encode(record)
        with self._mutex:
            fd = self._descriptor()
            if self._unclean:
                self._restore(fd)
            start = self._end
            try:
                written = os.write(fd, data)
                if written != len(data):
                    raise OSError(errno.EIO, f"only {written} of {len(data)} bytes were written")
                os.fsync(fd)
            except OSError:
                self._unclean = True
                with contextlib.suppress(OSError):
                    self._restore(fd)
                raise
            self._end = start + len(data)
            self._lines += 1
            self._note(record, task, start, len(data), self._lines)

    def close(self) -> None:
        """Let go of the file and its lock (removing the lock file); closing twice is fine."""
        with self._mutex:
            fd, self._fd = self._fd, None
            lock_fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            if self._unclean:
                with contextlib.suppress(OSError):
                    self._restore(fd)
            os.close(fd)
        if lock_fd is not None:
            _unlock(lock_fd, self.lock_path)

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

    def _restore(self, fd: int) -> None:
        """Cut off what a failed append left past the last whole line."""
        if os.fstat(fd).st_size > self._end:
            os.ftruncate(fd, self._end)
            os.fsync(fd)
        self._unclean = False

    def _load(self) -> list[str]:
        """Read the whole file once, noting each task's latest line; the problems found."""
        fd = self._descriptor()
        problems: list[str] = []
        pending: tuple[int, int, str] | None = None  # line, offset, problem of a bad line
        cut: tuple[int, int] | None = None  # line and offset of a blank, unfinished last line
        end = lines = 0
        with os.fdopen(os.dup(fd), "rb") as f:
            for number, start, raw in _lines(f):
                end, lines = start + len(raw), number
                if not raw.strip():
                    cut = None if raw.endswith(b"\n") else (number, start)
                    continue
                if pending is not None:
                    problems.append(f"{self.path}:{pending[0]}: {pending[2]}; skipped")
                    pending = None
                problem = self._take(raw, start, number)
                if problem is not None:
                    pending = (number, start, problem)
        if pending is not None:
            number, start, problem = pending
            side = _move_aside(self.path, fd, start, end)
            problems.append(f"{self.path}:{number}: torn last line ({problem}) moved to {side}")
            end, lines = start, number - 1
        elif cut is not None:
            _truncate(self.path, fd, cut[1])
            end, lines = cut[1], cut[0] - 1
        self._end = end
        self._lines = lines
        return problems

    def _take(self, raw: bytes, start: int, line: int) -> str | None:
        """Note one line's record; what is wrong with it, or None."""
        if not raw.endswith(b"\n"):
            return "no newline at its end: a save cut short"
        try:
            value = loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return "not UTF-8"
        except JsonError as err:
            return err.problem
        task = value.get("_task_hash") if isinstance(value, dict) else None
        if not isinstance(task, int) or isinstance(task, bool):
            return "not a saved task: no integer _task_hash"
        self._note(value, task, start, len(raw), line)
        return None

    def _note(
        self, record: Mapping[str, Any], task: int, start: int, length: int, line: int
    ) -> None:
        """Remember where a document's latest record is, and its answer."""
        doc = record.get("_hamish_doc")
        key: Key = ("doc", doc) if isinstance(doc, str) else ("task", task)
        self._where[key] = (start, length, line)
        self._tasks[task] = key
        answer = record.get("answer")
        if isinstance(answer, str):
            self._answers[key] = answer
        else:
            self._answers.pop(key, None)


def _encode(record: Mapping[str, Any]) -> bytes:
    """``record`` as one line of strict UTF-8 JSON, ending in its newline.

    U+0085, U+2028 and U+2029 are escaped too, so that readers splitting on
    every Unicode line break still see one record per line.  NaN and the
    infinities are refused (ValueError): they are not JSON.  A lone surrogate
    (a file name that is not UTF-8 brings them) is written as its JSON escape,
    ``\\udc80``, which reads back as the same string; no surrogate can be in
    UTF-8.
    """
    try:
        line = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as err:
        raise ValueError(f"a record to save must be JSON: {err}") from None
    for char, escape in _LINE_BREAKS.items():
        if char in line:
            line = line.replace(char, escape)
    # Outside strings json.dumps writes only ASCII, so every surrogate is inside one.
    return (line + "\n").encode("utf-8", "backslashreplace")


def _decoded(data: bytes) -> dict[str, Any]:
    """A line :meth:`AnnotationStore._take` accepted, parsed again; ValueError if it changed."""
    record = loads(data.decode("utf-8"))
    if not isinstance(record, dict):
        raise ValueError("the output file was changed behind hamish's back")
    return record


def _status(path: str) -> int | None:
    """``path``'s ``st_mode``, or None when there is nothing there (yet)."""
    try:
        return os.stat(path).st_mode
    except OSError:
        return None  # _open_for_append says why, if it matters


def _refuse_special(path: str, mode: int | None) -> None:
    """StoreError unless ``mode`` is a regular file's (or None: none yet)."""
    why = None if mode is None else not_regular(mode)
    if why is not None and why != "is a directory":  # _open_for_append says that one
        raise StoreError(path, why)


def _lines(f: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    """(1-based line number, byte offset, bytes with their newline) of each line of ``f``."""
    offset = 0
    for number, raw in enumerate(f, start=1):
        yield number, offset, raw
        offset += len(raw)
