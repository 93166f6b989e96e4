"""A session's documents from the queue, as a record file the library opens.

``hamish --store postgresql://…`` with no PATH claims the annotator's next
documents (:func:`reader.team.queue.claim_batch`: their open claims first) and
writes their records to ``queue.jsonl`` in a private temporary folder, removed
when the process ends (and, when it was killed, by the next session: the
folder is named after the process).  Each record keeps its ``_task_hash``, so the document
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
    remove_stale_folders()
    folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
    atexit.register(shutil.rmtree, folder, True)
    path = os.path.join(folder, "queue.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(_line(record))
    return path, len(records)


PREFIX = "hamish-queue-"


def remove_stale_folders(parent: str | None = None) -> None:
    """Remove the queue folders of sessions that ended without removing their own
    (killed): those named after a process that no longer runs."""
    parent = parent or tempfile.gettempdir()
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        pid = name[len(PREFIX) :].partition("-")[0]
        if not name.startswith(PREFIX) or not pid.isdigit() or _running(int(pid)):
            continue
        path = os.path.join(parent, name)
        if os.path.isdir(path) and not os.path.islink(path) and _ours(path):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's: not ours to judge
    return True


def _ours(path: str) -> bool:
    try:
        return os.lstat(path).st_uid == os.geteuid()
    except OSError:
        return False


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
