"""Store addresses: which arguments name a PostgreSQL server, and how to show one.

A password never travels in clear on the command line (any user of the
machine can read another's argv): it comes from ``PGPASSFILE`` (or
``~/.pgpass``) or ``PGPASSWORD``, which libpq reads itself.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")

PASSWORD_REFUSED = (
    "a password in the store address is refused (the command line is visible to every "
    "user): put it in PGPASSFILE (~/.pgpass) or PGPASSWORD"
)


def is_store_url(value: str) -> bool:
    """Whether ``value`` names a PostgreSQL server rather than a file."""
    return value.lower().startswith(SCHEMES)


def has_password(url: str) -> bool:
    """Whether the address carries a password, in its user part or its query."""
    parts = urlsplit(url)
    if parts.password is not None:
        return True
    return any(key == "password" for key, _ in parse_qsl(parts.query, keep_blank_values=True))


def shown_url(url: str) -> str:
    """The address for messages: no password, no query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
