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


@dataclass
class Status:
    """The queue's progress."""

    documents: int = 0
    done: int = 0
    in_progress: int = 0
    left: int = 0
    agreement_ready: int = 0
    annotators: dict[str, tuple[int, int]] = field(default_factory=dict)
    """name -> (documents answered, claims open)."""


_PER_TASK = """
    SELECT t.id,
           coalesce(t.per_task, greatest(%s, 1)) AS needed,
           count(a.done) AS answered,
           count(a.annotator) - count(a.done) AS open
    FROM tasks t LEFT JOIN assignments a ON a.task_id = t.id
    GROUP BY t.id
"""


def queue_status(conn: psycopg.Connection[Any]) -> Status:
    """Count the queue's tasks and each annotator's work."""
    status = Status()
    row = conn.execute("SELECT count(*) FROM annotators").fetchone()
    registered = int(row[0]) if row else 0
    for _task, needed, answered, open_claims in conn.execute(_PER_TASK, (registered,)):
        status.documents += 1
        if answered >= needed:
            status.done += 1
        elif open_claims:
            status.in_progress += 1
        else:
            status.left += 1
        if answered >= 2:
            status.agreement_ready += 1
    names = conn.execute(
        "SELECT name FROM annotators UNION SELECT annotator FROM assignments "
        "UNION SELECT annotator FROM states"
    ).fetchall()
    for (name,) in names:
        status.annotators[str(name)] = (0, 0)
    for name, answered, open_claims in conn.execute(
        "SELECT s.annotator, count(*) FILTER (WHERE s.answer IS NOT NULL), 0 FROM states s "
        "GROUP BY s.annotator"
    ):
        status.annotators[str(name)] = (int(answered), int(open_claims))
    for name, open_claims in conn.execute(
        "SELECT annotator, count(*) FROM assignments WHERE done IS NULL GROUP BY annotator"
    ):
        answered = status.annotators.get(str(name), (0, 0))[0]
        status.annotators[str(name)] = (answered, int(open_claims))
    return status


def status_lines(status: Status, where: str) -> list[str]:
    """The status as the command prints it."""
    lines = [
        f"{where}: {status.documents} documents: {status.done} done, "
        f"{status.in_progress} in progress, {status.left} left; "
        f"{status.agreement_ready} agreement-ready (answered by two or more)",
    ]
    if status.annotators:
        width = max(len(n) for n in status.annotators)
        lines.append(f"{'annotator':<{width}}  answered  in progress")
        for name in sorted(status.annotators):
            answered, open_claims = status.annotators[name]
            lines.append(f"{name:<{width}}  {answered:>8}  {open_claims:>11}")
    return lines
