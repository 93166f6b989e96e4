"""The annotation state as drawing layers: what the article view highlights.

A pure function of the spans, the suggestions, the selection and the cursor:
each layer is a list of ``(start, end, component class)`` ranges of the text,
which the view draws in its layer order.  Nothing here imports Textual.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.annotation.spans import Span

__all__ = ["LABEL_COLOURS", "LABEL_STYLES", "LabelIndex", "Layers", "label_number", "project"]

LABEL_STYLES = 30
"""How many labels have a text style of their own (annotate.tcss); later ones
share the last.  Only the first :data:`LABEL_COLOURS` have a colour of their
own too: the rest take the last colour, and are told apart by their style."""

LABEL_COLOURS = 9
"""How many labels have a colour of their own (the theme's ``$label-N``)."""

Layers = dict[str, list[tuple[int, int, str]]]


def label_number(label: str, labels: Sequence[str]) -> int:
    """The style number (1-30) of ``label``: its place in ``labels``, the last for the rest."""
    try:
        return min(labels.index(label) + 1, LABEL_STYLES)
    except ValueError:
        return LABEL_STYLES


def project(
    spans: Sequence[Span],
    labels: Sequence[str],
    suggestions: Sequence[Span] = (),
    selection: tuple[int, int] | None = None,
    cursor: tuple[int, int] | None = None,
) -> Layers:
    """The layers ``labels``, ``overlap``, ``suggestions``, ``selection`` and
    ``cursor`` for the given state; ``spans`` come in reading order."""
    number = {label: min(n, LABEL_STYLES) for n, label in enumerate(labels, 1)}
    colour = {label: min(n, LABEL_COLOURS) for n, label in enumerate(labels, 1)}
    overlaps = [
        (b.start, min(a.end, b.end), "article-view--overlap")
        for a, b in zip(spans, spans[1:], strict=False)
        if b.start < a.end
    ]
    return {
        "labels": [
            (x.start, x.end, f"article-view--label-{number.get(x.label, LABEL_STYLES)}")
            for x in spans
        ],
        "overlap": overlaps,
        "suggestions": [
            (x.start, x.end, f"article-view--suggestion-{colour.get(x.label, LABEL_COLOURS)}")
            for x in suggestions
        ],
        "selection": [(*selection, "article-view--selection")] if selection else [],
        "cursor": [(*cursor, "article-view--cursor")] if cursor else [],
    }


class LabelIndex:
    """Spans found by where they start and end, for marks drawn beside the text:
    the labels starting on a row (the gutter), the spans ending on it (inline
    tags).  Each look-up is O(log n + k); nothing is rebuilt per row."""

    def __init__(self, spans: Sequence[Span]) -> None:
        by_start = sorted(spans, key=lambda x: (x.start, x.end))
        self._starts = [x.start for x in by_start]
        self._start_labels = [x.label for x in by_start]
        self._by_end = sorted(spans, key=lambda x: (x.end, x.start))
        self._ends = [x.end for x in self._by_end]

    def starting(self, start: int, end: int) -> list[str]:
        """The labels of the spans that start in ``start:end``, in reading order."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return self._start_labels[lo:hi]

    def ending(self, start: int, end: int) -> list[Span]:
        """The spans whose last character is in ``start:end``, in reading order."""
        lo, hi = bisect_right(self._ends, start), bisect_right(self._ends, end)
        return self._by_end[lo:hi]
