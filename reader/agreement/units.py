"""The tokens that token-level agreement counts, and each annotator's tag on them.

hamish saves each annotator's tokens cut at that annotator's own span
boundaries, so two annotators of one document have different tokens.  The
unit here is common to all of them: hamish's tokens of the text (clitics not
split off), cut at every boundary of every annotator's saved tokens and of
every annotator's spans.  Whitespace is never a unit.  A unit's tag is the
label of the span that covers it, or ``None`` (``O``) when none does; where
spans nest or overlap, the outermost one: the one that starts first, the
longest of those, then the label first in alphabetical order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.agreement.pairing import Document
from reader.formats.model import SourceSpan

Tag = str | None
"""A unit's label, or None for a unit outside every span (``O``)."""


def units_of(doc: Document) -> list[tuple[int, int]]:
    """The document's units: its tokens cut at every annotator's token and span boundaries."""
    cuts: set[int] = set()
    for version in doc.versions.values():
        for span in version.spans:
            cuts.update((span.start, span.end))
        for start, end in version.tokens or ():
            cuts.update((start, end))
    ordered = sorted(cuts)
    out: list[tuple[int, int]] = []
    for token in doc.tokens:
        start = token.start
        first = bisect_right(ordered, start)
        stop = bisect_left(ordered, token.end)
        for cut in ordered[first:stop]:
            out.append((start, cut))
            start = cut
        out.append((start, token.end))
    return out


def tags_of(units: Sequence[tuple[int, int]], spans: Sequence[SourceSpan]) -> list[Tag]:
    """Each unit's tag under ``spans`` (see the module docstring for nesting)."""
    tags: list[Tag] = [None] * len(units)
    starts = [u[0] for u in units]
    ends = [u[1] for u in units]
    # Paint the least outermost first, so the outermost span is painted last.
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.label), reverse=True):
        first = bisect_left(starts, span.start)
        stop = bisect_right(ends, span.end)
        for i in range(first, stop):
            tags[i] = span.label
    return tags


def document_tags(doc: Document) -> dict[str, list[Tag]]:
    """Every annotator's tags on the document's units."""
    units = units_of(doc)
    return {who: tags_of(units, v.spans) for who, v in doc.versions.items()}
