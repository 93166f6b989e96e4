"""Optional TOML front matter between two ``+++`` lines at the top of a text file.

    +++
    title = "..."
    source = "..."
    date = "2022-01-23"
    +++
    The article, one paragraph per line.

The document is everything after the closing ``+++`` line; all offsets index
that text.  A file that does not start with a ``+++`` line has no front matter.
"""

from __future__ import annotations

import re
from typing import Any

from reader.documents.errors import InputError
from reader.documents.json_input import value_problem
from reader.toml_support import TomlError, loads

_FENCE = re.compile(r"\+\+\+[ \t]*\r?\n")


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text; metadata is empty when there is no front matter."""
    opening = _FENCE.match(text)
    if not opening:
        return {}, text
    closing = re.compile(r"^\+\+\+[ \t]*(\r?\n|$)", re.M).search(text, opening.end())
    if not closing:
        raise InputError(name, "front matter opened with +++ is never closed", 1)
    try:
        meta = loads(text[opening.end() : closing.start()])
    except TomlError as err:
        # The opening fence is line 1, so line n of the TOML is line n + 1 of the file.
        line = None if err.line is None else err.line + 1
        raise InputError(name, f"bad front matter: {err.problem}", line) from None
    unfit = value_problem(meta)  # the metadata is saved with the annotations, as JSON
    if unfit is not None:
        raise InputError(name, f"bad front matter: {unfit}", 1)
    return meta, text[closing.end() :]
