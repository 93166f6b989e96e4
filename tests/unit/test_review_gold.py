"""The gold version under review: taking, rejecting, editing, undo, and its saved fields."""

from __future__ import annotations

import pytest
from review_data import document

from reader.annotation.spans import Span
from reader.review.conflicts import differences
from reader.review.gold import Gold
from reader.review.records import review_fields, settled_in

A = [(0, 3, "PER"), (4, 11, "GPE"), (12, 18, "GPE")]
B = [(0, 3, "PER"), (5, 11, "GPE"), (12, 18, "LOC"), (22, 27, "GPE")]


def gold() -> Gold:
    found = differences(document(a=A, b=B))
    # Conflicts: 0 والعراق/العراق (4-11), 1 وسوريا GPE/LOC (12-18), 2 بغداد only b's (22-27).
    assert [(c.start, c.end) for c in found.conflicts] == [(4, 11), (12, 18), (22, 27)]
    return Gold(found.agreed, None, found)


def test_taking_a_version_settles_its_conflict_only() -> None:
    g = gold()
    assert g.spans == (Span(0, 3, "PER"),) and g.left() == [0, 1, 2]
    assert g.take(0, 1) == (Span(5, 11, "GPE"),)  # b's العراق
    g.take(1, 0)  # a's GPE on وسوريا
    assert g.spans == (Span(0, 3, "PER"), Span(5, 11, "GPE"), Span(12, 18, "GPE"))
    assert g.settled == {0, 1} and g.left() == [2]
    g.take(0, 0)  # changing one's mind: a's والعراق replaces b's العراق
    assert g.spans == (Span(0, 3, "PER"), Span(4, 11, "GPE"), Span(12, 18, "GPE"))


def test_rejecting_and_taking_no_span_leave_nothing_there() -> None:
    g = gold()
    g.take(2, 1)
    assert Span(22, 27, "GPE") in g.spans
    g.reject(2)
    assert g.spans == (Span(0, 3, "PER"),) and g.settled == {2}
    g.take(2, 0)  # a made no span there
    assert g.spans == (Span(0, 3, "PER"),)


def test_an_edit_inside_a_conflict_settles_it_and_undo_takes_it_back() -> None:
    g = gold()
    g.add(Span(12, 18, "ORG"))  # the reviewer's own label on وسوريا
    assert g.settled == {1}
    g.add(Span(28, 31, "ORG"))  # أمس: outside every conflict
    assert g.settled == {1}
    g.reject(0)
    assert g.undo() and g.settled == {1} and Span(28, 31, "ORG") in g.spans
    assert g.undo() and g.settled == {1} and Span(28, 31, "ORG") not in g.spans
    assert g.undo() and g.settled == set() and g.spans == (Span(0, 3, "PER"),)
    assert not g.undo()
    assert g.redo() and g.settled == {1} and Span(12, 18, "ORG") in g.spans
    assert g.redo() and g.redo() and g.settled == {0, 1} and not g.redo()


def test_an_annotators_whole_document_settles_everything() -> None:
    g = gold()
    g.take_document(Span(*s) for s in B)
    assert g.spans == tuple(Span(*s) for s in B) and g.left() == []
    assert g.undo() and g.left() == [0, 1, 2]


def test_the_review_fields_name_every_version_and_what_was_settled() -> None:
    doc = document(a=A, b=B)
    found = differences(doc)
    fields = review_fields(doc, found, [2, 0])
    assert fields == {
        "_review": [
            {
                "_annotator_id": "a",
                "answer": None,
                "spans": [
                    {"start": 0, "end": 3, "label": "PER"},
                    {"start": 4, "end": 11, "label": "GPE"},
                    {"start": 12, "end": 18, "label": "GPE"},
                ],
            },
            {
                "_annotator_id": "b",
                "answer": None,
                "spans": [
                    {"start": 0, "end": 3, "label": "PER"},
                    {"start": 5, "end": 11, "label": "GPE"},
                    {"start": 12, "end": 18, "label": "LOC"},
                    {"start": 22, "end": 27, "label": "GPE"},
                ],
            },
        ],
        "_review_settled": [[4, 11], [22, 27]],
    }
    assert settled_in(fields, found) == {0, 2}


@pytest.mark.parametrize(
    "listed",
    [None, "all", [[4, 11.0]], [[4]], [[True, 11]], [["4", "11"]], [[4, 12]], [{"start": 4}]],
)
def test_a_settled_list_that_names_no_conflict_settles_nothing(listed: object) -> None:
    found = differences(document(a=A, b=B))
    assert settled_in({"_review_settled": listed}, found) == frozenset()
    assert settled_in(None, found) == frozenset()
