"""A document's rows at one width, laid out only where they are looked at.

A long article cannot be laid out whole on every resize.  Flow keeps one
height per paragraph: exact once the paragraph has been laid out, estimated
from its length before that.  A Fenwick tree over those heights turns a row
number into a paragraph, and back, in O(log n), so scrolling, paging and
resizing cost what is on screen.  Estimates are replaced by exact heights as
paragraphs come into view, and a long paragraph is laid out only as far as
the rows looked at; a reader keeps its place by anchoring to a logical
offset, never to a row number.
"""

from __future__ import annotations

from bisect import bisect_right

from reader.layout.document import DocumentLayout, DocumentRow
from reader.layout.paragraph import ParagraphLayout


class _Fenwick:
    """Prefix sums of a list of non-negative ints, with updates, in O(log n)."""

    def __init__(self, values: list[int]) -> None:
        n = len(values)
        tree = [0] + values
        for i in range(1, n + 1):
            j = i + (i & -i)
            if j <= n:
                tree[j] += tree[i]
        self._tree = tree
        self._n = n
        self._top = 1 << n.bit_length() if n else 0

    def add(self, i: int, delta: int) -> None:
        i += 1
        while i <= self._n:
            self._tree[i] += delta
            i += i & -i

    def prefix(self, i: int) -> int:
        """Sum of the first ``i`` values."""
        total = 0
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total

    def find(self, y: int) -> int:
        """The index whose span holds ``y``: the largest p with prefix(p) <= y."""
        pos = 0
        step = self._top
        while step:
            nxt = pos + step
            if nxt <= self._n and self._tree[nxt] <= y:
                pos = nxt
                y -= self._tree[nxt]
            step >>= 1
        return pos


class Flow:
    """Rows of ``layout`` by number, laying out paragraphs on demand."""

    def __init__(self, layout: DocumentLayout) -> None:
        self.layout = layout
        width = layout.width
        self._heights = [max(1, -(-(end - start) // width)) for start, end in layout.paragraphs]
        self._exact = bytearray(len(self._heights))
        self._tree = _Fenwick(list(self._heights))
        self._starts = layout.starts

    @property
    def total(self) -> int:
        """Rows in the document (estimated for paragraphs not yet laid out)."""
        return self._tree.prefix(len(self._heights))

    def settle(self, p: int) -> None:
        """Lay out paragraph ``p`` whole and make its height exact."""
        if not self._exact[p]:
            lay = self.layout.paragraph(p)
            self._update(p, lay, len(lay.rows))

    def _update(self, p: int, lay: ParagraphLayout, height: int | None = None) -> None:
        """Bring ``p``'s height up to what its layout so far tells."""
        if height is None:
            height = lay.estimate()
        if height != self._heights[p]:
            self._tree.add(p, height - self._heights[p])
            self._heights[p] = height
        if lay.complete:
            self._exact[p] = 1

    def height(self, p: int) -> int:
        """Rows of paragraph ``p`` (an estimate until it is settled)."""
        return self._heights[p]

    def paragraph_y(self, p: int) -> int:
        """The row where paragraph ``p`` starts."""
        return self._tree.prefix(p)

    def row(self, y: int) -> DocumentRow | None:
        """Row ``y``, or None past the end."""
        if y < 0:
            return None
        while True:
            p = self._tree.find(y)
            if p >= len(self._heights):
                return None
            top = self._tree.prefix(p)
            lay = self.layout.paragraph(p)
            row = lay.row(y - top)  # laid out as far as that row, no further
            if not self._exact[p]:
                # A paragraph's height changes as it is laid out, never where
                # it starts: if it ends before row y, look again after it.
                self._update(p, lay)
            if row is not None:
                return DocumentRow(y, p, y - top, self._starts[p], self.layout.indent(row), row)

    def paragraph_of(self, offset: int) -> int:
        """The paragraph whose range (with its line break) holds ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def y_of(self, offset: int) -> int:
        """The row whose logical range holds ``offset`` (a break: its paragraph's last)."""
        p = self.paragraph_of(offset)
        lay = self.layout.paragraph(p)
        i = lay.row_at(offset - self._starts[p])
        if not self._exact[p]:
            self._update(p, lay)
        return self._tree.prefix(p) + i

    def position(self, offset: int) -> tuple[int, int] | None:
        """(row, column) of the cell showing ``offset``, or None if no cell does."""
        y = self.y_of(offset)
        r = self.row(y)
        if r is None:
            return None
        rel = offset - r.offset
        for i, (s, e) in enumerate(zip(r.row.starts, r.row.ends, strict=True)):
            if s <= rel < e:
                return y, r.indent + r.row.cols[i]
        return None
