"""Shaping one word: contextual forms, lam-alef, marks, joiners, stand-ins.

Expected glyphs are named by their Unicode names, so each can be checked
against the standard rather than against this code.
"""

import unicodedata

from reader.layout.shaping import shape_word


def names(word: str, **kw: bool) -> list[str]:
    shaped = shape_word(
        word, kw.get("shaping", True), kw.get("harakat", True), kw.get("show", False)
    )
    return [" + ".join(unicodedata.name(ch) for ch in g) for g in shaped.glyphs]


def test_contextual_forms() -> None:
    assert names("بيت دار") == [
        "ARABIC LETTER BEH INITIAL FORM",
        "ARABIC LETTER YEH MEDIAL FORM",
        "ARABIC LETTER TEH FINAL FORM",
        "SPACE",
        "ARABIC LETTER DAL ISOLATED FORM",
        "ARABIC LETTER ALEF ISOLATED FORM",
        "ARABIC LETTER REH ISOLATED FORM",
    ]


def test_lam_alef_is_one_cluster_over_two_letters() -> None:
    assert names("سلام") == [
        "ARABIC LETTER SEEN INITIAL FORM",
        "ARABIC LIGATURE LAM WITH ALEF FINAL FORM",
        "ARABIC LETTER MEEM ISOLATED FORM",
    ]
    w = shape_word("السلام", True, True, False)
    assert w.starts == (0, 1, 2, 3, 5)  # ا ل س [لا] م
    assert unicodedata.name(w.glyphs[3]) == "ARABIC LIGATURE LAM WITH ALEF FINAL FORM"
    assert names("لا") == ["ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"]
    assert names("لآ") == ["ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE ISOLATED FORM"]
    assert names("لأ") == ["ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM"]
    assert names("سلإ")[1] == "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW FINAL FORM"


def test_lam_alef_with_a_haraka_between_still_joins() -> None:
    w = shape_word("لَا", True, True, False)
    assert w.starts == (0,)
    assert w.glyphs == ("\ufefb\u064e",)


def test_no_allah_ligature() -> None:
    w = shape_word("الله", True, True, False)
    assert w.width == 4  # four letters in four cells, never one
    assert "\ufdf2" not in "".join(w.glyphs)


def test_harakat_follow_their_base_or_are_hidden() -> None:
    shown = shape_word("مُحَمَّدٌ", True, True, False)
    hidden = shape_word("مُحَمَّدٌ", True, False, False)
    assert shown.starts == hidden.starts == (0, 2, 4, 7)
    assert [g[1:] for g in shown.glyphs] == ["\u064f", "\u064e", "\u064e\u0651", "\u064c"]
    assert all(len(g) == 1 for g in hidden.glyphs)
    assert shown.width == hidden.width == 4


def test_persian_and_urdu_letters() -> None:
    assert names("پچژگکیےہں") == [
        "ARABIC LETTER PEH INITIAL FORM",
        "ARABIC LETTER TCHEH MEDIAL FORM",
        "ARABIC LETTER JEH FINAL FORM",
        "ARABIC LETTER GAF INITIAL FORM",
        "ARABIC LETTER KEHEH MEDIAL FORM",
        "ARABIC LETTER FARSI YEH MEDIAL FORM",
        "ARABIC LETTER YEH BARREE FINAL FORM",
        "ARABIC LETTER HEH GOAL INITIAL FORM",
        "ARABIC LETTER NOON GHUNNA FINAL FORM",
    ]


def test_zwnj_breaks_the_join_and_is_not_drawn() -> None:
    w = shape_word("می\u200cخواهم", True, True, False)
    assert unicodedata.name(w.glyphs[1]) == "ARABIC LETTER FARSI YEH FINAL FORM"
    assert unicodedata.name(w.glyphs[2]) == "ARABIC LETTER KHAH INITIAL FORM"
    assert "\u200c" not in "".join(w.glyphs)
    assert w.starts[:3] == (0, 1, 3)  # the ZWNJ belongs to the yeh's cluster


