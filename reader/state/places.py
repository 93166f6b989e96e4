"""Where each document was left: the line at the top and the token cursor.

A place is kept by the document's source (a file's absolute path, a page's
URL) and a hash of its text, so an edited file starts again at the top rather
than at an offset that now means something else.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import NamedTuple

from reader.state.db import connect


class Place(NamedTuple):
    """An offset into the text at the top of the screen, and the cursor's, if any."""

    top: int
    cursor: int | None = None


def place_key(source: str, text: str) -> str:
    """The key of a document: its source and the SHA-256 of its text."""
    if "://" not in source and source != "-":
        source = os.path.abspath(source)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{source}\n{digest}"


class Places:
    """The places table, safe to use from several threads (one connection, a lock)."""

    def __init__(self, path: Path | None = None) -> None:
        self._conn = connect(path)
        self._lock = threading.Lock()

    def get(self, key: str) -> Place | None:
        """Where the document of ``key`` was left, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT top, cursor FROM places WHERE key = ?", (key,)
            ).fetchone()
        return Place(row["top"], row["cursor"]) if row else None

    def put(self, key: str, place: Place) -> None:
        """Remember ``place`` for the document of ``key``."""
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO places (key, top, cursor, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET top = excluded.top, "
                "cursor = excluded.cursor, updated_at = excluded.updated_at",
                (key, place.top, place.cursor, time.time()),
            )

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._conn.close()


def safe_put(places: Places | None, key: str, place: Place) -> str | None:
    """:meth:`Places.put`, its failure said in words rather than raised (for the UI)."""
    if places is None:
        return None
    try:
        places.put(key, place)
    except sqlite3.Error as err:
        return f"reading place not saved: {err}"
    return None
