"""`hamish serve`'s gate: no valid token, no app, and no process started.

The server runs in a process of its own with made-up tokens (gate_server.py);
each session it starts leaves a file naming its annotator, so a request that
started nothing leaves nothing.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from serve_process import ServeProcess

GATE_SERVER = str(Path(__file__).with_name("gate_server.py"))
GOOD, OTHER = "t0k3n-alice", "t0k3n-bob"


@pytest.fixture
def gate(clean_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[ServeProcess, Path]]:
    markers = tmp_path / "sessions"
    markers.mkdir()
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "c.toml"))
    tokens = [f"{GOOD}=alice", f"{OTHER}=bob"]
    server = ServeProcess(
        lambda port: [sys.executable, GATE_SERVER, str(port), str(markers), *tokens],
        env,
        tmp_path / "server.log",
    )
    yield server, markers
    server.stop()


def _sessions(markers: Path, count: int = 1, timeout: float = 30) -> list[str]:
    """The annotators of the sessions started, once ``count`` have written their files."""
    deadline = time.monotonic() + timeout
    while len(found := [m.read_text() for m in markers.iterdir()]) < count or "" in found:
        assert time.monotonic() < deadline, "no session started"
        time.sleep(0.05)  # polling for the state "a session wrote its name", bounded above
    return found


async def _ws_status(url: str, cookie: str | None, origin: str | None = None) -> int:
    """The status a websocket handshake to ``url`` gets (101 when it opens)."""
    headers = {"Origin": origin} if origin else {}
    cookies = {"hamish_token": cookie} if cookie is not None else {}
    async with aiohttp.ClientSession(cookies=cookies) as http:
        try:
            async with http.ws_connect(url + "/ws?width=80&height=24", headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as err:
            return err.status


async def test_no_token_or_a_wrong_one_gets_no_app(gate: tuple[ServeProcess, Path]) -> None:
    server, markers = gate
    async with aiohttp.ClientSession() as http:
        for query in ("", "?token=", "?token=wrong", "?annotator=alice"):
            async with http.get(server.url + "/" + query, allow_redirects=False) as page:
                assert page.status == 401, query
                body = await page.text()
                assert "token" in body and "data-session-websocket-url" not in body
    assert await _ws_status(server.url, None) == 403
    assert await _ws_status(server.url, "wrong") == 403
    assert await _ws_status(server.url, "") == 403
    # A valid token from another site's page (cross-site websocket hijacking).
    assert await _ws_status(server.url, GOOD, origin="http://evil.example") == 403
    assert list(markers.iterdir()) == []  # not one session was started
    assert f"each annotator opens {server.url}/?token=THEIR_TOKEN" in server.log.read_text()
    # The control: the same server does start a session for a valid token.
    assert await _ws_status(server.url, GOOD, origin=server.url) == 101
    assert _sessions(markers) == ["alice"]


async def test_the_token_names_the_annotator(gate: tuple[ServeProcess, Path]) -> None:
    server, markers = gate
    jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies of an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        link = f"{server.url}/?token={OTHER}&fontsize=18"
        async with http.get(link, allow_redirects=False) as hop:
            assert hop.status == 303
            assert hop.headers["Location"] == "/?fontsize=18"  # the token leaves the address
            cookie = hop.headers["Set-Cookie"]
            assert f"hamish_token={OTHER}" in cookie
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(server.url + "/?fontsize=18&annotator=alice") as page:
            assert page.status == 200
            assert "data-session-websocket-url" in await page.text()
        # The browser may ask for anyone: the session is the token's annotator's.
        url = server.url + "/ws?width=100&height=30&annotator=alice"
        async with http.ws_connect(url, headers={"Origin": server.url}) as ws:
            drawn = b""
            while b"Shafaq News" not in drawn:  # the reader draws the seed article
                message = await ws.receive(timeout=30)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                drawn += message.data
    assert _sessions(markers) == ["bob"]
    log = server.log.read_text()  # lines folded at 80 columns by rich
    assert "GET /?token=…&fontsize=18 HTTP" in " ".join(log.split())  # logged, but not its token
    assert OTHER not in "".join(log.split())


async def test_sessions_at_once_each_get_their_own_annotator(
    gate: tuple[ServeProcess, Path],
) -> None:
    server, markers = gate
    statuses = await asyncio.gather(
        *(_ws_status(server.url, token, server.url) for token in (GOOD, OTHER) * 2)
    )
    assert statuses == [101] * 4
    assert sorted(_sessions(markers, count=4)) == ["alice", "alice", "bob", "bob"]


async def test_a_store_that_cannot_answer_gets_no_app(gate: tuple[ServeProcess, Path]) -> None:
    server, markers = gate
    link = server.url + "/?token=down"
    async with aiohttp.ClientSession() as http, http.get(link, allow_redirects=False) as page:
        assert page.status == 503
        assert "cannot be reached" in await page.text()
    assert await _ws_status(server.url, "down", server.url) == 503
    assert list(markers.iterdir()) == []
