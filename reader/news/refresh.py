"""Refreshing feeds: all at once, each on its own, none stopping the others.

Each feed is fetched conditionally (a 304 leaves it as it was), parsed, and
its entries stored; a feed that fails keeps its entries and gets the problem
as its last error.  A feed set to ``full_text`` has the pages of its new
entries fetched too, when the web extra is there.  ``done`` is called once per
feed as it finishes, on the thread running the refresh: the CLI draws its
progress bar from it, the app posts a message.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.news.extract import web_extra_missing
from reader.news.feeds import parse_feed
from reader.news.fetch import Fetcher, FetchError, Limits
from reader.news.store import Feed, NewsStore

STOP_POLL = 0.1  # seconds between two looks at whether a refresh is to stop


@dataclass(frozen=True)
class Outcome:
    """How one feed's refresh went."""

    feed_id: int
    name: str
    new: int = 0
    not_modified: bool = False
    error: str | None = None
    pages: int = 0  # full texts fetched


async def _page(fetcher: Fetcher, store: NewsStore, url: str, selector: str) -> bool:
    from reader.news.web import make_page

    try:
        fetched = await fetcher.fetch(url)
        page = await asyncio.to_thread(make_page, fetched, selector)
    except (FetchError, ValueError):
        return False  # the entry keeps its summary; opening it tries again
    store.save_page(page)
    return True


async def _one(fetcher: Fetcher, store: NewsStore, feed: Feed) -> Outcome:
    try:
        fetched = await fetcher.fetch(feed.url, feed.etag, feed.last_modified)
        if fetched.not_modified:
            store.fetched(feed.id, None, feed.etag, feed.last_modified)
            return Outcome(feed.id, feed.name, not_modified=True)
        parsed = await asyncio.to_thread(
            parse_feed, fetched.body, fetched.content_type, fetched.final_url
        )
    except FetchError as err:
        store.failed(feed.id, err.problem)
        return Outcome(feed.id, feed.name, error=err.problem)
    except ValueError as err:
        store.failed(feed.id, str(err))
        return Outcome(feed.id, feed.name, error=str(err))
    new = store.fetched(feed.id, parsed, fetched.etag, fetched.last_modified)
    pages = 0
    if feed.full_text and web_extra_missing() is None:
        wanted = [e for e in store.entries(ids=new) if e.url and not e.content]
        for entry in wanted:
            pages += await _page(fetcher, store, entry.url, feed.selector)
    return Outcome(feed.id, parsed.title or feed.name, new=len(new), pages=pages)


async def refresh_async(
    store: NewsStore,
    feeds: Sequence[Feed],
    done: Callable[[Outcome], None] | None = None,
    limits: Limits | None = None,
    stopped: Callable[[], bool] | None = None,
) -> list[Outcome]:
    """Refresh ``feeds`` concurrently; each one's outcome, in the order given.

    Once ``stopped()`` says so (it is asked every :data:`STOP_POLL` seconds),
    the fetches still under way are dropped and the outcomes so far returned,
    in the order they came: quitting does not wait for a slow server."""

    finished: list[Outcome] = []  # in the order they came

    async def one(fetcher: Fetcher, feed: Feed) -> Outcome:
        try:
            outcome = await _one(fetcher, store, feed)
        except Exception as err:  # noqa: BLE001 - one feed's surprise is that feed's error
            problem = f"{err.__class__.__name__}: {err}"
            store.failed(feed.id, problem)
            outcome = Outcome(feed.id, feed.name, error=problem)
        finished.append(outcome)
        if done is not None:
            done(outcome)
        return outcome

    async with Fetcher(limits) as fetcher:
        work = asyncio.gather(*(one(fetcher, feed) for feed in feeds))
        while stopped is not None and not work.done():
            await asyncio.wait({work}, timeout=STOP_POLL)
            if stopped() and not work.done():
                work.cancel()  # every fetch still waiting is dropped
                with contextlib.suppress(asyncio.CancelledError):
                    await work
                return finished
        return list(await work)


def refresh(
    feeds: Sequence[Feed] | None = None,
    done: Callable[[Outcome], None] | None = None,
    limits: Limits | None = None,
    path: Path | None = None,
    stopped: Callable[[], bool] | None = None,
) -> list[Outcome]:
    """Refresh ``feeds`` (all when None) from code with no event loop: the CLI, a
    worker thread (``stopped`` as for :func:`refresh_async`).  Opens its own
    connection to the database at ``path``."""
    store = NewsStore(path)
    try:
        chosen = store.feeds() if feeds is None else list(feeds)
        return asyncio.run(refresh_async(store, chosen, done, limits, stopped))
    finally:
        store.close()
