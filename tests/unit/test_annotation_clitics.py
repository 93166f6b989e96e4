"""Arabic clitic cuts, counted by hand one code point at a time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.clitics import cycle, end_cuts, start_cuts
from reader.search import IGNORABLE, strip_ignorables

FATHA, DAMMA, KASRA, SHADDA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
TATWEEL = "\u0640"


@pytest.mark.parametrize(
    ("word", "cuts"),
    [
        ("والعراق", [1, 3]),  # 0 و | 1 ا 2 ل | 3 ع ...
        ("لبغداد", [1]),  # 0 ل | 1 ب ...
        ("للعراق", [1, 2]),  # 0 ل | 1 ل (the article, alef dropped) | 2 ع ...
        ("لداعش", [1]),
        ("بالحسكة", [1, 3]),  # 0 ب | 1 ا 2 ل | 3 ح ...
        ("العراق", [2]),  # 0 ا 1 ل | 2 ع ...
        ("مدرسة", []),
        ("وللعراق", [1, 2, 3]),  # 0 و | 1 ل | 2 ل | 3 ع ...
        ("فبالتالي", [1, 2, 4]),  # 0 ف | 1 ب | 2 ا 3 ل | 4 ت ...
        ("كالعادة", [1, 3]),
        ("وسيذهب", [1, 2]),  # 0 و | 1 س | 2 ي ...
        ("بإلغاء", [1]),  # إل is not the article
        ("ٱلْعِرَاقِ", [3]),  # 0 ٱ 1 ل 2 sukun | 3 ع ...: alef wasla counts
        ("لـبغداد", [2]),  # 0 ل 1 tatweel | 2 ب ...
        ("لله", [1]),  # after لل only ه would be left
        ("وال", [1]),  # 0 و | 1 ا 2 ل: after وال nothing would be left
        ("و", []),
        ("", []),
        ("Baghdad", []),
    ],
)
def test_start_cuts(word: str, cuts: list[int]) -> None:
    assert start_cuts(word) == cuts


def test_start_cuts_land_after_the_marks() -> None:
    word = "و" + FATHA + "ا" + "ل" + SUKUN + "ع" + KASRA + "ر" + FATHA + "ا" + "ق" + KASRA
    # 0 و 1 fatha | 2 ا 3 ل 4 sukun | 5 ع 6 kasra 7 ر 8 fatha 9 ا 10 ق 11 kasra
    assert word == "وَالْعِرَاقِ"
    assert start_cuts(word) == [2, 5]
    assert word[5:] == "عِرَاقِ"
    # Shadda and a vowel on the same letter both stay with it.
    word = "ل" + KASRA + "ل" + SHADDA + FATHA + "ه"
    # 0 ل 1 kasra | 2 ل 3 shadda 4 fatha | 5 ه ; only one letter after 5
    assert start_cuts(word) == [2]


@pytest.mark.parametrize(
    ("word", "cuts"),
    [
        ("كتابهم", [4]),  # 0 ك 1 ت 2 ا 3 ب | 4 ه 5 م
        ("كتابهما", [4]),  # هما, not the non-suffix ما
        ("أصدقائنا", [6]),  # 0 أ 1 ص 2 د 3 ق 4 ا 5 ئ | 6 ن 7 ا
        ("كتابه", [4]),
        ("كتابها", [4]),
        ("كتابك", [4]),
        ("كتابكم", [4]),
        ("بيتي", [3]),
        ("منهما", [2]),  # 0 م 1 ن | 2 ه 3 م 4 ا: two letters stay
        ("به", []),  # only one letter would stay
        ("مدرسة", []),  # ta marbuta is not ha
        ("بغداد", []),
        ("", []),
    ],
)
def test_end_cuts(word: str, cuts: list[int]) -> None:
    assert end_cuts(word) == cuts


def test_end_cuts_keep_marks_with_the_letter_they_follow() -> None:
    word = "ك" + "ت" + "ا" + "ب" + KASRA + "ه" + KASRA + "م" + SUKUN
    # 0 ك 1 ت 2 ا 3 ب 4 kasra | 5 ه 6 kasra 7 م 8 sukun
    assert end_cuts(word) == [5]
    assert word[:5] == "كتابِ"


def test_cycle_goes_round() -> None:
    cuts = [1, 3]
    assert cycle(0, cuts, 0) == 1
    assert cycle(1, cuts, 0) == 3
    assert cycle(3, cuts, 0) == 0
    assert cycle(2, cuts, 0) == 1  # outside the cycle: start it again
    assert cycle(0, [], 0) == 0
    assert cycle(5, [], 7) == 7
    # End cuts run the other way: shortest suffix first.
    assert cycle(7, [5, 4], 7) == 5
    assert cycle(5, [5, 4], 7) == 4
    assert cycle(4, [5, 4], 7) == 7


_ARABIC = st.text(
    alphabet=st.sampled_from(list("وفبكلسالعرقهمناي\u0671") + [FATHA, SUKUN, SHADDA, TATWEEL]),
    max_size=12,
)


@given(_ARABIC)
def test_cuts_are_ordered_fall_on_letters_and_leave_two_letters(word: str) -> None:
    starts = start_cuts(word)
    assert starts == sorted(set(starts))
    for cut in starts:
        assert 0 < cut < len(word)
        assert word[cut] not in IGNORABLE  # the cut is after the marks
        assert len(strip_ignorables(word[cut:])) >= 2
    ends = end_cuts(word)
    assert ends == sorted(set(ends), reverse=True)
    for cut in ends:
        assert 0 < cut < len(word)
        assert word[cut] not in IGNORABLE
        assert len(strip_ignorables(word[:cut])) >= 2


@given(st.lists(st.integers(1, 50), unique=True).map(sorted), st.integers(0, 60))
def test_cycle_visits_every_cut_and_comes_back(cuts: list[int], start: int) -> None:
    seen = [cycle(0, cuts, 0)]
    while seen[-1] != 0:
        seen.append(cycle(seen[-1], cuts, 0))
    assert seen == [*cuts, 0]
    assert cycle(start, cuts, 0) in [*cuts, 0]
