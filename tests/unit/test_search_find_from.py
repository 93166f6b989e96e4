"""Search from an offset, forwards and backwards, as n and N step through matches.

Offsets in the expectations are counted by hand (see THREE_BOOKS).
"""

from __future__ import annotations

from reader.search import SearchIndex

# --- find_from: what n and N use --------------------------------------------

THREE_BOOKS = "كتاب ثم كتاب ثم كتاب"
# 0 ك 1 ت 2 ا 3 ب 4 sp 5 ث 6 م 7 sp 8 ك 9 ت 10 ا 11 ب 12 sp 13 ث 14 م 15 sp
# 16 ك 17 ت 18 ا 19 ب   (len 20): matches (0, 4), (8, 12), (16, 20)


def test_find_from_forwards_takes_a_match_at_or_after_the_offset() -> None:
    index = SearchIndex(THREE_BOOKS)
    assert index.find("كتاب") == [(0, 4), (8, 12), (16, 20)]
    assert index.find_from("كتاب", 0) == (0, 4)
    assert index.find_from("كتاب", 1) == (8, 12)
    assert index.find_from("كتاب", 8) == (8, 12)
    assert index.find_from("كتاب", 9) == (16, 20)


def test_find_from_forwards_wraps_to_the_first_match() -> None:
    index = SearchIndex(THREE_BOOKS)
    assert index.find_from("كتاب", 17) == (0, 4)
    assert index.find_from("كتاب", 20) == (0, 4)
    assert index.find_from("كتاب", 1000) == (0, 4)


def test_find_from_backwards_takes_a_match_strictly_before_the_offset() -> None:
    index = SearchIndex(THREE_BOOKS)
    assert index.find_from("كتاب", 20, backwards=True) == (16, 20)
    assert index.find_from("كتاب", 17, backwards=True) == (16, 20)
    assert index.find_from("كتاب", 16, backwards=True) == (8, 12)
    assert index.find_from("كتاب", 9, backwards=True) == (8, 12)
    assert index.find_from("كتاب", 8, backwards=True) == (0, 4)
    assert index.find_from("كتاب", 1, backwards=True) == (0, 4)


def test_find_from_backwards_wraps_to_the_last_match() -> None:
    index = SearchIndex(THREE_BOOKS)
    assert index.find_from("كتاب", 0, backwards=True) == (16, 20)


def test_n_and_n_cycle_through_every_match() -> None:
    index = SearchIndex(THREE_BOOKS)
    seen = []
    at = 0
    for _ in range(4):  # n: move to the match after the current one
        match = index.find_from("كتاب", at)
        assert match is not None
        seen.append(match)
        at = match[0] + 1
    assert seen == [(0, 4), (8, 12), (16, 20), (0, 4)]
    back = []
    at = 0
    for _ in range(4):  # N: move to the match before the current one
        match = index.find_from("كتاب", at, backwards=True)
        assert match is not None
        back.append(match)
        at = match[0]
    assert back == [(16, 20), (8, 12), (0, 4), (16, 20)]


def test_a_single_match_wraps_onto_itself() -> None:
    index = SearchIndex("x كتاب y")
    assert index.find_from("كتاب", 3) == (2, 6)
    assert index.find_from("كتاب", 2, backwards=True) == (2, 6)
