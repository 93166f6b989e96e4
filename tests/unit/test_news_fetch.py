"""Fetching against the local server: 304, redirects, errors, timeouts, caps."""

from __future__ import annotations

import asyncio
import time

import pytest
from news_server import NewsServer

from reader import __version__
from reader.news.fetch import Fetched, Fetcher, FetchError, Limits, check_url


def get(url: str, limits: Limits | None = None, **kw: str) -> Fetched:
    async def one() -> Fetched:
        async with Fetcher(limits) as f:
            return await f.fetch(url, **kw)

    return asyncio.run(one())


def problem(url: str, limits: Limits | None = None) -> str:
    with pytest.raises(FetchError) as caught:
        get(url, limits)
    assert caught.value.url == url
    return caught.value.problem


def test_one_user_agent_naming_hamish(news_server: NewsServer) -> None:
    get(news_server.url("/utf8.rss"))
    assert news_server.headers["/utf8.rss"]["User-Agent"].startswith(f"hamish/{__version__} ")


def test_a_conditional_request_for_an_unchanged_feed_gets_a_304(news_server: NewsServer) -> None:
    first = get(news_server.url("/etag.rss"))
    assert (first.status, first.etag) == (200, '"v1"')
    again = get(news_server.url("/etag.rss"), etag=first.etag or "")
    assert again.not_modified and again.body == b""
    assert news_server.headers["/etag.rss"]["If-None-Match"] == '"v1"'


def test_last_modified_is_sent_back(news_server: NewsServer) -> None:
    get(news_server.url("/etag.rss"), last_modified="Tue, 10 Jun 2025 04:00:00 GMT")
    sent = news_server.headers["/etag.rss"]["If-Modified-Since"]
    assert sent == "Tue, 10 Jun 2025 04:00:00 GMT"


def test_a_redirect_is_followed(news_server: NewsServer) -> None:
    fetched = get(news_server.url("/redirect.rss"))
    assert fetched.status == 200
    assert fetched.final_url == news_server.url("/utf8.rss")
    assert news_server.hits["/utf8.rss"] == 1


def test_redirects_are_followed_within_a_limit(news_server: NewsServer) -> None:
    assert problem(news_server.url("/loop.rss"), Limits(max_redirects=3)) == "more than 3 redirects"
    assert news_server.hits["/loop.rss"] == 4  # the first request and three redirects


def test_a_redirect_off_the_web_is_refused(news_server: NewsServer) -> None:
    assert "not http or https" in problem(news_server.url("/to-file.rss"))


def test_a_server_error_is_said(news_server: NewsServer) -> None:
    assert problem(news_server.url("/error.rss")) == "HTTP 500 Internal Server Error"


def test_a_slow_response_times_out(news_server: NewsServer) -> None:
    started = time.monotonic()
    assert problem(news_server.url("/slow.rss"), Limits(timeout=0.5)) == "timed out after 0.5 s"
    assert time.monotonic() - started < 10


def test_a_body_past_the_cap_is_not_read_to_its_end(news_server: NewsServer) -> None:
    cap = 1 << 20
    assert (
        problem(news_server.url("/big.rss"), Limits(max_bytes=cap)) == "larger than 1 MiB; not read"
    )
    # The server was stopped from sending its 64 MiB: far less left it.
    assert news_server.big_sent < 32 << 20


def test_a_declared_length_past_the_cap_is_refused_before_reading(
    news_server: NewsServer,
) -> None:
    assert "larger than 1 MiB" in problem(
        news_server.url("/big-declared.rss"), Limits(max_bytes=1 << 20)
    )


def test_the_cap_counts_decompressed_bytes(news_server: NewsServer) -> None:
    # 32 KiB of gzip that inflates to 32 MiB.
    assert "larger than 1 MiB" in problem(
        news_server.url("/gzip-bomb.rss"), Limits(max_bytes=1 << 20)
    )


def test_a_refused_connection_is_said() -> None:
    import socket

    with socket.socket() as s:  # a port with nobody listening on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert problem(f"http://127.0.0.1:{port}/x").startswith("cannot connect")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://127.0.0.1/x", "http://", "data:,x"]
)
def test_only_http_and_https_urls(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


def test_at_most_n_requests_per_host_at_once(news_server: NewsServer) -> None:
    async def three() -> list[object]:
        async with Fetcher(Limits(per_host=2, timeout=20)) as f:
            tasks = [asyncio.create_task(f.fetch(news_server.url("/slow.rss"))) for _ in range(3)]
            deadline = time.monotonic() + 10
            while news_server.hits["/slow.rss"] < 2 and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.3)  # time enough for a third request, were it let through
            waiting = news_server.hits["/slow.rss"]
            news_server.release.set()
            done = await asyncio.gather(*tasks)
            return [waiting, *done]

    waiting, *done = asyncio.run(three())
    assert waiting == 2
    assert all(isinstance(d, Fetched) and d.status == 200 for d in done)
    assert news_server.hits["/slow.rss"] == 3
