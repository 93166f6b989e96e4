"""A row's cells, one glyph cluster each: rules L1, L2 and L4 on clusters.

This is the exact path, which every row can take: the row's clusters are
gathered from its paragraph's tokens, given the levels resolved for the
whole paragraph, reset by rule L1 and put into visual order.  The paragraph
layout uses it for the rows its faster string path does not handle, and
every row uses it for its cells when they are first asked for.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from reader.layout.chars import BIDI_FORMAT, ISOLATE_INITIATORS, PDI
from reader.layout.reorder import MIRROR_TABLE, line_levels, visual_runs
from reader.layout.rows import NO_CELLS, Cells
from reader.layout.shaping import ShapedWord

# What a cluster is to rule L1.
TAB, ISOLATE = 2, 3


@dataclass(slots=True, eq=False)
class Tokens:
    """A paragraph cut into tokens: words, tabs, and the spaces that indent it.

    Token ``k`` covers ``starts[k]:stops[k]``; ``words[k]`` is its shaped word,
    or None for a tab (``widths[k]`` is -1) or indentation (its width is its
    length).  The spaces between tokens are one cluster each;
    ``single_spaced`` says there is one space between each two tokens.
    """

    starts: list[int]
    stops: list[int]
    widths: list[int]
    words: list[ShapedWord | None]
    single_spaced: bool


@dataclass(slots=True, eq=False)
class Source:
    """What a row's cells are made from: its paragraph, laid out.

    levels: the resolved level of every character (bytes), or None when all
        are ``uniform``.
    tabs: the width the wrapper gave each tab, by offset.
    l1: rule L1 applies (the paragraph holds tabs or isolates).
    mirrors: some character of the paragraph has a mirrored form.
    special: whether some cluster of the paragraph has no cell; asked only
        when a row has such a cluster, as it may shape the whole paragraph.
    """

    text: str
    tokens: Tokens
    base: int
    levels: bytes | None
    uniform: int
    tabs: dict[int, int]
    l1: bool
    mirrors: bool
    special: Callable[[], bool]

    def cells(self, start: int, draw_end: int) -> Cells:
        """The cells of the row that draws ``start:draw_end``."""
        c = _Clusters()
        t = self.tokens
        lo = bisect_right(t.stops, start)
        hi = bisect_left(t.starts, draw_end)
        for k in range(lo, hi):
            s, e = t.starts[k], t.stops[k]
            if k > lo and s > t.stops[k - 1]:
                c.add_spaces(t.stops[k - 1], s - t.stops[k - 1])
            w = t.words[k]
            if w is not None:
                c.add_word(w, self.text, s, max(start, s), min(draw_end, e))
            elif t.widths[k] < 0:
                c.roles[len(c.starts)] = TAB
                c.add_spaces(s, 1)
                c.glyphs[-1] = " " * self.tabs[s]
                c.widths[-1] = self.tabs[s]
            else:  # indentation, perhaps cut at the row's edges
                a = max(start, s)
                c.add_spaces(a, min(draw_end, e) - a)
        return self._reorder(c, draw_end)

    def _special(self, c: _Clusters) -> bool:
        """Whether the paragraph has a cluster with no cell, for a row that has one."""
        if any(not w and c.roles.get(i) != TAB for i, w in enumerate(c.widths)):
            return True  # a word of invisible characters, in this very row
        return self.special()  # only a tab squeezed to nothing: ask the whole paragraph

    def _reorder(self, c: _Clusters, draw_end: int) -> Cells:
        base = self.base
        n = len(c.starts)
        idx = list(range(n))
        if 0 in c.widths and self._special(c):
            idx = [i for i in idx if c.widths[i]]  # clusters with no cell are left out
        if not idx:
            return NO_CELLS
        ends = c.starts[1:]
        ends.append(draw_end)
        levels: list[int] | None = None
        if self.levels is not None:
            bases = c.bases if c.bases is not None else c.starts
            levels = [self.levels[b] for b in bases]
        roles = c.roles
        if levels is None and self.uniform == base:
            runs = [(0, len(idx), base)]  # rule L1 could only reset levels to what they are
        else:
            row_levels = (
                [levels[i] for i in idx] if levels is not None else [self.uniform] * len(idx)
            )
            if self.l1:
                row_levels = line_levels(
                    row_levels,
                    base,
                    [c.glyphs[i] == " " and i not in roles or roles.get(i) == ISOLATE for i in idx],
                    [roles.get(i) == TAB for i in idx],
                )
            runs = visual_runs(row_levels)
        pick = [
            idx[k]
            for a, b, level in runs
            for k in (range(b - 1, a - 1, -1) if level % 2 else range(a, b))
        ]
        glyphs = tuple(c.glyphs[i] for i in pick)
        if self.mirrors and any(level % 2 for _, _, level in runs):
            odd = [level % 2 for a, b, level in runs for _ in range(a, b)]
            glyphs = tuple(
                g.translate(MIRROR_TABLE) if o else g for g, o in zip(glyphs, odd, strict=True)
            )
        widths = tuple(c.widths[i] for i in pick)
        return Cells(
            tuple(c.starts[i] for i in pick),
            tuple(ends[i] for i in pick),
            tuple(accumulate(widths[:-1], initial=0)),
            widths,
            glyphs,
            tuple(c.kinds.get(i, 0) for i in pick) if c.kinds else None,
        )


class _Clusters:
    """Some clusters of a paragraph in logical order, as parallel lists.

    Clusters are contiguous: cluster ``i`` covers ``starts[i]`` up to
    ``starts[i + 1]``.
    """

    __slots__ = ("starts", "bases", "glyphs", "widths", "kinds", "roles")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.bases: list[int] | None = None  # only when some differ from starts
        self.glyphs: list[str] = []
        self.widths: list[int] = []
        self.kinds: dict[int, int] = {}  # cluster -> kind, for stand-ins only
        self.roles: dict[int, int] = {}  # cluster -> role, for tabs and isolates

    def add_word(self, w: ShapedWord, text: str, at: int, lo: int, hi: int) -> None:
        """The clusters of word ``w`` (at offset ``at``) that start in ``lo:hi``."""
        j = bisect_left(w.starts, lo - at)
        k = bisect_left(w.starts, hi - at)
        first = len(self.starts)
        self.starts.extend(map(at.__add__, w.starts[j:k]))
        self.glyphs.extend(w.glyphs[j:k])
        self.widths.extend(w.widths[j:k])
        if w.bases is not None and self.bases is None:
            self.bases = self.starts[:first]
        if self.bases is not None:
            self.bases.extend(map(at.__add__, (w.bases if w.bases is not None else w.starts)[j:k]))
        if w.kinds is not None:
            for i in range(j, k):
                what = w.kinds[i]
                if what:
                    self.kinds[first + i - j] = what
                    base = at + (w.bases or w.starts)[i]
                    if what == BIDI_FORMAT and isolate_or_pdi(text[base]):
                        self.roles[first + i - j] = ISOLATE

    def add_spaces(self, at: int, n: int) -> None:
        """``n`` spaces from offset ``at``, a cluster each."""
        self.starts.extend(range(at, at + n))
        self.glyphs.extend(" " * n)
        self.widths.extend([1] * n)
        if self.bases is not None:
            self.bases.extend(range(at, at + n))


def isolate_or_pdi(ch: str) -> bool:
    """True for the isolate formatting characters rule L1 treats as white space."""
    return ch in ISOLATE_INITIATORS or ch == PDI
