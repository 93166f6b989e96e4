"""Fixtures for tests that need a real PostgreSQL (used by conftest.py).

``pg_admin`` is the superuser DSN of the session's server: the one `.ci/run`
started (``HAMISH_TEST_PG``), else one this test session starts itself (see
pg_server.py) and removes at its end.  ``pg_dsn`` is a fresh, empty database
on it for one test, dropped afterwards; ``team_dsn`` is one with hamish's
tables made (``hamish db init``).  Without PostgreSQL's binaries (and no
HAMISH_TEST_PG) they skip, saying so.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from pg_server import PgServer, pg_bin_dir


def _with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    """The superuser DSN of a running PostgreSQL for this test session."""
    given = os.environ.get("HAMISH_TEST_PG")
    if given:
        yield given
        return
    if pg_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (no initdb) and HAMISH_TEST_PG is not set")
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
