"""EntityPanel: a document's spans in reading order, label and text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.annotation.spans import Span
from reader.annotation.transliteration import transliterate
from reader.ui.widgets.visual import WIDE, visual_line, visual_rows

LABEL_CELLS = 7  # a label and its padding, so that short labels' texts line up


class EntityPanel(OptionList):
    """Lists spans; choosing one posts OptionSelected with the span's index as id.

    Labels and span texts are untrusted: through the boundary and the engine, never markup.
    A text longer than its column is laid out by the engine at the column's width,
    row under row in the text column (Textual wrapping a visual string would
    read its rows bottom to top).
    """

    listed: tuple[Sequence[Span], str, str | None] = ((), "", None)

    def show_spans(self, spans: Sequence[Span], text: str, scheme: str | None = None) -> None:
        """List ``spans`` (in reading order) of ``text``, each transliterated in
        ``scheme`` too when one is given."""
        self.listed = (spans, text, scheme)
        highlighted = self.highlighted
        self.clear_options()
        width = self.scrollable_content_region.width
        width -= self.get_component_styles("option-list--option").padding.width
        for n, span in enumerate(spans):
            self.add_option(Option(_entry(span, text, scheme, width), id=str(n)))
        if highlighted is not None and highlighted < len(spans):
            self.highlighted = highlighted

    def on_resize(self, event: events.Resize) -> None:
        # The rows were laid out at the old width (or none, before the first layout).
        if self.listed[0]:
            self.show_spans(*self.listed)


def _entry(span: Span, text: str, scheme: str | None, width: int) -> Text:
    """One span's option: its label, then its text (and transliteration) as rows
    of the text column, ``width`` cells wide with the label (no width known: one row)."""
    # Every string goes through the engine, as the legend's do: a label or a
    # transliteration (Hebrew is left as it is) may be RTL.
    label = visual_line(span.label)
    cells = max(LABEL_CELLS, cell_len(label) + 1)
    column = max(2, width - cells) if width > 0 else WIDE
    words = text[span.start : span.end]
    rows = [Text(row) for row in visual_rows(words, column)] or [Text("")]
    if scheme is not None:
        said = visual_rows(transliterate(words, scheme), column)
        if len(said) == 1 and cell_len(rows[-1].plain) + 2 + cell_len(said[0]) <= column:
            rows[-1].append("  " + said[0], style="italic")
        else:
            rows.extend(Text(row, style="italic") for row in said)
    entry = Text(label + " " * (cells - cell_len(label)), style="bold", no_wrap=True)
    for n, row in enumerate(rows):
        if n:
            entry.append("\n" + " " * cells)
        entry.append_text(row)
    return entry
