"""Reading JSON and JSON Lines files, every way they can fail said in one line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reader.documents.errors import InputError, json_problem
from reader.documents.reading import BOM, decode, read_bytes, read_text
from reader.formats.model import Report, SourceDoc
from reader.formats.writing import TextOutput

_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_problem_of(err: Exception) -> str:
    """What is wrong with some JSON, in words, for any error json.loads raises."""
    if isinstance(err, json.JSONDecodeError):
        return f"bad JSON: {json_problem(err)}"
    if isinstance(err, RecursionError):
        return "bad JSON: nested too deeply"
    return f"bad JSON: {err}"  # a number too long to read, say


def json_lines(path: str) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` for each non-blank line of a JSON Lines file.

    A line that is not UTF-8 or not JSON gives an :class:`InputError` as its
    value, so the caller can report it and go on.  Raises InputError when the
    file cannot be read at all.
    """
    data = read_bytes(path)
    if data.startswith(BOM):
        data = data[len(BOM) :]
    if b"\x00" in data:
        decode(data, path)  # says where the NUL byte is
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            bad = f"not UTF-8: byte 0x{raw[err.start]:02x} at byte {err.start} of this line"
            yield number, InputError(path, bad, number)
            continue
        try:
            yield number, json.loads(line.rstrip("\r"))
        except (ValueError, RecursionError) as err:
            yield number, InputError(path, json_problem_of(err), number)


def read_json(path: str) -> Any:
    """The value of a whole JSON file; InputError when it cannot be read or parsed."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(path, f"bad JSON: {json_problem(err)}", err.lineno) from None
    except (ValueError, RecursionError) as err:
        raise InputError(path, json_problem_of(err)) from None


def dump_line(value: Any) -> str:
    """``value`` as one line of JSON with its newline, non-ASCII kept as it is.

    U+0085, U+2028 and U+2029 are escaped, so readers that split on every Unicode
    line break still see one record per line.  Raises ValueError for values
    JSON cannot hold, and for text with lone surrogates.
    """
    line = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _LINE_BREAKS.items():
        line = line.replace(char, escape)
    line.encode("utf-8")  # lone surrogates fail here, not half-way through a file
    return line + "\n"


def write_json_lines(
    docs: Iterable[SourceDoc],
    output: str,
    report: Report,
    record_of: Callable[[SourceDoc], Any],
) -> int:
    """Write ``record_of(doc)`` for each document as one line of ``output``.

    A document that cannot be written (text JSON cannot hold) is reported
    and left out.  Returns the number of documents written.
    """
    count = 0
    with TextOutput(output) as out:
        for doc in docs:
            try:
                line = dump_line(record_of(doc))
            except ValueError as err:
                report.problem(doc.where, f"cannot be written: {err}")
                report.skip("documents that could not be written")
                continue
            out.write(line)
            count += 1
    return count
