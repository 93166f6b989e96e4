"""What `hamish export`, `agree` and `review` share: which inputs, in which formats,
filtered how, and whose work each document is."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from reader.agreement.pairing import annotator_of
from reader.cli.args import add_source_option
from reader.formats.detect import (
    ALIASES,
    SHARED_STORE,
    detect,
    missing_extra,
    read_documents,
    read_shared,
)
from reader.formats.model import Report, SourceDoc
from reader.formats.select import parse_answers, select

STORE_INPUT_HELP = (
    "read a team's shared store too, postgresql://[user@]host[:port]/database "
    "(the password from PGPASSFILE or PGPASSWORD); with no input, the config's store"
)


def add_input_options(
    parser: argparse.ArgumentParser,
    add_filter: Callable[..., Any],
    store_help: str = STORE_INPUT_HELP,
) -> None:
    """``--from`` and ``--store`` on ``parser``; ``--answers`` through ``add_filter``
    (an ``add_argument``)."""
    add_source_option(parser)
    parser.add_argument("--store", metavar="URL", help=store_help)
    add_filter(
        "--answers",
        default="accept",
        metavar="LIST",
        help="documents with these answers: all, or a list of accept, reject, ignore, "
        "none (none: saved while tagging, not answered yet); default accept. "
        "Applies to files that record answers (hamish, Prodigy, Label Studio)",
    )


def inputs_and_store(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    """The inputs, with ``--store`` after them; with neither, the config's store.
    None of them is a usage error."""
    inputs = list(args.inputs) + ([args.store] if args.store else [])
    if not inputs:
        from reader.cli.store_option import config_store

        configured, _ = config_store()
        if configured is None:
            parser.error("give an input (or --store, or store in the config)")
        inputs = [configured]
    return inputs


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
    """The format of each input: ``source`` (``--from``) or what :func:`detect` finds;
    a ``postgresql://`` input is a shared store, whatever ``source`` says.

    Raises InputError for an input whose format cannot be told, and
    ValueError naming the extra to install when a format (or one of
    ``also``) needs a package that is missing.
    """
    from reader.team.dsn import is_store_url as is_shared

    named = ALIASES.get(source, source) if source else None
    formats = [SHARED_STORE if is_shared(p) else named or detect(p) for p in inputs]
    if SHARED_STORE in formats:
        from reader.team import team_extra_missing
        from reader.team.dsn import PASSWORD_REFUSED, address_problem, has_password, shown_url

        missing = team_extra_missing()
        if missing:
            raise ValueError(missing)
        for path in inputs:
            if is_shared(path) and has_password(path):
                raise ValueError(PASSWORD_REFUSED)
            problem = address_problem(path) if is_shared(path) else None
            if problem:
                raise ValueError(f"{shown_url(path)}: {problem}")
    problem = missing_extra({*also, *formats})
    if problem:
        raise ValueError(problem)
    return formats


def read_work(path: str, fmt: str, report: Report) -> Iterator[SourceDoc]:
    """The annotators' documents in ``path`` (format ``fmt``): from a shared store,
    its annotators' latest states without the reviewers' gold records.

    Raises InputError as :func:`reader.formats.detect.read_documents` does.
    """
    if fmt == SHARED_STORE:
        return read_shared(path, report, gold=False)
    return read_documents(path, report, fmt)


def file_names(inputs: Sequence[str]) -> list[str]:
    """The annotator name each input gives its records that name none.

    The file or folder name without its extension (``alice.jsonl`` ->
    ``alice``), or the path as given when two inputs would share one.
    """
    stems = [os.path.splitext(os.path.basename(os.path.normpath(p)))[0] for p in inputs]
    paths: dict[str, set[str]] = {}
    for path, stem in zip(inputs, stems, strict=True):
        paths.setdefault(stem, set()).add(os.path.normpath(path))
    return [p if len(paths[s]) > 1 else s for p, s in zip(inputs, stems, strict=True)]


def annotators_work(
    inputs: Sequence[str],
    formats: Sequence[str],
    report: Report,
    answers: frozenset[str | None] | None,
    labels: frozenset[str] | None = None,
) -> tuple[list[tuple[SourceDoc, str]], int]:
    """Every input's documents that pass the filters, each with its annotator
    (the record's, else the input's name, see :func:`file_names`), for `hamish
    agree` and `hamish review`; and how many unanswered documents had spans.

    Raises InputError as :func:`read_work` does.
    """
    records: list[tuple[SourceDoc, str]] = []
    unanswered = 0
    for path, fmt, name in zip(inputs, formats, file_names(inputs), strict=True):
        chosen = select(read_work(path, fmt, report), answers, None, labels)
        unanswered += chosen.unanswered_with_spans
        records.extend((doc, annotator_of(doc, name)) for doc in chosen.docs)
    return records, unanswered
