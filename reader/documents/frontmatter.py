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
from collections.abc import Iterable, Iterator
from typing import Any

from reader.documents.errors import InputError
from reader.documents.json_input import value_problem
from reader.files.toml_support import TomlError, loads

_FENCE = re.compile(r"\+\+\+[ \t]*\r?\n")
_CLOSING = re.compile(r"^\+\+\+[ \t]*(\r?\n|$)", re.M)
_FENCE_SO_FAR = re.compile(r"\+{0,3}|\+\+\+[ \t]*\r?")  # what may yet become a fence
# Front matter is a few lines of metadata; one that goes on for longer than
# this is refused rather than held in memory while a stream runs on.
FRONT_MATTER_LIMIT = 1 << 20


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text; metadata is empty when there is no front matter."""
    opening = _FENCE.match(text)
    if not opening:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
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


def body_pieces(pieces: Iterable[str], name: str) -> Iterator[str]:
    """The body of a text that arrives in pieces: front matter read and left out.

    Gives what :func:`split_front_matter` gives as the body, in pieces, and
    raises what it raises; it holds no more than the front matter (at most
    :data:`FRONT_MATTER_LIMIT` characters) before the body starts.
    """
    stream = iter(pieces)
    head = ""
    for piece in stream:
        head += piece
        if "\n" in head or not _FENCE_SO_FAR.fullmatch(head):
            break
        _check_length(head, name)
    opening = _FENCE.match(head)
    if not opening:
        yield head
        yield from stream
        return
    pos = opening.end()
    while True:
        whole_lines = head.rfind("\n") + 1  # a closing line must be whole, or end the text
        if _CLOSING.search(head, pos, whole_lines):
            break
        pos = max(pos, whole_lines)
        more = next(stream, None)
        if more is None:
            break
        head += more
        _check_length(head, name)
    yield split_front_matter(head, name)[1]
    yield from stream


def _check_length(head: str, name: str) -> None:
    if len(head) > FRONT_MATTER_LIMIT:
        limit = f"{FRONT_MATTER_LIMIT:,}"
        raise InputError(
            name, f"front matter opened with +++ is not closed within {limit} characters", 1
        )
