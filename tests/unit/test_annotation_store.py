"""The output file: append-only saves, latest per task on load, torn lines, the lock."""

from __future__ import annotations

import builtins
import errno
import json
import os
from pathlib import Path

import pytest
from store_helpers import line, line_compact, task

from reader.annotation.store import AnnotationStore, StoreError, default_output_path

ROOT = os.name == "posix" and os.geteuid() == 0


def reopen(out: str) -> tuple[AnnotationStore, list[str]]:
    return AnnotationStore.open(out)


# -- saving and resuming ----------------------------------------------------------


def test_reopening_gives_the_latest_record_of_each_task(out: str) -> None:
    with AnnotationStore.open(out)[0] as store:
        store.append(task(1, "accept", v=1))
        store.append(task(2, "reject"))
        store.append(task(1, "ignore", v=2))
        store.append(task(3, None))
        assert store.latest(1) == task(1, "ignore", v=2)
    again, problems = reopen(out)
    with again:
        assert problems == []
        assert again.latest(1) == task(1, "ignore", v=2)
        assert again.latest(2) == task(2, "reject")
        assert again.latest(3) == task(3, None)
        assert again.latest(4) is None
        assert again.answers() == {1: "ignore", 2: "reject"}
        assert len(again) == 3 and 3 in again and 4 not in again
        assert sorted(r["_task_hash"] for r in again.records()) == [1, 2, 3]


def test_each_save_is_one_line_appended(store: AnnotationStore, out: str) -> None:
    store.append(task(1))
    first = Path(out).read_bytes()
    store.append(task(1, "reject"))
    data = Path(out).read_bytes()
    assert data.startswith(first) and data.count(b"\n") == 2
    assert "نص".encode() in data  # UTF-8, not \u escapes


def test_unicode_line_breaks_stay_inside_one_line(store: AnnotationStore, out: str) -> None:
    record = task(1, text="a\u2028b\u2029c\u0085d\ne")
    store.append(record)
    data = Path(out).read_text(encoding="utf-8")
    assert len(data.splitlines()) == 1
    assert json.loads(data) == record


def test_a_record_needs_an_integer_task_hash(store: AnnotationStore, out: str) -> None:
    for bad in ({"text": "x"}, {"_task_hash": "1"}, {"_task_hash": True}):
        with pytest.raises(ValueError, match="_task_hash"):
            store.append(bad)
    with pytest.raises(ValueError, match="JSON"):
        store.append({"_task_hash": 1, "x": object()})
    assert Path(out).read_bytes() == b""


def test_a_closed_store_refuses_to_save(out: str) -> None:
    store, _ = AnnotationStore.open(out)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(ValueError, match="closed"):
        store.append(task(1))


def test_a_large_file_opens_with_every_task(out: str) -> None:
    with open(out, "wb") as f:
        for i in range(100_000):
            f.write(line({"_task_hash": i % 50_000, "answer": "accept" if i % 3 else "reject"}))
    store, problems = reopen(out)
    with store:
        assert problems == []
        assert len(store) == 50_000
        assert store.latest(49_999) == {"_task_hash": 49_999, "answer": "reject"}  # line 100,000


