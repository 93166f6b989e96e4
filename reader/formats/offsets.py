"""Code points (Python ``str`` indices) to and from UTF-16 code units.

doccano, INCEpTION's XMI and WebAnno TSV count UTF-16 code units, as
JavaScript and Java strings do; hamish, Prodigy, Label Studio and brat count
code points.  The two agree until the first character beyond U+FFFF (an
emoji, a rare CJK ideograph), which takes two UTF-16 units, a surrogate
pair; after it every offset differs by one more.

A map costs one pass over the text at C speed and memory in proportion to
the number of such characters, which is usually none.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Offsets of one text in code points and in UTF-16 code units."""

    def __init__(self, text: str) -> None:
        """Index the characters of ``text`` that take two UTF-16 units."""
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Where each of them starts, counted in UTF-16 units.
        self._astral16 = [cp + i for i, cp in enumerate(self._astral)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code point offset ``offset`` (0 to ``len(text)``).

        Raises ValueError outside the text.
        """
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} is outside the text (0-{self.length})")
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, offset: int) -> int | None:
        """The code point offset of UTF-16 offset ``offset``.

        None when ``offset`` is outside the text or falls between the two
        halves of a surrogate pair, where no code point offset is.
        """
        if not 0 <= offset <= self.utf16_length:
            return None
        before = bisect_left(self._astral16, offset)  # pairs starting before offset
        if before and self._astral16[before - 1] + 1 == offset:
            return None
        return offset - before
