"""textual-serve's server, with a gate: no app without an annotator's token.

textual-serve gives every browser that opens its page a new app process,
started when the page's websocket connects.  :class:`GatedServer` checks a
token on the page and on the websocket before that: the page takes it once
from the link (``/?token=...``), keeps it in an HttpOnly, SameSite=Strict
cookie and sends the browser on to a clean ``/`` (no token left in the
address bar or its history); the websocket is served only for a cookie whose
token names an annotator, and only to a page of the server's own origin.
The session's command is built from the name the token gives, on the
server: nothing the browser sends chooses the annotator.

A request without a valid token gets 401 (the page) or 403 (the websocket,
a download), and no process is started.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("hamish.serve")

COOKIE = "hamish_token"
NO_TOKEN = (
    "hamish: this page needs an annotator's token: open the link you were given "
    "(ending in /?token=...), or ask for one (hamish db add-annotator NAME)\n"
)
BAD_ORIGIN = "hamish: the app is served only to this server's own page\n"
STORE_DOWN = "hamish: the annotators' store cannot be reached; try again shortly\n"

_TOKEN_IN_QUERY = re.compile(r"([?&]token=)[^&\s\"]*")


class _NoTokens(logging.Filter):
    """Takes tokens out of logged request lines (aiohttp's access log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _TOKEN_IN_QUERY.sub(r"\1…", record.getMessage())
        record.args = None
        return True


# The command of the session a websocket handler is starting.  Each request
# is handled in a task of its own, with its own copy of the context, so
# sessions that start at the same time each see their own.
_session_command: ContextVar[str | None] = ContextVar("hamish_session_command", default=None)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, as a browser sends it in ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class GatedServer(Server):
    """A textual-serve server that starts an app only for a valid token.

    ``annotator_for(token)`` gives the annotator's name, or None for a token
    nobody has (it may block: it runs in a thread); ``command_for(name)`` gives
    the shell command of that annotator's session.
    """

    def __init__(
        self,
        *,
        annotator_for: Callable[[str], str | None],
        command_for: Callable[[str], str],
        host: str,
        port: int,
        public_url: str | None = None,
        title: str = "hamish",
    ) -> None:
        self._annotator_for = annotator_for
        self._command_for = command_for
        self._base_command = "hamish"
        super().__init__("hamish", host=host, port=port, title=title, public_url=public_url)
        self._secure = self.public_url.lower().startswith("https:")

    async def on_startup(self, app: web.Application) -> None:
        """Say where the annotators go (instead of textual-serve's banner)."""
        print(
            f"hamish serve: on {self.public_url}; each annotator opens "
            f"{self.public_url}/?token=THEIR_TOKEN (Ctrl+C stops)",
            flush=True,
        )

    def initialize_logging(self) -> None:
        """textual-serve's logging, with tokens kept out of the access log."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(_NoTokens())

    @property
    def command(self) -> str:
        """The command textual-serve starts: the session's, inside a websocket handler."""
        return _session_command.get() or self._base_command

    @command.setter
    def command(self, value: str) -> None:
        self._base_command = value

    async def annotator(self, token: str) -> str | None:
        """The name ``token`` gives; None for none.  Raises web.HTTPServiceUnavailable
        when the store cannot say."""
        if not token:
            return None
        try:
            return await asyncio.to_thread(self._annotator_for, token)
        except Exception as err:  # noqa: BLE001 - any failure of the store's lookup
            log.error("token check failed: %s", type(err).__name__)
            raise web.HTTPServiceUnavailable(text=STORE_DOWN) from None

    async def handle_index(self, request: web.Request) -> Any:
        """The page: for a token in the link, set the cookie and go to a clean
        address; for a valid cookie, textual-serve's page; else 401."""
        if "token" in request.query:
            token = request.query["token"]
            if await self.annotator(token) is None:
                raise web.HTTPUnauthorized(text=NO_TOKEN)
            rest = request.url.query.copy()
            del rest["token"]
            response = web.HTTPSeeOther(request.rel_url.with_query(rest))
            response.set_cookie(
                COOKIE, token, httponly=True, samesite="Strict", secure=self._secure, path="/"
            )
            raise response
        if await self.annotator(request.cookies.get(COOKIE, "")) is None:
            raise web.HTTPUnauthorized(text=NO_TOKEN)
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """The app session: only for a valid cookie from this server's own page."""
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() != origin_of(self.public_url):
            raise web.HTTPForbidden(text=BAD_ORIGIN)
        name = await self.annotator(request.cookies.get(COOKIE, ""))
        if name is None:
            raise web.HTTPForbidden(text=NO_TOKEN)
        log.info("session for annotator %r", name)
        _session_command.set(self._command_for(name))
        return await super().handle_websocket(request)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file the app delivers: only for a valid cookie."""
        if await self.annotator(request.cookies.get(COOKIE, "")) is None:
            raise web.HTTPForbidden(text=NO_TOKEN)
        return await super().handle_download(request)
