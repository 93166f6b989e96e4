"""One document being annotated: cursor, selection, trims, labels, suggestions.

The screen turns keys into these calls; everything here is plain Python, so
random key sequences can be tested without a terminal.  Offsets are str
indices into the document's text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from reader.annotation.clitics import cycle, end_cuts, start_cuts
from reader.annotation.navigation import Navigator
from reader.annotation.spans import Annotations, Span
from reader.annotation.tokens import Token, token_at


class Session:
    """The annotation state of one document."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        labels: Sequence[str],
        annotations: Annotations,
        suggestions: Sequence[Span] = (),
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.labels = list(labels)
        self.annotations = annotations
        self.suggestions = sorted(suggestions, key=lambda x: (x.start, x.end))
        self.cursor = 0  # token index; the first token on open
        self.row: int | None = None  # the row the cursor is drawn on, for broken words
        self.anchor: int | None = None  # where a selection began (token index)
        self._start: int | None = None  # the selection's start, once trimmed by t
        self._end: int | None = None  # the selection's end, once trimmed by T

    # -- where things are ----------------------------------------------------

    @property
    def empty(self) -> bool:
        return not self.tokens

    def token_range(self, index: int) -> tuple[int, int]:
        token = self.tokens[index]
        return token.start, token.end

    def selection(self) -> tuple[int, int] | None:
        """The selected range, or None when only the cursor is set."""
        if self.empty or (self.anchor is None and self._start is None and self._end is None):
            return None
        a = self.anchor if self.anchor is not None else self.cursor
        lo, hi = min(a, self.cursor), max(a, self.cursor)
        start = self._start if self._start is not None else self.tokens[lo].start
        end = self._end if self._end is not None else self.tokens[hi].end
        return start, end

    def target(self) -> tuple[int, int] | None:
        """What a label applies to: the selection, or the cursor's token."""
        if self.empty:
            return None
        return self.selection() or self.token_range(self.cursor)

    def whole_selection(self) -> tuple[int, int] | None:
        """The whole tokens the selection lies in (before any trim), or None."""
        if self.selection() is None:
            return None
        a = self.anchor if self.anchor is not None else self.cursor
        lo, hi = min(a, self.cursor), max(a, self.cursor)
        return self.tokens[lo].start, self.tokens[hi].end

    def clear_selection(self) -> bool:
        """Drop the selection (Escape); False when there was none."""
        had = self.selection() is not None
        self.anchor = None
        self._start = self._end = None
        return had

    # -- moving ----------------------------------------------------------------

    def move(self, nav: Navigator, step: int) -> None:
        """Left (-1) or Right (+1) as drawn; drops the selection."""
        if self.empty:
            return
        self.clear_selection()
        self.cursor, self.row = nav.horizontal(self.cursor, step, self.row)

    def move_vertical(self, nav: Navigator, step: int) -> None:
        """Up (-1) or Down (+1) to the nearest token; drops the selection."""
        if self.empty:
            return
        self.clear_selection()
        self.cursor, self.row = nav.vertical(self.cursor, step, self.row)

    def extend(self, nav: Navigator, step: int) -> None:
        """Shift+Left/Right: grow or shrink the selection by a token, as drawn."""
        if self.empty:
            return
        if self.anchor is None:
            self.anchor = self.cursor
        self._start = self._end = None
        self.cursor, self.row = nav.horizontal(self.cursor, step, self.row)

    def put_cursor(self, index: int, row: int | None = None, *, extend: bool = False) -> None:
        """Mouse: the cursor to token ``index``; with ``extend``, select from the anchor."""
        if self.empty:
            return
        if extend:
            if self.anchor is None:
                self.anchor = self.cursor
            self._start = self._end = None
        else:
            self.clear_selection()
        self.cursor, self.row = index, row

    def go_to(self, offset: int) -> None:
        """The cursor to the token holding ``offset`` (or the next one)."""
        if self.empty:
            return
        found = token_at(self.tokens, offset)
        if found is None:
            found = next(
                (i for i, t in enumerate(self.tokens) if t.start >= offset), len(self.tokens) - 1
            )
        self.clear_selection()
        self.cursor, self.row = found, None

    # -- clitics ---------------------------------------------------------------

    def trim_choices(self, *, at_start: bool) -> list[tuple[int, int]]:
        """The ranges ``t`` (``at_start``) or ``T`` cycles through, in order: the
        whole token first, then each cut (shortest trim first)."""
        span = self.target()
        if span is None:
            return []
        start, end = span
        found = token_at(self.tokens, start if at_start else end - 1)
        if found is None:
            return [span]
        token = self.tokens[found]
        word = self.text[token.start : token.end]
        if at_start:
            cuts = [c for c in start_cuts(word) if token.start + c < end]
            return [(token.start + c, end) for c in [0, *cuts]]
        cuts = [c for c in end_cuts(word) if token.start + c > start]
        return [(start, token.start + c) for c in [len(word), *cuts]]

    def trim_start(self) -> tuple[int, int] | None:
        """``t``: the selection's start past the next proclitic of its first token,
        cycling back to the whole token.  Never empty, never outside the token."""
        span = self.target()
        if span is None:
            return None
        start, end = span
        first = token_at(self.tokens, start)
        if first is None:
            return span
        token = self.tokens[first]
        word = self.text[token.start : token.end]
        cuts = [c for c in start_cuts(word) if token.start + c < end]
        nxt = cycle(start - token.start, cuts, 0)
        if self.anchor is None:
            self.anchor = self.cursor
        self._start = token.start + nxt
        self._end = end
        return self.selection()

    def trim_end(self) -> tuple[int, int] | None:
        """``T``: the selection's end before the next pronoun suffix of its last
        token, cycling back to the whole token."""
        span = self.target()
        if span is None:
            return None
        start, end = span
        last = token_at(self.tokens, end - 1)
        if last is None:
            return span
        token = self.tokens[last]
        word = self.text[token.start : token.end]
        cuts = [c for c in end_cuts(word) if token.start + c > start]
        nxt = cycle(end - token.start, cuts, len(word))
        if self.anchor is None:
            self.anchor = self.cursor
        self._start = start
        self._end = token.start + nxt
        return self.selection()

    # -- labels ----------------------------------------------------------------

    def label(self, number: int) -> Span | None:
        """Keys 1-9: label the selection (or the cursor's token) with label ``number``."""
        target = self.target()
        if target is None or not 1 <= number <= len(self.labels):
            return None
        span = Span(target[0], target[1], self.labels[number - 1])
        self.annotations.add(span)
        self._drop_suggestions(span)
        self.clear_selection()
        return span

    def remove_here(self) -> Span | None:
        """Backspace/Delete: remove the span under the cursor."""
        if self.empty:
            return None
        start, end = self.token_range(self.cursor)
        for offset in range(start, end):
            removed = self.annotations.remove_at(offset)
            if removed is not None:
                return removed
        return None

    def suggestion_here(self) -> Span | None:
        """The suggestion that overlaps the cursor's token, if any."""
        if self.empty:
            return None
        start, end = self.token_range(self.cursor)
        return next((s for s in self.suggestions if s.start < end and s.end > start), None)

    def accept_suggestion(self) -> Span | None:
        """Enter: make the suggestion under the cursor a span."""
        found = self.suggestion_here()
        if found is not None:
            self.annotations.add(found)
            self._drop_suggestions(found)
        return found

    def visit_suggestion(self, step: int) -> Span | None:
        """``n`` (+1) / ``N`` (-1) with no search: the cursor to the next or
        previous suggestion, round the end; None when there is none."""
        if self.empty or not self.suggestions:
            return None
        ordered = self.suggestions  # in reading order (kept so)
        token = self.tokens[self.cursor]
        # By token: a suggestion inside a clitic (سوريا in وسوريا) is on the cursor's token.
        if step > 0:
            at = bisect_left(ordered, token.end, key=lambda x: x.start)
            found = ordered[at] if at < len(ordered) else ordered[0]
        else:
            at = bisect_left(ordered, token.start, key=lambda x: x.start)
            found = ordered[at - 1] if at > 0 else ordered[-1]
        self.go_to(found.start)
        return found

    def accept_all_suggestions(self) -> list[Span]:
        """Every suggestion becomes a span, as one undo step; returns those taken."""
        taken = self.annotations.add_all(self.suggestions)
        for span in taken:
            self._drop_suggestions(span)
        return taken

    def _drop_suggestions(self, span: Span) -> None:
        self.suggestions = [
            s for s in self.suggestions if s.end <= span.start or s.start >= span.end
        ]
