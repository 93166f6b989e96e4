"""The layout engine: logical text in, terminal rows and exact maps out.

Nothing in this package imports Textual; a test holds it to that.
"""

from reader.layout.document import CellRun, DocumentLayout, DocumentRow, split_paragraphs
from reader.layout.options import LayoutOptions
from reader.layout.paragraph import ParagraphLayout, layout_paragraph
from reader.layout.rows import Row

__all__ = [
    "CellRun",
    "DocumentLayout",
    "DocumentRow",
    "LayoutOptions",
    "ParagraphLayout",
    "Row",
    "layout_paragraph",
    "split_paragraphs",
]
