"""``--store``: which store a command works on, from the command line or the config."""

from __future__ import annotations

import argparse

STORE_HELP = (
    "a team's shared store, postgresql://[user@]host[:port]/database (the password from "
    "PGPASSFILE or PGPASSWORD, never here); default: store in the config"
)


def add_store_option(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """Add ``--store URL`` to a parser."""
    p.add_argument("--store", metavar="URL", help=STORE_HELP)


class StoreChoiceError(ValueError):
    """The store asked for cannot be used; the message is the one line to print."""


def chosen_store(from_command_line: str | None, from_config: str | None) -> str | None:
    """The store address to use: the command line's, else the config's; None when neither.

    Raises StoreChoiceError for an address with a password on the command line.
    """
    from reader.team.dsn import PASSWORD_REFUSED, has_password

    if from_command_line is not None:
        if has_password(from_command_line):
            raise StoreChoiceError(f"--store: {PASSWORD_REFUSED}")
        return from_command_line
    return from_config


def config_store() -> tuple[str | None, list[str]]:
    """The config's ``store``, and the config's problems."""
    from reader.config.paths import config_path
    from reader.config.settings import load_settings

    settings, problems = load_settings(config_path())
    return settings.store, problems
