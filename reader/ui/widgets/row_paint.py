"""One laid-out row drawn as a Strip, with highlights on the cells that show them.

Highlights are ranges of the original text (logical offsets); a cell shows
the characters from its row's ``starts[i]`` to ``ends[i]``, so a range
lights every cell that shows any character of it, whatever the visual order.
Rich and Strip only: the widget hands in the styles.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.layout.chars import BIDI_FORMAT, CONTROL
from reader.layout.document import DocumentRow
from reader.layout.rows import Row

MATCH = "article-view--match"
CURRENT_MATCH = "article-view--current-match"
STAND_IN = "article-view--stand-in"


class Highlights(Protocol):
    """Ranges to highlight, found by row."""

    def within(self, start: int, end: int) -> Sequence[tuple[int, int, str]]:
        """The ranges that overlap ``start:end``: (start, end, component class) each."""
        ...


StyleOf = Callable[[str], Style]


class RowMarks(Protocol):
    """Marks drawn beside a row already drawn (label tags in the gutter, say)."""

    room: int
    """Cells the marks need right of the reading column, kept free of text."""
    gutter: int
    """Cells the marks want left of the reading column (the gutter), kept free of text."""

    def decorate(
        self, r: DocumentRow, strip: Strip, margin: int, width: int, style_of: StyleOf
    ) -> Strip:
        """``strip``, row ``r`` drawn ``width`` cells wide with the column
        ``margin`` cells in, with the marks added in the styles of their
        component classes (``style_of``)."""
        ...


class Layer:
    """Highlighted ranges, found by row in O(log n + k)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The ranges that overlap ``start:end``."""
        hi = bisect_left(self.starts, end)
        lo = bisect_left(self.starts, start - self.longest)
        return [span for span in self.spans[lo:hi] if span[1] > start]


class Matches:
    """Search matches (sorted, not overlapping), the current one styled apart.

    Changing the current match is O(1): nothing is rebuilt.
    """

    def __init__(self, matches: Sequence[tuple[int, int]] = (), current: int | None = None):
        self.starts = [s for s, _ in matches]
        self.ends = [e for _, e in matches]
        self.current = current

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The matches that overlap ``start:end``."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return [
            (self.starts[m], self.ends[m], CURRENT_MATCH if m == self.current else MATCH)
            for m in range(first, last)
        ]


def cell_styles(
    r: DocumentRow,
    base: Style,
    highlights: Iterable[Highlights],
    style_of: Callable[[str], Style],
) -> list[Style]:
    """The style of each cell of a row: stand-ins, then each of ``highlights``
    in turn (later ones on top), each range in the style of its component."""
    row = r.row
    styles = [base] * len(row.starts)
    if row.kinds is not None:
        stand_in = base + style_of(STAND_IN)
        for i, kind in enumerate(row.kinds):
            if kind in (CONTROL, BIDI_FORMAT):
                styles[i] = stand_in
    for layer in highlights:
        for s, e, component in layer.within(r.start, r.end):
            paint(styles, row, s - r.offset, e - r.offset, style_of(component))
    return styles


def paint(styles: list[Style], row: Row, start: int, end: int, style: Style) -> None:
    """Add ``style`` to the cells of ``row`` that show any of ``start:end``."""
    for i, (cs, ce) in enumerate(zip(row.starts, row.ends, strict=True)):
        if cs < end and ce > start:
            styles[i] = styles[i] + style


def row_strip(r: DocumentRow, width: int, margin: int, base: Style, styles: list[Style]) -> Strip:
    """The row, ``margin`` plus its indent from the left, padded to ``width`` cells;
    glyphs of one style are joined into one segment."""
    segments = [Segment(" " * (margin + r.indent), base)] if margin + r.indent else []
    row = r.row
    run: list[str] = []
    run_style: Style | None = None
    for glyph, style in zip(row.glyphs, styles, strict=True):
        if style is not run_style and run:
            segments.append(Segment("".join(run), run_style))
            run = []
        run.append(glyph)
        run_style = style
    if run:
        segments.append(Segment("".join(run), run_style))
    used = margin + r.indent + row.width
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    return Strip(segments, max(width, used)).crop(0, width)
