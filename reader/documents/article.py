"""An article: the text to read and annotate, and what is known about it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from reader.documents.frontmatter import split_front_matter
from reader.documents.reading import ARTICLE_LIMIT, read_text


@dataclass(frozen=True)
class Article:
    """A document's ``text`` (all offsets index it) and its metadata.

    An article read from another tool's annotation file has the ``spans`` it
    came with, ``(start, end, label)`` in code points of ``text``, and
    ``span_problems``, a line for each span that did not fit (left out);
    ``doc_id`` is the id that file gives it, if any.  ``direction`` is the
    direction its source asks for (a feed's override: ``rtl`` or ``ltr``);
    ``auto`` leaves it to the reader's setting.
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    spans: tuple[tuple[int, int, str], ...] = ()
    span_problems: tuple[str, ...] = ()
    doc_id: str | None = None
    direction: str = "auto"

    @property
    def title(self) -> str:
        """The title from the metadata, else the file name."""
        title = self.meta.get("title")
        if isinstance(title, str) and title.strip():
            return title
        return os.path.basename(self.path) or "untitled"


def load_article(path: str, limit: int = ARTICLE_LIMIT) -> Article:
    """Read a ``.txt`` or ``.md`` file (``-`` for standard input), front matter and all.

    Raises :class:`reader.documents.InputError` for anything unreadable, and
    for a file of more than ``limit`` bytes.
    """
    name = "<stdin>" if path == "-" else path
    meta, body = split_front_matter(read_text(path, limit), name)
    return Article(body, meta, path)
