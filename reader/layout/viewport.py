"""A screen's window over a document's rows: its place, and when its length is told.

The view keeps its place by an anchor, the logical offset of the first
character of the top row, never by a row number: row numbers move as
estimated paragraph heights become exact and with every change of width,
while the anchor's row is found again at any width.  So a resize keeps the
paragraph and the word at the top where they were.

The scrollbar's idea of the document's length (the extent) lags behind the
flow's total on purpose: each paragraph laid out for the first time corrects
its estimate, and telling every correction would make the toolkit lay the
screen out again on every row drawn.  :meth:`Viewport.settle` says when it
is worth telling.

This is the whole of the view's bookkeeping; the widget that draws it only
reports where it is (top row, rows on screen, the extent it shows) and does
what the viewport answers.  Nothing here knows of Textual.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.layout.document import DocumentLayout
from reader.layout.flow import Flow
from reader.layout.options import LayoutOptions

DEFAULT_COLUMN = 80
MIN_COLUMN = 2


def column_width(wanted: int | None, room: int) -> int:
    """The reading column in cells: ``wanted`` (None: :data:`DEFAULT_COLUMN`),
    no wider than the ``room`` there is, never narrower than :data:`MIN_COLUMN`."""
    room = max(MIN_COLUMN, room)
    return max(MIN_COLUMN, min(wanted or DEFAULT_COLUMN, room))


def column_margin(width: int, room: int, gutter: int = 0) -> int:
    """Blank cells left of a reading column ``width`` cells wide, so that it is
    centred in ``room``; at least ``gutter`` (the room label marks keep there)."""
    return max(0, gutter, (room - width) // 2)


class Viewport:
    """A window of :attr:`height` rows from row :attr:`top` of a document.

    Before each question, set :attr:`top`, :attr:`height` and :attr:`extent`
    to what the screen shows; the answers are rows to go to, and a new
    :attr:`extent` where it should change.
    """

    def __init__(self, text: str = "", anchor: int = 0) -> None:
        self.text = text
        self.anchor = anchor
        """Logical offset of the first character of the top row."""
        self.flow: Flow | None = None
        self.top = 0
        """The row at the top of the screen."""
        self.height = 0
        """Rows on the screen."""
        self.extent = 0
        """Rows the screen counts the document to have (the scrollbar's length)."""

    def show(self, text: str, anchor: int = 0) -> None:
        """Another document, its row holding ``anchor`` to come at the top."""
        self.text = text
        self.anchor = anchor

    def fit(self, width: int, options: LayoutOptions) -> bool:
        """Lay the text out at ``width`` with ``options``, unless it is already.

        True if the rows are new: every row drawn before is stale.
        """
        flow = self.flow
        if (
            flow is not None
            and flow.layout.width == width
            and flow.layout.options == options
            and flow.layout.text is self.text
        ):
            return False
        self.flow = Flow(DocumentLayout(self.text, width, options))
        return True

    def place(self) -> int:
        """The row that holds the anchor, where the top goes after a new
        layout; the extent is made exact.  The anchor stays as it is, so a
        resize and back finds the same word at the top."""
        flow = self._flow()
        y = flow.y_of(self.anchor) if self.text else 0
        if y + self.height >= flow.total:
            # The screen reaches the end, where a screen stops: an estimated
            # end would stop it rows short of the anchor.
            self._settle_end()
            y = flow.y_of(self.anchor) if self.text else 0
        self.extent = flow.total
        self.top = y
        return y

    def scrolled(self, top: int) -> None:
        """The screen now starts at row ``top`` (the reader moved it): the
        anchor follows to that row's first character."""
        self.top = top
        if self.flow is not None:
            row = self.flow.row(top)
            if row is not None:
                self.anchor = row.start

    # -- the length the screen is told -----------------------------------

    def settle(self, *, room_for: int = 0, force: bool = False) -> bool:
        """Bring :attr:`extent` up to the flow's total if it matters; True if it changed.

        It matters near the end, when going to row ``room_for`` needs the
        room, when it is off by more than a couple of screens, or when
        ``force``d.
        """
        if self.flow is None:
            return False
        total = self.flow.total
        current = self.extent
        if total == current:
            return False
        height = self.height
        near_end = self.top + 3 * height >= min(total, current)
        if force or near_end or room_for + height > current or abs(total - current) > 2 * height:
            self.extent = total
            return True
        return False

    # -- where keys and searches go --------------------------------------

    def page_down(self) -> int:
        """The row a page down goes to, the next page laid out and room made for it."""
        height = self.height
        if self.flow is not None:
            for y in range(self.top + height, self.top + 2 * height):
                self.flow.row(y)  # settle what the next page shows
            self.settle(room_for=self.top + height)
        return self.top + height

    def page_up(self) -> int:
        """The row a page up goes to."""
        return self.top - self.height

    def bottom(self) -> int:
        """The top row of the last screenful, its paragraphs laid out so the end is exact."""
        flow = self._settle_end()
        self.settle(force=True)
        return max(0, flow.total - self.height)

    def _settle_end(self) -> Flow:
        """Lay out the paragraphs of the last screenful whole: the end is exact."""
        flow = self._flow()
        p = len(flow.layout.paragraphs) - 1
        covered = 0
        while p >= 0 and covered < self.height:
            flow.settle(p)
            covered += flow.height(p)
            p -= 1
        return flow

    def reveal(self, offset: int, *, center: bool = True) -> int | None:
        """The row to go to so the row showing ``offset`` is on screen (a third
        of the way down if ``center``); None if it is already."""
        y = self._on_screen_row(offset)
        if self.top <= y < self.top + self.height:
            return None
        third = self.height // 3 if center else 0
        target = self._laid_out_above(offset, lambda y: max(0, y - third))
        self.settle(room_for=target)
        return target

    def follow(self, offset: int) -> int | None:
        """The row to go to so the row showing ``offset`` is on screen, moving
        as little as can be; None if it is already."""
        y = self._on_screen_row(offset)
        if y < self.top:
            return y
        if y >= self.top + self.height:
            target = self._laid_out_above(offset, lambda y: y - self.height + 1)
            self.settle(room_for=target)
            return target
        return None

    def _laid_out_above(self, offset: int, top_for: Callable[[int], int]) -> int:
        """The top row ``top_for`` gives for the row showing ``offset``, once the
        rows from there down to it are laid out as the screen will draw them.

        Laying out corrects the estimated heights of the paragraphs on screen
        above the offset, and so moves its row down (or up): found again until
        it stays, the offset is where it was meant to be on screen.
        """
        flow = self._flow()
        y = flow.y_of(offset)
        while True:
            top = top_for(y)
            # A screen near the end starts higher: its last screenful.
            for row in range(max(0, min(top, flow.total - self.height)), y):
                flow.row(row)
            again = flow.y_of(offset)
            if again == y:
                return top
            y = again

    def _on_screen_row(self, offset: int) -> int:
        """The row of ``offset`` once the rows on screen are laid out as they are
        drawn: an estimated paragraph above it on screen can grow and push it
        below the last row."""
        flow = self._flow()
        for row in range(self.top, self.top + self.height):
            flow.row(row)
        return flow.y_of(offset)

    def _flow(self) -> Flow:
        if self.flow is None:
            raise RuntimeError("the viewport has not been fitted to a width yet")
        return self.flow
