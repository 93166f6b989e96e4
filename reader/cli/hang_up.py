"""Ending on a closed terminal (SIGHUP) or a polite kill (SIGTERM), for certain.

Python signal handlers, not the event loop's: they run even while the loop is
stuck (Textual writing to a terminal that no longer reads blocks it), and each
starts a watchdog that ends the process if it has not ended by itself within
a grace period.  The app's own handler then runs on the loop, if it can.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

GRACE = 5.0
"""Seconds a hang-up leaves the app to end before the process is ended for it."""

Handlers = dict[int, Any]


def on_hang_up(
    loop: asyncio.AbstractEventLoop,
    callback: Callable[[], None],
    exit_code: Callable[[], int],
    grace: float = GRACE,
) -> Handlers:
    """On SIGHUP or SIGTERM, start the watchdog and call ``callback`` on ``loop``.

    The watchdog ends the process with ``exit_code()`` after ``grace``
    seconds.  Returns the handlers replaced, for :func:`restore`.  Must be
    called from the main thread (elsewhere nothing is installed).
    """

    def handle(signum: int, frame: object) -> None:
        watchdog = threading.Timer(grace, lambda: os._exit(exit_code()))
        watchdog.daemon = True
        watchdog.start()
        with contextlib.suppress(RuntimeError):  # the loop has closed: the watchdog ends it
            loop.call_soon_threadsafe(callback)

    replaced: Handlers = {}
    for name in ("SIGHUP", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                replaced[sig] = signal.signal(sig, handle)
    return replaced


def restore(replaced: Handlers) -> None:
    """Put back the handlers :func:`on_hang_up` replaced."""
    for sig, handler in replaced.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(sig, handler)
    replaced.clear()
