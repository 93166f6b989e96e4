"""News with the installed command, in a real terminal: hamish feeds add / refresh,
the news screen, and hamish URL, all against the local server."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from news_server import ARTICLE_PARAGRAPHS, CP1256_ENTRY_TITLES, UTF8_FEED_TITLE, NewsServer
from test_reader_tmux import Tmux, holds_in_order, render, wait_until

pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "tmux"], capture_output=True).returncode != 0,
    reason="tmux is not installed (CI installs it)",
)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(tmp_path)
    yield t
    t.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAMISH_", "XDG_"))}
    env.update(
        HAMISH_DATA=str(tmp_path / "data"),
        HAMISH_CONFIG=str(tmp_path / "config.toml"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        LANG="C.UTF-8",
        TERM="xterm-256color",
    )
    return env


def shell(env: dict[str, str]) -> str:
    return "env " + " ".join(
        f"{k}='{v}'" for k, v in env.items() if k.startswith(("HAMISH", "XDG", "LANG", "TERM"))
    )


def visual(hamish: str, text: str, tmp_path: Path) -> str:
    """``text`` as hamish draws it on one row (its render command)."""
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    return render(hamish, str(path), "--width", "200")[0].strip()


def test_subscribe_refresh_and_read_correct_arabic(
    hamish: str,
    tmux: Tmux,
    env: dict[str, str],
    news_server: NewsServer,
    tmp_path: Path,
) -> None:
    for path in ("/utf8.rss", "/cp1256-bare.rss"):
        done = subprocess.run(
            [hamish, "feeds", "add", news_server.url(path)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    out = tmp_path / "refresh.out"
    tmux.start(f"{shell(env)} '{hamish}' feeds refresh > '{out}'; sleep 5", 100, 30)
    deadline_lines = tmux.wait_for(lambda s: out.exists() and "refreshed" in out.read_text())
    assert "Traceback" not in "\n".join(deadline_lines)
    assert out.read_text().strip() == "2 feeds refreshed: 4 new entries, 0 failed"

    news = Tmux(tmp_path)  # a terminal of its own for the news screen
    try:
        news.start(f"{shell(env)} '{hamish}' feeds; sleep 5", 120, 30)
        # The undeclared cp1256 feed's titles, joined and in visual order, as hamish draws them.
        for title in (UTF8_FEED_TITLE, CP1256_ENTRY_TITLES[0]):
            want = visual(hamish, title, tmp_path)
            news.wait_for(lambda s, want=want: any(want in line for line in s))
        news.keys("q")
    finally:
        news.close()


def test_hamish_url_opens_a_web_article(
    hamish: str,
    tmux: Tmux,
    env: dict[str, str],
    news_server: NewsServer,
    tmp_path: Path,
) -> None:
    tmux.start(f"{shell(env)} '{hamish}' '{news_server.url('/article/1.html')}'; sleep 5", 100, 40)
    paragraph = tmp_path / "p.txt"
    paragraph.write_text(ARTICLE_PARAGRAPHS[0], encoding="utf-8")
    rows = render(hamish, str(paragraph), "--width", "80")
    screen = tmux.wait_for(lambda s: holds_in_order(s, rows, 9))
    assert "Traceback" not in "\n".join(screen)
    assert not any("الأكثر" in line or "ﺮﺜﻛﻷﺍ" in line for line in screen)  # no sidebar
    tmux.keys("q")


def test_hamish_url_that_fails_is_a_notice_not_a_crash(
    hamish: str,
    tmux: Tmux,
    env: dict[str, str],
    news_server: NewsServer,
) -> None:
    url = news_server.url("/error.rss")
    tmux.start(f"{shell(env)} '{hamish}' '{url}'; sleep 5", 100, 30)
    screen = tmux.wait_for(lambda s: any("HTTP 500" in line for line in s))
    assert "Traceback" not in "\n".join(screen)


def test_feeds_without_a_url_scheme_is_one_line(hamish: str, env: dict[str, str]) -> None:
    done = subprocess.run(
        [hamish, "feeds", "add", "javascript:alert(1)"], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (
        2,
        "hamish feeds: javascript:alert(1): not an http or https URL\n",
    )


def test_q_does_not_wait_for_a_slow_feed(
    hamish: str, tmux: Tmux, env: dict[str, str], news_server: NewsServer, tmp_path: Path
) -> None:
    """Quitting while a feed is slow to answer ends hamish at once: it does not
    wait for the fetch (whose timeout is 20 s) to give up."""
    for path in ("/utf8.rss", "/slow.rss"):  # the slow one answers only when the test ends
        added = subprocess.run(
            [hamish, "feeds", "add", news_server.url(path)], env=env, capture_output=True
        )
        assert added.returncode == 0, added.stderr
    ended = tmp_path / "ended"
    tmux.start(f"{shell(env)} '{hamish}'; touch '{ended}'; sleep 30", 120, 30)
    tmux.wait_for(lambda s: any("Feeds: 2" in line for line in s))
    tmux.keys("C-n")
    tmux.wait_for(lambda s: any("r Refresh feeds" in line for line in s))
    tmux.keys("r")
    # The quick feed is in; the slow one is still being fetched.
    tmux.wait_for(lambda s: any("refreshing: 1 feed to go" in line for line in s))
    tmux.keys("q")
    # Bounded well under the fetch's 20 s: before, q waited for it to time out.
    wait_until(ended.exists, timeout=5)
