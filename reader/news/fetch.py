"""Fetching feeds and pages over HTTP, politely and within limits.

aiohttp, because one event loop can then wait on many feeds at once (in
`hamish feeds refresh` and in the app's worker alike) and because it streams a
body, so a response past the size cap is cut off rather than read whole.

Every request sends one User-Agent naming hamish, asks conditionally (ETag,
Last-Modified) when it can, so an unchanged feed costs a 304, gives up after a
timeout, follows at most a few redirects, and waits its turn: at most
``per_host`` requests to one host at once.  A failure is a :class:`FetchError`
naming the URL and the problem in words; it never stops the other requests.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader import __version__
from reader.documents.reading import size_text

if TYPE_CHECKING:
    import aiohttp

USER_AGENT = f"hamish/{__version__} (terminal reader for Arabic and RTL news)"
SCHEMES = ("http", "https")
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How long, how much and how many: the bounds every request keeps."""

    timeout: float = 20.0  # seconds for a whole request, body included
    max_bytes: int = 8 << 20  # the most body bytes kept, after decompression
    per_host: int = 2  # requests to one host at once
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """A response: 200 with its body, or 304 (not modified) with none."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """The server said the copy we have is still current (304)."""
        return self.status == 304


class FetchError(Exception):
    """A URL that could not be fetched, and why, in one line."""

    def __init__(self, url: str, problem: str) -> None:
        self.url = url
        self.problem = problem
        super().__init__(f"{url}: {problem}")


def check_url(url: str) -> str:
    """``url`` if it is an http or https URL with a host; else FetchError."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as err:
        raise FetchError(url, f"not a URL: {err}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, "not an http or https URL") from None
    if not parts.hostname:
        raise FetchError(url, "no host in the URL")
    return url.strip()


class Fetcher:
    """One HTTP session for many requests: ``async with Fetcher() as f: await f.fetch(url)``."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._session: aiohttp.ClientSession | None = None
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.limits.per_host)
        )

    async def __aenter__(self) -> Fetcher:
        import aiohttp

        self._session = aiohttp.ClientSession(
            headers={"User-Agent": USER_AGENT},
            # Proxies and .netrc from the environment stay out: what is
            # fetched, and from where, is only what the user asked for.
            trust_env=False,
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url``, conditionally when ``etag`` or ``last_modified`` is known.

        Raises FetchError for a URL that is not http(s), a connection that
        fails, a timeout, too many redirects, an HTTP error status and a body
        larger than the cap.
        """
        check_url(url)
        host = (urlsplit(url).hostname or "").lower()
        async with self._hosts[host]:
            try:
                return await asyncio.wait_for(
                    self._get(url, etag, last_modified), self.limits.timeout
                )
            except asyncio.TimeoutError:
                raise FetchError(url, f"timed out after {self.limits.timeout:g} s") from None

    async def _get(self, url: str, etag: str | None, last_modified: str | None) -> Fetched:
        import aiohttp

        assert self._session is not None, "use Fetcher in an async with block"
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with self._session.get(
                # aiohttp counts the redirect it refuses: one more lets max_redirects through.
                url,
                headers=headers,
                max_redirects=self.limits.max_redirects + 1,
            ) as response:
                if response.status == 304:
                    return self._fetched(url, response, b"")
                if response.status >= 400:
                    raise FetchError(url, f"HTTP {response.status} {response.reason or ''}".strip())
                return self._fetched(url, response, await self._body(url, response))
        except aiohttp.TooManyRedirects:
            raise FetchError(url, f"more than {self.limits.max_redirects} redirects") from None
        except (aiohttp.InvalidUrlRedirectClientError, aiohttp.NonHttpUrlRedirectClientError):
            raise FetchError(url, "redirected to a URL that is not http or https") from None
        except aiohttp.ClientConnectorError as err:
            raise FetchError(url, f"cannot connect: {err.os_error.strerror or err}") from None
        except aiohttp.ClientError as err:
            raise FetchError(url, f"bad response: {err.__class__.__name__}: {err}") from None

    async def _body(self, url: str, response: aiohttp.ClientResponse) -> bytes:
        cap = self.limits.max_bytes
        too_big = f"larger than {size_text(cap)}; not read"
        if response.content_length is not None and response.content_length > cap:
            raise FetchError(url, too_big)
        body = bytearray()
        async for chunk in response.content.iter_chunked(CHUNK):
            body += chunk
            if len(body) > cap:  # stop reading: the rest is never downloaded
                raise FetchError(url, too_big)
        return bytes(body)

    @staticmethod
    def _fetched(url: str, response: aiohttp.ClientResponse, body: bytes) -> Fetched:
        h = response.headers
        return Fetched(
            url,
            str(response.url),
            response.status,
            body,
            h.get("Content-Type"),
            h.get("ETag"),
            h.get("Last-Modified"),
        )


def fetch_one(url: str, limits: Limits | None = None) -> Fetched:
    """Fetch one URL from code that has no event loop (a worker thread, the CLI)."""

    async def one() -> Fetched:
        async with Fetcher(limits) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(one())
