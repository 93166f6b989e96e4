"""Store addresses: which arguments name a PostgreSQL server, and how to show one.

A password never travels in clear on the command line (any user of the
machine can read another's argv): it comes from ``PGPASSFILE`` (or
``~/.pgpass``) or ``PGPASSWORD``, which libpq reads itself.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")

PASSWORD_REFUSED = (
    "a password in the store address is refused (the command line is visible to every "
    "user): put it in PGPASSFILE (~/.pgpass) or PGPASSWORD"
)


def is_store_url(value: str) -> bool:
    """Whether ``value`` names a PostgreSQL server rather than a file."""
    return value.lower().startswith(SCHEMES)


def address_problem(url: str) -> str | None:
    """What makes ``url`` no address at all (a bad port, a broken IPv6 host); None if
    nothing does."""
    try:
        _ = urlsplit(url).port
    except ValueError as err:
        return f"not a valid address ({err})"
    return None


def has_password(url: str) -> bool:
    """Whether the address carries a password, in its user part or its query."""
    try:
        parts = urlsplit(url)
        if parts.password is not None:
            return True
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:  # no address: look for the shapes of a password in the text
        return "password=" in url or ":" in url.partition("://")[2].rpartition("@")[0]
    return any(key == "password" for key, _ in query)


def shown_url(url: str) -> str:
    """The address for messages: no password, no query."""
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:  # what follows the user (and password), without the query
        scheme, _, rest = url.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2].partition('?')[0]}"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password (in its user part or its query), and the password
    (None when it has none), for a child process to get in ``PGPASSWORD``."""
    try:
        parts = urlsplit(url)
        password = None if parts.password is None else unquote(parts.password)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return url, None
    for key, value in query:
        if key == "password":
            password = value
    if password is None:
        return url, None
    netloc = parts.netloc.rpartition("@")[2]
    if parts.username is not None:
        netloc = f"{parts.netloc.rpartition('@')[0].partition(':')[0]}@{netloc}"
    kept = "&".join(f"{quote(k)}={quote(v)}" for k, v in query if k != "password")
    return urlunsplit((parts.scheme, netloc, parts.path, kept, parts.fragment)), password
