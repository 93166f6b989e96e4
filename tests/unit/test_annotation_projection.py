"""The annotation state as drawing layers (reader.annotation.projection)."""

from __future__ import annotations

from reader.annotation.projection import label_number, project
from reader.annotation.spans import Span

LABELS = ["PER", "ORG", "GPE"]


def test_spans_take_their_labels_number_and_unknown_labels_the_last() -> None:
    layers = project([Span(0, 3, "GPE"), Span(5, 9, "PER"), Span(10, 12, "MISC")], LABELS)
    assert layers["labels"] == [
        (0, 3, "article-view--label-3"),
        (5, 9, "article-view--label-1"),
        (10, 12, "article-view--label-30"),
    ]
    assert layers["overlap"] == [] and layers["selection"] == [] and layers["cursor"] == []


def test_overlapping_spans_give_their_shared_part() -> None:
    layers = project([Span(0, 6, "PER"), Span(4, 9, "ORG")], LABELS)
    assert layers["overlap"] == [(4, 6, "article-view--overlap")]


def test_suggestions_selection_and_cursor() -> None:
    layers = project([], LABELS, [Span(2, 7, "ORG")], selection=(1, 4), cursor=(3, 4))
    assert layers["suggestions"] == [(2, 7, "article-view--suggestion-2")]
    assert layers["selection"] == [(1, 4, "article-view--selection")]
    assert layers["cursor"] == [(3, 4, "article-view--cursor")]


def test_thirty_labels_have_a_style_each_and_nine_a_colour_each() -> None:
    many = [f"L{n}" for n in range(1, 41)]
    assert [label_number(x, many) for x in ("L1", "L9", "L10", "L21", "L30", "L31", "nope")] == [
        1, 9, 10, 21, 30, 30, 30
    ]  # fmt: skip
    assert project([Span(0, 1, "L15")], many)["labels"] == [(0, 1, "article-view--label-15")]
    suggested = project([], many, [Span(0, 1, "L15")])["suggestions"]
    assert suggested == [(0, 1, "article-view--suggestion-9")]  # the ninth's colour
