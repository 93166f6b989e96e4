"""A laid-out row: the glyphs a terminal draws, and where each came from."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One terminal row of a paragraph, in visual order, left to right.

    Offsets are relative to the paragraph.  ``start:end`` is the logical
    range the row covers: rows partition their paragraph, and white space at
    a break belongs to the row before it (it is not drawn).  Cell ``i`` is
    drawn at column ``cols[i]`` (before alignment), ``widths[i]`` cells wide,
    shows ``glyphs[i]`` and comes from the logical range
    ``starts[i]:ends[i]``.  ``kinds[i]`` says which cells are stand-ins
    (see :mod:`reader.layout.chars`); ``kinds`` is None when none are.
    """

    start: int
    end: int
    level: int
    width: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cols: tuple[int, ...]
    widths: tuple[int, ...]
    glyphs: tuple[str, ...]
    kinds: tuple[int, ...] | None

    @property
    def visual(self) -> str:
        """The row's characters, left to right, without alignment padding."""
        return "".join(self.glyphs)

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``: the base direction of the row's paragraph."""
        return "rtl" if self.level % 2 else "ltr"

    def cell_at(self, col: int) -> int | None:
        """Index of the cell covering column ``col`` (unaligned), or None."""
        i = bisect_right(self.cols, col) - 1
        if i >= 0 and col < self.cols[i] + self.widths[i]:
            return i
        return None
