"""`hamish agree FILE...`: how much, and where, several annotators agree."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from reader.agreement.pairing import Corpus, gather
from reader.cli.args import USAGE_ERROR, Parser, print_error
from reader.cli.inputs import (
    add_input_options,
    annotators_work,
    filters,
    input_formats,
    inputs_and_store,
)
from reader.documents.errors import InputError
from reader.formats.model import Report
from reader.plural import counted, have_spans

PROG = "hamish agree"
SHOWN_PROBLEMS = 20


def agree_parser() -> argparse.ArgumentParser:
    """The options of `hamish agree`."""
    p = Parser(
        prog=PROG,
        description="Agreement between annotators: span F1 per pair (strict, up to Arabic "
        "clitics, overlapping), Cohen's and Fleiss' kappa and Krippendorff's alpha on tokens, "
        "and the documents they agree on least.  Reads every format hamish export reads.",
    )
    p.add_argument("inputs", nargs="*", metavar="FILE", help="annotation files or folders")
    add_input_options(p, p.add_argument)
    p.add_argument("--labels", metavar="A,B", help="compare only spans with these labels")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument(
        "--worst", type=int, default=10, metavar="N", help="list the N worst documents (10)"
    )
    return p


def _say(message: str) -> None:
    """One line on standard error; file names and quoted content are untrusted."""
    print_error(PROG, message)


def agree_main(argv: Sequence[str]) -> int:
    """Run `hamish agree`; returns the exit code."""
    parser = agree_parser()
    args = parser.parse_args(argv)
    answers, labels = filters(parser, args)
    args.inputs = inputs_and_store(parser, args)
    if args.worst < 0:
        parser.error("--worst: must be 0 or more")
    try:
        formats = input_formats(args.inputs, args.source)
    except (InputError, ValueError) as err:
        _say(str(err))
        return USAGE_ERROR
    report = Report()
    try:
        records, unanswered = annotators_work(args.inputs, formats, report, answers, labels)
    except InputError as err:
        _say(str(err))
        return USAGE_ERROR
    _problems(report)
    corpus = gather(records)
    refusal = _refusal(args, corpus, unanswered)
    if refusal:
        _say(refusal)
        return USAGE_ERROR
    return _output(args, corpus)


def _problems(report: Report) -> None:
    """What the readers could not use, on standard error (the rest is compared)."""
    for err in report.problems[:SHOWN_PROBLEMS]:
        _say(str(err))
    if len(report.problems) > SHOWN_PROBLEMS:
        _say(f"... and {counted(len(report.problems) - SHOWN_PROBLEMS, 'more problem')}")
    for what, count in sorted(report.skipped.items()):
        _say(f"left out: {count} {what}")


def _refusal(args: argparse.Namespace, corpus: Corpus, unanswered: int) -> str | None:
    """Why there is nothing to compare, in one line; None when there is."""
    where = args.inputs[0] if len(args.inputs) == 1 else "the inputs"
    hint = ""
    if unanswered and args.answers != "all":
        hint = (
            f" ({have_spans(unanswered)} but no answer yet: include them with "
            f"--answers {args.answers},none)"
        )
    if not corpus.annotators:
        return f"{where}: no document to compare{hint}"
    if len(corpus.annotators) == 1:
        return (
            f"{where}: agreement needs two annotators, and every document here is "
            f"{corpus.annotators[0]}'s{hint}"
        )
    if not corpus.compared():
        left_out = len(corpus.not_comparable)
        if left_out:
            hint += f" ({left_out} left out: their texts differ between annotators)"
        return f"{where}: no document was done by two annotators{hint}"
    return None


def _output(args: argparse.Namespace, corpus: Corpus) -> int:
    from reader.agreement.report import measure

    result = measure(corpus, args.worst)
    if args.json:
        text = json.dumps(result, ensure_ascii=False, allow_nan=False, indent=2) + "\n"
        # A lone surrogate (from a file name) goes out as its JSON escape.
        sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
        sys.stdout.flush()
        return 0
    from rich.console import Console

    from reader.agreement.table import print_report

    print_report(result, Console(highlight=False))
    return 0
