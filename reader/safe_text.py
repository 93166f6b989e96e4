"""The one boundary for untrusted text on its way to the screen.

Every string that came from outside the code (article text and metadata, file
and directory names, labels, config and theme keys and values, feed items, and
exception messages that quote any of them) passes through :func:`shown`
before a widget, a notification or an error line shows it.  Control
characters become visible stand-ins, so no escape sequence reaches the
terminal raw.  The result is plain text: callers show it with
``rich.text.Text`` or ``markup=False``, never as markup.
"""

from __future__ import annotations

import re

from reader.layout.chars import CONTROL_STAND_INS

_ONE_LINE = dict(CONTROL_STAND_INS)
_ONE_LINE["\t"] = "\u2409"  # ␉
_ONE_LINE["\n"] = "\u2424"  # ␤
_ONE_LINE["\u2029"] = "\u21b5"  # PARAGRAPH SEPARATOR: ↵
_MULTI_LINE = dict(_ONE_LINE)
del _MULTI_LINE["\n"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_ONE_LINE_TABLE = str.maketrans(_ONE_LINE)
_MULTI_LINE_TABLE = str.maketrans(_MULTI_LINE)


def shown(text: object, *, multiline: bool = False) -> str:
    """``text`` as it may be shown: controls (C0, DEL, C1, ESC) as visible stand-ins.

    Line breaks become ``␤`` unless ``multiline`` is true; lone surrogates,
    which no terminal encoding can carry, become ``�``.  The result is meant
    to be displayed literally: it is never parsed as markup.
    """
    s = text if isinstance(text, str) else str(text)
    s = s.translate(_MULTI_LINE_TABLE if multiline else _ONE_LINE_TABLE)
    if not s.isascii():
        s = _SURROGATE.sub("\ufffd", s)
    return s


def is_clean(text: str) -> bool:
    """True when ``text`` holds nothing :func:`shown` would replace (one-line rules)."""
    return shown(text) == text
