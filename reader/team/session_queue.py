"""A session's documents from the queue, as a record file the library opens.

``hamish --store postgresql://…`` with no PATH claims the annotator's next
documents (:func:`reader.team.queue.claim_batch`: their open claims first) and
writes their records to ``queue.jsonl`` in a private temporary folder, removed
when the process ends (and, when it was killed, by the next session: the
folder is named after the process).  When the annotator has gone through
them, the app claims the next batch (``queue-2.jsonl``...) in a worker.
Each record keeps its ``_task_hash``, so the document has the same id in
every annotator's session.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from typing import Any

from reader.team.connection import connect
from reader.team.queue import CLAIM_TIMEOUT, claim_batch, claim_next, expire_idle

QUEUE_BATCH = 5
"""Documents a session claims at a time, by default."""


def nothing_left(annotator: str) -> str:
    """What is said when the queue has no document left for ``annotator``."""
    return f"the queue has no document left for {annotator}"


class SessionQueue:
    """One session's documents from the queue: batches of claims, each a record file.

    :meth:`start` claims the first batch (the annotator's open claims first);
    :meth:`more`, when they have gone through it, the next one.  The files
    are ``queue.jsonl``, ``queue-2.jsonl``... in one private folder, removed
    when the process ends.  Raises StoreUnreachable (OSError) or SchemaError
    as :func:`reader.team.connection.connect` does.
    """

    def __init__(
        self, dsn: str, annotator: str, size: int = QUEUE_BATCH, timeout: float = CLAIM_TIMEOUT
    ) -> None:
        self.dsn = dsn
        self.annotator = annotator
        self.size = size
        self.timeout = timeout
        self.paths: list[str] = []  # the batches' files, in order
        self._folder: str | None = None

    def start(self) -> int:
        """Claim the first batch; how many documents it holds (0: none is left)."""
        with connect(self.dsn) as conn:
            records = claim_batch(conn, self.annotator, self.size, self.timeout)
        return self._write(records)

    def more(self) -> int:
        """Claim the next batch, new documents only; how many (0: none is left for
        the annotator).  May run in any thread."""
        records: list[dict[str, Any]] = []
        with connect(self.dsn) as conn:
            expire_idle(conn, self.timeout)
            while len(records) < self.size:
                record = claim_next(conn, self.annotator)
                if record is None:
                    break
                records.append(record)
        return self._write(records)

    def _write(self, records: list[dict[str, Any]]) -> int:
        if not records:
            return 0
        if self._folder is None:
            remove_stale_folders()
            self._folder = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
            atexit.register(shutil.rmtree, self._folder, True)
        number = len(self.paths) + 1
        name = "queue.jsonl" if number == 1 else f"queue-{number}.jsonl"
        path = os.path.join(self._folder, name)
        with open(path, "w", encoding="utf-8") as out:
            for record in records:
                out.write(_line(record))
        self.paths.append(path)
        return len(records)


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
