"""A shared store read as an output file is: ``hamish export`` and ``hamish agree``
(and ``hamish review``) straight from the store.

:func:`saved_lines` gives the lines a file of everyone's work would hold: for
each document and annotator, their latest line; a change line comes after the
full record of its text (the latest anyone saved of the same text, else the
task's own record), so :func:`reader.formats.prodigy.read_prodigy_lines` reads
them as it reads a file.  :func:`read_store` gives the documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg

from reader.annotation.hashing import input_hash
from reader.formats.model import Report, SourceDoc
from reader.team.connection import connect
from reader.team.dsn import shown_url

_LATEST = """
    SELECT s.doc_id, s.annotator, s.full_record, c.id, c.record
    FROM states s JOIN changes c ON c.id = s.change_id
    WHERE %(gold)s::boolean IS NULL OR (c.record ? '_review') = %(gold)s::boolean
    ORDER BY s.doc_id, s.annotator
"""


def saved_lines(
    conn: psycopg.Connection[Any], gold: bool | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(change id, line)`` for each annotator's latest line of each document, each
    change line after a full record of its text.  ``gold``: only reviewers' gold
    records (those with ``_review``), or (False) only the annotators' work; None:
    everything."""
    rows = conn.execute(_LATEST, {"gold": gold}).fetchall()
    for doc_id, annotator, full, change_id, record in rows:
        if not full:
            base = _text_of(conn, doc_id, record.get("_input_hash"))
            if base is not None:
                yield change_id, {**base, "_annotator_id": annotator, "_hamish_doc": doc_id}
        yield change_id, dict(record)


def _text_of(conn: psycopg.Connection[Any], doc_id: str, hashed: object) -> dict[str, Any] | None:
    """The latest full record of ``doc_id`` on the text of hash ``hashed``: anyone's
    saved one, else the task's; None when there is none."""
    row = conn.execute(
        "SELECT record FROM changes WHERE doc_id = %s AND full_record "
        "AND record->'_input_hash' = to_jsonb(%s::bigint) ORDER BY id DESC LIMIT 1",
        (doc_id, hashed if isinstance(hashed, int) else None),
    ).fetchone()
    if row is not None:
        return dict(row[0])
    task = conn.execute("SELECT record FROM tasks WHERE doc_id = %s", (doc_id,)).fetchone()
    if task is not None and input_hash(task[0]["text"]) == hashed:
        return {**task[0], "_input_hash": hashed}
    return None


def read_store(dsn: str, report: Report, gold: bool | None = None) -> Iterator[SourceDoc]:
    """The latest state of each document and annotator in the shared store (``gold``
    as :func:`saved_lines` takes it).

    Raises StoreUnreachable (an OSError) or SchemaError when it cannot be read.
    """
    from reader.formats.prodigy import read_prodigy_lines

    with connect(dsn) as conn:
        lines = list(saved_lines(conn, gold))
    return read_prodigy_lines(shown_url(dsn), lines, report)
