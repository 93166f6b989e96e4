"""Span precision, recall and F1 between two annotators, in three modes.

For a pair ``(a, b)``, ``a`` is read as the prediction and ``b`` as the
reference, as in the CoNLL-2003 shared task's ``conlleval`` and the MUC
scorers: precision = matched / a's spans, recall = matched / b's spans,
F1 = 2 * matched / (a's spans + b's spans), which is the same both ways
round.  Counts are summed over the documents both did (micro-averaged)
before dividing.  When neither has a span, all three are 1.0 (they agree
there is nothing); when only one side has none, its precision (or recall)
is 0.0, as scikit-learn's default ``zero_division`` gives.

Where the spans differ, each unmatched span is put in one kind, so that a
clitic near-miss is counted apart from a real disagreement:

* ``clitic``: pairs the clitic mode matches beyond the strict one;
* ``boundary``: pairs the overlap mode matches beyond the clitic one;
* ``label``: pairs that overlap with other labels, beyond the overlap mode;
* ``only_a``, ``only_b``: spans that overlap nothing of the other's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.agreement.matching import (
    MODES,
    any_label_overlap,
    clitic_relation,
    matched,
    overlap,
    strict,
)
from reader.agreement.pairing import Document
from reader.formats.model import SourceSpan

KINDS = ("clitic", "boundary", "label", "only_a", "only_b")


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def prf(matches: int, a: int, b: int) -> PRF:
    """P, R and F1 from ``matches`` among ``a`` predicted and ``b`` reference spans."""
    if a == 0 and b == 0:
        return PRF(1.0, 1.0, 1.0)
    precision = matches / a if a else 0.0
    recall = matches / b if b else 0.0
    return PRF(precision, recall, 2 * matches / (a + b))


@dataclass
class Tally:
    """Matched pairs by mode, and the spans on each side."""

    matches: Counter[str] = field(default_factory=Counter)
    a: int = 0
    b: int = 0

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        self.matches.update(other.matches)
        self.a += other.a
        self.b += other.b

    def scores(self) -> dict[str, PRF]:
        """P, R and F1 of each mode."""
        return {mode: prf(self.matches[mode], self.a, self.b) for mode in MODES}


@dataclass
class PairResult:
    """One pair's agreement on one document or many."""

    overall: Tally = field(default_factory=Tally)
    per_label: dict[str, Tally] = field(default_factory=dict)
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, other: PairResult) -> None:
        """Add ``other``'s counts to these."""
        self.overall.add(other.overall)
        for label, tally in other.per_label.items():
            self.per_label.setdefault(label, Tally()).add(tally)
        self.kinds.update(other.kinds)


def compare(doc: Document, a: Sequence[SourceSpan], b: Sequence[SourceSpan]) -> PairResult:
    """Match ``a``'s spans against ``b``'s on ``doc``, label by label, in every mode."""
    relations = {
        "strict": strict,
        "clitic": clitic_relation(doc.text, doc.tokens),
        "overlap": overlap,
    }
    out = PairResult()
    for label in sorted({s.label for s in a} | {s.label for s in b}):
        mine = [s for s in a if s.label == label]
        theirs = [s for s in b if s.label == label]
        tally = Tally(a=len(mine), b=len(theirs))
        for mode in MODES:
            tally.matches[mode] = matched(mine, theirs, relations[mode])
        out.per_label[label] = tally
        out.overall.add(tally)
    found = out.overall.matches
    anywhere = matched(a, b, any_label_overlap)
    out.kinds.update(
        clitic=found["clitic"] - found["strict"],
        boundary=found["overlap"] - found["clitic"],
        label=anywhere - found["overlap"],
        only_a=len(a) - anywhere,
        only_b=len(b) - anywhere,
    )
    return out
