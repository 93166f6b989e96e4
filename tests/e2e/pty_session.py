"""A command on a pseudo-terminal of its own: every byte it writes, kept."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time


class PtySession:
    """Runs ``argv`` on a new pty of ``rows`` x ``cols``; keys go in, output is kept."""

    def __init__(self, argv: list[str], env: dict[str, str], rows: int = 40, cols: int = 160):
        pid, fd = pty.fork()
        if pid == 0:  # the child: the command on the pty
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.out = bytearray()
        self.status: int | None = None
        self._closed = False

    def _read(self, wait: float) -> bool:
        """Read what is there within ``wait`` seconds; False once the command is gone."""
        if self._closed:
            return False
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                self._closed = True
                return False
            self.out += chunk
        return True

    def wait_for(self, needle: bytes, since: int = 0, timeout: float = 20) -> int:
        """Wait until ``needle`` is in the output after offset ``since``; where it ends."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.out.find(needle, since)
            if found >= 0:
                return found + len(needle)
            if time.monotonic() > deadline or not self._read(0.1):
                tail = bytes(self.out[-3000:])
                raise AssertionError(f"never wrote {needle!r}; the last bytes: {tail!r}")

    def send(self, keys: bytes) -> int:
        """Type ``keys``; the output's length before them (for ``wait_for(since=...)``)."""
        self._read(0)
        mark = len(self.out)
        os.write(self.fd, keys)
        return mark

    def wait_exit(self, timeout: float = 20) -> int:
        """Read to the end; the exit status."""
        deadline = time.monotonic() + timeout
        while self._read(0.1) and time.monotonic() < deadline:
            pass
        if not self._closed:  # still running: it is not going to stop by itself
            os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.status = os.waitstatus_to_exitcode(status)
        return self.status
