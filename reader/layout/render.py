"""`hamish render`: print a document's rows as the reader draws them.

Rows are printed a paragraph at a time, as the paragraphs are read: no list
of all rows, no paragraph cache.  A paragraph with no strong letter takes the
document's direction, which is that of the document's first strong letter;
for a file it is looked up ahead, for standard input the paragraphs before
the first strong letter wait for it (at most :data:`HOLD_LIMIT` characters
of them; past that, and at the end, the document is left to right).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from reader.documents.stream import open_regular, paragraphs
from reader.layout import LayoutOptions
from reader.layout.document import row_indent
from reader.layout.levels import first_strong
from reader.layout.paragraph import lay_out_paragraph

HOLD_LIMIT = 1 << 20


def rendered(
    document: Iterable[tuple[int, str]],
    width: int,
    options: LayoutOptions,
    *,
    as_json: bool = False,
    look_ahead: Callable[[], int] | None = None,
) -> Iterator[list[str]]:
    """The lines to print for each paragraph of ``document`` ((offset, text) each).

    ``look_ahead`` finds the document's direction when a paragraph with no
    strong letter comes before any with one; without it such paragraphs wait.
    """
    level = None if options.direction == "auto" else int(options.direction == "rtl")
    held: list[tuple[int, str]] = []
    size = 0
    row = 0
    for start, text in document:
        if level is None:
            found = first_strong(text)
            if found is None and look_ahead is not None:
                found = look_ahead()
            elif found is None:
                size += len(text) + 1
                if size <= HOLD_LIMIT:
                    held.append((start, text))
                    continue
                found = 0
            level = found
        for offset, paragraph in [*held, (start, text)]:
            lines = _lines(offset, paragraph, width, options, level, row, as_json)
            row += len(lines)
            yield lines
        held = []
    for offset, paragraph in held:  # no strong letter in the whole document
        lines = _lines(offset, paragraph, width, options, 0, row, as_json)
        row += len(lines)
        yield lines


def _lines(
    offset: int,
    text: str,
    width: int,
    options: LayoutOptions,
    level: int,
    row: int,
    as_json: bool,
) -> list[str]:
    """One paragraph's rows as printed: padding and characters, or JSON."""
    rows = lay_out_paragraph(text, width, options, level).rows
    if not as_json:
        return [" " * row_indent(r, width, options) + r.visual for r in rows]
    return [
        json.dumps(
            {
                "row": row + i,
                "start": offset + r.start,
                "end": offset + r.end,
                "direction": r.direction,
                "visual": r.visual,
            },
            ensure_ascii=False,
        )
        for i, r in enumerate(rows)
    ]


def level_ahead(path: str) -> int:
    """The direction of the first strong letter in the file at ``path``: 1 RTL, 0 LTR.

    Reads a paragraph at a time, as far as that letter (0 if there is none).
    """
    with open_regular(path) as f:
        for _, text in paragraphs(f, path):
            found = first_strong(text)
            if found is not None:
                return found
    return 0
