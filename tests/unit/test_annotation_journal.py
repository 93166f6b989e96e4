"""The journal: numbered snapshots, written newest-wins, failed ones kept due."""

from __future__ import annotations

import contextlib
import errno
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.journal import Journal, Snapshot
from reader.annotation.spans import Span


class FakeStore:
    """Appends records to a list; fails while ``failing``."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.failing = False

    def append(self, record: dict[str, Any]) -> None:
        if self.failing:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.records.append(record)

    append_change = append_full = append


def snap(doc: str, n: int) -> Snapshot:
    """Document ``doc`` with ``n`` one-letter spans."""
    text = "x" * 100  # room for a span per step of the property test
    spans = tuple(Span(i, i + 1, "PER") for i in range(n))
    return Snapshot(text, {}, doc, spans, None, "tester", [], "f.txt")


def journal() -> tuple[Journal, FakeStore]:
    store = FakeStore()
    return Journal(store), store  # type: ignore[arg-type]


def test_a_snapshot_is_due_until_written_and_then_on_disk() -> None:
    j, store = journal()
    j.take(snap("a", 1))
    assert j.latest("a") == snap("a", 1)
    [(number, s)] = j.due()
    j.write(number, s)
    assert j.due() == [] and j.latest("a") is None
    assert [len(r["spans"]) for r in store.records] == [1]


def test_an_older_snapshot_is_never_written_after_a_newer_one() -> None:
    j, store = journal()
    j.take(snap("a", 1))
    older = j.due()
    j.take(snap("a", 2))
    newer = j.due()
    j.write(*newer[0])
    j.write(*older[0])  # a slow worker, late
    assert [len(r["spans"]) for r in store.records] == [2]


def test_numbers_keep_rising_when_a_document_is_opened_again() -> None:
    # A document shown again starts a new session; its saves still come after.
    j, store = journal()
    for n in (1, 2, 3):
        j.take(snap("a", n))
        j.write(*j.due()[0])
    j.take(snap("a", 4))
    j.write(*j.due()[0])
    assert [len(r["spans"]) for r in store.records] == [1, 2, 3, 4]


def test_a_failed_write_stays_due_with_other_documents() -> None:
    j, store = journal()
    j.take(snap("a", 1))
    store.failing = True
    with pytest.raises(OSError):
        j.write(*j.due()[0])
    j.take(snap("b", 2))
    assert [s.doc_id for _, s in j.due()] == ["a", "b"]  # oldest first
    assert j.latest("a") == snap("a", 1)
    store.failing = False
    for item in j.due():
        j.write(*item)
    assert j.due() == []
    assert [(r["_hamish_file"], len(r["spans"])) for r in store.records] == [
        ("f.txt", 1),
        ("f.txt", 2),
    ]


@given(st.lists(st.tuples(st.sampled_from("abc"), st.booleans(), st.booleans()), max_size=40))
def test_the_last_line_of_each_document_is_its_newest_state(
    steps: list[tuple[str, bool, bool]],
) -> None:
    # Each step takes a snapshot of a document, then maybe writes what is due
    # (maybe in reverse, as racing workers might), maybe on a full disk.
    # Whatever happens, once everything due is written, each document's last
    # line is the newest snapshot taken of it.
    j, store = journal()
    newest: dict[str, int] = {}
    for count, (doc, write, reverse) in enumerate(steps, start=1):
        j.take(snap(doc, count))
        newest[doc] = count
        store.failing = count % 3 == 0
        if write:
            due = j.due()
            for item in reversed(due) if reverse else due:
                with contextlib.suppress(OSError):
                    j.write(*item)
    store.failing = False
    for item in j.due():
        j.write(*item)
    last: dict[str, int] = {}
    for record in store.records:
        last[record["_hamish_doc"]] = len(record["spans"])
    assert last == newest
