"""A save that ends after its screen began to go: no crash, and the line is on disk."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from pilot_helpers import SEED, settle, wait_until
from textual.worker import WorkerState

from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.ui.screens.annotate_screen import AnnotateScreen
from reader.ui.screens.save_loop import SaveLoop

SIZE = (100, 36)
TOKENS = tokenize(load_article(SEED).text)


def hold_writes(app, monkeypatch, writing, gate) -> None:  # type: ignore[no-untyped-def]
    """From now on each store append says it began (``writing``), then waits for ``gate``."""
    real = app.annotation.store.append

    def held(record):  # type: ignore[no-untyped-def]
        writing.set()
        gate.wait(10)
        real(record)

    monkeypatch.setattr(app.annotation.store, "append", held)


def last_spans(out: Path) -> list[tuple[int, int, str]]:
    record = json.loads(out.read_text("utf-8").splitlines()[-1])
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


async def test_a_save_that_ends_after_leaving_the_document_is_not_an_error(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, folder / name)
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), str(folder))
    writing, gate = threading.Event(), threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the library's first document
        assert await wait_until(pilot, lambda: isinstance(app.screen, AnnotateScreen), 5.0)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        hold_writes(app, monkeypatch, writing, gate)
        await pilot.press("1")
        assert await wait_until(pilot, writing.is_set, 5.0)
        (worker,) = [w for w in app.workers if w.group == "save"]
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: not screen.is_attached, 5.0), app.screen
        gate.set()
        assert await wait_until(pilot, lambda: worker.is_finished, 5.0)
        await settle(pilot)
        assert worker.state is not WorkerState.ERROR, worker.error
        assert app.is_running
    assert last_spans(out) == [(TOKENS[0].start, TOKENS[0].end, "PER")]


async def test_a_save_that_ends_while_the_app_closes_is_not_an_error(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    writing, gate = threading.Event(), threading.Event()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#status")
        hold_writes(app, monkeypatch, writing, gate)

        def release_once_the_status_line_is_gone() -> None:
            for _ in range(1000):
                if status.parent is None:
                    break
                threading.Event().wait(0.01)
            gate.set()

        await pilot.press("1")
        assert await wait_until(pilot, writing.is_set, 5.0)
        threading.Thread(target=release_once_the_status_line_is_gone, daemon=True).start()
    assert app.return_code in (None, 0)
    assert gate.is_set() and status.parent is None
    assert last_spans(out) == [(TOKENS[0].start, TOKENS[0].end, "PER")]


class Going:
    """A screen as a save finds it when it ends: attached, or already going."""

    def __init__(self, attached: bool, shown: bool) -> None:
        self.is_attached = attached
        self.display = shown
        self.timers: list[float] = []

    def set_timer(self, delay: float, callback: object) -> object:
        self.timers.append(delay)
        return object()


class NothingDue:
    def due(self) -> list[object]:
        return []


@pytest.mark.parametrize(
    ("attached", "shown", "told"),
    [(True, True, True), (False, True, False), (True, False, False)],
)
def test_a_save_ending_tells_its_screen_only_while_the_screen_is_there(
    attached: bool, shown: bool, told: bool
) -> None:
    # The app closing (not attached) or the screen being removed (not
    # displayed) removes its status line first: telling it then raised
    # NoMatches in the save's worker, and the app died with WorkerFailed.
    calls: list[str] = []
    screen = Going(attached, shown)
    loop = SaveLoop(
        screen,  # type: ignore[arg-type]
        NothingDue(),  # type: ignore[arg-type]
        lambda: None,
        lambda doc_id: True,
        lambda: calls.append(loop.state),
    )
    loop._in_flight = 1
    loop._done(["doc"])
    assert loop.state.startswith("saved ") and loop._in_flight == 0
    assert calls == ([loop.state] if told else [])
    loop._in_flight = 1
    loop._failed("disk full")
    assert loop.state == "NOT SAVED, retrying: disk full"
    assert calls[1:] == ([loop.state] if told else [])
    assert screen.timers == ([1.0] if told else [])  # retried only by a screen still there
