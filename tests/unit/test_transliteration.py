"""Transliteration tables against the published charts (Buckwalter's, DIN 31635)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.transliteration import BUCKWALTER, from_buckwalter, transliterate

# Tim Buckwalter's chart, letter by letter (as in the Penn Arabic Treebank guidelines).
PUBLISHED_BUCKWALTER = (
    "ء'" "آ|" "أ>" "ؤ&" "إ<" "ئ}" "اA" "بb" "ةp" "تt" "ثv" "جj" "حH" "خx" "دd" "ذ*" "رr"
    "زz" "سs" "ش$" "صS" "ضD" "طT" "ظZ" "عE" "غg" "ـ_" "فf" "قq" "كk" "لl" "مm" "نn" "هh"
    "وw" "ىY" "يy" "\u064bF" "\u064cN" "\u064dK" "\u064ea" "\u064fu" "\u0650i" "\u0651~"
    "\u0652o" "\u0670`" "ٱ{"
)  # fmt: skip

# DIN 31635's consonants.
PUBLISHED_DIN = "ءʾ بb تt ثṯ جǧ حḥ خḫ دd ذḏ رr زz سs شš صṣ ضḍ طṭ ظẓ عʿ غġ فf قq كk لl مm نn هh"


def test_buckwalter_letter_by_letter() -> None:
    pairs = [PUBLISHED_BUCKWALTER[i : i + 2] for i in range(0, len(PUBLISHED_BUCKWALTER), 2)]
    assert len(pairs) == 47
    for letter, latin in pairs:
        assert transliterate(letter) == latin, letter


def test_din_31635_letter_by_letter() -> None:
    for pair in PUBLISHED_DIN.split():
        assert transliterate(pair[0], "DIN 31635") == pair[1:], pair


def test_words() -> None:
    assert transliterate("والعراق") == "wAlErAq"
    assert transliterate("كِتَاب") == "kitaAb"
    assert transliterate("جون برينان", "DIN 31635") == "ǧwn brynān"
    assert transliterate("مُحَمَّد", "DIN 31635") == "muḥammad"  # shadda doubles
    assert transliterate("COVID-19 في") == "COVID-19 fy"


def test_persian_and_urdu_letters() -> None:
    assert transliterate("پاکستان") == "PABstAn"
    assert transliterate("پاکستان", "DIN 31635") == "pākstān"
    assert transliterate("چژگ", "DIN 31635") == "čžg"
    assert transliterate("ٹڈڑں ے", "DIN 31635") == "ṭḍṛṉ e"


def test_buckwalter_is_one_letter_each_way() -> None:
    assert len(set(BUCKWALTER.values())) == len(BUCKWALTER)
    assert all(len(latin) == 1 and latin.isascii() for latin in BUCKWALTER.values())


@given(st.text(alphabet=sorted(BUCKWALTER) + [" ", "\n"]))
def test_buckwalter_round_trips(text: str) -> None:
    assert from_buckwalter(transliterate(text)) == text
