"""Input from textual-serve that ends like a terminal hanging up.

textual-serve runs each browser session as a process fed through its stdin.
When the server ends (Ctrl+C) with sessions open, their stdin closes, and
Textual's web driver just stops reading: the app ran on, orphaned, holding
its output and its annotator's session (one was left behind by every run of
the team walk test).  :class:`ServedWebDriver` makes the end of input a
hang-up, unless the app is ending already: the app saves and ends as when its
terminal closes, watchdog and all (see :mod:`reader.cli.hang_up`).
"""

from __future__ import annotations

import os
import signal

from textual.drivers.web_driver import WebDriver


class ServedWebDriver(WebDriver):
    """WebDriver, but the server going away is SIGHUP to this process."""

    def run_input_thread(self) -> None:
        """Read the server's packets; when they end and the app is not ending, hang up."""
        super().run_input_thread()
        if not self.exit_event.is_set():
            os.kill(os.getpid(), signal.SIGHUP)
