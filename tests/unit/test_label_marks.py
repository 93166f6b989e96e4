"""Gutter and inline label tags drawn beside laid-out rows (no colour needed)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.annotation.projection import LabelIndex
from reader.annotation.spans import Span
from reader.layout import DocumentLayout
from reader.ui.widgets.label_marks import LabelMarks, fit

TEXT = "قال جون برينان إن داعش في العراق\nJohn Brennan said ISIS"
MARGIN, WIDTH = 8, 64  # a 40-cell column, 16 cells right of it


def STYLE(component: str) -> Style:  # noqa: N802 (a stand-in for the view's style_of)
    return Style(dim=True)


def drawn(r) -> Strip:  # type: ignore[no-untyped-def]
    """The row as the view draws it with no highlight: margin, indent, glyphs."""
    line = " " * (MARGIN + r.indent) + r.visual
    return Strip([Segment(line.ljust(WIDTH))], WIDTH)


def spans() -> list[Span]:
    john = TEXT.index("جون برينان")
    daesh, iraq = TEXT.index("داعش"), TEXT.index("العراق")
    isis = TEXT.index("ISIS")
    return [
        Span(john, john + 10, "PER"),
        Span(daesh, daesh + 4, "ORG"),
        Span(iraq, iraq + 6, "GPE"),
        Span(isis, isis + 4, "ORG"),
    ]


def test_the_index_finds_labels_starting_and_spans_ending_in_a_range() -> None:
    index = LabelIndex(spans())
    first_line = len(TEXT.split("\n")[0])
    assert index.starting(0, first_line) == ["PER", "ORG", "GPE"]
    assert index.starting(first_line, len(TEXT)) == ["ORG"]
    assert [s.label for s in index.ending(0, TEXT.index("داعش") + 3)] == ["PER"]
    assert index.starting(5, 5) == []


def test_the_gutter_names_the_labels_starting_on_each_row_in_reading_order() -> None:
    marks = LabelMarks(spans(), inline=False)
    rows = DocumentLayout(TEXT, 40).rows
    lines = [marks.decorate(r, drawn(r), MARGIN, WIDTH, STYLE).text for r in rows]
    assert lines[0][: MARGIN - 1] == "PER OR…"  # cut to the margin, less a blank
    assert lines[0][MARGIN:] == drawn(rows[0]).text[MARGIN:]  # the text itself untouched
    assert lines[1][: MARGIN - 1] == "    ORG"


def test_inline_tags_follow_each_span_in_reading_order_on_a_copy_of_the_row() -> None:
    marks = LabelMarks(spans(), inline=True)
    rows = DocumentLayout(TEXT, 40).rows
    english = marks.decorate(rows[1], drawn(rows[1]), MARGIN, WIDTH, STYLE).text
    assert "John Brennan said ISIS‹ORG›" in english
    arabic = marks.decorate(rows[0], drawn(rows[0]), MARGIN, WIDTH, STYLE).text
    # Right to left: each tag stands left of its span, where the reading goes on.
    words = rows[0].visual
    assert arabic.count("‹") == 3 and "‹GPE›" + words[: words.index(" ")] in arabic
    assert rows[0].visual == words  # the laid-out row is unchanged


def test_fit_cuts_with_an_ellipsis() -> None:
    assert fit("PER ORG GPE", 7) == "PER OR…"
    assert fit("PER", 7) == "PER"


def test_tags_with_too_little_room_are_shortened_and_the_text_is_never_cut() -> None:
    import re

    arabic = DocumentLayout(TEXT, 40).rows[0]
    before = " " * arabic.indent + arabic.visual
    end = MARGIN + len(before)
    # Three tags of 5 cells need 15: each gets a third of what there is; when
    # even ‹…› does not fit for each, only the first (in screen order) stay.
    cases = ((12, ["‹G…›", "‹O…›", "‹P…›"]), (9, ["‹…›"] * 3), (6, ["‹…›"] * 2), (2, []))
    for room, tags in cases:
        marks = LabelMarks(spans(), inline=True)
        strip = Strip([Segment((" " * MARGIN + before).ljust(end + room))])
        out = marks.decorate(arabic, strip, MARGIN, end + room, STYLE).text[MARGIN:]
        assert sorted(re.findall("‹[^›]*›", out)) == tags
        assert re.sub("‹[^›]*›", "", out).rstrip() == before  # every glyph still there


def test_inline_tags_keep_room_for_three_of_the_widest_label() -> None:
    assert LabelMarks(spans(), inline=False, labels=["PER", "GEOPOLITICAL"]).room == 0
    assert LabelMarks(spans(), inline=True, labels=["PER", "GEOPOLITICAL"]).room == 3 * 14
    assert LabelMarks(spans(), inline=True, labels=["A"]).room == 3 * 5  # never below ‹PER›


def test_the_column_keeps_twenty_cells_and_the_tags_room_gives_way() -> None:
    from reader.ui.widgets.row_decor import RowDecor

    decor = RowDecor(STYLE, lambda: True)
    decor.marks = LabelMarks(spans(), inline=True, labels=["PER"])  # asks for 3 * 5 cells
    # (view width, cells kept for tags): all, what leaves the column 20, none under 3.
    for across, kept in ((100, 15), (35, 15), (30, 10), (23, 3), (22, 0), (10, 0)):
        assert decor.kept(across) == kept, across
