"""A row's characters in visual order, joined from its words' glyph strings.

Every word is shaped once into a string read left to right and one read
right to left (its clusters reversed, each mark still after its base).  A row
is those strings joined in the order rule L2 gives: pieces of one level,
reversed together at odd levels and mirrored there (rule L4).  Only a word
of mixed levels is cut into pieces, at its clusters.  The result is what
:mod:`reader.layout.cells` draws cell by cell, without an object per
character; rows of paragraphs where rule L1 matters (tabs, isolates drawn)
are left to it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.layout.cells import Source
from reader.layout.reorder import HAS_MIRROR, MIRROR_TABLE, visual_runs

Piece = tuple[str, str, int]  # left to right, right to left, level


def row_visual(src: Source, start: int, draw_end: int) -> tuple[str, int] | None:
    """(visual, width) of the row that draws ``start:draw_end``; None if a
    word in it has a cluster with no cell beside others (the cells decide)."""
    t = src.tokens
    lo = bisect_right(t.stops, start)
    hi = bisect_left(t.starts, draw_end)
    if lo == hi:
        return "", 0
    levels = src.levels
    level = src.uniform if levels is None else _same(levels, start, draw_end)
    if (
        level is not None
        and t.single_spaced
        and t.starts[lo] == start
        and t.stops[hi - 1] <= draw_end
    ):
        # The common row: whole words of one level, a space between each two.
        words = t.words[lo:hi]
        width = sum(t.widths[lo:hi]) + hi - lo - 1
        if level % 2:
            out = " ".join([w.rtl for w in reversed(words)])  # type: ignore[union-attr]
            return _mirror(out) if src.mirrors else out, width
        return " ".join([w.ltr for w in words]), width  # type: ignore[union-attr]
    pieces: list[Piece] = []
    append = pieces.append
    uniform = src.uniform
    width = 0
    for k in range(lo, hi):
        s, e = t.starts[k], t.stops[k]
        if k > lo:
            g = t.stops[k - 1]
            if s - g == 1:
                append((" ", " ", uniform if levels is None else levels[g]))
                width += 1
            elif s > g:
                width += _spaces(src, g, s, pieces)
        w = t.words[k]
        if w is None:  # indentation (tabs are left to the cells)
            a, b = max(start, s), min(draw_end, e)
            width += _spaces(src, a, b, pieces)
            continue
        if w.kinds is not None and 0 in w.widths:
            if w.width:
                return None
            continue  # a word of invisible characters only: no cell, no level
        whole = s >= start and e <= draw_end
        if whole:
            width += w.width
            if levels is None:
                append((w.ltr, w.rtl, uniform))
                continue
            level = levels[s]
            if levels.count(level, s, e) == e - s:
                append((w.ltr, w.rtl, level))
                continue
        j = bisect_left(w.starts, start - s) if s < start else 0
        jj = bisect_left(w.starts, draw_end - s) if e > draw_end else len(w.starts)
        if not whole:
            width += sum(w.widths[j:jj])
        bases = (w.bases if w.bases is not None else w.starts)[j:jj]
        lvs = [uniform] * len(bases) if levels is None else [levels[s + x] for x in bases]
        _split(w.glyphs[j:jj], lvs, pieces)
    return _join(pieces, src.mirrors), width


def _same(levels: bytes, a: int, b: int) -> int | None:
    """The level of every character of ``a:b``, or None if they differ."""
    level = levels[a]
    return level if levels.count(level, a, b) == b - a else None


def _spaces(src: Source, a: int, b: int, pieces: list[Piece]) -> int:
    """Pieces for the spaces ``a:b``, a cluster each; returns their width."""
    same = src.uniform if src.levels is None else _same(src.levels, a, b)
    if same is not None:
        pieces.append((" " * (b - a), " " * (b - a), same))
    else:
        _split(" " * (b - a), list(src.levels[a:b]), pieces)  # type: ignore[index]
    return b - a


def _split(glyphs: Sequence[str], levels: list[int], pieces: list[Piece]) -> None:
    """Pieces for clusters ``glyphs`` at ``levels``: one per run of a level."""
    i = 0
    n = len(glyphs)
    while i < n:
        j = i + 1
        while j < n and levels[j] == levels[i]:
            j += 1
        run = glyphs[i:j]
        pieces.append(("".join(run), "".join(reversed(run)), levels[i]))
        i = j


def _mirror(text: str) -> str:
    return text.translate(MIRROR_TABLE) if HAS_MIRROR.search(text) else text


def _join(pieces: list[Piece], mirrors: bool) -> str:
    """The pieces in visual order (rule L2), mirrored at odd levels (rule L4)."""
    if not pieces:
        return ""
    levels = [level for _, _, level in pieces]
    if levels.count(levels[0]) == len(levels):
        if levels[0] % 2:
            out = "".join([rtl for _, rtl, _ in reversed(pieces)])
            return _mirror(out) if mirrors else out
        return "".join([ltr for ltr, _, _ in pieces])
    parts: list[str] = []
    for a, b, level in visual_runs(levels):
        if level % 2:
            run = "".join([pieces[k][1] for k in range(b - 1, a - 1, -1)])
            parts.append(_mirror(run) if mirrors else run)
        else:
            parts.extend(pieces[k][0] for k in range(a, b))
    return "".join(parts)
