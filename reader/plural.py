"""Counts in words: ``1 document``, ``2 documents``, ``1 new entry``, ``3 new entries``.

Every count message of the command line and the screens goes through
:func:`counted`, so that 1 is never "1 documents".  Nothing here imports Textual.
"""

from __future__ import annotations

__all__ = ["counted", "have_spans"]


def counted(n: int, one: str, many: str = "", *, grouped: bool = False) -> str:
    """``n`` and the noun: ``one`` for 1, else ``many`` (by default ``one`` + "s");
    ``grouped`` writes thousands with commas (``12,345 lines``)."""
    number = f"{n:,}" if grouped else str(n)
    return f"{number} {one if n == 1 else many or one + 's'}"


def have_spans(n: int) -> str:
    """``1 document has spans``, ``3 documents have spans``."""
    return f"{counted(n, 'document')} {'has' if n == 1 else 'have'} spans"
