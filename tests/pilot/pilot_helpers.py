"""Helpers for Pilot tests: what the screen shows, and waiting for it."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from textual import events
from textual.app import App

from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))


def screen_lines(app: App[object]) -> list[str]:
    """What the screen shows, as plain text, one string per terminal row.

    Textual has no public call for this; its own export_screenshot renders
    the compositor's full update the same way, to SVG.
    """
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True))  # noqa: SLF001
    return console.export_text(styles=False).split("\n")[:height]


def burst(app: App[object], *keys: tuple[str, str]) -> None:
    """Post ``(key, character)`` events all at once, as a paste or a fast typist
    sends them: the driver posts each key as it reads it, without waiting for
    the app (``pilot.press`` waits for the app to go idle after each key)."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


def letters(text: str) -> list[tuple[str, str]]:
    """``text`` as key events (letters whose key is themselves)."""
    return [(ch, ch) for ch in text]


def status(app) -> str:  # type: ignore[no-untyped-def]
    """The status line's text."""
    return str(app.screen.query_one("#status").render())


async def settle(pilot: object) -> None:
    """Let workers finish and the screen redraw."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def wait_until(pilot, condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds (True) or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await pilot.pause(0.05)
    return True


async def fill_focused(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put ``text`` in the focused Input at once, as a paste does.

    Pressing each letter costs the pilot a wait for idle per key; the typed
    path keeps its own tests (letters typed right after /, in a burst).
    """
    from textual.widgets import Input

    app = pilot.app
    ready = await wait_until(pilot, lambda: isinstance(app.focused, Input), 5)
    assert ready, f"no Input has focus: {app.focused!r}"
    app.focused.value = text
    await pilot.pause()


async def search_for(pilot, word: str) -> None:  # type: ignore[no-untyped-def]
    """Open the search box with /, put ``word`` in it and press Enter."""
    await pilot.press("slash")
    await fill_focused(pilot, word)
    await pilot.press("enter")
    await settle(pilot)


def body_lines(app: App[object]) -> list[str]:
    """The article view's rows as on screen, trailing blanks dropped."""
    from reader.ui.widgets.article_view import ArticleView

    view = app.screen.query_one(ArticleView)
    region = view.region
    width = view.scrollable_content_region.width
    lines = screen_lines(app)[region.y : region.y + region.height]
    return [cell_slice(line, region.x, region.x + width).rstrip() for line in lines]


def cell_slice(line: str, start: int, end: int) -> str:
    """Cells ``start:end`` of a screen line; zero-width marks stay with their base."""
    out = []
    col = 0
    for ch in line:
        width = cell_len(ch)
        if start <= col < end or (width == 0 and start < col <= end):
            out.append(ch)
        col += width
    return "".join(out)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    """``records`` as a JSON Lines file (UTF-8, Arabic as is); returns ``path``."""
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def document_number(app: App[object]) -> int:
    """The number (from 1) in the library of the document on screen."""
    screen = app.screen
    return screen.library.number(screen.position)  # type: ignore[attr-defined, no-any-return]


async def open_first_document(pilot) -> None:  # type: ignore[no-untyped-def]
    """From the library just started, open its first document."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
