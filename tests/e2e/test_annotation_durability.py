"""The saved annotations survive what a user's machine does to them.

The installed `hamish` runs on a pty, driven by keys as a user drives it:

* killed with SIGKILL in the middle of annotating, then started again: every
  edit made more than a second before the kill is in the file, and the lock
  the killed process left behind does not stop the restart;
* a second hamish on the same output file stops at once, exit code 2, with
  one line naming the file and the pid of the first;
* a torn last line (what a kill in the middle of a write leaves) is moved to
  a side file on start, said on screen, and every line before it is kept.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import random
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.annotation.hashing import doc_id_for
from reader.annotation.records import task_record
from reader.annotation.spans import Span
from reader.annotation.tokens import tokenize
from reader.bundled import sample_path
from reader.documents import load_article

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
ARTICLE = load_article(SEED)
TEXT = ARTICLE.text
TOKENS = tokenize(TEXT)
LABELS = ["PER", "ORG", "GPE"]
LEFT = b"\x1b[D"
ROWS, COLS = 40, 100

# The status line once a document is shown: "3 spans · nothing to save".
SHOWN = re.compile(rb"(\d+) spans \xc2\xb7 nothing to save")
# The status line once a first label is on screen and its save not yet due.
PENDING = "1 span · unsaved changes".encode()


class Hamish:
    """One `hamish` on a pty of its own, its output read as it comes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal before hamish asks, then run it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.out = bytearray()
        self.status: int | None = None  # the exit code, once it has ended
        self._eof = False

    def pump(self, seconds: float) -> None:
        """Read what hamish draws for ``seconds`` (it must never block on a full pty)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self._eof:
                time.sleep(min(left, 0.02))
                continue
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # EIO: the child has gone
                    chunk = b""
                if chunk:
                    self.out += chunk
                else:
                    self._eof = True

    def wait_for(self, pattern: re.Pattern[bytes] | bytes, timeout: float = 20) -> bool:
        """Read until ``pattern`` is in the output (True), or hamish ends or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = (
                pattern.search(self.out) if isinstance(pattern, re.Pattern) else pattern in self.out
            )
            if found:
                return True
            if self.poll() is not None:
                self.pump(0.1)  # what it wrote last
                return bool(
                    pattern.search(self.out)
                    if isinstance(pattern, re.Pattern)
                    else pattern in self.out
                )
            self.pump(0.05)
        return False

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def poll(self) -> int | None:
        """The exit code if hamish has ended, else None."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait_exit(self, timeout: float = 15) -> int | None:
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            self.pump(0.05)
        return self.status

    def kill(self) -> None:
        """SIGKILL, and reap it."""
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        self.kill()
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def tail(self) -> str:
        """The end of what it drew, escapes stripped, for failure messages."""
        text = re.sub(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", b" ", bytes(self.out[-6000:]))
        return re.sub(r"\s+", " ", text.decode("utf-8", "replace"))[-1500:]


@pytest.fixture
def run(clean_env: dict[str, str], tmp_path: Path) -> Iterator:
    """Start hamish on a pty with its config in ``tmp_path``; all are killed at the end."""
    env = dict(clean_env, TERM="xterm-256color", HAMISH_CONFIG=str(tmp_path / "config.toml"))
    started: list[Hamish] = []

    def start(argv: list[str]) -> Hamish:
        child = Hamish(argv, env)
        started.append(child)
        return child

    yield start
    for child in started:
        child.close()


def shown(child: Hamish) -> int:
    """Wait for the document to be drawn; the number of spans its status line shows."""
    assert child.wait_for(SHOWN), (
        f"the document was not shown (exit code {child.poll()}): {child.tail()}"
    )
    child.pump(0.3)  # let the first layout finish before keys move the cursor
    return int(SHOWN.findall(child.out)[-1])


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def lock_path(out: Path) -> Path:
    return Path(os.path.realpath(out) + ".lock")


def test_sigkill_loses_at_most_the_last_second_of_edits(hamish: str, run, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    argv = [hamish, "--labels", ",".join(LABELS), "--output", str(out), "--width", "60", SEED]
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    # The first eight tokens are plain Arabic words (and a slash) on the first
    # row: the cursor starts on the first, and Left steps to the next in
    # reading order (the row is right to left).
    edits_per_round = 8
    assert TOKENS[edits_per_round - 1].end < 50 and "\n" not in TEXT[: TOKENS[7].end]
    # When the kill comes after the last key: at once, before its save is due,
    # and about when its save runs.
    kill_after = [(0.0, 0.1), (0.1, 0.3), (0.45, 0.65)]
    ever: set[tuple[int, int, str]] = set()  # every span any edit may have made
    child = run(argv)
    assert shown(child) == 0
    for round_no, (low, high) in enumerate(kill_after):
        edits: list[tuple[float, tuple[int, int, str]]] = []  # when, and the span it makes
        for i in range(edits_per_round):
            if i:
                child.send(LEFT)
                child.pump(rng.uniform(0.04, 0.1))
            number = (i + round_no) % len(LABELS) + 1  # another label than last round's
            child.send(str(number).encode())
            span = (TOKENS[i].start, TOKENS[i].end, LABELS[number - 1])
            edits.append((time.monotonic(), span))
            ever.add(span)
            if i < edits_per_round - 1:
                child.pump(rng.uniform(0.15, 0.35))
        child.pump(rng.uniform(low, high))
        killed_at = time.monotonic()
        child.kill()
        why = f"round {round_no}, random seed {seed}"
        assert child.status == -signal.SIGKILL, why

        # The killed process's lock file is left behind, naming it ...
        lock = lock_path(out)
        assert lock.read_text().split()[0] == str(child.pid), why
        # ... and does not stop hamish starting again on the same file.
        child = run(argv)
        count = shown(child)
        saved = records(out)  # a torn last line, if any, has been moved aside
        assert saved, why
        latest = {(s["start"], s["end"], s["label"]) for s in saved[-1]["spans"]}
        for when, span in edits:
            if when < killed_at - 1.0:
                assert span in latest, (
                    f"{why}: an edit {killed_at - when:.2f} s before the kill was lost: "
                    f"{span} not in {sorted(latest)}"
                )
        assert latest <= ever, why  # nothing saved that no key made
        assert count == len(latest), why  # and the restart shows what was saved
        assert lock.read_text().split()[0] == str(child.pid), why

    # The last start quits cleanly and lets go of the file.
    before = out.read_bytes()
    child.send(b"q")
    assert child.wait_exit() == 0, child.tail()
    assert out.read_bytes() == before  # no edit, nothing written
    assert not lock_path(out).exists()
    for side in tmp_path.glob("out.jsonl.torn-*"):  # a kill mid-write: only a partial line
        assert not side.read_bytes().endswith(b"\n")


def test_a_second_hamish_on_the_same_file_exits_2(
    hamish: str, run, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    argv = [hamish, "--labels", "PER,ORG,GPE", "--output", str(out), SEED]
    first = run(argv)
    shown(first)
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))
    second = subprocess.run(
        [hamish, "--labels", "PER", "--output", str(out), SEED],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert second.returncode == 2, second.stderr
    lines = second.stderr.splitlines()
    assert len(lines) == 1, second.stderr
    assert str(out) in lines[0]
    assert f"in use by another hamish (pid {first.pid})" in lines[0]
    assert second.stdout == ""
    assert first.poll() is None  # the first goes on undisturbed

    first.send(b"q")
    assert first.wait_exit() == 0, first.tail()
    assert not lock_path(out).exists()
    third = run(argv)
    assert shown(third) == 0
    third.send(b"q")
    assert third.wait_exit() == 0, third.tail()


def test_a_torn_last_line_is_moved_aside_on_start(hamish: str, run, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    # A good record of the seed (two ORG spans), then half of a later one:
    # what a kill in the middle of a save leaves.
    words = [
        Span(TOKENS[0].start, TOKENS[1].end, "ORG"),  # شفق نيوز
        Span(TOKENS[4].start, TOKENS[5].end, "ORG"),  # التحالف الدولي
    ]
    record = task_record(
        text=TEXT,
        meta=dict(ARTICLE.meta),
        doc_id=doc_id_for(SEED),
        spans=words,
        answer=None,
        annotator="tester",
        tokens=TOKENS,
    )
    good = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    later = dict(record, spans=record["spans"][:1])
    torn = json.dumps(later, ensure_ascii=False).encode()[:700]
    out.write_bytes(good + torn)

    child = run([hamish, "--labels", "PER,ORG,GPE", "--output", str(out), SEED])
    assert shown(child) == 2, child.tail()  # the good record's spans are back
    assert child.wait_for(b"torn", timeout=5), child.tail()  # the notice, on screen
    sides = list(tmp_path.glob("out.jsonl.torn-*"))
    assert len(sides) == 1
    assert sides[0].read_bytes() == torn
    assert out.read_bytes() == good
    child.send(b"q")
    assert child.wait_exit() == 0, child.tail()
    assert out.read_bytes() == good


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_closed_terminal_or_sigterm_saves_what_is_pending(
    hamish: str, run, tmp_path: Path, sig: signal.Signals
) -> None:
    """A label made just before the terminal goes away is saved, not lost with
    the half second before its save was due."""
    out = tmp_path / "out.jsonl"
    child = run([hamish, "--labels", ",".join(LABELS), "--output", str(out), "--width", "60", SEED])
    assert shown(child) == 0
    child.send(b"1")  # label the first token
    # On screen, not yet saved (the save is due 0.3 s after the change): now.
    assert child.wait_for(PENDING), child.tail()
    os.kill(child.pid, sig)
    assert child.wait_exit() == 0
    first = TOKENS[0]
    spans = [(s["start"], s["end"], s["label"]) for s in records(out)[-1]["spans"]]
    assert spans == [(first.start, first.end, LABELS[0])]
    assert not lock_path(out).exists()
