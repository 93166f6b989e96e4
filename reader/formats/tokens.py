"""Word tokens of imported documents, and the saved tokens writers build from them.

Token-based formats (spaCy, CoNLL, XMI's tokens) are written from the
document's own tokens when its file had them (hamish, Prodigy, spaCy, CoNLL),
and from hamish's tokenizer otherwise; either way they are cut at every span
boundary (:func:`reader.annotation.tasks.saved_tokens`), so no span starts
or ends inside a token.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.annotation.tasks import saved_tokens
from reader.annotation.tokens import Token, checked_tokens, source_tokens, tokenize
from reader.formats.model import SourceDoc

__all__ = ["checked_tokens", "doc_saved_tokens", "source_tokens", "word_tokens"]


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
