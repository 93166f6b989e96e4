"""Read a file as UTF-8 text, turning every way it can fail into an InputError."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from reader.documents.errors import InputError

BOM = b"\xef\xbb\xbf"


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


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` for standard input), or an InputError."""
    if path == "-":
        stream: BinaryIO = sys.stdin.buffer
        return stream.read()
    with input_errors(path):
        if os.path.isdir(path):
            raise InputError(path, "is a directory")
        with open(path, "rb") as f:
            return f.read()


def read_text(path: str) -> str:
    """The text of ``path`` (``-`` for standard input) as UTF-8, BOM dropped."""
    return decode(read_bytes(path), "<stdin>" if path == "-" else path)
