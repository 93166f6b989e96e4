"""Lay out one paragraph: shape, resolve levels, wrap, then reorder each row.

The order matters.  Levels are resolved once for the whole paragraph, the
paragraph is wrapped in logical order, and only then is each row put into
visual order (UAX #9 section 3.4).

This is the hot path of the program.  The paragraph is cut into words, each
shaped once (and cached); rows are wrapped over the words' widths and drawn
by joining the words' glyph strings, each word forwards or backwards as its
level says.  A row that string path cannot draw exactly (a word cut in two,
a word of mixed levels, tabs and isolates, which rule L1 resets) is drawn
cluster by cluster by :mod:`reader.layout.cells`, as every row's cells are
when first asked for.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import accumulate, repeat
from operator import add, attrgetter
from typing import NamedTuple

from reader.layout.cells import Source, Tokens
from reader.layout.chars import ISOLATE_INITIATORS, PDI, stand_in
from reader.layout.levels import first_strong, place_removed, resolve_levels
from reader.layout.options import LayoutOptions
from reader.layout.reorder import MIRROR_TABLE
from reader.layout.rows import Row
from reader.layout.shaping import shape_words
from reader.layout.visual import row_visual

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\ud800-\udfff]")
_MIRRORED = re.compile("[" + re.escape("".join(chr(c) for c in MIRROR_TABLE)) + "]")
_TAB_OR_SPACES = re.compile(r"\t| +")
_KINDS = attrgetter("kinds")
_ISOLATES = re.compile("[" + "".join(ISOLATE_INITIATORS) + PDI + "]")


class ParagraphLayout(NamedTuple):
    """The rows of one paragraph, with offsets relative to its start."""

    text: str
    level: int
    rows: tuple[Row, ...]


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
    has no strong letter of its own.  Not cached: see :func:`layout_paragraph`.
    """
    if width < 2:
        raise ValueError("width must be at least 2 cells")
    level = base_level(text, options, fallback_level)
    tokens = _tokens(text, options)
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
    tabs: dict[int, int] = {}
    breaks = _wrap(tokens, width, options.tab_size, len(text), tabs)
    source = Source(
        text,
        tokens,
        level,
        levels,
        uniform,
        tabs,
        # Rule L1 resets tabs, and isolates where they are drawn as clusters.
        l1=bool(tabs) or options.show_formatting and _ISOLATES.search(text) is not None,
        special=_special(tokens),
        mirrors=options.reorders and _MIRRORED.search(text) is not None,
    )
    return ParagraphLayout(text, level, tuple(_row(source, *b) for b in breaks))


def _special(t: Tokens) -> bool:
    """True if a cluster of the paragraph has no cell (a word of invisible characters)."""
    if t.single_spaced and not any(map(_KINDS, t.words)):
        return False  # only words with stand-ins or invisible characters can
    return any(w is not None and w.kinds is not None and 0 in w.widths for w in t.words)


layout_paragraph = lru_cache(maxsize=4096)(lay_out_paragraph)
""":func:`lay_out_paragraph`, cached by all four arguments."""


def _tokens(text: str, options: LayoutOptions) -> Tokens:
    """The paragraph's words and tabs, and the spaces that start it.

    Spaces at the very start of the paragraph are indentation: drawn, and
    wrapped like a word rather than hung at a break.
    """
    flags = (options.shapes, options.harakat, options.show_formatting)
    if "\t" in text or "  " in text or text.startswith(" "):
        return _general_tokens(text, flags)
    # The common case, single spaces between words.
    words = text.split(" ")
    if not words[-1]:
        words.pop()
    lengths = list(map(len, words))
    starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
    starts.pop()
    shaped = shape_words(words, *flags)
    widths = [w.width for w in shaped]
    return Tokens(starts, list(map(add, starts, lengths)), widths, [*shaped], single_spaced=True)


def _general_tokens(text: str, flags: tuple[bool, bool, bool]) -> Tokens:
    """Tokens of a paragraph with tabs, runs of spaces or indentation."""
    spans: list[tuple[int, int, int]] = []  # (start, stop, width): -1 a tab, -2 a word
    at = 0
    for m in _TAB_OR_SPACES.finditer(text):
        a, b = m.span()
        if a > at:
            spans.append((at, a, -2))
        if text[a] == "\t":
            spans.append((a, b, -1))
        elif a == 0:
            spans.append((0, b, b))
        at = b
    if at < len(text):
        spans.append((at, len(text), -2))
    shaped = iter(shape_words([text[a:b] for a, b, kind in spans if kind == -2], *flags))
    t = Tokens([], [], [], [], single_spaced=False)
    for a, b, kind in spans:
        t.starts.append(a)
        t.stops.append(b)
        w = next(shaped) if kind == -2 else None
        t.words.append(w)
        t.widths.append(kind if w is None else w.width)
    return t


def _wrap(
    t: Tokens, width: int, tab_size: int, text_end: int, tabs: dict[int, int]
) -> list[tuple[int, int, int]]:
    """Break into rows at spaces, or inside a word too long for a row.

    Returns (start, draw_end, end) per row: the row draws what starts in
    ``start:draw_end``, and its logical range ends at ``end``.  Spaces at a
    break fall between ``draw_end`` and ``end``: they belong to the row but
    hang off its end undrawn, so no row is wider than ``width``.  The width
    each tab gets is put in ``tabs``.
    """
    rows: list[tuple[int, int, int]] = []
    first = 0  # where the current row starts
    col = 0  # cells used on the current row
    prev = 0  # where the previous token ended: spaces lie between it and the next
    for k, word in enumerate(t.widths):
        start = t.starts[k]
        spaces = start - prev
        gap = prev
        prev = t.stops[k]
        if col + spaces + word <= width and word >= 0:
            col += spaces + word
            continue
        if word < 0:  # a tab: to the next stop, on this row if it fits
            need = spaces + tab_size - (col + spaces) % tab_size
            if col + need > width and gap > first:
                rows.append((first, gap, start))
                first, col, spaces, need = start, 0, 0, tab_size
            need = min(need, width - col)
            tabs[start] = need - spaces
            col += need
            continue
        if gap > first:  # the row holds something: break before the spaces
            rows.append((first, gap, start))
            first, col = start, 0
        if word <= width:
            col = word
            continue
        w = t.words[k]  # a word (or indentation, a cell a space) longer than the row
        clusters = (
            zip(w.starts, w.widths, strict=True)
            if w is not None
            else zip(range(prev - start), repeat(1))
        )
        for s, cells in clusters:
            if col + cells > width:
                rows.append((first, start + s, start + s))
                first, col = start + s, 0
            col += cells
    rows.append((first, prev if prev > first else first, text_end))
    return rows


def _row(source: Source, start: int, draw_end: int, end: int) -> Row:
    """The row drawing ``start:draw_end``: joined from strings if it can be."""
    found = None if source.l1 else row_visual(source, start, draw_end)
    if found is None:
        cells = source.cells(start, draw_end)
        return Row(start, end, source.base, sum(cells.widths), "".join(cells.glyphs), cells)
    visual, width = found
    return Row(start, end, source.base, width, visual, None, partial(source.cells, start, draw_end))
