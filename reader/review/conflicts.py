"""Where the annotators of one document differ: its conflicts, in reading order.

* A span every annotator made (same start, end and label) is *agreed*: the
  gold version starts with it.
* Every other span is part of a *conflict*: the spans no annotator agrees on
  fully are grouped by overlap (whatever their labels), so two annotators'
  different boundaries on one name (والعراق against العراق), their different
  labels on it, and a span only some made each become one conflict.
* A conflict holds every annotator's *version* of it: the spans that
  annotator made in it, none for one who made none there.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.agreement.matching import Relation, clitic_relation
from reader.agreement.pairing import Document
from reader.annotation.spans import Span
from reader.annotation.tokens import Token
from reader.formats.model import SourceSpan

NO_SPAN = "no span"
LABELS = "label"
CLITIC = "clitic boundary"
BOUNDARY = "boundary"
SOME = "not everyone's"


@dataclass(frozen=True)
class Conflict:
    """One difference: ``start:end`` covers it; ``versions[i]`` is annotator i's spans in it."""

    start: int
    end: int
    versions: tuple[tuple[Span, ...], ...]
    kinds: tuple[str, ...]

    def who_made(self, version: tuple[Span, ...]) -> list[int]:
        """The annotators (by index) whose version is ``version``."""
        return [i for i, v in enumerate(self.versions) if v == version]

    def made_here(self, start: int, end: int, *, exact: bool = False) -> list[int]:
        """The annotators (by index) with a span of theirs in ``start:end`` (``exact``:
        a span that is exactly ``start:end``)."""
        return [
            i
            for i, version in enumerate(self.versions)
            if any(
                (s.start, s.end) == (start, end) if exact else s.start < end and start < s.end
                for s in version
            )
        ]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` shares a character with the conflict."""
        return start < self.end and self.start < end


@dataclass(frozen=True)
class Differences:
    """A document's agreed spans and its conflicts, for annotators in ``annotators`` order."""

    annotators: tuple[str, ...]
    agreed: tuple[Span, ...]
    conflicts: tuple[Conflict, ...]

    def step(self, here: int, step: int, among: Sequence[int], inside: int | None) -> int | None:
        """Of the conflicts ``among`` (in order), the next after offset ``here`` (``step``
        1) or the one before it (-1), not ``inside`` (the one ``here`` is in), round
        the end; None when ``among`` is empty."""
        if not among:
            return None
        c = self.conflicts
        if step > 0:
            return next((i for i in among if c[i].start > here), among[0])
        before = [i for i in among if c[i].end <= here and i != inside]
        return before[-1] if before else among[-1]

    def after(self, here: int) -> int:
        """The first conflict that starts after offset ``here`` (round the end to the
        first; 0 when there are none)."""
        starts, _ = self._bounds
        found = bisect_right(starts, here)
        return found if found < len(starts) else 0

    @cached_property
    def _bounds(self) -> tuple[list[int], list[int]]:
        return [c.start for c in self.conflicts], [c.end for c in self.conflicts]

    def at(self, start: int, end: int) -> list[int]:
        """The conflicts (by index) that ``start:end`` touches.

        Conflicts never overlap one another and are in order, so their ends
        are in order too: two searches find them, whatever their number (this
        runs at every key).
        """
        starts, ends = self._bounds
        return list(range(bisect_right(ends, start), bisect_left(starts, end)))


def differences(doc: Document, tokens: Sequence[Token] | None = None) -> Differences:
    """The agreed spans and conflicts of ``doc`` among the annotators who did it."""
    names = tuple(doc.versions)
    sets = [{Span(s.start, s.end, s.label) for s in doc.versions[n].spans} for n in names]
    agreed = set.intersection(*sets) if sets else set()
    rest = sorted({(s, i) for i, spans in enumerate(sets) for s in spans - agreed})
    groups: list[list[tuple[Span, int]]] = []
    reach = -1
    for span, who in rest:  # sorted by start: a group ends where nothing overlaps on
        if groups and span.start < reach:
            groups[-1].append((span, who))
            reach = max(reach, span.end)
        else:
            groups.append([(span, who)])
            reach = span.end
    related = clitic_relation(doc.text, tokens if tokens is not None else doc.tokens)
    conflicts = []
    for group in groups:
        versions = tuple(tuple(sorted(s for s, w in group if w == i)) for i in range(len(names)))
        conflicts.append(
            Conflict(
                min(s.start for s, _ in group),
                max(s.end for s, _ in group),
                versions,
                _kinds(versions, related),
            )
        )
    return Differences(names, tuple(sorted(agreed)), tuple(conflicts))


def _kinds(versions: Sequence[tuple[Span, ...]], relation: Relation) -> tuple[str, ...]:
    """What sort of difference a conflict is: labels, a clitic boundary, a boundary, or
    spans only some annotators made (any that apply, in that order)."""
    made = [v for v in versions if v]
    kinds = []
    ranges = {tuple((s.start, s.end) for s in v) for v in made}
    labels = {tuple(s.label for s in v) for v in made}
    if len(made) > 1 and len(ranges) == 1 and len(labels) > 1:
        kinds.append(LABELS)
    if len(ranges) > 1:
        firsts = [SourceSpan(v[0].start, v[0].end, v[0].label) for v in made]
        same_label = len({s.label for s in firsts}) == 1
        if same_label and all(relation(firsts[0], s) for s in firsts[1:]):
            kinds.append(CLITIC)
        else:
            kinds.append(BOUNDARY)
    if len(made) < len(versions):
        kinds.append(SOME)
    return tuple(kinds)
