"""``hamish db import``: documents into the shared store's task queue.

Any input hamish opens (:class:`reader.library.Library`: articles, record
files, other tools' annotation files, folders of them) is taken, with the
spans it comes with.  Each document becomes one task whose
``record`` is a Prodigy task (text, meta, spans) with its own ``_task_hash``:
the queue hands sessions these records, and a record's ``_task_hash`` makes
its id, ``_task_hash=N`` (:func:`reader.annotation.hashing.doc_id_for`), the
same for every annotator.  Importing is idempotent: a document whose input
hash (of its text, meta and spans) is in the store already is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from reader.annotation.hashing import doc_id_for, task_hash
from reader.annotation.opening import document_id
from reader.documents import Article, InputError
from reader.library import Library


@dataclass(frozen=True)
class SourceDoc:
    """A document to import: its text, meta, spans and id in its input, and where from."""

    text: str
    meta: dict[str, Any]
    spans: tuple[tuple[int, int, str], ...]
    doc_id: str
    path: str


def library_documents(
    paths: Iterable[str], problems: list[str], limit: int | None = None
) -> Iterator[SourceDoc]:
    """Every document of ``paths`` as the reader opens them; a line in ``problems``
    for each file or record that cannot be used (the rest are taken)."""
    library = Library.open(paths) if limit is None else Library.open(paths, limit)
    problems.extend(e.error for e in library.entries if e.error)
    position = library.first()
    while position is not None:
        try:
            article: Article = library.article(position)
        except InputError as err:
            problems.append(str(err))
        else:
            problems.extend(article.span_problems)
            doc_id = document_id(article, position.record)
            yield SourceDoc(article.text, dict(article.meta), article.spans, doc_id, article.path)
        position = library.next(position)


@dataclass
class Imported:
    """What an import did."""

    added: int = 0
    present: int = 0


def document_hash(doc: SourceDoc) -> str:
    """The input hash of a document: SHA-256 of its text, meta and spans."""
    key = {
        "text": doc.text,
        "meta": doc.meta,
        "spans": [list(s) for s in doc.spans],
    }
    blob = json.dumps(key, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def task_record(doc: SourceDoc, number: int) -> dict[str, Any]:
    """The queue's record of ``doc``, with task hash ``number``."""
    return {
        "text": doc.text,
        "meta": doc.meta,
        "spans": [{"start": a, "end": b, "label": label} for a, b, label in doc.spans],
        "_task_hash": number,
        "_hamish_source": {"file": os.path.basename(doc.path), "doc": doc.doc_id},
    }


def import_documents(
    conn: psycopg.Connection[Any], docs: Iterable[SourceDoc], per_task: int | None
) -> Imported:
    """Add ``docs`` as tasks for ``per_task`` annotators each (None: every one), in
    one transaction."""
    done = Imported()
    with conn.transaction():
        for doc in docs:
            if _insert(conn, doc, document_hash(doc), per_task):
                done.added += 1
            else:
                done.present += 1
    return done


_INSERT = """
    INSERT INTO tasks (input_hash, doc_id, source, per_task, record)
    VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING
"""


def _insert(
    conn: psycopg.Connection[Any], doc: SourceDoc, hashed: str, per_task: int | None
) -> bool:
    """Add one task; False when its input hash is there already.  A task hash another
    task has (32 bits: it happens) is made again."""
    for attempt in range(100):
        number = task_hash(doc.doc_id + (f"#{attempt}" if attempt else ""))
        record = task_record(doc, number)
        doc_id = doc_id_for("", 0, record)
        source = os.path.basename(doc.path)
        added = conn.execute(_INSERT, (hashed, doc_id, source, per_task, Jsonb(record)))
        if added.rowcount:
            return True
        if conn.execute("SELECT 1 FROM tasks WHERE input_hash = %s", (hashed,)).fetchone():
            return False
    raise ValueError(f"{doc.path}: {doc.doc_id}: no free task hash for this document")
