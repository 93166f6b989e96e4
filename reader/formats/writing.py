"""Writing output files whole or not at all, and naming the files of folder formats."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from types import TracebackType
from typing import IO

from reader.documents.errors import InputError
from reader.files.durable import fsync_dir
from reader.files.errors import os_reason


class OutputError(InputError):
    """An output that cannot be written, said in one line."""


def _temporary(path: str) -> tuple[int, str]:
    """A new file beside ``path`` to write it under, with the mode a new file would get.

    (``mkstemp`` makes it readable by its owner only; the umask decides for
    ordinary files.)  Raises OutputError when it cannot be made.
    """
    if os.path.isdir(path):
        raise OutputError(path, "is a directory")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".hamish-export-", dir=folder, suffix=".part")
    except OSError as err:
        raise OutputError(path, f"cannot be written ({os_reason(err)})") from None
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError, AttributeError):
        os.fchmod(fd, 0o666 & ~umask)
    return fd, tmp


class TextOutput:
    """A UTF-8 text file that appears at ``path`` only once it is whole (``-``: stdout).

    Lines are written as given (no newline translation).  The file is
    written beside ``path`` under a temporary name and renamed over it on
    success, so a failed export never leaves half a file.
    """

    def __init__(self, path: str) -> None:
        """Get ready to write ``path``; nothing is created until the ``with``."""
        self.path = path
        self._file: IO[str] | None = None
        self._tmp: str | None = None

    def __enter__(self) -> IO[str]:
        """The stream to write to."""
        if self.path == "-":
            return sys.stdout
        fd, self._tmp = _temporary(self.path)
        self._file = open(fd, "w", encoding="utf-8", newline="")
        return self._file

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Put the file in place if all went well; else remove what was written."""
        if self.path == "-":
            sys.stdout.flush()
            return
        assert self._file is not None and self._tmp is not None
        try:
            if kind is None:
                self._file.flush()
                os.fsync(self._file.fileno())
            self._file.close()
            if kind is None:
                os.replace(self._tmp, self.path)
                fsync_dir(os.path.dirname(os.path.abspath(self.path)))
                return
        except OSError as err:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            raise OutputError(self.path, f"cannot be written ({os_reason(err)})") from None
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, durably; OutputError if it cannot be."""
    fd, tmp = _temporary(path)
    try:
        with open(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(path, f"cannot be written ({os_reason(err)})") from None
    fsync_dir(os.path.dirname(os.path.abspath(path)))


def write_in_folder(path: str, data: bytes) -> None:
    """Write one file of a folder output; OutputError if it cannot be.

    Not synced one by one: a folder of 20,000 pairs would take minutes.
    """
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as err:
        raise OutputError(path, f"cannot be written ({os_reason(err)})") from None


def output_folder(path: str) -> str:
    """``path`` as a folder to write into, created if missing; OutputError if not possible."""
    if path == "-":
        raise OutputError(path, "this format writes a folder: give a folder name")
    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        raise OutputError(path, "is a file; this format writes a folder") from None
    except OSError as err:
        raise OutputError(path, f"cannot be created ({os_reason(err)})") from None
    return path


_ID_KEY = re.compile(r"^(?:_task_hash|meta\.id|id|_input_hash)=")
_UNSAFE = re.compile(r"[^\w\-]+")


class FileNames:
    """File names for documents in a folder: from their ids, each used once."""

    def __init__(self) -> None:
        """Start with no name taken."""
        self._taken: set[str] = set()

    def name_for(self, doc_id: str) -> str:
        """A file name stem for ``doc_id``: letters, digits, ``_`` and ``-``, at most 80."""
        stem = _ID_KEY.sub("", doc_id).strip('"')
        stem = _UNSAFE.sub("_", os.path.splitext(stem)[0] if "#" not in stem else stem)
        stem = stem.strip("_")[:80] or "doc"
        name, n = stem, 1
        while name.lower() in self._taken:
            n += 1
            name = f"{stem}-{n}"
        self._taken.add(name.lower())
        return name
