"""Saving while annotating: within a second, and never said to be saved when it is not.

The store's writes are made to fail as a full disk makes them fail (a
read-only file cannot be staged here: the store keeps the descriptor it
opened at start, and tests may run as root, whom permissions do not stop).
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import time
from pathlib import Path

import pytest
from pilot_helpers import SEED, screen_lines, settle, wait_until, write_jsonl
from textual.color import Color

from reader.annotation import store as store_module
from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.ui.screens.annotate_screen import AnnotateScreen

TEXT = load_article(SEED).text
TOKENS = tokenize(TEXT)
SIZE = (100, 36)
# "saved 12:34:56": what the status line says once a save is on disk.
SAVED = re.compile(r"\bsaved \d\d:\d\d:\d\d")


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def spans_of(record: dict) -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def status_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#status").render())


def record_status(app, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text the status line is given from now on."""
    status = app.screen.query_one("#status")
    shown: list[str] = []
    original = status.update

    def update(content="", **kwargs):  # type: ignore[no-untyped-def]
        shown.append(str(content))
        return original(content, **kwargs)

    monkeypatch.setattr(status, "update", update)
    return shown


class DiskFull:
    """Stands in for the store's append: fails with ENOSPC while ``failing``."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        self.real = real
        self.failing = True
        self.failed = 0
        self.saved = 0

    def __call__(self, record) -> None:  # type: ignore[no-untyped-def]
        if self.failing:
            self.failed += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.real(record)
        self.saved += 1


def annotating(make_app, tmp_path: Path, document: str = SEED):  # type: ignore[no-untyped-def]
    """An app annotating ``document`` with PER, ORG and GPE, and its output file."""
    out = tmp_path / "out.jsonl"
    return make_app("--labels", "PER,ORG,GPE", "--output", str(out), document), out


def fill_disk(app, monkeypatch: pytest.MonkeyPatch) -> DiskFull:  # type: ignore[no-untyped-def]
    """From now on the store's appends fail as on a full disk."""
    store = app.annotation.store
    disk = DiskFull(store.append)
    monkeypatch.setattr(store, "append", disk)
    return disk


