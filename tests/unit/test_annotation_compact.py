"""Compaction: one full record per document, beside the file then renamed over it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from record_schema import validate_record

from reader.annotation import store_compact
from reader.annotation.hashing import task_hash
from reader.annotation.journal import Snapshot
from reader.annotation.spans import FROM_INPUT, Span
from reader.annotation.store import AnnotationStore, StoreError
from reader.annotation.tokens import tokenize

TEXT = "سافر محمد إلى لبغداد أمس"
TOKENS = tokenize(TEXT)
PER = Span(5, 9, "PER")
GPE = Span(15, 20, "GPE", FROM_INPUT)  # بغداد in لبغداد: inside a token


def snap(doc: str, *spans: Span, answer: str | None = None, full: bool = False) -> Snapshot:
    return Snapshot(TEXT, {}, doc, tuple(spans), answer, "amira", TOKENS, doc, None, full)


def lines(path: str | Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in Path(path).read_bytes().splitlines()]


def spans_of(record: dict) -> list[tuple[int, int, str]]:  # type: ignore[type-arg]
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def save(out: str, *snapshots: Snapshot) -> None:
    with AnnotationStore.open(out)[0] as store:
        for s in snapshots:
            store.append_full(s.record()) if s.full else store.append_change(s.change())


def test_each_document_keeps_one_full_record_of_its_latest_state(out: str) -> None:
    save(
        out,
        snap("a", PER, full=True),
        snap("b", full=True),
        snap("a", PER, GPE),
        snap("b", PER, answer="reject", full=True),
        snap("a", PER, GPE, answer="accept"),
    )
    b_line = Path(out).read_bytes().splitlines(keepends=True)[3]
    with AnnotationStore.open(out)[0] as store:
        done = store.compact()
        assert (done.lines_before, done.documents, done.problems) == (5, 2, [])
        assert done.bytes_after == Path(out).stat().st_size < done.bytes_before
        state = store.state_of("a", task_hash("a"))
        assert state is not None and state.full and state.record["answer"] == "accept"
        store.append_change(snap("b", answer="ignore").change())  # the store goes on
    a, b, b_again = lines(out)
    assert Path(out).read_bytes().splitlines(keepends=True)[1] == b_line  # copied as it was
    assert spans_of(a) == [(5, 9, "PER"), (15, 20, "GPE")] and a["answer"] == "accept"
    assert validate_record(a) == []  # tokens cut at بغداد, spans on them
    assert [t["text"] for t in a["tokens"]][3:5] == ["ل", "بغداد"]
    assert [s.get("origin") for s in a["spans"]] == [None, "input"]
    assert "_hamish_change" not in a and b_again["_hamish_change"] is True


def test_a_change_with_no_full_record_of_its_text_is_kept_and_said(out: str) -> None:
    save(out, snap("a", PER), snap("b", PER, full=True))
    with AnnotationStore.open(out)[0] as store:
        (problem,) = store.compact().problems
    assert problem.startswith(f"{out}:1: the changes saved last have no full record")
    a, b = lines(out)
    assert a["_hamish_change"] is True and "text" in b


def test_a_file_with_bad_lines_is_not_compacted(out: str) -> None:
    save(out, snap("a", PER, full=True))
    with open(out, "ab") as f:
        f.write(b"{not json\n")
    save(out, snap("a", full=True))
    before = Path(out).read_bytes()
    with AnnotationStore.open(out)[0] as store, pytest.raises(StoreError, match="mend"):
        store.compact()
    assert Path(out).read_bytes() == before


def test_a_failed_rename_leaves_the_file_as_it_was(
    out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(out, snap("a", PER, full=True), snap("a", PER, GPE))
    before = Path(out).read_bytes()

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with AnnotationStore.open(out)[0] as store:
        monkeypatch.setattr(store_compact.os, "replace", refuse)
        with pytest.raises(StoreError, match="cannot be compacted"):
            store.compact()
        monkeypatch.undo()
        assert Path(out).read_bytes() == before
        assert not Path(store_compact.side_path(out)).exists()
        store.append_change(snap("a", answer="accept").change())  # still saving
    assert lines(out)[-1]["answer"] == "accept"


def test_the_compacted_file_is_locked_from_the_start(out: str) -> None:
    save(out, snap("a", PER, full=True), snap("a", PER, GPE))
    with AnnotationStore.open(out)[0] as store:
        store.compact()
        with pytest.raises(StoreError, match="in use by another hamish"):
            AnnotationStore.open(out)


def test_through_a_symbolic_link_the_file_itself_is_compacted(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    link = tmp_path / "link.jsonl"
    save(str(real), snap("a", PER, full=True), snap("a", PER, GPE))
    link.symlink_to(real)
    with AnnotationStore.open(str(link))[0] as store:
        store.compact()
    assert link.is_symlink() and len(lines(real)) == 1


KILLED_MID_WRITE = """
import os, sys, time
from reader.annotation import store_compact
from reader.annotation.store import AnnotationStore

real = os.write
def slow(fd, data):
    written = real(fd, data[: len(data) // 2])
    print("half", flush=True)
    time.sleep(60)
    return written

store_compact.os.write = slow
store, _ = AnnotationStore.open(sys.argv[1])
store.compact()
"""


def test_a_compaction_killed_half_way_leaves_the_file_whole(out: str) -> None:
    save(out, *(snap(f"doc{i}", PER, full=True) for i in range(20)), snap("doc3", PER, GPE))
    before = Path(out).read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED_MID_WRITE), out],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.stdout is not None and child.stdout.readline() == b"half\n"
    child.send_signal(signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL
    side = Path(store_compact.side_path(out))
    assert Path(out).read_bytes() == before and side.exists()  # half a file, beside it
    with AnnotationStore.open(out)[0] as store:  # the lock went with the process
        store.compact()
    assert not side.exists() and len(lines(out)) == 20
    assert spans_of(lines(out)[3]) == [(5, 9, "PER"), (15, 20, "GPE")]


def test_compacting_twice_changes_nothing(out: str) -> None:
    save(out, snap("a", PER, full=True), snap("a", PER, GPE), replace(snap("b"), full=True))
    with AnnotationStore.open(out)[0] as store:
        store.compact()
    once = Path(out).read_bytes()
    with AnnotationStore.open(out)[0] as store:
        store.compact()
    assert Path(out).read_bytes() == once
