"""A paragraph cut into tokens and wrapped into rows, a chunk at a time.

Wrapping is greedy, so the rows of a paragraph's start do not depend on what
follows them: a long paragraph is tokenized (its words shaped) and wrapped
only as far as the rows asked for, and the first screen of a 400 KB
paragraph costs what the first screen holds.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import add, attrgetter

from reader.layout.cells import Tokens
from reader.layout.options import LayoutOptions
from reader.layout.shaping import shape_words

CHUNK = 8192  # characters tokenized at a time
_TAB_OR_SPACES = re.compile(r"\t| +")
_WORD_START = re.compile(r"(?<=[ \t])[^ \t]")
_WIDTH = attrgetter("width")

Break = tuple[int, int, int]  # (start, draw_end, end) of a row


class Wrapper:
    """The tokens and row breaks of ``text`` at ``width``, made as asked for.

    Each call of :meth:`more` tokenizes the next chunk and wraps it; the call
    that reaches the end gives the last row and sets :attr:`done`.  The
    width each tab gets is put in :attr:`tabs`.
    """

    def __init__(self, text: str, width: int, options: LayoutOptions) -> None:
        self.text = text
        self.width = width
        self.tab_size = options.tab_size
        self.flags = (options.shapes, options.harakat, options.show_formatting)
        single = "\t" not in text and "  " not in text and not text.startswith(" ")
        self.tokens = Tokens([], [], [], [], single_spaced=single)
        self.tabs: dict[int, int] = {}
        self.done = False
        self._at = 0  # the text is tokenized up to here
        self._k = 0  # the next token to wrap
        self._first = 0  # where the current row starts
        self._col = 0  # cells used on it
        self._prev = 0  # where the last token wrapped ended

    def tokenize_all(self) -> Tokens:
        """Every token of the paragraph (the rows are still wrapped as asked)."""
        while self._at < len(self.text):
            self._tokenize()
        return self.tokens

    def more(self) -> list[Break]:
        """The next rows' breaks: at least one row, unless :attr:`done`."""
        breaks: list[Break] = []
        while not breaks and not self.done:
            if self._k == len(self.tokens.starts) and self._at < len(self.text):
                self._tokenize()
            self._wrap(breaks)
            if self._at == len(self.text) and self._k == len(self.tokens.starts):
                first, prev = self._first, self._prev
                breaks.append((first, prev if prev > first else first, len(self.text)))
                self.done = True
        return breaks

    def _tokenize(self) -> None:
        """Tokens for the next chunk, which ends where a word starts."""
        text, a = self.text, self._at
        found = _WORD_START.search(text, a + CHUNK) if a + CHUNK < len(text) else None
        b = found.start() if found else len(text)
        if self.tokens.single_spaced:
            _single_spaced(text, a, b, self.flags, self.tokens)
        else:
            _general(text, a, b, self.flags, self.tokens)
        self._at = b

    def _wrap(self, rows: list[Break]) -> None:
        """Break the tokens not yet wrapped into rows, at spaces or inside a
        word too long for a row.

        A row draws what starts in ``start:draw_end`` and its logical range
        ends at ``end``.  Spaces at a break fall between ``draw_end`` and
        ``end``: they belong to the row but hang off its end undrawn, so no
        row is wider than ``width``.
        """
        t, width, tab_size = self.tokens, self.width, self.tab_size
        first, col, prev = self._first, self._col, self._prev
        for k in range(self._k, len(t.starts)):
            word = t.widths[k]
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
                self.tabs[start] = need - spaces
                col += need
                continue
            if gap > first:  # the row holds something: break before the spaces
                rows.append((first, gap, start))
                first, col = start, 0
            if word <= width:
                col = word
                continue
            w = t.words[k]  # a word (or indentation, a cell a space) longer than the row
            cells = (
                zip(w.starts, w.widths, strict=True) if w else zip(range(prev - start), repeat(1))
            )
            for s, cell in cells:
                if col + cell > width:
                    rows.append((first, start + s, start + s))
                    first, col = start + s, 0
                col += cell
        self._k = len(t.starts)
        self._first, self._col, self._prev = first, col, prev


def _single_spaced(text: str, a: int, b: int, flags: tuple[bool, bool, bool], t: Tokens) -> None:
    """Tokens of ``text[a:b]``, words with one space between each two."""
    words = text[a:b].split(" ")
    if not words[-1]:
        words.pop()
    lengths = list(map(len, words))
    starts = list(accumulate(map(add, lengths, repeat(1)), initial=a))
    starts.pop()
    shaped = shape_words(words, *flags)
    t.starts.extend(starts)
    t.stops.extend(map(add, starts, lengths))
    t.widths.extend(map(_WIDTH, shaped))
    t.words.extend(shaped)


def _general(text: str, a: int, b: int, flags: tuple[bool, bool, bool], t: Tokens) -> None:
    """Tokens of ``text[a:b]`` with tabs, runs of spaces or indentation.

    Spaces at the very start of the paragraph are indentation: drawn, and
    wrapped like a word rather than hung at a break.
    """
    spans: list[tuple[int, int, int]] = []  # (start, stop, width): -1 a tab, -2 a word
    at = a
    for m in _TAB_OR_SPACES.finditer(text, a, b):
        s, e = m.span()
        if s > at:
            spans.append((at, s, -2))
        if text[s] == "\t":
            spans.append((s, e, -1))
        elif s == 0:
            spans.append((0, e, e))
        at = e
    if at < b:
        spans.append((at, b, -2))
    shaped = iter(shape_words([text[s:e] for s, e, kind in spans if kind == -2], *flags))
    for s, e, kind in spans:
        t.starts.append(s)
        t.stops.append(e)
        w = next(shaped) if kind == -2 else None
        t.words.append(w)
        t.widths.append(kind if w is None else w.width)
