"""Transliteration for reviewers who do not read the script: Buckwalter or DIN 31635.

Buckwalter (Tim Buckwalter's table, as in the Penn Arabic Treebank) writes
each Arabic letter and mark as one ASCII character, so it can be turned back
(:func:`from_buckwalter`).  DIN 31635 is the German standard (used by most
Arabists), letter by letter here: long vowels as written (ا ā, و w, ي y),
harakat as short vowels, ة as a.

Persian and Urdu letters are covered: those Buckwalter's table has no place
for take the letters of the extended Buckwalter table (پ P, چ J, ژ R, ڤ V,
گ G), and the rest the letters hamish gives them (listed in
:data:`PERSIAN_URDU_BUCKWALTER`), so Persian and Urdu stay reversible too;
in DIN style they take the usual Persian/Urdu romanisation (پ p, چ č, ژ ž,
گ g, ٹ ṭ, ڈ ḍ, ڑ ṛ, ں ṉ, ے e).  Anything else (Latin, digits, spaces) is
kept as it is.  Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "BUCKWALTER",
    "DIN_31635",
    "PERSIAN_URDU_BUCKWALTER",
    "SCHEMES",
    "from_buckwalter",
    "transliterate",
]

_ARABIC_BUCKWALTER = {
    "ء": "'", "آ": "|", "أ": ">", "ؤ": "&", "إ": "<", "ئ": "}", "ا": "A", "ب": "b",
    "ة": "p", "ت": "t", "ث": "v", "ج": "j", "ح": "H", "خ": "x", "د": "d", "ذ": "*",
    "ر": "r", "ز": "z", "س": "s", "ش": "$", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "ع": "E", "غ": "g", "ـ": "_", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ى": "Y", "ي": "y", "ً": "F", "ٌ": "N", "ٍ": "K",
    "َ": "a", "ُ": "u", "ِ": "i", "ّ": "~", "ْ": "o", "ٰ": "`", "ٱ": "{",
}  # fmt: skip

PERSIAN_URDU_BUCKWALTER: Mapping[str, str] = MappingProxyType({
    "پ": "P", "چ": "J", "ژ": "R", "ڤ": "V", "گ": "G",  # extended Buckwalter
    "ک": "B", "ی": "I", "ٹ": "C", "ڈ": "W", "ڑ": "X", "ں": "M", "ے": "e", "ھ": "c",
    "ہ": "L", "ۃ": "O", "ۓ": "U", "ۂ": "Q",  # hamish's: the ASCII letters left
})  # fmt: skip

BUCKWALTER: Mapping[str, str] = MappingProxyType({**_ARABIC_BUCKWALTER, **PERSIAN_URDU_BUCKWALTER})

DIN_31635: Mapping[str, str] = MappingProxyType({
    "ء": "ʾ", "آ": "ʾā", "أ": "ʾ", "ؤ": "ʾ", "إ": "ʾ", "ئ": "ʾ", "ا": "ā", "ٱ": "",
    "ب": "b", "ة": "a", "ت": "t", "ث": "ṯ", "ج": "ǧ", "ح": "ḥ", "خ": "ḫ", "د": "d",
    "ذ": "ḏ", "ر": "r", "ز": "z", "س": "s", "ش": "š", "ص": "ṣ", "ض": "ḍ", "ط": "ṭ",
    "ظ": "ẓ", "ع": "ʿ", "غ": "ġ", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ى": "ā", "ي": "y", "ـ": "", "َ": "a", "ُ": "u",
    "ِ": "i", "ً": "an", "ٌ": "un", "ٍ": "in", "ّ": "", "ْ": "", "ٰ": "ā",
    "پ": "p", "چ": "č", "ژ": "ž", "ڤ": "v", "گ": "g", "ک": "k", "ی": "y", "ٹ": "ṭ",
    "ڈ": "ḍ", "ڑ": "ṛ", "ں": "ṉ", "ے": "e", "ھ": "h", "ہ": "h", "ۃ": "a", "ۓ": "e",
    "ۂ": "a",
})  # fmt: skip

SCHEMES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"Buckwalter": BUCKWALTER, "DIN 31635": DIN_31635}
)
"""The schemes by name; the first is the default."""

_DIN_VOWELS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0652\u0670")

_FROM_BUCKWALTER = {latin: letter for letter, latin in BUCKWALTER.items()}


def transliterate(text: str, scheme: str = "Buckwalter") -> str:
    """``text`` in the Latin letters of ``scheme`` (a key of :data:`SCHEMES`).

    A shadda in DIN style doubles the consonant before it (محمّد → muḥammad
    when vowelled).  Characters the scheme has no letter for stay as they are.
    """
    table = SCHEMES[scheme]
    din = scheme == "DIN 31635"
    out: list[str] = []
    consonant = -1  # where in ``out`` the last consonant is (DIN: shadda doubles it)
    for ch in text:
        if din and ch == "\u0651":
            if consonant >= 0:
                out.insert(consonant + 1, out[consonant])
            continue
        if din and ch not in _DIN_VOWELS:
            consonant = len(out)
        out.append(table.get(ch, ch))
    return "".join(out)


def from_buckwalter(text: str) -> str:
    """Arabic script back from Buckwalter (every letter of :data:`BUCKWALTER`)."""
    return "".join(_FROM_BUCKWALTER.get(ch, ch) for ch in text)
