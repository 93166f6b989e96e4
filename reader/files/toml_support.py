"""TOML reading shared by front matter, config and themes: the parser, and
its error messages turned into one-line problems with a line number."""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["TomlError", "loads", "toml_error", "tomllib"]

_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


class TomlError(ValueError):
    """Why a text is not TOML: ``problem`` and, where known, the 1-based ``line``."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(problem)


def toml_error(text: str) -> tuple[str, int | None]:
    """tomllib's message without its position, and the line it names.

    An error at the end of the document has no line: the message says so.
    """
    m = _WHERE.search(text)
    if not m:
        return text, None
    if not m.group(1):
        return text[: m.start()] + " (at the end of the file)" + text[m.end() :], None
    return text[: m.start()] + text[m.end() :], int(m.group(1))


def loads(text: str) -> dict[str, Any]:
    """The tables of the TOML ``text``; :class:`TomlError` if it is not TOML.

    Nesting deeper than the parser's recursion can follow is an error too
    (tomllib raises RecursionError for it).
    """
    try:
        tables: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TomlError(*toml_error(str(err))) from None
    except RecursionError:
        raise TomlError("nested too deeply") from None
    return tables
