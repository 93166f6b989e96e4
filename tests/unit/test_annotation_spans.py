"""Spans with undo and redo: examples, then random edit sequences."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.spans import Annotations, Span


def test_span_validates_and_sorts() -> None:
    with pytest.raises(ValueError):
        Span(3, 3, "PER")
    with pytest.raises(ValueError):
        Span(4, 2, "PER")
    with pytest.raises(ValueError):
        Span(-1, 2, "PER")
    assert sorted([Span(2, 5, "B"), Span(0, 9, "A"), Span(2, 4, "Z"), Span(2, 5, "A")]) == [
        Span(0, 9, "A"), Span(2, 4, "Z"), Span(2, 5, "A"), Span(2, 5, "B"),
    ]  # fmt: skip


def test_add_replaces_overlapping_spans_as_one_step() -> None:
    notes = Annotations([Span(0, 5, "PER"), Span(10, 15, "LOC")])
    assert notes.version == 0 and not notes.can_undo
    removed = notes.add(Span(3, 12, "ORG"))
    assert removed == [Span(0, 5, "PER"), Span(10, 15, "LOC")]
    assert notes.spans == (Span(3, 12, "ORG"),)
    assert notes.version == 1
    assert notes.undo()
    assert list(notes.spans) == [Span(0, 5, "PER"), Span(10, 15, "LOC")]
    assert notes.version == 2
    assert notes.redo()
    assert notes.spans == (Span(3, 12, "ORG"),)
    assert notes.version == 3
    assert not notes.redo()


def test_adjacent_spans_do_not_overlap() -> None:
    notes = Annotations()
    notes.add(Span(0, 5, "PER"))
    assert notes.add(Span(5, 9, "LOC")) == []
    assert notes.spans == (Span(0, 5, "PER"), Span(5, 9, "LOC"))


def test_adding_the_same_span_again_changes_nothing() -> None:
    notes = Annotations()
    notes.add(Span(0, 5, "PER"))
    assert notes.add(Span(0, 5, "PER")) == []
    assert notes.version == 1
    assert notes.undo() and notes.spans == ()
    assert not notes.can_undo


def test_relabelling_replaces_the_span() -> None:
    notes = Annotations([Span(0, 5, "PER")])
    assert notes.add(Span(0, 5, "ORG")) == [Span(0, 5, "PER")]
    assert notes.spans == (Span(0, 5, "ORG"),)


def test_overlap_keeps_other_spans() -> None:
    notes = Annotations(overlap=True)
    notes.add(Span(0, 10, "ORG"))
    assert notes.add(Span(2, 5, "LOC")) == []
    assert notes.spans == (Span(0, 10, "ORG"), Span(2, 5, "LOC"))
    assert notes.spans_at(3) == [Span(0, 10, "ORG"), Span(2, 5, "LOC")]
    assert notes.spans_at(7) == [Span(0, 10, "ORG")]
    assert notes.remove_at(3) == Span(2, 5, "LOC")  # the innermost goes first
    assert notes.remove_at(3) == Span(0, 10, "ORG")
    assert notes.remove_at(3) is None
    assert notes.version == 4


def test_remove_and_remove_at() -> None:
    notes = Annotations([Span(0, 5, "PER"), Span(6, 9, "LOC")])
    assert notes.spans_at(5) == []
    assert notes.remove_at(5) is None
    assert not notes.remove(Span(0, 5, "LOC"))
    assert notes.version == 0
    assert notes.remove(Span(0, 5, "PER"))
    assert notes.remove_at(8) == Span(6, 9, "LOC")
    assert notes.spans == ()
    assert notes.undo() and notes.undo()
    assert list(notes.spans) == [Span(0, 5, "PER"), Span(6, 9, "LOC")]


def test_answer_is_undoable_and_a_new_change_clears_redo() -> None:
    notes = Annotations(answer=None)
    notes.set_answer("accept")
    notes.set_answer("accept")  # unchanged: no step
    assert notes.answer == "accept" and notes.version == 1
    notes.set_answer("reject")
    assert notes.undo() and notes.answer == "accept"
    notes.add(Span(0, 1, "PER"))
    assert not notes.can_redo and not notes.redo()
    assert notes.undo() and notes.undo()
    assert notes.answer is None and notes.spans == ()
    assert not notes.undo()


def test_initial_spans_are_sorted_deduplicated_and_checked() -> None:
    notes = Annotations([Span(6, 9, "LOC"), Span(0, 5, "PER"), Span(6, 9, "LOC")])
    assert notes.spans == (Span(0, 5, "PER"), Span(6, 9, "LOC"))
    with pytest.raises(ValueError):
        Annotations([Span(0, 5, "PER"), Span(4, 9, "LOC")])
    assert len(Annotations([Span(0, 5, "PER"), Span(4, 9, "LOC")], overlap=True).spans) == 2


# --- random edit sequences ----------------------------------------------------

TEXT_LENGTH = 30
_SPAN = st.tuples(
    st.integers(0, TEXT_LENGTH - 1), st.integers(1, 8), st.sampled_from(["PER", "LOC", "ORG"])
).map(lambda t: Span(t[0], min(TEXT_LENGTH, t[0] + t[1]), t[2]))
_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), _SPAN),
        st.tuples(st.just("remove"), _SPAN),
        st.tuples(st.just("remove_at"), st.integers(-2, TEXT_LENGTH + 2)),
        st.tuples(st.just("answer"), st.sampled_from([None, "accept", "reject", "ignore"])),
        st.tuples(st.just("undo"), st.none()),
        st.tuples(st.just("redo"), st.none()),
    ),
    max_size=40,
)


def _apply(notes: Annotations, op: str, arg: object) -> None:
    if op == "add" and isinstance(arg, Span):
        notes.add(arg)
    elif op == "remove" and isinstance(arg, Span):
        notes.remove(arg)
    elif op == "remove_at" and isinstance(arg, int):
        notes.remove_at(arg)
    elif op == "answer" and (arg is None or isinstance(arg, str)):
        notes.set_answer(arg)
    elif op == "undo":
        notes.undo()
    elif op == "redo":
        notes.redo()


@given(_OPS, st.booleans())
def test_random_edits_keep_the_invariants_and_undo_fully(
    ops: list[tuple[str, object]], overlap: bool
) -> None:
    notes = Annotations([Span(0, 2, "PER")], "accept", overlap=overlap)
    initial = (notes.spans, notes.answer)
    version = notes.version
    for op, arg in ops:
        _apply(notes, op, arg)
        spans = notes.spans
        assert list(spans) == sorted(set(spans))
        assert all(0 <= s.start < s.end <= TEXT_LENGTH for s in spans)
        if not overlap:
            assert all(a.end <= b.start for a, b in pairwise(spans))
        assert notes.version >= version
        version = notes.version
    final = (notes.spans, notes.answer)
    steps = 0
    while notes.undo():
        steps += 1
    assert (notes.spans, notes.answer) == initial
    for _ in range(steps):  # redo as many steps as were undone: back to the end
        assert notes.redo()
    assert (notes.spans, notes.answer) == final


@given(_OPS)
def test_version_moves_exactly_when_something_changes(ops: list[tuple[str, object]]) -> None:
    notes = Annotations()
    for op, arg in ops:
        before = (notes.spans, notes.answer, notes.version, notes.can_undo, notes.can_redo)
        _apply(notes, op, arg)
        after = (notes.spans, notes.answer)
        if after != before[:2]:
            assert notes.version == before[2] + 1
        elif op in ("undo", "redo") and (before[3] if op == "undo" else before[4]):
            assert notes.version == before[2] + 1  # a step taken that changed nothing visible
        else:
            assert notes.version == before[2]
