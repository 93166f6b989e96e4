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
