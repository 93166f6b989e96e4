"""Rules L1 and L2 on small hand-worked cases."""

from reader.layout.reorder import line_levels, mirror, visual_order, visual_runs


def test_rtl_run_reverses() -> None:
    assert visual_order([1, 1, 1]) == [2, 1, 0]


def test_numbers_inside_rtl_keep_their_order() -> None:
    # RTL letters, then a number at level 2: the number's digits stay LTR.
    assert visual_order([1, 1, 2, 2, 1]) == [4, 2, 3, 1, 0]


def test_ltr_inside_rtl_inside_ltr() -> None:
    assert visual_order([0, 1, 1, 2, 2, 1, 0]) == [0, 5, 3, 4, 2, 1, 6]


def test_runs_come_left_to_right_with_levels() -> None:
    assert visual_runs([0, 0, 1, 1]) == [(0, 2, 0), (2, 4, 1)]


def test_l1_resets_trailing_whitespace_and_tabs() -> None:
    levels = [1, 1, 2, 2, 2, 2]
    ws = [False, False, False, True, False, True]
    sep = [False, False, False, False, True, False]
    # The space before the tab, the tab and the trailing space go to level 0.
    assert line_levels(levels, 0, ws, sep) == [1, 1, 2, 0, 0, 0]


def test_mirror_swaps_paired_brackets() -> None:
    assert mirror("(") == ")"
    assert mirror("«") == "»"
    assert mirror("a") == "a"
