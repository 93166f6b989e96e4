"""Timing an operation in a running Textual app, as the pilot tests wait for it."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait as the pilot tests do: messages handled, workers done, screen redrawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def timed(
    pilot,  # type: ignore[no-untyped-def]
    operation: Callable[[], Awaitable[None]],
    check: Callable[[], None],
) -> tuple[float, float]:
    """CPU and wall seconds of ``operation`` and the wait after it; then ``check``."""
    cpu, wall = time.process_time(), time.perf_counter()
    await operation()
    await settle(pilot)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    check()
    return cpu, wall


LOAD_TIMEOUT = 120.0


async def annotation_screen(app, pilot):  # type: ignore[no-untyped-def]
    """The annotation screen, once its document is loaded and shown."""
    from reader.ui.screens.annotate_screen import AnnotateScreen

    deadline = time.monotonic() + LOAD_TIMEOUT
    while True:
        await settle(pilot)
        screen = app.screen
        if isinstance(screen, AnnotateScreen) and screen.session is not None:
            assert screen.view.flow is not None, "the document is not laid out"
            return screen
        if time.monotonic() > deadline:
            raise RuntimeError(f"no document to annotate after {LOAD_TIMEOUT:.0f} s")
