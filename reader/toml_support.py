"""TOML reading shared by front matter, config and themes: the parser, and
its error messages turned into one-line problems with a line number."""

from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["tomllib", "toml_error"]

_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


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
