"""Arabic-aware text search that reports offsets into the original text.

Search ignores harakat, tatweel, joiners and bidi marks, and treats the
common spelling variants as the same letter: the alef forms, ya and alef
maqsura, ta marbuta and ha, Persian and Arabic kaf and ya, and Arabic-Indic,
Persian and ASCII digits.  Latin letters match without regard to case.

It works in two steps, both at C speed on a whole document:

1. :func:`fold` maps characters one to one, so the folded text has exactly the
   length of the original and a match's offsets need no translation.
2. The folded query, with its ignorable characters removed, becomes a regular
   expression that lets ignorable characters follow each of its letters.

Nothing here imports Textual; a test holds it to that.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

__all__ = ["IGNORABLE", "SearchIndex", "fold", "strip_ignorables"]

# (variant, letter it is searched as).  Each pair is one character to one
# character, so folding never changes a text's length.
_FOLD_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u0623", "\u0627"),  # أ alef with hamza above  -> ا
    ("\u0625", "\u0627"),  # إ alef with hamza below  -> ا
    ("\u0622", "\u0627"),  # آ alef with madda        -> ا
    ("\u0671", "\u0627"),  # ٱ alef wasla             -> ا
    ("\u0649", "\u064a"),  # ى alef maqsura           -> ي
    ("\u0629", "\u0647"),  # ة ta marbuta             -> ه
    ("\u06a9", "\u0643"),  # ک Persian kaf (keheh)    -> ك
    ("\u06cc", "\u064a"),  # ی Farsi yeh              -> ي
    *((chr(0x0660 + d), str(d)) for d in range(10)),  # ٠-٩ Arabic-Indic digits
    *((chr(0x06F0 + d), str(d)) for d in range(10)),  # ۰-۹ Persian digits
)

# Code point ranges (inclusive) of the characters a match skips over.
_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0610, 0x061A),  # Arabic signs above and below (honorifics, small letters)
    (0x064B, 0x065F),  # harakat: tanwin, fatha, damma, kasra, shadda, sukun, ...
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06DC),  # Quranic annotation signs
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0640, 0x0640),  # tatweel
    (0x200C, 0x200D),  # ZWNJ, ZWJ
    (0x200E, 0x200F),  # LRM, RLM
    (0x061C, 0x061C),  # ALM
    (0x202A, 0x202E),  # LRE, RLE, PDF, LRO, RLO
    (0x2066, 0x2069),  # LRI, RLI, FSI, PDI
    # Hebrew points and cantillation marks (the Mn characters of U+0591-U+05C7).
    (0x0591, 0x05BD),
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C5),
    (0x05C7, 0x05C7),
)

#: Every character that search skips: marks, tatweel, joiners, bidi controls.
IGNORABLE: frozenset[str] = frozenset(
    chr(c) for lo, hi in _IGNORABLE_RANGES for c in range(lo, hi + 1)
)

# A regex character class body matching exactly IGNORABLE.
_IGN_CLASS = "".join(
    re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
    for lo, hi in _IGNORABLE_RANGES
)
_IGN_RUN = f"[{_IGN_CLASS}]*"
# Whitespace in a query matches any run of whitespace, with ignorable
# characters allowed among it.
_SPACE_RUN = rf"\s[\s{_IGN_CLASS}]*"
_STRIP_IGNORABLE = re.compile(f"[{_IGN_CLASS}]+")


def fold(text: str) -> str:
    """Return ``text`` with spelling variants replaced by one letter each.

    The result has the same length as ``text``: each character maps to exactly
    one character, so an offset into the folded text is an offset into
    ``text``.  Marks and tatweel are left in place; case is left alone.
    """
    # A chain of str.replace runs about ten times faster than str.translate
    # on a large document and gives the same one-to-one result.
    for variant, letter in _FOLD_PAIRS:
        text = text.replace(variant, letter)
    return text


def strip_ignorables(text: str) -> str:
    """Return ``text`` without the characters in :data:`IGNORABLE`."""
    return _STRIP_IGNORABLE.sub("", text)


@lru_cache(maxsize=64)
def _pattern(query: str) -> re.Pattern[str] | None:
    """The compiled pattern for ``query``, or None when it can match nothing."""
    needle = strip_ignorables(fold(query))
    parts: list[str] = []
    for token in re.split(r"(\s+)", needle):
        if not token:
            continue
        if token.isspace():
            parts.append(_SPACE_RUN)
        else:
            parts.extend(re.escape(ch) + _IGN_RUN for ch in token)
    if not parts:
        return None
    return re.compile("".join(parts), re.IGNORECASE)


def _start(match: tuple[int, int]) -> int:
    return match[0]


class SearchIndex:
    """Search over one document, which is folded once, on the first search.

    Matches are ``(start, end)`` Python string offsets into the original text,
    end exclusive.  A match starts at the first character of the query's text
    and runs past any ignorable characters (marks, tatweel, joiners, bidi
    marks) after its last letter.  Matches never overlap.
    """

    __slots__ = ("_folded", "_last", "_text")

    def __init__(self, text: str) -> None:
        """Index ``text``; nothing is computed until the first search."""
        self._text = text
        self._folded: str | None = None
        self._last: tuple[str, tuple[tuple[int, int], ...]] | None = None

    @property
    def text(self) -> str:
        """The original text searched."""
        return self._text

    def _matches(self, query: str) -> tuple[tuple[int, int], ...]:
        if self._last is not None and self._last[0] == query:
            return self._last[1]
        pattern = _pattern(query)
        found: tuple[tuple[int, int], ...] = ()
        if pattern is not None:
            if self._folded is None:
                self._folded = fold(self._text)
            found = tuple(m.span() for m in pattern.finditer(self._folded))
        self._last = (query, found)
        return found

    def find(self, query: str) -> list[tuple[int, int]]:
        """Return every match of ``query`` in document order.

        An empty query, or one made only of ignorable characters, finds
        nothing.
        """
        return list(self._matches(query))

    def find_from(self, query: str, offset: int, backwards: bool = False) -> tuple[int, int] | None:
        """Return the match to move to from ``offset``, wrapping around.

        Forwards, this is the first match starting at or after ``offset``, or
        else the first match in the document.  Backwards, it is the last match
        starting strictly before ``offset``, or else the last match in the
        document.  None when the query matches nothing.
        """
        found = self._matches(query)
        if not found:
            return None
        i = bisect_left(found, offset, key=_start)  # first match starting at/after offset
        if backwards:
            return found[i - 1]  # i == 0 wraps to found[-1]
        return found[i] if i < len(found) else found[0]
