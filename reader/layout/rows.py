"""A laid-out row: the glyphs a terminal draws, and where each came from."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple


class Cells(NamedTuple):
    """A row's cells left to right, as parallel tuples (see :class:`Row`)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cols: tuple[int, ...]
    widths: tuple[int, ...]
    glyphs: tuple[str, ...]
    kinds: tuple[int, ...] | None


NO_CELLS = Cells((), (), (), (), (), None)


class Row:
    """One terminal row of a paragraph, in visual order, left to right.

    Offsets are relative to the paragraph.  ``start:end`` is the logical
    range the row covers: rows partition their paragraph, and white space at
    a break belongs to the row before it (it is not drawn).  Cell ``i`` is
    drawn at column ``cols[i]`` (before alignment), ``widths[i]`` cells wide,
    shows ``glyphs[i]`` and comes from the logical range
    ``starts[i]:ends[i]``.  ``kinds[i]`` says which cells are stand-ins
    (see :mod:`reader.layout.chars`); ``kinds`` is None when none are.

    ``visual`` and ``width`` are made with the row; the cells only when first
    asked for (by the widgets, for the rows on screen), so printing rows
    builds no object per character.
    """

    __slots__ = ("start", "end", "level", "width", "visual", "_cells", "_make")

    def __init__(
        self,
        start: int,
        end: int,
        level: int,
        width: int,
        visual: str,
        cells: Cells | None = None,
        make: Callable[[], Cells] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.level = level
        self.width = width
        self.visual = visual  # the row's characters, left to right, without padding
        self._cells = cells
        self._make = make

    @property
    def cells(self) -> Cells:
        """The row's cells, made on first use."""
        if self._cells is None:
            assert self._make is not None
            self._cells = self._make()
            self._make = None
        return self._cells

    @property
    def starts(self) -> tuple[int, ...]:
        return self.cells.starts

    @property
    def ends(self) -> tuple[int, ...]:
        return self.cells.ends

    @property
    def cols(self) -> tuple[int, ...]:
        return self.cells.cols

    @property
    def widths(self) -> tuple[int, ...]:
        return self.cells.widths

    @property
    def glyphs(self) -> tuple[str, ...]:
        return self.cells.glyphs

    @property
    def kinds(self) -> tuple[int, ...] | None:
        return self.cells.kinds

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``: the base direction of the row's paragraph."""
        return "rtl" if self.level % 2 else "ltr"

    def cell_at(self, col: int) -> int | None:
        """Index of the cell covering column ``col`` (unaligned), or None."""
        cells = self.cells
        i = bisect_right(cells.cols, col) - 1
        if i >= 0 and col < cells.cols[i] + cells.widths[i]:
            return i
        return None

    def _key(self) -> tuple[object, ...]:
        return (self.start, self.end, self.level, self.width, self.visual, self.cells)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.level, self.visual))

    def __repr__(self) -> str:
        return (
            f"Row(start={self.start}, end={self.end}, level={self.level}, "
            f"width={self.width}, visual={self.visual!r})"
        )
