"""Bidi levels: run collapsing must never change what the Rust core resolves."""

from hypothesis import given
from hypothesis import strategies as st

from reader.layout.levels import _core_levels, first_strong, resolve_levels

# Letters of each strong class, digits of both kinds, neutrals, brackets,
# marks and every kind of explicit formatting character.
ALPHABET = (
    list("abcXYZ")
    + list("ابتثجحخدذرسشصضطظعغفقكلمنهويءة")
    + list("אבג")
    + list("0123456789٠١٢٣٤٥٦٧٨٩۱۲۳")
    + list(" ,.:/-+%$#()[]{}«»\"'!?،؛&<>\t\u00a0")
    + ["\u064e", "\u064f", "\u0651", "\u0300", "\u05b4"]
    + ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069"]
)


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=60), st.sampled_from([0, 1]))
def test_collapsed_runs_resolve_like_the_whole_text(text: str, base: int) -> None:
    assert resolve_levels(text, base) == _core_levels(text, base)


@given(
    st.lists(
        st.sampled_from(["قال", "البيان", "، ", " ", "ISIS", "(", ")", "2022", "٢٠"]), max_size=30
    )
)
def test_collapsed_phrases_resolve_like_the_whole_text(words: list[str]) -> None:
    text = "".join(words) or " "
    for base in (0, 1):
        assert resolve_levels(text, base) == _core_levels(text, base)


def test_plain_arabic_is_level_one_and_plain_english_level_zero() -> None:
    assert resolve_levels("قال البيان، إن التهديد", 1) == [1] * 22
    assert resolve_levels("The coalition said (again).", 0) == [0] * 27


def test_numbers_after_arabic_are_arabic_numbers_at_level_two() -> None:
    # W2: European digits after an Arabic letter become AN, at level 2.
    assert resolve_levels("عام 2022", 1) == [1, 1, 1, 1, 2, 2, 2, 2]


def test_first_strong_skips_isolates_and_neutrals() -> None:
    assert first_strong("123 (abc)") == 0
    assert first_strong("«عربي» abc") == 1
    assert first_strong("\u2066abc\u2069 عربي") == 1
    assert first_strong("123 ...") is None
    assert first_strong("") is None
