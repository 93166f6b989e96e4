"""Changing files safely: only regular files, and so that changes survive a crash."""

from __future__ import annotations

import contextlib
import errno
import os
import stat

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words: ``a FIFO``, ``a directory``."""
    return next((name for test, name in _KINDS if test(mode)), "not a plain file")


class NotRegularFile(OSError):
    """hamish was asked to write into a directory, device, pipe or socket.

    Its ``strerror`` says so in words: ``not a regular file (a character
    device); hamish writes only regular files``.
    """

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        self.kind = file_kind(mode)
        problem = f"not a regular file ({self.kind}); hamish writes only regular files"
        super().__init__(errno.EINVAL, problem, os.fspath(path))

    def __str__(self) -> str:
        return str(self.strerror)


def check_regular(path: str | os.PathLike[str], mode: int | None = None) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` (its target, if a link) is a regular
    file or does not exist.  ``mode`` is an ``st_mode`` already at hand (from ``fstat``)."""
    if mode is None:
        try:
            mode = os.stat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, mode)


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Make a new or renamed entry in ``folder`` durable, where the OS allows it
    (not on Windows, where directories cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
