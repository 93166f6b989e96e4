"""A web server in a process of its own: started, waited for, stopped."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServeProcess:
    """Runs ``argv`` (a server on ``port``, its output into ``log``) and waits
    until it answers HTTP."""

    def __init__(
        self, argv: list[str], env: dict[str, str], port: int, log: Path, timeout: float = 30
    ):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                out = self.log.read_bytes()[-3000:]
                raise AssertionError(f"the server never answered: {out!r}")
            time.sleep(0.05)  # polling for the state "listening", bounded above

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/static/css/xterm.css", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered, with an error status
        except OSError:
            return False

    def stop(self) -> None:
        """Ctrl+C, as a user would; killed if it has not ended within 10 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
