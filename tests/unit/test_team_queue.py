"""The shared store's task queue: import, routing, claims, expiry, status."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from reader.team.connection import connect
from reader.team.importing import import_documents, library_documents
from reader.team.queue import claim_batch, claim_next, expire_idle, release_unstarted
from reader.team.status import AnnotatorStatus, queue_status
from reader.team.store import TeamStore


def corpus(tmp_path: Path, count: int = 6) -> Path:
    """A JSONL corpus of ``count`` records, the first with a pre-annotated span."""
    path = tmp_path / "news.jsonl"
    rows = [{"text": f"خبر رقم {i} من بغداد", "meta": {"id": f"n{i}"}} for i in range(count)]
    rows[0]["spans"] = [{"start": 13, "end": 18, "label": "GPE"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return path


def load(dsn: str, path: Path, per_task: int | None) -> tuple[int, int]:
    problems: list[str] = []
    with connect(dsn) as conn:
        done = import_documents(conn, library_documents([str(path)], problems), per_task)
    assert problems == []
    return done.added, done.present


def test_import_is_idempotent_and_keeps_pre_annotated_spans(team_dsn: str, tmp_path: Path) -> None:
    path = corpus(tmp_path)
    assert load(team_dsn, path, 1) == (6, 0)
    assert load(team_dsn, path, 1) == (0, 6)
    with psycopg.connect(team_dsn) as conn:
        records = [r[0] for r in conn.execute("SELECT record FROM tasks ORDER BY id")]
        ids = [r[0] for r in conn.execute("SELECT doc_id FROM tasks ORDER BY id")]
    assert records[0]["spans"] == [{"start": 13, "end": 18, "label": "GPE"}]
    assert records[0]["text"][13:18] == "بغداد"
    assert ids == [f"_task_hash={r['_task_hash']}" for r in records]
    assert len(set(ids)) == 6


def test_per_task_one_gives_each_document_to_one_annotator(team_dsn: str, tmp_path: Path) -> None:
    load(team_dsn, corpus(tmp_path), 1)
    with connect(team_dsn) as a, connect(team_dsn) as b:
        got_a = [claim_next(a, "amira") for _ in range(3)]
        got_b = [claim_next(b, "bilal") for _ in range(3)]
        assert None not in got_a and None not in got_b
        texts = {r["text"] for r in got_a + got_b if r}
        assert len(texts) == 6
        assert claim_next(a, "amira") is None and claim_next(b, "carla") is None


def test_per_task_two_gives_each_document_to_two_different_annotators(
    team_dsn: str, tmp_path: Path
) -> None:
    load(team_dsn, corpus(tmp_path, 3), 2)
    with connect(team_dsn) as conn:
        mine = [claim_next(conn, "amira") for _ in range(4)]
        assert mine[3] is None  # never the same document twice to one annotator
        assert len({r["text"] for r in mine[:3] if r}) == 3
        theirs = [claim_next(conn, "bilal") for _ in range(3)]
        assert claim_next(conn, "carla") is None
        assert {r["text"] for r in theirs if r} == {r["text"] for r in mine[:3] if r}
        rows = conn.execute("SELECT claims, per_task FROM tasks").fetchall()
    assert rows == [(2, 2)] * 3


def test_per_task_all_gives_every_annotator_every_document(team_dsn: str, tmp_path: Path) -> None:
    load(team_dsn, corpus(tmp_path, 2), None)
    with connect(team_dsn) as conn:
        for who in ("amira", "bilal", "carla", "dalia"):
            assert len(claim_batch(conn, who, 10)) == 2


def test_an_idle_claim_expires_and_goes_back(team_dsn: str, tmp_path: Path) -> None:
    load(team_dsn, corpus(tmp_path, 1), 1)
    with connect(team_dsn) as conn:
        assert claim_next(conn, "amira") is not None
        assert claim_next(conn, "bilal") is None
        assert expire_idle(conn, timeout=3600) == 0
        conn.execute("UPDATE assignments SET touched = now() - interval '2 hours'")
        assert expire_idle(conn, timeout=3600) == 1
        assert claim_next(conn, "bilal") is not None


def test_a_claim_being_worked_on_does_not_expire(team_dsn: str, tmp_path: Path) -> None:
    load(team_dsn, corpus(tmp_path, 2), 1)
    with connect(team_dsn) as conn:
        (first, _second) = claim_batch(conn, "amira", 2)
        conn.execute("UPDATE assignments SET touched = now() - interval '2 hours'")
    store, _ = TeamStore.open(team_dsn, "amira")
    doc = f"_task_hash={first['_task_hash']}"
    store.append_full({**first, "_hamish_doc": doc, "answer": None, "_input_hash": 1})
    with connect(team_dsn) as conn:
        # A save touches all of the session's open claims: none is idle.
        assert expire_idle(conn, timeout=3600) == 0
    store.close()
    with connect(team_dsn) as conn:
        # Closing gave back the claim nothing was saved on, and kept the other.
        rows = conn.execute("SELECT t.doc_id FROM assignments a JOIN tasks t ON t.id = a.task_id")
        assert [r[0] for r in rows] == [doc]
        assert release_unstarted(conn, "amira") == 0


def test_an_answer_marks_the_claim_done_and_status_counts_it(team_dsn: str, tmp_path: Path) -> None:
    load(team_dsn, corpus(tmp_path, 3), 2)
    with connect(team_dsn) as conn:
        batch = claim_batch(conn, "amira", 2)
        claim_batch(conn, "bilal", 1)
    for who, answer in (("amira", "accept"), ("bilal", "reject")):
        store, _ = TeamStore.open(team_dsn, who)
        record = batch[0]
        doc = f"_task_hash={record['_task_hash']}"
        store.append_full({**record, "_hamish_doc": doc, "answer": answer, "_input_hash": 1})
        store.close()  # amira's second claim, untouched, goes back
    with connect(team_dsn) as conn:
        assert claim_next(conn, "carla") is not None  # not the done one: the next
        status = queue_status(conn)
    assert (status.documents, status.done, status.in_progress, status.left) == (3, 1, 1, 1)
    assert status.agreement_ready == 1
    assert status.annotators == {
        "amira": AnnotatorStatus(answered=1, in_progress=0, agreement_ready=1),
        "bilal": AnnotatorStatus(answered=1, in_progress=0, agreement_ready=1),
        "carla": AnnotatorStatus(answered=0, in_progress=1, agreement_ready=0),
    }


def test_a_session_of_an_annotator_already_at_work_is_refused(team_dsn: str) -> None:
    from reader.annotation.store_files import StoreLocked

    first, _ = TeamStore.open(team_dsn, "amira")
    with pytest.raises(StoreLocked, match="amira is annotating in another hamish"):
        TeamStore.open(team_dsn, "amira")
    other, _ = TeamStore.open(team_dsn, "bilal")
    other.close()
    first.close()


def test_documents_whose_task_hashes_collide_get_task_hashes_of_their_own(
    team_dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.team.importing as importing

    real = importing.task_hash
    # Every document's first task hash is 5: all but the first must be made again.
    monkeypatch.setattr(importing, "task_hash", lambda s: 5 if "#" not in s else real(s))
    assert load(team_dsn, corpus(tmp_path, 3), 1) == (3, 0)
    assert load(team_dsn, corpus(tmp_path, 3), 1) == (0, 3)
    with psycopg.connect(team_dsn) as conn:
        ids = sorted(r[0] for r in conn.execute("SELECT doc_id FROM tasks"))
    assert len(set(ids)) == 3 and "_task_hash=5" in ids


def test_queue_folders_of_killed_sessions_are_removed(tmp_path: Path) -> None:
    import os
    import subprocess

    from reader.team.session_queue import remove_stale_folders

    dead = subprocess.Popen(["true"])  # a process that has ended: its pid is free
    dead.wait()
    stale = tmp_path / f"hamish-queue-{dead.pid}-abc"
    live = tmp_path / f"hamish-queue-{os.getpid()}-def"
    other = tmp_path / "hamish-queue-notapid"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "queue.jsonl").write_text("{}\n")
    remove_stale_folders(str(tmp_path))
    assert not stale.exists() and live.exists() and other.exists()
