"""Which files the store writes: one hamish per file, however it is named; only
regular files; no link followed where a file is made; nothing taken from a file
that is not an annotation file; and nothing left behind."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from store_helpers import line, line_compact, task

from reader.annotation.store import AnnotationStore, StoreError, StoreLocked
from reader.documents import InputError

ROOT = os.name == "posix" and os.geteuid() == 0


def beside(out: str) -> list[str]:
    """The names in the output's folder."""
    return sorted(os.listdir(os.path.dirname(out)))


# -- the lock ------------------------------------------------------------------------


def test_a_second_open_in_the_same_process_is_refused(store: AnnotationStore, out: str) -> None:
    with pytest.raises(StoreLocked) as caught:
        AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: in use by another hamish (pid {os.getpid()})"
    assert caught.value.pid == os.getpid()
    assert isinstance(caught.value, InputError)  # prints as one line, exits 2


def test_no_lock_file_is_made_and_the_lock_goes_with_close(out: str) -> None:
    store, _ = AnnotationStore.open(out)
    store.append(task(1))
    assert beside(out) == ["out.jsonl"]
    store.close()
    assert beside(out) == ["out.jsonl"]
    again, _ = AnnotationStore.open(out)
    again.close()


def test_a_symlink_to_the_file_shares_its_lock(store: AnnotationStore, out: str) -> None:
    link = out + ".link.jsonl"
    os.symlink(out, link)
    with pytest.raises(StoreLocked):
        AnnotationStore.open(link)


def test_a_hard_link_to_the_file_shares_its_lock(store: AnnotationStore, out: str) -> None:
    """One writer per file, not per name: the lock is the file's own."""
    store.append(task(1))
    other = os.path.join(os.path.dirname(out), "other-name.jsonl")
    os.link(out, other)
    with pytest.raises(StoreLocked) as caught:
        AnnotationStore.open(other)
    assert caught.value.pid == os.getpid()


def test_a_planted_lock_file_link_is_never_followed(tmp_path: Path, out: str) -> None:
    """``out.jsonl.lock -> victim`` once had hamish truncate the victim."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious\n")
    os.symlink(victim, out + ".lock")
    with AnnotationStore.open(out)[0] as store:
        store.append(task(1))
    assert victim.read_bytes() == b"precious\n"
    assert os.readlink(out + ".lock") == str(victim)


def test_a_link_to_nothing_is_not_followed_to_make_a_file(tmp_path: Path, out: str) -> None:
    target = tmp_path / "elsewhere.jsonl"
    os.symlink(target, out)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(out)
    assert str(caught.value) == (
        f"{out}: a symbolic link to nothing; hamish creates no file through a link"
    )
    assert not target.exists()


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


def holder(out: str) -> subprocess.Popen[str]:
    """Another process holding ``out``, once it has said "ready"."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, out],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def test_a_second_process_is_refused_while_the_first_holds_the_file(out: str) -> None:
    first = holder(out)
    try:
        with pytest.raises(StoreLocked) as caught:
            AnnotationStore.open(out)
        assert caught.value.pid == first.pid
        assert str(caught.value) == f"{out}: in use by another hamish (pid {first.pid})"
    finally:
        first.communicate("\n", timeout=30)
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


def test_a_killed_holder_leaves_nothing_behind(out: str) -> None:
    Path(out).write_bytes(line(task(1)))
    first = holder(out)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert beside(out) == ["out.jsonl"]
    store, problems = AnnotationStore.open(out)
    store.close()
    assert problems == []


def test_a_file_made_and_never_written_is_removed_on_close(out: str) -> None:
    """A run that saved nothing (or stopped before it began) leaves no empty output."""
    AnnotationStore.open(out)[0].close()
    assert beside(out) == []
    Path(out).write_bytes(b"")  # but an empty file that was there stays
    AnnotationStore.open(out)[0].close()
    assert beside(out) == ["out.jsonl"]


