"""Word tokens of imported documents, and the saved tokens writers build from them.

Token-based formats (spaCy, CoNLL, XMI's tokens) are written from the
document's own tokens when its file had them (hamish, Prodigy, spaCy, CoNLL),
and from hamish's tokenizer otherwise; either way they are cut at every span
boundary (:func:`reader.annotation.tasks.saved_tokens`), so no span starts
or ends inside a token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from reader.annotation.tasks import saved_tokens
from reader.annotation.tokens import Token, tokenize
from reader.formats.model import SourceDoc, is_bool


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
        if not (isinstance(start, int) and isinstance(end, int)) or is_bool(start, end):
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


def word_tokens(doc: SourceDoc) -> list[Token]:
    """The document's own word tokens, or hamish's tokens of its text."""
    if doc.tokens is not None:
        return [Token(start, end) for start, end in doc.tokens]
    return tokenize(doc.text)


def doc_saved_tokens(doc: SourceDoc, spans: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    """Prodigy tokens ``{text, start, end, id, ws}`` for ``doc``, cut at its spans' edges.

    They cover the whole text, so ``Doc(words, spaces)`` rebuilds it exactly.
    """
    return saved_tokens(doc.text, word_tokens(doc), doc.spans if spans is None else spans)
