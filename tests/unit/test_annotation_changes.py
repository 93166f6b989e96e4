"""Change lines: what they hold, how the store reads them back, and the journal's kinds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.annotation.changes import change_record, is_change
from reader.annotation.hashing import input_hash, task_hash
from reader.annotation.journal import Journal, Snapshot
from reader.annotation.spans import FROM_INPUT, Span
from reader.annotation.store import AnnotationStore
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize

TEXT = "سافر محمد إلى بغداد أمس"
TOKENS = tokenize(TEXT)
PER = Span(5, 9, "PER")
GPE = Span(14, 19, "GPE", FROM_INPUT)


def snapshot(*spans: Span, answer: str | None = None, doc: str = "news.txt") -> Snapshot:
    return Snapshot(TEXT, {"source": "test"}, doc, tuple(spans), answer, "amira", TOKENS, doc)


def lines(path: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in Path(path).read_bytes().splitlines()]


# -- the line ------------------------------------------------------------------------


def test_a_change_line_names_its_document_and_text_and_holds_no_text() -> None:
    change = snapshot(PER, GPE, answer="accept").change()
    assert change == {
        "_hamish_change": True,
        "_hamish_doc": "news.txt",
        "_task_hash": task_hash("news.txt"),
        "_input_hash": input_hash(TEXT),
        "spans": [
            {"start": 5, "end": 9, "label": "PER"},
            {"start": 14, "end": 19, "label": "GPE", "origin": "input"},
        ],
        "answer": "accept",
        "_timestamp": change["_timestamp"],
        "_annotator_id": "amira",
        "_hamish_file": "news.txt",
    }
    assert is_change(change) and "text" not in change and "tokens" not in change


def test_a_change_line_costs_its_spans_not_its_text() -> None:
    long_text = (TEXT + "\n") * 20_000
    small = replace(snapshot(PER), text=TEXT).change()
    big = replace(snapshot(PER), text=long_text, tokens=tokenize(long_text)).change()
    size = len(json.dumps(small, ensure_ascii=False))
    assert len(json.dumps(big, ensure_ascii=False)) == size < 400


def test_a_full_record_marks_the_spans_that_came_with_the_input() -> None:
    record = replace(snapshot(PER, GPE), full=True).record()
    assert [s.get("origin") for s in record["spans"]] == [None, "input"]
    assert not is_change(record)


def test_a_change_line_takes_only_answers_prodigy_knows() -> None:
    with pytest.raises(ValueError, match="answer"):
        change_record(doc_id="x", text_hash=1, spans=[], answer="maybe", annotator="a", file="f")


# -- the store reads back the latest line, whatever its kind --------------------------


def test_the_latest_line_wins_whatever_its_kind(out: str) -> None:
    first = snapshot(PER)
    with AnnotationStore.open(out)[0] as store:
        store.append_full(replace(first, full=True).record())
        store.append_change(snapshot(PER, GPE).change())
    with AnnotationStore.open(out)[0] as store:
        state = store.state_of("news.txt", task_hash("news.txt"))
        assert state is not None and not state.full and state.where == f"{out}:2"
        assert state.record["spans"][1]["origin"] == "input"
        store.append_full(replace(snapshot(GPE, answer="reject"), full=True).record())
    with AnnotationStore.open(out)[0] as store:
        state = store.state_of("news.txt", task_hash("news.txt"))
        assert state is not None and state.full and state.where == f"{out}:3"
        assert [s["label"] for s in state.record["spans"]] == ["GPE"]
        assert store.progress() == {"news.txt": {"reject": 1}}


def test_answers_counted_from_change_lines_too(out: str) -> None:
    with AnnotationStore.open(out)[0] as store:
        store.append_change(snapshot(PER, answer="accept").change())
        store.append_change(snapshot(PER, answer="ignore", doc="b.txt").change())
        store.append_change(snapshot(answer="reject", doc="b.txt").change())
        assert store.progress() == {"news.txt": {"accept": 1}, "b.txt": {"reject": 1}}


def test_each_kind_of_append_takes_only_its_kind(out: str) -> None:
    full = replace(snapshot(PER), full=True).record()
    change = snapshot(PER).change()
    with AnnotationStore.open(out)[0] as store:
        with pytest.raises(ValueError, match="change"):
            store.append_change(full)
        with pytest.raises(ValueError, match="full record"):
            store.append_full(change)
        with pytest.raises(ValueError, match="full record"):
            store.append_full({"_task_hash": 1})
    assert not Path(out).exists()  # nothing was written: the empty file made is gone


def test_a_torn_change_line_is_moved_aside_and_the_line_before_wins(
    out: str, tmp_path: Path
) -> None:
    with AnnotationStore.open(out)[0] as store:
        store.append_full(replace(snapshot(PER), full=True).record())
        store.append_change(snapshot(PER, GPE).change())
    data = Path(out).read_bytes()
    cut = data.rindex(b'"answer"')  # a kill in the middle of the change's write
    Path(out).write_bytes(data[:cut])
    store, problems = AnnotationStore.open(out)
    with store:
        assert problems == [] and store.torn is not None and ":2: torn last line" in store.torn
        assert store.start()[0].endswith(tuple(str(p) for p in tmp_path.glob("*.torn-*")))
        state = store.state_of("news.txt", task_hash("news.txt"))
        assert state is not None and state.full
        assert [s["label"] for s in state.record["spans"]] == ["PER"]


def test_a_change_line_cut_short_by_a_full_disk_is_cut_off(
    out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from reader.annotation import store as store_module

    with AnnotationStore.open(out)[0] as store:
        store.append_change(snapshot(PER).change())
        before = Path(out).read_bytes()
        real_write = os.write

        def half(fd: int, data: bytes) -> int:
            return real_write(fd, data[: len(data) // 2])

        monkeypatch.setattr(store_module.os, "write", half)
        with pytest.raises(OSError, match="only"):
            store.append_change(snapshot(PER, GPE).change())
        assert Path(out).read_bytes() == before
        monkeypatch.undo()
        store.append_change(snapshot(PER, GPE).change())
    assert [len(r["spans"]) for r in lines(out)] == [1, 2]


# -- the journal: change lines while tagging, full records when it settles ------------


class Kept:
    """A store that keeps what is appended, by kind."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, dict]] = []  # type: ignore[type-arg]

    def append_change(self, change: dict) -> None:  # type: ignore[type-arg]
        self.lines.append(("change", change))

    def append_full(self, record: dict) -> None:  # type: ignore[type-arg]
        self.lines.append(("full", record))


