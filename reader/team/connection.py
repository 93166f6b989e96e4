"""Connecting to the shared store's server."""

from __future__ import annotations

from typing import Any

import psycopg

from reader.team.dsn import shown_url
from reader.team.schema import check_version

CONNECT_TIMEOUT = 5
"""Seconds before a connection attempt gives up (libpq's connect_timeout)."""


class StoreUnreachable(OSError):
    """The server could not be reached or refused us; the message names it."""


def connect(dsn: str, *, checked: bool = True) -> psycopg.Connection[Any]:
    """An autocommit connection to ``dsn``; with ``checked``, at hamish's schema.

    Raises StoreUnreachable (an OSError) when the server cannot be reached,
    :class:`reader.team.schema.SchemaError` when its schema is not this hamish's.
    """
    try:
        conn = psycopg.connect(dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.OperationalError as err:
        raise StoreUnreachable(f"{shown_url(dsn)}: {first_line(err)}") from None
    if checked:
        try:
            check_version(conn)
        except BaseException:
            conn.close()
            raise
    return conn


def first_line(err: BaseException) -> str:
    """An error's first line, for a one-line message."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
