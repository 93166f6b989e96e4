"""A throwaway PostgreSQL server for the tests (and for `.ci/run`).

``PgServer().start()`` runs ``initdb`` in a new temporary folder (as the
``postgres`` user when we are root: initdb refuses root), then ``pg_ctl``
starts it listening only on 127.0.0.1, on a free port, with its socket in
that folder.  ``stop()`` stops it and removes the folder; ``restart()``
(the fault tests) stops and starts it on the same port and data.

Standard library only: `.ci/run` runs it with the system's python3 before
any virtualenv exists::

    python3 tests/pg_server.py start    # prints the DSN, then the folder
    python3 tests/pg_server.py stop FOLDER
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"


def pg_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's newest
    /usr/lib/postgresql/N/bin; None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    found_bins = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    versions = sorted((int(b.parent.name), b) for b in found_bins if b.parent.name.isdigit())
    return versions[-1][1] if versions else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in a temporary folder, on 127.0.0.1."""

    def __init__(self, folder: str | None = None, port: int | None = None) -> None:
        bin_dir = pg_bin_dir()
        if bin_dir is None:
            raise FileNotFoundError("PostgreSQL is not installed (no initdb, no pg_ctl)")
        self.bin = bin_dir
        self.folder = Path(folder) if folder else None
        self.port = port or 0

    @property
    def data(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    @property
    def dsn(self) -> str:
        """The superuser's DSN, to the ``postgres`` database."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: str) -> None:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        subprocess.run(
            command, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd="/"
        )

    def start(self) -> PgServer:
        """Make the cluster (the first time) and start it; returns self."""
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="hamish-pg-"))
            if os.geteuid() == 0:
                shutil.chown(self.folder, SUPERUSER, SUPERUSER)
            initdb = f"initdb -D {self.data} -U {SUPERUSER} -A trust --no-sync -E UTF8 --locale C"
            self._run(*initdb.split())
        if not self.port:
            self.port = free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c max_connections=200"
        )
        log = self.folder / "log"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``, or ``immediate`` as a crash would)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, down_for: float = 0.0) -> None:
        """Stop, wait ``down_for`` seconds, start again on the same port."""
        self.stop()
        time.sleep(down_for)
        self.start()

    def remove(self) -> None:
        """Stop if running, and delete the folder."""
        if self.folder is None:
            return
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _main(argv: list[str]) -> int:
    if argv[:1] == ["start"]:
        server = PgServer().start()
        print(server.dsn)
        print(server.folder)
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        server = PgServer(folder=argv[1])
        server.remove()
        return 0
    print("usage: pg_server.py start | stop FOLDER", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
