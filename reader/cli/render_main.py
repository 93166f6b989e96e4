"""`hamish render FILE`: print a document's rows as the reader draws them."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import BinaryIO, cast

from reader.cli.args import USAGE_ERROR, Parser, on_off, print_error, width
from reader.documents import InputError
from reader.documents.stream import Readable, check_bytes, open_regular, paragraphs
from reader.layout import LayoutOptions
from reader.layout.render import level_ahead, rendered


def render_parser() -> argparse.ArgumentParser:
    """The options of `hamish render`."""
    p = Parser(
        prog="hamish render",
        description="Print a document's rows exactly as the reader draws them, "
        "for pipes and for terminals that do no bidi of their own.",
    )
    p.add_argument("file", metavar="FILE", help="a text file, or - for standard input")
    p.add_argument(
        "--width",
        type=width,
        help="row width in cells, 2 to 10000 (default: 80, or the terminal's if narrower)",
    )
    p.add_argument(
        "--direction",
        choices=("auto", "rtl", "ltr"),
        default="auto",
        help="paragraph direction (default: auto, from the first strong letter)",
    )
    p.add_argument(
        "--harakat",
        type=on_off,
        default=True,
        metavar="show|hide",
        help="draw vowel marks (default: show)",
    )
    p.add_argument(
        "--shaping",
        type=on_off,
        default=True,
        metavar="on|off",
        help="join Arabic letters (default: on)",
    )
    p.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default="app",
        help="app: print visual order; terminal: logical order, unshaped, "
        "for terminals that reorder by themselves (default: app)",
    )
    p.add_argument(
        "--show-formatting",
        action="store_true",
        help="draw bidi formatting characters as visible stand-ins",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per row: row, start, end, direction, visual",
    )
    return p


def _default_width() -> int:
    if sys.stdout.isatty():
        return max(2, min(80, shutil.get_terminal_size().columns))
    return 80


def render_main(argv: Sequence[str]) -> int:
    """Run `hamish render`; returns the exit code."""
    args = render_parser().parse_args(argv)
    options = LayoutOptions(
        direction=args.direction,
        harakat=args.harakat,
        shaping=args.shaping,
        bidi=args.bidi,
        show_formatting=args.show_formatting,
    )
    if args.file.lower().endswith((".jsonl", ".json")):
        print_error(
            "hamish render",
            f"{args.file}: a record file; render takes one text file "
            f"(read its records with: hamish {args.file})",
        )
        return USAGE_ERROR
    out = sys.stdout.buffer
    try:
        with _opened(args.file) as (stream, name, look_ahead):
            for lines in rendered(
                paragraphs(_Flushing(stream, out), name),
                args.width or _default_width(),
                options,
                as_json=args.json,
                look_ahead=look_ahead,
            ):
                for line in lines:
                    out.write(line.encode("utf-8"))
                    out.write(b"\n")
        out.flush()
    except InputError as err:
        print_error("hamish render", err)
        return USAGE_ERROR
    except BrokenPipeError:
        # The reader of the pipe left (`| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except KeyboardInterrupt:
        return 130  # Ctrl+C on a pipe that never ends: quietly, as cat does
    return 0


class _Flushing:
    """Input that flushes the output before each read, so that every row
    printed is on its way before render waits for more input (and no more
    often)."""

    def __init__(self, stream: Readable, out: BinaryIO) -> None:
        self._stream = stream
        self._out = out

    def read1(self, size: int = -1, /) -> bytes:
        self._out.flush()
        return self._stream.read1(size)


@contextmanager
def _opened(path: str) -> Iterator[tuple[Readable, str, Callable[[], int] | None]]:
    """(stream, name, look-ahead) for ``path``, or standard input for ``-``.

    A file is read through once first, so that bytes that are not UTF-8 are
    reported before any row is printed, as they always were.
    """
    if path == "-":
        yield cast(Readable, sys.stdin.buffer), "<stdin>", None
        return
    with open_regular(path) as f:
        check_bytes(f, path)
        f.seek(0)
        yield f, path, partial(level_ahead, path)
