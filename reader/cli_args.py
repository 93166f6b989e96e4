"""Argument parsing shared by `hamish` and `hamish render`."""

from __future__ import annotations

import argparse
from typing import NoReturn

USAGE_ERROR = 2


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (see {self.prog} --help)\n")


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
