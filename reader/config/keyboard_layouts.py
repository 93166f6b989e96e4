"""Keyboard layouts as data: what each physical key sends on a non-Latin layout.

An Arabic annotator who searched in Arabic and forgot to switch back sends ش
for ``a`` and ت for ``j``.  Each table here maps what a layout sends to the
character the same physical key sends on a US (QWERTY) layout, so the
interface can run the binding of that key.  Adding a layout is adding a table.

Some keys send ASCII punctuation from another place: Shift+] sends ``>`` on
the Arabic layout, ``/`` sends ``.`` on the Hebrew one.  Those are in
:attr:`KeyboardLayout.punctuation`, apart from the letters, because a Latin
layout sends the same characters for keys of their own: the interface asks
them only about a key it has no binding for.

Sources: Windows "Arabic (101)" and xkb ``ara`` (the lam-alef keys, which
Windows sends as two characters, are the single ligatures xkb sends; Shift+[
and Shift+] send ``<`` and ``>``); ISIRI 9147 (Windows "Persian (Standard)",
whose Shift+[ and Shift+] send ``}`` and ``{``, mirrored); SI-1452 (Windows
"Hebrew", whose bracket keys are mirrored the same way).
Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["LAYOUTS", "KeyboardLayout", "layout_of_typed", "physical_key"]

# The US keys in the order the tables below give them: unshifted, then shifted.
_US = "` 1 2 3 4 5 6 7 8 9 0 q w e r t y u i o p [ ] a s d f g h j k l ; ' z x c v b n m , . /"
_US_SHIFTED = "~ Q W E R T Y U I O P A S D F G H J K L Z X C V B N M ?"
_US_PUNCTUATION = '( ) { } < > "'  # shifted keys the two rows above leave out


@dataclass(frozen=True)
class KeyboardLayout:
    """A layout's name and, for each character it sends, the US key in the same place."""

    name: str
    keys: Mapping[str, str]
    punctuation: Mapping[str, str]
    """ASCII sent by a key whose US twin sends something else (``>`` for ``}``)."""


def _layout(name: str, sends: str, shifted: str, punctuation: str) -> KeyboardLayout:
    """A layout from what it sends on the keys of :data:`_US`,
    :data:`_US_SHIFTED` and :data:`_US_PUNCTUATION`, space-separated; ``-``
    where the key is left out (or sends what the US key sends)."""
    keys: dict[str, str] = {}
    ascii_keys: dict[str, str] = {}
    for us, sent in (*zip(_US.split(), sends.split(), strict=True),
                     *zip(_US_SHIFTED.split(), shifted.split(), strict=True),
                     *zip(_US_PUNCTUATION.split(), punctuation.split(), strict=True)):  # fmt: skip
        if sent != "-" and sent != us:
            (ascii_keys if sent.isascii() else keys).setdefault(sent, us)
    return KeyboardLayout(name, MappingProxyType(keys), MappingProxyType(ascii_keys))


ARABIC = _layout(
    "Arabic",
    "ذ - - - - - - - - - - ض ص ث ق ف غ ع ه خ ح ج د ش س ي ب ل ا ت ن م ك ط ئ ء ؤ ر \ufefb ى ة و ز ظ",
    "ّ َ ً ُ ٌ \ufef9 إ ‘ ÷ × ؛ ِ ٍ ] [ \ufef7 أ ـ ، / ~ ْ } { \ufef5 آ ’ ؟",
    ") ( < > , . -",
)
PERSIAN = _layout(
    "Persian",
    "- ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ ۰ ض ص ث ق ف غ ع ه خ ح ج چ ش س ی ب ل ا ت ن م ک گ ظ ط ز ر ذ د پ و - -",
    "÷ ْ ٌ ٍ ً ُ ِ َ ّ ] [ ؤ ئ ي إ أ آ ة » « ك ٓ ژ ٰ - ٔ ء ؟",
    ") ( } { > < ؛",
)
HEBREW = _layout(
    "Hebrew",
    "; - - - - - - - - - - / ' ק ר א ט ו ן ם פ ] [ ש ד ג כ ע י ח ל ך ף , ז ס ב ה נ מ צ ת ץ .",
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - -",
    "- - - - - - -",
)

LAYOUTS: tuple[KeyboardLayout, ...] = (ARABIC, PERSIAN, HEBREW)
"""The layouts known, the first to claim a character wins unless another is preferred."""


def physical_key(character: str, prefer: str | None = None) -> tuple[str, str] | None:
    """``(layout name, US key)`` for a ``character`` some layout sends, else None.

    Arabic and Persian share letters on different keys (ز is ``.`` on the
    one, ``c`` on the other): the layout named ``prefer`` (the one seen
    last) is asked first, then the others in :data:`LAYOUTS` order.  An
    ASCII ``character`` is looked up in the tables' punctuation: ask only
    about a key that does nothing of its own.
    """
    ordered = sorted(LAYOUTS, key=lambda layout: layout.name != prefer)
    for layout in ordered:
        table = layout.punctuation if character.isascii() else layout.keys
        us = table.get(character)
        if us is not None:
            return layout.name, us
    return None


def _own_characters() -> dict[str, str]:
    """Each character only one layout sends (پ, ک, ۴; א), and that layout's name."""
    own: dict[str, str] = {}
    for layout in LAYOUTS:
        others = {ch for other in LAYOUTS if other is not layout for ch in other.keys}
        own.update((ch, layout.name) for ch in layout.keys if ch not in others)
    return own


_OWN = _own_characters()


def layout_of_typed(text: str) -> str | None:
    """The layout ``text`` was typed on, by the last character in it that only
    one layout sends (ک or ی: Persian; ى: Arabic); None if no character tells.

    Text typed into the search box or the label filter is never remapped, but
    it is evidence of the layout that is active.
    """
    for character in reversed(text):
        name = _OWN.get(character)
        if name is not None:
            return name
    return None
