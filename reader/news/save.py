"""Entries to corpus records: their fullest text, and where it came from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from reader.documents import InputError
from reader.news.corpus import Saved, corpus_record, save_records
from reader.news.extract import extractor_name, web_extra_missing
from reader.news.store import Entry, NewsStore


def entry_text(store: NewsStore, entry: Entry, fetch: bool = True) -> tuple[str, str, str | None]:
    """An entry's fullest text, what gave it, and a note when only a summary was had.

    The text is the feed's own content if it gave one, else the entry's page
    as stored or (``fetch``, with the web extra) fetched now, else its summary.
    A stored page taken out by other means than the feed's selector now names
    is taken out again from its raw HTML.
    """
    if entry.content:
        return entry.content, "feed", None
    if entry.url:
        page = store.page(entry.url)
        missing = web_extra_missing()
        feed = store.feed(entry.feed_id)
        selector = feed.selector if feed else ""
        if page is None and fetch and missing is None:
            from reader.news.web import fetch_page

            try:
                page = fetch_page(entry.url, selector)
            except InputError as err:
                return entry.summary, "feed summary", f"entry {entry.id}: {err}; its summary kept"
            store.save_page(page)
        elif page is not None and missing is None and page.extractor != extractor_name(selector):
            from reader.news.web import extract_again

            try:
                page = extract_again(page, selector)
            except ValueError as err:
                note = f"entry {entry.id}: {err}; the text taken before kept"
                return page.text, f"{page.extractor} {page.extractor_version}", note
            store.save_page(page)
        if page is not None:
            return page.text, f"{page.extractor} {page.extractor_version}", None
        if missing is not None:
            return entry.summary, "feed summary", f"entry {entry.id}: summary only; {missing}"
    return entry.summary, "feed summary", None


def entry_record(
    store: NewsStore, entry: Entry, fetch: bool = True
) -> tuple[dict[str, Any], str | None]:
    """The corpus record of an entry, and a note about its text (or None)."""
    text, extractor, note = entry_text(store, entry, fetch)
    feed = store.feed(entry.feed_id)
    source = urlsplit(entry.url).hostname or (feed.site_url if feed else "") or ""
    record = corpus_record(
        text,
        title=entry.title,
        url=entry.url,
        source=source,
        date=entry.date,
        feed=feed.url if feed else "",
        extractor=extractor,
    )
    return record, note


def save_entries(store: NewsStore, entries: Sequence[Entry], path: str) -> tuple[Saved, list[str]]:
    """Append ``entries`` to the corpus at ``path``; what was saved, and notes to show."""
    records: list[dict[str, Any]] = []
    notes: list[str] = []
    for entry in entries:
        record, note = entry_record(store, entry)
        if not record["text"].strip():
            notes.append(f"entry {entry.id}: no text; not saved")
            continue
        records.append(record)
        if note:
            notes.append(note)
    return save_records(path, records), notes