async def test_each_change_is_one_fsynced_line_within_a_second(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, out = annotating(make_app, tmp_path)
    fsynced: list[int] = []  # the output file's size at each fsync of it
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        with_stat = os.fstat(fd)
        if out.exists() and os.path.samestat(with_stat, out.stat()):
            fsynced.append(with_stat.st_size)

    monkeypatch.setattr(store_module.os, "fsync", fsync)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert out.read_bytes() == b""
        expected = []
        for n, keys in enumerate([("1",), ("left", "2"), ("left", "3")], start=1):
            pressed = time.monotonic()
            await pilot.press(*keys)
            token = TOKENS[n - 1]
            expected.append((token.start, token.end, ["PER", "ORG", "GPE"][n - 1]))
            on_disk = await wait_until(pilot, lambda n=n: out.read_bytes().count(b"\n") >= n, 1.0)
            took = time.monotonic() - pressed
            assert on_disk, f"change {n} was not on disk {took:.2f} s after its key"
            # One line per change, and the line was fsynced once it was whole.
            data = out.read_bytes()
            assert data.count(b"\n") == n and data.endswith(b"\n")
            assert spans_of(lines_of(out)[-1]) == expected
            # The worker fsyncs right after the write that made the line visible.
            size = len(data)
            assert await wait_until(pilot, lambda size=size: size in fsynced, 0.5), fsynced
            await settle(pilot)
            assert SAVED.search(status_text(app)), status_text(app)


async def test_disk_full_is_shown_as_not_saved_and_retried(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, out = annotating(make_app, tmp_path)
    disk = fill_disk(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_status(app, monkeypatch)
        await pilot.press("1")
        # The save is tried within the second promised for it.
        tried = await wait_until(pilot, lambda: disk.failed >= 1, 1.0)
        await settle(pilot)
        assert tried and disk.failed >= 1
        text = status_text(app)
        assert "NOT SAVED" in text and "No space left on device" in text, text
        # While the disk stays full it says so, and it keeps trying (each retry
        # says "saving…" while it runs, then NOT SAVED again when it fails).
        retried = await wait_until(
            pilot, lambda: disk.failed >= 3 and "NOT SAVED" in status_text(app), 5.0
        )
        text = status_text(app)
        assert "NOT SAVED" in text and not SAVED.search(text), text
        assert retried and disk.failed >= 3, "the failed save was not retried"
        assert not any(SAVED.search(s) for s in shown), shown
        assert "NOT SAVED" in " ".join(screen_lines(app))  # drawn, not only held
        # In the theme's error colour (a tcss class, so it follows a theme switch).
        error = Color.parse(app.theme_variables["error"])
        assert app.screen.query_one("#status").styles.color == error
        assert out.read_bytes() == b""

        # Space again: the retry saves it, and only then does it say saved.
        disk.failing = False
        saved = await wait_until(pilot, lambda: SAVED.search(status_text(app)) is not None, 1.5)
        assert saved, status_text(app)
        assert disk.saved == 1
        first = TOKENS[0]
        assert [spans_of(r) for r in lines_of(out)] == [[(first.start, first.end, "PER")]]


async def test_a_write_cut_short_by_a_full_disk_leaves_no_torn_line(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's own write fails part way: what was written is cut off again."""
    app, out = annotating(make_app, tmp_path)
    real_write = os.write
    state = {"full": True, "calls": 0}

    def write(fd: int, data) -> int:  # type: ignore[no-untyped-def]
        if state["full"] and out.exists() and os.path.samestat(os.fstat(fd), out.stat()):
            state["calls"] += 1
            if state["calls"] == 1:  # room for half the line, as a filling disk does
                return real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(store_module.os, "write", write)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_status(app, monkeypatch)
        await pilot.press("2")
        await wait_until(pilot, lambda: "NOT SAVED" in status_text(app), 3.0)
        await settle(pilot)
        assert "NOT SAVED" in status_text(app), status_text(app)
        assert out.read_bytes() == b""  # the half line is gone
        await wait_until(pilot, lambda: state["calls"] >= 2, 3.0)  # a retry, failing outright
        await settle(pilot)
        assert state["calls"] >= 2
        assert "NOT SAVED" in status_text(app), status_text(app)
        assert out.read_bytes() == b""
        assert not any(SAVED.search(s) for s in shown), shown

        state["full"] = False
        saved = await wait_until(pilot, lambda: SAVED.search(status_text(app)) is not None, 1.5)
        assert saved, status_text(app)
        first = TOKENS[0]
        assert [spans_of(r) for r in lines_of(out)] == [[(first.start, first.end, "ORG")]]


async def test_quitting_while_saves_fail_needs_a_second_q(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, out = annotating(make_app, tmp_path)
    disk = fill_disk(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await wait_until(pilot, lambda: "NOT SAVED" in status_text(app), 3.0)
        await settle(pilot)
        assert "NOT SAVED" in status_text(app)
        tries = disk.failed
        await pilot.press("q")
        await settle(pilot)
        # Not quit: it tried once more, and says how to quit without saving.
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, AnnotateScreen)
        assert disk.failed > tries
        assert "NOT SAVED" in status_text(app)
        notices = " ".join(n.message for n in app._notifications)  # noqa: SLF001
        assert "press q again" in notices, notices
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, 3.0)
        assert not app.is_running
        assert app.return_code == 0
    assert not out.exists()  # the user chose to quit without it: the empty file made is gone


async def test_quitting_while_a_save_is_failing_is_not_silent(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """q while a save is still running in its worker, a save that then fails."""
    app, out = annotating(make_app, tmp_path)
    real_fsync = os.fsync

    def slow_failing_fsync(fd: int) -> None:
        # A network or overfull disk: the flush takes a while, then fails.
        if out.exists() and os.path.samestat(os.fstat(fd), out.stat()):
            time.sleep(0.6)
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(store_module.os, "fsync", slow_failing_fsync)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_status(app, monkeypatch)
        await pilot.press("1")
        # The save is due at 0.3 s, then sits in its slow fsync.
        await wait_until(pilot, lambda: "saving" in status_text(app), 3.0)
        assert "saving" in status_text(app)
        await pilot.press("q")
        await wait_until(
            pilot, lambda: not app.is_running or any("NOT SAVED" in s for s in shown), 3.0
        )
        running = app.is_running
        if running:  # as it should: it says the change is not saved, and how to quit
            assert any("NOT SAVED" in s for s in shown), shown
            assert not any(SAVED.search(s) for s in shown), shown
            notices = " ".join(n.message for n in app._notifications)  # noqa: SLF001
            assert "press q again" in notices, notices
            await pilot.press("q")
            await wait_until(pilot, lambda: not app.is_running, 3.0)
            assert not app.is_running
    assert not out.exists()  # the change is not in the file (made empty, so gone again) ...
    assert running, "... yet hamish quit at once, without a word"


async def test_an_earlier_save_finishing_does_not_say_a_later_change_is_saved(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, out = annotating(make_app, tmp_path)
    real_fsync = os.fsync
    calls = {"n": 0}

    def slow_fsync(fd: int) -> None:
        # The first save's flush is slow but works; the second's fails.
        if out.exists() and os.path.samestat(os.fstat(fd), out.stat()):
            calls["n"] += 1
            if calls["n"] == 1:
                time.sleep(0.8)
            elif calls["n"] == 2:
                time.sleep(0.3)
                raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(store_module.os, "fsync", slow_fsync)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_status(app, monkeypatch)
        await pilot.press("1")  # saved from 0.3 s, done 0.8 s later
        await wait_until(pilot, lambda: calls["n"] >= 1, 3.0)  # in its slow fsync
        await pilot.press("left", "2")  # its save starts at about 1.1 s, and fails
        await wait_until(pilot, lambda: "NOT SAVED" in status_text(app), 2.5)
        assert "NOT SAVED" in status_text(app)
        await pilot.press("q", "q")
    said_saved_with_two = [s for s in shown if s.startswith("2 spans") and SAVED.search(s)]
    assert not said_saved_with_two, shown


def record_file(tmp_path: Path) -> Path:
    """Two records: the seed's text and a short one."""
    records = [{"text": TEXT, "meta": {"source": "seed"}}, {"text": "نص قصير آخر"}]
    return write_jsonl(tmp_path / "records.jsonl", records)


@pytest.mark.parametrize(
    "reopen", [("escape", "enter"), ("right_square_bracket", "left_square_bracket")]
)
async def test_a_document_opened_again_saves_every_later_change(
    make_app, tmp_path: Path, reopen: tuple[str, str]
) -> None:
    app, out = annotating(make_app, tmp_path, str(record_file(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = []
        for n, keys in enumerate([("1",), ("left", "2"), ("left", "3")]):
            await pilot.press(*keys)
            expected.append((TOKENS[n].start, TOKENS[n].end, ["PER", "ORG", "GPE"][n]))
            assert await wait_until(pilot, lambda n=n: len(lines_of(out)) > n, 1.5)
        assert spans_of(lines_of(out)[-1]) == expected
        for key in reopen:  # the same document screen reads it again
            await pilot.press(key)
            await settle(pilot)
        assert "3 spans" in status_text(app), status_text(app)
        # The token cursor came back where it was left, on the third token.
        await pilot.press("left", "1")
        expected.append((TOKENS[3].start, TOKENS[3].end, "PER"))
        on_disk = await wait_until(pilot, lambda: spans_of(lines_of(out)[-1]) == expected, 1.5)
        assert on_disk, (lines_of(out)[-1]["spans"], status_text(app))
        await settle(pilot)
        assert SAVED.search(status_text(app)), status_text(app)


async def test_a_document_opened_while_its_save_is_on_the_way_shows_its_newest_state(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, out = annotating(make_app, tmp_path, str(record_file(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Full before the first change: no save of it can land first, however
        # slowly the keys come (a save is due 0.3 s after a change).
        disk = fill_disk(app, monkeypatch)
        await pilot.press("1", "left", "2")
        await pilot.press("right_square_bracket")  # leaving saves; the save fails, stays due
        # (Not a timing test: the next document is read in a worker first.)
        assert await wait_until(pilot, lambda: disk.failed >= 1, 5.0)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        # Not the file's (empty) state: the two spans made before leaving.
        assert "2 spans" in status_text(app), status_text(app)
        disk.failing = False
        assert await wait_until(pilot, lambda: out.exists() and out.read_bytes() != b"", 2.0)
        assert len(spans_of(lines_of(out)[-1])) == 2
        await pilot.press("q")
    assert len(spans_of(lines_of(out)[-1])) == 2


async def test_flushing_standard_error_while_annotating_is_neither_a_save_nor_a_crash(
    make_app, tmp_path: Path
) -> None:
    """Textual calls ``App._flush(stderr=...)`` when captured output is flushed; the
    app's own save-everything once had that name, and every flush raised."""
    app, out = annotating(make_app, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        print("a library says something", file=sys.stderr, flush=True)
        await settle(pilot)
        assert app.is_running
        assert out.read_bytes() == b""