def test_zwj_makes_a_join_and_is_not_drawn() -> None:
    assert names("ب\u200d") == ["ARABIC LETTER BEH INITIAL FORM"]
    assert names("\u200dب") == ["ARABIC LETTER BEH FINAL FORM"]


def test_tatweel_is_drawn_and_joins() -> None:
    assert names("ـبـ") == ["ARABIC TATWEEL", "ARABIC LETTER BEH MEDIAL FORM", "ARABIC TATWEEL"]


def test_a_mark_with_no_base_sits_on_a_dotted_circle() -> None:
    w = shape_word("\u064eب", True, True, False)
    assert w.glyphs[0] == "\u25cc\u064e"
    assert w.width == 2


def test_controls_become_one_cell_stand_ins() -> None:
    w = shape_word("a\x1b[31m\x00\x7f\x85\r", True, True, False)
    assert "".join(w.glyphs) == "a\u241b[31m\u2400\u2421\ufffd\u240d"
    assert w.width == 10


def test_bidi_formatting_is_hidden_or_shown() -> None:
    hidden = shape_word("\u200fب\u2066", True, True, False)
    assert hidden.glyphs == ("\ufe8f",) and hidden.starts == (0,)
    shown = shape_word("\u200fب\u2066", True, True, True)
    assert shown.glyphs == ("\u2190", "\ufe8f", "\u21e5")


def test_only_invisible_characters_make_a_cluster_with_no_cell() -> None:
    w = shape_word("\u200f\u200e", True, True, False)
    assert w.widths == (0,) and w.starts == (0,)


def test_unshaped_keeps_the_letters() -> None:
    assert tuple(shape_word("سلام", False, True, False).glyphs) == ("س", "ل", "ا", "م")


def test_a_full_word_cache_never_loses_the_words_of_the_call(monkeypatch) -> None:
    # When the cache passes its limit it is emptied; the words this very call
    # found in it before must still come back, each shaped as it is alone.
    from reader.layout import shaping

    shaping.clear_cache()
    monkeypatch.setattr(shaping, "_CACHE_LIMIT", 2)
    words = ["بيت", "دار", "قلم", "باب", "كتاب"]
    shaping.shape_words(words[:3], True, True, False)  # the cache is full now
    shaped = shaping.shape_words(words, True, True, False)  # two hits, two new
    assert ["".join(w.glyphs) for w in shaped] == [
        "\ufe91\ufef4\ufe96",  # بيت: BEH initial, YEH medial, TEH final
        "\ufea9\ufe8d\ufead",  # دار: DAL, ALEF, REH isolated
        "\ufed7\ufee0\ufee2",  # قلم: QAF initial, LAM medial, MEEM final
        "\ufe91\ufe8e\ufe8f",  # باب: BEH initial, ALEF final, BEH isolated
        "\ufedb\ufe98\ufe8e\ufe8f",  # كتاب: KAF initial, TEH medial, ALEF final, BEH isolated
    ]
    for n in range(50):  # and it stays bounded however many words come
        shaping.shape_words([f"{n}a", f"{n}b", f"{n}c"], True, True, False)
    assert shaping.cached_words() <= 2 * (2 + 3)


def test_a_word_of_a_million_letters_costs_bytes_a_letter_not_objects() -> None:
    import tracemalloc

    from reader.layout import shaping

    word = "ب" * 1_000_000  # two bytes a letter
    shaping.clear_cache()
    tracemalloc.start()
    try:
        shaped = shaping.shape_words([word], True, True, False)[0]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        shaping.clear_cache()
    assert shaped.width == 1_000_000 and shaped.ltr[0] == "\ufe91" and shaped.ltr[-1] == "\ufe90"
    assert peak < 30_000_000  # a few copies of the word, not an object per letter
