"""Viewport: the place and the extent a screen keeps over a lazily laid-out document.

A scrolling screen is modelled by :func:`go`: it keeps the top between the
first row and the last screenful of the extent it was told, as Textual's
``scroll_to`` does, and tells the viewport where it went.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.layout import DocumentLayout, LayoutOptions
from reader.layout.viewport import (
    DEFAULT_COLUMN,
    MIN_COLUMN,
    Viewport,
    column_margin,
    column_width,
)

OPTIONS = LayoutOptions()
paragraphs = st.lists(
    st.text(alphabet="ab عربي ١٢ ", min_size=1, max_size=300), min_size=1, max_size=25
).map("\n".join)
KEYS = ("line_down", "line_up", "page_down", "page_up", "top", "bottom")


def opened(text: str, width: int, height: int, anchor: int = 0) -> Viewport:
    """A viewport on ``text`` at ``width``, ``height`` rows on screen, placed at ``anchor``."""
    viewport = Viewport(text, anchor)
    viewport.height = height
    viewport.fit(width, OPTIONS)
    placed(viewport)
    return viewport


def placed(viewport: Viewport) -> int:
    """Go where a new layout puts the anchor's row, leaving the anchor as it is
    (the widget scrolls there without listening); the row it holds."""
    y = viewport.place()
    viewport.top = max(0, min(y, viewport.extent - viewport.height))
    return y


def go(viewport: Viewport, y: int | None) -> None:
    """Scroll as a screen does: to ``y`` within the extent told (None: stay)."""
    if y is not None:
        viewport.scrolled(max(0, min(y, viewport.extent - viewport.height)))


def press(viewport: Viewport, key: str) -> None:
    """What the reading keys do, as the widget does them."""
    moves = {
        "line_down": lambda: viewport.top + 1,
        "line_up": lambda: viewport.top - 1,
        "page_down": viewport.page_down,
        "page_up": viewport.page_up,
        "top": lambda: 0,
        "bottom": viewport.bottom,
    }
    go(viewport, moves[key]())
    draw(viewport)


def draw(viewport: Viewport) -> None:
    """Draw the screen, as the widget does after each move: its rows laid out,
    their estimates corrected, and the extent told if that matters."""
    assert viewport.flow is not None
    for y in range(viewport.top, viewport.top + viewport.height):
        viewport.flow.row(y)
    viewport.settle()


def rows_of(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of every row, from the whole document laid out at once."""
    return [(r.start, r.end) for r in DocumentLayout(text, width, OPTIONS).rows]


# Short paragraphs, then longer ones, whose words wrap into more rows than estimated.
GROWING = "a\na\na\na\na\na\naaaa\naaaa\naaaaa\naaaaaa\naaaaaa\naaaaaaaaaaa\naa aaaaaaaaa\naaaaa"


@pytest.mark.parametrize("move", ["reveal", "follow"])
def test_the_offset_is_on_screen_though_the_rows_drawn_above_it_grow(move: str) -> None:
    viewport = opened(GROWING, 4, 3)
    assert viewport.flow is not None
    end = len(GROWING) - 1  # the last "a": the second row of the last paragraph
    target = getattr(viewport, move)(end)
    go(viewport, target)
    draw(viewport)
    y = viewport.flow.y_of(end)
    assert y == len(rows_of(GROWING, 4)) - 1 == 22  # the last row, every height now exact
    assert viewport.top <= y < viewport.top + 3


def test_the_column_is_the_wanted_width_within_the_room() -> None:
    assert column_width(None, 200) == DEFAULT_COLUMN == 80
    assert column_width(60, 200) == 60
    assert column_width(120, 90) == 90
    assert column_width(30, 0) == MIN_COLUMN == 2
    assert column_margin(60, 100) == 20
    assert column_margin(80, 81) == 0
    assert column_margin(100, 50) == 0
    assert column_margin(76, 80, gutter=4) == 4  # centred would leave 2
    assert column_margin(60, 100, gutter=4) == 20  # centred leaves more


@given(paragraphs, st.integers(4, 40), st.integers(1, 30), st.lists(st.sampled_from(KEYS)))
def test_any_keys_keep_the_anchor_at_the_top_rows_start(
    text: str, width: int, height: int, keys: list[str]
) -> None:
    """The anchor is always a row's first character; the top row's, unless the
    extent was an overestimate and the top went past the last row."""
    viewport = opened(text, width, height)
    starts = {start for start, _ in rows_of(text, width)}
    for key in keys:
        press(viewport, key)
        assert viewport.anchor in starts
        assert viewport.flow is not None
        row = viewport.flow.row(viewport.top)
        assert row is None or row.start == viewport.anchor
        if key == "bottom":
            assert row is not None


@given(paragraphs, st.integers(4, 40), st.integers(1, 30))
def test_bottom_shows_the_last_row_last_with_the_exact_extent(
    text: str, width: int, height: int
) -> None:
    """Only the last screenful is laid out; the rows above may stay estimates."""
    viewport = opened(text, width, height)
    go(viewport, viewport.bottom())
    assert viewport.flow is not None
    total = viewport.flow.total
    assert viewport.extent == total
    assert viewport.top == max(0, total - height)
    last = viewport.flow.row(total - 1)
    assert last is not None and (last.start, last.end) == rows_of(text, width)[-1]
    assert viewport.flow.row(total) is None


