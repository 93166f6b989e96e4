"""The one boundary for untrusted text: nothing a terminal obeys gets through."""

from __future__ import annotations

from hostile import BIDI_CONTROLS
from hypothesis import given
from hypothesis import strategies as st

from reader.safe_text import invisible_format, is_clean, shown

# Every code point a terminal acts on: C0 (tab and newline included for one-line
# surfaces), DEL, C1, and the separators that break a line.
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
BIDI = list(BIDI_CONTROLS)  # and those a bidi-aware terminal obeys
# Text that holds them often, beside anything else.
texts = st.text(st.sampled_from(BIDI) | st.characters())


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


def test_bidi_controls_become_the_glyphs_show_formatting_draws() -> None:
    assert shown("X\x9b7mY\u202eZW") == "X\ufffd7mY\u21daZW"  # RLO: ⇚
    assert shown("\u202a\u202b\u202c\u202d") == "\u21d2\u21d0\u21d3\u21db"  # ⇒ ⇐ ⇓ ⇛
    assert shown("\u2066\u2067\u2068\u2069") == "\u21e5\u21e4\u21ff\u21df"  # ⇥ ⇤ ⇿ ⇟
    assert shown("\u200e\u200f\u061c") == "\u2192\u2190\u219e"  # → ← ↞


def test_for_the_engine_only_overrides_become_glyphs() -> None:
    # The engine obeys embeddings, isolates and marks and draws none of them;
    # an override would turn letters around: "\u202eLOC" would read "COL".
    assert shown("\u202eLOC\u202c", engine=True) == "\u21daLOC\u202c"
    assert shown("\u202dA", engine=True) == "\u21dbA"
    kept = "\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    assert shown(kept, engine=True) == kept
    assert shown("\x1b[1m\n", engine=True) == "\u241b[1m\u2424"


def test_the_first_invisible_format_character_is_named() -> None:
    assert invisible_format("A\u2060B\u202e") == "U+2060 WORD JOINER"
    assert invisible_format("\ufeffPER") == "U+FEFF ZERO WIDTH NO-BREAK SPACE"
    assert invisible_format("\u061cX") == "U+061C ARABIC LETTER MARK"
    assert invisible_format("PER") is None and invisible_format("شخص ⇚") is None


def test_arabic_and_non_text_values_pass_through() -> None:
    assert shown("العراق 2022") == "العراق 2022"
    assert shown(42) == "42"


@given(texts)
def test_no_control_survives(text: str) -> None:
    out = shown(text)
    assert not any(ch in out for ch in CONTROLS + BIDI)
    assert not any("\ud800" <= ch <= "\udfff" for ch in out)
    assert "\u2028" not in out and "\u2029" not in out
    out.encode("utf-8")  # always encodable for the terminal


@given(texts, st.booleans())
def test_for_the_engine_no_control_nor_override_survives(text: str, multiline: bool) -> None:
    out = shown(text, multiline=multiline, engine=True)
    assert not any(
        ch in out for ch in [*CONTROLS, "\u202d", "\u202e"] if ch != "\n" or not multiline
    )
    assert not any("\ud800" <= ch <= "\udfff" for ch in out)


@given(texts)
def test_shown_is_idempotent_and_clean(text: str) -> None:
    once = shown(text)
    assert shown(once) == once
    assert is_clean(once)
