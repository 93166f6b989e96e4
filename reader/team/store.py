"""The shared store as a :class:`reader.annotation.store_api.Store`: one annotator's
session on a team's PostgreSQL.

Every save is one transaction: the line goes into ``changes`` (append-only),
the annotator's ``states`` row of the document points at it, and their claims
are touched (and the document's marked done when it has an answer).  The
save returns only after the commit, so the screen says "saved" only for what
is committed.  When the server cannot be reached the save raises OSError (the
screen says NOT SAVED and tries again each second), the connection is
dropped, and the next save connects again.  A commit whose answer was lost
with the connection may be written twice when it is tried again: the state is
the same, and ``changes`` is a log.

**The lock.**  One session per annotator: opening takes a session-level
advisory lock named after the annotator, so their second hamish is refused,
as a second hamish on one output file is.  Taken again when the connection
comes back; if another session holds it by then, saves fail, saying so.

Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.types.json import Jsonb

from reader.annotation.changes import is_change
from reader.annotation.store_api import Compacted, SavedState, Store
from reader.annotation.store_files import StoreError, StoreLocked
from reader.team.connection import StoreUnreachable, connect, first_line
from reader.team.dsn import shown_url
from reader.team.queue import touch
from reader.team.schema import SchemaError

_LOCK_SQL = "SELECT pg_try_advisory_lock(hashtextextended('hamish annotator ' || %s, 0))"


class AnnotatorBusy(StoreLocked):
    """The annotator has another session open on this store."""

    def __init__(self, path: str, annotator: str) -> None:
        StoreError.__init__(self, path, f"{annotator} is annotating in another hamish already")
        self.pid = None


class TeamStore:
    """One annotator's session on a shared store; safe to use from several threads."""

    def __init__(self, dsn: str, annotator: str) -> None:
        self.dsn = dsn
        self.path = shown_url(dsn)
        self.annotator = annotator
        self._conn: psycopg.Connection[Any] | None = None
        self._mutex = threading.Lock()
        self._closed = False

    @classmethod
    def open(cls, dsn: str, annotator: str) -> tuple[TeamStore, list[str]]:
        """Connect as ``annotator``; the store and one-line problems (none so far).

        Raises StoreError when the server cannot be reached or its schema is
        not this hamish's, AnnotatorBusy when the annotator has a session open.
        """
        store = cls(dsn, annotator)
        try:
            with store._mutex:
                store._connection()
        except AnnotatorBusy:
            raise
        except (StoreUnreachable, SchemaError) as err:
            raise StoreError(store.path, _without_path(str(err), store.path)) from None
        return store, []

    # -- the connection --------------------------------------------------------

    def _connection(self) -> psycopg.Connection[Any]:
        """The open connection, made (and the annotator's lock taken) if need be;
        call with the mutex held."""
        if self._closed:
            raise ValueError(f"{self.path}: the store is closed")
        if self._conn is not None and not self._conn.closed:
            return self._conn
        conn = connect(self.dsn)
        got = conn.execute(_LOCK_SQL, (self.annotator,)).fetchone()
        if not got or not got[0]:
            conn.close()
            raise AnnotatorBusy(self.path, self.annotator)
        self._conn = conn
        return conn

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None

    def _run(self, work: Any) -> Any:
        """``work(conn)`` under the mutex; a lost connection becomes OSError."""
        with self._mutex:
            try:
                return work(self._connection())
            except AnnotatorBusy as err:
                raise StoreUnreachable(str(err)) from None
            except (psycopg.OperationalError, psycopg.InterfaceError) as err:
                self._drop()
                raise StoreUnreachable(f"{self.path}: {first_line(err)}") from None

    # -- Store -----------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    @property
    def loaded(self) -> bool:
        """Never: each lookup asks the server, which may be slow or away, so a
        document's saved state is always looked up in a worker (which says so
        when the server cannot be reached), never on the event loop."""
        return False

    @property
    def pending_notice(self) -> str | None:
        """Nothing to say before a session starts."""
        return None

    def start(self) -> list[str]:
        """Nothing waits for the session to start."""
        return []

    def load(self) -> list[str]:
        """Nothing to read ahead."""
        return []

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Never waits."""
        return True

    def state_of(self, doc_id: str, task_hash: int) -> SavedState | None:
        """This annotator's latest saved line of ``doc_id``; None when there is none.
        Raises OSError when the server cannot be reached."""

        def look(conn: psycopg.Connection[Any]) -> Any:
            return conn.execute(
                "SELECT c.record, c.id, s.full_record FROM states s "
                "JOIN changes c ON c.id = s.change_id "
                "WHERE s.doc_id = %s AND s.annotator = %s",
                (doc_id, self.annotator),
            ).fetchone()

        row = self._run(look)
        if row is None:
            return None
        record, change_id, full = row
        return SavedState(dict(record), f"{self.path} change {change_id}", bool(full))

    def progress(self) -> dict[str, dict[str, int]]:
        """This annotator's documents answered, by input file name."""

        def count(conn: psycopg.Connection[Any]) -> Any:
            return conn.execute(
                "SELECT source, answer, count(*) FROM states WHERE annotator = %s "
                "AND answer IS NOT NULL GROUP BY source, answer",
                (self.annotator,),
            ).fetchall()

        found: dict[str, dict[str, int]] = {}
        for source, answer, n in self._run(count):
            found.setdefault(str(source), {})[str(answer)] = int(n)
        return found

    def append_change(self, change: Mapping[str, Any]) -> None:
        """Save a change line, committed when this returns; OSError when it was not."""
        if not is_change(change):
            raise ValueError("a change line needs _hamish_change: true")
        self._append(change, full=False)

    def append_full(self, record: Mapping[str, Any]) -> None:
        """Save a full record, as :meth:`append_change` saves a change line."""
        if is_change(record) or not isinstance(record.get("text"), str):
            raise ValueError("a full record needs its text, and is not a change line")
        self._append(record, full=True)

    def _append(self, line: Mapping[str, Any], *, full: bool) -> None:
        doc_id = line.get("_hamish_doc")
        if not isinstance(doc_id, str):
            raise ValueError("a line to save needs its document's id, _hamish_doc")
        record = {**line, "_annotator_id": self.annotator}
        answer = record.get("answer")
        source = str(record.get("_hamish_file") or "")

        def save(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                row = conn.execute(
                    "INSERT INTO changes (doc_id, annotator, full_record, record) "
                    "VALUES (%s, %s, %s, %s) RETURNING id",
                    (doc_id, self.annotator, full, Jsonb(record)),
                ).fetchone()
                assert row is not None
                conn.execute(
                    "INSERT INTO states (doc_id, annotator, change_id, full_record, answer, "
                    "source) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (doc_id, annotator) "
                    "DO UPDATE SET change_id = EXCLUDED.change_id, full_record = "
                    "EXCLUDED.full_record, answer = EXCLUDED.answer, source = EXCLUDED.source",
                    (doc_id, self.annotator, row[0], full, answer, source),
                )
                touch(conn, self.annotator)
                conn.execute(
                    "UPDATE assignments SET done = CASE WHEN %s THEN coalesce(done, now()) END "
                    "WHERE annotator = %s AND task_id = (SELECT id FROM tasks WHERE doc_id = %s)",
                    (answer is not None, self.annotator, doc_id),
                )

        self._run(save)

    def compact(self) -> Compacted:
        """A shared store keeps every change: refused (StoreError)."""
        raise StoreError(self.path, "a shared store keeps every change; nothing to compact")

    def close(self) -> None:
        """Hand back the claims nothing was saved on, and disconnect; twice is fine."""
        from reader.team.queue import release_unstarted

        with self._mutex:
            if self._closed:
                return
            if self._conn is not None and not self._conn.closed:
                with contextlib.suppress(psycopg.Error):  # else they expire in time
                    release_unstarted(self._conn, self.annotator)
            self._drop()
            self._closed = True


def _without_path(message: str, path: str) -> str:
    """A message without its leading ``path: `` (StoreError adds it again)."""
    return message[len(path) + 2 :] if message.startswith(path + ": ") else message


if TYPE_CHECKING:  # the shared store is a Store: mypy checks it has every method
    _IS_A_STORE: type[Store] = TeamStore
