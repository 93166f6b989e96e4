"""Stable hashes for saved annotations: the same on every run and every machine.

Prodigy marks each task with two signed 32-bit integers, and hamish does too:

* ``_input_hash`` is a hash of the document's text.  It changes whenever the
  text does, so a saved record whose ``_input_hash`` no longer matches the
  text it is resumed against was made on other text (its offsets may be
  wrong) and is reported, not silently re-aligned.
* ``_task_hash`` is a hash of a *document id* that does not depend on the
  text (see :func:`doc_id_for`).  It is what the output file is keyed by: a
  document whose text changed keeps its task hash, so its earlier record is
  found, and its different input hash says that the text changed.

Both come from BLAKE2b (never Python's salted ``hash()``) of the UTF-8 bytes,
folded to a signed 32-bit integer as Prodigy's are.  With 32 bits, two of
100,000 documents share a task hash with a chance of about two in three.
Then only the one saved last is resumed; for the other, the record found
is on other text, so its input hash differs and it is reported as changed
rather than mis-applied.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from typing import Any

_INT32 = range(-(2**31), 2**31)
_RECORD_TASK = "_task_hash="


def _hash32(kind: str, value: str) -> int:
    """A signed 32-bit hash of ``value``, kept apart from hashes of other kinds."""
    # surrogatepass: an id may hold a lone surrogate (a file name that is not UTF-8).
    data = value.encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(data, digest_size=4, person=kind.encode()).digest()
    return int.from_bytes(digest, "big", signed=True)


def input_hash(text: str) -> int:
    """The ``_input_hash`` of a document: a signed 32-bit hash of its text."""
    return _hash32("hamish-input", text)


def task_hash(doc_id: str) -> int:
    """The ``_task_hash`` of a document, from its id (see :func:`doc_id_for`).

    An id that carries the input record's own ``_task_hash``
    (``"_task_hash=<int>"``) gives that very number, so hamish's records match
    the tasks of the file they were made from; any other id is hashed.
    """
    if doc_id.startswith(_RECORD_TASK):
        try:
            number = int(doc_id[len(_RECORD_TASK) :])
        except ValueError:
            number = None
        if number is not None and number in _INT32:
            return number
    return _hash32("hamish-task", doc_id)


def doc_id_for(
    path: str, record_index: int | None = None, raw_record: Mapping[str, Any] | None = None
) -> str:
    """A stable id for a document: what its task hash is made from.

    For a record of a record file (``raw_record`` given), the first of these
    that the record has, as ``"<key>=<JSON value>"``:

    1. ``_task_hash`` (an integer): the record's own task, kept as it is;
    2. ``meta.id``, then 3. ``id`` (a non-empty string or an integer);
    4. ``_input_hash`` (an integer): last, because tools that write it make it
       from the text, so it changes when the text does.

    Otherwise ``"<file name>#<record index>"`` for a record, and the file name
    alone for an article file (``"<stdin>"`` for standard input).  Only the
    file's *name* is used, never its folder, so moving a folder of inputs and
    their outputs keeps the annotations; records that carry an id keep them
    even when the file is renamed or the records reordered.
    """
    if raw_record is not None:
        meta = raw_record.get("meta")
        candidates = [
            ("_task_hash", raw_record.get("_task_hash"), True),
            ("meta.id", meta.get("id") if isinstance(meta, Mapping) else None, False),
            ("id", raw_record.get("id"), False),
            ("_input_hash", raw_record.get("_input_hash"), True),
        ]
        for key, value, numbers_only in candidates:
            if _usable(value, numbers_only):
                return f"{key}={json.dumps(value, ensure_ascii=False)}"
    name = "<stdin>" if path == "-" else os.path.basename(os.path.normpath(path))
    if record_index is not None:
        return f"{name}#{record_index}"
    return name


def _usable(value: object, numbers_only: bool) -> bool:
    """Whether ``value`` can identify a record: an integer, or a non-empty string."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return not numbers_only and isinstance(value, str) and value.strip() != ""