# -- files that are not annotation files ----------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"shopping:\nmilk\nbread", "bad JSON: Expecting value at column 1"),
        (line({"text": "an input record"}), "not a saved task: no integer _task_hash"),
        (b"\n\n" + line(task(1))[:-4], "no newline at its end: a save cut short"),
    ],
    ids=["notes", "an-input-file", "a-torn-line-alone"],
)
def test_a_file_whose_first_line_is_not_a_record_is_refused_untouched(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    """``--output notes.txt`` once moved the notes' last line into a side file."""
    notes = tmp_path / "notes.txt"
    notes.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(str(notes))
    first = 3 if content.startswith(b"\n") else 1
    assert str(caught.value) == (
        f"{notes}:{first}: not a hamish/Prodigy annotation record ({problem}); "
        "choose another --output"
    )
    assert notes.read_bytes() == content
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_a_torn_line_after_a_bad_one_is_refused_and_nothing_moved(out: str) -> None:
    content = line(task(1)) + b"edited by hand\n" + line(task(2)) + line(task(3))[:-3]
    Path(out).write_bytes(content)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(out)
    assert str(caught.value) == (
        f"{out}:4: torn last line (no newline at its end: a save cut short), and line 2 "
        "is not a record either; hamish moves nothing out of such a file: mend it or "
        "choose another --output"
    )
    assert Path(out).read_bytes() == content
    assert beside(out) == ["out.jsonl"]


# -- only regular files ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_not_an_output_file(tmp_path: Path) -> None:
    pipe = tmp_path / "out.jsonl"
    os.mkfifo(pipe)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(str(pipe))
    assert str(caught.value) == (
        f"{pipe}: not a regular file (a FIFO); hamish writes only regular files"
    )
    assert os.listdir(tmp_path) == ["out.jsonl"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_not_an_output_file_and_gets_no_lock_file() -> None:
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open("/dev/null")[0].close()  # (if it opened, let go of it)
    assert str(caught.value) == (
        "/dev/null: not a regular file (a character device); hamish writes only regular files"
    )
    assert not os.path.lexists("/dev/null.lock")


def test_a_folder_is_not_an_output_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(str(tmp_path))
    assert str(caught.value) == (
        f"{tmp_path}: not a regular file (a directory); hamish writes only regular files"
    )


@pytest.mark.skipif(ROOT, reason="root ignores file permissions")
def test_a_read_only_output_file_is_a_clear_error(out: str) -> None:
    Path(out).write_bytes(line(task(1)))
    os.chmod(out, 0o444)
    with pytest.raises(StoreError) as caught:
        AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: cannot be written (permission denied)"
    os.chmod(out, 0o644)
    store, _ = AnnotationStore.open(out)
    store.close()


@pytest.mark.skipif(ROOT, reason="root ignores file permissions")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match=r"cannot be created \(permission denied\)"):
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
    assert beside(out) == ["out.jsonl"]


def test_an_unreadable_file_is_a_clear_error(out: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Path(out).write_bytes(line(task(1)))

    def broken(*args: object) -> Any:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr("reader.annotation.store_lines.lines", broken)
        with pytest.raises(StoreError) as caught:
            AnnotationStore.open(out)
    assert str(caught.value) == f"{out}: cannot be read (input/output error)"
    store, _ = AnnotationStore.open(out)  # the failed open let go of the lock
    store.close()


# -- a failed save cuts off only its own bytes ------------------------------------------


def disk_full(fd: int, data: bytes) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_save_never_cuts_off_what_another_program_appended(
    store: AnnotationStore, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers once shared a file through a hard link; one failed save then
    truncated the other's three fsynced lines."""
    store.append(task(1))
    theirs = line(task(7)) + line(task(8)) + line(task(9))
    with open(out, "ab") as other:
        other.write(theirs)
    with monkeypatch.context() as m:
        m.setattr(os, "write", disk_full)
        with pytest.raises(OSError):
            store.append(task(2))
    assert Path(out).read_bytes() == line_compact(task(1)) + theirs
    store.append(task(2))  # the retry goes after their lines
    assert store.latest(2) == task(2)
    assert Path(out).read_bytes() == line_compact(task(1)) + theirs + line_compact(task(2))


def test_a_short_write_is_not_cut_off_once_another_program_wrote_after_it(
    store: AnnotationStore, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.append(task(1))
    real_write = os.write
    theirs = line(task(7))

    def half_then_theirs(fd: int, data: bytes) -> int:
        written = real_write(fd, data[: len(data) // 2])
        with open(out, "ab") as other:
            other.write(theirs)
        return written

    with monkeypatch.context() as m:
        m.setattr(os, "write", half_then_theirs)
        with pytest.raises(OSError, match="bytes were written"):
            store.append(task(2))
    assert Path(out).read_bytes().endswith(theirs)


def test_a_file_cut_short_by_another_program_is_not_saved_to(
    store: AnnotationStore, out: str
) -> None:
    store.append(task(1))
    store.append(task(2))
    os.truncate(out, len(line_compact(task(1))))
    with pytest.raises(OSError, match="cut short by another program"):
        store.append(task(3))
    assert Path(out).read_bytes() == line_compact(task(1))
