"""The subcommands of `hamish db`, each ``(url, args) -> exit code``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from reader.cli.args import USAGE_ERROR, print_error
from reader.team.annotators import AnnotatorExists, add_annotator
from reader.team.connection import StoreUnreachable, connect
from reader.team.dsn import shown_url
from reader.team.schema import SchemaError, upgrade

PROG = "hamish db"


def _init(url: str, args: argparse.Namespace) -> int:
    return _upgrade(url, fresh=True)


def _upgrade_command(url: str, args: argparse.Namespace) -> int:
    return _upgrade(url, fresh=False)


def _upgrade(url: str, *, fresh: bool) -> int:
    try:
        with connect(url, checked=False) as conn:
            before, after = upgrade(conn, fresh=fresh)
    except (StoreUnreachable, SchemaError) as err:
        print_error(PROG, err)
        return USAGE_ERROR
    where = shown_url(url)
    if before == after:
        print_error(PROG, f"{where}: already at schema version {after}")
    else:
        print_error(PROG, f"{where}: schema version {before} → {after}")
    return 0


def _add_annotator(url: str, args: argparse.Namespace) -> int:
    try:
        token = add_annotator(url, args.name)
    except (StoreUnreachable, SchemaError, AnnotatorExists, ValueError) as err:
        print_error(PROG, err)
        return USAGE_ERROR
    print_error(PROG, f"{args.name}'s token (shown this once; only its hash is kept):")
    print(token)
    sys.stdout.flush()
    return 0


COMMANDS: dict[str, Callable[[str, argparse.Namespace], int]] = {
    "init": _init,
    "upgrade": _upgrade_command,
    "add-annotator": _add_annotator,
}
