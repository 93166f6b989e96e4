"""Annotators and their tokens.

A token is made once, shown once (``hamish db add-annotator NAME``) and
stored only as its SHA-256: it is 32 random bytes, so a fast hash is as good
as a slow one, and a lookup is one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets

import psycopg

from reader.team.connection import connect

TOKEN_BYTES = 32
MAX_NAME = 100


class AnnotatorExists(Exception):
    """``add_annotator`` for a name that has a token already."""


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_annotator(dsn: str, name: str) -> str:
    """Register ``name`` and return their new token (the only time it is seen).

    Raises AnnotatorExists for a name already registered, ValueError for an
    empty name, or one with control characters or over 100 characters.
    """
    if not name.strip():
        raise ValueError("an annotator's name cannot be empty")
    if not name.isprintable() or len(name) > MAX_NAME:
        raise ValueError(f"an annotator's name is printable text of at most {MAX_NAME} characters")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with connect(dsn) as conn:
        try:
            conn.execute(
                "INSERT INTO annotators (name, token_hash) VALUES (%s, %s)",
                (name, token_hash(token)),
            )
        except psycopg.errors.UniqueViolation:
            raise AnnotatorExists(f"an annotator named {name!r} exists already") from None
    return token


def annotator_for_token(dsn: str, token: str) -> str | None:
    """The name whose token this is; None for a token nobody has."""
    if not token:
        return None
    with connect(dsn) as conn:
        row = conn.execute(
            "SELECT name FROM annotators WHERE token_hash = %s", (token_hash(token),)
        ).fetchone()
    return str(row[0]) if row else None


def annotator_names(dsn: str) -> list[str]:
    """Every registered annotator, by name."""
    with connect(dsn) as conn:
        return [str(r[0]) for r in conn.execute("SELECT name FROM annotators ORDER BY name")]
