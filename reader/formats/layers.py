"""Spans that may overlap, put into layers in which none do.

Formats that cannot hold overlapping spans (a CoNLL tag column, spaCy's
``doc.ents``) take one layer; CoNLL with ``--nested`` takes one column per
layer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

from reader.annotation.tasks import Offsets

S = TypeVar("S", bound=Offsets)


def flat(spans: Sequence[S]) -> tuple[list[S], list[S]]:
    """The spans that ``doc.ents`` can hold, and the ones left out, both in text order.

    As spaCy's ``filter_spans``: longer spans first, then the earlier one.
    """
    kept: list[S] = []  # in text order, never overlapping
    dropped: list[S] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        i = bisect_right(kept, span.start, key=_start)
        if (i and kept[i - 1].end > span.start) or (i < len(kept) and kept[i].start < span.end):
            dropped.append(span)
        else:
            kept.insert(i, span)
    return kept, sorted(dropped, key=_order)


def nested(spans: Sequence[S]) -> list[list[S]]:
    """Layers of non-overlapping spans, outermost first.

    Each span (earliest start first, longest first among equal starts) goes
    in the first layer whose spans all end by its start, so a span inside
    another is a layer deeper.
    """
    layers: list[list[S]] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        for layer in layers:
            if layer[-1].end <= span.start:
                layer.append(span)
                break
        else:
            layers.append([span])
    return layers


def _order(span: Offsets) -> tuple[int, int]:
    return span.start, span.end


def _start(span: Offsets) -> int:
    return span.start
