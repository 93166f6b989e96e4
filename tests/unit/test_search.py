"""Arabic-aware search: hand-worked cases, then properties against an oracle.

Offsets in the expectations are counted by hand, one Python str index per
code point; the comments spell them out.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.search import IGNORABLE, SearchIndex, fold, strip_ignorables

FATHA, DAMMA, KASRA, SHADDA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
TANWIN_FATH, SUPERSCRIPT_ALEF = "\u064b", "\u0670"
TATWEEL, ZWNJ, ZWJ, RLM, LRM = "\u0640", "\u200c", "\u200d", "\u200f", "\u200e"


def find(text: str, query: str) -> list[tuple[int, int]]:
    return SearchIndex(text).find(query)


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


# --- fold and the ignorable set ---------------------------------------------

# Written out from the issue, independently of the module's tables.
EQUIVALENT = {
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    "\u0649": "\u064a",
    "\u0629": "\u0647",
    "\u06a9": "\u0643",
    "\u06cc": "\u064a",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

ISSUE_IGNORABLE = (
    {chr(c) for c in range(0x0610, 0x061B)}
    | {chr(c) for c in range(0x064B, 0x0660)}
    | {"\u0670", TATWEEL, ZWNJ, ZWJ}
    | {chr(c) for c in range(0x06D6, 0x06DD)}
    | {chr(c) for c in range(0x06DF, 0x06E5)}
    | {chr(c) for c in range(0x06E7, 0x06E9)}
    | {chr(c) for c in range(0x06EA, 0x06EE)}
    | {"\u200e", "\u200f", "\u061c"}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
    | {chr(c) for c in range(0x0591, 0x05C8) if unicodedata.category(chr(c)) == "Mn"}
)


def test_ignorable_set_is_the_one_in_the_issue() -> None:
    assert IGNORABLE == ISSUE_IGNORABLE
    # Hebrew punctuation between the points is not ignorable: maqaf, paseq, ...
    assert not {"\u05be", "\u05c0", "\u05c3", "\u05c6"} & IGNORABLE


def test_fold_is_one_to_one_over_the_whole_bmp() -> None:
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    folded = fold(every)
    assert len(folded) == len(every)
    changed = {a: b for a, b in zip(every, folded, strict=True) if a != b}
    assert changed == EQUIVALENT


def test_fold_leaves_case_and_marks_alone() -> None:
    text = "ISIS " + "إ" + KASRA + "لى" + TATWEEL
    assert fold(text) == "ISIS " + "ا" + KASRA + "لي" + TATWEEL


def test_strip_ignorables() -> None:
    assert strip_ignorables("الرَّئيسُ" + ZWNJ + TATWEEL + RLM) == "الرئيس"
    assert strip_ignorables("abc") == "abc"


def test_search_does_not_load_textual() -> None:
    code = "import sys, reader.search; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"reader.search imports textual: {result.stderr}"


# --- properties -------------------------------------------------------------

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
PERSIAN_LETTERS = ["\u06a9", "\u06cc", "\u067e", "\u0686", "\u0671"]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + [SUPERSCRIPT_ALEF]
MARKS = HARAKAT + [TATWEEL, ZWNJ, RLM]
LATIN = list("abcXYZ")
DIGITS = list("0123") + ["\u0660", "\u0661", "\u06f2", "\u06f3"]
LETTERS = ARABIC_LETTERS + PERSIAN_LETTERS + LATIN + DIGITS
SPACES = [" ", " ", "\n", "\t"]

texts = st.text(alphabet=st.sampled_from(LETTERS + MARKS + SPACES), max_size=60)
words = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=6)
mark_runs = st.text(alphabet=st.sampled_from(MARKS), max_size=3)


def canonical(ch: str) -> str:
    """One character as the issue says search sees it: folded, any case."""
    return EQUIVALENT.get(ch, ch).lower()


def oracle(text: str, query: str) -> list[tuple[int, int]]:
    """Search by walking the text a character at a time, leftmost first."""
    tokens: list[str] = []  # canonical letters, and " " for a whitespace run
    for ch in query:
        if ch in ISSUE_IGNORABLE:
            continue
        if ch.isspace():
            if not tokens or tokens[-1] != " ":
                tokens.append(" ")
        else:
            tokens.append(canonical(ch))
    if not tokens:
        return []
    matches = []
    start = 0
    while start < len(text):
        i = start
        for token in tokens:
            if token == " ":
                if i >= len(text) or not text[i].isspace():
                    break
                while i < len(text) and (text[i].isspace() or text[i] in ISSUE_IGNORABLE):
                    i += 1
            else:
                if i >= len(text) or canonical(text[i]) != token:
                    break
                i += 1
                while i < len(text) and text[i] in ISSUE_IGNORABLE:
                    i += 1
        else:
            matches.append((start, i))
            start = i
            continue
        start += 1
    return matches


def variant_of(ch: str, draw: st.DrawFn) -> str:
    """Any character that should be searched as ``ch``, in either case."""
    target = canonical(ch)
    options = sorted({c for c in LETTERS + list(EQUIVALENT) if canonical(c) == target})
    return draw(st.sampled_from(options + [ch.upper(), ch.lower()]))


@st.composite
def decorated(draw: st.DrawFn, word: str) -> str:
    """``word`` spelt with variant letters and with marks, tatweel and joiners
    after any of its letters (the marks never come before the first letter)."""
    return "".join(variant_of(ch, draw) + draw(mark_runs) for ch in word)


@given(st.data(), texts, words, texts)
def test_a_decorated_word_is_found_by_its_plain_spelling(
    data: st.DataObject, before: str, word: str, after: str
) -> None:
    copy = data.draw(decorated(word))
    text = before + " " + copy + " " + after
    start = len(before) + 1
    matches = SearchIndex(text).find(word)
    # The copy runs from its first letter to the end of its last marks.
    assert (start, start + len(copy)) in matches
    assert matches == oracle(text, word)


@given(st.data(), texts)
def test_every_match_spells_the_query(data: st.DataObject, text: str) -> None:
    if text and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(text) - 1))
        j = data.draw(st.integers(i, min(len(text), i + 5)))
        query = text[i:j]
    else:
        query = data.draw(st.text(alphabet=st.sampled_from(LETTERS + MARKS + SPACES), max_size=4))
    index = SearchIndex(text)
    matches = index.find(query)
    assert matches == oracle(text, query)

    def spelt(s: str) -> str:
        return " ".join(strip_ignorables(fold(s)).lower().split())

    wanted = spelt(query)
    previous_end = 0
    for s, e in matches:
        assert previous_end <= s < e <= len(text)
        assert text[s] not in IGNORABLE  # starts at a real character
        assert e == len(text) or text[e] not in IGNORABLE  # takes trailing marks
        assert spelt(text[s:e]) == wanted
        previous_end = e


@given(texts, words, st.integers(-2, 70), st.booleans())
def test_find_from_agrees_with_find(text: str, word: str, offset: int, backwards: bool) -> None:
    index = SearchIndex(text)
    matches = index.find(word)
    got = index.find_from(word, offset, backwards=backwards)
    if not matches:
        assert got is None
    elif backwards:
        before = [m for m in matches if m[0] < offset]
        assert got == (before[-1] if before else matches[-1])
    else:
        after = [m for m in matches if m[0] >= offset]
        assert got == (after[0] if after else matches[0])
