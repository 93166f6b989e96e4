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
    flat = shown(" ".join(text.splitlines()), engine=True)
    if not flat:
        return ""
    rows = DocumentLayout(flat, WIDE, options or LayoutOptions()).rows
    return " ".join(r.visual for r in rows)


def isolate(text: str) -> str:
    """``text`` as a first-strong isolate, so it keeps its own direction inside a sentence."""
    return f"\u2068{text}\u2069"
