"""The state database: SQLite in WAL mode, its schema versioned and migrated.

It lives in ``hamish.db`` in :func:`reader.config.paths.data_dir`.  Each
migration is a script run once, in order, in one transaction; the table
``schema_version`` says how many have run.  A database written by a newer
hamish (more migrations than this one knows) is refused, not changed.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reader.config.paths import data_dir
from reader.documents import InputError
from reader.files.durable import NotRegularFile, check_regular

DB_NAME = "hamish.db"

MIGRATIONS: tuple[str, ...] = (
    # 1: feeds, their entries, fetched pages, reading places.
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',        -- the user's name for it; '' for the feed's own
        feed_title TEXT NOT NULL DEFAULT '',   -- the feed's own title
        site_url TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        last_error TEXT,
        checked_at REAL,
        direction TEXT NOT NULL DEFAULT 'auto',
        full_text INTEGER NOT NULL DEFAULT 0,
        selector TEXT NOT NULL DEFAULT '',
        added_at REAL NOT NULL
    );
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        published REAL,
        seen_at REAL NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        UNIQUE (feed_id, guid)
    );
    CREATE INDEX entries_newest ON entries (feed_id, published);
    CREATE TABLE pages (
        url TEXT PRIMARY KEY,
        final_url TEXT NOT NULL,
        fetched_at REAL NOT NULL,
        content_type TEXT,
        encoding TEXT NOT NULL,
        html BLOB NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        extractor TEXT NOT NULL,
        extractor_version TEXT NOT NULL
    );
    CREATE TABLE places (
        key TEXT PRIMARY KEY,
        top INTEGER NOT NULL,
        cursor INTEGER,
        updated_at REAL NOT NULL
    );
    """,
)


def db_path() -> Path:
    """Where the state database is: ``hamish.db`` in the data folder."""
    return data_dir() / DB_NAME


def connect(path: Path | None = None) -> sqlite3.Connection:
    """The database at ``path`` (by default :func:`db_path`), created and migrated
    as needed.

    Raises InputError for a path that is not a regular file, a file that is
    not a SQLite database, and a database from a newer hamish.
    """
    path = path or db_path()
    where = str(path)
    try:
        check_regular(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        conn = sqlite3.connect(path, timeout=10, check_same_thread=False)
    except NotRegularFile as err:
        raise InputError(where, str(err)) from None
    except (OSError, sqlite3.Error) as err:
        raise InputError(where, f"cannot open the state database: {_reason(err)}") from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn, where)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise InputError(where, f"not a hamish state database: {_reason(err)}") from None
    except InputError:
        conn.close()
        raise
    if os.name == "posix":
        os.chmod(path, 0o600)  # what you read is nobody else's business
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    """How many migrations have run on ``conn``'s database (0 for a new one)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, where: str = "hamish.db") -> None:
    """Run the migrations ``conn``'s database has not had yet, each in a transaction."""
    version = schema_version(conn)
    conn.commit()
    if version > len(MIGRATIONS):
        raise InputError(
            where,
            f"written by a newer hamish (schema {version}, this one knows {len(MIGRATIONS)})",
        )
    for number in range(version + 1, len(MIGRATIONS) + 1):
        script = MIGRATIONS[number - 1]
        # executescript commits first; BEGIN makes the script and its number one step.
        conn.executescript(
            f"BEGIN;\n{script}\nINSERT INTO schema_version (version) VALUES ({number});\nCOMMIT;"
        )


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(err)
