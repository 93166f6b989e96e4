"""`hamish export INPUT... --to FORMAT --output PATH`: annotations into other tools' formats."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from reader.cli.args import USAGE_ERROR, Parser, print_error
from reader.cli.inputs import add_input_options, filters, input_formats, inputs_and_store
from reader.documents.errors import InputError
from reader.formats.detect import read_documents
from reader.formats.model import Report, SourceDoc
from reader.formats.select import Selection, select
from reader.formats.writers import TARGETS, WriteOptions, write
from reader.plural import counted, have_spans

EXIT_LOST = 3
"""The exit code when the output was written but something was left out."""

PROG = "hamish export"
SHOWN_PROBLEMS = 20

EPILOG = f"""\
exit codes:
  0  everything read was written
  2  bad usage, or an input or output that cannot be used at all (nothing is written)
  {EXIT_LOST}  the output was written, but something was left out: records or spans
     that do not fit, what the format cannot hold (overlapping spans in doc.ents,
     nested spans without --nested, discontinuous brat spans), or no document
     passed the filters.  Each is counted on standard error.
"""


def export_parser() -> argparse.ArgumentParser:
    """The options of `hamish export`."""
    p = Parser(
        prog=PROG,
        description="Convert annotations between hamish and other tools' formats. "
        "Reads hamish / Prodigy JSONL, doccano JSONL, Label Studio JSON, brat, "
        "CoNLL and INCEpTION XMI (and spaCy .spacy), detected by name and content.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders to read")
    p.add_argument("--to", required=True, choices=TARGETS, help="the format to write")
    p.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="PATH",
        help="file to write (- for standard output), or folder for brat and inception",
    )
    f = p.add_argument_group("what to export")
    add_input_options(p, f.add_argument)
    f.add_argument("--annotator", metavar="NAME", help="only this annotator's documents")
    f.add_argument("--labels", metavar="A,B", help="keep only spans with these labels")
    o = p.add_argument_group("format options")
    o.add_argument(
        "--scheme",
        choices=("iob2", "bilou"),
        default="iob2",
        help="conll: tag scheme (default iob2)",
    )
    o.add_argument(
        "--nested",
        action="store_true",
        help="conll: one tag column per nesting depth, outermost first",
    )
    o.add_argument(
        "--offsets",
        choices=("utf16", "codepoint"),
        default="utf16",
        help="doccano (read and written): offsets count UTF-16 code units, as doccano "
        "does (default), or code points, for tools that count those",
    )
    o.add_argument(
        "--as",
        dest="kind",
        choices=("annotations", "predictions"),
        default="annotations",
        help="labelstudio: write spans as (default annotations)",
    )
    o.add_argument("--from-name", default="label", help="labelstudio: from_name (default label)")
    o.add_argument(
        "--to-name",
        default="text",
        help="labelstudio: to_name and the data key of the text (default text)",
    )
    o.add_argument(
        "--spans-key",
        default="sc",
        help='spacy: the doc.spans key that holds every span (default "sc")',
    )
    return p


def _say(message: str) -> None:
    """One line on standard error; file names and quoted content are untrusted."""
    print_error(PROG, message)


def export_main(argv: Sequence[str]) -> int:
    """Run `hamish export`; returns the exit code."""
    from reader.cli.progress import tracked

    parser = export_parser()
    args = parser.parse_args(argv)
    answers, labels = filters(parser, args)
    args.inputs = inputs_and_store(parser, args)
    try:
        formats = input_formats(args.inputs, args.source, {args.to})
    except (InputError, ValueError) as err:
        _say(str(err))
        return USAGE_ERROR
    report = Report()
    docs: list[SourceDoc] = []
    try:
        for path, fmt in zip(args.inputs, formats, strict=True):
            found = read_documents(path, report, fmt, args.offsets, args.spans_key)
            docs.extend(tracked(found, f"reading {path}"))
    except InputError as err:
        _say(str(err))
        return USAGE_ERROR
    chosen = select(docs, answers, args.annotator, labels)
    options = WriteOptions(
        scheme=args.scheme,
        nested=args.nested,
        offsets=args.offsets,
        kind=args.kind,
        from_name=args.from_name,
        to_name=args.to_name,
        spans_key=args.spans_key,
    )
    try:
        written = write(
            args.to, tracked(chosen.docs, "writing", len(chosen.docs)), args.output, report, options
        )
    except InputError as err:
        _say(str(err))
        return USAGE_ERROR
    return _summary(args, chosen, report, written, len(docs))


def _summary(
    args: argparse.Namespace, chosen: Selection, report: Report, written: int, read: int
) -> int:
    """Say what was written and what was left out; the exit code."""
    for err in report.problems[:SHOWN_PROBLEMS]:
        _say(str(err))
    if len(report.problems) > SHOWN_PROBLEMS:
        _say(f"... and {counted(len(report.problems) - SHOWN_PROBLEMS, 'more problem')}")
    for what, count in sorted(report.skipped.items()):
        _say(f"left out: {count} {what}")
    for what, count in sorted(chosen.left_out.items()):
        _say(f"not chosen: {count} {what}")
    for what, count in sorted(report.notes.items()):
        _say(f"note: {count} {what}")
    spans = sum(len(d.spans) for d in chosen.docs)
    where = "standard output" if args.output == "-" else args.output
    with_spans = f" ({counted(spans, 'span')})" if written == len(chosen.docs) else ""
    _say(f"wrote {written} of {counted(read, 'document')}{with_spans} to {where} as {args.to}")
    if not chosen.docs and chosen.unanswered_with_spans and args.answers != "all":
        _say(
            f"{have_spans(chosen.unanswered_with_spans)} but no answer yet "
            f"(saved while tagging): include them with --answers {args.answers},none"
        )
    if report.skipped or report.problems or not chosen.docs:
        return EXIT_LOST
    return 0
