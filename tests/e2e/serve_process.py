"""A web server in a process of its own: started, waited for, stopped."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServeProcess:
    """Runs ``argv_for(port)``, a hamish server, on a free port (its output into
    ``log``) and waits until it answers.  A port taken between its choice and
    the server's bind (tests run in parallel) is given up for another."""

    def __init__(
        self,
        argv_for: Callable[[int], list[str]],
        env: dict[str, str],
        log: Path,
        timeout: float = 30,
    ):
        self.log = log
        for _ in range(3):
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            with log.open("wb") as out:
                self.process = subprocess.Popen(
                    argv_for(self.port), env=env, stdout=out, stderr=subprocess.STDOUT
                )
            if self._started(timeout):
                return
        raise AssertionError(f"the server never answered: {self.log.read_bytes()[-3000:]!r}")

    def _started(self, timeout: float) -> bool:
        """Whether the server answers within ``timeout`` s (False: it ended first)."""
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None:
                return False
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"no answer in {timeout} s: {self.log.read_bytes()!r}")
            time.sleep(0.05)  # polling for the state "listening", bounded above
        return True

    def _answers(self) -> bool:
        """Whether the server is up: ours refuses a page without a token, so."""
        try:
            with urllib.request.urlopen(self.url + "/", timeout=2):
                return False  # a page for no token: some other server
        except urllib.error.HTTPError as err:
            return err.code == 401 and err.read().startswith(b"hamish: ")
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
