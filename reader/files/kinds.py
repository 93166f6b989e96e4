"""The one check of what kind a file is: hamish reads and writes only regular files.

A directory, a device, a FIFO or a socket is refused, whether it is to be
read (an article, a config: it could be endless, like ``/dev/zero``, or
block forever, like a FIFO) or written (the output, the config: a write
into ``/dev/null`` would lose the work).  Both sides ask :func:`file_kind`
of the ``st_mode`` before opening and again of what was opened.
"""

from __future__ import annotations

import stat

DIRECTORY = "a directory"

_KINDS = (
    (stat.S_ISDIR, DIRECTORY),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str | None:
    """What a file of ``mode`` (an ``st_mode``) is, in words, if it is not a regular
    file: ``a FIFO``, ``a directory``; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a plain file")
