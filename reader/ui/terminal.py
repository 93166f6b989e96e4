"""Turn a terminal's own bidi off while hamish draws visual order.

Terminals that reorder right-to-left text themselves (VTE, and others that
follow the terminal-wg bidi recommendation) would reverse hamish's visual
rows a second time.  ECMA-48 BDSM explicit mode (``CSI 8 l``) stops that;
implicit mode (``CSI 8 h``) is the terminal's default and is restored when
hamish exits, normally or not.  Terminals that do not know BDSM ignore it.
"""

from __future__ import annotations

import atexit
from typing import TextIO

EXPLICIT = "\x1b[8l"  # BDSM reset: the application does the bidi
IMPLICIT = "\x1b[8h"  # BDSM set: the terminal does the bidi (its default)


class BidiMode:
    """Sends BDSM to ``stream`` (a terminal) and restores implicit mode at exit."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream if stream is not None and stream.isatty() else None
        self._explicit = False
        atexit.register(self.restore)

    def set(self, app_does_bidi: bool) -> None:
        """Explicit mode when hamish reorders (app mode), implicit otherwise."""
        if self._stream is None or app_does_bidi == self._explicit:
            return
        self._write(EXPLICIT if app_does_bidi else IMPLICIT)
        self._explicit = app_does_bidi

    def restore(self) -> None:
        """Give the terminal its own bidi back (safe to call more than once)."""
        if self._stream is not None and self._explicit:
            self._write(IMPLICIT)
            self._explicit = False

    def _write(self, sequence: str) -> None:
        try:
            self._stream.write(sequence)  # type: ignore[union-attr]
            self._stream.flush()  # type: ignore[union-attr]
        except (OSError, ValueError):
            self._stream = None  # the terminal is gone
