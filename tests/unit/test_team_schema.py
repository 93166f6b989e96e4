"""`hamish db init` / `upgrade` and annotators' tokens, on a real PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from reader.team.annotators import (
    AnnotatorExists,
    add_annotator,
    annotator_for_token,
    token_hash,
)
from reader.team.connection import connect
from reader.team.schema import VERSION, SchemaError, check_version, schema_version


def hamish(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv], capture_output=True, text=True, timeout=60
    )


def test_init_makes_the_tables_and_the_version(pg_dsn: str) -> None:
    done = hamish("db", "init", "--store", pg_dsn)
    assert done.returncode == 0, done.stderr
    assert f"schema version 0 → {VERSION}" in done.stderr
    with psycopg.connect(pg_dsn) as conn:
        tables = {
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"
            )
        }
        assert {"hamish_schema", "annotators", "tasks", "changes", "states", "assignments"} <= (
            tables
        )
        cols = [
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name='annotators' ORDER BY ordinal_position"
            )
        ]
        assert cols == ["name", "token_hash", "created"]
        assert conn.execute("SELECT max(version) FROM hamish_schema").fetchone() == (VERSION,)


def test_init_twice_is_refused_and_upgrade_is_a_no_op(pg_dsn: str) -> None:
    assert hamish("db", "init", "--store", pg_dsn).returncode == 0
    again = hamish("db", "init", "--store", pg_dsn)
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already has hamish's tables" in again.stderr
    up = hamish("db", "upgrade", "--store", pg_dsn)
    assert up.returncode == 0 and f"already at schema version {VERSION}" in up.stderr


def test_upgrade_makes_an_empty_database_current(pg_dsn: str) -> None:
    assert hamish("db", "upgrade", "--store", pg_dsn).returncode == 0
    with connect(pg_dsn) as conn:
        assert schema_version(conn) == VERSION


def test_a_database_without_tables_or_newer_is_refused(pg_dsn: str) -> None:
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        with pytest.raises(SchemaError, match="run hamish db init"):
            check_version(conn)
        conn.execute("CREATE TABLE hamish_schema (version integer NOT NULL)")
        conn.execute("INSERT INTO hamish_schema VALUES (%s)", (VERSION + 1,))
        with pytest.raises(SchemaError, match="newer than this hamish"):
            check_version(conn)


def test_add_annotator_prints_a_token_once_and_stores_only_its_hash(team_dsn: str) -> None:
    done = hamish("db", "add-annotator", "amira", "--store", team_dsn)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert len(token) >= 40 and "\n" not in token
    with psycopg.connect(team_dsn) as conn:
        rows = conn.execute("SELECT name, token_hash FROM annotators").fetchall()
    import hashlib

    assert rows == [("amira", hashlib.sha256(token.encode()).hexdigest())]
    assert token not in str(rows)
    assert annotator_for_token(team_dsn, token) == "amira"
    assert annotator_for_token(team_dsn, token + "x") is None
    assert annotator_for_token(team_dsn, "") is None


def test_two_annotators_get_different_tokens_and_a_name_only_once(team_dsn: str) -> None:
    a = add_annotator(team_dsn, "amira")
    b = add_annotator(team_dsn, "bilal")
    assert a != b and token_hash(a) != token_hash(b)
    assert annotator_for_token(team_dsn, b) == "bilal"
    with pytest.raises(AnnotatorExists):
        add_annotator(team_dsn, "amira")
    for bad in ("  ", "a\x1b[31mb", "a\nb", "x" * 101):
        with pytest.raises(ValueError):
            add_annotator(team_dsn, bad)


def test_a_password_on_the_command_line_is_refused(pg_dsn: str) -> None:
    with_password = pg_dsn.replace("postgres@", "postgres:secret@")
    done = hamish("db", "init", "--store", with_password)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "PGPASSFILE" in done.stderr
    assert "secret" not in done.stderr
    query = hamish("db", "init", "--store", pg_dsn + "?password=secret")
    assert query.returncode == 2 and "secret" not in query.stderr


def test_an_unreachable_server_is_one_line(pg_dsn: str) -> None:
    from pg_server import free_port

    done = hamish("db", "init", "--store", f"postgresql://nobody@127.0.0.1:{free_port()}/x")
    assert done.returncode == 2
    assert done.stderr.startswith("hamish db: postgresql://nobody@127.0.0.1:")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
