"""The task queue: who gets which document next.

A claim is one transaction: lock the first task that still needs an annotator
and that this annotator has not had (``FOR UPDATE SKIP LOCKED``: two
annotators never wait on, nor both take, the same row), add the assignment
and count it on the task's row.  Because the count is on the row, a claim
that raced another's is re-checked by PostgreSQL against the committed row
when it locks it, so a task never gets more claims than ``per_task``.

A claim not touched for ``timeout`` seconds and not done is deleted and its
task counted down: it goes back to the queue.  A live session touches all its
open claims with every save (:func:`touch`).
"""

from __future__ import annotations

from typing import Any

import psycopg

CLAIM_TIMEOUT = 30 * 60.0
"""Seconds a claim may sit idle (no save by its annotator) before it goes back."""

_EXPIRY_LOCK = 7201415  # one expirer at a time: two could deadlock on tasks' rows


def expire_idle(conn: psycopg.Connection[Any], timeout: float = CLAIM_TIMEOUT) -> int:
    """Send claims idle for ``timeout`` seconds back to the queue; how many went back."""
    with conn.transaction():
        got = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (_EXPIRY_LOCK,)).fetchone()
        if not got or not got[0]:
            return 0  # another session is expiring claims right now
        rows = conn.execute(
            "DELETE FROM assignments WHERE done IS NULL "
            "AND touched < now() - make_interval(secs => %s) RETURNING task_id",
            (timeout,),
        ).fetchall()
        _unclaim(conn, rows)
    return len(rows)


_NEXT = """
    SELECT t.id, t.record FROM tasks t
    WHERE (t.per_task IS NULL OR t.claims < t.per_task)
      AND NOT EXISTS (
          SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.annotator = %(who)s)
    ORDER BY t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED
"""


def claim_next(conn: psycopg.Connection[Any], annotator: str) -> dict[str, Any] | None:
    """Claim the next task for ``annotator``: its record; None when none is left."""
    # A row that changed under us is re-checked and, failing, skipped, and LIMIT 1
    # can then come back empty though others qualify: try again a few times.
    for _ in range(5):
        with conn.transaction():
            row = conn.execute(_NEXT, {"who": annotator}).fetchone()
            if row is None:
                continue
            task_id, record = row
            conn.execute(
                "INSERT INTO assignments (task_id, annotator) VALUES (%s, %s)",
                (task_id, annotator),
            )
            conn.execute("UPDATE tasks SET claims = claims + 1 WHERE id = %s", (task_id,))
            return dict(record)
    return None


def open_claims(conn: psycopg.Connection[Any], annotator: str) -> list[dict[str, Any]]:
    """The records of ``annotator``'s claims not yet done, oldest first."""
    rows = conn.execute(
        "SELECT t.record FROM assignments a JOIN tasks t ON t.id = a.task_id "
        "WHERE a.annotator = %s AND a.done IS NULL ORDER BY a.claimed, t.id",
        (annotator,),
    ).fetchall()
    return [dict(r[0]) for r in rows]


def claim_batch(
    conn: psycopg.Connection[Any], annotator: str, size: int, timeout: float = CLAIM_TIMEOUT
) -> list[dict[str, Any]]:
    """``annotator``'s open claims (after idle ones expired), topped up to ``size``
    with new ones while the queue has any."""
    expire_idle(conn, timeout)
    records = open_claims(conn, annotator)
    touch(conn, annotator)
    while len(records) < size:
        record = claim_next(conn, annotator)
        if record is None:
            break
        records.append(record)
    return records


def touch(conn: psycopg.Connection[Any], annotator: str) -> None:
    """``annotator`` is at work: their open claims are not idle."""
    conn.execute(
        "UPDATE assignments SET touched = now() WHERE annotator = %s AND done IS NULL",
        (annotator,),
    )


def release_unstarted(conn: psycopg.Connection[Any], annotator: str) -> int:
    """The session ends: claims ``annotator`` saved nothing on go back; how many."""
    with conn.transaction():
        rows = conn.execute(
            "DELETE FROM assignments a USING tasks t WHERE a.task_id = t.id "
            "AND a.annotator = %s AND a.done IS NULL AND NOT EXISTS ("
            "SELECT 1 FROM states s WHERE s.doc_id = t.doc_id AND s.annotator = a.annotator) "
            "RETURNING a.task_id",
            (annotator,),
        ).fetchall()
        _unclaim(conn, rows)
    return len(rows)


def _unclaim(conn: psycopg.Connection[Any], rows: list[tuple[Any, ...]]) -> None:
    """One claim fewer on each task of ``rows`` (``(task_id,)`` each), in task
    order: two sessions handing claims back lock the tasks in the same order."""
    for (task_id,) in sorted(rows):
        conn.execute("UPDATE tasks SET claims = claims - 1 WHERE id = %s", (task_id,))
