"""What each character becomes on screen: stand-ins, hidden marks, cell widths.

Article text is untrusted.  Nothing here alters the text itself; it only
decides which glyph stands for a character in a terminal cell.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

TAB = "\t"
ZWJ = "\u200d"
ZWNJ = "\u200c"
TATWEEL = "\u0640"
DOTTED_CIRCLE = "\u25cc"

# Explicit bidi formatting characters.  The algorithm obeys them; the display
# leaves them out unless asked to show them, and then uses these glyphs.
BIDI_FORMAT_GLYPHS: dict[str, str] = {
    "\u200e": "\u2192",  # LRM  →
    "\u200f": "\u2190",  # RLM  ←
    "\u061c": "\u219e",  # ALM  ↞
    "\u202a": "\u21d2",  # LRE  ⇒
    "\u202b": "\u21d0",  # RLE  ⇐
    "\u202c": "\u21d3",  # PDF  ⇓
    "\u202d": "\u21db",  # LRO  ⇛
    "\u202e": "\u21da",  # RLO  ⇚
    "\u2066": "\u21e5",  # LRI  ⇥
    "\u2067": "\u21e4",  # RLI  ⇤
    "\u2068": "\u21ff",  # FSI  ⇿
    "\u2069": "\u21df",  # PDI  ⇟
}
ISOLATE_INITIATORS = frozenset("\u2066\u2067\u2068")
PDI = "\u2069"


def _control_stand_ins() -> dict[str, str]:
    table = {chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"}
    table["\x7f"] = "\u2421"  # ␡
    for c in range(0x80, 0xA0):
        table[chr(c)] = "\ufffd"
    table["\u2028"] = "\u21b5"  # LINE SEPARATOR: ↵, never a raw line break
    return table


#: Control characters (C0 but tab and newline, DEL, C1) and U+2028, each drawn
#: as one visible cell.  A paragraph never contains a newline.
CONTROL_STAND_INS: dict[str, str] = _control_stand_ins()


def stand_in(ch: str) -> str | None:
    """The visible glyph that replaces a control character, or None for others."""
    glyph = CONTROL_STAND_INS.get(ch)
    if glyph is None and "\ud800" <= ch <= "\udfff":
        return "\ufffd"  # a lone surrogate cannot be encoded for the terminal
    return glyph


def _is_harakah(cp: int) -> bool:
    return (
        0x0610 <= cp <= 0x061A
        or 0x064B <= cp <= 0x065F
        or cp == 0x0670
        or 0x06D6 <= cp <= 0x06DC
        or 0x06DF <= cp <= 0x06E4
        or 0x06E7 <= cp <= 0x06E8
        or 0x06EA <= cp <= 0x06ED
        or 0x08D3 <= cp <= 0x08FF
        and cp != 0x08E2
        or 0x0591 <= cp <= 0x05C7
        and unicodedata.category(chr(cp)) == "Mn"
    )


# Kinds of character, as the shaper sees them.
BASE = 0  # takes one or two cells of its own
MARK = 1  # zero width, drawn after its base (combining marks)
HARAKAH = 2  # an Arabic or Hebrew vowel mark: a MARK that can be hidden
INVISIBLE = 3  # zero width and never drawn (ZWJ, ZWNJ, other format characters)
BIDI_FORMAT = 4  # explicit bidi formatting: hidden, or drawn as a stand-in
CONTROL = 5  # drawn as a one-cell stand-in


@lru_cache(maxsize=8192)
def kind(ch: str) -> int:
    """Classify one character for shaping and display."""
    if ch in BIDI_FORMAT_GLYPHS:
        return BIDI_FORMAT
    if stand_in(ch) is not None:
        return CONTROL
    cp = ord(ch)
    if _is_harakah(cp):
        return HARAKAH
    category = unicodedata.category(ch)
    if category == "Cf":
        return INVISIBLE
    if category in ("Mn", "Me"):
        return MARK
    if get_character_cell_size(ch) == 0:
        return MARK if category == "Mc" else INVISIBLE
    return BASE


def glyph_width(glyph: str) -> int:
    """Cells a glyph (a base with its marks) takes, measured as Rich measures it."""
    return cell_len(glyph)
