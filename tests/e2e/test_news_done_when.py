"""Issue 12's "Done when", walked with the installed command in tmux, in the
README's words: subscribe to a UTF-8 feed and an undeclared cp1256 one,
refresh, read correct Arabic, open an entry's full text, quit in the middle,
come back to the same place, save three articles to a corpus, annotate it."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from news_server import (
    CP1256_ENTRY_TITLES,
    LONG_PARAGRAPHS,
    UTF8_ENTRY_TITLES,
    UTF8_FEED_TITLE,
    NewsServer,
)
from test_news_tmux import env, shell, tmux, visual  # noqa: F401 - fixtures
from test_reader_tmux import SCROLLBAR, Tmux, read, render, wait_until

SIZE = (120, 40)


def shows(screen: list[str], rows: list[str]) -> bool:
    """The screen shows ``rows`` one under another (wherever they are centred)."""
    shown = [SCROLLBAR.sub("", line).strip() for line in screen]
    want = [row.strip() for row in rows]
    return any(shown[i : i + len(want)] == want for i in range(len(shown) - len(want) + 1))


def paragraph_rows(hamish: str, text: str, tmp_path: Path) -> list[str]:
    """``text`` as the reader draws it in its 80-cell column (hamish render)."""
    path = tmp_path / "paragraph.txt"
    path.write_text(text, encoding="utf-8")
    return render(hamish, str(path), "--width", "80")


def start(term: Tmux, environ: dict[str, str], tmp_path: Path, *args: str) -> Path:
    """Run ``hamish ARGS`` in ``tmp_path``; the file its exit code goes to."""
    status = tmp_path / "status"
    status.unlink(missing_ok=True)
    quoted = " ".join(f"'{a}'" for a in args)
    term.start(
        f"cd '{tmp_path}' && {shell(environ)} {quoted}; echo $? > '{status}'; sleep 30", *SIZE
    )
    return status


def steady(term: Tmux, timeout: float = 60) -> list[str]:
    """The screen once four captures over a second are the same (the keys sent
    are all drawn, a scroll's animation too, even when frames come slowly)."""
    deadline = time.monotonic() + timeout
    seen = [term.screen()]
    while time.monotonic() < deadline:
        time.sleep(0.3)
        seen = [*seen[-3:], term.screen()]
        if len(seen) == 4 and all(s == seen[0] for s in seen):
            return seen[0]
    raise AssertionError("the screen never settled:\n" + "\n".join(seen[-1]))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[Path], Tmux]]:
    """A new terminal (a tmux server of its own) for each run; all closed at the end."""
    made: list[Tmux] = []

    def make(where: Path) -> Tmux:
        made.append(Tmux(where))
        return made[-1]

    yield make
    for term in made:
        term.close()


def open_oldest_entry(term: Tmux) -> None:
    """In the Feeds section (where `hamish feeds` starts), the fourth entry: the
    UTF-8 feed's first, whose page is long."""
    term.keys("Down", "Down", "Down")
    term.keys("Enter")


