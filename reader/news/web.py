"""A web article, start to end: fetched, decoded, extracted, kept, and made an Article.

The raw HTML is kept with the text and the extractor's name and version (see
:class:`reader.news.store.Page`), so a text that was annotated can be traced
to its source later.  Runs in a worker thread (it blocks on the network).
"""

from __future__ import annotations

import dataclasses
import time

from reader.documents import Article, InputError
from reader.news.decoding import decode
from reader.news.extract import extract
from reader.news.fetch import Fetched, FetchError, Limits, fetch_one
from reader.news.store import NewsStore, Page


def make_page(fetched: Fetched, selector: str = "") -> Page:
    """A fetched page decoded (see :mod:`reader.news.decoding`) and its article
    taken out; ValueError when it has none, ImportError without the web extra."""
    decoded = decode(fetched.body, fetched.content_type)
    found = extract(decoded.text, fetched.final_url, selector)
    return Page(
        url=fetched.url,
        final_url=fetched.final_url,
        fetched_at=time.time(),
        content_type=fetched.content_type,
        encoding=decoded.encoding,
        html=fetched.body,
        title=found.title,
        text=found.text,
        extractor=found.extractor,
        extractor_version=found.version,
    )


def extract_again(page: Page, selector: str = "") -> Page:
    """A kept page's article taken out again from its raw HTML (the feed's
    selector changed); ValueError when it has none, ImportError without the
    web extra."""
    decoded = decode(page.html, page.content_type)
    found = extract(decoded.text, page.final_url, selector)
    return dataclasses.replace(
        page, text=found.text, extractor=found.extractor, extractor_version=found.version
    )


def fetch_page(url: str, selector: str = "", limits: Limits | None = None) -> Page:
    """Fetch ``url`` and take its article text out.

    Raises InputError (naming the URL) for a fetch that fails or a page with
    no article text; ImportError without the web extra.
    """
    try:
        return make_page(fetch_one(url, limits), selector)
    except FetchError as err:
        raise InputError(url, err.problem) from None
    except ValueError as err:
        raise InputError(url, str(err)) from None


def page_article(page: Page, meta: dict[str, object] | None = None) -> Article:
    """A fetched page as an article to read: its text, and where it came from."""
    info: dict[str, object] = {
        "title": page.title or page.url,
        "url": page.url,
        "source": _host(page.final_url),
        "extractor": f"{page.extractor} {page.extractor_version}",
    }
    info.update(meta or {})
    return Article(page.text, info, page.url)


def read_web_article(url: str) -> Article:
    """The article at ``url``, fetched now and kept in the state database with its
    raw HTML.  Raises InputError (naming the URL) for anything that goes wrong,
    a missing extra included."""
    from reader.news import news_extra_missing
    from reader.news.extract import web_extra_missing

    missing = news_extra_missing() or web_extra_missing()
    if missing:
        raise InputError(url, missing)
    page = fetch_page(url)
    try:
        store = NewsStore()
    except InputError:
        return page_article(page)  # read all the same; it is just not kept
    try:
        store.save_page(page)
    finally:
        store.close()
    return page_article(page)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
