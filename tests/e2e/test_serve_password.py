"""`hamish serve` on a store whose address in the config holds the password (a
role that must give it, scram-sha-256): each session gets the password in its
environment, never on its command line, which every user of the machine can
read with ``ps``; nor does it show in the server's log."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from serve_process import ServeProcess

from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` that still runs."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def command_lines(pid: int) -> list[str]:
    lines = []
    for child in descendants(pid):
        try:
            lines.append(Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return lines


async def _session(server: ServeProcess, token: str) -> tuple[bytes, list[str]]:
    """Open alice's session as a browser would; what it drew of the seed article, and
    the command lines of the server's processes meanwhile."""
    jar = aiohttp.CookieJar(unsafe=True)  # keeps cookies of an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(f"{server.url}/?token={token}") as page:
            assert page.status == 200
        url = server.url + "/ws?width=100&height=30"
        async with http.ws_connect(url, headers={"Origin": server.url}) as ws:
            drawn = b""
            while b"Shafaq News" not in drawn:  # alice's hamish reads the store
                message = await ws.receive()
                assert message.type == aiohttp.WSMsgType.BINARY, message
                drawn += message.data
            return drawn, command_lines(server.process.pid)


async def test_a_sessions_command_line_never_holds_the_password(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, password_dsn: tuple[str, str]
) -> None:
    dsn, password = password_dsn
    parts = urlsplit(dsn)
    with_password = urlunsplit(
        (parts.scheme, parts.netloc.replace("@", f":{password}@"), parts.path, "", "")
    )
    config = tmp_path / "config.toml"
    config.write_text(f'store = "{with_password}"\n', encoding="utf-8")
    env = dict(clean_env, HAMISH_CONFIG=str(config), PGPASSFILE="/nonexistent/pgpass")
    env.pop("PGPASSWORD", None)
    setup = dict(env, PGPASSWORD=password)
    run = {"env": setup, "capture_output": True, "text": True, "timeout": 60, "check": True}
    subprocess.run([hamish, "db", "import", SEED, "--store", dsn], **run)  # type: ignore[call-overload]
    added = subprocess.run([hamish, "db", "add-annotator", "alice", "--store", dsn], **run)  # type: ignore[call-overload]
    token = added.stdout.strip()
    server = ServeProcess(
        lambda port: [hamish, "serve", "--labels", "PER", "--port", str(port)],
        env,
        tmp_path / "serve.log",
    )
    try:
        drawn, lines = await asyncio.wait_for(_session(server, token), 60)
        assert any("--annotator=alice" in line for line in lines), lines
        assert not any(password in line for line in lines), lines
        assert password not in drawn.decode("utf-8", "replace")
    finally:
        server.stop()
    assert password not in server.log.read_text(encoding="utf-8", errors="replace")
