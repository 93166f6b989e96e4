"""`hamish compact FILE`: the output file as one full record per document."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from reader.cli.args import USAGE_ERROR, Parser, print_error
from reader.plural import counted

PROG = "hamish compact"


def compact_parser() -> argparse.ArgumentParser:
    """The options of `hamish compact`."""
    p = Parser(
        prog=PROG,
        description="Rewrite a hamish output file as one full record per document, its "
        "latest state: what Prodigy's db-in and other tools that read whole tasks want. "
        "The new file is written beside the old one and renamed over it, under the "
        "file's lock: a hamish annotating into it makes this stop with exit code 2.",
    )
    p.add_argument("file", metavar="FILE.jsonl", help="a hamish output file")
    return p


def compact_main(argv: Sequence[str]) -> int:
    """Run `hamish compact`; returns the exit code."""
    from reader.annotation.store import AnnotationStore, StoreError
    from reader.documents.errors import InputError

    args = compact_parser().parse_args(list(argv))
    path: str = args.file
    if not os.path.lexists(path):
        print_error(PROG, f"{path}: no such file")
        return USAGE_ERROR
    try:
        store, problems = AnnotationStore.open(path)
        with store:
            problems += store.load()
            problems += store.start()  # a torn last line goes to a side file first
            done = store.compact()
    except (StoreError, InputError) as err:
        print_error(PROG, err)
        return USAGE_ERROR
    for problem in [*problems, *done.problems]:
        print_error(PROG, problem)
    print_error(
        PROG,
        f"{path}: {counted(done.lines_before, 'line', grouped=True)}, "
        f"{_size(done.bytes_before)} → {counted(done.documents, 'document', grouped=True)}, "
        f"{_size(done.bytes_after)}",
    )
    return 0


def _size(count: int) -> str:
    """A number of bytes in words: 812 bytes, 4.2 KB, 1.3 MB."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return counted(count, "byte")
