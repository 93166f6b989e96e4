"""The output file: append-only saves, latest per task on load, torn lines, the lock."""

from __future__ import annotations

import builtins
import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.annotation.store import (
    AnnotationStore,
    StoreError,
    StoreLocked,
    default_output_path,
)
from reader.documents import InputError

ROOT = os.name == "posix" and os.geteuid() == 0


def task(number: int, answer: str | None = "accept", **extra: Any) -> dict[str, Any]:
    return {"text": f"نص {number}", "_task_hash": number, "answer": answer, **extra}


def line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


@pytest.fixture
def out(tmp_path: Path) -> str:
    return str(tmp_path / "out.jsonl")


@pytest.fixture
def store(out: str) -> Iterator[AnnotationStore]:
    opened, problems = AnnotationStore.open(out)
    assert problems == []
    with opened:
        yield opened


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


def line_compact(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


# -- torn and bad lines ------------------------------------------------------------


def test_a_torn_last_line_is_moved_aside(out: str, tmp_path: Path) -> None:
    good = line(task(1)) + line(task(2))
    torn = line(task(2, "reject"))[:-9]
    Path(out).write_bytes(good + torn)
    store, problems = reopen(out)
    with store:
        (problem,) = problems
        (side,) = tmp_path.glob("out.jsonl.torn-*")
        assert problem.startswith(f"{out}:3: torn last line")
        assert problem.endswith(f"moved to {side}")
        assert side.read_bytes() == torn
        assert Path(out).read_bytes() == good
        assert store.latest(2) == task(2)
        store.append(task(3))
    again, problems = reopen(out)
    with again:
        assert problems == []
        assert again.answers() == {1: "accept", 2: "accept", 3: "accept"}


def test_a_last_line_without_its_newline_is_torn(out: str, tmp_path: Path) -> None:
    Path(out).write_bytes(line(task(1)) + line(task(2))[:-1])
    store, problems = reopen(out)
    with store:
        assert "no newline" in problems[0]
        assert store.latest(2) is None and store.latest(1) == task(1)


def test_a_bad_last_line_with_its_newline_is_torn_too(out: str, tmp_path: Path) -> None:
    Path(out).write_bytes(line(task(1)) + b"\x00\x00\x00\n\n")
    store, problems = reopen(out)
    with store:
        assert len(problems) == 1 and "torn last line" in problems[0]
        (side,) = tmp_path.glob("out.jsonl.torn-*")
        assert side.read_bytes() == b"\x00\x00\x00\n\n"
        assert Path(out).read_bytes() == line(task(1))


def test_two_torn_files_in_one_second_get_their_own_side_files(out: str, tmp_path: Path) -> None:
    for _ in range(2):
        Path(out).write_bytes(line(task(1)) + b'{"_task')
        store, problems = reopen(out)
        store.close()
        assert len(problems) == 1
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


def test_a_blank_unfinished_last_line_is_dropped_quietly(out: str) -> None:
    Path(out).write_bytes(line(task(1)) + b"  ")
    store, problems = reopen(out)
    with store:
        assert problems == []
        store.append(task(2))
    assert Path(out).read_bytes().count(b"\n") == 2
    again, problems = reopen(out)
    with again:
        assert problems == [] and len(again) == 2


# -- the lock ------------------------------------------------------------------------


def test_a_second_open_in_the_same_process_is_refused(store: AnnotationStore, out: str) -> None:
    with pytest.raises(StoreLocked) as caught:
        AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: in use by another hamish (pid {os.getpid()})"
    assert caught.value.pid == os.getpid()
    assert isinstance(caught.value, InputError)  # prints as one line, exits 2


def test_the_lock_goes_with_close(out: str) -> None:
    store, _ = AnnotationStore.open(out)
    assert Path(store.lock_path).read_text().split()[0] == str(os.getpid())
    store.close()
    assert not Path(store.lock_path).exists()
    again, _ = AnnotationStore.open(out)
    again.close()


def test_a_symlink_to_the_file_shares_its_lock(store: AnnotationStore, out: str) -> None:
    link = out + ".link.jsonl"
    os.symlink(out, link)
    with pytest.raises(StoreLocked):
        AnnotationStore.open(link)


HOLDER = textwrap.dedent(
    """
    import sys
    from reader.annotation.store import AnnotationStore
    store, problems = AnnotationStore.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_a_second_process_is_refused_while_the_first_holds_the_file(out: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, out],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        with pytest.raises(StoreLocked) as caught:
            AnnotationStore.open(out)
        assert caught.value.pid == holder.pid
        assert str(caught.value) == f"{out}: in use by another hamish (pid {holder.pid})"
    finally:
        holder.communicate("\n", timeout=30)
    store, _ = AnnotationStore.open(out)  # let go: free again
    store.close()


def test_a_second_process_is_refused_while_we_hold_the_file(
    store: AnnotationStore, out: str
) -> None:
    code = (
        "import sys\n"
        "from reader.annotation.store import AnnotationStore, StoreLocked\n"
        "try:\n"
        "    AnnotationStore.open(sys.argv[1])\n"
        "except StoreLocked as err:\n"
        "    print(err); sys.exit(2)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, out], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout.strip() == f"{out}: in use by another hamish (pid {os.getpid()})"


def test_a_killed_holder_leaves_no_lock_behind(out: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, out],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert Path(out + ".lock").exists()  # stale, but its flock died with the process
    store, problems = AnnotationStore.open(out)
    store.close()
    assert problems == []


# -- files that cannot be used ------------------------------------------------------


@pytest.mark.skipif(ROOT, reason="root ignores file permissions")
def test_a_read_only_output_file_is_a_clear_error(out: str) -> None:
    Path(out).write_bytes(line(task(1)))
    os.chmod(out, 0o444)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: cannot be written (permission denied)"
    os.chmod(out, 0o644)
    store, _ = AnnotationStore.open(out)  # the failed open let go of the lock
    store.close()


@pytest.mark.skipif(ROOT, reason="root ignores file permissions")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="cannot create the lock file .*permission denied"):
            AnnotationStore.open(str(folder / "out.jsonl"))
    finally:
        folder.chmod(0o755)


def test_a_refused_output_file_is_a_clear_error_even_for_root(
    out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the chmod test checks, for when the tests run as root."""
    Path(out).write_bytes(line(task(1)))
    real_open = os.open

    def refuse(path: str, flags: int, *args: Any, **kwargs: Any) -> int:
        if path == out and flags & os.O_APPEND:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(os, "open", refuse)
        with pytest.raises(StoreError) as caught:
            AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: cannot be written (permission denied)"
    assert not Path(out + ".lock").exists()  # the failed open let go of the lock


def test_an_unreadable_file_is_a_clear_error(out: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Path(out).write_bytes(line(task(1)))

    def broken(*args: object) -> Any:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr("reader.annotation.store._lines", broken)
        with pytest.raises(StoreError) as caught:
            AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: cannot be read (input/output error)"
    store, _ = AnnotationStore.open(out)
    store.close()


def test_a_folder_is_not_an_output_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        AnnotationStore.open(str(tmp_path))


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
    assert message.startswith(f"{target}: cannot create the lock file ") and "\n" not in message
