"""Moving a token cursor the way the reader sees the text.

Left and Right go to the token drawn next to the cursor, left or right, on
its row.  Past the row's end they continue in reading order: in a
right-to-left row, Left is forward (to the next row's first token) and
Right is back.  Up and Down go to the token on the row above or below whose
cells are nearest.  All of it comes from the engine's cell maps, so mixed
rows (an English name inside Arabic) move by what is on the screen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from reader.layout.document import DocumentRow
from reader.layout.flow import Flow


class Span(Protocol):
    """Anything with a logical range: a token."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class Placed(NamedTuple):
    """A token as drawn on one row: its number and its leftmost and rightmost column."""

    token: int
    left: int
    right: int

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def tokens_on_row(row: DocumentRow, tokens: Sequence[Span], starts: Sequence[int]) -> list[Placed]:
    """The tokens with cells on ``row``, left to right.

    ``starts`` is ``[t.start for t in tokens]`` (kept by the caller, so this
    costs what the row holds, not what the document holds).
    """
    cells = row.row
    first = max(0, bisect_left(starts, row.start) - 1)
    placed: dict[int, list[int]] = {}
    for i in range(first, len(tokens)):
        token = tokens[i]
        if token.start >= row.end:
            break
        if token.end <= row.start:
            continue
        s, e = token.start - row.offset, token.end - row.offset
        for cs, ce, col, width in zip(
            cells.starts, cells.ends, cells.cols, cells.widths, strict=True
        ):
            if cs < e and ce > s:
                box = placed.setdefault(i, [col, col + width - 1])
                box[0] = min(box[0], col)
                box[1] = max(box[1], col + width - 1)
    out = [Placed(i, row.indent + a, row.indent + b) for i, (a, b) in placed.items()]
    out.sort(key=lambda p: p.left)
    return out


class Navigator:
    """Token moves over ``flow`` for ``tokens`` (sorted, non-overlapping)."""

    def __init__(
        self, flow: Flow, tokens: Sequence[Span], starts: Sequence[int] | None = None
    ) -> None:
        """``starts`` (each token's start) may be passed in, to share it across layouts."""
        self.flow = flow
        self.tokens = tokens
        self.starts = starts if starts is not None else [t.start for t in tokens]

    def row_of(self, index: int) -> int:
        """The row where token ``index`` starts."""
        return self.flow.y_of(self.tokens[index].start)

    def _placed(self, y: int) -> tuple[DocumentRow | None, list[Placed]]:
        row = self.flow.row(y)
        if row is None:
            return None, []
        return row, tokens_on_row(row, self.tokens, self.starts)

    def _next_row(self, y: int, step: int) -> tuple[DocumentRow | None, list[Placed]]:
        """The nearest row after (step 1) or before (step -1) ``y`` that has tokens."""
        y += step
        while y >= 0:
            row, placed = self._placed(y)
            if row is None:
                return None, []
            if placed:
                return row, placed
            y += step
        return None, []

    def _row_for(self, index: int, y: int | None) -> int:
        """The cursor's row: ``y`` if token ``index`` is drawn there (a word
        broken over rows is on several), else the row where it starts."""
        if y is not None:
            row, placed = self._placed(y)
            if any(p.token == index for p in placed):
                return y
        return self.row_of(index)

    def horizontal(self, index: int, step: int, y: int | None = None) -> tuple[int, int]:
        """The token drawn ``step`` (-1 left, +1 right) from token ``index``
        on row ``y``, and the row it is on."""
        y = self._row_for(index, y)
        row, placed = self._placed(y)
        order = [p.token for p in placed]
        if row is not None and index in order:
            k = order.index(index) + step
            if 0 <= k < len(order):
                return order[k], y
            rtl = row.row.level % 2 == 1
            forward = (step < 0) if rtl else (step > 0)
            return self._across(y, index, forward)
        # Not drawn (an invisible token): step through logical order instead.
        i = min(max(index + step, 0), len(self.tokens) - 1)
        return i, self.row_of(i)

    def _across(self, y: int, index: int, forward: bool) -> tuple[int, int]:
        """Past a row's end: the next row's first token in reading order (or
        the previous row's last), skipping the cursor's own token where a
        long word goes on over the break.  With none, the cursor stays."""
        here = y
        while True:
            nxt, placed = self._next_row(y, 1 if forward else -1)
            if nxt is None:
                return index, here
            in_reading_order = placed[::-1] if nxt.row.level % 2 else placed
            if not forward:
                in_reading_order = in_reading_order[::-1]
            for p in in_reading_order:
                if p.token != index:
                    return p.token, nxt.y
            y = nxt.y

    def vertical(self, index: int, step: int, y: int | None = None) -> tuple[int, int]:
        """The token on the row above (-1) or below (+1) nearest to token
        ``index`` on row ``y``, and that row."""
        y = self._row_for(index, y)
        _, placed = self._placed(y)
        here = next((p for p in placed if p.token == index), None)
        target_row, target = self._next_row(y, step)
        if target_row is None or not target:
            return index, y
        centre = here.centre if here is not None else target[0].centre
        return min(target, key=lambda p: (abs(p.centre - centre), p.left)).token, target_row.y

    def at_cell(self, y: int, col: int) -> int | None:
        """The token drawn at (row, column), or the nearest on that row."""
        _, placed = self._placed(y)
        if not placed:
            return None
        for p in placed:
            if p.left <= col <= p.right:
                return p.token
        return min(placed, key=lambda p: min(abs(p.left - col), abs(p.right - col))).token
