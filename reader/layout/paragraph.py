"""Lay out one paragraph: shape, resolve levels, wrap, then reorder each row.

The order matters.  Levels are resolved once for the whole paragraph, the
paragraph is wrapped in logical order, and only then is each row put into
visual order (UAX #9 section 3.4).

This is the hot path of the program.  The paragraph is cut into words, each
shaped once (and cached); rows are wrapped over the words' widths
(:mod:`reader.layout.wrapping`, only as far as the rows asked for) and
drawn by joining the words' glyph strings (:mod:`reader.layout.visual`).
Rows of a paragraph that rule L1 touches (tabs, isolates drawn) are drawn
cluster by cluster by :mod:`reader.layout.cells`, as every row's cells are
when first asked for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache, partial
from operator import attrgetter

from reader.layout.cells import Source
from reader.layout.chars import ISOLATE_INITIATORS, PDI, stand_in
from reader.layout.levels import first_strong, place_removed, resolve_levels
from reader.layout.options import LayoutOptions
from reader.layout.reorder import HAS_MIRROR
from reader.layout.rows import Row
from reader.layout.visual import row_visual
from reader.layout.wrapping import Wrapper

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\ud800-\udfff]")
_KINDS = attrgetter("kinds")
_ISOLATES = re.compile("[" + "".join(ISOLATE_INITIATORS) + PDI + "]")


class ParagraphLayout:
    """The rows of one paragraph, with offsets relative to its start.

    Rows are laid out as far as they are asked for: :meth:`row` and
    :meth:`row_at` lay out no further than they need, :attr:`rows` lays out
    the whole paragraph.  Rows once laid out never change.
    """

    __slots__ = ("text", "level", "_known", "_starts", "_wrapper", "_source", "_all")

    def __init__(self, text: str, level: int, wrapper: Wrapper, source: Source) -> None:
        self.text = text
        self.level = level
        self._known: list[Row] = []
        self._starts: list[int] = []  # each known row's start
        self._wrapper: Wrapper | None = wrapper
        self._source = source
        self._all: tuple[Row, ...] | None = None

    @property
    def complete(self) -> bool:
        """True once every row is laid out."""
        return self._wrapper is None

    @property
    def known(self) -> int:
        """Rows laid out so far."""
        return len(self._known)

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row, the whole paragraph laid out."""
        if self._all is None:
            while self._wrapper is not None:
                self._extend()
            self._all = tuple(self._known)
        return self._all

    def row(self, i: int) -> Row | None:
        """Row ``i``, or None past the last."""
        while i >= len(self._known) and self._wrapper is not None:
            self._extend()
        return self._known[i] if 0 <= i < len(self._known) else None

    def row_at(self, offset: int) -> int:
        """The row whose logical range holds ``offset`` (the end: the last row)."""
        while self._wrapper is not None and (not self._known or self._known[-1].end <= offset):
            self._extend()
        return max(0, bisect_right(self._starts, offset) - 1)

    def estimate(self) -> int:
        """Rows in the paragraph: exact once complete, else a guess above the known."""
        known = len(self._known)
        if self._wrapper is None:
            return known
        if not known:
            return 1
        done = self._known[-1].end
        return max(known + 1, -(-known * len(self.text) // max(done, 1)))

    def _extend(self) -> None:
        wrapper = self._wrapper
        assert wrapper is not None
        for b in wrapper.more():
            self._known.append(_row(self._source, *b))
            self._starts.append(b[0])
        if wrapper.done:
            self._wrapper = None


def _bidi_text(text: str) -> str:
    """The paragraph as the bidi algorithm sees it: controls as their stand-ins."""
    if not _CONTROLS.search(text):
        return text
    return "".join(stand_in(ch) or ch for ch in text)


def base_level(text: str, options: LayoutOptions, fallback: int) -> int:
    """The paragraph's base level: forced, or by rules P2-P3, or ``fallback``."""
    if options.direction == "rtl":
        return 1
    if options.direction == "ltr":
        return 0
    found = first_strong(text)
    return fallback if found is None else found


def lay_out_paragraph(
    text: str, width: int, options: LayoutOptions, fallback_level: int = 0
) -> ParagraphLayout:
    """Lay out a paragraph (no line breaks inside) at ``width`` cells.

    ``fallback_level`` is the document's direction, used when the paragraph
    has no strong letter of its own.  Levels are resolved for the whole
    paragraph at once; words are shaped and rows made as they are asked for.
    Not cached: see :func:`layout_paragraph`.
    """
    if width < 2:
        raise ValueError("width must be at least 2 cells")
    level = base_level(text, options, fallback_level)
    levels: bytes | None = None  # per character; None when all are `uniform`
    uniform = level
    if options.reorders and text:
        char_levels = resolve_levels(_bidi_text(text), level)
        if options.show_formatting:
            char_levels = place_removed(text, char_levels, level)
        if char_levels.count(char_levels[0]) == len(char_levels):
            uniform = char_levels[0]
        else:
            levels = bytes(char_levels)
    elif not options.reorders:
        uniform = 0
    wrapper = Wrapper(text, width, options)
    source = Source(
        text,
        wrapper.tokens,
        level,
        levels,
        uniform,
        wrapper.tabs,
        # Rule L1 resets tabs, and isolates where they are drawn as clusters.
        l1="\t" in text or options.show_formatting and _ISOLATES.search(text) is not None,
        mirrors=options.reorders and HAS_MIRROR.search(text) is not None,
        special=partial(_special, wrapper),
    )
    return ParagraphLayout(text, level, wrapper, source)


def _special(wrapper: Wrapper) -> bool:
    """True if a cluster of the paragraph has no cell (a word of invisible characters)."""
    t = wrapper.tokenize_all()
    if t.single_spaced and not any(map(_KINDS, t.words)):
        return False  # only words with stand-ins or invisible characters can
    return any(w is not None and w.kinds is not None and 0 in w.widths for w in t.words)


layout_paragraph = lru_cache(maxsize=4096)(lay_out_paragraph)
""":func:`lay_out_paragraph`, cached by all four arguments."""


def _row(source: Source, start: int, draw_end: int, end: int) -> Row:
    """The row drawing ``start:draw_end``: joined from strings if it can be."""
    found = None if source.l1 else row_visual(source, start, draw_end)
    if found is None:
        cells = source.cells(start, draw_end)
        return Row(start, end, source.base, sum(cells.widths), "".join(cells.glyphs), cells)
    visual, width = found
    return Row(start, end, source.base, width, visual, None, partial(source.cells, start, draw_end))
