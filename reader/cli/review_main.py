"""`hamish review FILE... --output gold.jsonl`: settle several annotators' differences."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from reader.cli.args import USAGE_ERROR, Parser, print_error, reader_width
from reader.cli.inputs import add_input_options, annotators_work, filters, input_formats
from reader.documents.errors import InputError

if TYPE_CHECKING:
    from reader.annotation.setup import AnnotationSetup
    from reader.cli.app_main import AppConfig
    from reader.review.plan import Review
    from reader.ui.app import HamishApp

PROG = "hamish review"
STORE_HELP = (
    "a team's shared store, postgresql://[user@]host[:port]/database (the password from "
    "PGPASSFILE or PGPASSWORD): the gold records are saved into it, the reviewer as the "
    "annotator, in place of --output; with no FILE, every annotator's latest work is read "
    "from it too; with no FILE and no --store, the config's store"
)


def review_parser() -> argparse.ArgumentParser:
    """The options of `hamish review`."""
    p = Parser(
        prog=PROG,
        description="Adjudicate: every annotator's spans on the same text, what they all "
        "agree on accepted, each difference settled by key, a gold file saved as you go.  "
        "Reads every format hamish agree reads; reopening the gold file resumes the review.",
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="FILE",
        help="annotation files or folders, or a shared store's postgresql:// address",
    )
    add_input_options(p, p.add_argument, STORE_HELP)
    p.add_argument("--output", metavar="GOLD.jsonl", help="where the gold records are saved")
    p.add_argument("--labels", metavar="A,B,C", help="labels for keys 1-9 when editing the gold")
    p.add_argument(
        "--reviewer",
        metavar="NAME",
        help="saved as _annotator_id (default: reviewer in the config, else $USER)",
    )
    p.add_argument(
        "--auto-accept",
        action="store_true",
        help="save documents two or more annotators did and all agree on as accepted, unseen",
    )
    p.add_argument("--overlap", action="store_true", help="allow nested and overlapping spans")
    p.add_argument("--width", type=reader_width, help="reading column width in cells")
    return p


@dataclass
class Prepared:
    """A review ready to run: its documents, the gold store, and what to say first."""

    review: Review
    setup: AnnotationSetup
    config: AppConfig  # the config and themes, and what was wrong with them


def prepare_review(argv: Sequence[str]) -> Prepared:
    """Read the inputs, pair their documents, open and read the gold file.

    Raises InputError or StoreLocked (one line each) for what cannot be used;
    a usage error exits as argparse does.  The gold file stays open (locked)
    in the returned setup.
    """
    from reader.annotation.setup import AnnotationSetup, choose_labels
    from reader.annotation.store_open import open_store
    from reader.cli.app_main import load_app_config
    from reader.formats.model import Report
    from reader.review.plan import build_review

    parser = review_parser()
    args = parser.parse_args(list(argv))
    answers, _ = filters(parser, argparse.Namespace(answers=args.answers, labels=None))
    output, inputs = _gold_and_inputs(parser, args)
    try:
        formats = input_formats(inputs, args.source)
    except ValueError as err:
        raise InputError(_shown(inputs[0]), str(err)) from None
    report = Report()
    records, _ = annotators_work(inputs, formats, report, answers)
    problems = [str(err) for err in report.problems]
    review = build_review(records)
    if not review.items:
        raise InputError(
            _shown(inputs[0]) if len(inputs) == 1 else "the inputs", "no document to review"
        )
    problems += [
        f"{nc.doc_id}: not comparable: {nc.reason} ({', '.join(nc.where)}); left out"
        for nc in review.not_comparable
    ]
    config = load_app_config(args.width)
    labels = choose_labels(args.labels, None, config.settings.labels)
    new = sorted(_labels_of(review) - set(labels))
    reviewer = args.reviewer or config.settings.reviewer or os.environ.get("USER") or "reviewer"
    store, more = open_store(output, reviewer)
    problems += more
    setup = AnnotationSetup([*labels, *new], store, _shown(output), reviewer, args.overlap)
    setup.input_labels.update(new)
    try:
        problems += store.start()
        problems += store.load()
        review.resume(store)
        if args.auto_accept:
            saved = review.auto_accept(store, reviewer)
            if saved:
                kind = "document" if saved == 1 else "documents"
                problems.append(f"accepted {saved} {kind} every annotator agrees on, unseen")
    except (OSError, ValueError) as err:
        store.close()
        raise InputError(_shown(output), str(err)) from None
    config.problems += problems
    return Prepared(review, setup, config)


def _gold_and_inputs(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> tuple[str, list[str]]:
    """Where the gold goes (``--output`` or ``--store``) and what is reviewed (the
    FILEs, else the store: ``--store``, or with no FILE the config's ``store``).
    A usage error when either is missing; InputError for a store address that
    cannot be used, or a gold file that is an input."""
    from reader.cli.store_option import StoreChoiceError, chosen_store, config_store

    if args.output and args.store:
        parser.error("give --output GOLD.jsonl or --store URL, not both")
    store = args.store
    if store is None and not args.inputs:
        store, _ = config_store()  # its problems are the review's config's, said there
    if not args.output and not store:
        parser.error("give --output GOLD.jsonl or --store URL: where the gold is saved")
    if store:
        try:
            chosen_store(store, None)
        except StoreChoiceError as err:
            raise InputError("--store", str(err).removeprefix("--store: ")) from None
    inputs = list(args.inputs) or ([store] if store else [])
    if not inputs:
        parser.error("give the annotators' files (FILE...), or --store to review from it")
    if args.output:
        _check_output(args.output, inputs)
    return args.output or store, inputs


def _shown(where: str) -> str:
    """A file's name, or a store's address without its password, for messages."""
    from reader.team.dsn import is_store_url, shown_url

    return shown_url(where) if is_store_url(where) else where


def _check_output(output: str, inputs: Sequence[str]) -> None:
    """Refuse a gold file that is an input, or inside an input folder (it would be
    read back as one more annotator's work): InputError."""
    gold = os.path.realpath(output)
    for path in inputs:
        where = os.path.realpath(path)
        if os.path.isdir(where) and os.path.commonpath([where, gold]) == where:
            raise InputError(
                output, f"is inside {path}, an input: give the gold file a place of its own"
            )
        if gold == where:
            raise InputError(output, "is one of the inputs: give the gold file its own")


def _labels_of(review: Review) -> set[str]:
    """Every label an annotator used."""
    return {
        span.label
        for item in review.items
        for version in item.document.versions.values()
        for span in version.spans
    }


def create_review_app(argv: Sequence[str], *, terminal: TextIO | None = None) -> HamishApp:
    """The app of `hamish review` for ``argv`` (after ``review``), ready to run.

    Raises as :func:`prepare_review` does, and InputError when nothing is left
    to review.  Tests build it here (through
    :func:`reader.cli.app_main.create_app`, given ``review`` first).
    """
    prepared = prepare_review(argv)
    if not prepared.review.items:
        prepared.setup.store.close()
        raise InputError(prepared.setup.output, NOTHING_LEFT)
    return review_app(prepared, terminal)


NOTHING_LEFT = "every document is settled; nothing left to review"


def review_app(prepared: Prepared, terminal: TextIO | None = None) -> HamishApp:
    """The app that reviews ``prepared`` (which has a document left)."""
    from dataclasses import replace

    from reader.formats.model import SourceDoc
    from reader.library import Entry, Library, Opened, Position
    from reader.library.sourced import SourceFile

    review, config = prepared.review, prepared.config
    docs: list[SourceDoc] = [
        replace(item.source, text=item.text, spans=(), doc_id=item.doc_id) for item in review.items
    ]
    name = f"review of {len(review.annotators)} annotators"
    entry = Entry(name, "records", name, name, "", len(docs))
    opened = [Opened(entry, SourceFile.of_documents(name, docs), None)]
    for nc in review.not_comparable:  # listed in the library, with the reason
        error = InputError(nc.doc_id, f"not comparable: {nc.reason}")
        opened.append(
            Opened(Entry(nc.doc_id, "article", nc.doc_id, "", "", 0, str(error)), None, error)
        )
    library = Library(opened)
    first = Position(0, 0)
    return config.app(
        library,
        terminal,
        open_first=True,
        annotation=prepared.setup,
        preloaded=(first, library.article(first)),
        review=review,
    )


def review_main(argv: Sequence[str]) -> int:
    """Run `hamish review`; returns the exit code."""
    from reader.annotation.store import StoreLocked
    from reader.cli.app_main import forget_stale_size, run

    review_parser().parse_args(list(argv))  # usage errors first
    try:
        prepared = prepare_review(argv)
    except (StoreLocked, InputError) as err:
        print_error(PROG, err)
        return USAGE_ERROR
    store = prepared.setup.store
    try:
        for problem in prepared.config.problems:
            print_error(PROG, problem)
        if not prepared.review.items:
            print_error(PROG, f"{prepared.setup.output}: {NOTHING_LEFT}")
            return 0
        streams = (sys.__stdin__, sys.__stdout__)
        if not all(stream is not None and stream.isatty() for stream in streams):
            print_error(PROG, "the review needs a terminal")
            return USAGE_ERROR
        forget_stale_size()
        return run(review_app(prepared, sys.__stdout__))
    finally:
        store.close()
