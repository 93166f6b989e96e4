"""Changing files safely: only regular files, and so that changes survive a crash."""

from __future__ import annotations

import contextlib
import errno
import os

from reader.files.kinds import file_kind


class NotRegularFile(OSError):
    """hamish was asked to write into a directory, device, pipe or socket.

    Its ``strerror`` says so in words: ``not a regular file (a character
    device); hamish writes only regular files``.
    """

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        kind = file_kind(mode)
        assert kind is not None, "a regular file is no NotRegularFile"
        self.kind = kind
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
    if file_kind(mode) is not None:
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
