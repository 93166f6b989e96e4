"""`hamish db ...`: make and look after a team's shared store on PostgreSQL.

hamish db init --store URL             the tables, on an empty database
hamish db upgrade --store URL          the migrations the database lacks
hamish db add-annotator NAME --store URL   prints NAME's token, once
hamish db import CORPUS... --store URL [--per-task N|all]
hamish db status --store URL
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from reader.cli.args import USAGE_ERROR, Parser, print_error
from reader.cli.store_option import (
    StoreChoiceError,
    add_store_option,
    chosen_store,
    config_store,
)

PROG = "hamish db"


def db_parser() -> argparse.ArgumentParser:
    """The options of `hamish db`."""
    p = Parser(
        prog=PROG,
        description="Make and look after a team's shared store on PostgreSQL: its tables, "
        "its annotators, its task queue.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = sub.add_parser("init", help="make hamish's tables in an empty database")
    upgrade = sub.add_parser("upgrade", help="bring the tables to this hamish's version")
    add = sub.add_parser("add-annotator", help="register an annotator; prints their token once")
    add.add_argument("name", metavar="NAME")
    imp = sub.add_parser(
        "import", help="load documents (any input format, with their spans) as tasks"
    )
    imp.add_argument("corpus", nargs="+", metavar="CORPUS", help="files or directories")
    imp.add_argument(
        "--per-task",
        default="1",
        metavar="N|all",
        help="how many distinct annotators each document goes to (default 1; all: everyone)",
    )
    status = sub.add_parser("status", help="documents done, in progress and left")
    for command in (init, upgrade, add, imp, status):
        add_store_option(command)
    return p


def db_main(argv: Sequence[str]) -> int:
    """Run `hamish db`; returns the exit code."""
    from reader.team import team_extra_missing

    args = db_parser().parse_args(list(argv))
    missing = team_extra_missing()
    if missing:
        print_error(PROG, missing)
        return USAGE_ERROR
    from_config, problems = config_store()
    for problem in problems:
        print_error(PROG, problem)
    try:
        url = chosen_store(args.store, from_config)
    except StoreChoiceError as err:
        print_error(PROG, err)
        return USAGE_ERROR
    if url is None:
        print_error(PROG, "no store: give --store postgresql://… or store in the config")
        return USAGE_ERROR
    from reader.team.dsn import is_store_url

    if not is_store_url(url):
        print_error(PROG, f"{url}: not a postgresql:// address")
        return USAGE_ERROR
    from reader.cli.db_commands import COMMANDS

    return COMMANDS[args.command](url, args)
