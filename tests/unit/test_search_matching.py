"""Arabic-aware search, worked by hand: what matches, and the shape of the results.

Offsets in the expectations are counted by hand, one Python str index per
code point; the comments spell them out.
"""

from __future__ import annotations

import unicodedata

from search_helpers import (
    DAMMA,
    FATHA,
    LRM,
    RLM,
    SHADDA,
    SUPERSCRIPT_ALEF,
    TANWIN_FATH,
    TATWEEL,
    ZWJ,
    ZWNJ,
    find,
)

from reader.search import SearchIndex

# --- the examples from the issue -------------------------------------------


def test_unvowelled_query_finds_vowelled_word_with_its_marks() -> None:
    text = "قال" + FATHA + " " + "الر" + FATHA + SHADDA + "ئيس" + DAMMA
    # 0 ق  1 ا  2 ل  3 fatha  4 space
    # 5 ا  6 ل  7 ر  8 fatha  9 shadda  10 ئ  11 ي  12 س  13 damma   (len 14)
    # The match starts at the alef (5) and takes the final damma: (5, 14).
    assert len(text) == 14
    assert find(text, "الرئيس") == [(5, 14)]


def test_vowelled_query_finds_unvowelled_and_differently_vowelled_words() -> None:
    assert find("الرئيس", "الر" + FATHA + SHADDA + "ئيس" + DAMMA) == [(0, 6)]
    # كَتَبَ searched as كُتُب: vowels are ignored on both sides.
    kataba = "ك" + FATHA + "ت" + FATHA + "ب" + FATHA
    assert find(kataba, "ك" + DAMMA + "ت" + DAMMA + "ب") == [(0, 6)]


def test_alef_forms_match_bare_alef_and_each_other() -> None:
    text = "قال أحمد وإحمد"
    # 0 ق 1 ا 2 ل 3 sp 4 أ 5 ح 6 م 7 د 8 sp 9 و 10 إ 11 ح 12 م 13 د
    assert find(text, "احمد") == [(4, 8), (10, 14)]
    assert find(text, "إحمد") == [(4, 8), (10, 14)]
    # آ and ٱ too.
    assert find("\u0622\u0671", "اا") == [(0, 2)]
    assert find("اا", "\u0622\u0671") == [(0, 2)]


def test_alef_maqsura_matches_ya() -> None:
    text = "ذهب إلى البيت"
    # 0 ذ 1 ه 2 ب 3 sp 4 إ 5 ل 6 ى 7 sp 8 ا ...
    assert find(text, "الى") == [(4, 7)]
    assert find(text, "الي") == [(4, 7)]
    assert find("علي", "على") == [(0, 3)]


def test_ta_marbuta_matches_ha() -> None:
    # 0 ف 1 ي 2 sp 3 م 4 د 5 ر 6 س 7 ه
    assert find("في مدرسه", "مدرسة") == [(3, 8)]
    assert find("في مدرسة", "مدرسه") == [(3, 8)]


def test_persian_kaf_and_yeh_match_arabic() -> None:
    persian_ketab = "\u06a9تاب"  # کتاب
    arabic_kitab = "\u0643تاب"  # كتاب
    # 0 ه 1 ذ 2 ا 3 sp 4 ك 5 ت 6 ا 7 ب
    assert find("هذا " + arabic_kitab, persian_ketab) == [(4, 8)]
    # 0 ا 1 ی 2 ن 3 sp 4 ک ...
    assert find("ا\u06ccن " + persian_ketab, arabic_kitab) == [(4, 8)]
    yek_persian = "\u06cc\u06a9"  # یک
    yek_arabic = "\u064a\u0643"  # يك
    assert find(yek_arabic, yek_persian) == [(0, 2)]
    assert find(yek_persian, yek_arabic) == [(0, 2)]


def test_tatweel_is_skipped() -> None:
    # 0 م 1 ح 2-4 tatweel 5 م 6 د
    assert find("مح" + TATWEEL * 3 + "مد", "محمد") == [(0, 7)]
    # Tatweel in the query is ignored as well.
    assert find("محمد", "مح" + TATWEEL + "مد") == [(0, 4)]


def test_latin_is_case_insensitive() -> None:
    # 0 t 1 h 2 e 3 sp 4 I 5 S 6 I 7 S
    assert find("the ISIS report", "isis") == [(4, 8)]
    assert find("the isis report", "IsIs") == [(4, 8)]


