"""The annotation store's files: its errors, the lock beside the output, side
files for torn lines, and reads and writes that say what went wrong.

Kept apart from :mod:`reader.annotation.store`, which decides what is saved.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
import time

from reader.documents import InputError
from reader.durable import fsync_dir

LOCK_SUFFIX = ".lock"
"""Added to the output file's real path to name its lock file."""

TORN_SUFFIX = ".torn-"
"""Added to the output file's path, with a UTC time, to name a torn line's side file."""


class StoreError(InputError):
    """An output file that cannot be used, said in one line: ``path[:line]: problem``."""


class StoreLocked(StoreError):
    """The output file is held by another hamish.

    Says so in one line: ``out.jsonl: in use by another hamish (pid 1234)``.
    """

    def __init__(self, path: str, pid: int | None, host: str | None = None) -> None:
        self.pid = pid
        self.host = host
        who = "pid unknown" if pid is None else f"pid {pid}"
        if host and host != socket.gethostname():
            who += f" on {host}"
        super().__init__(path, f"in use by another hamish ({who})")


def _reason(err: OSError) -> str:
    """An OSError's reason in a few lowercase words."""
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]


if sys.platform == "win32":  # pragma: no cover - not tested on Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as err:
            if err.errno in (errno.EACCES, errno.EDEADLOCK):
                return False
            raise
        return True

    def _release(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
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


def _lock(path: str) -> tuple[int, str]:
    """Take the lock of ``path``: the lock file's descriptor and path.

    The lock file is removed by whoever holds it when they let go, so after
    locking we check that the file we locked is still the one at its path;
    if it was removed meanwhile, we try again.
    """
    lock_path = os.path.realpath(path) + LOCK_SUFFIX
    for _ in range(10):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            problem = f"cannot create the lock file {lock_path}: {_reason(err)}"
            raise StoreError(path, problem) from None
        try:
            locked = _try_lock(fd)
        except OSError as err:
            os.close(fd)
            raise StoreError(path, f"cannot lock {lock_path}: {_reason(err)}") from None
        if not locked:
            pid, host = _holder(fd)
            os.close(fd)
            raise StoreLocked(path, pid, host)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock_path))
        except OSError:
            same = False
        if same:
            with contextlib.suppress(OSError):  # who holds it is only for messages
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
            return fd, lock_path
        _release(fd)
        os.close(fd)
    raise StoreError(path, f"cannot lock {lock_path}: it keeps being replaced")


def _holder(fd: int) -> tuple[int | None, str | None]:
    """The pid and host written in a lock file, where it says them."""
    try:
        words = _pread(fd, 300, 0).decode("utf-8", "replace").split()
    except OSError:
        return None, None
    pid = int(words[0]) if words and words[0].isdigit() else None
    return pid, words[1] if len(words) > 1 else None


def _unlock(fd: int, lock_path: str) -> None:
    """Remove the lock file while still holding it, then let go."""
    with contextlib.suppress(OSError):
        if os.path.samestat(os.fstat(fd), os.stat(lock_path)):
            os.unlink(lock_path)
    _release(fd)
    os.close(fd)


def _open_for_append(path: str) -> int:
    """``path`` opened to read and append, created if missing; StoreError if not possible."""
    try:
        return os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except IsADirectoryError:
        raise StoreError(path, "is a directory") from None
    except PermissionError:
        problem = "cannot be written (permission denied)"
        if not os.path.exists(path):
            problem = "cannot be created (permission denied)"
        raise StoreError(path, problem) from None
    except OSError as err:
        raise StoreError(path, f"cannot be opened for writing ({_reason(err)})") from None


def _move_aside(path: str, fd: int, start: int, end: int) -> str:
    """Copy bytes ``start``-``end`` to a new side file, then cut them off; the side file's path."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    try:
        data = _pread_exactly(fd, start, end - start)
        side_fd, side = _create_side_file(f"{path}{TORN_SUFFIX}{stamp}")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(side_fd, view) :]
            os.fsync(side_fd)
        finally:
            os.close(side_fd)
    except OSError as err:
        raise StoreError(path, f"cannot move its torn last line aside: {_reason(err)}") from None
    fsync_dir(os.path.dirname(os.path.abspath(side)))
    _truncate(path, fd, start)
    return side


def _create_side_file(name: str) -> tuple[int, str]:
    """A new file named ``name`` (or ``name-2``, ``name-3``, ... if taken), opened for writing."""
    for n in range(1, 1000):
        candidate = name if n == 1 else f"{name}-{n}"
        try:
            return os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "too many side files", name)


def _truncate(path: str, fd: int, size: int) -> None:
    """Cut the file at ``size`` bytes, durably; StoreError if not possible."""
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError as err:
        raise StoreError(path, f"cannot cut off its torn last line: {_reason(err)}") from None


def _pread(fd: int, length: int, offset: int) -> bytes:
    """Up to ``length`` bytes at ``offset``, with ``os.pread`` where there is one."""
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows; appends ignore the offset
    return os.read(fd, length)  # pragma: no cover


def _pread_exactly(fd: int, offset: int, length: int) -> bytes:
    """``length`` bytes at ``offset``; OSError if the file is shorter."""
    chunks = []
    while length > 0:
        chunk = _pread(fd, length, offset)
        if not chunk:
            raise OSError(errno.EIO, "the file is shorter than expected")
        chunks.append(chunk)
        offset += len(chunk)
        length -= len(chunk)
    return b"".join(chunks)
