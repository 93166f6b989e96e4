"""The end of the output file: where the next line goes, and what a crash or a failed
write left there.

Kept apart from :mod:`reader.annotation.store`, which decides what is saved
and finds it again; this writes lines and answers for the bytes at the end.
"""

from __future__ import annotations

import contextlib
import errno
import os

from reader.annotation.store_files import move_aside, pread
from reader.annotation.store_index import Place
from reader.annotation.store_lines import Torn


class FileEnd:
    """The end of one output file, as far as this process knows.  Not thread-safe:
    the store holds its lock around every use."""

    def __init__(self) -> None:
        self.size = 0  # where the next line goes
        self.newlines = 0  # how many lines end before it: the next line's number
        self.torn: Torn | None = None  # a torn last line, not moved aside yet
        self.skipped: list[str] = []  # the bad lines in the middle, as reported
        self._cut: tuple[int, int] | None = None  # what a failed write may have left

    def found(self, problems: list[str], torn: Torn | None, size: int, newlines: int) -> None:
        """What reading the file found (:func:`reader.annotation.store_lines.read_output`)."""
        self.skipped, self.torn, self.size, self.newlines = problems, torn, size, newlines

    def write(self, fd: int, line: bytes) -> Place:
        """Append ``line`` (with its newline) and fsync it; where it went.

        After a torn last line still in place, or what another program added
        without its newline, it goes on a line of its own.  Raises OSError
        when it could not be written: then what it wrote is cut off again
        where possible (else before the next write), and nothing here changes.
        """
        self.mend(fd)
        data = b"\n" + line if self._unfinished(fd) else line
        number = self.newlines + data.count(b"\n")  # the line's number
        start = self.size
        written = 0
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.EIO, f"only {written} of {len(data)} bytes were written")
            os.fsync(fd)
        except OSError:
            self._cut = (start, start + written)
            with contextlib.suppress(OSError):
                self.mend(fd)
            raise
        self.size = start + len(data)
        self.newlines = number
        self.torn = None
        return Place(self.size - len(line), len(line), number)

    def move_torn_aside(self, path: str, fd: int) -> str | None:
        """Move a torn last line to a side file; the side file's path, None if none.
        Raises StoreError (and the line stays) when it cannot."""
        torn = self.torn
        if torn is None:
            return None
        side = move_aside(path, fd, torn.start, self.size)
        self.size = torn.start
        self.newlines = torn.line - 1
        self.torn = None
        return side

    def changed_behind(self, fd: int) -> bool:
        """Whether the file is no longer the size this process left it."""
        return os.fstat(fd).st_size != self.size

    def _unfinished(self, fd: int) -> bool:
        """Whether the file ends inside a line; notes what another program appended.

        Raises OSError for a file cut shorter than this process left it: the
        places of the lines it noted may be gone.
        """
        size = os.fstat(fd).st_size
        if size < self.size:
            raise OSError(errno.EIO, "the file was cut short by another program")
        if size > self.size:  # another program appended: what it wrote is kept
            self.newlines += pread(fd, size - self.size, self.size).count(b"\n")
            self.size = size
            return pread(fd, 1, size - 1) != b"\n"
        return self.torn is not None

    def mend(self, fd: int) -> None:
        """Cut off what a failed write wrote, if the file still ends with it.

        Bytes are cut only when the file is exactly the size that write left
        it: anything else means someone else has written since, and nothing
        of theirs is ever cut off.
        """
        if self._cut is None:
            return
        start, end = self._cut
        if end > start and os.fstat(fd).st_size == end:
            os.ftruncate(fd, start)
            os.fsync(fd)
        self._cut = None
