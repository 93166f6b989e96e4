"""The annotation store's files: its errors, opening and locking the output,
side files for torn lines, and reads that say what went wrong.

Kept apart from :mod:`reader.annotation.store`, which decides what is saved.

The output file is locked itself (``flock``, on the open file), so the lock
belongs to the file, not to one of its names: a second hamish is refused
whether it names the file through a symbolic link, a hard link or another
path, and no lock file is ever made or left behind.  The lock goes with the
process, however it ends.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time

from reader.documents import InputError
from reader.files.durable import NotRegularFile, check_regular, fsync_dir
from reader.files.errors import os_reason

TORN_SUFFIX = ".torn-"
"""Added to the output file's path, with a UTC time, to name a torn line's side file."""

# Open without becoming the controlling terminal or waiting on a pipe, should
# the path turn into one between the check and the open; closed in children.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = (
    os.O_RDWR | os.O_APPEND | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)


class StoreError(InputError):
    """An output file that cannot be used, said in one line: ``path[:line]: problem``."""


class StoreLocked(StoreError):
    """The output file is held by another hamish.

    Says so in one line: ``out.jsonl: in use by another hamish (pid 1234)``.
    """

    def __init__(self, path: str, pid: int | None) -> None:
        self.pid = pid
        who = "pid unknown" if pid is None else f"pid {pid}"
        super().__init__(path, f"in use by another hamish ({who})")


def open_output(path: str) -> tuple[int, bool]:
    """``path`` opened to read and append, and whether it was created just now.

    An existing file is opened where ``path`` leads, through links; a missing
    one is created with ``O_EXCL``, which follows no link, so a link planted
    at ``path`` never makes hamish create a file elsewhere.  Anything but a
    regular file (a directory, device, pipe, socket) is refused before it is
    opened, and checked again once it is.  Raises StoreError.
    """
    try:
        check_regular(path)
    except NotRegularFile as err:
        raise StoreError(path, str(err)) from None
    except OSError:
        pass  # opening says what is wrong
    fd, created = _open_or_create(path)
    try:
        check_regular(path, os.fstat(fd).st_mode)
    except NotRegularFile as err:
        os.close(fd)
        raise StoreError(path, str(err)) from None
    if _NONBLOCK:
        os.set_blocking(fd, True)
    return fd, created


def _open_or_create(path: str) -> tuple[int, bool]:
    for _ in range(10):
        try:
            return os.open(path, _OPEN_FLAGS), False
        except FileNotFoundError:
            pass  # missing (or a link to nothing): create it below
        except OSError as err:
            raise _cannot(path, "be written", err) from None
        try:
            return os.open(path, _OPEN_FLAGS | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            if os.path.islink(path) and not os.path.exists(path):
                problem = "a symbolic link to nothing; hamish creates no file through a link"
                raise StoreError(path, problem) from None
        except OSError as err:
            raise _cannot(path, "be created", err) from None
    raise StoreError(path, "cannot be opened: it keeps appearing and disappearing")


def _cannot(path: str, what: str, err: OSError) -> StoreError:
    if isinstance(err, IsADirectoryError):
        return StoreError(path, NotRegularFile(path, stat.S_IFDIR).strerror or "")
    if isinstance(err, PermissionError):
        return StoreError(path, f"cannot {what} (permission denied)")
    return StoreError(path, f"cannot {what} ({os_reason(err)})")


if sys.platform == "win32":  # pragma: no cover - not tested on Windows
    import msvcrt

    _FAR = 1 << 62  # lock a byte far past the end: reads and appends stay free

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _FAR, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as err:
            if err.errno in (errno.EACCES, errno.EDEADLOCK):
                return False
            raise
        return True

    def _release(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, _FAR, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


def lock_output(path: str, fd: int) -> None:
    """Take the output's lock, or raise StoreLocked naming who holds it (StoreError
    if the file system cannot lock)."""
    try:
        locked = _try_lock(fd)
    except OSError as err:
        raise StoreError(path, f"cannot be locked ({os_reason(err)})") from None
    if not locked:
        raise StoreLocked(path, _holder(os.fstat(fd)))


def unlock_output(fd: int) -> None:
    """Let go of the output's lock and close it."""
    _release(fd)
    os.close(fd)


def _holder(st: os.stat_result) -> int | None:
    """The pid holding a ``flock`` on the file ``st`` describes, where the system
    says (Linux lists locks in ``/proc/locks``); None elsewhere."""
    want = (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                # "3: FLOCK  ADVISORY  WRITE 1234 fe:00:2155284 0 EOF"; a waiter has "->".
                fields = line.split()
                if len(fields) < 6 or fields[1] != "FLOCK" or not fields[4].isdigit():
                    continue
                if _file_id(fields[5]) == want and int(fields[4]) > 0:
                    return int(fields[4])
    except OSError:
        pass
    return None


def _file_id(field: str) -> tuple[int, int, int] | None:
    """``(major, minor, inode)`` from ``/proc/locks``'s ``fe:00:2155284``."""
    parts = field.split(":")
    try:
        return int(parts[0], 16), int(parts[1], 16), int(parts[2])
    except (IndexError, ValueError):
        return None


def move_aside(path: str, fd: int, start: int, end: int) -> str:
    """Copy bytes ``start``-``end`` (the file's end) to a new side file, then cut them
    off; the side file's path.  Raises StoreError."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    try:
        data = pread_exactly(fd, start, end - start)
        side_fd, side = _create_side_file(f"{path}{TORN_SUFFIX}{stamp}")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(side_fd, view) :]
            os.fsync(side_fd)
        finally:
            os.close(side_fd)
    except OSError as err:
        raise StoreError(path, f"cannot move its torn last line aside: {os_reason(err)}") from None
    fsync_dir(os.path.dirname(os.path.abspath(side)))
    try:
        if os.fstat(fd).st_size != end:  # something wrote after it: cut nothing
            raise OSError(errno.EBUSY, "the file changed while it was being copied")
        os.ftruncate(fd, start)
        os.fsync(fd)
    except OSError as err:
        problem = f"torn last line copied to {side} but not cut off: {os_reason(err)}"
        raise StoreError(path, problem) from None
    return side


def _create_side_file(name: str) -> tuple[int, str]:
    """A new file named ``name`` (or ``name-2``, ``name-3``, ... if taken), opened for
    writing.  ``O_EXCL`` makes it a new regular file: it follows no link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for n in range(1, 1000):
        candidate = name if n == 1 else f"{name}-{n}"
        try:
            return os.open(candidate, flags, 0o644), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "too many side files", name)


def pread(fd: int, length: int, offset: int) -> bytes:
    """Up to ``length`` bytes at ``offset``, with ``os.pread`` where there is one."""
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows; appends ignore the offset
    return os.read(fd, length)  # pragma: no cover


def pread_exactly(fd: int, offset: int, length: int) -> bytes:
    """``length`` bytes at ``offset``; OSError if the file is shorter."""
    chunks = []
    while length > 0:
        chunk = pread(fd, length, offset)
        if not chunk:
            raise OSError(errno.EIO, "the file is shorter than expected")
        chunks.append(chunk)
        offset += len(chunk)
        length -= len(chunk)
    return b"".join(chunks)
