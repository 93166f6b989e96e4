"""Reading the output file back: where each document's latest lines are, and
reading them when wanted.

The base of :class:`reader.annotation.store.AnnotationStore`, which adds
what writes to the file.  A small file is read when it is opened; a larger
one by :meth:`StoreFile.load`, in a worker, after the first frame: until
then every lookup (or append) reads it first, or waits for the thread that
is reading it.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from reader.annotation.store_api import SavedState
from reader.annotation.store_files import StoreError, pread_exactly
from reader.annotation.store_index import Place, StoreIndex
from reader.annotation.store_lines import (
    Torn,
    check_first_line,
    decoded,
    read_output,
    whole_last_line,
)
from reader.annotation.store_tail import FileEnd
from reader.files.errors import os_reason

LOAD_AT_OPEN = 1 << 20
"""An output of at most this many bytes is read when it is opened; a larger one
by :meth:`AnnotationStore.load`, after the first frame."""


class _Stopped(Exception):
    """The store was closed while it was being read."""


class StoreFile:
    """An output file open and locked, read back when needed.  Safe to use from
    several threads."""

    def __init__(self, path: str, fd: int, created: bool) -> None:
        """Wrap a descriptor that :meth:`open` has set up; use :meth:`open` instead."""
        self.path = path
        self._fd: int | None = fd
        self._created = created
        self._index = StoreIndex()
        self._tail = FileEnd()
        self._mutex = threading.Lock()
        self._loading = threading.Lock()  # one reading of the file at a time
        self._loaded = threading.Event()
        self._failed: str | None = None  # why the file could not be read, if it could not
        self._unsaid: list[str] = []  # problems found by a reading load() has not returned

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
            why = err.problem if isinstance(err, StoreError) else os_reason(err)
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
            self._tail.found(*found)
        return found[0]

    def _scan(self) -> tuple[list[str], Torn | None, int, int]:
        """What :func:`read_output` finds in the file, each line noted in the index."""
        with os.fdopen(os.dup(self._descriptor()), "rb") as f:
            f.seek(0)
            return read_output(f, self.path, self._noted)

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

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has let go of the file."""
        return self._fd is None

    def _descriptor(self) -> int:
        if self._fd is None:
            raise ValueError(f"{self.path}: the annotation store is closed")
        return self._fd
