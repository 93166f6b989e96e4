"""What the news screen lists, read in one go off the event loop, and searched.

Search uses the same Arabic-aware folding as the library and article search
(:func:`reader.search.fold`): harakat, tatweel and joiners are ignored, alef
forms and the like match each other.  Titles always; with ``texts``, the
stored texts (summaries, feed content, fetched pages) too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.documents import Article
from reader.news.save import entry_text
from reader.news.store import Entry, Feed, NewsStore
from reader.search import fold, strip_ignorables


def search_key(text: str) -> str:
    """``text`` folded for searching: what a query is matched against."""
    return strip_ignorables(fold(text)).casefold()


@dataclass(frozen=True)
class Listing:
    """The feeds, every entry (newest first), and their search keys by entry id."""

    feeds: list[Feed]
    entries: list[Entry]
    titles: dict[int, str] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # only when read with texts

    def matching(self, query: str, feed_id: int | None = None, texts: bool = False) -> list[Entry]:
        """The entries of ``feed_id`` (all when None) whose title, or text, holds ``query``."""
        needle = search_key(query).strip()
        found = []
        for e in self.entries:
            if feed_id is not None and e.feed_id != feed_id:
                continue
            in_title = needle in self.titles.get(e.id, "")
            if in_title or (texts and needle in self.texts.get(e.id, "")):
                found.append(e)
        return found


def read_listing(texts: bool = False, path: Path | None = None) -> Listing:
    """The listing from the state database (its own connection: call it from a worker)."""
    store = NewsStore(path)
    try:
        entries = store.entries()
        titles = {e.id: search_key(f"{e.title} {e.feed_name}") for e in entries}
        found: dict[int, str] = {}
        if texts:
            pages = store.page_texts()
            for e in entries:
                found[e.id] = search_key(f"{e.summary}\n{e.content}\n{pages.get(e.url, '')}")
        return Listing(store.feeds(), entries, titles, found)
    finally:
        store.close()


def entry_article(
    entry: Entry, fetch: bool = True, path: Path | None = None
) -> tuple[Article, str | None]:
    """An entry as an article to read: its fullest text (its page fetched now if
    need be and ``fetch``), in its feed's direction (when the feed sets one),
    and a note when only its summary could be had."""
    store = NewsStore(path)
    try:
        text, extractor, note = entry_text(store, entry, fetch)
        feed = store.feed(entry.feed_id)
    finally:
        store.close()
    meta = {
        "title": entry.title or entry.url or f"entry {entry.id}",
        "url": entry.url,
        "source": entry.feed_name,
        "date": entry.date[:10],
        "extractor": extractor,
    }
    direction = feed.direction if feed is not None else "auto"
    path_or_id = entry.url or f"hamish-entry:{entry.id}"
    return Article(text, meta, path_or_id, direction=direction), note
