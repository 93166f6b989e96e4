"""RowDecor: what an ArticleView draws over its rows, and in which styles.

Highlight layers (labels, conflicts, suggestions, the selection, the token
cursor), search matches last, and label marks beside the text; each names a
component class of the view, whose style is read once from the stylesheet and
kept until the styles change.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from textual.strip import Strip

from reader.layout.document import DocumentRow
from reader.ui.widgets.label_marks import SHORTEST
from reader.ui.widgets.row_paint import Layer, Matches, RowMarks, cell_styles, row_strip

MIN_TEXT = 20  # cells the reading column keeps, whatever room label marks ask for

# Highlight layers, drawn in this order (later ones on top); search matches come last.
LAYERS = ("labels", "conflicts", "conflict", "overlap", "suggestions", "selection", "cursor")
# Marks that must not hide a label's colour under them: only their text
# attributes (bold, underline, reverse, ...) are drawn, never colours.
MARKS = frozenset({"article-view--cursor", "article-view--selection", "article-view--overlap"})


class RowDecor:
    """The layers, matches and marks of one view; ``component_style`` reads a
    component class's style, and ``annotating`` says whether matches must leave
    label colours be."""

    def __init__(
        self, component_style: Callable[[str], Style], annotating: Callable[[], bool]
    ) -> None:
        self._component_style = component_style
        self._annotating = annotating
        self.layers: dict[str, Layer] = {}
        self.matches = Matches()
        self.marks: RowMarks | None = None
        self._styles: dict[str, Style] = {}
        self._colours: dict[str, Style] = {}

    @property
    def room(self) -> int:
        """Cells the marks keep right of the column."""
        return self.marks.room if self.marks is not None else 0

    def gutter_kept(self, room: int) -> int:
        """Cells kept left of the column for the gutter in ``room`` cells (what is
        left right of it kept already): what the marks want, while the column
        keeps :data:`MIN_TEXT` cells; else none."""
        gutter = self.marks.gutter if self.marks is not None else 0
        return gutter if room - gutter >= MIN_TEXT else 0

    def kept(self, across: int) -> int:
        """Cells kept right of the column for the marks in a view ``across`` cells
        wide: what they ask, while the column keeps :data:`MIN_TEXT` cells; else
        what is left (the tags shorten), or none (no tag gets a whole row's room)."""
        kept = min(self.room, max(0, across - MIN_TEXT))
        return kept if kept >= SHORTEST else 0

    def set_layer(self, name: str, spans: list[tuple[int, int, str]]) -> None:
        """Highlight ``spans`` ((start, end, component class) each) on layer ``name``."""
        if name not in LAYERS:
            raise ValueError(f"no layer {name!r}")
        self.layers[name] = Layer(spans)

    def set_colours(self, colours: dict[str, Style]) -> None:
        """Colours drawn over a component class's own (a label file's colours)."""
        self._colours = colours
        self._styles.clear()

    def styles_changed(self) -> None:
        """The stylesheet or theme changed: read the component styles again."""
        self._styles.clear()

    def style(self, component: str) -> Style:
        """The style a component class is drawn in."""
        style = self._styles.get(component)
        if style is None:
            style = self._component_style(component)
            annotating_match = self._annotating() and "match" in component
            if component in MARKS or annotating_match:
                # While annotating, search matches too leave label colours be,
                # and are underlined: reverse is the selection's, and the cursor
                # (moved there by the search) tells the current match.
                # An attribute a mark lacks is left unset (None), not False: a
                # False would wipe it from the layers below (the cursor's would
                # hide the selection's reverse, and a trim with it).
                style = Style(
                    bold=style.bold or None,
                    dim=style.dim or None,
                    italic=style.italic or None,
                    underline=style.underline or annotating_match or None,
                    reverse=None if annotating_match else style.reverse or None,
                )
            extra = self._colours.get(component)
            self._styles[component] = style = style + extra if extra else style
        return style

    def draw(self, row: DocumentRow, width: int, margin: int, base: Style) -> Strip:
        """``row`` as cells ``width`` wide, ``margin`` blank cells left of the text."""
        layers = [self.layers[name] for name in LAYERS if name in self.layers]
        styles = cell_styles(row, base, [*layers, self.matches], self.style)
        strip = row_strip(row, width, margin, base, styles)
        if self.marks is None:
            return strip
        return self.marks.decorate(row, strip, margin, width, self.style)
