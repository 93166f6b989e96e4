"""A whole document laid out at one width: rows, and the maps between
logical offsets and screen cells.

Paragraphs end at line breaks (LF, CRLF, or U+2029); the break itself is
never drawn.  Each paragraph is laid out on its own and cached by its text,
the width and the options, so laying out a document again after an edit or
at a width seen before costs only what changed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from reader.layout.levels import first_strong
from reader.layout.options import LayoutOptions
from reader.layout.paragraph import ParagraphLayout, layout_paragraph
from reader.layout.rows import Row

PARAGRAPH_BREAK = re.compile("\r\n|\n|\u2029")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph, the line break left out.

    A text that ends with a line break has no empty paragraph after it.
    """
    return list(_split(text))


@lru_cache(maxsize=16)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    # Cached per text: the split does not depend on the width, and a resize
    # must not cost a pass over the whole document.
    return tuple(_split_uncached(text))


def _split_uncached(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=16)
def _starts(text: str) -> list[int]:
    return [start for start, _ in _split(text)]


@lru_cache(maxsize=16)
def _document_level(text: str, direction: str) -> int:
    return document_level(text, list(_split(text)), LayoutOptions(direction=direction))


def document_level(
    text: str,
    paragraphs: list[tuple[int, int]] | tuple[tuple[int, int], ...],
    options: LayoutOptions,
) -> int:
    """The document's direction: forced, or that of its first strong letter (LTR if none)."""
    if options.direction != "auto":
        return 1 if options.direction == "rtl" else 0
    for start, end in paragraphs:
        found = first_strong(text[start:end])
        if found is not None:
            return found
    return 0


def row_indent(row: Row, width: int, options: LayoutOptions) -> int:
    """Blank cells before a row at ``width``: right alignment for RTL rows in app mode."""
    if row.level % 2 and options.reorders:
        return max(0, width - row.width)
    return 0


class DocumentRow(NamedTuple):
    """Row ``y`` of the document: row ``number`` of paragraph ``paragraph``,
    with absolute offsets and its on-screen indent."""

    y: int
    paragraph: int
    number: int
    offset: int  # where its paragraph starts in the document
    indent: int  # blank cells before the first cell (RTL rows are right-aligned)
    row: Row

    @property
    def start(self) -> int:
        return self.offset + self.row.start

    @property
    def end(self) -> int:
        return self.offset + self.row.end

    @property
    def visual(self) -> str:
        return self.row.visual

    @property
    def direction(self) -> str:
        return self.row.direction

    def line(self) -> str:
        """The row as printed: alignment padding, then the visual characters."""
        return " " * self.indent + self.row.visual


@dataclass(frozen=True)
class CellRun:
    """Cells ``col:col + width`` of ``row`` (aligned columns) that show part of a span."""

    row: int
    col: int
    width: int


class DocumentLayout:
    """``text`` laid out at ``width`` cells with ``options``.

    Columns in the maps are screen columns within the width, alignment
    included.
    """

    def __init__(self, text: str, width: int, options: LayoutOptions | None = None) -> None:
        if width < 2:
            raise ValueError("width must be at least 2 cells")
        self.text = text
        self.width = width
        self.options = options or LayoutOptions()
        self.paragraphs = _split(text)
        self.level = _document_level(text, self.options.direction)
        self.starts = _starts(text)  # where each paragraph starts
        self._texts: dict[int, str] = {}  # paragraphs' texts, as last sliced

    def paragraph(self, index: int) -> ParagraphLayout:
        """The layout of one paragraph (cached)."""
        text = self._texts.get(index)
        if text is None:
            # The cache of layouts is keyed by the paragraph's text: slicing it
            # afresh would copy and hash a long paragraph on every row drawn.
            if len(self._texts) >= 64:
                self._texts.clear()
            start, end = self.paragraphs[index]
            text = self._texts[index] = self.text[start:end]
        return layout_paragraph(text, self.width, self.options, self.level)

    def indent(self, row: Row) -> int:
        """Blank cells before a row: right alignment for RTL rows in app mode."""
        return row_indent(row, self.width, self.options)

    @cached_property
    def rows(self) -> list[DocumentRow]:
        """Every row of the document, in order."""
        out: list[DocumentRow] = []
        for p, (start, _) in enumerate(self.paragraphs):
            for number, row in enumerate(self.paragraph(p).rows):
                out.append(DocumentRow(len(out), p, number, start, self.indent(row), row))
        return out

    @cached_property
    def _row_starts(self) -> list[int]:
        return [r.start for r in self.rows]

    def row_of(self, offset: int) -> int:
        """Index of the row whose logical range holds ``offset``.

        A line break belongs to the last row of the paragraph it ends.
        """
        p = bisect_right(self.starts, offset) - 1
        first = bisect_right(self._row_starts, self.starts[max(p, 0)]) - 1
        return max(first, bisect_right(self._row_starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int] | None:
        """(row, column) of the cell that shows ``offset``.

        None for an offset no cell shows: a line break, white space hanging
        at a row's end, or a run of invisible characters with no letter.
        """
        if not 0 <= offset < len(self.text):
            return None
        r = self.rows[self.row_of(offset)]
        rel = offset - r.offset
        row = r.row
        for i, (s, e) in enumerate(zip(row.starts, row.ends, strict=False)):
            if s <= rel < e:
                return r.y, r.indent + row.cols[i]
        return None

    def cell_range(self, row: int, col: int) -> tuple[int, int] | None:
        """The logical range ``[start, end)`` shown at (row, column), or None for a blank."""
        if not 0 <= row < len(self.rows):
            return None
        r = self.rows[row]
        i = r.row.cell_at(col - r.indent)
        if i is None:
            return None
        return r.offset + r.row.starts[i], r.offset + r.row.ends[i]

    def offset_at(self, row: int, col: int) -> int | None:
        """The first logical offset shown at (row, column), or None for a blank."""
        found = self.cell_range(row, col)
        return None if found is None else found[0]

    def span_runs(self, start: int, end: int) -> list[CellRun]:
        """The runs of adjacent cells that show any of ``text[start:end]``.

        Runs come row by row, left to right; in mixed text one span can make
        several runs on one row.
        """
        runs: list[CellRun] = []
        if start >= end:
            return runs
        first = self.row_of(max(start, 0))
        for r in self.rows[first:]:
            if r.start >= end:
                break
            row = r.row
            run_col = -1
            run_width = 0
            for s, e, c, w in zip(row.starts, row.ends, row.cols, row.widths, strict=False):
                if s + r.offset < end and e + r.offset > start:
                    if run_col >= 0 and run_col + run_width == c:
                        run_width += w
                        continue
                    if run_col >= 0:
                        runs.append(CellRun(r.y, r.indent + run_col, run_width))
                    run_col, run_width = c, w
                elif run_col >= 0:
                    runs.append(CellRun(r.y, r.indent + run_col, run_width))
                    run_col = -1
            if run_col >= 0:
                runs.append(CellRun(r.y, r.indent + run_col, run_width))
        return runs

    def lines(self) -> Iterator[str]:
        """Every row as printed, alignment included."""
        for r in self.rows:
            yield r.line()
