"""ArticleHeader: the title, laid out by the engine, and a line of metadata."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.layout import DocumentLayout, LayoutOptions
from reader.safe_text import shown

TITLE_ROWS = 2
META_ROWS = 2


class ArticleHeader(Static):
    """Shows a title (right-aligned if RTL) and ``source · date · length · i/N``.

    Titles and metadata are untrusted: through the boundary into plain Text, never markup.
    """

    def show(
        self, title: str, details: list[str], column: int, margin: int, options: LayoutOptions
    ) -> None:
        """Lay the title out at ``column`` cells, ``margin`` cells from the left."""
        lines = Text(no_wrap=True, overflow="ellipsis")
        layout = DocumentLayout(
            shown(title.replace("\n", " "), engine=True), max(2, column), options
        )
        rows = [r for r in layout.rows if r.visual][:TITLE_ROWS]
        for r in rows:
            lines.append(" " * (margin + r.indent))
            lines.append(r.visual, style="bold")
            lines.append("\n")
        # Each field is isolated (FSI ... PDI) so that, say, a date after an
        # Arabic source name is not pulled into the Arabic run.
        line = " · ".join(f"\u2068{shown(d, engine=True)}\u2069" for d in details if d)
        meta = DocumentLayout(line, max(2, column), options)
        for r in meta.rows[:META_ROWS]:  # wraps in a narrow window rather than losing fields
            lines.append(" " * (margin + r.indent))
            lines.append(r.visual, style="dim")
            lines.append("\n")
        lines.rstrip()
        self.update(lines)
