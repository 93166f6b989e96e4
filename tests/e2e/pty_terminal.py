"""A command on a pseudo-terminal of its own, driven by keys and read as a terminal reads it.

The one harness of the end-to-end tier: :class:`PtyCommand` runs a command
(the installed ``hamish`` mostly) on a new pty, keeps every byte it writes,
and plays the terminal's part, a terminal that closes or stops reading
too; :func:`pty_output` runs one to its end.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from pathlib import Path

ROWS, COLS = 40, 100


class PtyCommand:
    """``argv`` on a new pty of ``rows`` x ``cols``; keys go in, its output is kept in ``out``."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        *,
        rows: int = ROWS,
        cols: int = COLS,
        cwd: Path | None = None,
    ) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal before the command asks, then run it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.out = bytearray()
        self.status: int | None = None  # the exit code, once it has ended
        self._eof = False

    def pump(self, seconds: float) -> None:
        """Read what the command writes for ``seconds`` (it must never block on a full pty)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self._eof:
                time.sleep(min(left, 0.02))
                continue
            self._read(min(left, 0.05))

    def _read(self, wait: float) -> bool:
        """Read what comes within ``wait`` seconds; True if anything came."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child has gone
            chunk = b""
        if chunk:
            self.out += chunk
        else:
            self._eof = True
        return bool(chunk)

    def _found(self, pattern: re.Pattern[bytes] | bytes, since: int) -> bool:
        if isinstance(pattern, re.Pattern):
            return pattern.search(self.out, since) is not None
        return self.out.find(pattern, since) >= 0

    def wait_for(
        self, pattern: re.Pattern[bytes] | bytes, *, since: int = 0, timeout: float = 20
    ) -> bool:
        """Read until ``pattern`` is in the output after offset ``since`` (True), or
        the command ends or time runs out (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._found(pattern, since):
                return True
            if self.poll() is not None:
                self._drain()  # what it wrote last
                return self._found(pattern, since)
            self.pump(0.05)
        return False

    def send(self, keys: bytes) -> int:
        """Type ``keys``; the output's length before them (for ``wait_for(since=...)``)."""
        if not self._eof:
            self._read(0)
        mark = len(self.out)
        os.write(self.fd, keys)
        return mark

    def poll(self) -> int | None:
        """The exit code if the command has ended, else None."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait_exit(self, timeout: float = 15) -> int | None:
        """Wait for the command to end, reading all it writes; its exit code, or None."""
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            self.pump(0.05)
        if self.status is not None:
            self._drain()
        return self.status

    def _drain(self) -> None:
        """Read what is left in the terminal once the command has ended."""
        while not self._eof and self.fd >= 0 and self._read(0.05):
            pass

    def kill(self) -> None:
        """SIGKILL, and reap it."""
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Kill the command if it still runs, and close the terminal."""
        self.kill()
        self.close_terminal()

    def close_terminal(self) -> None:
        """Close the pty's master side, as a terminal window closing does: the
        command gets SIGHUP, and its writes fail from then on."""
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
            self._eof = True

    def stop_reading(self, seconds: float) -> None:
        """Be a terminal that no longer reads, for ``seconds``, while keys keep coming:
        the command's writes to the terminal fill it up and block."""
        os.set_blocking(self.fd, False)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                os.write(self.fd, b"\x1b[6~\x1b[5~")  # PageDown, PageUp: a new frame each
            except BlockingIOError:  # it has stopped taking keys too
                time.sleep(0.05)

    def wait_exit_unread(self, timeout: float) -> int | None:
        """Wait for the command to end without reading what it writes; its exit code, or None."""
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.status

    def tail(self) -> str:
        """The end of what it drew, escapes stripped, for failure messages."""
        text = re.sub(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", b" ", bytes(self.out[-6000:]))
        return re.sub(r"\s+", " ", text.decode("utf-8", "replace"))[-1500:]


def pty_output(
    argv: list[str], env: dict[str, str], cwd: Path, columns: int = 100, timeout: float = 60
) -> bytes:
    """Everything ``argv`` writes to a terminal 50 rows by ``columns`` until it exits."""
    command = PtyCommand(argv, env, rows=50, cols=columns, cwd=cwd)
    try:
        assert command.wait_exit(timeout) is not None, f"still running: {command.tail()}"
        return bytes(command.out)
    finally:
        command.close()
