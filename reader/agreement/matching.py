"""One-to-one matching of two annotators' spans, and the three ways two spans may match.

Spans are matched one to one: each span of either annotator counts in at most
one matched pair, and of all such matchings the largest is taken (a maximum
bipartite matching, found with augmenting paths as in Kuhn's algorithm).  So
one long span never counts as agreeing with two short ones, and the count
does not depend on the order of the spans.

The modes, each a relation between a span ``a`` and a span ``b``:

* ``strict``: the same start, end and label;
* ``clitic``: the same label, the spans overlap, and both are the same run of
  whole words with at most a proclitic chain cut off the start of its first
  word and a pronoun suffix off the end of its last, as ``t`` and ``T`` cut
  them (:mod:`reader.annotation.clitics`);
* ``overlap``: the same label, and at least one character in common.

Each relation holds wherever the one before it does, so a larger set of
pairs can be matched and strict <= clitic <= overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from reader.annotation.clitics import end_cuts, start_cuts
from reader.annotation.tokens import Token, token_at
from reader.formats.model import SourceSpan

MODES = ("strict", "clitic", "overlap")

Relation = Callable[[SourceSpan, SourceSpan], bool]


def max_matching(adjacent: Sequence[Sequence[int]], n_right: int) -> int:
    """The size of a largest matching; ``adjacent[i]`` lists the right vertices of left ``i``."""
    owner = [-1] * n_right  # right vertex -> the left vertex matched to it
    size = 0
    for root in range(len(adjacent)):
        if not adjacent[root]:
            continue
        seen: set[int] = set()
        stack: list[tuple[int, Iterator[int]]] = [(root, iter(adjacent[root]))]
        via: list[int] = []  # via[i] is the right vertex between stack[i] and stack[i + 1]
        while stack:
            _, edges = stack[-1]
            for right in edges:
                if right in seen:
                    continue
                seen.add(right)
                via.append(right)
                if owner[right] < 0:  # a free vertex: flip the path
                    for (left, _), r in zip(stack, via, strict=True):
                        owner[r] = left
                    size += 1
                    stack = []
                else:
                    stack.append((owner[right], iter(adjacent[owner[right]])))
                break
            else:
                stack.pop()
                if via:
                    via.pop()
    return size


def matched(a: Sequence[SourceSpan], b: Sequence[SourceSpan], relation: Relation) -> int:
    """How many pairs of ``a`` and ``b`` a largest one-to-one matching under ``relation`` has.

    ``b`` is searched by start, so only spans that overlap are tested; every
    relation here implies an overlap.
    """
    ordered = sorted(range(len(b)), key=lambda j: b[j].start)
    starts = [b[j].start for j in ordered]
    adjacent: list[list[int]] = []
    for span in a:
        row = []
        for k in range(len(ordered)):
            if starts[k] >= span.end:
                break
            other = b[ordered[k]]
            if other.end > span.start and relation(span, other):
                row.append(ordered[k])
        adjacent.append(row)
    return max_matching(adjacent, len(b))


def strict(a: SourceSpan, b: SourceSpan) -> bool:
    """The same start, end and label."""
    return a == b


def overlap(a: SourceSpan, b: SourceSpan) -> bool:
    """The same label and a character in common."""
    return a.label == b.label and a.start < b.end and b.start < a.end


def any_label_overlap(a: SourceSpan, b: SourceSpan) -> bool:
    """A character in common, whatever the labels."""
    return a.start < b.end and b.start < a.end


def clitic_relation(text: str, tokens: Sequence[Token]) -> Relation:
    """The clitic mode's relation on spans of ``text``, whose tokens are ``tokens``."""
    cache: dict[tuple[int, int], tuple[int, int] | None] = {}

    def base(span: SourceSpan) -> tuple[int, int] | None:
        key = (span.start, span.end)
        if key not in cache:
            cache[key] = whole_words(text, tokens, span.start, span.end)
        return cache[key]

    def related(a: SourceSpan, b: SourceSpan) -> bool:
        if a == b:
            return True
        if not overlap(a, b):
            return False
        found = base(a)
        return found is not None and found == base(b)

    return related


def whole_words(text: str, tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """The run of whole tokens that ``t`` and ``T`` cut ``text[start:end]`` from, or None.

    ``start`` must be its first token's start, or a cut :func:`start_cuts`
    offers in that token; ``end`` its last token's end, or a cut
    :func:`end_cuts` offers in that one.  None when ``start`` or ``end - 1``
    is in no token (whitespace) or falls anywhere else.
    """
    first, last = token_at(tokens, start), token_at(tokens, end - 1)
    if first is None or last is None:
        return None
    head, tail = tokens[first], tokens[last]
    if start != head.start and start - head.start not in start_cuts(text[head.start : head.end]):
        return None
    if end != tail.end and end - tail.start not in end_cuts(text[tail.start : tail.end]):
        return None
    return head.start, tail.end
