"""Keyboard layouts as data: what each physical key sends on a non-Latin layout.

An Arabic annotator who searched in Arabic and forgot to switch back sends ش
for ``a`` and ت for ``j``.  Each table here maps what a layout sends to the
character the same physical key sends on a US (QWERTY) layout, so the
interface can run the binding of that key.  Only characters outside ASCII
are mapped: an ASCII character is what a Latin layout sends, and keeps its
own meaning.  Adding a layout is adding a table.

Sources: Windows "Arabic (101)" and xkb ``ara`` (the lam-alef keys, which
Windows sends as two characters, are the single ligatures xkb sends);
ISIRI 9147 (Windows "Persian (Standard)"); SI-1452 (Windows "Hebrew").
Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["LAYOUTS", "KeyboardLayout", "physical_key"]

# The US keys in the order the tables below give them: unshifted, then shifted.
_US = "` 1 2 3 4 5 6 7 8 9 0 q w e r t y u i o p [ ] a s d f g h j k l ; ' z x c v b n m , . /"
_US_SHIFTED = "~ Q W E R T Y U I O P A S D F G H J K L Z X C V B N M ?"


@dataclass(frozen=True)
class KeyboardLayout:
    """A layout's name and, for each character it sends, the US key in the same place."""

    name: str
    keys: Mapping[str, str]


def _layout(name: str, sends: str, shifted: str) -> KeyboardLayout:
    """A layout from what it sends on the keys of :data:`_US` and
    :data:`_US_SHIFTED`, space-separated; ``-`` where the key is left out."""
    keys: dict[str, str] = {}
    for us, sent in (*zip(_US.split(), sends.split(), strict=True),
                     *zip(_US_SHIFTED.split(), shifted.split(), strict=True)):  # fmt: skip
        if sent != "-" and not sent.isascii():
            keys.setdefault(sent, us)
    return KeyboardLayout(name, MappingProxyType(keys))


ARABIC = _layout(
    "Arabic",
    "ذ - - - - - - - - - - ض ص ث ق ف غ ع ه خ ح ج د ش س ي ب ل ا ت ن م ك ط ئ ء ؤ ر \ufefb ى ة و ز ظ",
    "ّ َ ً ُ ٌ \ufef9 إ ‘ ÷ × ؛ ِ ٍ - - \ufef7 أ ـ ، - ~ ْ - - \ufef5 آ ’ ؟",
)
PERSIAN = _layout(
    "Persian",
    "- ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ ۰ ض ص ث ق ف غ ع ه خ ح ج چ ش س ی ب ل ا ت ن م ک گ ظ ط ز ر ذ د پ و - -",
    "- ْ ٌ ٍ ً ُ ِ َ ّ - - ؤ ئ ي إ أ آ ة » « ك ٓ ژ ٰ - ٔ ء ؟",
)
HEBREW = _layout(
    "Hebrew",
    "- - - - - - - - - - - - - ק ר א ט ו ן ם פ - - ש ד ג כ ע י ח ל ך ף - ז ס ב ה נ מ צ ת ץ -",
    "- - - - - - - - - - - - - - - - - - - - - - - - - - - -",
)

LAYOUTS: tuple[KeyboardLayout, ...] = (ARABIC, PERSIAN, HEBREW)
"""The layouts known, the first to claim a character wins unless another is preferred."""


def physical_key(character: str, prefer: str | None = None) -> tuple[str, str] | None:
    """``(layout name, US key)`` for a ``character`` some layout sends, else None.

    Arabic and Persian share letters on different keys (ز is ``.`` on the
    one, ``c`` on the other): the layout named ``prefer`` (the one seen
    last) is asked first, then the others in :data:`LAYOUTS` order.
    """
    ordered = sorted(LAYOUTS, key=lambda layout: layout.name != prefer)
    for layout in ordered:
        us = layout.keys.get(character)
        if us is not None:
            return layout.name, us
    return None