def test_saving_reads_nothing_back(store: AnnotationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save costs the same however long the file: it never reads or seeks in it."""
    store.append(task(1))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a save read the file")

    with monkeypatch.context() as m:
        for name in ("read", "pread", "lseek"):
            m.setattr(os, name, refuse)
        m.setattr(builtins, "open", refuse)
        store.append(task(2))
        store.append(task(1, "reject"))
    assert store.answers() == {1: "reject", 2: "accept"}


# -- failed saves --------------------------------------------------------------------


def test_a_failed_write_changes_nothing(
    store: AnnotationStore, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.append(task(1))
    before = Path(out).read_bytes()

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "write", disk_full)
        with pytest.raises(OSError) as caught:
            store.append(task(1, "reject", v=2))
    assert caught.value.errno == errno.ENOSPC
    assert store.latest(1) == task(1)
    assert store.answers() == {1: "accept"}
    assert Path(out).read_bytes() == before
    store.append(task(1, "reject", v=2))  # the retry
    assert store.latest(1) == task(1, "reject", v=2)


def test_a_short_write_is_cut_off_again(
    store: AnnotationStore, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.append(task(1))
    before = Path(out).read_bytes()
    real_write = os.write

    def half(fd: int, data: bytes) -> int:
        return real_write(fd, data[: len(data) // 2])

    with monkeypatch.context() as m:
        m.setattr(os, "write", half)
        with pytest.raises(OSError, match="bytes were written"):
            store.append(task(2))
    assert Path(out).read_bytes() == before
    assert store.latest(2) is None
    store.append(task(2))
    store.close()
    again, problems = reopen(out)
    with again:
        assert problems == [] and again.latest(2) == task(2)


def test_a_failed_fsync_is_not_a_save(
    store: AnnotationStore, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.append(task(1))

    def failing(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", failing)
        with pytest.raises(OSError):
            store.append(task(2))
    assert store.latest(2) is None and 2 not in store.answers()
    store.append(task(2))  # the retry cuts off what the failed save left
    store.close()
    assert Path(out).read_bytes() == line_compact(task(1)) + line_compact(task(2))


# -- torn and bad lines ------------------------------------------------------------

CUT_SHORT = "no newline at its end: a save cut short"


def test_a_torn_last_line_is_noted_on_open_and_moved_aside_when_asked(
    out: str, tmp_path: Path
) -> None:
    good = line(task(1)) + line(task(2))
    torn = line(task(2, "reject"))[:-9]
    Path(out).write_bytes(good + torn)
    store, problems = reopen(out)
    with store:
        assert problems == []
        assert store.torn == f"{out}:3: torn last line ({CUT_SHORT})"
        # Opening moves nothing: the app moves it once it runs and can say so.
        assert Path(out).read_bytes() == good + torn
        assert not list(tmp_path.glob("out.jsonl.torn-*"))
        said = store.set_torn_aside()
        (side,) = tmp_path.glob("out.jsonl.torn-*")
        assert said == f"{out}:3: torn last line ({CUT_SHORT}) moved to {side}"
        assert store.torn is None and store.set_torn_aside() is None
        assert side.read_bytes() == torn
        assert Path(out).read_bytes() == good
        assert store.latest(2) == task(2)
        store.append(task(3))
    again, problems = reopen(out)
    with again:
        assert problems == [] and again.torn is None
        assert again.answers() == {1: "accept", 2: "accept", 3: "accept"}


def test_a_torn_line_left_in_place_is_never_glued_to_a_save(out: str, tmp_path: Path) -> None:
    """Should it not be moved aside, the next record goes on a line of its own."""
    good = line(task(1))
    torn = line(task(2))[:-5]
    Path(out).write_bytes(good + torn)
    with reopen(out)[0] as store:
        store.append(task(3))
        assert store.torn is None  # no longer the last line
    assert Path(out).read_bytes() == good + torn + b"\n" + line_compact(task(3))
    again, problems = reopen(out)
    with again:
        (problem,) = problems  # a bad line in the middle now, reported and skipped
        assert problem.startswith(f"{out}:2: bad JSON") and problem.endswith("; skipped")
        assert again.answers() == {1: "accept", 3: "accept"}
    assert not list(tmp_path.glob("out.jsonl.torn-*"))


def test_a_last_line_without_its_newline_is_torn(out: str, tmp_path: Path) -> None:
    Path(out).write_bytes(line(task(1)) + line(task(2))[:-1])
    store, problems = reopen(out)
    with store:
        assert problems == [] and store.torn is not None and CUT_SHORT in store.torn
        assert store.latest(2) is None and store.latest(1) == task(1)


def test_a_bad_last_line_with_its_newline_is_torn_too(out: str, tmp_path: Path) -> None:
    Path(out).write_bytes(line(task(1)) + b"\x00\x00\x00\n\n")
    store, problems = reopen(out)
    with store:
        assert problems == []
        assert store.torn == f"{out}:2: torn last line (bad JSON: Expecting value at column 1)"
        store.set_torn_aside()
        (side,) = tmp_path.glob("out.jsonl.torn-*")
        assert side.read_bytes() == b"\x00\x00\x00\n\n"
        assert Path(out).read_bytes() == line(task(1))


def test_two_torn_files_in_one_second_get_their_own_side_files(out: str, tmp_path: Path) -> None:
    for _ in range(2):
        Path(out).write_bytes(line(task(1)) + b'{"_task')
        with reopen(out)[0] as store:
            assert store.set_torn_aside() is not None
    assert len(list(tmp_path.glob("out.jsonl.torn-*"))) == 2


def test_a_bad_middle_line_is_reported_and_left_in_place(out: str) -> None:
    data = (
        line(task(1))
        + b"{not json\n"
        + b"\n"
        + line({"no": "task hash"})
        + b"\xff\xfe\n"
        + line(task(2))
    )
    Path(out).write_bytes(data)
    store, problems = reopen(out)
    with store:
        assert problems == [
            f"{out}:2: bad JSON: Expecting property name enclosed in double quotes "
            "at column 2; skipped",
            f"{out}:4: not a saved task: no integer _task_hash; skipped",
            f"{out}:5: not UTF-8; skipped",
        ]
        assert store.answers() == {1: "accept", 2: "accept"}
        assert Path(out).read_bytes() == data


def test_blanks_at_the_end_without_a_newline_are_harmless(out: str) -> None:
    """The next record finishes their line: JSON allows blanks before a value."""
    Path(out).write_bytes(line(task(1)) + b"  ")
    store, problems = reopen(out)
    with store:
        assert problems == [] and store.torn is None
        store.append(task(2))
    assert Path(out).read_bytes() == line(task(1)) + b"  " + line_compact(task(2))
    again, problems = reopen(out)
    with again:
        assert problems == [] and len(again) == 2


# -- where the output goes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("news/day1.jsonl", os.path.join("news", "day1.annotations.jsonl")),
        ("/a/b/article.txt", "/a/b/article.annotations.jsonl"),
        ("article.md", "article.annotations.jsonl"),
        ("noext", "noext.annotations.jsonl"),
        ("-", "stdin.annotations.jsonl"),
    ],
)
def test_default_output_path(given: str, expected: str) -> None:
    assert default_output_path(given) == expected


def test_documents_whose_task_hashes_collide_keep_their_own_records(tmp_path) -> None:
    """32-bit task hashes collide; the saved document id keeps them apart."""
    path = str(tmp_path / "out.jsonl")
    store, _ = AnnotationStore.open(path)
    a = {"text": "a", "_task_hash": 42, "_hamish_doc": "one.txt", "answer": "accept"}
    b = {"text": "b", "_task_hash": 42, "_hamish_doc": "two.txt", "answer": "reject"}
    store.append(a)
    store.append(b)
    store.close()
    store, problems = AnnotationStore.open(path)
    assert problems == []
    assert store.latest(42, "one.txt")["text"] == "a"
    assert store.latest(42, "two.txt")["text"] == "b"
    assert len(store) == 2
    assert sorted(r["text"] for r in store.records()) == ["a", "b"]
    store.close()


def test_an_output_where_nothing_can_be_created_is_a_clear_error_even_for_root() -> None:
    """/proc takes no new files, whoever asks: a real read-only place, no mocking."""
    target = "/proc/hamish-test.annotations.jsonl"
    if not os.path.isdir("/proc/self"):
        pytest.skip("no /proc on this system")
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(target)
    message = str(caught.value)
    assert message.startswith(f"{target}: cannot be created (") and "\n" not in message
