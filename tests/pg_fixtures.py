"""Fixtures for tests that need a real PostgreSQL (used by conftest.py).

``pg_admin`` is the superuser DSN of the session's server: the one `.ci/run`
started (``HAMISH_TEST_PG``), else one this test session starts itself (see
pg_server.py) and removes at its end; under xdist, one for all the workers
(the first worker to need it starts it, the controller removes it).
``pg_dsn`` is a fresh, empty database on it for one test, dropped afterwards;
``team_dsn`` is one with hamish's tables made (``hamish db init``).
``password_dsn`` is a ``team_dsn`` for a role that must give its password
(scram-sha-256), with no password in it.
Without PostgreSQL's binaries (and no HAMISH_TEST_PG) they skip, saying so.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from pg_server import PgServer, pg_bin_dir


def _with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


# The folder where xdist's workers find the server they share (set by the controller).
SHARED = "HAMISH_TEST_PG_SHARED"


def share_among_workers(config: pytest.Config) -> None:
    """In the controller of an xdist run: a folder for the workers' one server
    (they inherit the variable naming it)."""
    distributed = getattr(config.option, "numprocesses", None)
    if distributed and not hasattr(config, "workerinput") and SHARED not in os.environ:
        os.environ[SHARED] = tempfile.mkdtemp(prefix="hamish-pg-shared-")


def stop_shared(config: pytest.Config) -> None:
    """In the controller, once every worker is done: remove the shared server, if one started."""
    folder = os.environ.get(SHARED)
    if hasattr(config, "workerinput") or not folder:
        return
    state = Path(folder) / "server"
    if state.exists():
        PgServer(folder=state.read_text().split("\n")[1]).remove()
    shutil.rmtree(folder, ignore_errors=True)
    del os.environ[SHARED]


def _shared_server(folder: Path) -> str:
    """The DSN of the server the workers share: the first to ask starts it."""
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = folder / "server"
        if not state.exists():
            server = PgServer().start()
            state.write_text(f"{server.dsn}\n{server.folder}")
        return state.read_text().split("\n")[0]


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    """The superuser DSN of a running PostgreSQL for this test session."""
    given = os.environ.get("HAMISH_TEST_PG")
    if given:
        yield given
        return
    if pg_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (no initdb) and HAMISH_TEST_PG is not set")
    shared = os.environ.get(SHARED)
    if shared:
        yield _shared_server(Path(shared))
        return
    server = PgServer().start()
    try:
        yield server.dsn
    finally:
        server.remove()


@contextlib.contextmanager
def fresh_database(admin: str, *, tables: bool = False) -> Iterator[str]:
    """A new database on ``admin``'s server (with hamish's tables, if ``tables``),
    dropped on the way out: its DSN."""
    psycopg = pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")
    name = "hamish_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    dsn = _with_database(admin, name)
    try:
        if tables:
            from reader.team.connection import connect
            from reader.team.schema import upgrade

            with connect(dsn, checked=False) as conn:
                upgrade(conn, fresh=True)
        yield dsn
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_dsn(pg_admin: str) -> Iterator[str]:
    """A fresh, empty database for one test: its DSN."""
    with fresh_database(pg_admin) as dsn:
        yield dsn


@pytest.fixture
def team_dsn(pg_admin: str) -> Iterator[str]:
    """A fresh database with hamish's tables, as `hamish db init` makes them."""
    with fresh_database(pg_admin, tables=True) as dsn:
        yield dsn


PASSWORD_GROUP = "hamish_password_roles"
HBA_LINE = f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256"


def require_passwords(admin: str) -> None:
    """Make the server ask the roles of PASSWORD_GROUP for their password (a pg_hba
    line before the test server's ``trust``), written by the server itself, so it
    works whoever started it.  Other roles are left alone."""
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_GROUP,)
        ).fetchone():
            with contextlib.suppress(psycopg.errors.DuplicateObject):
                conn.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
        hba = conn.execute("SHOW hba_file").fetchone()[0]
        text = conn.execute("SELECT pg_read_file(%s)", (hba,)).fetchone()[0]
        if HBA_LINE in text.splitlines():
            return
        lines = [HBA_LINE, *text.replace("\t", " ").splitlines()]
        assert not any("\\" in line for line in lines)  # COPY's text format would double it
        conn.execute("CREATE TEMP TABLE hba (n int, line text)")
        with conn.cursor().copy("COPY hba (n, line) FROM STDIN") as copy:
            for n, line in enumerate(lines):
                copy.write_row((n, line))
        conn.execute(f"COPY (SELECT line FROM hba ORDER BY n) TO '{hba}'")
        conn.execute("SELECT pg_reload_conf()")
        errors = conn.execute("SELECT error FROM pg_hba_file_rules WHERE error IS NOT NULL")
        assert not errors.fetchall()


@pytest.fixture
def password_dsn(pg_admin: str) -> Iterator[tuple[str, str]]:
    """A database with hamish's tables, and a role that logs in to it only with its
    password: the DSN (no password in it) and the password."""
    import psycopg

    require_passwords(pg_admin)
    role = "amira_" + uuid.uuid4().hex[:8]
    password = "pw-" + uuid.uuid4().hex
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(
            f"CREATE ROLE {role} LOGIN SUPERUSER IN ROLE {PASSWORD_GROUP} PASSWORD '{password}'"
        )
    try:
        with fresh_database(pg_admin, tables=True) as dsn:
            parts = urlsplit(dsn)
            netloc = f"{role}@{parts.hostname}:{parts.port}"
            yield urlunsplit((parts.scheme, netloc, parts.path, "", "")), password
    finally:
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            conn.execute(f"DROP ROLE IF EXISTS {role}")
