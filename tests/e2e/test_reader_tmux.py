"""The installed `hamish` in a real terminal (tmux), as a user drives it.

Skipped only where tmux is missing; .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.files.bundled import sample_path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)"
)


# How long a wait for a state may take before it fails: generous, because the
# full suite runs four workers on two cores, where starting hamish, fetching
# and extracting a page can take many times what they take alone.  A passing
# run never waits for it.
LOADED_MACHINE = 60.0


class Tmux:
    """One tmux server of our own, one session, one pane."""

    def __init__(self, tmp: Path) -> None:
        self.socket = f"hamish-test-{os.getpid()}-{time.monotonic_ns()}"
        self.tmp = tmp

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return out.stdout

    def start(self, command: str, width: int, height: int) -> None:
        self.run("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), command)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "t", "-l", text)

    def screen(self) -> list[str]:
        return self.run("capture-pane", "-t", "t", "-p").split("\n")

    def wait_for(
        self, found: Callable[[list[str]], bool], timeout: float = LOADED_MACHINE
    ) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen()
            if found(lines):
                return lines
            if time.monotonic() > deadline:
                size = self.run("display", "-p", "-t", "t", "#{pane_width}x#{pane_height}").strip()
                raise AssertionError(f"the {size} screen never showed it:\n" + "\n".join(lines))
            time.sleep(0.2)

    def close(self) -> None:
        self.run("kill-server")


def wait_until(done: Callable[[], bool], timeout: float = LOADED_MACHINE) -> None:
    """Poll ``done`` until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done after {timeout} s: {done}")
        time.sleep(0.1)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def tmux(tmp_path: Path):
    t = Tmux(tmp_path)
    yield t
    t.close()


def render(hamish: str, *args: str) -> list[str]:
    out = subprocess.run(
        [hamish, "render", *args], capture_output=True, text=True, timeout=30, check=True
    )
    return [line.rstrip() for line in out.stdout.split("\n") if line.strip()]


SCROLLBAR = re.compile("\\s*[\u2580-\u259f]\\s*$")  # the thumb's block glyph at the right edge


def holds_in_order(screen: list[str], rows: list[str], margin: int) -> bool:
    """The screen shows ``rows`` one under another, ``margin`` cells in."""
    shown = [SCROLLBAR.sub("", line).rstrip() for line in screen]
    want = [(" " * margin + row).rstrip() for row in rows]
    return any(shown[i : i + len(want)] == want for i in range(len(shown) - len(want) + 1))


def test_reading_the_seed_in_a_real_terminal(hamish: str, tmux: Tmux, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    status = tmp_path / "status"
    tmux.start(
        f"env HAMISH_CONFIG={config} TERM=xterm-256color LANG=C.UTF-8 "
        f"'{hamish}' --width 60 '{SEED}'; echo $? > '{status}'; sleep 5",
        100,
        40,
    )
    rows = render(hamish, SEED, "--width", "60")
    # 100 columns, a one-cell scrollbar: the 60-cell column starts at (99 - 60) // 2.
    screen = tmux.wait_for(lambda s: holds_in_order(s, rows[:20], 19))
    assert "Traceback" not in "\n".join(screen)
    # Title and metadata in the header.
    assert any("Shafaq News" in line and "2022-01-23" in line for line in screen)

    tmux.keys("Space")
    tmux.wait_for(lambda s: holds_in_order(s, rows[35:50], 19))
    tmux.keys("g")
    tmux.wait_for(lambda s: holds_in_order(s, rows[:10], 19))

    tmux.keys("/")
    tmux.wait_for(lambda s: any("search: Enter finds" in line for line in s))
    tmux.type("داعش")
    # The box shows the query shaped, right to left, under the input.
    tmux.wait_for(lambda s: any("\ufeb6\ufecb\ufe8d\ufea9" in line for line in s))
    tmux.keys("Enter")
    tmux.wait_for(lambda s: any("match 1 of" in line for line in s))

    # Narrower than the column: the rows reflow to the window.
    tmux.run("resize-window", "-t", "t", "-x", "50", "-y", "30")
    narrow = render(hamish, SEED, "--width", "49")
    tmux.wait_for(
        lambda s: any(holds_in_order(s, narrow[i : i + 8], 0) for i in range(len(narrow) - 8))
    )

    tmux.keys("C-p")
    tmux.wait_for(lambda s: any("Search for commands" in line for line in s))
    tmux.type("theme: hamish-light")
    # Typed in the palette's box, and found in its list.
    tmux.wait_for(lambda s: sum("theme: hamish-light" in line for line in s) >= 2)
    tmux.keys("Enter")
    wait_until(lambda: 'theme = "hamish-light"' in read(config))
    tmux.keys("h")
    tmux.wait_for(lambda s: any("harakat hidden" in line for line in s))
    wait_until(lambda: "harakat = false" in read(config))
    tmux.keys("q")
    wait_until(lambda: read(status).strip() != "")
    assert read(status).strip() == "0"
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved["theme"] == "hamish-light" and saved["harakat"] is False


def test_a_search_typed_in_one_burst_keeps_every_letter(
    hamish: str, tmux: Tmux, tmp_path: Path
) -> None:
    """/, the query and Enter in one send-keys, as a paste or a macro sends them."""
    tmux.start(
        f"env HAMISH_CONFIG={tmp_path / 'c.toml'} TERM=xterm-256color LANG=C.UTF-8 "
        f"'{hamish}' --width 60 '{SEED}'; sleep 5",
        100,
        40,
    )
    tmux.wait_for(lambda s: any("Shafaq News" in line for line in s))
    tmux.keys("/داعش", "Enter")
    tmux.wait_for(lambda s: any("match 1 of 19" in line for line in s))


def test_a_search_typed_before_hamish_is_up_is_not_lost(
    hamish: str, tmux: Tmux, tmp_path: Path
) -> None:
    """The same keys sent as hamish starts: they wait in the terminal, the
    Enter turned into a newline by the terminal until hamish sets it up."""
    tmux.start(
        f"env HAMISH_CONFIG={tmp_path / 'c.toml'} TERM=xterm-256color LANG=C.UTF-8 "
        f"'{hamish}' --width 60 '{SEED}'; sleep 5",
        100,
        40,
    )
    tmux.keys("/داعش", "Enter")
    tmux.wait_for(lambda s: any("match 1 of 19" in line for line in s))
