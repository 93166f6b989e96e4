"""Making file-system changes survive a crash."""

from __future__ import annotations

import contextlib
import os


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Make a new or renamed entry in ``folder`` durable, where the OS allows it
    (not on Windows, where directories cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
