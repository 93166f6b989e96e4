"""``hamish db status``: documents done, in progress and left, per annotator.

A task is *done* when as many annotators as it needs have answered it (for
``--per-task all``: every registered annotator, or everyone who claimed it
when none is registered); *in progress* when it is not done and someone holds
a claim on it; *left* otherwise.  *Agreement-ready* documents have answers
from two annotators or more: what ``hamish agree`` can compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg


@dataclass(frozen=True)
class AnnotatorStatus:
    """One annotator's work: documents answered, claims open, and how many of the
    answered ones someone else answered too (agreement-ready)."""

    answered: int = 0
    in_progress: int = 0
    agreement_ready: int = 0


@dataclass
class Status:
    """The queue's progress."""

    documents: int = 0
    done: int = 0
    in_progress: int = 0
    left: int = 0
    agreement_ready: int = 0
    annotators: dict[str, AnnotatorStatus] = field(default_factory=dict)


_PER_TASK = """
    SELECT coalesce(t.per_task, greatest(%s, 1)) AS needed,
           count(a.done) AS answered,
           count(a.annotator) - count(a.done) AS open
    FROM tasks t LEFT JOIN assignments a ON a.task_id = t.id
    GROUP BY t.id
"""

_ANSWERED_BY = """
    SELECT doc_id, count(*) FROM states WHERE answer IS NOT NULL GROUP BY doc_id
"""

_PER_ANNOTATOR = """
    WITH answered AS (
        SELECT doc_id, count(*) AS n FROM states WHERE answer IS NOT NULL GROUP BY doc_id),
    names AS (
        SELECT name FROM annotators UNION SELECT annotator FROM assignments
        UNION SELECT annotator FROM states)
    SELECT names.name,
        (SELECT count(*) FROM states s WHERE s.annotator = names.name
            AND s.answer IS NOT NULL),
        (SELECT count(*) FROM assignments a WHERE a.annotator = names.name
            AND a.done IS NULL),
        (SELECT count(*) FROM states s JOIN answered USING (doc_id)
            WHERE s.annotator = names.name AND s.answer IS NOT NULL AND answered.n >= 2)
    FROM names
"""


def queue_status(conn: psycopg.Connection[Any]) -> Status:
    """Count the queue's tasks and each annotator's work."""
    status = Status()
    row = conn.execute("SELECT count(*) FROM annotators").fetchone()
    registered = int(row[0]) if row else 0
    for needed, answered, open_claims in conn.execute(_PER_TASK, (registered,)):
        status.documents += 1
        if answered >= needed:
            status.done += 1
        elif open_claims:
            status.in_progress += 1
        else:
            status.left += 1
    status.agreement_ready = sum(1 for _, n in conn.execute(_ANSWERED_BY) if n >= 2)
    for name, answered, open_claims, ready in conn.execute(_PER_ANNOTATOR):
        status.annotators[str(name)] = AnnotatorStatus(int(answered), int(open_claims), int(ready))
    return status


def status_lines(status: Status, where: str) -> list[str]:
    """The status as the command prints it."""
    lines = [
        f"{where}: {status.documents} documents: {status.done} done, "
        f"{status.in_progress} in progress, {status.left} left; "
        f"{status.agreement_ready} agreement-ready (answered by two or more)",
    ]
    if status.annotators:
        width = max(9, *(len(n) for n in status.annotators))
        lines.append(f"{'annotator':<{width}}  answered  in progress  agreement-ready")
        for name in sorted(status.annotators):
            one = status.annotators[name]
            lines.append(
                f"{name:<{width}}  {one.answered:>8}  {one.in_progress:>11}  "
                f"{one.agreement_ready:>15}"
            )
    return lines
