"""EntityPanel: a document's spans in reading order, label and text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.annotation.spans import Span
from reader.annotation.transliteration import transliterate
from reader.ui.widgets.visual import visual_line

LABEL_CELLS = 7  # a label and its padding, so that short labels' texts line up


class EntityPanel(OptionList):
    """Lists spans; choosing one posts OptionSelected with the span's index as id.

    Labels and span texts are untrusted: through the boundary and the engine, never markup.
    """

    def show_spans(self, spans: Sequence[Span], text: str, scheme: str | None = None) -> None:
        """List ``spans`` (in reading order) of ``text``, each transliterated in
        ``scheme`` too when one is given."""
        self.clear_options()
        for n, span in enumerate(spans):
            # Every string goes through the engine, as the legend's do: a label
            # or a transliteration (Hebrew is left as it is) may be RTL.
            label = visual_line(span.label)
            line = Text(label + " " * max(1, LABEL_CELLS - cell_len(label)), style="bold")
            words = text[span.start : span.end]
            line.append(visual_line(words))
            if scheme is not None:
                line.append("  " + visual_line(transliterate(words, scheme)), style="italic")
            self.add_option(Option(line, id=str(n)))
