"""Record files: ``.jsonl`` (one JSON object per line) and ``.json`` (an array of them).

A record is a JSON object with a string ``text`` and, optionally, a ``meta``
object and a ``title``, as in the input files of Prodigy and doccano::

    {"text": "...", "meta": {"source": "...", "title": "..."}, "_input_hash": 1}
    {"text": "...", "label": [[0, 5, "PER"]]}

A ``.jsonl`` file is never parsed up front: opening it scans the bytes once, in
chunks, and keeps only where each non-blank line starts, so a file of 100,000
records opens quickly in memory proportional to the number of records, not to
the size of the file.  A record is parsed when it is read, and a bad line is an
:class:`InputError` naming its line; the other records can still be read.  A
``.json`` file is parsed whole when it is opened.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from reader.documents import InputError
from reader.documents.errors import json_problem
from reader.documents.json_input import (
    JsonError,
    kind_of,
    lone_surrogate,
    raw_decode,
    value_problem,
)
from reader.documents.json_input import loads as json_loads
from reader.documents.reading import (
    ARTICLE_LIMIT,
    BOM,
    MAX_SIZE_NOTE,
    decode,
    opened,
    read_text,
    size_text,
)

TITLE_LENGTH = 60
"""How many characters of a record's first line make its title, when it has none."""

_CHUNK = 1 << 20
_NONBLANK = re.compile(rb"[^ \t\r\n]")
_JSON_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class Record:
    """One record of a record file.

    ``raw`` is the whole JSON object, kept for the fields other tools put there
    (``_input_hash``, ``tokens``, ``spans``, ``label``, ...); ``meta`` is its
    ``meta`` object (empty when it has none).  ``line`` is the 1-based line of
    the file the record starts on, and ``index`` its 0-based place among the
    records.
    """

    text: str
    meta: dict[str, Any]
    title: str
    raw: dict[str, Any]
    line: int
    index: int


class RecordFile:
    """The records of a ``.jsonl`` or ``.json`` file, read one at a time.

    Safe to share between threads: after it is built nothing in it changes, and
    every read opens the file anew.
    """

    def __init__(self, path: str, limit: int = ARTICLE_LIMIT) -> None:
        """Index ``path``: a ``.json`` file is parsed, any other is taken as JSON Lines.

        Raises :class:`InputError` when the file cannot be used at all (missing,
        not a regular file, unreadable, binary, or a ``.json`` file that is not
        JSON or is larger than ``limit`` bytes).  A JSON Lines record larger
        than ``limit`` is an error of that record when it is read.
        """
        self.path = path
        self.limit = limit
        self._items: list[Any] | None = None  # a .json file's parsed records
        self._starts: array[int] = array("q")  # a .jsonl file's record offsets
        self._stamp = (0, 0)  # its size and time of change when it was indexed
        if path.lower().endswith(".json"):
            self._items, self._lines = _load_json(path, limit)
        else:
            with opened(path) as f:
                self._stamp = _stamp(f)
                self._starts, self._lines = _index_lines(f, path)

    def __len__(self) -> int:
        """The number of records (blank lines are not records)."""
        return len(self._lines)

    def line_of(self, i: int) -> int:
        """The 1-based line of the file that record ``i`` starts on."""
        return self._lines[self._check(i)]

    def record(self, i: int) -> Record:
        """Record ``i`` (0-based), parsed now.

        Raises :class:`InputError` ``path:line: problem`` when that record is
        malformed, and IndexError when there is no record ``i``.
        """
        self._check(i)
        if self._items is not None:
            return _make_record(self._items[i], self.path, self._lines[i], i)
        with self._reopen() as f:
            return self._read(f, i)

    def problems(self, limit: int | None = None) -> Iterator[InputError]:
        """Every malformed record, in file order, at most ``limit`` of them.

        Reads and parses the records one after another, holding one at a time,
        so it can check a file of any size; meant to run in a worker thread,
        which may stop iterating whenever it likes.  Raises InputError if the
        file can no longer be read at all.
        """
        if limit is not None and limit <= 0:
            return
        found = 0
        if self._items is not None:
            for i in range(len(self)):
                try:
                    _make_record(self._items[i], self.path, self._lines[i], i)
                except InputError as err:
                    yield err
                    found += 1
                    if found == limit:
                        return
            return
        with self._reopen() as f:
            for i in range(len(self)):
                try:
                    self._read(f, i)
                except InputError as err:
                    yield err
                    found += 1
                    if found == limit:
                        return

    def _check(self, i: int) -> int:
        if not 0 <= i < len(self):
            raise IndexError(f"record {i} of {len(self)}")
        return i

    def _reopen(self) -> BinaryIO:
        """The indexed file opened again, if it is still the file that was indexed."""
        f = opened(self.path)
        if _stamp(f) != self._stamp:
            f.close()
            raise InputError(self.path, "the file changed since it was opened")
        return f

    def _read(self, f: BinaryIO, i: int) -> Record:
        line = self._lines[i]
        f.seek(self._starts[i])
        raw = f.readline(self.limit + 1)
        if len(raw) > self.limit:
            problem = f"record larger than {size_text(self.limit)}{MAX_SIZE_NOTE}"
            raise InputError(self.path, problem, line)
        try:
            text = decode(raw, self.path)
        except InputError as err:
            # decode() counts bytes from the start of what it was given: the line.
            raise InputError(self.path, f"{err.problem} in this line", line) from None
        try:
            value = json_loads(text.rstrip("\r\n"))  # so columns are the line's
        except JsonError as err:
            raise InputError(self.path, err.problem, line) from None
        return _make_record(value, self.path, line, i)


