"""`hamish serve --store URL`: the reader in a browser, one session per annotator's token."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, Sequence

from reader.cli.args import USAGE_ERROR, Parser, print_error
from reader.cli.store_option import StoreChoiceError, add_store_option, chosen_store, config_store

PROG = "hamish serve"
DEFAULT_PORT = 8000
EXTRA_MISSING = "textual-serve is not installed: pip install 'hamish[serve]'"


def serve_parser() -> argparse.ArgumentParser:
    """The options of `hamish serve`."""
    p = Parser(
        prog=PROG,
        description="Serve the reader to browsers with textual-serve.  Each browser "
        "session is a hamish of its own, annotating into the store as the annotator "
        "whose token opened it (the link /?token=TOKEN; hamish db add-annotator NAME "
        "makes one).  Without a valid token there is no app.  Put it behind a reverse "
        "proxy for TLS (see the README) and give its address with --public-url.",
    )
    add_store_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, e.g. https://annotate.example.org behind a proxy "
        "(default: http://HOST:PORT)",
    )
    a = p.add_argument_group("each session's reader")
    a.add_argument("--labels", metavar="A,B,C", help="labels for keys 1-9")
    a.add_argument("--label-file", metavar="FILE", help="labels, one per line or comma-separated")
    a.add_argument("--overlap", action="store_true", help="allow nested and overlapping spans")
    a.add_argument("--patterns", metavar="FILE.jsonl", help="Prodigy-style patterns")
    return p


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 1 to 65535, not {port}")
    return port


def session_command(args: argparse.Namespace) -> Callable[[str], str]:
    """The shell command of one annotator's session: this Python's hamish on the
    store, with the annotator last (so nothing before it can name another)."""
    argv = [sys.executable, "-m", "reader", "--store", args.store]
    if args.labels:
        argv += ["--labels", args.labels]
    for option, path in (("--label-file", args.label_file), ("--patterns", args.patterns)):
        if path:
            argv += [option, os.path.abspath(path)]
    if args.overlap:
        argv.append("--overlap")

    def command_for(name: str) -> str:
        return shlex.join([*argv, f"--annotator={name}"])

    return command_for


def serve_main(argv: Sequence[str]) -> int:
    """Run `hamish serve` until Ctrl+C; returns the exit code."""
    args = serve_parser().parse_args(list(argv))
    from reader.team import team_extra_missing

    missing = team_extra_missing()
    try:
        from reader.web.gate import GatedServer
    except ImportError:
        missing = missing or EXTRA_MISSING
    if missing:
        print_error(PROG, missing)
        return USAGE_ERROR
    args.store = _team_store(args.store)
    if args.store is None:
        return USAGE_ERROR
    from reader.team.dsn import split_password

    # The config's address may hold the password: each session's command line is
    # visible to every user of the machine, so they get it in their environment.
    args.store, password = split_password(args.store)
    if password is not None:
        os.environ["PGPASSWORD"] = password
    from functools import partial

    from reader.team.annotators import annotator_for_token

    server = GatedServer(
        annotator_for=partial(annotator_for_token, args.store),
        command_for=session_command(args),
        host=args.host,
        port=args.port,
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as err:  # the port is taken, the address is not this machine's
        print_error(PROG, f"{args.host}:{args.port}: {err.strerror or err}")
        return USAGE_ERROR
    return 0


def _team_store(given: str | None) -> str | None:
    """The store to serve (--store, else the config's), checked to be a reachable
    PostgreSQL at hamish's schema; None, having said why, when it is not."""
    from reader.team.connection import connect
    from reader.team.dsn import is_store_url, shown_url
    from reader.team.schema import SchemaError

    from_config, problems = config_store()
    for problem in problems:
        print_error(PROG, problem)
    try:
        url = chosen_store(given, from_config)
    except StoreChoiceError as err:
        print_error(PROG, err)
        return None
    if url is None or not is_store_url(url):
        print_error(PROG, f"{url or 'no store'}: serving needs --store postgresql://…")
        return None
    try:
        connect(url).close()  # now, not at the first browser: the server, the schema
    except OSError as err:  # StoreUnreachable names the store
        print_error(PROG, err)
        return None
    except SchemaError as err:
        print_error(PROG, f"{shown_url(url)}: {err}")
        return None
    return url
