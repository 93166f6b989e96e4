"""Tokens for annotation: the units a selection snaps to.

One regular expression splits a whole document at C speed.  Offsets are
Python str indices into the original text, end exclusive.  Whitespace
(``str.isspace``) is never a token nor inside one; every other character
belongs to exactly one token.  In order of preference a token is:

* a URL: ``http://`` or ``https://`` and the non-space characters after it,
  less trailing punctuation such as ``. , ) ؛ ،``;
* an e-mail address;
* a number with its inner separators kept whole: ``1,250,000``, ``2.5``,
  ``15/03/2024``, ``2024-03-15``, ``10:30``, ``٣٫٥``; a ``+`` just before it
  when the ``+`` follows no letter (``+964``); and a ``%``, ``٪`` or ``‰``
  right after it, so ``45%`` is one token (a percentage is one quantity);
* a word: letters, digits and combining marks (harakat, shadda, ...),
  tatweel, ZWNJ/ZWJ between letters, and an apostrophe or hyphen between
  Latin letters or digits (``O'Neill``, ``COVID-19``).  A possessive ``'s``
  is left out, so ``Obama's`` gives ``Obama`` ``'`` ``s``;
* any other character alone: punctuation (``، ؛ ؟ . ( « "`` ...), symbols,
  bidi marks and control characters.

Nothing here imports Textual.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeGuard

__all__ = [
    "Token",
    "checked_tokens",
    "source_tokens",
    "token_at",
    "tokenize",
    "tokens_in",
]


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text[start:end]`` of the document it came from."""

    start: int
    end: int

    def text_of(self, text: str) -> str:
        """The token's characters in ``text``, the document it was made from."""
        return text[self.start : self.end]


# Combining marks live in planes 0 and 1, and plane 14 holds the variation
# selectors supplement; scanning only those keeps the first call quick.
_MARK_PLANES = (range(0x20000), range(0xE0000, 0xE1000))

_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_TRAILING_PUNCT = r""".,;:!?)\]}>"'«»…؛،؟"""
_NUMBER_SEPARATORS = r".,/:\-\u066b\u066c"  # ٫ Arabic decimal, ٬ thousands


def _mark_class() -> str:
    """A regex class body for every combining mark (categories Mn, Mc, Me)."""
    ranges: list[tuple[int, int]] = []
    for plane in _MARK_PLANES:
        for code in plane:
            if unicodedata.category(chr(code))[0] != "M":
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """The tokenizer, compiled on first use."""
    word_char = rf"(?:[^\W_]|[{_mark_class()}])"
    # An apostrophe (not a possessive 's) or a hyphen between Latin letters.
    latin_joiner = rf"(?<=[{_LATIN}])(?:['\u2019](?![sS](?![{_LATIN}]))|-)(?=[{_LATIN}])"
    word = rf"{word_char}+(?:(?:[\u200c\u200d]+|{latin_joiner}){word_char}+)*"
    url = rf"(?i:https?)://\S*[^\s{_TRAILING_PUNCT}]"
    # Bounded parts keep a long run without whitespace linear to scan.
    email = r"[\w+\-][\w.+\-]{0,63}@[\w\-]{1,63}(?:\.[\w\-]{1,63})+"
    number = (
        rf"(?:(?<![^\W_])\+)?\d+(?:[{_NUMBER_SEPARATORS}]\d+)*[%\u066a\u2030]?"
        rf"(?![^\W_]|[\u200c\u200d])"
    )
    return re.compile(f"{url}|{email}|{number}|{word}|\\S")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens in document order (see the module docstring)."""
    return [Token(*m.span()) for m in _token_pattern().finditer(text)]


def _start_of(token: Token) -> int:
    return token.start


def _end_of(token: Token) -> int:
    return token.end


def token_at(tokens: Sequence[Token], offset: int) -> int | None:
    """The index of the token whose range holds ``offset``, or None.

    ``tokens`` must be sorted and non-overlapping, as :func:`tokenize` makes
    them.  An offset in whitespace, or outside the text, has no token.
    """
    i = bisect_right(tokens, offset, key=_start_of) - 1
    if i >= 0 and offset < tokens[i].end:
        return i
    return None


def tokens_in(tokens: Sequence[Token], start: int, end: int) -> range:
    """The indices of the tokens that overlap ``[start, end)``.

    The range is empty when ``start >= end`` or only whitespace is covered.
    """
    first = bisect_right(tokens, start, key=_end_of)  # first token ending after start
    if start >= end:
        return range(first, first)
    stop = bisect_left(tokens, end, key=_start_of)  # first token starting at/after end
    return range(first, max(first, stop))


def source_tokens(text: str, tokens: object) -> tuple[tuple[int, int], ...] | None:
    """The word tokens of a file's ``tokens`` list (dicts with ``start`` and ``end``).

    Whitespace tokens are dropped (they are the gaps between words).  None
    when the list is not usable: not sorted, overlapping, outside the text,
    or with whitespace inside a word.
    """
    if not isinstance(tokens, list):
        return None
    pairs = []
    for token in tokens:
        if not isinstance(token, Mapping):
            return None
        start, end = token.get("start"), token.get("end")
        if not (_whole(start) and _whole(end)):
            return None
        pairs.append((start, end))
    return checked_tokens(text, pairs)


def checked_tokens(
    text: str, pairs: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int], ...] | None:
    """``pairs`` less whitespace-only ones, or None if they are not word tokens of ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in pairs:
        if not pos <= start < end <= len(text):
            return None
        piece = text[start:end]
        if piece.isspace():
            pos = end
            continue
        if any(c.isspace() for c in piece):
            return None
        out.append((start, end))
        pos = end
    return tuple(out)


def _whole(value: object) -> TypeGuard[int]:
    """Whether ``value`` is an integer (a bool is not one)."""
    return isinstance(value, int) and not isinstance(value, bool)
