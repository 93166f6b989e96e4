"""Argument parsing shared by `hamish` and `hamish render`."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from reader.safe_text import shown

USAGE_ERROR = 2


def print_error(prog: str, message: object) -> None:
    """``prog: message`` on stderr, one line; the message (which may quote file
    names and arguments) through the boundary, so no escape sequence gets out."""
    print(f"{prog}: {shown(message)}", file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2.

    argparse's messages quote the command line: they pass the boundary too.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: {shown(message)} (see {self.prog} --help)\n")


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None


def _cells(value: str, low: int, high: int) -> int:
    cells = _whole_number(value)
    if not low <= cells <= high:
        raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {cells}")
    return cells


RENDER_MIN_WIDTH = 2
# A row is built in memory before it is printed: a bound keeps a typo
# (`--width 1000000000`) from asking for gigabytes.
RENDER_MAX_WIDTH = 10_000


def width(value: str) -> int:
    """``hamish render``'s row width: a whole number from 2 to 10000."""
    return _cells(value, RENDER_MIN_WIDTH, RENDER_MAX_WIDTH)


def on_off(value: str) -> bool:
    """``on``/``show`` or ``off``/``hide``."""
    if value in ("on", "show"):
        return True
    if value in ("off", "hide"):
        return False
    raise argparse.ArgumentTypeError(f"invalid choice: {value!r}")


READER_MIN_WIDTH = 20
READER_MAX_WIDTH = 1000


def reader_width(value: str) -> int:
    """The reader's column width: a whole number from 20 to 1000, as in the config."""
    return _cells(value, READER_MIN_WIDTH, READER_MAX_WIDTH)


_SIZE = re.compile(r"(\d+)\s*([KMG]?)(?:i?B)?", re.IGNORECASE)
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def size(value: str) -> int:
    """A number of bytes: ``100000``, ``512K``, ``64M``, ``1G`` (also ``64MiB``, ``64MB``).

    K, M and G are 1024, 1024² and 1024³.
    """
    m = _SIZE.fullmatch(value.strip())
    if not m or int(m.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"not a size such as 64M or 1G: {value!r}")
    return int(m.group(1)) * _UNITS[m.group(2).upper()]


def add_max_size(parser: argparse.ArgumentParser) -> None:
    """The ``--max-size`` option: the most bytes an article may have."""
    from reader.documents.reading import ARTICLE_LIMIT, size_text

    parser.add_argument(
        "--max-size",
        type=size,
        default=ARTICLE_LIMIT,
        metavar="SIZE",
        help="the largest article, .json file or JSON Lines record to read, "
        f"e.g. 256M or 1G (default: {size_text(ARTICLE_LIMIT)})",
    )


def add_source_option(parser: argparse.ArgumentParser) -> None:
    """The ``--from FORMAT`` option: the inputs' format, instead of telling it."""
    from reader.formats.sniff import ALIASES, FORMATS

    parser.add_argument(
        "--from",
        dest="source",
        choices=FORMATS + tuple(ALIASES),
        metavar="FORMAT",
        help=f"the inputs' format, instead of telling it by name and content: {', '.join(FORMATS)}",
    )
