"""What every store promises (reader.annotation.store_api.Store), checked on both:
the output file and a team's shared store on a real PostgreSQL.

One fixture, ``open_any``, opens a store of the kind the test is run for; the
same saves and lookups must give the same answers from both.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.annotation.changes import change_record
from reader.annotation.spans import Span
from reader.annotation.store_api import Store
from reader.annotation.store_files import StoreLocked
from reader.annotation.store_open import open_store

Opener = Callable[[], Store]

TEXT = "زار محمد بغداد"


def full(doc: str, answer: str | None, spans: list[tuple[int, int, str]], who: str = "amira"):
    return {
        "text": TEXT,
        "_input_hash": 7,
        "_task_hash": 42,
        "_hamish_doc": doc,
        "spans": [{"start": a, "end": b, "label": lab} for a, b, lab in spans],
        "answer": answer,
        "_annotator_id": who,
        "_hamish_file": "news.jsonl",
    }


def change(doc: str, answer: str | None, spans: list[tuple[int, int, str]]):
    return change_record(
        doc_id=doc,
        text_hash=7,
        spans=[Span(a, b, lab) for a, b, lab in spans],
        answer=answer,
        annotator="amira",
        file="news.jsonl",
    )


@pytest.fixture(params=["file", "postgresql"])
def open_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens the store of the kind the test runs for, as amira; closes what it opened."""
    where = (
        str(tmp_path / "out.jsonl")
        if request.param == "file"
        else request.getfixturevalue("team_dsn")
    )
    opened: list[Store] = []

    def opener() -> Store:
        store, problems = open_store(where, "amira")
        assert problems == []
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


def spans_of(store: Store, doc: str) -> list[tuple[int, int, str]]:
    saved = store.state_of(doc, 42)
    assert saved is not None
    return [(s["start"], s["end"], s["label"]) for s in saved.record["spans"]]


def test_the_latest_save_of_each_document_is_its_state_after_reopening(open_any: Opener) -> None:
    store = open_any()
    store.load()
    store.append_full(full("one", None, [(4, 8, "PER")]))
    store.append_change(change("one", None, [(4, 8, "PER"), (9, 14, "GPE")]))
    # "two" has the same 32-bit task hash as "one": each keeps its own state.
    store.append_full(full("two", "reject", []))
    store.append_change(change("one", "accept", [(9, 14, "GPE")]))
    store.close()
    again = open_any()
    again.load()
    assert again.wait_loaded(5)
    one = again.state_of("one", 42)
    assert one is not None and one.full is False
    assert one.record["answer"] == "accept"
    assert spans_of(again, "one") == [(9, 14, "GPE")]
    two = again.state_of("two", 42)
    assert two is not None and two.full is True and two.record["answer"] == "reject"
    assert two.record["text"] == TEXT
    assert again.state_of("three", 42) is None
    assert again.progress() == {"news.jsonl": {"accept": 1, "reject": 1}}


def test_a_full_record_after_changes_is_the_state_again(open_any: Opener) -> None:
    store = open_any()
    store.load()
    store.append_change(change("one", None, [(4, 8, "PER")]))
    store.append_full(full("one", "accept", [(4, 8, "ORG")]))
    saved = store.state_of("one", 42)
    assert saved is not None and saved.full and spans_of(store, "one") == [(4, 8, "ORG")]


def test_lines_of_the_wrong_kind_are_refused_and_nothing_is_saved(open_any: Opener) -> None:
    store = open_any()
    store.load()
    with pytest.raises(ValueError):
        store.append_change(full("one", None, []))
    with pytest.raises(ValueError):
        store.append_full(change("one", None, []))
    assert store.state_of("one", 42) is None


def test_a_closed_store_refuses_to_save_and_closing_twice_is_fine(open_any: Opener) -> None:
    store = open_any()
    store.close()
    store.close()
    assert store.closed
    with pytest.raises(ValueError, match="closed"):
        store.append_full(full("one", None, []))


def test_a_second_session_is_refused_until_the_first_lets_go(open_any: Opener) -> None:
    first = open_any()
    with pytest.raises(StoreLocked):
        open_any()
    first.close()
    open_any().close()


def test_saves_from_many_threads_are_all_kept(open_any: Opener) -> None:
    store = open_any()
    store.load()

    def save(n: int) -> None:
        for i in range(10):
            store.append_change(change(f"doc{n}", None, [(0, 3, f"L{i}")]))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(4):
        assert spans_of(store, f"doc{n}") == [(0, 3, "L9")]


def test_what_append_returned_from_is_there_for_the_next_session(open_any: Opener) -> None:
    """Saved when append returns: the next session reads it, nothing else done."""
    store = open_any()
    store.load()
    store.append_full(full("one", "ignore", [(0, 3, "PER")]))
    store.close()
    other = open_any()
    other.load()
    saved = other.state_of("one", 42)
    assert saved is not None and saved.record["answer"] == "ignore"
