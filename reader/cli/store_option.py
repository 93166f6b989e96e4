"""``--store``: which store a command works on, from the command line or the config."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.team.session_queue import SessionQueue

STORE_HELP = (
    "a team's shared store, postgresql://[user@]host[:port]/database (the password from "
    "PGPASSFILE or PGPASSWORD, never here); default: store in the config"
)


def add_store_option(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """Add ``--store URL`` to a parser."""
    p.add_argument("--store", metavar="URL", help=STORE_HELP)


def claim_count(value: str) -> int:
    """``--claim``: a whole number from 1 to 1000."""
    if value.isdigit() and 1 <= int(value) <= 1000:
        return int(value)
    raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 1000, not {value!r}")


class StoreChoiceError(ValueError):
    """The store asked for cannot be used; the message is the one line to print."""


def chosen_store(from_command_line: str | None, from_config: str | None) -> str | None:
    """The store address to use: the command line's, else the config's; None when neither.

    Raises StoreChoiceError for an address with a password on the command line.
    """
    from reader.team.dsn import PASSWORD_REFUSED, address_problem, has_password, is_store_url

    if from_command_line is not None and has_password(from_command_line):
        raise StoreChoiceError(f"--store: {PASSWORD_REFUSED}")
    chosen = from_command_line if from_command_line is not None else from_config
    problem = address_problem(chosen) if chosen and is_store_url(chosen) else None
    if problem:
        raise StoreChoiceError(f"--store: {problem}")
    return chosen


def config_store() -> tuple[str | None, list[str]]:
    """The config's ``store``, and the config's problems."""
    from reader.config.paths import config_path
    from reader.config.settings import load_settings

    settings, problems = load_settings(config_path())
    return settings.store, problems


def store_choice(
    args: argparse.Namespace, configured: str | None
) -> tuple[str | None, SessionQueue | None]:
    """Where annotations go (``--output``, ``--store``, the config's ``store``), and,
    for a shared store with no PATH, the session's queue, its first batch of
    documents claimed.  Raises InputError for a choice that cannot be used."""
    from reader.documents import InputError

    if args.output and args.store:
        raise InputError("--store", "give --output or --store, not both")
    try:
        where = args.output or chosen_store(args.store, configured)
    except StoreChoiceError as err:
        raise InputError("--store", str(err).removeprefix("--store: ")) from None
    from reader.team.dsn import is_store_url as is_shared

    if where is None or not is_shared(where) or args.paths:
        return where, None
    from reader.annotation.store_files import StoreError
    from reader.team import team_extra_missing

    missing = team_extra_missing()
    if missing:
        raise StoreError(where, missing)
    from reader.team.connection import StoreUnreachable
    from reader.team.dsn import shown_url
    from reader.team.schema import SchemaError
    from reader.team.session_queue import QUEUE_BATCH, SessionQueue, nothing_left

    who = args.annotator or os.environ.get("USER") or "hamish"
    queue = SessionQueue(where, who, args.claim or QUEUE_BATCH)
    try:
        count = queue.start()
    except (StoreUnreachable, SchemaError) as err:
        raise StoreError(shown_url(where), str(err).removeprefix(shown_url(where) + ": ")) from None
    if not count:
        raise StoreError(shown_url(where), nothing_left(who))
    return where, queue
