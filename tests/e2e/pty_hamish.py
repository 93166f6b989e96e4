"""hamish on a pty of its own, driven by keys and read as a terminal reads it."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from pathlib import Path

from reader.annotation.store import AnnotationStore, StoreLocked

ROWS, COLS = 40, 100

# The status line once a document is shown: "3 spans · nothing to save".
SHOWN = re.compile(rb"(\d+) spans \xc2\xb7 nothing to save")
# The status line once a first label is on screen and its save not yet due.
PENDING = "1 span · unsaved changes".encode()


class Hamish:
    """One `hamish` on a pty of its own, its output read as it comes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal before hamish asks, then run it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.out = bytearray()
        self.status: int | None = None  # the exit code, once it has ended
        self._eof = False

    def pump(self, seconds: float) -> None:
        """Read what hamish draws for ``seconds`` (it must never block on a full pty)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self._eof:
                time.sleep(min(left, 0.02))
                continue
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # EIO: the child has gone
                    chunk = b""
                if chunk:
                    self.out += chunk
                else:
                    self._eof = True

    def wait_for(self, pattern: re.Pattern[bytes] | bytes, timeout: float = 20) -> bool:
        """Read until ``pattern`` is in the output (True), or hamish ends or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = (
                pattern.search(self.out) if isinstance(pattern, re.Pattern) else pattern in self.out
            )
            if found:
                return True
            if self.poll() is not None:
                self.pump(0.1)  # what it wrote last
                return bool(
                    pattern.search(self.out)
                    if isinstance(pattern, re.Pattern)
                    else pattern in self.out
                )
            self.pump(0.05)
        return False

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def poll(self) -> int | None:
        """The exit code if hamish has ended, else None."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait_exit(self, timeout: float = 15) -> int | None:
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            self.pump(0.05)
        return self.status

    def kill(self) -> None:
        """SIGKILL, and reap it."""
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        self.kill()
        self.close_terminal()

    def close_terminal(self) -> None:
        """Close the pty's master side, as a terminal window closing does: hamish gets
        SIGHUP, and its writes fail from then on."""
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
            self._eof = True

    def stop_reading(self, seconds: float) -> None:
        """Be a terminal that no longer reads, for ``seconds``, while keys keep coming:
        hamish's writes to the terminal fill it up and block."""
        os.set_blocking(self.fd, False)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                os.write(self.fd, b"\x1b[6~\x1b[5~")  # PageDown, PageUp: a new frame each
            except BlockingIOError:  # hamish has stopped taking keys too
                time.sleep(0.05)

    def wait_exit_unread(self, timeout: float) -> int | None:
        """Wait for hamish to end without reading what it writes; its exit code, or None."""
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.status

    def tail(self) -> str:
        """The end of what it drew, escapes stripped, for failure messages."""
        text = re.sub(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", b" ", bytes(self.out[-6000:]))
        return re.sub(r"\s+", " ", text.decode("utf-8", "replace"))[-1500:]


def shown(child: Hamish) -> int:
    """Wait for the document to be drawn; the number of spans its status line shows."""
    assert child.wait_for(SHOWN), (
        f"the document was not shown (exit code {child.poll()}): {child.tail()}"
    )
    child.pump(0.3)  # let the first layout finish before keys move the cursor
    return int(SHOWN.findall(child.out)[-1])


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def lock_path(out: Path) -> Path:
    """Where older hamish kept a lock file: none is ever made now."""
    return Path(os.path.realpath(out) + ".lock")


def holder(out: Path) -> int | None:
    """The pid of the hamish holding ``out`` (as a second one is told), None if free."""
    try:
        store, _ = AnnotationStore.open(str(out))
    except StoreLocked as err:
        return err.pid
    store.close()
    return None
