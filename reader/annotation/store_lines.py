"""The output file's lines: a record as one line, the lines read back with their
offsets, and what a line holds (a saved task, or what is wrong with it)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from reader.documents.errors import json_problem

_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}

JSON_BLANKS = b" \t\r\n"
"""The whitespace JSON allows around a value: a line of it before a record is harmless."""


def encode(record: Mapping[str, Any]) -> bytes:
    """``record`` as one line of UTF-8 JSON, ending in its newline.

    U+0085, U+2028 and U+2029 are escaped too, so that readers splitting on
    every Unicode line break still see one record per line.  Raises
    ValueError for what JSON cannot hold.
    """
    try:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as err:
        raise ValueError(f"a record to save must be JSON: {err}") from None
    for char, escape in _LINE_BREAKS.items():
        if char in line:
            line = line.replace(char, escape)
    try:
        return (line + "\n").encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"a record to save must be valid Unicode: {err.reason}") from None


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
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except json.JSONDecodeError as err:
        return f"bad JSON: {json_problem(err)}"
    except RecursionError:
        return "bad JSON: nested too deeply"
    task = value.get("_task_hash") if isinstance(value, dict) else None
    if not isinstance(task, int) or isinstance(task, bool):
        return "not a saved task: no integer _task_hash"
    return value, task