def test_done_when_in_the_readmes_words(
    hamish: str,
    tmux: Tmux,  # noqa: F811 - the fixture
    env: dict[str, str],  # noqa: F811
    terminal: Callable[[Path], Tmux],
    news_server: NewsServer,
    tmp_path: Path,
) -> None:
    # hamish feeds add URL (twice), hamish feeds refresh.
    for path, title in (("/utf8.rss", []), ("/cp1256-bare.rss", ["--title", "صحيفة الجنوب"])):
        added = subprocess.run(
            [hamish, "feeds", "add", news_server.url(path), *title],
            env=env,
            capture_output=True,
            text=True,
        )
        assert added.returncode == 0, added.stderr
    refreshed = subprocess.run(
        [hamish, "feeds", "refresh"], env=env, capture_output=True, text=True, timeout=60
    )
    assert refreshed.stdout.strip() == "2 feeds refreshed: 4 new entries, 0 failed"

    # hamish feeds: correct Arabic, both feeds, the undeclared cp1256 one too.
    status = start(tmux, env, tmp_path, hamish, "feeds")
    for title in (UTF8_FEED_TITLE, CP1256_ENTRY_TITLES[0], UTF8_ENTRY_TITLES[0]):
        want = visual(hamish, title, tmp_path)
        tmux.wait_for(lambda s, want=want: any(want in line for line in s))

    # Enter: the entry's full text, its page fetched (the feed has a summary only).
    open_oldest_entry(tmux)
    first = paragraph_rows(hamish, LONG_PARAGRAPHS[0], tmp_path)
    tmux.wait_for(lambda s: shows(s, first) and any("7,142 characters" in line for line in s))

    # Read on to the middle, and quit there.
    tmux.keys("PageDown")
    tmux.wait_for(lambda s: not shows(s, first))
    middle = steady(tmux)
    deep = [
        n
        for n, text in enumerate(LONG_PARAGRAPHS)
        if shows(middle, paragraph_rows(hamish, text, tmp_path))
    ]
    assert deep and deep[0] > 10, "\n".join(middle)
    at_top = paragraph_rows(hamish, LONG_PARAGRAPHS[deep[0]], tmp_path)
    tmux.keys("q")
    wait_until(lambda: read(status).strip() == "0")

    # Come back: the same entry opens where it was left.
    tmux = terminal(tmp_path)
    status = start(tmux, env, tmp_path, hamish, "feeds")
    tmux.wait_for(lambda s: any("Feeds: 2" in line for line in s))
    open_oldest_entry(tmux)
    tmux.wait_for(lambda s: any("7,142 characters" in line for line in s))
    back = tmux.wait_for(lambda s: shows(s, at_top))
    assert not shows(back, first)

    # Escape: back to the library's Feeds section; S on three entries.
    tmux.keys("Escape")
    tmux.wait_for(lambda s: any("S Save to corpus" in line for line in s))
    corpus = tmp_path / "corpus.jsonl"
    for key in ("S", "Up", "S", "Up", "S"):
        # Counted before the key is sent: the save can land before send-keys returns.
        saved = read(corpus).count("\n") + 1
        tmux.keys(key)
        if key == "S":
            # Its page fetched and extracted first: slow under load.
            try:
                wait_until(lambda saved=saved: read(corpus).count("\n") == saved)
            except AssertionError:
                raise AssertionError("\n".join(tmux.screen())) from None
    tmux.keys("q")
    wait_until(lambda: read(status).strip() == "0")

    records = [json.loads(line) for line in read(corpus).splitlines()]
    assert [r["meta"]["title"] for r in records] == [
        UTF8_ENTRY_TITLES[0],
        CP1256_ENTRY_TITLES[0],
        UTF8_ENTRY_TITLES[1],
    ]
    assert records[0]["text"].splitlines()[1:] == list(LONG_PARAGRAPHS)  # the full text
    assert all(r["meta"]["extractor"].startswith("trafilatura ") for r in records)

    # hamish --labels PER,ORG,GPE corpus.jsonl: annotate it.
    tmux = terminal(tmp_path)
    status = start(tmux, env, tmp_path, hamish, "--labels", "PER,ORG,GPE", "corpus.jsonl")
    # The document drawn and its saved state read (the status line says both),
    # then its first token labelled (said too) before q.
    tmux.wait_for(lambda s: any("GPE" in line for line in s) and any("0 spans" in x for x in s))
    tmux.keys("3")
    tmux.wait_for(lambda s: any("1 span ·" in line for line in s))
    tmux.keys("q")
    wait_until(lambda: read(status).strip() == "0")
    output = tmp_path / "corpus.annotations.jsonl"
    saved_task = json.loads(read(output).splitlines()[-1])
    assert saved_task["text"] == records[0]["text"]
    assert [s["label"] for s in saved_task["spans"]] == ["GPE"]
