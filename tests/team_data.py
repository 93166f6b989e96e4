"""A team's shared store filled for a test: documents imported, annotators' answers saved.

Used by the tests that read a store as `hamish agree`, `hamish review` and
`hamish export` do (the store itself comes from pg_fixtures.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.annotation.hashing import input_hash
from reader.team.connection import connect
from reader.team.importing import import_documents, library_documents
from reader.team.queue import claim_batch
from reader.team.store import TeamStore

Spans = Sequence[tuple[int, int, str]]


def write_corpus(path: Path, texts: Sequence[str]) -> Path:
    """A record file of ``texts``, with ids ``d0``, ``d1``...; its path."""
    rows = [{"text": text, "meta": {"id": f"d{i}"}} for i, text in enumerate(texts)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def import_corpus(dsn: str, path: Path, per_task: int | None) -> int:
    """Import ``path`` as `hamish db import` does; how many documents were added."""
    problems: list[str] = []
    with connect(dsn) as conn:
        done = import_documents(conn, library_documents([str(path)], problems), per_task)
    assert not problems
    return done.added


def answer(dsn: str, who: str, spans_for: Callable[[str], Spans], size: int = 100) -> list[str]:
    """``who`` claims up to ``size`` documents and accepts each with ``spans_for(text)``,
    as their hamish would save it; the texts answered, in order."""
    with connect(dsn) as conn:
        records = claim_batch(conn, who, size)
    store, _ = TeamStore.open(dsn, who)
    try:
        for record in records:
            store.append_full(
                {
                    **record,
                    "_hamish_doc": f"_task_hash={record['_task_hash']}",
                    "_input_hash": input_hash(record["text"]),
                    "spans": [
                        {"start": a, "end": b, "label": label}
                        for a, b, label in spans_for(record["text"])
                    ],
                    "answer": "accept",
                    "_annotator_id": who,
                }
            )
    finally:
        store.close()
    return [record["text"] for record in records]


def latest_of(dsn: str, who: str) -> dict[str, dict[str, object]]:
    """``who``'s latest saved record of each document in the store, by its text's doc id."""
    with connect(dsn) as conn:
        rows = conn.execute(
            "SELECT s.doc_id, c.record FROM states s JOIN changes c ON c.id = s.change_id "
            "WHERE s.annotator = %s",
            (who,),
        ).fetchall()
    return {str(doc_id): dict(record) for doc_id, record in rows}
