"""What `hamish export` and `hamish agree` share: which inputs, in which formats, filtered how."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from reader.cli.args import add_source_option
from reader.formats.detect import ALIASES, detect, missing_extra
from reader.formats.select import parse_answers


def add_input_options(parser: argparse.ArgumentParser, add_filter: Callable[..., Any]) -> None:
    """``--from`` on ``parser``; ``--answers`` through ``add_filter`` (an ``add_argument``)."""
    add_source_option(parser)
    add_filter(
        "--answers",
        default="accept",
        metavar="LIST",
        help="documents with these answers: all, or a list of accept, reject, ignore, "
        "none (none: saved while tagging, not answered yet); default accept. "
        "Applies to files that record answers (hamish, Prodigy, Label Studio)",
    )


def filters(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> tuple[frozenset[str | None] | None, frozenset[str] | None]:
    """``--answers`` and ``--labels`` as :func:`reader.formats.select.select` takes them.

    A bad ``--answers`` is a usage error (one line, exit 2).
    """
    try:
        answers = parse_answers(args.answers)
    except ValueError as err:
        parser.error(f"--answers: {err}")
    labels = (
        frozenset(w.strip() for w in args.labels.split(",") if w.strip()) if args.labels else None
    )
    return answers, labels


def input_formats(inputs: Sequence[str], source: str | None, also: Iterable[str] = ()) -> list[str]:
    """The format of each input: ``source`` (``--from``) or what :func:`detect` finds.

    Raises InputError for an input whose format cannot be told, and
    ValueError naming the extra to install when a format (or one of
    ``also``) needs a package that is missing.
    """
    named = ALIASES.get(source, source) if source else None
    formats = [named or detect(path) for path in inputs]
    problem = missing_extra({*also, *formats})
    if problem:
        raise ValueError(problem)
    return formats
