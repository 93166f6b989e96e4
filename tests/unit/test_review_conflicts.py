"""Where annotators differ: agreed spans, conflicts in reading order, what kind each is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from review_data import SHORT as TEXT
from review_data import document

from reader.annotation.spans import Span
from reader.review.conflicts import BOUNDARY, CLITIC, LABELS, SOME, differences


def test_agreed_spans_are_accepted_and_every_difference_is_a_conflict() -> None:
    assert TEXT[4:11] == "والعراق" and TEXT[5:11] == "العراق" and TEXT[22:27] == "بغداد"
    doc = document(
        a=[(0, 3, "PER"), (4, 11, "GPE"), (12, 18, "GPE"), (22, 27, "GPE")],
        b=[(0, 3, "PER"), (5, 11, "GPE"), (12, 18, "LOC"), (22, 27, "GPE")],
        c=[(0, 3, "PER"), (5, 11, "GPE"), (12, 18, "GPE"), (28, 31, "ORG")],
    )
    found = differences(doc)
    assert found.annotators == ("a", "b", "c")
    assert found.agreed == (Span(0, 3, "PER"),)  # بغداد is not c's: not agreed
    assert [(c.start, c.end) for c in found.conflicts] == [(4, 11), (12, 18), (22, 27), (28, 31)]
    clitic, label, some, one = found.conflicts
    assert clitic.versions == (
        (Span(4, 11, "GPE"),),
        (Span(5, 11, "GPE"),),
        (Span(5, 11, "GPE"),),
    )
    assert clitic.kinds == (CLITIC,)  # والعراق against العراق: only و cut off
    assert clitic.who_made((Span(5, 11, "GPE"),)) == [1, 2]
    assert label.kinds == (LABELS,)
    assert label.versions[1] == (Span(12, 18, "LOC"),)
    assert some.versions == ((Span(22, 27, "GPE"),), (Span(22, 27, "GPE"),), ())
    assert some.kinds == (SOME,)
    assert one.versions == ((), (), (Span(28, 31, "ORG"),))


def test_spans_that_overlap_in_a_chain_are_one_conflict() -> None:
    # a: زار والعراق (0-11); b: والعراق وسوريا (4-18); c: وسوريا مع (12-21):
    # a overlaps b, b overlaps c, so all three are one conflict, 0-21.
    doc = document(a=[(0, 11, "ORG")], b=[(4, 18, "ORG")], c=[(12, 21, "ORG")])
    found = differences(doc)
    assert found.agreed == ()
    assert [(c.start, c.end) for c in found.conflicts] == [(0, 21)]
    assert found.conflicts[0].kinds == (BOUNDARY,)
    assert found.at(19, 21) == [0] and found.at(28, 31) == []


def test_a_boundary_that_is_not_a_clitic_is_a_plain_boundary_conflict() -> None:
    # والعراق (4-11) against والعراق وسوريا (4-18): a whole word more, not a clitic.
    assert differences(document(a=[(4, 11, "GPE")], b=[(4, 18, "GPE")])).conflicts[0].kinds == (
        BOUNDARY,
    )


def test_one_annotator_agrees_with_themself_and_no_spans_is_no_conflict() -> None:
    alone = differences(document(a=[(0, 3, "PER")]))
    assert alone.agreed == (Span(0, 3, "PER"),) and alone.conflicts == ()
    assert differences(document(a=[], b=[])).conflicts == ()


def test_whose_span_is_under_the_cursor_or_exactly_the_selection() -> None:
    found = differences(document(a=[(4, 11, "GPE")], b=[(5, 11, "GPE")], c=[]))
    conflict = found.conflicts[0]
    assert conflict.made_here(4, 11) == [0, 1]  # the token والعراق: both spans are in it
    assert conflict.made_here(5, 11, exact=True) == [1]  # العراق selected: b's
    assert conflict.made_here(4, 11, exact=True) == [0]
    assert conflict.made_here(0, 3) == []


span_lists = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 6), st.sampled_from(["GPE", "ORG"])).map(
        lambda t: (t[0], min(t[0] + t[1], 31), t[2])
    ),
    max_size=6,
)


@given(span_lists, span_lists, span_lists, st.integers(0, 30), st.integers(1, 8))
def test_conflicts_are_apart_in_order_and_hold_every_span_not_agreed(
    a: list[tuple[int, int, str]],
    b: list[tuple[int, int, str]],
    c: list[tuple[int, int, str]],
    start: int,
    length: int,
) -> None:
    found = differences(document(a=a, b=b, c=c))
    bounds = [(x.start, x.end) for x in found.conflicts]
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(bounds, bounds[1:], strict=False))
    made = [{Span(*s) for s in spans} for spans in (a, b, c)]
    for who, spans in enumerate(made):
        in_conflicts = {s for x in found.conflicts for s in x.versions[who]}
        assert in_conflicts == spans - set(found.agreed)
    end = min(start + length, 31)
    brute = [i for i, x in enumerate(found.conflicts) if x.start < end and start < x.end]
    assert found.at(start, end) == brute


def test_stepping_from_conflict_to_conflict_goes_round_the_end() -> None:
    found = differences(document(a=[(4, 11, "GPE"), (22, 27, "GPE")], b=[(12, 18, "GPE")]))
    assert [(c.start, c.end) for c in found.conflicts] == [(4, 11), (12, 18), (22, 27)]
    every = range(3)
    assert found.step(0, 1, every, None) == 0
    assert found.step(4, 1, every, 0) == 1  # from inside the first
    assert found.step(22, 1, every, 2) == 0  # past the last: round to the first
    assert found.step(12, -1, every, 1) == 0
    assert found.step(4, -1, every, 0) == 2  # before the first: round to the last
    assert found.step(4, 1, [0, 2], 0) == 2  # only those left
    assert found.step(4, 1, [], 0) is None
    assert [found.after(here) for here in (0, 4, 11, 21, 22, 40)] == [0, 1, 1, 2, 0, 0]
