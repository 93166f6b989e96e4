"""Read a file as UTF-8 text, turning every way it can fail into an InputError.

Every file hamish reads comes through here, and every one of them may be
hostile, so a read is careful:

* only a regular file is read (a symlink to one is fine).  A directory, a
  FIFO, a device or a socket is refused before it is opened, and again after
  (``fstat`` on what was opened, in case the path was swapped meanwhile); the
  open itself never waits (``O_NONBLOCK``), so a FIFO cannot hang start-up;
* at most ``limit`` bytes are read: a file that is larger is refused, so
  ``/dev/zero`` behind a symlink or a runaway log cannot fill the memory.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from reader.documents.errors import InputError
from reader.files.kinds import DIRECTORY, file_kind

BOM = b"\xef\xbb\xbf"

KIB = 1 << 10
MIB = 1 << 20

ARTICLE_LIMIT = 64 * MIB
"""The most bytes an article, a ``.json`` record file or one JSON Lines record
may have, unless ``--max-size`` says otherwise."""

MAX_SIZE_NOTE = " (--max-size raises the limit)"
"""How to read a larger article, said after the limit."""

SMALL_FILE_LIMIT = 1 * MIB
"""The most bytes a label file, the config or a theme may have."""

PATTERNS_LIMIT = 64 * MIB
"""The most bytes a patterns file may have."""


def not_regular(mode: int) -> str | None:
    """Why a file of ``mode`` (``st_mode``) is not read, or None for a regular file."""
    kind = file_kind(mode)
    if kind is None:
        return None
    return "is a directory" if kind == DIRECTORY else f"not a regular file ({kind})"


def size_text(size: int) -> str:
    """A number of bytes as a limit is said: ``64 MiB``, ``512 KiB``, ``1000 bytes``."""
    for unit, name in ((MIB, "MiB"), (KIB, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size} bytes"


def decode(data: bytes, name: str) -> str:
    """UTF-8 text from ``data``, a leading BOM dropped; CRLF is kept as it is.

    Raises InputError for binary data (a NUL byte) and for bytes that are not
    UTF-8, naming the byte offset and line of the first bad byte.
    """
    if data.startswith(BOM):
        data = data[len(BOM) :]
        skipped = len(BOM)
    else:
        skipped = 0
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(name, f"binary file (NUL byte at byte offset {nul + skipped})", line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start]
        raise InputError(
            name, f"not UTF-8: byte 0x{bad:02x} at byte offset {err.start + skipped}", line
        ) from None


def open_regular(path: str) -> BinaryIO:
    """``path`` opened to read bytes, if it is a regular file.

    Raises OSError as ``open`` does (missing, permission denied) and
    InputError for a directory, FIFO, device or socket, which is never read.
    """
    why = not_regular(os.stat(path).st_mode)
    if why is not None:
        raise InputError(path, why)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        why = not_regular(os.fstat(fd).st_mode)  # what was opened, not what was looked at
        if why is not None:
            raise InputError(path, why)
        return os.fdopen(fd, "rb")  # O_NONBLOCK does nothing to a regular file's reads
    except BaseException:
        os.close(fd)
        raise


def opened(path: str) -> BinaryIO:
    """:func:`open_regular`, with every OSError said as an InputError."""
    with input_errors(path):
        f = open_regular(path)
    return f


@contextmanager
def input_errors(path: str) -> Iterator[None]:
    """Turn every way opening or reading ``path`` can fail into an InputError."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as err:
        raise InputError(path, err.strerror or "cannot be read") from None


def read_limited(f: BinaryIO, limit: int, name: str, note: str = MAX_SIZE_NOTE) -> bytes:
    """All of ``f``, or InputError when it holds more than ``limit`` bytes.

    Reads ``limit + 1`` bytes at most, whatever the file claims its size is.
    """
    try:
        data = f.read(limit + 1)
    except OSError as err:
        raise InputError(name, err.strerror or "cannot be read") from None
    if len(data) > limit:
        raise InputError(name, f"larger than {size_text(limit)}{note}")
    return data


def read_bytes(path: str, limit: int = ARTICLE_LIMIT, note: str = MAX_SIZE_NOTE) -> bytes:
    """The bytes of ``path`` (``-`` for standard input), or an InputError.

    ``note`` follows the limit in the message for a file larger than ``limit``.
    """
    if path == "-":
        return read_limited(sys.stdin.buffer, limit, "<stdin>", note)
    with opened(path) as f:
        if os.fstat(f.fileno()).st_size > limit:  # said before a byte is read
            raise InputError(path, f"larger than {size_text(limit)}{note}")
        return read_limited(f, limit, path, note)


def read_text(path: str, limit: int = ARTICLE_LIMIT, note: str = MAX_SIZE_NOTE) -> str:
    """The text of ``path`` (``-`` for standard input) as UTF-8, BOM dropped."""
    return decode(read_bytes(path, limit, note), "<stdin>" if path == "-" else path)
