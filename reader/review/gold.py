"""The reviewer's gold version of a document, and which conflicts it has settled.

:class:`Gold` is the annotation screen's :class:`~reader.annotation.spans.Annotations`
with one thing more: the set of conflicts settled.  Taking an annotator's
version of a conflict, rejecting every version of it, taking an annotator's
whole document, or editing a span inside a conflict (a label, a removal)
settles it; each is one undo step, and undo and redo take the settled set
back and forth with the spans.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.annotation.spans import Annotations, Span
from reader.review.conflicts import Differences


class Gold(Annotations):
    """A gold version under review: spans, answer, and the conflicts settled (by index)."""

    def __init__(
        self,
        spans: Iterable[Span],
        answer: str | None,
        differences: Differences,
        settled: Iterable[int] = (),
        *,
        overlap: bool = False,
    ) -> None:
        """Start from ``spans``, ``answer`` and ``settled``, with nothing to undo.

        Raises ValueError as :class:`Annotations` does.
        """
        super().__init__(spans, answer, overlap=overlap)
        self.differences = differences
        self._settled = frozenset(settled)
        self._settling: frozenset[int] | None = None  # what the next step settles
        self._settled_undo: list[frozenset[int]] = []
        self._settled_redo: list[frozenset[int]] = []

    @property
    def settled(self) -> frozenset[int]:
        """The conflicts settled, by index into ``differences.conflicts``."""
        return self._settled

    def left(self) -> list[int]:
        """The conflicts not settled yet, in reading order."""
        return [i for i in range(len(self.differences.conflicts)) if i not in self._settled]

    def _change(self, spans: tuple[Span, ...], answer: str | None) -> None:
        settling = self._settling
        if settling is None:  # an edit: it settles the conflicts it touches
            changed = set(spans).symmetric_difference(self.spans)
            settling = frozenset(i for s in changed for i in self.differences.at(s.start, s.end))
        self._settled_undo.append(self._settled)
        self._settled_redo.clear()
        self._settled = self._settled | settling
        super()._change(spans, answer)

    def undo(self) -> bool:
        """Take back the last change, and what it settled; False when there is none."""
        if not self.can_undo:
            return False
        self._settled_redo.append(self._settled)
        self._settled = self._settled_undo.pop()
        return super().undo()

    def redo(self) -> bool:
        """Make the last undone change again, settling again what it settled."""
        if not self.can_redo:
            return False
        self._settled_undo.append(self._settled)
        self._settled = self._settled_redo.pop()
        return super().redo()

    def _step(self, spans: Iterable[Span], settles: Iterable[int]) -> None:
        """One undo step: ``spans`` become the gold spans and ``settles`` are settled."""
        self._settling = frozenset(settles)
        try:
            self._change(tuple(sorted(set(spans))), self.answer)
        finally:
            self._settling = None

    def take(self, conflict: int, annotator: int) -> tuple[Span, ...]:
        """Settle ``conflict`` with ``annotator``'s version of it (none: no span there);
        the spans taken."""
        c = self.differences.conflicts[conflict]
        return self._settle(conflict, c.versions[annotator])

    def reject(self, conflict: int) -> None:
        """Settle ``conflict`` with no span: every version of it is rejected."""
        self._settle(conflict, ())

    def _settle(self, conflict: int, version: tuple[Span, ...]) -> tuple[Span, ...]:
        c = self.differences.conflicts[conflict]
        agreed = set(self.differences.agreed)
        kept = [s for s in self.spans if s in agreed or not c.overlaps(s.start, s.end)]
        if not self.overlap:
            kept = [s for s in kept if not any(s.overlaps(v) for v in version)]
        self._step([*kept, *version], [conflict])
        return version

    def take_document(self, spans: Iterable[Span]) -> None:
        """An annotator's whole document becomes the gold version: every conflict settled."""
        self._step(spans, range(len(self.differences.conflicts)))
