"""A long output is read after opening: what opening checks at once, and what waits."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_helpers import line, task

from reader.annotation import store_reading as store_module
from reader.annotation.store import AnnotationStore, StoreError
from reader.annotation.store_lines import encode, indexed_task, saved_task
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files of more than 100 bytes are read later."""
    monkeypatch.setattr(store_module, "LOAD_AT_OPEN", 100)


def long_file(out: str, count: int = 50) -> bytes:
    data = b"".join(line(task(i, "accept" if i % 2 else "reject")) for i in range(count))
    Path(out).write_bytes(data)
    return data


def test_a_long_file_is_locked_at_once_and_read_when_loaded(out: str, small_limit: None) -> None:
    long_file(out)
    store, problems = AnnotationStore.open(out)
    with store:
        assert problems == [] and not store.loaded
        # Locked already: a second hamish is refused before anything is read.
        with pytest.raises(StoreError, match="in use by another hamish"):
            AnnotationStore.open(out)
        assert store.load() == []
        assert store.loaded and len(store) == 50
        assert store.progress() == {}  # other tools' lines: no input file named
        assert store.latest(49) == task(49)


def test_a_lookup_before_loading_reads_the_file_first(out: str, small_limit: None) -> None:
    long_file(out)
    with AnnotationStore.open(out)[0] as store:
        assert not store.loaded
        assert store.latest(3) == task(3)
        assert store.loaded


def test_what_the_reading_found_is_said_once(out: str, small_limit: None) -> None:
    Path(out).write_bytes(long_file(out) + b"{broken\n" + line(task(99)))
    with AnnotationStore.open(out)[0] as store:
        assert 99 in store  # read here, by a lookup
        (problem,) = store.load()  # and said by load, once
        assert problem.startswith(f"{out}:51: bad JSON")
        assert store.load() == []


def test_an_append_waits_for_the_file_to_be_read(out: str, small_limit: None) -> None:
    data = long_file(out)
    with AnnotationStore.open(out)[0] as store:
        store.append(task(7, "ignore"))
        assert (
            Path(out).read_bytes()
            == data + b'{"text":"\xd9\x86\xd8\xb5 7","_task_hash":7,"answer":"ignore"}\n'
        )
        assert store.answers()[7] == "ignore"


def test_another_tools_file_is_refused_at_once_however_long(out: str, small_limit: None) -> None:
    Path(out).write_bytes(b'{"text": "not a task"}\n' + long_file(out))
    with pytest.raises(StoreError, match="not a hamish/Prodigy annotation record"):
        AnnotationStore.open(out)


def test_a_torn_end_is_read_at_once_so_a_file_with_a_bad_middle_too_is_refused(
    out: str, small_limit: None
) -> None:
    data = long_file(out)
    Path(out).write_bytes(data + b"{broken\n" + data + b'{"_task')
    with pytest.raises(StoreError, match="torn last line"):
        AnnotationStore.open(out)
    Path(out).write_bytes(data + b'{"_task')
    store, problems = AnnotationStore.open(out)
    with store:
        assert store.loaded and store.torn is not None


def test_a_file_that_cannot_be_read_later_fails_its_saves(
    out: str, small_limit: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_file(out)
    store, _ = AnnotationStore.open(out)
    with store:

        def broken(*args: object) -> object:
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(store_module, "read_output", broken)
        (problem,) = store.load()
        assert problem == f"{out}: cannot be read (input/output error); nothing is saved to it"
        with pytest.raises(OSError, match="cannot be read"):
            store.append(task(1))


def test_closing_while_it_is_read_stops_the_reading(out: str, small_limit: None) -> None:
    long_file(out, 2000)
    store, _ = AnnotationStore.open(out)
    noted = store._noted  # noqa: SLF001 - to close the store half-way through
    count = 0

    def closing(*args: object) -> None:
        nonlocal count
        count += 1
        if count == 10:
            store.close()
        noted(*args)  # type: ignore[arg-type]

    store._noted = closing  # type: ignore[method-assign]  # noqa: SLF001
    reader = threading.Thread(target=store.load)
    reader.start()
    reader.join(10)
    assert not reader.is_alive() and store.closed and count == 10


# -- reading the keys of full records without their tokens ----------------------------

SPANS_IN_TEXT = '],"spans":[ ,"tokens":[ \\" {"'


@given(
    text=st.text(alphabet=st.sampled_from(list('ab ب],"spans:[{}\\tokens')), min_size=1),
    meta=st.dictionaries(
        st.sampled_from(["tokens", "spans", "x", "_task_hash"]),
        st.one_of(st.integers(), st.text(max_size=12), st.lists(st.integers(), max_size=3)),
        max_size=3,
    ),
)
def test_a_record_indexed_without_its_tokens_is_the_record_less_its_tokens(
    text: str, meta: dict[str, object]
) -> None:
    record = task_record(
        text=text + SPANS_IN_TEXT,
        meta=meta,
        doc_id="d",
        spans=[],
        answer="accept",
        annotator="a",
        tokens=tokenize(text + SPANS_IN_TEXT),
        timestamp=0,
    )
    raw = encode(record)
    quick, whole = indexed_task(raw), saved_task(raw)
    assert not isinstance(quick, str) and not isinstance(whole, str)
    assert quick[1] == whole[1]
    assert {k: v for k, v in quick[0].items() if k != "tokens"} == {
        k: v for k, v in whole[0].items() if k != "tokens"
    }


def test_lines_not_in_hamish_s_order_are_read_whole() -> None:
    other = b'{"spans":[],"tokens":[{"start":0}],"_task_hash":3,"text":"x"}\n'
    assert indexed_task(other) == saved_task(other)
    in_meta = b'{"meta":{"a":1,"tokens":[1],"spans":[2]},"text":"x","_task_hash":4}\n'
    assert indexed_task(in_meta) == saved_task(in_meta)


def test_broken_tokens_are_found_when_the_line_is_read_back(out: str, small_limit: None) -> None:
    broken = b'{"text":"x","tokens":[{"start":0},],"spans":[],"_task_hash":5}\n'
    assert isinstance(saved_task(broken), str)  # not JSON: a trailing comma
    Path(out).write_bytes(long_file(out) + broken + line(task(6)))
    with AnnotationStore.open(out)[0] as store:
        assert store.load() == []  # its tokens were not read
        with pytest.raises(ValueError):
            store.latest(5)
