"""ArticleView: an article's rows from the layout engine, on the Line API.

Only the rows on screen are laid out and drawn, so the cost of a frame, a
page or a resize depends on the screen, not on the article.  Where the view
is and where keys take it are the Textual-free :class:`Viewport`'s to say
(see :mod:`reader.layout.viewport`); the widget reports the screen to it,
does what it answers, and draws, with what goes over the rows (layers,
matches, label marks) held by :class:`~reader.ui.widgets.row_decor.RowDecor`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.annotation.projection import LABEL_COLOURS, LABEL_STYLES
from reader.layout import LayoutOptions
from reader.layout.flow import Flow
from reader.layout.viewport import Viewport, column_margin
from reader.layout.viewport import column_width as fit_column
from reader.ui.widgets.drawn_rows import DrawnRows
from reader.ui.widgets.row_decor import RowDecor
from reader.ui.widgets.row_paint import Matches, RowMarks

STRIPS_KEPT = 512  # drawn rows kept: a few screens of a tall terminal


class ArticleView(ScrollView, can_focus=True):
    """Draws a document's rows; maps in, cells out.

    Set :attr:`options`, :attr:`column` and :attr:`matches` (state flows
    down); read :attr:`top_offset` for the offset at the top of the screen.
    """

    # Theme variables only, so a theme's colours reach the text and marks.
    # The annotation marks (labels, cursor, suggestions) are styled in
    # screens/annotate.tcss: reading never pays for parsing them.
    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        overflow-x: hidden;  /* rows are laid out to fit: never a sideways scroll */
        scrollbar-gutter: stable;  /* the scrollbar's cell is kept: its arrival reflows nothing */
        background: $background;
        color: $foreground;
        scrollbar-size-vertical: 1;
    }
    ArticleView > .article-view--match {
        background: $warning 40%;
    }
    ArticleView > .article-view--current-match {
        background: $accent;
        color: $background;
        text-style: bold;
    }
    ArticleView > .article-view--stand-in {
        color: $error;
        text-style: reverse;
    }
    """

    COMPONENT_CLASSES = {
        "article-view--match",
        "article-view--current-match",
        "article-view--stand-in",
        "article-view--selection",
        "article-view--cursor",
        "article-view--suggestion",
        "article-view--overlap",
        "article-view--gutter",
        # `hamish review`'s (styled in screens/review.tcss): a conflict not settled
        # yet, and the one under the cursor.
        "article-view--conflict",
        "article-view--conflict-current",
        *(f"article-view--label-{n}" for n in range(1, LABEL_STYLES + 1)),
        *(f"article-view--suggestion-{n}" for n in range(1, LABEL_COLOURS + 1)),
    }

    BINDINGS = [
        Binding("j", "line_down", "Down", id="line-down", show=False),
        Binding("k", "line_up", "Up", id="line-up", show=False),
        Binding("down", "arrow_down", "Down", id="arrow-down", show=False),
        Binding("up", "arrow_up", "Up", id="arrow-up", show=False),
        Binding("space,pagedown", "page_down", "Page down", id="page-down", show=False),
        Binding("pageup", "page_up", "Page up", id="page-up", show=False),
        Binding("g,home", "top", "Top", id="top", show=False),
        Binding("G,end", "bottom", "Bottom", id="bottom", show=False),
    ]

    @dataclass
    class Reflowed(Message):
        """The rows were laid out again: the column's width and left margin."""

        column: int
        margin: int

    options: reactive[LayoutOptions] = reactive(LayoutOptions, init=False, always_update=True)
    column: reactive[int | None] = reactive(None, init=False)
    """Reading width in cells; None for the lesser of 80 and the window."""
    matches: reactive[tuple[tuple[int, int], ...]] = reactive((), init=False)
    current_match: reactive[int | None] = reactive(None, init=False)

    def __init__(
        self,
        text: str = "",
        options: LayoutOptions | None = None,
        column: int | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(ArticleView.options, options or LayoutOptions())
        self.set_reactive(ArticleView.column, column)
        self._viewport = Viewport(text)
        self._restoring = False
        self._strips = DrawnRows(STRIPS_KEPT)
        self._decor = RowDecor(self.get_component_rich_style, lambda: self.annotating)
        self._pressing = False
        self._margin = 0

    # -- state coming down -------------------------------------------------

    @property
    def text(self) -> str:
        """The document shown."""
        return self._viewport.text

    @property
    def top_offset(self) -> int:
        """Logical offset of the first character of the top row."""
        return self._viewport.anchor

    @property
    def flow(self) -> Flow | None:
        """The rows at the current width, or None before the first layout."""
        return self._viewport.flow

    def show(self, text: str, anchor: int = 0) -> None:
        """Show another document, its row holding ``anchor`` at the top."""
        self._viewport.show(text, anchor)
        self.set_reactive(ArticleView.matches, ())
        self.set_reactive(ArticleView.current_match, None)
        self._decor.matches = Matches()
        self._relayout()

    def watch_options(self) -> None:
        self._relayout()

    def watch_column(self) -> None:
        self._relayout()

    def watch_matches(self, matches: tuple[tuple[int, int], ...]) -> None:
        # Other matches (or none): an index into the old ones means nothing now.
        self.set_reactive(ArticleView.current_match, None)
        self._decor.matches = Matches(matches, None)
        self._redraw()

    def watch_current_match(self, current: int | None) -> None:
        self._decor.matches.current = current
        self._redraw()

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._decor.styles_changed()

    def set_marks(self, marks: RowMarks | None) -> None:
        """Decorate each row drawn with ``marks`` (label tags beside the text), or
        not; the column narrows by the room they ask for, if any."""
        asked = (self._decor.room, self._decor.gutter_kept(self._room()))
        self._decor.marks = marks
        if (self._decor.room, self._decor.gutter_kept(self._room())) != asked:
            self._relayout()
        self._redraw()

    def set_layer(self, name: str, spans: list[tuple[int, int, str]]) -> None:
        """Highlight ``spans`` ((start, end, component class) each) on layer ``name``;
        only the rows the change touches are drawn again (a cursor's step: two)."""
        old = self._decor.layers.get(name)
        self._decor.set_layer(name, spans)
        flow = self._viewport.flow
        if old is None or flow is None:
            self._redraw()
            return
        changed = set(old.spans).symmetric_difference(self._decor.layers[name].spans)
        top = round(self.scroll_y)
        for y in self._strips.forget_showing(flow, range(top, top + self.size.height), changed):
            self.refresh_lines(y)

    def set_colours(self, colours: dict[str, Style]) -> None:
        """Colours drawn over a component class's own (a label file's colours)."""
        self._decor.set_colours(colours)
        self._redraw()

    # -- layout --------------------------------------------------------------

    def _room(self) -> int:
        """Cells across the view (before the first layout, the app's width less the
        scrollbar's cell: what is laid out early fits), less what the marks keep."""
        room = self._across()
        return room - self._decor.kept(room)

    def _across(self) -> int:
        return self.scrollable_content_region.width or max(0, self.app.size.width - 1)

    @property
    def marks_squeezed(self) -> bool:
        """Whether the marks asked for room beside the column and got none."""
        return self._decor.room > 0 and self._decor.kept(self._across()) == 0

    def column_width(self) -> int:
        """The reading column's width in cells for the current window."""
        room = self._room()
        return fit_column(self.column, room - self._decor.gutter_kept(room))

    def margin(self) -> int:
        """Blank cells left of the reading column: it is centred, with room for
        the gutter's labels left of it while annotating."""
        room = self._room()
        return column_margin(self.column_width(), room, self._decor.gutter_kept(room))

    def _relayout(self) -> None:
        if not self.is_mounted or self.size.width == 0:
            return
        width = self.column_width()
        viewport = self._screen_now()
        margin = self.margin()
        new_rows = viewport.fit(width, self.options)
        if not new_rows and (self.scrollable_content_region.width, margin) == self._strips.fit:
            # Only the height changed (a footer came, the window grew taller):
            # the rows drawn so far are still right.  The anchor's row goes to
            # the top again: a screen held short of it by the end may reach it now.
            self._place(viewport.place())
            return
        self._strips.refit(self.scrollable_content_region.width, margin)
        self._margin = margin  # for every row drawn until the next layout
        self._place(viewport.place())
        self.post_message(self.Reflowed(width, self._margin))

    def _screen_now(self) -> Viewport:
        """The viewport, told where the screen is now."""
        viewport = self._viewport
        viewport.top = round(self.scroll_y)
        viewport.height = self.scrollable_content_region.height
        viewport.extent = self.virtual_size.height
        return viewport

    def _place(self, y: int) -> None:
        """Scroll to row ``y`` without moving the anchor."""
        self.virtual_size = Size(self.scrollable_content_region.width, self._viewport.extent)
        self._scroll_keeping_anchor(y)
        if round(self.scroll_y) != y:
            # Before the view's first layout Textual refuses the scroll (its
            # scrollbars are not sized yet): once they are, again.
            self.call_after_refresh(self._place_again, y, self._viewport.anchor)
        self.refresh()

    def _place_again(self, y: int, anchor: int) -> None:
        if self._viewport.anchor == anchor and round(self.scroll_y) != y:
            # As far as it goes: a row too near the end for this height to be at
            # the top shows the end at the bottom (not the document's start).
            self._scroll_keeping_anchor(y)

    def _scroll_keeping_anchor(self, y: int) -> None:
        self._restoring = True
        try:
            self.scroll_to(y=y, animate=False, immediate=True)
        finally:
            self._restoring = False

    def _go(self, y: int | None) -> None:
        """Scroll to row ``y`` (None: stay), the extent first told if the viewport changed it."""
        extent = self._viewport.extent
        if extent != self.virtual_size.height:
            self.virtual_size = Size(self.scrollable_content_region.width, extent)
        if y is not None:
            self.scroll_to(y=y, animate=False, immediate=True)

    def _redraw(self) -> None:
        self._strips.clear()
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._restoring:
            self._viewport.top = round(new)
        else:
            self._viewport.scrolled(round(new))

    def scroll_to_offset(self, offset: int, *, center: bool = True) -> None:
        """Bring the row showing ``offset`` into view (a third of the way down if ``center``)."""
        if self._viewport.flow is not None:
            self._go(self._screen_now().reveal(offset, center=center))

    def _settle_size(self, *, force: bool = False) -> None:
        """Tell Textual the document's length if the viewport finds it worth it."""
        if self._screen_now().settle(force=force):
            self._go(None)

    # -- keys ----------------------------------------------------------------

    annotating = False
    """While annotating, the arrow keys move the token cursor, not the view."""

    @dataclass
    class Pressed(Message):
        """The mouse went down on (or was dragged to) a cell of the article."""

        y: int  # document row
        col: int  # column in the row's aligned frame (the margin taken off)
        drag: bool

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While annotating, the arrows fall through to the screen's bindings.
        return not (self.annotating and action in ("arrow_down", "arrow_up"))

    def action_arrow_down(self) -> None:
        self.action_line_down()

    def action_arrow_up(self) -> None:
        self.action_line_up()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button == 1:
            self._pressing = True
            self._press(event, drag=False)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._pressing and event.button == 1:
            self._press(event, drag=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._pressing = False

    def _press(self, event: events.MouseEvent, drag: bool) -> None:
        if self._viewport.flow is None:
            return
        y = round(self.scroll_y) + event.y
        self.post_message(self.Pressed(y, event.x - self.margin(), drag))

    def follow(self, offset: int) -> None:
        """Scroll just enough that the row showing ``offset`` is on screen."""
        if self._viewport.flow is not None:
            self._go(self._screen_now().follow(offset))

    def action_line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)

    def action_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self._go(self._screen_now().page_down())

    def action_page_up(self) -> None:
        self._go(self._screen_now().page_up())

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        if self._viewport.flow is not None:
            self._go(self._screen_now().bottom())

    # -- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        flow = self._viewport.flow
        if flow is None and self._viewport.text and self.size.width:
            # Asked to draw before the first Resize: lay out now, so the very
            # first frame shows the article.
            self._relayout()
            flow = self._viewport.flow
        width = self.scrollable_content_region.width
        doc_y = round(self.scroll_y) + y
        strip = self._strips.drawn(doc_y)
        if strip is None:
            row = flow.row(doc_y) if flow is not None else None
            strip = (
                self._decor.draw(row, width, self._margin, self.rich_style)
                if row is not None
                else Strip.blank(width, self.rich_style)
            )
            self._strips.keep(doc_y, strip)
            if flow is not None and flow.total != self.virtual_size.height:
                self.call_after_refresh(self._settle_size)
        return strip
