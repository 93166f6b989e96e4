"""What a screen asks of the app: messages up.

Screens post these and the app alone changes the screen stack (state down,
messages up).  Each bubbles from the screen that posts it to the `HamishApp`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.documents import Article
from reader.library import Library, Position


@dataclass
class OpenDocument(Message):
    """Read (or annotate) the library's document at ``position``."""

    position: Position


@dataclass
class ReadArticle(Message):
    """Read (or annotate) one article that is no file of the library (a news entry)."""

    article: Article


class ShowLibrary(Message):
    """Back to the library."""


@dataclass
class LibraryEnd(Message):
    """Past the last document of ``library`` (at ``position``): on a shared store's
    queue, the app claims the next ones; else there is none."""

    library: Library
    position: Position
