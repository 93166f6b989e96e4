"""Lay out one paragraph: shape, resolve levels, wrap, then reorder each row.

The order matters.  Levels are resolved once for the whole paragraph, the
paragraph is wrapped in logical order, and only then is each row put into
visual order (UAX #9 section 3.4).

This is the hot path of the program, so the paragraph is held as parallel
lists of clusters and rows are cut from them with slices.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from reader.layout.chars import BIDI_FORMAT, ISOLATE_INITIATORS, PDI, stand_in
from reader.layout.levels import first_strong, place_removed, resolve_levels
from reader.layout.options import LayoutOptions
from reader.layout.reorder import MIRROR_TABLE, line_levels, visual_runs
from reader.layout.rows import Row
from reader.layout.shaping import ShapedWord, shape_words

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\ud800-\udfff]")
_MIRRORED = re.compile("[" + re.escape("".join(chr(c) for c in MIRROR_TABLE)) + "]")
_TAB_OR_SPACES = re.compile(r"\t| +")
# What a cluster is to the wrapper and to rule L1.
_WORD, _TAB, _ISOLATE = 0, 2, 3


class ParagraphLayout(NamedTuple):
    """The rows of one paragraph, with offsets relative to its start."""

    text: str
    level: int
    rows: tuple[Row, ...]


class _Clusters:
    """A paragraph's clusters in logical order, as parallel lists.

    Clusters are contiguous: cluster ``i`` covers ``starts[i]`` up to
    ``starts[i + 1]`` (the paragraph's end for the last).
    """

    __slots__ = ("starts", "bases", "glyphs", "widths", "kinds", "roles", "tokens", "special")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.bases: list[int] | None = None  # only when some differ from starts
        self.glyphs: list[str] = []
        self.widths: list[int] = []
        self.kinds: dict[int, int] = {}  # cluster -> kind, for stand-ins only
        self.roles: dict[int, int] = {}  # cluster -> role, for tabs and isolates
        # (a space is a cluster drawn as " " with no role; words never hold one)
        self.tokens: list[tuple[int, int, int]] = []  # words and tabs: (first, stop, width)
        self.special = False  # any cluster with no cell


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


def isolate_or_pdi(ch: str) -> bool:
    """True for the isolate formatting characters rule L1 treats as white space."""
    return ch in ISOLATE_INITIATORS or ch == PDI


@lru_cache(maxsize=4096)
def layout_paragraph(
    text: str, width: int, options: LayoutOptions, fallback_level: int = 0
) -> ParagraphLayout:
    """Lay out a paragraph (no line breaks inside) at ``width`` cells.

    ``fallback_level`` is the document's direction, used when the paragraph
    has no strong letter of its own.  Cached by all four arguments.
    """
    if width < 2:
        raise ValueError("width must be at least 2 cells")
    level = base_level(text, options, fallback_level)
    c = _cluster(text, options)
    levels: list[int] | None = None  # per cluster; None when all are `uniform`
    uniform = level
    if options.reorders and c.starts:
        char_levels = resolve_levels(_bidi_text(text), level)
        if options.show_formatting:
            char_levels = place_removed(text, char_levels, level)
        if char_levels.count(char_levels[0]) == len(char_levels):
            uniform = char_levels[0]
        else:
            bases = c.bases if c.bases is not None else c.starts
            levels = (
                list(itemgetter(*bases)(char_levels)) if len(bases) > 1 else [char_levels[bases[0]]]
            )
    elif not options.reorders:
        uniform = 0
    ends = c.starts[1:]
    ends.append(len(text))
    mirrors = options.reorders and _MIRRORED.search(text) is not None
    rows = tuple(
        _make_row(c, ends, levels, uniform, level, mirrors, first, stop, end)
        for first, stop, end in _wrap(c, width, options.tab_size, len(text))
    )
    return ParagraphLayout(text, level, rows)


def _add_word(c: _Clusters, w: ShapedWord, word: str, at: int) -> None:
    first = len(c.starts)
    c.starts.extend(map(at.__add__, w.starts))
    c.glyphs.extend(w.glyphs)
    c.widths.extend(w.widths)
    if w.bases is not None and c.bases is None:
        c.bases = c.starts[:first]
    if c.bases is not None:
        c.bases.extend(map(at.__add__, w.bases if w.bases is not None else w.starts))
    if w.kinds is not None:
        for k, what in enumerate(w.kinds):
            if what:
                c.kinds[first + k] = what
                if what == BIDI_FORMAT and isolate_or_pdi(word[(w.bases or w.starts)[k]]):
                    c.roles[first + k] = _ISOLATE
        # Only invisible characters make a cluster with no cell, and those
        # always have a kind.
        c.special = c.special or 0 in w.widths
    c.tokens.append((first, len(c.starts), w.width))


def _add_spaces(c: _Clusters, at: int, n: int) -> None:
    c.starts.extend(range(at, at + n))
    c.glyphs.extend(" " * n)
    c.widths.extend([1] * n)
    if c.bases is not None:
        c.bases.extend(range(at, at + n))


def _cluster(text: str, options: LayoutOptions) -> _Clusters:
    """All clusters of the paragraph, and its words and tabs as tokens.

    Spaces at the very start of the paragraph are indentation: drawn, and
    wrapped like a word rather than hung at a break.
    """
    c = _Clusters()
    flags = (options.shapes, options.harakat, options.show_formatting)
    if "\t" not in text and "  " not in text and not text.startswith(" "):
        # The common case, single spaces between words, inlined for speed.
        words = text.split(" ")
        shaped = iter(shape_words([w for w in words if w], *flags))
        starts, glyphs, widths, tokens = c.starts, c.glyphs, c.widths, c.tokens
        at = 0
        for word in words:
            if at:
                starts.append(at - 1)
                glyphs.append(" ")
                widths.append(1)
                if c.bases is not None:
                    c.bases.append(at - 1)
            if word:
                w = next(shaped)
                if w.bases is None and w.kinds is None and c.bases is None:
                    first = len(starts)
                    starts.extend(map(at.__add__, w.starts))
                    glyphs.extend(w.glyphs)
                    widths.extend(w.widths)
                    tokens.append((first, len(starts), w.width))
                else:
                    _add_word(c, w, word, at)
            at += len(word) + 1
        return c
    pieces: list[tuple[int, int]] = []  # (start, end) of words, tabs and spaces
    at = 0
    for m in _TAB_OR_SPACES.finditer(text):
        if m.start() > at:
            pieces.append((at, m.start()))
        pieces.append((m.start(), m.end()))
        at = m.end()
    if at < len(text):
        pieces.append((at, len(text)))
    words = [text[a:b] for a, b in pieces if text[a] not in " \t"]
    shaped = iter(shape_words(words, *flags))
    for a, b in pieces:
        first = len(c.starts)
        if text[a] == "\t":
            _add_spaces(c, a, 1)
            c.roles[first] = _TAB
            c.tokens.append((first, first + 1, -1))  # its width depends on its column
        elif text[a] == " ":
            _add_spaces(c, a, b - a)
            if a == 0:
                c.tokens.append((first, len(c.starts), b))
        else:
            _add_word(c, next(shaped), text[a:b], a)
    return c


def _wrap(c: _Clusters, width: int, tab_size: int, text_end: int) -> list[tuple[int, int, int]]:
    """Break into rows at spaces, or inside a word too long for a row.

    Returns (first, stop, end) per row: clusters ``first:stop`` are drawn,
    and the row's logical range ends at offset ``end``.  Spaces at a break
    fall between ``stop`` and ``end``: they belong to the row but hang off its
    end undrawn, so no row is wider than ``width``.
    """
    rows: list[tuple[int, int, int]] = []
    first = 0  # first cluster of the current row
    col = 0  # cells used on the current row
    prev = 0  # cluster after the previous token: spaces lie between it and the next
    starts, widths = c.starts, c.widths

    for t_first, t_stop, word in c.tokens:
        spaces = t_first - prev
        prev = t_stop
        if col + spaces + word <= width and word >= 0:
            col += spaces + word
            continue
        if word < 0:  # a tab: to the next stop, on this row if it fits
            need = spaces + tab_size - (col + spaces) % tab_size
            if col + need > width and t_first - spaces > first:
                rows.append((first, t_first - spaces, starts[t_first]))
                first, col, spaces, need = t_first, 0, 0, tab_size
            need = min(need, width - col)
            widths[t_first] = need - spaces
            c.glyphs[t_first] = " " * (need - spaces)
            col += need
            continue
        if t_first - spaces > first:  # the row holds something: break before the spaces
            rows.append((first, t_first - spaces, starts[t_first]))
            first, col = t_first, 0
        if word <= width:
            col = word
            continue
        for i in range(t_first, t_stop):  # a word longer than the row
            if col + widths[i] > width:
                rows.append((first, i, starts[i]))
                first, col = i, 0
            col += widths[i]
    rows.append((first, prev if prev > first else first, text_end))
    return rows


def _make_row(
    c: _Clusters,
    ends: list[int],
    levels: list[int] | None,
    uniform: int,
    base: int,
    mirrors: bool,
    first: int,
    stop: int,
    end: int,
) -> Row:
    start = c.starts[first] if first < len(c.starts) else end
    # Clusters with no cell are left out.
    idx = [i for i in range(first, stop) if c.widths[i]] if c.special else list(range(first, stop))
    if not idx:
        return Row(start, end, base, 0, (), (), (), (), (), None)
    roles = c.roles
    if levels is None and uniform == base:
        runs = [(0, len(idx), base)]  # rule L1 could only reset levels to what they are
    else:
        row_levels = [levels[i] for i in idx] if levels is not None else [uniform] * len(idx)
        if roles:
            row_levels = line_levels(
                row_levels,
                base,
                [c.glyphs[i] == " " and i not in roles or roles.get(i) == _ISOLATE for i in idx],
                [roles.get(i) == _TAB for i in idx],
            )
        runs = visual_runs(row_levels)
    if len(runs) == 1 and not c.special:
        step = -1 if runs[0][2] % 2 else 1
        starts = tuple(c.starts[first:stop][::step])
        row_ends = tuple(ends[first:stop][::step])
        glyphs = tuple(c.glyphs[first:stop][::step])
        widths = tuple(c.widths[first:stop][::step])
        kinds = tuple(c.kinds.get(i, 0) for i in range(first, stop)[::step]) if c.kinds else None
    else:
        pick = [
            idx[k]
            for a, b, level in runs
            for k in (range(b - 1, a - 1, -1) if level % 2 else range(a, b))
        ]
        starts = tuple(c.starts[i] for i in pick)
        row_ends = tuple(ends[i] for i in pick)
        glyphs = tuple(c.glyphs[i] for i in pick)
        widths = tuple(c.widths[i] for i in pick)
        kinds = tuple(c.kinds.get(i, 0) for i in pick) if c.kinds else None
    if mirrors and any(level % 2 for _, _, level in runs) and _MIRRORED.search("".join(glyphs)):
        odd = [level % 2 for a, b, level in runs for _ in range(a, b)]
        glyphs = tuple(
            g.translate(MIRROR_TABLE) if o else g for g, o in zip(glyphs, odd, strict=False)
        )
    return Row(
        start,
        end,
        base,
        sum(widths),
        starts,
        row_ends,
        tuple(accumulate(widths[:-1], initial=0)),
        widths,
        glyphs,
        kinds,
    )
