"""The one boundary for untrusted text on its way to the screen.

Every string that came from outside the code (article text and metadata, file
and directory names, labels, config and theme keys and values, feed items, and
exception messages that quote any of them) passes through :func:`shown`
before a widget, a notification or an error line shows it.  Control
characters become visible stand-ins, so no escape sequence reaches the
terminal raw.  The result is plain text: callers show it with
``rich.text.Text`` or ``markup=False``, never as markup.

Bidi formatting characters (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM,
RLM, ALM) are obeyed by a bidi-aware terminal, which would reorder a row that
hamish has already put in visual order.  So they never reach it raw either:

- where the text is drawn as it is (table cells, notices, the footer, error
  lines), each becomes the glyph ``--show-formatting`` draws in the article:
  ``⇒ ⇐ ⇓ ⇛ ⇚ ⇥ ⇤ ⇿ ⇟ → ← ↞``;
- where the text goes on to hamish's own engine (``shown(text, engine=True)``:
  the legend, the picker, the status and message lines, titles), the engine
  obeys them and draws none of them, as in the article, but the overrides
  (LRO, RLO) still become ``⇛ ⇚``: they turn a word's letters around, so that
  ``<RLO>LOC`` would read as another label, ``COL``.

The article body alone obeys every control (the bidi algorithm's conformance
depends on it); its rows never hold one raw either.
"""

from __future__ import annotations

import re
import unicodedata

from reader.layout.chars import BIDI_FORMAT_GLYPHS, CONTROL_STAND_INS

_OVERRIDES = "\u202d\u202e"  # LRO, RLO

_ONE_LINE = dict(CONTROL_STAND_INS)
_ONE_LINE["\t"] = "\u2409"  # ␉
_ONE_LINE["\n"] = "\u2424"  # ␤
_ONE_LINE["\u2029"] = "\u21b5"  # PARAGRAPH SEPARATOR: ↵
_MULTI_LINE = dict(_ONE_LINE)
del _MULTI_LINE["\n"]
_FOR_ENGINE = {ch: BIDI_FORMAT_GLYPHS[ch] for ch in _OVERRIDES}

_SURROGATE = re.compile("[\ud800-\udfff]")
_TABLES = {
    (multiline, engine): str.maketrans(
        (_MULTI_LINE if multiline else _ONE_LINE) | (_FOR_ENGINE if engine else BIDI_FORMAT_GLYPHS)
    )
    for multiline in (False, True)
    for engine in (False, True)
}


def shown(text: object, *, multiline: bool = False, engine: bool = False) -> str:
    """``text`` as it may be shown: controls (C0, DEL, C1, ESC) and bidi
    formatting characters as visible stand-ins.

    Line breaks become ``␤`` unless ``multiline`` is true; lone surrogates,
    which no terminal encoding can carry, become ``�``.  With ``engine`` the
    text goes on to hamish's layout engine, which obeys bidi formatting and
    draws none of it: only the overrides become stand-ins.  The result is
    meant to be displayed literally: it is never parsed as markup.
    """
    s = text if isinstance(text, str) else str(text)
    s = s.translate(_TABLES[multiline, engine])
    if not s.isascii():
        s = _SURROGATE.sub("\ufffd", s)
    return s


def is_clean(text: str) -> bool:
    """True when ``text`` holds nothing :func:`shown` would replace (one-line rules)."""
    return shown(text) == text


def invisible_format(text: str) -> str | None:
    """The first invisible format character in ``text`` (Unicode's category Cf:
    bidi controls, ZWSP, ZWJ, ZWNJ, word joiner, BOM ...) named, as
    ``U+202E RIGHT-TO-LEFT OVERRIDE``; None when there is none.

    For names that must not pass for one another, such as labels.
    """
    found = next((ch for ch in text if unicodedata.category(ch) == "Cf"), None)
    if found is None:
        return None
    return f"U+{ord(found):04X} {unicodedata.name(found, '')}".rstrip()


def formats_marked(text: str) -> str:
    """``text`` with each invisible format character (category Cf) written as
    ``⟨U+200B⟩``: for a message about such a character, which must show where it is."""
    if text.isascii():
        return text
    return "".join(f"⟨U+{ord(ch):04X}⟩" if unicodedata.category(ch) == "Cf" else ch for ch in text)
