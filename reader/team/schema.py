"""The shared store's tables, and the migrations that make them.

``hamish_schema`` holds the one version number of the database.  Each entry
of :data:`MIGRATIONS` takes the schema from its index to the next version;
``hamish db init`` runs them all on an empty database and ``hamish db
upgrade`` runs the ones a database lacks, each in one transaction with the
version table locked, so two upgrades at once run each step once.

The tables:

* ``annotators``: name, the SHA-256 of their token (never the token), created;
* ``tasks``: one document to annotate, with its text and pre-annotated spans
  (``record``), the input hash that makes imports idempotent, the input
  file's name, and how many annotators it needs (``per_task``, NULL for all);
  ``claims`` counts its assignments, on the row, so a claim that raced another
  is re-checked by PostgreSQL when it locks the row;
* ``assignments``: who has a task, since when, last touched, and when done;
  a claim left idle past its time is deleted and the task goes back;
* ``changes``: every saved line, append-only (a change or a full record);
* ``states``: the latest line per document and annotator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg

if TYPE_CHECKING:
    from typing_extensions import LiteralString

SCHEMA_TABLE = "hamish_schema"

MIGRATIONS: list[LiteralString] = [
    """
    CREATE TABLE hamish_schema (
        version integer NOT NULL,
        upgraded timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE annotators (
        name text PRIMARY KEY CHECK (name <> ''),
        token_hash text NOT NULL UNIQUE,
        created timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE tasks (
        id bigserial PRIMARY KEY,
        input_hash text NOT NULL UNIQUE,
        doc_id text NOT NULL UNIQUE,
        source text NOT NULL,
        per_task integer CHECK (per_task IS NULL OR per_task >= 1),
        claims integer NOT NULL DEFAULT 0,
        record jsonb NOT NULL,
        imported timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tasks_open ON tasks (id) WHERE per_task IS NULL OR claims < per_task;
    CREATE TABLE assignments (
        task_id bigint NOT NULL REFERENCES tasks(id),
        annotator text NOT NULL,
        claimed timestamptz NOT NULL DEFAULT now(),
        touched timestamptz NOT NULL DEFAULT now(),
        done timestamptz,
        PRIMARY KEY (task_id, annotator)
    );
    CREATE INDEX assignments_annotator ON assignments (annotator);
    CREATE INDEX assignments_idle ON assignments (touched) WHERE done IS NULL;
    CREATE TABLE changes (
        id bigserial PRIMARY KEY,
        doc_id text NOT NULL,
        annotator text NOT NULL,
        full_record boolean NOT NULL,
        record jsonb NOT NULL,
        saved timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX changes_doc ON changes (doc_id, annotator, id);
    CREATE TABLE states (
        doc_id text NOT NULL,
        annotator text NOT NULL,
        change_id bigint NOT NULL REFERENCES changes(id),
        full_record boolean NOT NULL,
        answer text,
        source text NOT NULL,
        PRIMARY KEY (doc_id, annotator)
    );
    """,
]

VERSION = len(MIGRATIONS)
"""The schema version this hamish writes and reads."""


class SchemaError(Exception):
    """The database is not at the version this hamish needs (or not hamish's)."""


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The database's schema version; 0 when ``hamish db init`` never ran on it."""
    exists = conn.execute("SELECT to_regclass('hamish_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT max(version) FROM hamish_schema").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def upgrade(conn: psycopg.Connection[Any], *, fresh: bool = False) -> tuple[int, int]:
    """Run the migrations the database lacks; ``(version before, version after)``.

    ``fresh`` (``hamish db init``) refuses a database that already has a
    schema.  Raises SchemaError for a database newer than this hamish.
    """
    with conn.transaction():
        # One upgrade at a time: the lock is held until this transaction ends.
        conn.execute("SELECT pg_advisory_xact_lock(7201414)")
        before = schema_version(conn)
        if fresh and before:
            raise SchemaError(f"the database already has hamish's tables (version {before})")
        if before > VERSION:
            raise SchemaError(
                f"the database is at schema version {before}, newer than this hamish "
                f"({VERSION}): upgrade hamish"
            )
        for version in range(before, VERSION):
            conn.execute(MIGRATIONS[version])
            conn.execute("INSERT INTO hamish_schema (version) VALUES (%s)", (version + 1,))
    return before, VERSION


def check_version(conn: psycopg.Connection[Any]) -> None:
    """Raise SchemaError unless the database is at :data:`VERSION`."""
    found = schema_version(conn)
    if found == 0:
        raise SchemaError("no hamish tables in the database: run hamish db init")
    if found < VERSION:
        raise SchemaError(
            f"the database is at schema version {found}, this hamish needs {VERSION}: "
            "run hamish db upgrade"
        )
    if found > VERSION:
        raise SchemaError(
            f"the database is at schema version {found}, newer than this hamish "
            f"({VERSION}): upgrade hamish"
        )
