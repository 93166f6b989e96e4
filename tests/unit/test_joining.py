"""Contextual forms in one pass, held to arabic-reshaper as hamish configures it."""

from __future__ import annotations

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.letters import LETTERS_ARABIC
from hypothesis import given
from hypothesis import strategies as st

from reader.layout.joining import contextual_forms

RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": False,
        "delete_tatweel": False,
        "support_ligatures": False,
        "support_zwj": True,
        "shift_harakat_position": False,
        "use_unshaped_instead_of_isolated": False,
    }
)
# Every letter of the table but ZWJ (hamish hands the shaper tatweel for it),
# harakat of each range arabic-reshaper knows, and characters that join nothing.
LETTERS = [ch for ch in LETTERS_ARABIC if ch != "\u200d"]
OTHERS = ["\u064e", "\u0651", "\u0670", "\u06d6", "\u08d4", "\u0610", "\u08e2", "\u0301"]
OTHERS += [" ", "a", "1", "\u2066", "\u200c", "\u2190", "\u0640"]
ALPHABET = LETTERS + OTHERS


def test_every_pair_and_its_echo_as_arabic_reshaper_shapes_them() -> None:
    for a in ALPHABET:
        for b in ALPHABET:
            for text in (a + b, a + b + a, a + "\u064e" + b):
                assert contextual_forms(text) == RESHAPER.reshape(text), [hex(ord(c)) for c in text]


@given(st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join))
def test_any_text_as_arabic_reshaper_shapes_it(text: str) -> None:
    assert contextual_forms(text) == RESHAPER.reshape(text)


def test_forms_by_name() -> None:
    # بيت: BEH initial, YEH medial, TEH final; then a space, and DAL isolated.
    assert contextual_forms("بيت د") == "\ufe91\ufef4\ufe96 \ufea9"
