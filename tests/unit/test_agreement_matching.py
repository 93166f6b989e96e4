"""Span matching: the clitic rule on Arabic words, and one-to-one maximum matching."""

from __future__ import annotations

from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.agreement.matching import clitic_relation, matched, max_matching, overlap, strict
from reader.annotation.tokens import tokenize
from reader.formats.model import SourceSpan


def clitic_match(text: str, a: tuple[int, int], b: tuple[int, int], label_b: str = "GPE") -> bool:
    related = clitic_relation(text, tokenize(text))
    return related(SourceSpan(*a, "GPE"), SourceSpan(*b, label_b))


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        # والعراق: و (and) + ال (the) + عراق; start_cuts gives 1 and 3.
        ("والعراق", (0, 7), (1, 7)),  # والعراق / العراق
        ("والعراق", (0, 7), (3, 7)),  # والعراق / عراق
        ("والعراق", (1, 7), (3, 7)),  # العراق / عراق, both cut from the same word
        # للعراق: ل + (ا)ل + عراق; cuts 1 and 2.
        ("للعراق", (0, 6), (2, 6)),  # للعراق / عراق
        ("للعراق", (0, 6), (1, 6)),
        ("لبغداد", (0, 6), (1, 6)),  # لبغداد / بغداد
        ("كتابهم", (0, 6), (0, 4)),  # كتابهم / كتاب: the suffix هم
        ("وكتابهم", (0, 7), (1, 5)),  # وكتابهم / كتاب: a proclitic and a suffix
        ("وكتابهم", (0, 5), (1, 7)),  # وكتاب / كتابهم: each kept what the other cut
        # Several words: the first word's proclitic, the last word's suffix.
        ("والعراق وسوريا", (0, 14), (1, 14)),
        ("والعراق وسوريا", (1, 14), (0, 14)),
        ("العراق وسوريا", (0, 13), (2, 13)),
        # Harakat belong to their letter: the cut after وَ lands after the fatha.
        ("وَالعراق", (0, 8), (2, 8)),
        # clitics.py offers a cut after any leading ب (it cannot tell بغداد's ب from
        # the preposition; the user cycles past it), so رينان inside برينان counts.
        ("برينان", (0, 6), (1, 6)),
    ],
)
def test_clitic_near_misses(text: str, a: tuple[int, int], b: tuple[int, int]) -> None:
    assert clitic_match(text, a, b)
    assert clitic_match(text, b, a)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("مدرسة", (0, 5), (1, 5)),  # م is no proclitic
        ("العراق", (0, 6), (3, 6)),  # راق: a cut at 3 is not one of العراق's (only 2)
        ("كتابهم", (0, 6), (0, 5)),  # كتابه / كتابهم: م alone is no suffix
        ("والعراق وسوريا", (0, 14), (1, 7)),  # not the same last word
        ("والعراق وسوريا", (0, 7), (9, 14)),  # different words
        ("زار العراق", (4, 10), (3, 10)),  # a span starting in the space before a word
        ("فلكم", (2, 4), (0, 2)),  # كم / فل: both cuts of one word, but no letter in common
    ],
)
def test_not_clitic_near_misses(text: str, a: tuple[int, int], b: tuple[int, int]) -> None:
    assert not clitic_match(text, a, b)
    assert not clitic_match(text, b, a)


def test_clitic_mode_needs_the_same_label() -> None:
    assert not clitic_match("والعراق", (0, 7), (1, 7), label_b="ORG")
    assert clitic_match("والعراق", (0, 7), (0, 7))  # and a span matches itself


def test_one_long_span_matches_one_of_two_short_ones() -> None:
    # a: [0, 10); b: [0, 4) and [5, 10), both inside it.  One to one: 1 pair.
    a = [SourceSpan(0, 10, "ORG")]
    b = [SourceSpan(0, 4, "ORG"), SourceSpan(5, 10, "ORG")]
    assert matched(a, b, overlap) == 1
    assert matched(b, a, overlap) == 1
    assert matched(a, b, strict) == 0


def test_matching_takes_the_largest_not_the_first() -> None:
    # a0 overlaps b0 and b1, a1 only b0: taking a0-b0 first would leave a1 alone;
    # the largest matching is a0-b1, a1-b0.
    a = [SourceSpan(0, 10, "X"), SourceSpan(0, 3, "X")]
    b = [SourceSpan(0, 2, "X"), SourceSpan(8, 12, "X")]
    assert matched(a, b, overlap) == 2


def brute_force(adjacent: list[list[int]], n_right: int) -> int:
    best = 0
    for order in permutations(range(n_right)):
        best = max(
            best, sum(1 for i, row in enumerate(adjacent) if i < n_right and order[i] in row)
        )
    return best


@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.lists(st.integers(0, n - 1), max_size=n, unique=True), max_size=n),
        )
    )
)
def test_max_matching_is_maximum(case: tuple[int, list[list[int]]]) -> None:
    n_right, adjacent = case
    # Brute force: every assignment of distinct right vertices to the left ones.
    assert max_matching(adjacent, n_right) == brute_force(adjacent, n_right)