def test_digits_of_every_script_match() -> None:
    # 0 ع 1 ا 2 م 3 sp 4 ٢ 5 ٠ 6 ٢ 7 ٢ 8 م
    assert find("عام ٢٠٢٢م", "2022") == [(4, 8)]
    assert find("year 2022", "٢٠٢٢") == [(5, 9)]
    assert find("سال ۲۰۲۲", "٢٠٢٢") == [(4, 8)]


# --- ignorable characters other than harakat -------------------------------


def test_joiners_and_bidi_marks_are_skipped() -> None:
    # Persian می‌خواهم with a ZWNJ: 0 م 1 ی 2 ZWNJ 3 خ 4 و 5 ا 6 ه 7 م
    assert find("م\u06cc" + ZWNJ + "خواهم", "میخواهم") == [(0, 8)]
    assert find("ك" + ZWJ + "تب", "كتب") == [(0, 4)]
    # An RLM before the word is not part of the match; one after it is.
    assert find(RLM + "نص" + LRM, "نص") == [(1, 4)]


def test_other_quranic_marks_are_skipped() -> None:
    text = "الل" + SHADDA + SUPERSCRIPT_ALEF + "ه" + "\u06da" + " " + "هدً" + "\u06e2" + "ى"
    # 0 ا 1 ل 2 ل 3 shadda 4 superscript alef 5 ه 6 U+06DA 7 sp
    # 8 ه 9 د 10 tanwin fath 11 U+06E2 12 ى
    assert text[10] == TANWIN_FATH
    assert find(text, "الله") == [(0, 7)]
    assert find(text, "هدي") == [(8, 13)]


def test_hebrew_points_are_skipped() -> None:
    shalom = "ש\u05b8\u05c1ל\u05d5\u05b9ם"  # שָׁלוֹם
    assert find(shalom, "שלום") == [(0, 7)]


# --- shape of the results ---------------------------------------------------


def test_matches_start_at_a_letter_not_a_mark() -> None:
    # 0 ب 1 fatha 2 ب: two matches, the first taking its fatha.
    text = "ب" + FATHA + "ب"
    assert find(text, "ب") == [(0, 2), (2, 3)]


def test_matches_do_not_overlap_and_come_in_order() -> None:
    assert find("aaaa", "aa") == [(0, 2), (2, 4)]
    assert find("aaaaa", "aa") == [(0, 2), (2, 4)]
    assert find("ببب", "بب") == [(0, 2)]
    text = "كتب، كتاب، مكتبة"
    # 0 ك 1 ت 2 ب 3 ، 4 sp 5 ك 6 ت 7 ا 8 ب 9 ، 10 sp 11 م 12 ك 13 ت 14 ب 15 ة
    matches = find(text, "كت")
    assert matches == [(0, 2), (5, 7), (12, 14)]
    for s, e in matches:
        assert unicodedata.category(text[s]).startswith("L")
        assert e > s


def test_whitespace_in_query_matches_any_run_of_whitespace() -> None:
    text = "قال \n\t الرئيس"
    # 0 ق 1 ا 2 ل 3 sp 4 \n 5 \t 6 sp 7 ا ... 12 س
    assert find(text, "قال الرئيس") == [(0, 13)]
    assert find(text, "قال   الرئيس") == [(0, 13)]
    assert find("قالالرئيس", "قال الرئيس") == []


def test_regex_metacharacters_are_literal() -> None:
    assert find("axb a.b", "a.b") == [(4, 7)]
    assert find("(1+1) 11", "(1+1)") == [(0, 5)]
    assert find(r"a\b", "\\") == [(1, 2)]


def test_empty_and_all_ignorable_queries_find_nothing() -> None:
    index = SearchIndex("الرَّئيس")
    for query in ["", FATHA + SHADDA, TATWEEL, ZWNJ + RLM]:
        assert index.find(query) == []
        assert index.find_from(query, 0) is None
        assert index.find_from(query, 3, backwards=True) is None


def test_no_match_and_empty_document() -> None:
    assert find("مرحبا", "سلام") == []
    assert SearchIndex("").find("a") == []
    assert SearchIndex("").find_from("a", 0) is None


def test_find_returns_a_fresh_list() -> None:
    index = SearchIndex("ab ab")
    first = index.find("ab")
    first.clear()
    assert index.find("ab") == [(0, 2), (3, 5)]
    assert index.text == "ab ab"
