"""Titles as the engine draws them, cut to a column: for the library's tables."""

from __future__ import annotations

from rich.text import Text

from reader.layout import DocumentLayout, LayoutOptions
from reader.safe_text import shown

TITLE_WIDTH = 40


def visual_title(title: str, width: int = TITLE_WIDTH) -> Text:
    """A title as the engine draws it: its first row, right-aligned if RTL,
    with an ellipsis where the rest is cut (on the left for RTL); plain text."""
    title = shown(" ".join(title.split()), engine=True) or "untitled"
    layout = DocumentLayout(title, width, LayoutOptions())
    if len(layout.rows) > 1:
        layout = DocumentLayout(title, width - 1, LayoutOptions())  # room for "…"
    row = layout.rows[0]
    more = "…" if len(layout.rows) > 1 else ""
    if row.direction == "rtl":
        pad = width - row.row.width - len(more)
        return Text(" " * pad + more + row.visual, no_wrap=True)
    return Text(row.visual + more, no_wrap=True)