def written(journal: Journal) -> None:
    for item in journal.due():
        journal.write(*item)


def test_tagging_writes_changes_and_leaving_writes_one_full_record() -> None:
    store = Kept()
    journal = Journal(store)  # type: ignore[arg-type]
    for spans in ((PER,), (PER, GPE)):
        journal.take(snapshot(*spans))
        written(journal)
    assert journal.settle("news.txt") is True
    written(journal)
    assert [kind for kind, _ in store.lines] == ["change", "change", "full"]
    assert store.lines[-1][1]["text"] == TEXT and len(store.lines[-1][1]["spans"]) == 2
    assert journal.settle("news.txt") is False  # nothing more is owed
    journal.settle_all()
    assert journal.due() == []


def test_the_session_end_writes_a_full_record_of_every_document_left_owing() -> None:
    store = Kept()
    journal = Journal(store)  # type: ignore[arg-type]
    journal.take(snapshot(PER, doc="a.txt"))
    journal.take(snapshot(GPE, doc="b.txt"))
    written(journal)
    journal.owe(snapshot(PER, doc="c.txt"))  # opened from a change line a crash left
    journal.settle_all()
    written(journal)
    fulls = [r["_hamish_doc"] for kind, r in store.lines if kind == "full"]
    assert sorted(fulls) == ["a.txt", "b.txt", "c.txt"]


def test_a_full_record_settled_while_its_change_is_written_is_still_written() -> None:
    store = Kept()
    journal = Journal(store)  # type: ignore[arg-type]
    journal.take(snapshot(PER))
    in_flight = journal.due()  # a worker has taken the change to write it
    journal.settle("news.txt")  # meanwhile, the document is left
    for item in in_flight:
        journal.write(*item)
    written(journal)
    assert [kind for kind, _ in store.lines] == ["change", "full"]


def test_a_full_record_is_a_task_prodigy_takes() -> None:
    record = replace(snapshot(PER, GPE), full=True).record()
    expected = task_record(
        text=TEXT,
        meta={"source": "test"},
        doc_id="news.txt",
        spans=[PER, GPE],
        answer=None,
        annotator="amira",
        tokens=TOKENS,
        timestamp=record["_timestamp"],
    )
    assert record == {**expected, "_hamish_file": "news.txt"}


# -- opening a document whose latest line is a change ---------------------------------


def test_a_change_on_the_same_text_is_resumed_and_owes_a_full_record(out: str) -> None:
    from reader.annotation.opening import prepare, starting_state
    from reader.documents import Article

    with AnnotationStore.open(out)[0] as store:
        store.append_change(snapshot(PER, GPE, answer="reject").change())
        prepared = prepare(Article(TEXT, {}, "news.txt", ((0, 4, "LOC"),)), 0, store, [], [])
    assert not prepared.pending and not prepared.changed
    start = starting_state(prepared, None, TEXT)
    assert start.spans == [PER, GPE] and start.answer == "reject" and start.owes_full
    assert [s.origin for s in start.spans] == [None, FROM_INPUT]


def test_a_change_made_on_other_text_is_reported_and_not_applied(out: str) -> None:
    from reader.annotation.opening import prepare, starting_state
    from reader.documents import Article

    with AnnotationStore.open(out)[0] as store:
        store.append_change(snapshot(PER, GPE).change())
        edited = TEXT + " اليوم"  # the input changed since
        came = ((0, 4, "LOC"),)
        prepared = prepare(Article(edited, {}, "news.txt", came), 0, store, [], ["PER"])
    assert prepared.changed and prepared.saved is None and prepared.new_labels == ["LOC"]
    start = starting_state(prepared, None, edited)
    assert start.spans == [Span(0, 4, "LOC", FROM_INPUT)] and not start.owes_full
