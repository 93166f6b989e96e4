"""Keyboard input that survives bytes that are not UTF-8.

Textual's ``LinuxDriver`` decodes what the terminal sends with a strict
UTF-8 decoder.  A byte that is not UTF-8 (a raw 0x9b typed with an 8-bit
Meta key, a paste from a Latin-1 terminal) raises UnicodeDecodeError in its
input thread, which ends the app (Textual issue #6456, open as of 8.2).
:class:`SturdyLinuxDriver` catches that and starts reading again: the read
that held the bad bytes (at most 4 KiB) is lost, every key after it works.
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class SturdyLinuxDriver(LinuxDriver):
    """LinuxDriver, but bytes that are not UTF-8 are dropped instead of ending input."""

    def run_input_thread(self) -> None:
        """Read input until the app stops, starting again after undecodable bytes."""
        while True:
            try:
                super().run_input_thread()
            except UnicodeDecodeError:
                if not self.exit_event.is_set():
                    continue
            return
