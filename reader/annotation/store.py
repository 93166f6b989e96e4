"""The output file: an append-only JSON Lines file of saved lines, one per save.

Every save appends one line (a full record, :mod:`reader.annotation.records`,
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
import errno
import os
import threading
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any

from reader.annotation.changes import is_change
from reader.annotation.store_api import Compacted, SavedState
from reader.annotation.store_files import (
    TORN_SUFFIX,
    StoreError,
    StoreLocked,
    _reason,
    lock_output,
    move_aside,
    open_output,
    pread,
    pread_exactly,
    unlock_output,
)
from reader.annotation.store_index import Place, StoreIndex
from reader.annotation.store_lines import (
    Torn,
    check_first_line,
    decoded,
    encode,
    read_output,
    whole_last_line,
)
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


__all__ = [
    "TORN_SUFFIX",
    "AnnotationStore",
    "StoreError",
    "StoreLocked",
    "default_output_path",
]

LOAD_AT_OPEN = 1 << 20
"""An output of at most this many bytes is read when it is opened; a larger one
by :meth:`AnnotationStore.load`, after the first frame."""


class _Stopped(Exception):
    """The store was closed while it was being read."""


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
        self._index = StoreIndex()
        self._end = 0  # the file's size, as far as this process knows: where the next line goes
        self._newlines = 0  # how many lines end before _end: the next record's line number
        self._cut: tuple[int, int] | None = None  # what a failed append may have left
        self._torn: Torn | None = None  # a torn last line, not moved aside yet
        self._skipped: list[str] = []  # the bad lines in the middle, as reported
        self._mutex = threading.Lock()
        self._loading = threading.Lock()  # one reading of the file at a time
        self._loaded = threading.Event()
        self._failed: str | None = None  # why the file could not be read, if it could not
        self._unsaid: list[str] = []  # problems found by a reading load() has not returned

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
                    raise StoreError(path, f"cannot be read ({_reason(err)})") from None
            except BaseException:
                _let_go(path, fd, created and locked)
                raise
            return store, problems
        raise StoreError(path, "cannot be locked: it keeps being replaced")

    def _open_checks(self) -> list[str]:
        """Read the file now if it is small or its end is not whole; else check only
        its first line, and leave the rest for :meth:`load`."""
        fd = self._descriptor()
        size = os.fstat(fd).st_size
        if size > LOAD_AT_OPEN:
            with os.fdopen(os.dup(fd), "rb") as f:
                f.seek(0)
                check_first_line(f, self.path)
            if whole_last_line(fd, size):
                return []
        problems = self._read()
        self._loaded.set()
        return problems

    # -- reading ---------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the file has been read: lookups and appends would not wait."""
        return self._loaded.is_set()

    def load(self) -> list[str]:
        """Read the file, if :meth:`open` left it for later; the problems found, once.

        Meant for a worker: a file of 100,000 records takes seconds.  A lookup
        or an append made before then reads it first.  When the file cannot
        be read, that is the one problem, and saves fail with it until the end.
        """
        self._ready(fail=False)
        with self._mutex:
            problems, self._unsaid = self._unsaid, []
        return problems

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Wait until the file has been read (True), or ``timeout`` seconds (False)."""
        return self._loaded.wait(timeout)

    def _ready(self, fail: bool = True) -> None:
        """Read the file if it has not been (or wait for the thread reading it); with
        ``fail``, OSError if it could not be read."""
        if not self._loaded.is_set():
            with self._loading:
                if not self._loaded.is_set():
                    self._load_now()
        if fail and self._failed is not None:
            raise OSError(errno.EIO, self._failed)

    def _load_now(self) -> None:
        problems: list[str] = []
        try:
            problems = self._read()
        except _Stopped:
            pass
        except (OSError, StoreError) as err:
            why = err.problem if isinstance(err, StoreError) else _reason(err)
            self._failed = f"{self.path}: cannot be read ({why}); nothing is saved to it"
            problems = [self._failed]
        finally:
            with self._mutex:
                self._unsaid = problems
            self._loaded.set()

    def _read(self) -> list[str]:
        """Read the whole file once, noting each document's latest lines; the problems."""
        found = self._scan()
        with self._mutex:
            self._take(found)
        return found[0]

    def _scan(self) -> tuple[list[str], Torn | None, int, int]:
        """What :func:`read_output` finds in the file, each line noted in the index."""
        with os.fdopen(os.dup(self._descriptor()), "rb") as f:
            f.seek(0)
            return read_output(f, self.path, self._noted)

    def _take(self, found: tuple[list[str], Torn | None, int, int]) -> None:
        self._skipped, self._torn, self._end, self._newlines = found

    def _noted(
        self, record: Mapping[str, Any], task: int, start: int, length: int, line: int
    ) -> None:
        if self._fd is None:
            raise _Stopped
        self._index.note(record, task, Place(start, length, line))

    def __len__(self) -> int:
        """The number of documents with a saved line."""
        self._ready()
        return len(self._index)

    def __contains__(self, task_hash: object) -> bool:
        """Whether a line was saved for ``task_hash``."""
        self._ready()
        return isinstance(task_hash, int) and self._index.has_task(task_hash)

    def state_of(self, doc_id: str, task_hash: int) -> SavedState | None:
        """A document's latest state: its latest line, of either kind (see
        :class:`~reader.annotation.store_api.SavedState`); None if none.

        Raises OSError when the file cannot be read, and ValueError if the
        line is no longer the JSON it was (the file was changed behind us).
        """
        found = self._read_latest(task_hash, doc_id)
        if found is None:
            return None
        record, place, change = found
        return SavedState(record, f"{self.path}:{place.line}", not change)

    def latest(self, task_hash: int, doc_id: str | None = None) -> dict[str, Any] | None:
        """The last line saved for a document, read back from the file; None if none.

        With ``doc_id``, the line saved under that id (or, failing that, a
        line with ``task_hash`` and no id, as other tools write); without
        it, the latest line with ``task_hash``.  Raises as :meth:`state_of`.
        """
        found = self._read_latest(task_hash, doc_id)
        return None if found is None else found[0]

    def latest_line(
        self, task_hash: int, doc_id: str | None = None
    ) -> tuple[dict[str, Any], int] | None:
        """:meth:`latest`, with the 1-based line of the file it is on (for messages)."""
        found = self._read_latest(task_hash, doc_id)
        return None if found is None else (found[0], found[1].line)

    def _read_latest(
        self, task_hash: int, doc_id: str | None
    ) -> tuple[dict[str, Any], Place, bool] | None:
        self._ready()
        with self._mutex:
            key = self._index.key_of(task_hash, doc_id)
            if key is None:
                return None
            place, change = self._index.last[key]
            data = pread_exactly(self._descriptor(), place.start, place.length)
        return decoded(data), place, change

    def records(self) -> Iterator[dict[str, Any]]:
        """The latest line of every document, read back from the file one at a time.

        Reads a line per document, so it is meant for a worker thread.  Raises
        what :meth:`latest` raises.
        """
        self._ready()
        with self._mutex:
            places = [place for place, _ in self._index.last.values()]
        for place in places:
            with self._mutex:
                data = pread_exactly(self._descriptor(), place.start, place.length)
            yield decoded(data)

    def answers(self) -> dict[int, str]:
        """Each task's latest answer (``accept``, ``reject``, ``ignore``).

        Tasks whose latest line has no answer are left out.
        """
        self._ready()
        with self._mutex:
            return self._index.answers()

    def progress(self) -> dict[str, dict[str, int]]:
        """Answers counted by input file name: {"file.jsonl": {"accept": 3, ...}}."""
        self._ready()
        with self._mutex:
            return self._index.progress()

    # -- a torn last line --------------------------------------------------------

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
            torn, said = self._torn, self.torn
            if torn is None:
                return None
            side = move_aside(self.path, self._descriptor(), torn.start, self._end)
            self._end = torn.start
            self._newlines = torn.line - 1
            self._torn = None
        return f"{said} moved to {side}"

    # -- saving ----------------------------------------------------------------

    def append_change(self, change: Mapping[str, Any]) -> None:
        """Save a change line (:func:`reader.annotation.changes.change_record`), as
        :meth:`append` saves a line.  ValueError for a line that is not a change."""
        if not is_change(change):
            raise ValueError("a change line needs _hamish_change: true")
        self.append(change)

    def append_full(self, record: Mapping[str, Any]) -> None:
        """Save a full record (:func:`reader.annotation.records.task_record`), as
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
            self._index.note(record, task, Place(self._end - len(line), len(line), number))

    def compact(self) -> Compacted:
        """Rewrite the file as one full record per document, its latest state, under
        the lock: written beside it, fsynced, then renamed over it (see
        :mod:`reader.annotation.store_compact`).  Raises StoreError, and then the
        file is as it was."""
        from reader.annotation.store_compact import compacted_lines, write_beside

        self._ready()
        with self._mutex:
            fd = self._descriptor()
            if self._cut is not None:
                self._undo(fd)
            refused = self._compaction_refused(fd)
            if refused:
                raise StoreError(self.path, refused)
            lines_before, bytes_before, documents = self._newlines, self._end, len(self._index)
            problems: list[str] = []
            try:
                new_fd = write_beside(
                    self.path, compacted_lines(self.path, fd, self._index, problems)
                )
            except ValueError as err:  # a line no longer the JSON it was
                raise StoreError(self.path, f"cannot be compacted ({err})") from None
            unlock_output(fd)
            self._fd, self._index, self._created = new_fd, StoreIndex(), False
            self._take(self._scan())
            return Compacted(lines_before, documents, bytes_before, self._end, problems)

    def _compaction_refused(self, fd: int) -> str | None:
        """Why the file cannot be compacted now, or None."""
        if self._torn is not None:
            return f"its last line (line {self._torn.line}) is torn: open it in hamish first"
        if self._skipped:
            return (
                f"{len(self._skipped)} lines are not records ({self._skipped[0]}); "
                "compacting would drop them: mend or remove them first"
            )
        if os.fstat(fd).st_size != self._end:
            return "another program wrote to it since it was opened"
        return None

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
