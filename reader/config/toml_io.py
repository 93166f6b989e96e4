"""Reading and writing the small TOML files hamish keeps (config and themes).

Reading uses ``tomllib`` (``tomli`` on Python 3.10).  Writing is done here by
hand, since the files hold only scalars, lists of strings and flat tables;
strings are TOML basic strings, escaped as the spec requires.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from reader.config.paths import display_path
from reader.documents.errors import InputError
from reader.documents.reading import SMALL_FILE_LIMIT, open_regular, read_limited
from reader.files.durable import check_regular, fsync_dir
from reader.files.errors import PathProblem
from reader.files.toml_support import TomlError, loads


class TomlFileError(PathProblem):
    """A TOML file that cannot be read, said in one line: ``path[:line]: problem``.

    The path is shown as `display_path` shows it (``~/.config/...``).
    """

    path: Path

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        super().__init__(path, problem, line)

    def shown_path(self) -> str:
        """The path relative to the working folder or home."""
        return display_path(self.path)


def read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML file; `FileNotFoundError` if it is missing.

    Raises `TomlFileError` for a file that cannot be read, is not a regular
    file, is larger than 1 MiB, is not UTF-8, or is not valid TOML (naming the
    line tomllib gives).
    """
    note = ", the most a config or theme file may be"
    try:
        with open_regular(str(path)) as f:
            data = read_limited(f, SMALL_FILE_LIMIT, str(path), note)
    except FileNotFoundError:
        raise
    except InputError as err:
        raise TomlFileError(path, err.problem) from None
    except OSError as err:
        raise TomlFileError(path, f"cannot read: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        where = data.count(b"\n", 0, err.start) + 1
        raise TomlFileError(path, f"not UTF-8: byte 0x{data[err.start]:02x}", where) from None
    try:
        return loads(text)
    except TomlError as err:
        raise TomlFileError(path, f"not valid TOML: {err.problem}", err.line) from None


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_MUST_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quoted, with quote, backslash and controls escaped."""
    return '"' + _MUST_ESCAPE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), value) + '"'


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(key: str) -> str:
    """`key` as a TOML key: bare when it may be, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: str | bool | int | list[str]) -> str:
    """A scalar or a list of strings as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    return "[" + ", ".join(toml_string(item) for item in value) + "]"


def describe(value: object) -> str:
    """A value from a TOML file as a one-line message shows it: strings quoted and cut short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) so that readers see the old file or the new, never half.

    Writes a temporary file in the same folder (creating the folder), flushes
    and fsyncs it, then renames it over `path`.  A symlinked `path` keeps its
    link: the file it points to is replaced.  An existing file keeps its
    permissions; a new one is readable by its owner only.  On failure the old
    file is untouched and the temporary file removed.  A `path` that is (or
    links to) a directory, device, pipe or socket is left alone:
    `reader.files.durable.NotRegularFile`, an OSError.
    """
    target = Path(os.path.realpath(path))
    check_regular(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)
