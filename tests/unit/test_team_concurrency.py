"""20 annotators at once on one shared store, for a minute, with --per-task 1
and --per-task 2 (both at the same time, on two databases of one server).

Each simulated annotator is a thread with its own session (TeamStore) and its
own queue connection, and does what the app does: claim the next document,
save a few changes, answer it with a full record, and on to the next.  After:

* no document was given to more annotators than it asks for;
* every save that returned is in ``changes`` (none lost), and nothing else is;
* every annotator's state of every document is exactly their last save.

The throughput (saves committed per second) is printed.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from pg_fixtures import fresh_database

from reader.annotation.changes import change_record
from reader.annotation.hashing import input_hash
from reader.annotation.spans import Span
from reader.team.connection import connect
from reader.team.importing import SourceDoc, import_documents
from reader.team.queue import claim_next
from reader.team.store import TeamStore

ANNOTATORS = 20
SECONDS = float(os.environ.get("HAMISH_CONCURRENCY_SECONDS", "60"))
# An annotator thinks between two saves, half a second on average (an eager
# one: people take seconds).  Forty such sessions commit about 110 saves a
# second, 6,800 in the minute; saving flat out they would hold both of CI's
# cores for the whole minute and the suite's other tests would crawl (at a
# fifth of a second, the minute cost 21 core-seconds of client and server,
# at half a second 12).  HAMISH_CONCURRENCY_THINK=0 measures the store's
# capacity instead.
THINK = float(os.environ.get("HAMISH_CONCURRENCY_THINK", "0.5"))
DOCUMENTS = int((400 if THINK == 0 else 100) * SECONDS)  # more than they can do
LABELS = ("PER", "ORG", "GPE")


@dataclass
class Annotator:
    name: str
    saved: int = 0  # saves that returned
    last: dict[str, tuple[list[Any], str | None]] = field(default_factory=dict)
    claimed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def work(dsn: str, who: Annotator, until: float, seed: int) -> None:
    rng = random.Random(seed)
    store, _ = TeamStore.open(dsn, who.name)
    try:
        with connect(dsn) as queue:
            while time.monotonic() < until:
                record = claim_next(queue, who.name)
                if record is None:
                    return
                doc = f"_task_hash={record['_task_hash']}"
                who.claimed.append(doc)
                text, hashed = record["text"], input_hash(record["text"])
                spans: list[Span] = []
                for _ in range(rng.randint(1, 4)):
                    start = rng.randrange(len(text) - 1)
                    spans = [Span(start, start + 1, rng.choice(LABELS))]
                    store.append_change(
                        change_record(
                            doc_id=doc,
                            text_hash=hashed,
                            spans=spans,
                            answer=None,
                            annotator=who.name,
                            file="corpus",
                        )
                    )
                    who.saved += 1
                    who.last[doc] = ([[s.start, s.end, s.label] for s in spans], None)
                    if THINK:
                        time.sleep(rng.uniform(0, 2 * THINK))  # an annotator's pause, not a wait
                answer = rng.choice(("accept", "reject", "ignore"))
                full = {
                    **record,
                    "_hamish_doc": doc,
                    "_input_hash": hashed,
                    "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans],
                    "answer": answer,
                    "_annotator_id": who.name,
                }
                store.append_full(full)
                who.saved += 1
                who.last[doc] = ([[s.start, s.end, s.label] for s in spans], answer)
    except Exception as err:  # noqa: BLE001 - reported by the test
        who.errors.append(repr(err))
    finally:
        store.close()


def fill(dsn: str, per_task: int) -> None:
    docs = (
        SourceDoc(f"وثيقة رقم {i} عن بغداد والبصرة", {"id": i}, (), f"doc{i}", "corpus.jsonl")
        for i in range(DOCUMENTS)
    )
    with connect(dsn) as conn:
        assert import_documents(conn, docs, per_task).added == DOCUMENTS


def check(dsn: str, per_task: int, team: list[Annotator]) -> int:
    """The three promises; the number of saves committed."""
    with psycopg.connect(dsn) as conn:
        over = conn.execute(
            "SELECT count(*) FROM (SELECT task_id FROM assignments GROUP BY task_id "
            "HAVING count(*) > %s) x",
            (per_task,),
        ).fetchone()
        assert over == (0,), f"per-task {per_task}: documents given to too many annotators"
        counted = conn.execute(
            "SELECT claims, (SELECT count(*) FROM assignments a WHERE a.task_id = t.id) "
            "FROM tasks t"
        ).fetchall()
        assert all(c == n for c, n in counted), "the tasks' claim counts drifted"
        per_annotator = dict(
            conn.execute("SELECT annotator, count(*) FROM changes GROUP BY annotator").fetchall()
        )
        states = {
            (doc, who): (
                [[s["start"], s["end"], s["label"]] for s in record["spans"]],
                record["answer"],
            )
            for doc, who, record in conn.execute(
                "SELECT s.doc_id, s.annotator, c.record FROM states s "
                "JOIN changes c ON c.id = s.change_id"
            )
        }
        states_by_doc = Counter(doc for doc, _ in states)
    for who in team:
        assert who.errors == [], f"{who.name}: {who.errors}"
        assert per_annotator.get(who.name, 0) == who.saved, f"{who.name}: saves lost or extra"
        assert len(set(who.claimed)) == len(who.claimed), f"{who.name} got a document twice"
        for doc, last in who.last.items():
            assert states[(doc, who.name)] == last, f"{who.name}'s state of {doc}"
    assert len(states) == sum(len(w.last) for w in team)
    assert max(states_by_doc.values()) <= per_task
    return sum(who.saved for who in team)


@pytest.mark.slow
def test_twenty_annotators_for_a_minute_with_per_task_one_and_two(pg_admin: str) -> None:
    with (
        fresh_database(pg_admin, tables=True) as one,
        fresh_database(pg_admin, tables=True) as two,
    ):
        fills = [threading.Thread(target=fill, args=args) for args in ((one, 1), (two, 2))]
        for t in fills:
            t.start()
        for t in fills:
            t.join()
        teams = {1: [Annotator(f"a{i:02}") for i in range(ANNOTATORS)]}
        teams[2] = [Annotator(f"b{i:02}") for i in range(ANNOTATORS)]
        start = time.monotonic()
        until = start + SECONDS
        threads = [
            threading.Thread(target=work, args=(dsn, who, until, n))
            for dsn, per_task in ((one, 1), (two, 2))
            for n, who in enumerate(teams[per_task])
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(SECONDS + 60)
        assert not any(t.is_alive() for t in threads)
        elapsed = time.monotonic() - start
        for dsn, per_task in ((one, 1), (two, 2)):
            saves = check(dsn, per_task, teams[per_task])
            docs = sum(len(w.last) for w in teams[per_task])
            assert docs > ANNOTATORS  # everyone got work, and more than one document each
            print(
                f"\nper-task {per_task}: {saves} saves committed in {elapsed:.1f} s "
                f"({saves / elapsed:.0f}/s, both runs sharing the server), {docs} documents"
            )
