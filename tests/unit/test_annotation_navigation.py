"""Token moves follow what is on screen, in any direction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.navigation import Navigator
from reader.layout import DocumentLayout, LayoutOptions
from reader.layout.flow import Flow


@dataclass(frozen=True)
class Tok:
    start: int
    end: int


def setup(text: str, width: int = 40) -> tuple[list[str], Navigator]:
    tokens = [Tok(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    flow = Flow(DocumentLayout(text, width, LayoutOptions(shaping=False)))
    return [text[t.start : t.end] for t in tokens], Navigator(flow, tokens)


def walk(nav: Navigator, words: list[str], start: int, step: int, times: int) -> list[str]:
    out, i, y = [], start, None
    for _ in range(times):
        i, y = nav.horizontal(i, step, y)
        out.append(words[i])
    return out


def test_left_is_forward_in_an_rtl_row() -> None:
    words, nav = setup("قال المتحدث أمس")
    assert walk(nav, words, 0, -1, 3) == ["المتحدث", "أمس", "أمس"]  # stops at the end
    assert walk(nav, words, 2, +1, 3) == ["المتحدث", "قال", "قال"]


def test_moves_go_by_what_is_drawn_in_mixed_rows() -> None:
    # Drawn: "سمأ Brennan Smith لاق"; from قال, Left meets Smith first.
    words, nav = setup("قال Brennan Smith أمس")
    assert walk(nav, words, 0, -1, 3) == ["Smith", "Brennan", "أمس"]


def test_past_the_row_end_continues_in_reading_order() -> None:
    # Width 12: rows "قال المتحدث" / "باسم الوزارة" (RTL, right-aligned).
    words, nav = setup("قال المتحدث باسم الوزارة", 12)
    assert walk(nav, words, 0, -1, 3) == ["المتحدث", "باسم", "الوزارة"]
    assert walk(nav, words, 3, +1, 3) == ["باسم", "المتحدث", "قال"]
    words, nav = setup("one two three four", 9)  # LTR: Right goes forward
    assert walk(nav, words, 0, +1, 3) == ["two", "three", "four"]


def test_up_and_down_pick_the_nearest_token() -> None:
    words, nav = setup("aaaa bb cccccc\nd eeeeeeeeee ff", 20)
    assert words[nav.vertical(1, +1)[0]] == "eeeeeeeeee"  # bb (cols 5-6) over e (2-11)
    assert words[nav.vertical(5, -1)[0]] == "cccccc"  # ff (13-14) under c (8-13)
    assert nav.vertical(0, -1) == (0, 0)  # no row above


@given(
    st.lists(
        st.sampled_from(["قال", "Brennan", "2022", "(داعش)", "the", "عن"]), min_size=1, max_size=30
    ),
    st.integers(6, 30),
)
def test_left_then_right_comes_back(words: list[str], width: int) -> None:
    text = " ".join(words)
    _, nav = setup(text, width)
    for i in range(len(words)):
        for y in range(nav.flow.total):  # from every row the token is drawn on
            row, placed = nav._placed(y)  # noqa: SLF001
            if all(p.token != i for p in placed):
                continue
            j, jy = nav.horizontal(i, -1, y)
            if j != i:  # Right undoes Left (on a broken word, maybe on another of its rows)
                assert nav.horizontal(j, +1, jy)[0] == i
