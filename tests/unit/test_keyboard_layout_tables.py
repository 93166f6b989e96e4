"""Keyboard layout tables against the published layouts (Windows Arabic 101 / xkb ara,
ISIRI 9147, SI-1452): the physical key of each character."""

from __future__ import annotations

import pytest

from reader.config.keyboard_layouts import LAYOUTS, layout_of_typed, physical_key

# (character, layout, US key), from the layouts' published charts.
PUBLISHED = [
    ("ش", "Arabic", "a"), ("ت", "Arabic", "j"), ("ن", "Arabic", "k"), ("ض", "Arabic", "q"),
    ("ف", "Arabic", "t"), ("ظ", "Arabic", "/"), ("ذ", "Arabic", "`"), ("ك", "Arabic", ";"),
    ("ط", "Arabic", "'"), ("ى", "Arabic", "n"), ("ة", "Arabic", "m"), ("ر", "Arabic", "v"),
    ("\ufefb", "Arabic", "b"), ("\ufef9", "Arabic", "T"), ("أ", "Arabic", "H"),
    ("؟", "Arabic", "?"), ("آ", "Arabic", "N"),
    ("ی", "Persian", "d"), ("پ", "Persian", "m"), ("چ", "Persian", "]"), ("گ", "Persian", "'"),
    ("ک", "Persian", ";"), ("ژ", "Persian", "C"), ("۱", "Persian", "1"), ("۰", "Persian", "0"),
    ("ש", "Hebrew", "a"), ("ק", "Hebrew", "e"), ("א", "Hebrew", "t"), ("ת", "Hebrew", ","),
    ("ץ", "Hebrew", "."), ("ף", "Hebrew", ";"), ("ך", "Hebrew", "l"), ("צ", "Hebrew", "m"),
]  # fmt: skip


@pytest.mark.parametrize(("character", "layout", "key"), PUBLISHED)
def test_each_character_finds_its_physical_key(character: str, layout: str, key: str) -> None:
    assert physical_key(character, layout) == (layout, key)


def test_letters_shared_by_arabic_and_persian_follow_the_layout_seen_last() -> None:
    assert physical_key("ز") == ("Arabic", ".")
    assert physical_key("ز", "Persian") == ("Persian", "c")
    assert physical_key("ی") == ("Persian", "d")  # Persian's own yeh: only Persian sends it


# (character, layout, US key): ASCII punctuation a key sends in another key's place.
PUNCTUATION = [
    (">", "Arabic", "}"), ("<", "Arabic", "{"), ("]", "Arabic", "D"), ("[", "Arabic", "F"),
    ("/", "Arabic", "L"), ("}", "Arabic", "C"), ("{", "Arabic", "V"),
    ("}", "Persian", "{"), ("{", "Persian", "}"), ("]", "Persian", "O"), ("[", "Persian", "P"),
    (">", "Persian", "<"), ("<", "Persian", ">"),
    (".", "Hebrew", "/"), ("/", "Hebrew", "q"), ("'", "Hebrew", "w"), (",", "Hebrew", "'"),
    ("]", "Hebrew", "["), ("[", "Hebrew", "]"), (";", "Hebrew", "`"),
]  # fmt: skip


@pytest.mark.parametrize(("character", "layout", "key"), PUNCTUATION)
def test_ascii_punctuation_finds_its_physical_key(character: str, layout: str, key: str) -> None:
    assert physical_key(character, layout) == (layout, key)


def test_letters_and_unknown_characters_are_never_remapped() -> None:
    for layout in LAYOUTS:
        assert all(not ch.isascii() for ch in layout.keys)
        assert all(ch.isascii() and not ch.isalnum() for ch in layout.punctuation)
        assert all(sent != us for sent, us in layout.punctuation.items())
    assert physical_key("a") is None and physical_key("Q") is None and physical_key("é") is None
    assert physical_key("?") is None  # Shift+/ sends ? (or ؟) in the same place


def test_each_layout_sends_at_least_every_letter_key() -> None:
    for layout in LAYOUTS:
        assert set("qwertyuiopasdfghjklzxcvbnm") - {"q", "w"} <= set(layout.keys.values()), (
            layout.name
        )


def test_letters_only_one_layout_sends_tell_the_layout_typed_on() -> None:
    assert layout_of_typed("کتاب") == "Persian"  # ک (U+06A9), not Arabic's ك
    assert layout_of_typed("۱۴۰۲") == "Persian"  # Persian digits
    assert layout_of_typed("مستشفى") == "Arabic"  # ى (U+0649), not Persian's ی
    assert layout_of_typed("שלום") == "Hebrew"
    assert layout_of_typed("كتاب ی") == "Persian"  # the last letter that tells wins
    assert layout_of_typed("كتاب") is None  # letters both Arabic and Persian send
    assert layout_of_typed("PER") is None
