"""`hamish render`: print a document's rows as the reader draws them."""

from __future__ import annotations

import json
from collections.abc import Iterator

from reader.layout import DocumentLayout


def text_lines(layout: DocumentLayout) -> Iterator[str]:
    """Each row as printed: alignment padding, then the visual characters."""
    yield from layout.lines()


def json_lines(layout: DocumentLayout) -> Iterator[str]:
    """One JSON object per row: row, start, end, direction, visual."""
    for r in layout.rows:
        yield json.dumps(
            {
                "row": r.index,
                "start": r.start,
                "end": r.end,
                "direction": r.direction,
                "visual": r.visual,
            },
            ensure_ascii=False,
        )
