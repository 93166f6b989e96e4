"""`hamish serve` in a real browser (Debian's chromium, through Selenium),
against a real PostgreSQL: an annotator opens the link with their token, tags
a span and accepts the document, and the store holds it; without a valid
token the browser gets no app; and the rows the browser draws are the rows a
terminal draws.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser import Browser, needs_browser
from serve_process import ServeProcess
from test_reader_tmux import Tmux

from reader.files.bundled import sample_path

pytestmark = needs_browser

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
LABELS = "PER,ORG,GPE"
SCREENSHOT = "HAMISH_SERVE_SCREENSHOT"  # where to keep the seed's screenshot (to look at)


@dataclass
class Served:
    server: ServeProcess
    token: str
    store: str
    env: dict[str, str]


def _hamish(hamish: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [hamish, *args], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


@pytest.fixture
def served(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, team_dsn: str
) -> Iterator[Served]:
    """The seed article in a fresh store, for every annotator; alice's token;
    `hamish serve` on it."""
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))
    _hamish(hamish, env, "db", "import", SEED, "--store", team_dsn, "--per-task", "all")
    token = _hamish(hamish, env, "db", "add-annotator", "alice", "--store", team_dsn).strip()
    serve = [hamish, "serve", "--store", team_dsn, "--labels", LABELS, "--port"]
    server = ServeProcess(lambda port: [*serve, str(port)], env, tmp_path / "serve.log")
    yield Served(server, token, team_dsn, env)
    server.stop()


@pytest.fixture
def browser() -> Iterator[Browser]:
    window = Browser()
    yield window
    window.quit()


def _query(store: str, sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(store, autocommit=True) as conn:
        return list(conn.execute(sql).fetchall())  # type: ignore[arg-type]


def _children(pid: int) -> list[str]:
    """The processes ``pid`` has started and that still run."""
    found: list[str] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += (task / "children").read_text().split()
    return found


def _shows(text: str) -> Any:
    return lambda rows: any(text in row for row in rows)


def test_a_browser_annotator_tags_and_accepts_into_the_store(
    served: Served, browser: Browser, tmp_path: Path
) -> None:
    url = served.server.url
    browser.open(f"{url}/?token={served.token}")
    browser.wait_for_rows(_shows("Shafaq News"))  # the seed's byline
    assert browser.driver.current_url == url + "/"  # the token has left the address bar
    browser.focus()
    browser.wait_for_rows(_all(_shows("nothing to save"), _shows(" / Search ")))
    shot = Path(os.environ.get(SCREENSHOT) or tmp_path / "seed.png")
    browser.screenshot(shot)
    assert shot.read_bytes().startswith(b"\x89PNG")
    browser.keys("1")  # the first label on the token under the cursor: the first word
    browser.wait_for_rows(_shows("1 span"))
    browser.keys("a")  # accept
    saved = re.compile(r"answer: accept · saved \d\d:\d\d:\d\d")
    browser.wait_for_rows(lambda rows: any(saved.search(row) for row in rows))
    rows = _query(
        served.store,
        "SELECT s.annotator, s.answer, c.record FROM states s JOIN changes c ON c.id = s.change_id",
    )
    assert len(rows) == 1
    annotator, answer, record = rows[0]
    assert (annotator, answer, record["answer"]) == ("alice", "accept", "accept")
    assert record["_annotator_id"] == "alice"  # the token's name, saved with the work
    assert [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]] == [
        (0, 3, "PER", "شفق")  # the seed's first word, شفق (Shafaq)
    ]


def test_without_a_valid_token_the_browser_gets_no_app(served: Served, browser: Browser) -> None:
    url = served.server.url
    for address in (url + "/", url + "/?token=", url + "/?token=not-a-token"):
        browser.open(address)
        assert "needs an annotator's token" in browser.page_text()
        assert browser.terminal() is None  # no terminal on the page
    browser.driver.add_cookie({"name": "hamish_token", "value": "forged", "path": "/"})
    browser.open(url + "/")
    assert "needs an annotator's token" in browser.page_text()
    assert _children(served.server.process.pid) == []  # no app process
    assert _query(served.store, "SELECT count(*) FROM assignments") == [(0,)]  # none claimed


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")
def test_the_browser_draws_the_rows_a_terminal_draws(
    served: Served, browser: Browser, hamish: str, tmp_path: Path
) -> None:
    browser.open(f"{served.server.url}/?token={served.token}")
    browser.wait_for_rows(_shows("Shafaq News"))
    browser.focus()
    ready = _all(_shows("Shafaq News"), _shows("nothing to save"), _shows(" / Search "))
    in_browser = browser.wait_for_rows(ready)  # the footer's keys: the app has the focus
    shown = browser.terminal()
    assert shown is not None
    size = shown[0], len(in_browser)
    # The same document in tmux, the same size, for another annotator.
    tmux = Tmux(tmp_path)
    try:
        own = {k: v for k, v in served.env.items() if k.startswith(("HAMISH_", "XDG_"))}
        argv = [hamish, "--store", served.store, "--annotator=bob", "--labels", LABELS]
        tmux.start(shlex.join(["env", *(f"{k}={v}" for k, v in own.items()), *argv]), *size)
        in_tmux = tmux.wait_for(ready, timeout=60)
    finally:
        tmux.close()
    in_tmux = [row.rstrip() for row in in_tmux[: len(in_browser)]]
    in_browser = [row.rstrip() for row in in_browser]
    first = in_browser.index(next(row for row in in_browser if "Shafaq News" in row)) + 2
    assert ARABIC.search(in_browser[first])  # a row of the article's text, compared below
    assert in_browser == in_tmux
    assert browser.draws_cells_on_canvas()  # and the rows are painted as they are held


ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def _all(*tests: Any) -> Any:
    return lambda rows: all(test(rows) for test in tests)


def test_a_closed_tab_ends_its_session_and_keeps_its_change(
    served: Served, browser: Browser
) -> None:
    browser.open(f"{served.server.url}/?token={served.token}")
    browser.wait_for_rows(_shows("nothing to save"))
    assert len(_children(served.server.process.pid)) == 1  # alice's hamish
    browser.keys("1")
    browser.wait_for_rows(_shows("1 span"))
    browser.quit()  # the tab goes, with whatever was not yet saved
    deadline = time.monotonic() + 30
    while _children(served.server.process.pid):
        assert time.monotonic() < deadline, "the session outlived its tab"
        time.sleep(0.1)  # polling for the state "the session has ended", bounded above
    rows = _query(
        served.store, "SELECT c.record FROM states s JOIN changes c ON c.id = s.change_id"
    )
    assert [[(s["start"], s["end"], s["label"]) for s in r[0]["spans"]] for r in rows] == [
        [(0, 3, "PER")]
    ]