def _stamp(f: BinaryIO) -> tuple[int, int]:
    """A file's size and time of last change: when either differs, offsets are stale."""
    status = os.fstat(f.fileno())
    return status.st_size, status.st_mtime_ns


def _index_lines(f: BinaryIO, path: str, chunk_size: int = _CHUNK) -> tuple[array[int], array[int]]:
    """Byte offsets and 1-based line numbers of the non-blank lines of ``f``.

    Reads ``f`` in chunks and parses nothing.  A leading BOM is skipped; a NUL
    byte anywhere makes it a binary file (InputError).
    """
    starts: array[int] = array("q")
    lines: array[int] = array("q")
    offset = len(BOM) if f.read(len(BOM)) == BOM else 0  # of the chunk in the file
    f.seek(offset)
    line = 1  # of the line being read
    start = offset  # of that line in the file
    blank = True  # nothing but spaces in it so far
    while chunk := f.read(chunk_size):
        pos = 0
        nul = chunk.find(b"\x00")
        if nul >= 0:
            where = line + chunk.count(b"\n", 0, nul)
            raise InputError(path, f"binary file (NUL byte at byte offset {offset + nul})", where)
        size = len(chunk)
        while True:
            newline = chunk.find(b"\n", pos)
            end = size if newline < 0 else newline
            if blank and _NONBLANK.search(chunk, pos, end):
                blank = False
            if newline < 0:
                break
            if not blank:
                starts.append(start)
                lines.append(line)
            line += 1
            pos = newline + 1
            start = offset + pos
            blank = True
        offset += size
    if not blank:
        starts.append(start)
        lines.append(line)
    return starts, lines


def _load_json(path: str, limit: int) -> tuple[list[Any], array[int]]:
    """The records of a ``.json`` file and the lines they start on.

    The file is an array of records, or one record object (checked now).
    """
    text = read_text(path, limit)
    try:
        is_array, found = _json_values(text)
    except JsonError as err:
        raise InputError(path, err.problem, err.line) from None
    items: list[Any] = []
    lines: array[int] = array("q")
    line, counted = 1, 0
    for pos, value in found:
        line += text.count("\n", counted, pos)
        counted = pos
        items.append(value)
        lines.append(line)
    if not is_array:
        if not isinstance(items[0], dict):
            raise InputError(path, "not a record: expected an array of objects or one object", 1)
        _make_record(items[0], path, lines[0], 0)
    return items, lines


def _json_values(text: str) -> tuple[bool, list[tuple[int, Any]]]:
    """Whether ``text`` is a JSON array, and its items (else its one value) with offsets.

    Whitespace only is an empty array.  Raises JsonError.
    """

    def skip(pos: int) -> int:
        match = _JSON_SPACE.match(text, pos)
        return match.end() if match else pos

    def at_end(pos: int) -> None:
        pos = skip(pos)
        if pos != len(text):
            raise _bad("Extra data", text, pos)

    pos = skip(0)
    if pos == len(text):
        return True, []
    if not text.startswith("[", pos):
        value, end = raw_decode(text, pos)
        at_end(end)
        return False, [(pos, value)]
    values: list[tuple[int, Any]] = []
    pos = skip(pos + 1)
    if text.startswith("]", pos):
        at_end(pos + 1)
        return True, values
    while True:
        value, end = raw_decode(text, pos)
        values.append((pos, value))
        pos = skip(end)
        if text.startswith(",", pos):
            pos = skip(pos + 1)
        elif text.startswith("]", pos):
            at_end(pos + 1)
            return True, values
        else:
            raise _bad("Expecting ',' delimiter", text, pos)


def _bad(message: str, text: str, pos: int) -> JsonError:
    """A JsonError worded as json's own, at ``pos`` of ``text``."""
    err = json.JSONDecodeError(message, text, pos)
    return JsonError(f"bad JSON: {json_problem(err)}", err.lineno)


def _make_record(value: Any, path: str, line: int, index: int) -> Record:
    """A Record from a parsed JSON value, or an InputError saying what is wrong with it."""
    if not isinstance(value, dict):
        raise InputError(path, f"record is {kind_of(value)}, not an object", line)
    if "text" not in value:
        raise InputError(path, 'record has no "text"', line)
    text = value["text"]
    if not isinstance(text, str):
        raise InputError(path, f'"text" is {kind_of(text)}, not a string', line)
    at = lone_surrogate(text)
    if at is not None:
        # No file can hold it as UTF-8: the record could never be saved.
        problem = f'"text" holds a lone surrogate (U+{ord(text[at]):04X}) at offset {at}'
        raise InputError(path, problem, line)
    meta = value.get("meta")
    if meta is None:
        meta = {}
    elif not isinstance(meta, dict):
        raise InputError(path, f'"meta" is {kind_of(meta)}, not an object', line)
    unfit = value_problem(meta)
    if unfit is not None:
        raise InputError(path, f'"meta": {unfit}', line)
    return Record(text, meta, record_title(value, meta, text, index), value, line, index)


def record_title(raw: dict[str, Any], meta: dict[str, Any], text: str, index: int) -> str:
    """``title``, else ``meta.title``, else the start of the first non-blank line."""
    for title in (raw.get("title"), meta.get("title")):
        if isinstance(title, str) and title.strip():
            return title
    first = text.lstrip().partition("\n")[0].rstrip()
    if not first:
        return f"record {index + 1}"
    cut = TITLE_LENGTH
    # Keep a letter's marks (harakat) with it.
    while cut < len(first) and unicodedata.category(first[cut]).startswith("M"):
        cut += 1
    if cut >= len(first):
        return first
    return first[:cut].rstrip() + "…"
