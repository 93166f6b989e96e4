"""Labelled spans of one document, with its answer and unbounded undo/redo.

Every change stores a snapshot of the previous state (the spans tuple and
the answer) on the undo stack; tuples are shared, not copied, so a snapshot
costs one small object.  Offsets are Python str indices into the original
text, end exclusive.

Nothing here imports Textual.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeAlias

__all__ = ["FROM_INPUT", "Annotations", "Span"]


FROM_INPUT = "input"
"""The origin of a span that came with the input file (one hamish did not make)."""


@dataclass(frozen=True, order=True)
class Span:
    """``text[start:end]`` labelled ``label``; spans sort by (start, end, label).

    ``origin`` says where a span came from when hamish did not make it
    (:data:`FROM_INPUT`: with the input file); None for the annotator's own.
    It is not part of a span's identity: the same stretch with the same label
    is the same span, whoever made it.
    """

    start: int
    end: int
    label: str
    origin: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span needs 0 <= start < end, got {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def covers(self, offset: int) -> bool:
        """Whether ``offset`` lies inside the span."""
        return self.start <= offset < self.end


_State: TypeAlias = tuple[tuple[Span, ...], str | None]


def _start_of(span: Span) -> int:
    return span.start


def _hits(ordered: list[Span], ends: list[int], span: Span) -> bool:
    """Whether ``span`` overlaps one of ``ordered`` (sorted, not overlapping)."""
    i = bisect_right(ends, span.start)
    return i < len(ordered) and ordered[i].start < span.end


class Annotations:
    """One document's spans and answer (accept, reject, ignore or None).

    Without ``overlap`` the spans never overlap: adding a span removes the
    ones it overlaps.  Every change, including undo and redo, increments
    :attr:`version`.  A change that would change nothing is not made and
    records no undo step.
    """

    def __init__(
        self, spans: Iterable[Span] = (), answer: str | None = None, *, overlap: bool = False
    ) -> None:
        """Start from ``spans`` and ``answer``, with nothing to undo.

        Duplicate spans are dropped.  Raises ValueError when ``overlap`` is
        False and two of ``spans`` overlap.
        """
        ordered = tuple(sorted(set(spans)))
        if not overlap:
            for before, after in pairwise(ordered):
                if before.overlaps(after):
                    raise ValueError(f"overlapping spans: {before} and {after}")
        self._spans = ordered
        self._answer = answer
        self._overlap = overlap
        self._version = 0
        self._undo: list[_State] = []
        self._redo: list[_State] = []
        # Each step's name (see name_step), beside its state on the same stack.
        self._undo_names: list[str] = []
        self._redo_names: list[str] = []
        self.moved = ""  # the name of the step the last undo or redo moved

    @property
    def spans(self) -> tuple[Span, ...]:
        """The spans, sorted by (start, end, label)."""
        return self._spans

    @property
    def answer(self) -> str | None:
        """The document's answer, or None when it has none."""
        return self._answer

    @property
    def overlap(self) -> bool:
        """Whether spans may overlap."""
        return self._overlap

    @property
    def version(self) -> int:
        """A counter that grows on every change, undo and redo included."""
        return self._version

    @property
    def can_undo(self) -> bool:
        """Whether :meth:`undo` has a step to take back."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether :meth:`redo` has a step to make again."""
        return bool(self._redo)

    def name_step(self, name: str) -> None:
        """Name the last change (``took bob's version``): undo and redo say it."""
        if self._undo_names:
            self._undo_names[-1] = name

    def _change(self, spans: tuple[Span, ...], answer: str | None) -> None:
        self._undo.append((self._spans, self._answer))
        self._undo_names.append("")
        self._redo.clear()
        self._redo_names.clear()
        self._spans, self._answer = spans, answer
        self._version += 1

    def add(self, span: Span) -> list[Span]:
        """Add ``span`` as one undo step and return the spans it replaced.

        Without overlap the spans overlapping ``span`` are removed and
        returned (in order); with overlap nothing is removed.  Adding a span
        that is already there changes nothing and returns ``[]``.
        """
        if span in self._spans:
            return []
        removed = [] if self._overlap else [s for s in self._spans if s.overlaps(span)]
        kept = [s for s in self._spans if s not in removed] if removed else list(self._spans)
        kept.append(span)
        self._change(tuple(sorted(kept)), self._answer)
        return removed

    def add_all(self, spans: Iterable[Span]) -> list[Span]:
        """Add ``spans`` as ONE undo step; return those added, in reading order.

        Without overlap, a span that overlaps one added before it (in reading
        order) is left out, and the spans already there that an added one
        overlaps are removed.  O((n + k) log k) for n spans and k added.
        """
        present = set(self._spans)
        added: list[Span] = []
        reach = -1  # the furthest end among those added (they are in start order)
        for span in sorted(spans, key=lambda x: (x.start, x.end)):
            if span in present or (not self._overlap and span.start < reach):
                continue
            added.append(span)
            reach = max(reach, span.end)
        if not added:
            return []
        kept = list(self._spans)
        if not self._overlap:
            ends = [x.end for x in added]  # ascending: the added do not overlap
            kept = [s for s in kept if not _hits(added, ends, s)]
        self._change(tuple(sorted([*kept, *added])), self._answer)
        return added

    def remove(self, span: Span) -> bool:
        """Remove ``span`` as one undo step; False (and no step) if it is absent."""
        if span not in self._spans:
            return False
        self._change(tuple(s for s in self._spans if s != span), self._answer)
        return True

    def spans_at(self, offset: int) -> list[Span]:
        """The spans covering ``offset``, in order."""
        candidates = self._spans[: bisect_right(self._spans, offset, key=_start_of)]
        return [s for s in candidates if offset < s.end]

    def remove_at(self, offset: int) -> Span | None:
        """Remove and return the innermost (shortest) span covering ``offset``.

        Among equally short spans the one starting last goes, then the first
        by label.  None, and no undo step, when no span covers ``offset``.
        """
        covering = self.spans_at(offset)
        if not covering:
            return None
        inner = min(covering, key=lambda s: (s.end - s.start, -s.start, s.label))
        self.remove(inner)
        return inner

    def set_answer(self, answer: str | None) -> None:
        """Set the answer as one undo step (nothing happens if it is unchanged)."""
        if answer != self._answer:
            self._change(self._spans, answer)

    def undo(self) -> bool:
        """Take back the last change; False when there is none."""
        if not self._undo:
            return False
        self._redo.append((self._spans, self._answer))
        self._spans, self._answer = self._undo.pop()
        self.moved = self._undo_names.pop()
        self._redo_names.append(self.moved)
        self._version += 1
        return True

    def redo(self) -> bool:
        """Make the last undone change again; False when there is none."""
        if not self._redo:
            return False
        self._undo.append((self._spans, self._answer))
        self._spans, self._answer = self._redo.pop()
        self.moved = self._redo_names.pop()
        self._undo_names.append(self.moved)
        self._version += 1
        return True
