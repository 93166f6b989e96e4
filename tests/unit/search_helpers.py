"""What the search tests share: the marks they spell words with, the issue's
tables of equivalent letters and of ignored characters, and a one-call search."""

from __future__ import annotations

import unicodedata

from reader.search import SearchIndex

FATHA, DAMMA, KASRA, SHADDA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
TANWIN_FATH, SUPERSCRIPT_ALEF = "\u064b", "\u0670"
TATWEEL, ZWNJ, ZWJ, RLM, LRM = "\u0640", "\u200c", "\u200d", "\u200f", "\u200e"

# Written out from the issue, independently of the module's tables.
EQUIVALENT = {
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    "\u0649": "\u064a",
    "\u0629": "\u0647",
    "\u06a9": "\u0643",
    "\u06cc": "\u064a",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

# The characters the issue says search skips, written out from it too.
ISSUE_IGNORABLE = (
    {chr(c) for c in range(0x0610, 0x061B)}
    | {chr(c) for c in range(0x064B, 0x0660)}
    | {"\u0670", TATWEEL, ZWNJ, ZWJ}
    | {chr(c) for c in range(0x06D6, 0x06DD)}
    | {chr(c) for c in range(0x06DF, 0x06E5)}
    | {chr(c) for c in range(0x06E7, 0x06E9)}
    | {chr(c) for c in range(0x06EA, 0x06EE)}
    | {"\u200e", "\u200f", "\u061c"}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
    | {chr(c) for c in range(0x0591, 0x05C8) if unicodedata.category(chr(c)) == "Mn"}
)


def find(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text``, as (start, end) offsets."""
    return SearchIndex(text).find(query)
