"""Legend: the labels' numbers and colours, and the annotation keys, in one row.

The colours are the theme's `$label-N` / `$label-N-text` variables, read when the
legend is drawn; a theme switch draws it again in the new theme's colours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.theme import Theme
from textual.widgets import Static

from reader.ui.widgets.visual import visual_line

LABEL_COLOURS = 9  # the theme's label colours; later labels share the last
KEYS = "   ←→ move  ⇧←→ select  t/T clitics  l labels  a x i answer  e entities"


def label_colours(labels: Sequence[str], colours: Mapping[str, str]) -> dict[str, Style]:
    """The view's label styles (``article-view--label-N``) for the labels among
    the first nine that a label file gives a colour: that colour behind, and
    the theme's contrast ink on it."""
    styles = {}
    for n, label in enumerate(labels[:LABEL_COLOURS], 1):
        colour = colours.get(label)
        if colour:
            back = Color.parse(colour)
            ink = back.get_contrast_text(1.0)
            styles[f"article-view--label-{n}"] = Style(
                bgcolor=back.rich_color, color=ink.rich_color
            )
    return styles


class Legend(Static):
    """One row: ` 1  PER  2  ORG …` in the labels' colours, then the keys; labels
    past the ninth (no key, no colour of their own) are ` · ` in the ninth's."""

    DEFAULT_CSS = """
    Legend {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, labels: Sequence[str], *, id: str | None = None, keys: str = KEYS) -> None:
        super().__init__(id=id)
        self.labels = tuple(labels)
        self.keys = keys  # the keys to remind of, after the labels
        self.from_input: frozenset[str] = frozenset()
        self.colours: Mapping[str, str] = {}  # a label file's colours, by label

    def show_labels(self, labels: Sequence[str], from_input: Iterable[str] = ()) -> None:
        """Draw these labels, those in ``from_input`` said to come from the input."""
        self.labels, self.from_input = tuple(labels), frozenset(from_input)
        self._draw()

    def show_colours(self, colours: Mapping[str, str]) -> None:
        """Draw the labels ``colours`` names (a label file's) in those colours."""
        self.colours = colours
        if self.is_mounted:
            self._draw()

    def on_mount(self) -> None:
        self._draw()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self._draw()

    def _draw(self) -> None:
        legend = Text(no_wrap=True, overflow="ellipsis")
        variables = self.app.theme_variables
        for n, label in enumerate(self.labels, 1):
            colour = variables.get(f"label-{min(n, LABEL_COLOURS)}", "#888888")
            ink = variables.get(f"label-{min(n, LABEL_COLOURS)}-text", "#000000")
            if n <= LABEL_COLOURS and self.colours.get(label):
                colour = self.colours[label]
                ink = Color.parse(colour).get_contrast_text(1.0).hex
            legend.append(f" {n} " if n <= LABEL_COLOURS else " · ", style="bold")
            legend.append(f" {visual_line(label)} ", style=Style(bgcolor=colour, color=ink))
            if label in self.from_input:
                legend.append(" (from the input)", style="dim")
        legend.append(self.keys, style="dim")
        self.update(legend)