@given(paragraphs, st.integers(4, 40), st.integers(4, 40), st.integers(1, 30), st.data())
def test_a_resize_keeps_the_anchors_paragraph_and_back_its_row_at_the_top(
    text: str, width: int, other: int, height: int, data: st.DataObject
) -> None:
    viewport = opened(text, width, height)
    for key in data.draw(st.lists(st.sampled_from(KEYS), max_size=8)):
        press(viewport, key)
    anchor = viewport.anchor
    assert viewport.fit(other, OPTIONS) == (other != width)
    y = placed(viewport)
    assert viewport.anchor == anchor
    assert viewport.flow is not None
    row = viewport.flow.row(y)
    assert row is not None and row.start <= anchor <= row.end
    assert row.paragraph == viewport.flow.paragraph_of(anchor)
    viewport.fit(width, OPTIONS)
    y = placed(viewport)
    assert viewport.anchor == anchor
    row = viewport.flow.row(y)
    assert row is not None and row.start == anchor


@given(paragraphs, st.integers(4, 40), st.integers(1, 30), st.data())
def test_reveal_and_follow_bring_the_offset_on_screen(
    text: str, width: int, height: int, data: st.DataObject
) -> None:
    """Even when the rows drawn on the way correct the heights above the offset."""
    viewport = opened(text, width, height)
    whole = DocumentLayout(text, width, OPTIONS)
    for offset in data.draw(st.lists(st.integers(0, len(text) - 1), min_size=1, max_size=6)):
        follow = data.draw(st.booleans())
        before = viewport.top
        target = viewport.follow(offset) if follow else viewport.reveal(offset)
        go(viewport, target)
        draw(viewport)
        assert viewport.flow is not None
        y = viewport.flow.y_of(offset)
        assert viewport.top <= y < viewport.top + height
        if target is None:
            assert viewport.top == before
        row, want = viewport.flow.row(y), whole.rows[whole.row_of(offset)]
        assert row is not None and (row.start, row.end) == (want.start, want.end)


# Three words of 11 letters at width 20: estimated at 2 rows (35 / 20), laid out in 3.
UNDERESTIMATED = " ".join(["ب" * 11] * 3)


def test_the_extent_is_told_near_the_end_or_when_far_off_not_on_every_correction() -> None:
    viewport = Viewport("\n".join([UNDERESTIMATED] * 200))
    viewport.fit(20, OPTIONS)
    flow = viewport.flow
    assert flow is not None and flow.total == 400
    viewport.height, viewport.extent = 10, 400
    for p in range(5):
        flow.settle(p)  # each one row more than estimated
    assert flow.total == 405
    assert viewport.settle() is False and viewport.extent == 400  # 5 off: under two screens
    assert viewport.settle(force=True) is True and viewport.extent == 405
    for p in range(5, 26):
        flow.settle(p)
    assert viewport.settle() is True and viewport.extent == 426  # 21 off: over two screens
    flow.settle(26)
    assert viewport.settle(room_for=416) is False  # row 416 and a screen still fit in 426
    assert viewport.settle(room_for=417) is True and viewport.extent == 427
    flow.settle(199)
    viewport.top = 397  # 397 + 3 screens reach the extent's end (427)
    assert viewport.settle() is True and viewport.extent == 428


def test_a_page_down_lays_out_the_next_page_and_near_the_end_tells_the_extent() -> None:
    viewport = opened("\n".join([UNDERESTIMATED] * 12), 20, 10)
    assert viewport.extent == 25  # 12 x 2 estimated, the top paragraph found to be 3
    assert viewport.page_down() == 10
    # Rows 10-19 fall in paragraphs 4 (rows 9-11 once laid out) to 7 (rows 18-20):
    # four more corrections, told at once since the end is within three screens.
    assert viewport.extent == 29
    assert viewport.flow is not None and viewport.flow.total == 29


def test_a_new_document_is_laid_out_afresh_and_placed_at_its_anchor() -> None:
    viewport = opened("first\nsecond", 10, 5)
    assert viewport.fit(10, OPTIONS) is False
    viewport.show("one\ntwo\nthree", 8)
    assert viewport.fit(10, OPTIONS) is True
    assert viewport.place() == 2
    assert viewport.fit(10, LayoutOptions(direction="rtl")) is True


def test_an_anchor_in_the_last_screenful_is_placed_against_the_real_end() -> None:
    # Reopened near the end: twelve paragraphs estimated at 2 rows, each 3 once
    # laid out (36 rows).  The anchor opens paragraph 10 (row 30 of 36); a
    # screen of 10 stops at the last screenful (rows 26-35), the anchor's row 4
    # from its top.  On an estimated end it stopped rows short of the end.
    text = "\n".join([UNDERESTIMATED] * 12)
    anchor = sum(len(UNDERESTIMATED) + 1 for _ in range(10))
    viewport = opened(text, 20, 10, anchor)
    flow = viewport.flow
    assert flow is not None
    # Rows above the screen may still be estimated; the screen's own are real:
    # it ends on the document's last row, with the anchor 4 rows from its top.
    assert viewport.top + viewport.height == viewport.extent == flow.total
    last = flow.row(viewport.extent - 1)
    assert last is not None and last.end == len(text)
    assert flow.y_of(anchor) - viewport.top == 4
