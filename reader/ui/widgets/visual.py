"""Short strings (messages, queries) drawn the way the engine draws articles."""

from __future__ import annotations

from reader.layout import DocumentLayout, LayoutOptions
from reader.safe_text import shown

WIDE = 1000


def visual_line(text: str, options: LayoutOptions | None = None) -> str:
    """``text`` on one line, shaped and in visual order; plain text for Rich.

    For a message that mixes a sentence with, say, an Arabic query.  Line
    breaks become spaces; control characters and bidi overrides become their
    stand-ins, other bidi formatting is obeyed and not drawn
    (:func:`reader.safe_text.shown` with ``engine``).
    """
    return " ".join(visual_rows(text, WIDE, options))


def visual_rows(text: str, width: int, options: LayoutOptions | None = None) -> list[str]:
    """``text`` laid out at ``width`` cells (at least 2) as :func:`visual_line`
    draws it: its rows top to bottom, each shaped and in visual order."""
    flat = shown(" ".join(text.splitlines()), engine=True)
    if not flat:
        return []
    return [r.visual for r in DocumentLayout(flat, width, options or LayoutOptions()).rows]


def isolate(text: str) -> str:
    """``text`` as a first-strong isolate, so it keeps its own direction inside a sentence."""
    return f"\u2068{text}\u2069"
