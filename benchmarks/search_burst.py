"""A search typed in one burst, on a loaded machine: how many are lost.

    python benchmarks/search_burst.py [--runs 50] [--hogs 2] [--early]

Each run starts the installed ``hamish`` on the seed article in a tmux pane of
100x40 cells (a tmux server of its own, no user config), waits until the
article is drawn (with ``--early``: does not wait, so the keys come while
hamish is still starting), then sends ``/داعش`` and Enter in one ``send-keys``,
as a paste or a fast typist sends them, and waits up to 20 s for the search's
answer, ``match 1 of 19``.  Meanwhile ``--hogs`` processes spin on the CPU
(``python -c "while True: pass"``).

A run is lost when that answer never comes: the screen then shows what became
of the keys (the search box still open: Enter lost; another message: letters
lost; a traceback: a crash).  It prints one line per loss and the count, and
exits 1 if any run was lost.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
QUERY = "داعش"
ANSWER = "match 1 of 19"
HAMISH = str(Path(sys.executable).parent / "hamish")


def tmux(socket: str, *args: str) -> str:
    out = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30)
    return out.stdout


def screen(socket: str) -> str:
    return tmux(socket, "capture-pane", "-t", "t", "-p")


def wait_for(socket: str, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in screen(socket):
            return True
        time.sleep(0.05)
    return False


def what_became(shown: str) -> str:
    """The screen of a lost run, in a few words."""
    if "Traceback" in shown or "Error" in shown:
        return "crashed"
    if QUERY in shown:  # the box shows the letters as typed; the article, shaped
        return "Enter lost (the search box is still open)"
    if "search: Enter finds" in shown:
        return "every key after / lost (the search box is open and empty)"
    if "not found" in shown:
        return "letters lost (searched for something else)"
    return "no answer"


def one_run(number: int, home: Path, early: bool) -> str | None:
    """None if the search answered; else what went wrong."""
    socket = f"hamish-burst-{os.getpid()}-{number}"
    config = home / f"config-{number}.toml"
    command = (
        f"env HAMISH_CONFIG={config} TERM=xterm-256color LANG=C.UTF-8 "
        f"'{HAMISH}' --width 60 '{SEED}'; sleep 30"
    )
    tmux(socket, "new-session", "-d", "-s", "t", "-x", "100", "-y", "40", command)
    try:
        if not early and not wait_for(socket, "Shafaq News", 30):
            return "the article was never shown"
        tmux(socket, "send-keys", "-t", "t", "/" + QUERY, "Enter")
        if wait_for(socket, ANSWER, 20):
            return None
        return what_became(screen(socket))
    finally:
        tmux(socket, "kill-server")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--hogs", type=int, default=2)
    parser.add_argument("--early", action="store_true", help="send the keys at once")
    args = parser.parse_args()
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.hogs)]
    lost = 0
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for number in range(args.runs):
                problem = one_run(number, Path(tmp), args.early)
                if problem is not None:
                    lost += 1
                    print(f"run {number + 1}: {problem}", flush=True)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    seconds = time.monotonic() - started
    print(
        f"{lost} of {args.runs} searches lost, with {args.hogs} CPU-bound processes "
        f"running ({seconds:.0f} s)"
    )
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
