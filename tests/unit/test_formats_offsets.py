"""Code point and UTF-16 offsets: hand-counted cases, and round trips for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.formats.offsets import Utf16Map


def test_an_emoji_takes_two_utf16_units_and_shifts_what_follows() -> None:
    text = "زار 😀 محمد"  # 😀 is code point 4, UTF-16 units 4 and 5
    units = Utf16Map(text)
    assert units.utf16_length == 11
    assert [units.to_utf16(i) for i in (0, 4, 5, 6, 10)] == [0, 4, 6, 7, 11]
    assert [units.from_utf16(u) for u in (0, 4, 6, 7, 11)] == [0, 4, 5, 6, 10]


def test_an_offset_between_the_halves_of_a_pair_or_past_the_end_has_no_code_point() -> None:
    units = Utf16Map("😀a😀")
    assert [units.from_utf16(u) for u in range(-1, 7)] == [None, 0, None, 1, 2, None, 3, None]


def test_plain_arabic_is_the_same_in_both_units() -> None:
    text = "قَالَ مُحَمَّدٌ"
    units = Utf16Map(text)
    assert all(units.to_utf16(i) == i == units.from_utf16(i) for i in range(len(text) + 1))


TEXTS = st.text(
    alphabet=st.sampled_from(["a", "ب", "\u064e", "😀", "𝔸", "習", "\u200c", "\r", "\n", " "]),
    max_size=40,
) | st.text(max_size=40)


@given(TEXTS, st.data())
def test_offsets_round_trip_and_agree_with_utf16_encoding(text: str, data: st.DataObject) -> None:
    units = Utf16Map(text)
    i = data.draw(st.integers(0, len(text)))
    u = units.to_utf16(i)
    assert u == len(text[:i].encode("utf-16-le", "surrogatepass")) // 2
    assert units.from_utf16(u) == i
    assert units.utf16_length == len(text.encode("utf-16-le", "surrogatepass")) // 2


@given(TEXTS, st.data())
def test_every_utf16_offset_maps_back_or_is_inside_a_pair(text: str, data: st.DataObject) -> None:
    units = Utf16Map(text)
    u = data.draw(st.integers(0, units.utf16_length))
    i = units.from_utf16(u)
    if i is None:
        before = text.encode("utf-16-le", "surrogatepass")[: 2 * u]
        assert 0xD800 <= int.from_bytes(before[-2:], "little") <= 0xDBFF  # a high surrogate
    else:
        assert units.to_utf16(i) == u
