"""A command run the way textual-serve runs an app: Textual's web driver on pipes.

textual-serve starts the app with ``TEXTUAL_DRIVER`` naming the web driver,
waits for the line ``__GANGLION__`` on its stdout, then reads packets: one
byte of type (``D`` screen data, ``M`` meta JSON, ``P`` packed), four bytes
of length (big-endian), the payload.  It writes packets of the same shape to
the app's stdin: ``D`` for keys, ``M`` for resize, focus and quit.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def packet(kind: bytes, payload: bytes) -> bytes:
    """One packet of textual-serve's protocol."""
    return kind + len(payload).to_bytes(4, "big") + payload


class WebSession:
    """Runs ``argv`` under the web driver; screen data is kept, keys go in as packets."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 100, rows: int = 30):
        env = dict(env, TEXTUAL_DRIVER=WEB_DRIVER, COLUMNS=str(cols), ROWS=str(rows))
        self.process = subprocess.Popen(
            argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.prelude = b""
        self.screen = bytearray()
        self.meta: list[dict[str, object]] = []
        self._changed = threading.Condition()
        self._ended = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        self.prelude = stdout.readline()
        while len(head := stdout.read(5)) == 5:
            payload = stdout.read(int.from_bytes(head[1:], "big"))
            with self._changed:
                if head[:1] == b"D":
                    self.screen += payload
                elif head[:1] == b"M":
                    self.meta.append(json.loads(payload))
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def wait_for(self, needle: bytes, timeout: float = 30) -> None:
        """Wait until the app has drawn ``needle``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while needle not in self.screen:
                left = deadline - time.monotonic()
                if self._ended or left <= 0:
                    err = self.process.stderr.read() if self._ended and self.process.stderr else b""
                    raise AssertionError(
                        f"never drew {needle!r}; prelude {self.prelude!r}, stderr {err[-2000:]!r}"
                    )
                self._changed.wait(left)

    def send(self, kind: bytes, payload: bytes) -> None:
        """Write one packet to the app's stdin."""
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(packet(kind, payload))
        stdin.flush()

    def keys(self, text: str) -> None:
        """Type ``text`` (as the browser's terminal sends it)."""
        self.send(b"D", text.encode())

    def close(self) -> None:
        """End the app if it still runs."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
