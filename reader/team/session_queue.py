"""A session's documents from the queue, as a record file the library opens.

``hamish --store postgresql://…`` with no PATH claims the annotator's next
documents (:func:`reader.team.queue.claim_batch`: their open claims first) and
writes their records to ``queue.jsonl`` in a private temporary folder, removed
when the process ends.  Each record keeps its ``_task_hash``, so the document
has the same id in every annotator's session.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from typing import Any

from reader.team.connection import connect
from reader.team.queue import CLAIM_TIMEOUT, claim_batch

QUEUE_BATCH = 5
"""Documents a session claims when it starts, by default."""


def queue_file(
    dsn: str, annotator: str, size: int = QUEUE_BATCH, timeout: float = CLAIM_TIMEOUT
) -> tuple[str, int]:
    """Claim up to ``size`` documents for ``annotator`` and write them to a new
    record file; its path, and how many it holds (0: the queue has nothing
    left for them, and no file is written).

    Raises StoreUnreachable (OSError) or SchemaError as
    :func:`reader.team.connection.connect` does.
    """
    with connect(dsn) as conn:
        records = claim_batch(conn, annotator, size, timeout)
    if not records:
        return "", 0
    folder = tempfile.mkdtemp(prefix="hamish-queue-")
    atexit.register(shutil.rmtree, folder, True)
    path = os.path.join(folder, "queue.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(_line(record))
    return path, len(records)


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
