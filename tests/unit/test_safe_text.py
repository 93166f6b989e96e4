"""The one boundary for untrusted text: nothing a terminal obeys gets through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.safe_text import is_clean, shown

# Every code point a terminal acts on: C0 (tab and newline included for one-line
# surfaces), DEL, C1, and the separators that break a line.
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]


def test_an_osc_title_sequence_is_drawn_as_text() -> None:
    assert shown("\x1b]2;PWN\x07") == "\u241b]2;PWN\u2407"  # ␛]2;PWN␇


def test_eight_bit_csi_and_osc_become_replacement_characters() -> None:
    assert shown("a\x9b2Jb\x9d0;x") == "a\ufffd2Jb\ufffd0;x"


def test_line_breaks_are_visible_on_one_line_surfaces_and_kept_on_others() -> None:
    assert shown("a\nb\tc\u2028d\u2029e") == "a\u2424b\u2409c\u21b5d\u21b5e"
    assert shown("a\nb", multiline=True) == "a\nb"
    assert shown("a\r\nb", multiline=True) == "a\u240d\nb"  # CR is a control: ␍


def test_lone_surrogates_become_replacement_characters() -> None:
    assert shown("x\ud800y\udfffz") == "x\ufffdy\ufffdz"


def test_markup_is_left_as_it_is_for_a_literal_display() -> None:
    text = "[@click=app.quit]go[/] [link=https://x]y[/link] [bold]z"
    assert shown(text) == text


def test_arabic_and_non_text_values_pass_through() -> None:
    assert shown("العراق 2022") == "العراق 2022"
    assert shown(42) == "42"


@given(st.text())
def test_no_control_survives(text: str) -> None:
    out = shown(text)
    assert not any(ch in out for ch in CONTROLS)
    assert not any("\ud800" <= ch <= "\udfff" for ch in out)
    assert "\u2028" not in out and "\u2029" not in out
    out.encode("utf-8")  # always encodable for the terminal


@given(st.text())
def test_shown_is_idempotent_and_clean(text: str) -> None:
    once = shown(text)
    assert shown(once) == once
    assert is_clean(once)
