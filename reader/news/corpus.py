"""Articles appended to a corpus file, ready for annotation.

A corpus is JSON Lines, one ``{"text": ..., "meta": {...}}`` record a line,
as ``hamish --labels ...`` and Prodigy read it.  The same text is never
appended twice: records are known by the SHA-256 of their text, those already
in the file included.  The file is written as the annotation store writes its
own: only a regular file, created without following a link, locked while
written, strict JSON, flushed to disk.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from reader.annotation.store_files import lock_output, open_output, unlock_output
from reader.annotation.store_lines import encode, lines
from reader.documents import InputError
from reader.documents.json_input import JsonError, loads
from reader.files.durable import fsync_dir

META_KEYS = ("title", "url", "source", "date", "feed", "extractor")


class Saved(NamedTuple):
    """How many records were appended, and how many were in the file already."""

    added: int
    known: int


def text_hash(text: str) -> str:
    """The SHA-256 of a text, by which a corpus knows its records."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def corpus_record(text: str, **meta: Any) -> dict[str, Any]:
    """A corpus record: ``text`` and ``meta`` with title, url, source, date, feed, extractor."""
    return {"text": text, "meta": {key: meta.get(key) or "" for key in META_KEYS}}


def _known(fd: int, path: str) -> tuple[set[str], bool]:
    """The text hashes in the file, and whether its last line lacks its newline."""
    known: set[str] = set()
    last_open = False
    with os.fdopen(os.dup(fd), "rb") as f:
        f.seek(0)
        for number, _, raw in lines(f):
            if not raw.strip():
                continue
            try:
                record = loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, JsonError) as err:
                problem = "not UTF-8" if isinstance(err, UnicodeDecodeError) else err.problem
                raise InputError(path, f"not a corpus record ({problem})", number) from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(path, "not a corpus record (no text)", number)
            known.add(text_hash(record["text"]))
            last_open = not raw.endswith(b"\n")
    return known, last_open


def save_records(path: str, records: Sequence[Mapping[str, Any]]) -> Saved:
    """Append those of ``records`` whose text the corpus at ``path`` lacks.

    Raises InputError for a file that is not a regular file, cannot be
    written, is held by another hamish, or holds a line that is not a record.
    """
    fd, created = open_output(path)
    try:
        lock_output(path, fd)
        known, last_open = _known(fd, path)
        out = bytearray(b"\n" if last_open else b"")
        added = 0
        for record in records:
            digest = text_hash(str(record["text"]))
            if digest in known:
                continue
            known.add(digest)
            out += encode(record)
            added += 1
        if added:
            view = memoryview(out)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        if created:
            fsync_dir(os.path.dirname(os.path.abspath(path)))
    except OSError as err:
        raise InputError(path, f"not saved: {err.strerror or err}") from None
    finally:
        unlock_output(fd)
    return Saved(added, len(records) - added)
