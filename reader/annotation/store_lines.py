"""The output file's lines: a record as one line, and the file read back: each
line's saved task and where it is, what is wrong with the others, and whether
the file is an annotation file at all."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO, NamedTuple

from reader.annotation.store_files import StoreError, pread, pread_exactly
from reader.documents.json_input import JsonError, loads

_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}

JSON_BLANKS = b" \t\r\n"
"""The whitespace JSON allows around a value: a line of it before a record is harmless."""

NOT_OURS = "not a hamish/Prodigy annotation record ({}); choose another --output"


class Torn(NamedTuple):
    """A torn last line: its number, where it starts, and what is wrong with it."""

    line: int
    start: int
    problem: str


def encode(record: Mapping[str, Any]) -> bytes:
    """``record`` as one line of strict UTF-8 JSON, ending in its newline.

    U+0085, U+2028 and U+2029 are escaped too, so that readers splitting on
    every Unicode line break still see one record per line.  NaN and the
    infinities are refused (ValueError): they are not JSON.  A lone surrogate
    (a file name that is not UTF-8 brings them) is written as its JSON escape,
    ``\\udc80``, which reads back as the same string; no surrogate can be in
    UTF-8.
    """
    try:
        line = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as err:
        raise ValueError(f"a record to save must be JSON: {err}") from None
    for char, escape in _LINE_BREAKS.items():
        if char in line:
            line = line.replace(char, escape)
    # Outside strings json.dumps writes only ASCII, so every surrogate is inside one.
    return (line + "\n").encode("utf-8", "backslashreplace")


def decoded(data: bytes) -> dict[str, Any]:
    """A line :func:`saved_task` accepted, parsed again; ValueError if it changed."""
    record = loads(data.decode("utf-8"))
    if not isinstance(record, dict):
        raise ValueError("the output file was changed behind hamish's back")
    return record


def lines(f: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    """(1-based line number, byte offset, bytes with their newline) of each line of ``f``."""
    offset = 0
    for number, raw in enumerate(f, start=1):
        yield number, offset, raw
        offset += len(raw)


def saved_task(raw: bytes) -> tuple[dict[str, Any], int] | str:
    """A whole line's record and its ``_task_hash``; else what is wrong with the line."""
    if not raw.endswith(b"\n"):
        return "no newline at its end: a save cut short"
    try:
        value = loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except JsonError as err:
        return err.problem
    task = value.get("_task_hash") if isinstance(value, dict) else None
    if not isinstance(task, int) or isinstance(task, bool):
        return "not a saved task: no integer _task_hash"
    return value, task


def _blank(raw: bytes) -> bool:
    """Whether a line holds only blanks (a next record may follow on the same line)."""
    return not raw.strip() and (raw.endswith(b"\n") or not raw.strip(JSON_BLANKS))


def check_first_line(f: BinaryIO, path: str) -> None:
    """Raise StoreError unless the first line of ``f`` that is not blank is a saved
    task (or there is none): the first line says whose file this is."""
    for number, _, raw in lines(f):
        if _blank(raw):
            continue
        found = saved_task(raw)
        if isinstance(found, str):
            raise StoreError(path, NOT_OURS.format(found), number)
        return


def whole_last_line(fd: int, size: int, chunk: int = 1 << 16) -> bool:
    """Whether the file open at ``fd`` (``size`` bytes) ends with a whole line that
    is a saved task: a file that does has no torn last line."""
    if size == 0 or pread(fd, 1, size - 1) != b"\n":
        return False
    start = size - 1  # the last line starts after the newline before this
    while start > 0:
        take = min(chunk, start)
        newline = pread_exactly(fd, start - take, take).rfind(b"\n")
        if newline >= 0:
            start = start - take + newline + 1
            break
        start -= take
    return not isinstance(saved_task(pread_exactly(fd, start, size - start)), str)


_TOKENS = b',"tokens":['
_AFTER_TOKENS = b'],"spans":['


def indexed_task(raw: bytes) -> tuple[dict[str, Any], int] | str:
    """:func:`saved_task`, four times faster on full records as hamish writes them:
    their ``tokens``, most of a line, are left unread (read when the line is read
    back).  The record handed back then has ``"tokens": []``.

    hamish writes ``"tokens":[...],"spans":[`` in that order, and ``,"`` cannot
    be inside a JSON string, where every quote is escaped: so the first
    ``],"spans":[`` after ``,"tokens":[`` ends the tokens.  A line where that is
    not so (another tool's order, a ``tokens`` key in ``meta``) does not come
    out as a record with an empty top-level ``tokens`` and text: it is read whole.
    """
    start = raw.find(_TOKENS)
    end = raw.find(_AFTER_TOKENS, start) if start >= 0 else -1
    if end >= 0 and raw.endswith(b"\n"):
        found = saved_task(raw[: start + len(_TOKENS)] + raw[end:])
        if not isinstance(found, str) and found[0].get("tokens") == [] and "text" in found[0]:
            return found
    return saved_task(raw)


def read_output(
    f: BinaryIO, path: str, note: Callable[[dict[str, Any], int, int, int, int], None]
) -> tuple[list[str], Torn | None, int, int]:
    """Read an output file once, handing each saved task to ``note(record, task hash,
    offset, length, line)``; the problems to report, its torn last line, its size,
    and how many lines end in it (newlines).

    A bad line in the middle is a problem ("skipped").  Raises StoreError for a
    file whose first line is not a saved task (some other file), and for a torn
    last line after a bad one (a file hamish may not have written alone).
    """
    problems: list[str] = []
    pending: Torn | None = None  # the last bad line seen, until a line follows it
    skipped: Torn | None = None  # the first bad line in the middle
    records = 0
    end = newlines = 0
    for number, start, raw in lines(f):
        end = start + len(raw)
        newlines = number if raw.endswith(b"\n") else number - 1
        if _blank(raw):
            continue
        if pending is not None:
            problems.append(f"{path}:{pending.line}: {pending.problem}; skipped")
            skipped = skipped or pending
            pending = None
        found = indexed_task(raw)
        if isinstance(found, str):
            if not records:  # the first line says whose file this is
                raise StoreError(path, NOT_OURS.format(found), number)
            pending = Torn(number, start, found)
        else:
            records += 1
            note(found[0], found[1], start, len(raw), number)
    if pending is not None and skipped is not None:
        raise StoreError(
            path,
            f"torn last line ({pending.problem}), and line {skipped.line} is not a record "
            "either; hamish moves nothing out of such a file: mend it or choose another "
            "--output",
            pending.line,
        )
    return problems, pending, end, newlines
