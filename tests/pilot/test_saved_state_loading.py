"""A long output is read after the first frame: the document shows at once, says its
saved spans are loading, and the keys pressed meanwhile wait and are made on them."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pilot_helpers import SEED, settle

from reader.annotation import store_reading
from reader.annotation.journal import Snapshot
from reader.annotation.spans import Span
from reader.annotation.store import AnnotationStore
from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.ui.screens.saved_state import LOADING

TEXT = load_article(SEED).text
TOKENS = tokenize(TEXT)
DOC = "shafaq-news-ghwayran-2022.txt"


def long_output(out: Path) -> None:
    """Other documents' records, then the seed's: its first token is PER."""
    first = Span(TOKENS[0].start, TOKENS[0].end, "PER")
    with AnnotationStore.open(str(out))[0] as store:
        for i in range(20):
            other = Snapshot(f"نص {i}", {}, f"other{i}.txt", (), "accept", "a", [], "x.txt")
            store.append_full(replace(other, full=True).record())
        seed = Snapshot(TEXT, {}, DOC, (first,), None, "a", TOKENS, DOC, None, True)
        store.append_full(seed.record())


def held(app, gate: threading.Event) -> None:  # type: ignore[no-untyped-def]
    """The output is not read until ``gate`` is set."""
    store = app.annotation.store
    assert not store.loaded
    scan = store._scan  # noqa: SLF001

    def gated():  # type: ignore[no-untyped-def]
        assert gate.wait(30), "the gate was never opened"
        return scan()

    store._scan = gated  # noqa: SLF001


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#status").render())


async def until(pilot, condition, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def shown_spans(app) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(s.start, s.end, s.label) for s in app.screen.session.annotations.spans]


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(store_reading, "LOAD_AT_OPEN", 100)  # this output is "long"
    path = tmp_path / "out.jsonl"
    long_output(path)
    return path


async def test_keys_wait_for_the_saved_state_and_are_made_on_it(make_app, out: Path) -> None:
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    gate = threading.Event()
    held(app, gate)
    async with app.run_test(size=(100, 36)) as pilot:
        await until(pilot, lambda: status(app).startswith(LOADING))
        assert app.screen.view.text == TEXT  # the document is on screen already
        await pilot.press("left", "2")
        await until(pilot, lambda: "2 keys wait for it" in status(app))
        assert app.screen.session is None
        gate.set()
        await settle(pilot)
        assert shown_spans(app) == [
            (TOKENS[0].start, TOKENS[0].end, "PER"),  # saved
            (TOKENS[1].start, TOKENS[1].end, "ORG"),  # the keys, made on it
        ]
        assert status(app).startswith("2 spans")


async def test_quitting_while_it_loads_saves_the_keys_that_waited(make_app, out: Path) -> None:
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    gate = threading.Event()
    held(app, gate)
    async with app.run_test(size=(100, 36)) as pilot:
        await until(pilot, lambda: status(app).startswith(LOADING))
        await pilot.press("left", "3")
        await until(pilot, lambda: "2 keys wait for it" in status(app))
        threading.Timer(0.3, gate.set).start()  # q reads it on the spot, once it can
        await pilot.press("q")
    last = json.loads(out.read_bytes().splitlines()[-1])
    assert last["text"] == TEXT
    assert [(s["start"], s["end"], s["label"]) for s in last["spans"]] == [
        (TOKENS[0].start, TOKENS[0].end, "PER"),
        (TOKENS[1].start, TOKENS[1].end, "GPE"),
    ]
