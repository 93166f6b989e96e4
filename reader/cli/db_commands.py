"""The subcommands of `hamish db`, each ``(url, args) -> exit code``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from reader.cli.args import USAGE_ERROR, print_error
from reader.documents.errors import InputError
from reader.plural import counted
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


def per_task(value: str) -> int | None:
    """``--per-task``: a whole number from 1, or ``all`` (None)."""
    if value == "all":
        return None
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise ValueError(f"--per-task: must be a whole number from 1, or all, not {value!r}")


def _import(url: str, args: argparse.Namespace) -> int:
    from reader.team.importing import import_documents, library_documents

    try:
        needed = per_task(args.per_task)
    except ValueError as err:
        print_error(PROG, err)
        return USAGE_ERROR
    problems: list[str] = []
    try:
        with connect(url) as conn:
            for path in args.corpus:
                done = import_documents(conn, library_documents([path], problems), needed)
                for problem in problems:
                    print_error(PROG, problem)
                problems.clear()
                print_error(
                    PROG,
                    f"{path}: {counted(done.added, 'document')} added, "
                    f"{done.present} there already",
                )
    except (StoreUnreachable, SchemaError, InputError, ValueError) as err:
        print_error(PROG, err)
        return USAGE_ERROR
    return 0


def _status(url: str, args: argparse.Namespace) -> int:
    from reader.safe_text import shown
    from reader.team.status import queue_status, status_lines

    try:
        with connect(url) as conn:
            status = queue_status(conn)
    except (StoreUnreachable, SchemaError) as err:
        print_error(PROG, err)
        return USAGE_ERROR
    for line in status_lines(status, shown_url(url)):
        print(shown(line))
    return 0


COMMANDS: dict[str, Callable[[str, argparse.Namespace], int]] = {
    "init": _init,
    "upgrade": _upgrade_command,
    "add-annotator": _add_annotator,
    "import": _import,
    "status": _status,
}
