"""DrawnRows: the rows an ArticleView has drawn, and which of them a change spoils."""

from __future__ import annotations

from textual.cache import LRUCache
from textual.strip import Strip

from reader.layout.flow import Flow


class DrawnRows:
    """Drawn rows by document row number, the ``kept`` most recent, and the
    (width, margin) they were drawn for."""

    def __init__(self, kept: int) -> None:
        self._strips: LRUCache[int, Strip] = LRUCache(kept)
        self.fit: tuple[int, int] = (-1, -1)

    def drawn(self, y: int) -> Strip | None:
        """Row ``y`` as drawn, or None."""
        return self._strips.get(y)

    def keep(self, y: int, strip: Strip) -> None:
        """Keep row ``y`` as drawn."""
        self._strips.set(y, strip)

    def clear(self) -> None:
        """Forget every drawn row (what is drawn over them all changed)."""
        self._strips.clear()

    def refit(self, width: int, margin: int) -> None:
        """Forget every drawn row: from now on rows are drawn ``width`` cells
        wide with ``margin`` blank cells left of the text."""
        self._strips.clear()
        self.fit = (width, margin)

    def forget_showing(
        self, flow: Flow, on_screen: range, ranges: set[tuple[int, int, str]]
    ) -> list[int]:
        """Forget the rows ``on_screen`` that show any of ``ranges`` (overlapping
        them as a layer's ``within`` does), and every row off screen; the numbers
        of the rows on screen forgotten, to draw again.  No ranges: nothing."""
        if not ranges:
            return []
        kept: list[tuple[int, Strip]] = []
        spoilt: list[int] = []
        for y in on_screen:
            strip = self._strips.get(y)
            row = flow.row(y) if strip is not None else None
            if strip is None or row is None:
                continue
            if any(s < row.end and e > row.start for s, e, _ in ranges):
                spoilt.append(row.y)
            else:
                kept.append((row.y, strip))
        self._strips.clear()
        for y, strip in kept:
            self._strips.set(y, strip)
        return spoilt
